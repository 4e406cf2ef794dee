"""The breakdown of a story: one row per scene with its set, day or night, story day, length and cast.

The columns are those of a production breakdown sheet (scene, INT/EXT, set, time of day, story day,
eighths, cast numbers), so that scheduling software can take them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.continuity.page_length import (
    LETTER,
    PAPERS,
    Paper,
    eighths,
    scene_lines,
)
from toolkit.continuity.script import Script
from toolkit.continuity.sets import SetIndex, known_words
from toolkit.continuity.story_time import SceneTime, story_times
from toolkit.model.names import fold

_PAPER_KEY = re.compile(r"^\s*(?:paper|papier|page size|papierformat)\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_WORD = re.compile(r"[^\W\d_][\w'’‘]*")


@dataclass
class Row:
    """One scene of the breakdown."""

    scene: str  # the Fountain scene number, else the scene's place in story order
    position: int
    file: str
    line: int
    heading: str
    int_ext: str
    set: str  # the set's name: its most written form, however this heading spells it
    set_as_written: str
    time: str | None  # the heading's time of day as its vocabulary spells it
    light: str | None  # day | evening | night | twilight: what the scene plays in, carried through LATER
    story_day: int | None
    day_source: str | None
    day_gap: str | None
    eighths: int
    flashback: bool
    cast: list[tuple[int, str]] = field(default_factory=list)  # (cast number, name)
    mentioned: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        """The row in the contract's JSON form (day_gap only where a transition gives no distance)."""
        data = {"scene": self.scene, "position": self.position, "file": self.file, "line": self.line,
                "heading": self.heading, "int_ext": self.int_ext, "set": self.set,
                "set_as_written": self.set_as_written, "time": self.time, "light": self.light,
                "story_day": self.story_day, "day_source": self.day_source}
        if self.day_gap:
            data["day_gap"] = self.day_gap
        data |= {"eighths": self.eighths, "flashback": self.flashback,
                 "cast": [{"number": n, "name": name} for n, name in self.cast], "mentioned": self.mentioned}
        return data


@dataclass
class Breakdown:
    rows: list[Row]
    paper: Paper
    cast: list[tuple[int, str]]  # every cast number with its character's name

    def days(self) -> list[tuple[int | None, list[Row]]]:
        """The rows grouped by story day in story order; a flashback joins no day (None)."""
        groups: list[tuple[int | None, list[Row]]] = []
        for row in self.rows:
            if groups and groups[-1][0] == row.story_day:
                groups[-1][1].append(row)
            else:
                groups.append((row.story_day, [row]))
        return groups


def paper_of(scripts: list[Script], language: str) -> Paper:
    """A4 for German stories, US Letter otherwise, unless a title page names the paper."""
    for script in scripts:
        head = script.scenes[0] if script.scenes and not script.scenes[0].heading else None
        if head is not None:
            match = _PAPER_KEY.search("\n".join(script.lines[:head.end_line]))
            if match:
                value = match.group(1).replace(" ", "").casefold()
                return PAPERS.get("letter" if "letter" in value else value, LETTER)
    from toolkit.text.language import language_for

    return PAPERS.get(language_for(language).data.get("story_time", {}).get("paper", ""), LETTER)


def cast_numbers(casts: list[list[str]]) -> dict[str, int]:
    """Production cast numbers: 1 for the character in most scenes, ties by first appearance."""
    counts = Counter(ident for cast in casts for ident in dict.fromkeys(cast))
    first = {ident: k for k, ident in enumerate(dict.fromkeys(i for cast in casts for i in cast))}
    ordered = sorted(counts, key=lambda ident: (-counts[ident], first[ident]))
    return {ident: number for number, ident in enumerate(ordered, 1)}


class _Mentions:
    """Characters a scene's text names (in any form of their names) though they are not in it."""

    def __init__(self, characters: list) -> None:
        self.owners: dict[str, set[str]] = {}
        self.patterns = {}
        for character in characters:
            names = [fold(n) for n in character.names if n]
            for name in names:
                for word in _WORD.findall(name):
                    self.owners.setdefault(word, set()).add(character.id)
            self.patterns[character.id] = re.compile(
                r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)") if names else None

    def named(self, texts: list[str], present: set[str]) -> list[str]:
        folded = fold("\n".join(texts))
        candidates = {i for word in _WORD.findall(folded) for i in self.owners.get(word, ())} - present
        return sorted(i for i in candidates if self.patterns[i] and self.patterns[i].search(folded))


