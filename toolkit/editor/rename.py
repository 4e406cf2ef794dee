"""Renaming a character everywhere: the bible's name, and every cue, note and mention in the scripts.

`plan_rename` only plans: it returns, per file, the text as it is and the replacements to make, so
the command line can print a diff or write the files, and an editor can apply the same edits.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.continuity.check import BIBLE_NAME, Texts, find_scripts
from toolkit.editor.name_places import (
    NamePlace,
    genitive,
    line_of,
    name_pattern,
    name_places,
    note_spans,
)
from toolkit.errors import BibleError, InputError
from toolkit.files.textio import MAX_SCRIPT_BYTES, decode_text, read_bytes
from toolkit.model.bible import Bible, parse_bible_text
from toolkit.model.bible_edits import (
    Replacement,
    apply_replacements,
    prose_scalars,
    rename_character,
    replace_alias,
)
from toolkit.model.names import NameIndex, fold

_NOT_IN_NAMES = re.compile(r"[,;\[\]\n\r#:]")


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
    left: list[tuple[Path, int, str]] = field(default_factory=list)  # ordinary words equal to a name

    def diff(self) -> str:
        return "".join(edit.diff() for edit in self.edits)

    def left_as_is(self) -> list[str]:
        """One line per place an equal word was left as is: file, line, the line."""
        return [f"left as is: {path.as_posix()}:{line}: {text.strip()}" for path, line, text in self.left]

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


def _same_case(written: str, new: str) -> str:
    return new.upper() if written.isupper() and not new.isupper() else new


def _replacement(place: NamePlace, new: str, language: str, quote: str = "") -> Replacement:
    text = genitive(_same_case(place.written, new), place.ending, language)
    return Replacement(place.start, place.end, text.replace("'", "''") if quote == "'" else text)


def script_replacements(text: str, old: str, new: str, longer: list[str] = (), language: str = "en",
                        left: list | None = None, pairs: list[tuple[str, str]] = ()) -> list[Replacement]:
    """Every cue (extensions kept), cast or death note name and capitalised mention of `old`, with its
    genitive made anew for `new`; then each (old part, new part) of `pairs` where the whole name is not.

    `old` inside one of the `longer` names ("Vell" in "Mara Vell") is left alone, and so is an ordinary
    noun that equals a one-word name where it stands ("der Wolf"); those go to `left` as offsets.
    """
    notes = note_spans(text)
    taken = [match.span() for name in longer for match in name_pattern(name).finditer(text)]
    out = []
    for name, replacement in [(old, new), *pairs]:
        for place in name_places(text, name, language, taken=taken, notes=notes):
            if place.kept:
                if left is not None:
                    left.append(place.start)
                continue
            out.append(_replacement(place, replacement, language))
            taken.append((place.start, place.end))
    return out


def _longer_names(bible: Bible, old: str, ident: str | None = None) -> list[str]:
    """Names and aliases in the bible (of others than `ident`) that hold `old` as some of their words."""
    pattern = name_pattern(old)
    return [name for c in bible.story.characters if c.id != ident for name in c.names
            if len(name.split()) > len(old.split()) and pattern.search(name)]


def _part_pairs(bible: Bible, index: NameIndex, ident: str, old: str, new: str) -> list[tuple[str, str]]:
    """(old word, new word) for each word of a full name that changes and means this character: an alias
    of theirs, or a word no one else's name holds ("Tilo Konrad" -> "Timo Kranich": KONRAD -> KRANICH)."""
    olds, news = old.split(), new.split()
    if len(olds) < 2 or len(olds) != len(news):
        return []
    pairs = []
    for before, after in zip(olds, news):
        if fold(before) == fold(after) or len(before.rstrip(".")) < 2:
            continue
        owner = index.lookup(before) if fold(before) in index.names() else None
        others = _longer_names(bible, before, ident)
        if owner == ident or (owner is None and not others):
            pairs.append((before, after))
    return pairs


def _check_new_name(new: str, old: str, index: NameIndex, ident: str, bible_path: Path) -> None:
    if not new.strip() or _NOT_IN_NAMES.search(new):
        raise InputError(f"'{new}' cannot be a name: use letters, spaces, hyphens and apostrophes",
                         path=bible_path)
    owner = index.lookup(new)
    if owner is not None and owner != ident:
        raise InputError(f"'{new}' is already a name of '{owner}'; choose another name", path=bible_path)
    if new == old:
        raise InputError(f"'{old}' is already called so; nothing to rename", path=bible_path)


def _bible_edits(bible_text: str, bible: Bible, character, old: str, new: str,
                 pairs: list[tuple[str, str]], longer: list[str], left: list) -> list[Replacement]:
    """The bible's own edits: the name or alias, aliases that are renamed parts, and the name in the
    title, summaries and other prose values."""
    path = bible.path
    if fold(old) == fold(character.name):  # the name changes and the old one stays as an alias
        keep = character.name if fold(character.name) != fold(new) else None
        edits = rename_character(bible_text, character.id, new, keep, path)
    else:  # an alias: the new spelling joins it
        edits = rename_character(bible_text, character.id, None, new, path)
    for before, after in pairs:
        edits += replace_alias(bible_text, character.id, before, after, path)
    language = bible.story.language
    for start, end, style in prose_scalars(bible_text, path):
        value = bible_text[start:end]
        kept: list[int] = []
        for replacement in script_replacements(value, old, new, longer, language, kept, pairs):
            text = replacement.text.replace("'", "''") if style == "'" else replacement.text
            edits.append(Replacement(start + replacement.start, start + replacement.end, text))
        left += [start + offset for offset in kept]
    return edits


def plan_rename(folder: str | Path, old: str, new: str, *, texts: Texts | None = None) -> RenamePlan:
    """Plan renaming the character called `old` (its name or an alias) to `new` in a story folder.

    When `old` is the character's name (or id), the name becomes `new` and `old` stays as an alias;
    when it is an alias, `new` joins the aliases. In every script of the story, cues, cast and death
    notes and capitalised mentions of `old` become `new`, genitives made anew ("Konrads" -> "Lux'"),
    and so do the words of a full name that mean the character; the bible's title and prose values
    too. An ordinary noun equal to a one-word name stays and is listed in `left`. `texts` maps paths
    to unsaved texts used in place of the files. Nothing is written.
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
    pairs = _part_pairs(bible, index, character.id, old_in_scripts, new)
    language = bible.story.language
    for path in _story_scripts(folder, bible, texts):
        text = _read(path, texts)
        kept: list[int] = []
        replacements = script_replacements(text, old_in_scripts, new, longer, language, kept, pairs)
        plan.left += [(path, *line_of(text, offset)) for offset in kept]
        if replacements:
            plan.edits.append(FileEdit(path, text, replacements))
    kept = []
    edits = _bible_edits(bible_text, bible, character, old_in_scripts, new, pairs, longer, kept)
    plan.left += [(bible_path, *line_of(bible_text, offset)) for offset in kept]
    plan.edits.append(FileEdit(bible_path, bible_text, sorted(edits)))
    return plan


def apply_rename(plan: RenamePlan) -> list[Path]:
    """Write a planned rename, each file after a dated backup of it, all files together (see
    toolkit.files.together: a symbolic link stays one); returns the backups."""
    from toolkit.files.together import replace_together

    return replace_together({edit.path: edit.new_text for edit in plan.edits})
