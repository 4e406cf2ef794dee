"""What the language server answers about a story, from its last check and the text being edited.

Plain data in, plain data out: lines are 0-based, characters are indexes into Python strings.
toolkit/editor/lsp.py turns them into protocol messages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from toolkit.continuity.incremental import StoryCheck
from toolkit.continuity.script import UPPER, Script, ScriptScene, find_scene, note_words
from toolkit.model.names import NameIndex, fold, nominative_names
from toolkit.model.story import Character, Story

_TOKEN = re.compile(r"[^\W\d_][\w'’‘.\-]*")
_OPEN_NOTE = re.compile(r"\[\[\s*([^\W\d_][\w ]*?)\s*:([^\]]*)$")
_NOTE = re.compile(r"\[\[\s*([^\W\d_][\w ]*?)\s*:([^\]]*)\]\]")
_CUE_SO_FAR = re.compile(rf"^\s*@?[{UPPER}0-9 .'’\-]*$")
_SCENE_VALUE = re.compile(r"\b(scene|from|until)\s*:\s*[\"']?([\w.#\-]+)")
_SECTION = re.compile(r"^[ \t]*(#+)(?!#)[ \t]*(.*?)\s*$")
_QUOTED = re.compile(r"'([^']+)'")
_LONGEST_NAME_WORDS = 4


class Span(NamedTuple):
    """A stretch of one line: 0-based line, start and end character."""

    line: int
    start: int
    end: int


class Place(NamedTuple):
    """A span in a file."""

    path: Path
    span: Span


@dataclass
class Symbol:
    """An entry of the editor's outline: a section or a scene, with what lies inside it."""

    name: str
    kind: str  # section | scene
    detail: str
    first_line: int
    last_line: int
    children: list[Symbol] = field(default_factory=list)


def name_at(line: str, char: int, index: NameIndex) -> tuple[str, Span] | None:
    """The character named at a position of a line (cue, note or prose), and the span of the name."""
    tokens = list(_TOKEN.finditer(line))
    here = next((i for i, t in enumerate(tokens) if t.start() <= char <= t.end()), None)
    if here is None:
        return None
    best = None
    for first in range(max(0, here - _LONGEST_NAME_WORDS + 1), here + 1):
        for last in range(here, min(len(tokens), first + _LONGEST_NAME_WORDS)):
            if any(tokens[i + 1].start() - tokens[i].end() != 1 for i in range(first, last)):
                continue
            start, end = tokens[first].start(), tokens[last].end()
            text = line[start:end].rstrip(".-")
            ident = index.lookup(text)
            if ident and (best is None or len(text) > best[1].end - best[1].start):
                best = (ident, Span(0, start, start + len(text)))
    return best


def diagnostic_span(line: str, column: int, message: str) -> tuple[int, int]:
    """The stretch of a line a diagnostic is about: the name or word its message names, else the line."""
    start = max(column - 1, 0)
    rest = line[start:]
    for quoted in _QUOTED.findall(message):
        if rest.startswith(quoted):
            return start, start + len(quoted)
    common = 0
    while common < min(len(rest), len(message)) and rest[common] == message[common]:
        common += 1
    named = rest[:common].rstrip(" ,;:")
    if len(named) >= 2:
        return start, start + len(named)
    if column <= 1:
        stripped = len(line) - len(line.lstrip())
        return stripped, max(len(line.rstrip()), stripped)
    word = _TOKEN.match(rest)
    return start, start + (len(word.group()) if word else len(rest.rstrip()))


_MARKDOWN = re.compile(r"([\\`*_\[\]<>&|~#])")  # what can make a link, an image, HTML or emphasis


def markdown_text(text: str) -> str:
    """Text shown as itself in Markdown: no link, image, HTML or emphasis can come out of it."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def offset_position(text: str, offset: int) -> tuple[int, int]:
    """The (line, character) of an offset into a text."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def _display_scene(scene: ScriptScene) -> str:
    return markdown_text(f"scene {scene.label} ({Path(scene.file).name}:{scene.line})")


def _one_line(text: str, limit: int = 160) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


