"""Quick fixes that do what a diagnostic's message says.

CB101 (unknown name): add the character to the bible; add the name as an alias of the one it
probably means; replace it with that character's name. CB102 (misspelling): add the spelling as an
alias; replace it with the bible's name (never with an alias that is itself a spelling variant).
CB201 (present after death): mark the scene as a flashback; ignore CB201 in this scene. CB202 (death
in two places): set the bible's death scene to this scene. Every rule of a scene: ignore it there,
with the note the README documents. No fix renames a character towards a misspelling.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from toolkit.continuity.incremental import StoryCheck
from toolkit.continuity.script import ScriptScene
from toolkit.editor.rename import FileEdit
from toolkit.errors import StorybibleError
from toolkit.model.bible_edits import (
    Replacement,
    add_character,
    rename_character,
    set_fate_scene,
)
from toolkit.model.names import NameIndex, proper_name, strip_titles

_NOTES = {"de": ("Rückblende", "Kontinuität: ignoriere"), "en": ("flashback", "continuity: ignore")}


class Fix(NamedTuple):
    title: str
    edits: list[FileEdit]
    preferred: bool = False


def _title(name: str) -> str:
    """A name in capitals as a bible writes it: "JEAN-LUC" -> "Jean-Luc"; other names as written."""
    return name.title() if name.isupper() else name


def _same_case(written: str, name: str) -> str:
    return name.upper() if written.isupper() else name


def scene_at(check: StoryCheck, path: Path, line: int) -> ScriptScene | None:
    """The scene of a file that holds a 1-based line."""
    found = None
    for scene in check.result.scenes:
        if Path(scene.file) == path and scene.line <= line:
            found = scene
    return found if found is not None and (not found.end_line or line <= found.end_line) else None


def _line_end(text: str, line: int) -> int:
    """The offset where a 1-based line's text ends."""
    at = 0
    for _ in range(line - 1):
        at = text.index("\n", at) + 1
    end = text.find("\n", at)
    end = len(text) if end == -1 else end
    return end - 1 if end > at and text[end - 1] == "\r" else end


def note_after_heading(text: str, scene: ScriptScene, note: str) -> Replacement:
    """An edit that puts `[[note]]` on its own line after a scene's heading."""
    newline = "\r\n" if "\r\n" in text else "\n"
    at = _line_end(text, scene.line)
    return Replacement(at, at, f"{newline}{newline}[[{note}]]")


class Fixer:
    """The fixes for the diagnostics of one file, from the story's check and the texts as edited."""

    def __init__(self, check: StoryCheck, path: Path, text_of):
        self.check = check
        self.path = path
        self.text_of = text_of  # path -> text (the editor's, else the file's) or None
        story = check.bible.story if check.bible else None
        self.language = story.language if story and story.language in _NOTES else "en"

    def fixes(self, code: str, line: int, start: int, written: str, details: dict) -> list[Fix]:
        """Fixes for a diagnostic at a 1-based line, its name starting at character `start`."""
        out: list[Fix] = []
        if self.check.bible is not None and code in ("CB101", "CB102"):
            out += self.name_fixes(code, line, start, written, details)
        if code == "CB202":
            out += self.death_scene_fix(line, details)
        scene = scene_at(self.check, self.path, line) if self.path.suffix == ".fountain" else None
        text = self.text_of(self.path)
        if scene is not None and text is not None and code:
            flashback, ignore = _NOTES[self.language]
            if code == "CB201" and not scene.flashback:
                out.append(Fix(f"Mark scene {scene.label} as a flashback",
                               [FileEdit(self.path, text, [note_after_heading(text, scene, flashback)])]))
            out.append(Fix(f"Ignore {code} in scene {scene.label}",
                           [FileEdit(self.path, text, [note_after_heading(text, scene, f"{ignore} {code}")])]))
        return out

    def name_fixes(self, code: str, line: int, start: int, written: str, details: dict) -> list[Fix]:
        bible = self.check.bible
        bible_text = self.text_of(bible.path)
        written = (details.get("word") or details.get("name") or written).strip()
        if not written or bible_text is None:
            return []
        story = bible.story
        meant = details.get("name") if code == "CB102" else details.get("suggestion")
        ident = NameIndex.from_story(story).lookup_titled(meant) if meant else None
        character = story.character(ident) if ident else None
        out = []
        try:
            if code == "CB101":
                added = add_character(bible_text, _title(strip_titles(written)), bible.path)
                out.append(Fix(f"Add {_title(written)} to bible.yaml", [FileEdit(bible.path, bible_text, [added])]))
            if character is not None:
                alias = rename_character(bible_text, character.id, None, _title(written), bible.path)
                out.append(Fix(f"Add {_title(written)} as an alias of {character.name}",
                               [FileEdit(bible.path, bible_text, alias)]))
        except StorybibleError:
            pass  # a bible that does not parse has its own diagnostic
        text = self.text_of(self.path)
        if character is not None and text is not None:
            name = _same_case(written, proper_name(character, meant))
            offset = sum(len(row) + 1 for row in text.split("\n")[:line - 1]) + start
            if text[offset:offset + len(written)] == written:
                out.insert(0, Fix(f"Replace with {name}", [FileEdit(self.path, text, [
                    Replacement(offset, offset + len(written), name)])], preferred=True))
        return out

    def death_scene_fix(self, line: int, details: dict) -> list[Fix]:
        bible = self.check.bible
        scene = scene_at(self.check, self.path, line)
        ident = NameIndex.from_story(bible.story).lookup_titled(details.get("name", "")) if bible else None
        bible_text = self.text_of(bible.path) if bible else None
        if scene is None or not scene.scene_number or ident is None or bible_text is None:
            return []
        character = bible.story.character(ident)
        try:
            edits = set_fate_scene(bible_text, ident, scene.scene_number, bible.path)
        except StorybibleError:
            return []
        return [Fix(f"Set {character.name}'s death in bible.yaml to scene {scene.scene_number}",
                     [FileEdit(bible.path, bible_text, edits)])]