def build_rows(scripts: list[Script], story, language: str) -> Breakdown:
    """The breakdown of a story's scripts, read in story order, their scenes' cast resolved (check.resolve)."""
    paper = paper_of(scripts, language)
    times = story_times(scripts)
    known = known_words(story, language)
    sets = SetIndex([t.heading.place for t in times], known)
    numbers = cast_numbers([t.scene.cast for t in times])
    names = {c.id: c.name for c in story.characters}
    mentions = _Mentions(story.characters)
    lines_of = {script.file: script.lines for script in scripts}
    rows = [_row(t, lines_of[t.scene.file], paper, sets, numbers, names, mentions) for t in times]
    for position, row in enumerate(rows, 1):
        row.scene = row.scene or str(position)
    cast = sorted((number, names.get(ident, ident)) for ident, number in numbers.items())
    return Breakdown(rows, paper, cast)


def _row(entry: SceneTime, lines: list[str], paper: Paper, sets: SetIndex, numbers: dict, names: dict,
         mentions: _Mentions) -> Row:
    scene, heading = entry.scene, entry.heading
    length = scene_lines(lines[scene.line - 1:getattr(scene, "end_line", scene.line)] or [scene.heading], paper)
    present = list(dict.fromkeys(scene.cast))
    cast = sorted((numbers[ident], names.get(ident, ident)) for ident in present)
    texts = [p.text for p in getattr(scene, "prose", ())]
    mentioned = [names.get(i, i) for i in mentions.named(texts, set(present))]
    light = entry.time.light if entry.time else None
    return Row(scene.scene_number, scene.number, scene.file, scene.line, scene.heading,
               heading.int_ext, sets.name_of(heading.place), heading.place,
               heading.time.time if heading.time else None, light, entry.story_day, entry.day_source,
               entry.day_gap, eighths(length, paper), scene.flashback, cast, mentioned)


def story_paths(target: Path) -> tuple[list[Path], Path | None]:
    """The scripts of a story folder in story order, or one Fountain file, with the bible that goes with them."""
    from toolkit.continuity.check import BIBLE_NAME, find_scripts, nearest_bible
    from toolkit.errors import InputError
    from toolkit.model.bible import read_bible

    if target.is_dir():
        bible_path = target / BIBLE_NAME
        bible = read_bible(bible_path) if bible_path.is_file() else None
        scripts = find_scripts(target, bible)
        if not scripts:
            raise InputError("no .fountain files in this story folder; list them under scripts: in bible.yaml",
                             path=target)
        return scripts, bible_path if bible else None
    if not target.exists():
        raise InputError("no such file or folder; check the path", path=target)
    return [target], nearest_bible(target)


def breakdown(target: str | Path) -> Breakdown:
    """The breakdown of a story folder (its scripts in `scripts:` order) or of one Fountain file."""
    from toolkit.continuity.check import _display
    from toolkit.continuity.facts import resolve_scenes
    from toolkit.continuity.script import read_script
    from toolkit.model.bible import read_bible
    from toolkit.text.language import detect_language, supported_code

    paths, bible_path = story_paths(Path(target))
    bible = read_bible(bible_path) if bible_path else None
    scripts = [read_script(path, _display(path)) for path in paths]
    context = resolve_scenes(scripts, bible, every_presence=True, claims=False)
    language = supported_code(context.story.language, "") if bible else ""
    language = language or detect_language("\n".join(line for s in scripts for line in s.lines[:400]))
    return build_rows(scripts, context.story, language)


def breakdown_of_scenes(story, scenes) -> Breakdown:
    """The breakdown of scenes the checker has read (for the PDF): their files' lines are read again
    for the lengths; a file that cannot be read gives its scenes the least length."""
    from toolkit.continuity.script import ScriptScene

    scripts: dict[str, Script] = {}
    for scene in scenes:
        if not isinstance(scene, ScriptScene):
            scene = ScriptScene(**{f: getattr(scene, f) for f in scene.__dataclass_fields__}, end_line=scene.line)
        script = scripts.get(scene.file)
        if script is None:
            scripts[scene.file] = script = Script(scene.file, [], [], _lines_of(scene.file))
        script.scenes.append(scene)
    from toolkit.text.language import supported_code

    language = supported_code(story.language, "en")
    return build_rows(list(scripts.values()), story, language)


def _lines_of(file: str) -> list[str]:
    from toolkit.continuity.script import normalise

    try:
        return normalise(Path(file).read_text("utf-8", errors="replace")).split("\n")
    except OSError:
        return []