def character_sheet(check: StoryCheck, ident: str) -> str:
    """A character's sheet as Markdown: description, organisations, fate, first and last appearance."""
    story = check.bible.story if check.bible else None
    character = story.character(ident) if story else None
    name = check.result.characters.get(ident, ident)
    if character is None:
        lines = [f"**{markdown_text(name)}** (not in the bible)"]
    else:
        lines = [f"**{markdown_text(character.name)}**"
                 + (f" — {markdown_text(character.role)}" if character.role else "")]
        if character.summary:
            lines.append(markdown_text(_one_line(character.summary)))
        if character.aliases:
            lines.append("Also: " + ", ".join(markdown_text(a) for a in character.aliases))
        if character.affiliations:
            lines.append("Organisations: " + "; ".join(markdown_text(_affiliation(story, a))
                                                        for a in character.affiliations))
        lines.append("Fate: " + _fate(check, story, character))
    scenes = [scene for scene in check.result.scenes if ident in scene.cast]
    if scenes:
        lines.append(f"First appearance: {_display_scene(scenes[0])}; last: {_display_scene(scenes[-1])}; "
                     f"in {len(scenes)} scene{'s' if len(scenes) != 1 else ''}")
    else:
        lines.append("In no scene yet")
    return "\n\n".join(lines)


def _affiliation(story: Story, affiliation) -> str:
    organisation = story.organisation(affiliation.org)
    label = (organisation.abbreviation or organisation.name) if organisation else affiliation.org
    details = ", ".join(part for part in (affiliation.status, affiliation.title) if part)
    return f"{label} ({details})" if details else label


def _fate(check: StoryCheck, story: Story, character: Character) -> str:
    fate = character.fate
    text = markdown_text(fate.status.replace("_", " "))
    killer = story.character(fate.by) if fate.by else None
    if killer:
        text += f" by {markdown_text(killer.name)}"
    scene = find_scene(check.result.scenes, fate.scene) if fate.scene else None
    if scene is None:
        scene = next((s for s in check.result.scenes if character.id in s.deaths), None)
    if scene is not None:
        text += f" in {_display_scene(scene)}"
    elif fate.scene:
        text += f" in scene {markdown_text(fate.scene)}"
    return text


def character_definition(check: StoryCheck, ident: str) -> Place | None:
    """The line of a character's id in bible.yaml."""
    if check.bible is None:
        return None
    for i, character in enumerate(check.bible.story.characters):
        if character.id == ident:
            line = check.bible.line_of("characters", i, "id") - 1
            return Place(check.bible.path, Span(line, 0, 0))
    return None


def character_names_line(check: StoryCheck, ident: str, written: str) -> Place | None:
    """The line of the bible where a character's name or alias `written` stands."""
    story = check.bible.story
    character = story.character(ident)
    if character is None:
        return None
    i = story.characters.index(character)
    if fold(written) == fold(character.name):
        line = check.bible.line_of("characters", i, "name")
    else:
        spot = next((j for j, alias in enumerate(character.aliases) if fold(alias) == fold(written)), None)
        line = check.bible.line_of("characters", i, "aliases", *(() if spot is None else (spot,)))
    return Place(check.bible.path, Span(line - 1, 0, 0))


def scene_place(scene: ScriptScene) -> Place:
    return Place(Path(scene.file), Span(scene.line - 1, 0, 0))


def in_note(line: str, char: int) -> str | None:
    """The kind of note (cast, dies, …) whose names the position is in, if any."""
    for match in _NOTE.finditer(line):
        if match.start(2) <= char <= match.end(2):
            return note_words().keywords.get(match.group(1).casefold())
    return None


def definition(check: StoryCheck, line: str, char: int) -> Place | None:
    """Where a name, a `[[dies: X]]` note or a scene number at a position is defined."""
    scene_value = next((m for m in _SCENE_VALUE.finditer(line) if m.start(2) <= char <= m.end(2)), None)
    if scene_value:
        scene = find_scene(check.result.scenes, scene_value.group(2))
        return scene_place(scene) if scene else None
    index = NameIndex.from_story(check.bible.story) if check.bible else None
    found = name_at(line, char, index) if index else None
    if found is None:
        return None
    ident = found[0]
    if in_note(line, char) == "dies":
        character = check.bible.story.character(ident)
        scene = find_scene(check.result.scenes, character.fate.scene) if character.fate.scene else None
        if scene is not None:
            return scene_place(scene)
    return character_definition(check, ident)


class Completion(NamedTuple):
    label: str
    detail: str
    documentation: str
    replace: Span  # what the typed part spans
    kind: str = "name"  # name | extension | heading


CUE_EXTENSIONS = {"en": ("(V.O.)", "(O.S.)", "(O.C.)", "(CONT'D)"), "de": ("(V.O.)", "(OFF)", "(FORTS.)")}
_CUE_WITH_EXTENSION = re.compile(rf"^(\s*@?)([{UPPER}][{UPPER}0-9 .'’\-]*?)\s+(\(?[{UPPER}.'’]*)$")
_HEADING_SO_FAR = re.compile(r"^\s*(\.(?!\.)|(?:[A-ZÄÖÜ]+\.?/)?[A-ZÄÖÜ]+\.?\s)(.*)$")


