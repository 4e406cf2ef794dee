"""The places a diagnostic points to besides its own: the death scene, the bible's entry, the other
spelling. Plain data: (Place, what it is) pairs, from a diagnostic's details and the story's check."""
from __future__ import annotations

from pathlib import Path

from toolkit.continuity.incremental import StoryCheck
from toolkit.continuity.script import find_scene
from toolkit.editor.lsp_answers import (
    Place,
    Span,
    character_definition,
    character_names_line,
)
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.names import NameIndex


def _line_after(where: str) -> int | None:
    """The line of a "file.fountain:12" reference."""
    _, _, line = where.rpartition(":")
    return int(line) if line.isdigit() else None


def death_place(check: StoryCheck, label: str, where: str = "") -> Place | None:
    """The line that tells a death: the scene named by its label, at the line `where` gives."""
    scene = find_scene(check.result.scenes, label) if label else None
    if scene is None:
        return None
    line = _line_after(where) or scene.line
    return Place(Path(scene.file), Span(line - 1, 0, 0))


def related_information(check: StoryCheck, found: Diagnostic) -> list[tuple[Place, str]]:
    """What a diagnostic links to, with a few words on each."""
    details = dict(found.details)
    out: list[tuple[Place, str]] = []
    story = check.bible.story if check.bible else None
    ident = details.get("character")
    if ident is None and story is not None:
        name = details.get("name") or details.get("suggestion")
        ident = NameIndex.from_story(story).lookup_titled(name) if name else None
    if found.code == "CB201":
        place = death_place(check, details.get("scene", ""), details.get("where", ""))
        if place:
            out.append((place, "the death"))
    if found.code == "CB202":
        place = death_place(check, details.get("scene", ""), details.get("where", ""))
        if place:
            out.append((place, "the scene the bible gives for the death"))
        bible_at = _line_after(details.get("bible", ""))
        if bible_at and check.bible:
            out.append((Place(check.bible.path, Span(bible_at - 1, 0, 0)), "the fate in the bible"))
    if found.code == "CB102" and ident and check.bible:
        place = character_names_line(check, ident, details.get("name", ""))
        if place:
            out.append((place, f"the spelling in the bible: {details.get('name')}"))
    if ident and check.bible:
        place = character_definition(check, ident)
        if place:
            out.append((place, "the bible's entry"))
    return out
