"""Renaming a character everywhere: the bible's name, and every cue, note and mention in the scripts.

`plan_rename` only plans: it returns, per file, the text as it is and the replacements to make, so
the command line can print a diff or write the files, and an editor can apply the same edits.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.model.bible import Bible, parse_bible_text
from toolkit.model.bible_edits import Replacement, apply_replacements, rename_character
from toolkit.continuity.check import BIBLE_NAME, Texts, find_scripts
from toolkit.errors import BibleError, InputError
from toolkit.model.names import NameIndex, fold
from toolkit.continuity.script import note_words
from toolkit.files.textio import MAX_SCRIPT_BYTES, decode_text, read_bytes

_NOT_IN_NAMES = re.compile(r"[,;\[\]\n\r#:]")
_NOTE = re.compile(r"\[\[\s*([^\W\d_][\w ]*?)\s*:(.*?)\]\]", re.DOTALL)
# after a name: nothing more of a word, or a genitive or possessive ending ("Nadjas", "Nadja's")
_NAME_END = r"(?=(?:['’‘]s|s|['’‘])?(?![\w\-]))"


@dataclass
class FileEdit:
    """The replacements to make in one file, and the text they apply to."""

    path: Path
    text: str
    replacements: list[Replacement] = field(default_factory=list)

    @property
    def new_text(self) -> str:
        return apply_replacements(self.text, self.replacements)

    def diff(self) -> str:
        name = self.path.as_posix()
        old, new = (name, name) if self.path.is_absolute() else (f"a/{name}", f"b/{name}")
        return "".join(difflib.unified_diff(self.text.splitlines(keepends=True),
                                            self.new_text.splitlines(keepends=True), fromfile=old, tofile=new))


@dataclass
class RenamePlan:
    """What renaming a character changes: one FileEdit per file that changes."""

    character: str  # the character's id
    old: str
    new: str
    edits: list[FileEdit] = field(default_factory=list)

    def diff(self) -> str:
        return "".join(edit.diff() for edit in self.edits)

    @property
    def count(self) -> int:
        return sum(len(edit.replacements) for edit in self.edits)


def _read(path: Path, texts: Texts | None) -> str:
    if texts and path in texts:
        return texts[path]
    error = BibleError if path.name == BIBLE_NAME else InputError
    return decode_text(read_bytes(path, limit=MAX_SCRIPT_BYTES, error=error), path, keep_line_endings=True)


def _story_scripts(folder: Path, bible: Bible, texts: Texts | None) -> list[Path]:
    """The scripts of the bible's `scripts:`, then every other Fountain file of the folder."""
    paths = list(find_scripts(folder, bible))
    unsaved = [p for p in (texts or {}) if p.suffix == ".fountain" and p.parent == folder]
    for path in sorted({*folder.glob("*.fountain"), *unsaved}, key=lambda p: p.name):
        if path not in paths:
            paths.append(path)
    return paths


def _note_spans(text: str) -> list[tuple[int, int]]:
    """Where the bodies of cast and death notes are: names there are renamed in any case."""
    keywords = note_words().keywords
    return [(match.start(2), match.end(2)) for match in _NOTE.finditer(text)
            if keywords.get(match.group(1).casefold()) in ("cast", "dies")]


def _same_case(written: str, new: str) -> str:
    return new.upper() if written.isupper() and not new.isupper() else new


def _name_pattern(name: str) -> re.Pattern:
    words = [re.escape(word) for word in name.split()]
    return re.compile(r"(?<![\w\-'’])" + r"[ \t]+".join(words) + _NAME_END, re.IGNORECASE)


def script_replacements(text: str, old: str, new: str, longer: list[str] = ()) -> list[Replacement]:
    """Every cue (extensions kept), cast or death note name and capitalised mention of `old`.

    `old` inside one of the `longer` names ("Vell" in "Mara Vell") is left alone.
    """
    notes = _note_spans(text)
    taken = [match.span() for name in longer for match in _name_pattern(name).finditer(text)]
    out = []
    for match in _name_pattern(old).finditer(text):
        written = match.group()
        inside = any(start <= match.start() < end for start, end in taken)
        in_note = any(start <= match.start() < end for start, end in notes)
        if not inside and (written[0].isupper() or in_note):
            out.append(Replacement(match.start(), match.end(), _same_case(written, new)))
    return out


def _longer_names(bible: Bible, old: str) -> list[str]:
    """Names and aliases in the bible that hold `old` as some of their words."""
    pattern = _name_pattern(old)
    return [name for c in bible.story.characters for name in c.names
            if len(name.split()) > len(old.split()) and pattern.search(name)]


def _check_new_name(new: str, old: str, index: NameIndex, ident: str, bible_path: Path) -> None:
    if not new.strip() or _NOT_IN_NAMES.search(new):
        raise InputError(f"'{new}' cannot be a name: use letters, spaces, hyphens and apostrophes",
                         path=bible_path)
    owner = index.lookup(new)
    if owner is not None and owner != ident:
        raise InputError(f"'{new}' is already a name of '{owner}'; choose another name", path=bible_path)
    if new == old:
        raise InputError(f"'{old}' is already called so; nothing to rename", path=bible_path)


def plan_rename(folder: str | Path, old: str, new: str, *, texts: Texts | None = None) -> RenamePlan:
    """Plan renaming the character called `old` (its name or an alias) to `new` in a story folder.

    When `old` is the character's name (or id), the name becomes `new` and `old` stays as an alias;
    when it is an alias, `new` joins the aliases. In every script of the story, cues, cast and death
    notes and capitalised mentions of `old` become `new`. `texts`
    maps paths to unsaved texts used in place of the files. Nothing is written.
    """
    folder = Path(folder)
    bible_path = folder / BIBLE_NAME
    bible_text = _read(bible_path, texts)
    bible = parse_bible_text(bible_text, bible_path)
    old, new = " ".join(old.split()), " ".join(new.split())
    index = NameIndex.from_story(bible.story)
    ident = index.lookup(old) if fold(old) in index.names() else None
    character = bible.story.character(ident or old)
    if character is None:
        raise InputError(f"'{old}' is no name, alias or id of a character in the bible", path=bible_path)
    _check_new_name(new, old, index, character.id, bible_path)
    plan = RenamePlan(character.id, old, new)
    old_in_scripts = character.name if old == character.id else old
    longer = _longer_names(bible, old_in_scripts)
    for path in _story_scripts(folder, bible, texts):
        text = _read(path, texts)
        replacements = script_replacements(text, old_in_scripts, new, longer)
        if replacements:
            plan.edits.append(FileEdit(path, text, replacements))
    if fold(old_in_scripts) == fold(character.name):  # the name changes and the old one stays as an alias
        keep = character.name if fold(character.name) != fold(new) else None
        replacements = rename_character(bible_text, character.id, new, keep, bible_path)
    else:  # an alias: the new spelling joins it
        replacements = rename_character(bible_text, character.id, None, new, bible_path)
    plan.edits.append(FileEdit(bible_path, bible_text, replacements))
    return plan


def apply_rename(plan: RenamePlan) -> list[Path]:
    """Write a planned rename, each file after a dated backup of it, all files together (see
    toolkit.files.together: a symbolic link stays one); returns the backups."""
    from toolkit.files.together import replace_together

    return replace_together({edit.path: edit.new_text for edit in plan.edits})
