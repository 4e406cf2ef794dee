"""What the editor shows of a whole story: every place a character appears, the story's symbols,
the outline of bible.yaml, folds, hints on scene headings and the marks on cues.

Plain data in, plain data out, like lsp_answers: lines are 0-based, characters are string indexes.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from toolkit.continuity.incremental import StoryCheck
from toolkit.continuity.script import Script, ScriptScene, find_scene
from toolkit.editor.lsp_answers import Place, Span, Symbol, outline, scene_place
from toolkit.editor.name_places import name_places, note_spans
from toolkit.model.names import NameIndex, fold


class StorySymbol(NamedTuple):
    name: str
    kind: str  # character | scene | set
    detail: str
    place: Place


class Token(NamedTuple):
    span: Span
    kind: str  # unknownCharacter | deadCharacter


def _spans(text: str, offsets: list[tuple[int, int]]) -> list[Span]:
    out = []
    for start, end in offsets:
        line = text.count("\n", 0, start)
        first = text.rfind("\n", 0, start) + 1
        out.append(Span(line, start - first, end - first))
    return out


def appearances(check: StoryCheck, ident: str, texts: dict[Path, str]) -> list[Place]:
    """Every place a character is written: cues, cast and death notes, prose, and the bible (the entry,
    its aliases, the title and prose values, references by id). `texts` are the files by path."""
    story = check.bible.story
    character = story.character(ident)
    if character is None:
        return []
    names = sorted({n for n in character.names if n}, key=lambda n: -len(n))
    others = [n for c in story.characters if c.id != ident for n in c.names if n]
    places: list[Place] = []
    for path, text in texts.items():
        notes = note_spans(text)
        taken = [span for other in others if len(other.split()) > 1
                 for place in name_places(text, other, story.language, notes=notes)
                 for span in [(place.start, place.end)]]
        found: list[tuple[int, int]] = []
        for name in names:
            for place in name_places(text, name, story.language, taken=taken + found, notes=notes):
                if not place.kept:
                    found.append((place.start, place.end))
        if path == check.bible.path:
            found += _id_references(text, ident)
        places += [Place(path, span) for span in _spans(text, sorted(found))]
    return places


def _id_references(text: str, ident: str) -> list[tuple[int, int]]:
    """Where bible.yaml names the character by id: its own `id:` and others' `by:`, relation targets."""
    import re

    pattern = re.compile(r"(?<![\w\-])(?:id|by|to|target|with)\s*:\s*[\"']?(" + re.escape(ident) + r")(?![\w\-])")
    return [match.span(1) for match in pattern.finditer(text)]


def story_symbols(check: StoryCheck) -> list[StorySymbol]:
    """Characters (at their bible entry), scenes (at their heading) and sets (the bible's locations)."""
    out = []
    if check.bible is not None:
        bible = check.bible
        for i, character in enumerate(bible.story.characters):
            line = bible.line_of("characters", i, "id") - 1
            detail = character.role or ", ".join(character.aliases)
            out.append(StorySymbol(character.name, "character", detail, Place(bible.path, Span(line, 0, 0))))
        for i, location in enumerate(bible.story.locations):
            line = bible.line_of("locations", i, "id") - 1
            out.append(StorySymbol(location.name, "set", location.setting, Place(bible.path, Span(line, 0, 0))))
    for scene in check.result.scenes:
        name = f"{scene.scene_number} {scene.heading}" if scene.scene_number else scene.heading
        out.append(StorySymbol(name, "scene", f"scene {scene.label}", scene_place(scene)))
    return out


def matching(symbols: list[StorySymbol], query: str) -> list[StorySymbol]:
    """The symbols whose name holds the query's letters in order (as editors filter)."""
    wanted = fold(query).replace(" ", "")
    out = []
    for symbol in symbols:
        name, at = fold(symbol.name), 0
        for letter in wanted:
            at = name.find(letter, at) + 1
            if not at:
                break
        else:
            out.append(symbol)
    return out


def bible_outline(check: StoryCheck, lines: list[str]) -> list[Symbol]:
    """bible.yaml as the editor's outline: the title, then characters, organisations and locations."""
    bible = check.bible
    if bible is None:
        return []
    out = []
    groups = (("characters", bible.story.characters), ("organisations", bible.story.organisations),
              ("locations", bible.story.locations))
    for key, items in groups:
        if not items:
            continue
        first = bible.line_of(key)
        group = Symbol(key, "section", f"{len(items)}", first, first)
        for i, item in enumerate(items):
            line = bible.line_of(key, i, "id")
            group.children.append(Symbol(item.name, key.rstrip("s"), item.id, line, line))
        out.append(group)
    _ends(out, len(lines))
    return out


