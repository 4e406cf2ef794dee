"""Story time: the time of day of each scene and the story day it plays on.

The first scene is day 1. A later day starts where a transition, the heading or the scene's first
action line says so ("AM NÄCHSTEN MORGEN", "TWO DAYS LATER"), or where the time of day runs
backwards (NIGHT, then MORNING) without a flashback, which is marked as inferred. A `[[Tag: 3]]` /
`[[day: 3]]` note states the day and wins; each script file may restart the count in its first
scene. Flashbacks have no story day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.continuity.day_phrases import DayStep, day_step, day_words
from toolkit.continuity.headings import Heading, TimeWord, split_heading
from toolkit.continuity.script import Script, ScriptScene

_TRANSITION_LINE = re.compile(r"^\s*>?\s*(.*?)\s*[:.]?\s*$")


@dataclass
class SceneTime:
    """When one scene plays."""

    scene: ScriptScene
    heading: Heading
    time: TimeWord | None  # the light the scene plays in: a LATER or CONTINUOUS scene's is carried
    story_day: int | None  # None in a flashback
    day_source: str | None  # note | transition | inferred | carried | first (None in a flashback)
    day_gap: str | None = None  # "unknown" where a transition gives no distance
    reason: str = ""  # what the day was read from: the phrase, the note, the times of day
    stated_line: int = 0  # the line of a [[Tag: N]] note
    first_in_file: bool = False
    previous: SceneTime | None = None  # the scene before it in story time (not a flashback)


def stated_day(lines: list[str], first: int, last: int) -> tuple[int, int] | None:
    """The day a [[Tag: N]] / [[day: N]] note among lines first..last (1-based) states, with its line."""
    note = day_words().note
    for number in range(first, min(last, len(lines)) + 1):
        match = note.search(lines[number - 1])
        if match:
            return int(match.group(1)), number
    return None


def _transition_before(lines: list[str], scene: ScriptScene, start: int) -> DayStep | None:
    """A transition line just before the heading (the previous scene's last line): "> DREI TAGE SPÄTER"."""
    for number in range(scene.line - 1, start - 1, -1):
        raw = lines[number - 1].strip() if 0 < number <= len(lines) else ""
        if not raw or raw.startswith(("[[", "=")):
            continue
        if raw.endswith("<") or not (raw.startswith(">") or raw.isupper()):
            return None
        return day_step(_TRANSITION_LINE.match(raw).group(1), at_start=True)
    return None


def _opening_step(scene: ScriptScene) -> DayStep | None:
    """The scene's first line of action (or synopsis) when it opens with a day phrase."""
    for prose in scene.prose:
        if prose.kind in ("action", "synopsis"):
            return day_step(prose.text, at_start=True)
    return None


def scene_step(script: Script, scene: ScriptScene, start: int, heading: Heading) -> DayStep | None:
    """The day change said for a scene: in a transition before it, its heading, or its first action line."""
    return (_transition_before(script.lines, scene, start) or day_step(heading.rest or "")
            or (day_step(scene.heading) if heading.time is None else None) or _opening_step(scene))


def _backwards(before: TimeWord | None, now: TimeWord | None) -> bool:
    return bool(before and now and before.rank and now.rank and now.rank[1] < before.rank[0])


class _Clock:
    """Walks the scenes in story order, keeping the day and the time of day reached."""

    def __init__(self) -> None:
        self.day = 0
        self.last: SceneTime | None = None  # the last scene that is no flashback

    def place(self, entry: SceneTime, step: DayStep | None, note: tuple[int, int] | None) -> None:
        before = self.last
        entry.previous = before
        entry.time = entry.heading.stated
        if entry.scene.flashback:
            return
        carry = entry.time is None and before is not None
        if note is not None:
            entry.story_day, entry.day_source, entry.stated_line = note[0], "note", note[1]
            entry.reason = f"[[{note[0]}]]"
        elif before is None:
            entry.story_day, entry.day_source = 1, "first"
        elif step is not None:
            entry.story_day, entry.day_source, entry.reason = self.day + step.days, "transition", step.phrase
            entry.day_gap = "unknown" if step.unknown else None
        elif _backwards(before.time, entry.time):
            entry.story_day, entry.day_source = self.day + 1, "inferred"
            entry.reason = f"{before.time.time} before {entry.time.time}"
        else:
            entry.story_day, entry.day_source = self.day, "carried"
        if carry and entry.story_day == self.day:
            entry.time = before.time  # LATER, CONTINUOUS or no time of day: the time reached goes on
        self.day = entry.story_day
        self.last = entry


def story_times(scripts: list[Script]) -> list[SceneTime]:
    """When each scene with a heading plays, in story order (the scripts in `scripts:` order)."""
    clock = _Clock()
    out: list[SceneTime] = []
    for script in scripts:
        floor, first = 1, True  # the first line a transition before the heading may be on
        for scene in script.scenes:
            if not scene.heading:
                continue
            heading = split_heading(scene.heading)
            note = stated_day(script.lines, 1 if first else scene.line, scene.end_line or scene.line)
            entry = SceneTime(scene, heading, None, None, None, first_in_file=first)
            clock.place(entry, scene_step(script, scene, floor, heading), note)
            out.append(entry)
            floor, first = scene.line + 1, False
    return out