def _after_blank(lines: list[str], line_number: int) -> bool:
    return line_number == 0 or not lines[line_number - 1].strip()


def _extension_completions(check: StoryCheck, line: str, line_number: int, char: int) -> list[Completion]:
    match = _CUE_WITH_EXTENSION.match(line)
    if match is None or NameIndex.from_story(check.bible.story).lookup_titled(match.group(2)) is None:
        return []
    typed = match.group(3)
    language = check.bible.story.language if check.bible.story.language in CUE_EXTENSIONS else "en"
    span = Span(line_number, char - len(typed), char)
    return [Completion(extension, "cue extension", "", span, "extension")
            for extension in CUE_EXTENSIONS[language] if extension.startswith(typed.upper())]


def _heading_completions(check: StoryCheck, line: str, line_number: int, char: int) -> list[Completion]:
    from toolkit.text.language import language_for, supported_code

    match = _HEADING_SO_FAR.match(line)
    if match is None or not check.bible.story.locations:
        return []
    language = language_for(supported_code(check.bible.story.language, "en"))
    prefixes = {fold(str(word)).rstrip(".") for word in (language.heading or {}).values()} | {"int", "ext", "i/e"}
    if match.group(1) != "." and fold(match.group(1)).strip().rstrip(".") not in prefixes:
        return []
    typed = match.group(2)
    span = Span(line_number, char - len(typed), char)
    return [Completion(location.name.upper(), "location", location.setting, span, "heading")
            for location in check.bible.story.locations
            if fold(location.name).startswith(fold(typed))]


def completions(check: StoryCheck, lines: list[str], line_number: int, char: int) -> list[Completion]:
    """Names for a cue (in capitals) or a cast or death note; cue extensions after a cue; locations
    after INT./EXT. (or the story language's words) of a heading. Names only in their nominative form."""
    if check.bible is None or line_number >= len(lines):
        return []
    line = lines[line_number][:char]
    note = _OPEN_NOTE.search(line)
    if note and note_words().keywords.get(note.group(1).casefold()) in ("cast", "dies"):
        typed = re.split(r"[,;:]", line)[-1].lstrip()
    elif _CUE_SO_FAR.match(line) and _after_blank(lines, line_number):
        headings = _heading_completions(check, line, line_number, char)
        if headings:
            return headings
        typed = line.lstrip().lstrip("@")
    elif _after_blank(lines, line_number):
        return (_extension_completions(check, line, line_number, char)
                or _heading_completions(check, line, line_number, char))
    else:
        return []
    span = Span(line_number, char - len(typed), char)
    items = []
    for character in check.bible.story.characters:
        for name in nominative_names(character):
            if fold(name).startswith(fold(typed)):
                items.append(Completion(name.upper(), character.role or character.id,
                                        _one_line(character.summary), span))
    return items + ([] if note else _extension_completions(check, line, line_number, char))


def outline(script: Script, lines: list[str]) -> list[Symbol]:
    """Sections (`#`, `##`, …) with the scenes inside them, as the editor's outline shows them."""
    top: list[Symbol] = []
    open_sections: list[tuple[int, Symbol]] = []  # (level, section)
    scenes = [scene for scene in script.scenes if scene.heading]
    entries = []
    for number, text in enumerate(lines, start=1):
        match = _SECTION.match(text)
        if match and match.group(2):
            entries.append((number, len(match.group(1)), match.group(2)))
    last = len(lines)
    starts = sorted([(n, "section", level, title) for n, level, title in entries]
                    + [(s.line, "scene", 0, s) for s in scenes], key=lambda e: e[0])
    for line, kind, level, item in starts:
        if kind == "section":
            while open_sections and open_sections[-1][0] >= level:
                open_sections.pop()
            symbol = Symbol(item, "section", "", line, last)
            (open_sections[-1][1].children if open_sections else top).append(symbol)
            open_sections.append((level, symbol))
        else:
            name = f"{item.scene_number} {item.heading}" if item.scene_number else item.heading
            symbol = Symbol(name, "scene", f"scene {item.label}", line, max(item.end_line, line))
            (open_sections[-1][1].children if open_sections else top).append(symbol)
    _close(top, last)
    return top


def _close(symbols: list[Symbol], last: int) -> None:
    """End each symbol before the next one of its level begins, and never after its parent."""
    for symbol, following in zip(symbols, [*symbols[1:], None]):
        end = following.first_line - 1 if following else last
        symbol.last_line = max(symbol.first_line, min(symbol.last_line, end))
        _close(symbol.children, symbol.last_line)