def _ends(symbols: list[Symbol], last: int) -> None:
    """Each entry ends before the next one begins."""
    ordered = sorted(symbols, key=lambda s: s.first_line)
    for symbol, following in zip(ordered, [*ordered[1:], None]):
        symbol.last_line = max(symbol.first_line, (following.first_line - 1) if following else last)
        _ends(symbol.children, symbol.last_line)


def folds(script: Script, lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) 0-based lines of each act (section) and scene that spans more than one line."""
    out = []

    def walk(symbols: list[Symbol]) -> None:
        for symbol in symbols:
            last = symbol.last_line
            while last > symbol.first_line and not lines[last - 1].strip():
                last -= 1
            if last > symbol.first_line:
                out.append((symbol.first_line - 1, last - 1))
            walk(symbol.children)

    walk(outline(script, lines))
    return out


def cast_hints(check: StoryCheck, path: Path, lines: list[str]) -> list[tuple[int, int, str]]:
    """(line, character, label) after each scene heading of a file: how many characters are present, and
    the scene's story day ("day ≈2" where it is inferred from the times of day)."""
    days = story_days(check)
    out = []
    for scene in check.result.scenes:
        if Path(scene.file) != path or not 0 < scene.line <= len(lines):
            continue
        count = len(scene.cast) + len(scene.unknown_cast)
        label = " · ".join(filter(None, [f"cast {count}", days.get((scene.file, scene.line), "")]))
        out.append((scene.line - 1, len(lines[scene.line - 1].rstrip("\r\n")), label))
    return out


_days_of: list = [None, {}]  # the check last asked about, and its story days


def story_days(check: StoryCheck) -> dict[tuple[str, int], str]:
    """(file, heading line) -> "day 2", "Tag ≈3" for every scene with a story day (none in a flashback)."""
    if _days_of[0] is not check:
        from toolkit.continuity.story_time import story_times
        from toolkit.text.language import language_for

        language = language_for(check.bible.story.language if check.bible else "en")
        word = ((language.data.get("story_time") or {}).get("day_note") or ["day"])[0]
        days = {}
        for entry in story_times(list(check.scripts.values())):
            if entry.story_day is not None:
                mark = "≈" if entry.day_source == "inferred" else ""
                days[(entry.scene.file, entry.scene.line)] = f"{word} {mark}{entry.story_day}"
        _days_of[:] = [check, days]
    return _days_of[1]


def death_numbers(check: StoryCheck) -> dict[str, int]:
    """The story-order number of the scene each character dies in: the script's first, else the bible's."""
    deaths: dict[str, int] = {}
    for scene in check.result.scenes:
        for ident in scene.deaths:
            deaths.setdefault(ident, scene.number)
    if check.bible is not None:
        for character in check.bible.story.characters:
            if character.id not in deaths and character.fate.scene and character.fate.status not in (
                    "alive", "faked_death", "presumed_dead_alive"):
                scene = find_scene(check.result.scenes, character.fate.scene)
                if scene is not None:
                    deaths[character.id] = scene.number
    return deaths


def cue_tokens(check: StoryCheck, path: Path) -> list[Token]:
    """The cues of a file that name no one in the bible, and those of characters after their death
    (flashbacks and staged deaths aside)."""
    if check.bible is None:
        return []
    index = NameIndex.from_story(check.bible.story)
    deaths = death_numbers(check)
    survivors = {c.id for c in check.bible.story.characters if c.fate.status in ("faked_death", "presumed_dead_alive")}
    out = []
    for scene in check.result.scenes:
        if Path(scene.file) != path:
            continue
        for mention in scene.mentions:
            if mention.via != "cue":
                continue
            ident = index.lookup_titled(mention.name)
            kind = "unknownCharacter" if ident is None else (
                "deadCharacter" if _dead(scene, ident, deaths, survivors) else "")
            if kind:
                start = max(mention.column - 1, 0)
                out.append(Token(Span(mention.line - 1, start, start + len(mention.name)), kind))
    return sorted(out)


def _dead(scene: ScriptScene, ident: str, deaths: dict[str, int], survivors: set[str]) -> bool:
    return not scene.flashback and ident not in survivors and scene.number > deaths.get(ident, scene.number)
