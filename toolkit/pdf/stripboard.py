"""The stripboard page: a thin strip per scene, grouped by story day, coloured as production boards are.

White for an interior by day, yellow for an exterior by day, blue for an interior by night, green
for an exterior by night, orange for dawn and dusk; grey where the heading gives no time of day.
"""
from __future__ import annotations

from dataclasses import dataclass

from toolkit.continuity.breakdown import Breakdown, Row
from toolkit.continuity.page_length import format_eighths

COLOURS = {"int-day": "#ffffff", "ext-day": "#fff1a6", "int-night": "#b9d3f2", "ext-night": "#bfe5c2",
           "twilight": "#f7c59f", "unknown": "#e4e6e8"}
STRIP_LEGEND = ("int-day", "ext-day", "int-night", "ext-night", "twilight", "unknown")


@dataclass(frozen=True)
class Strip:
    """One scene's strip: its colour class and what it carries."""

    colour: str
    scene: str
    int_ext: str
    time: str
    set: str
    eighths: str
    cast: str
    flashback: bool


@dataclass(frozen=True)
class DayGroup:
    """A run of strips on one story day (None: a flashback), with the board's header for it."""

    day: int | None
    title: str
    eighths: str
    strips: list[Strip]


def strip_colour(row: Row) -> str:
    """The colour class of a scene's strip: by INT/EXT and by the light it plays in."""
    if row.light in ("day", "night", "evening"):
        inside = row.int_ext in ("INT", "")
        return f"{'int' if inside else 'ext'}-{'day' if row.light == 'day' else 'night'}"
    return "twilight" if row.light == "twilight" else "unknown"


def _strip(row: Row, labels: dict) -> Strip:
    words = labels["int_ext"]
    return Strip(strip_colour(row), row.scene, words.get(row.int_ext, row.int_ext) if row.int_ext else "",
                 row.time or "", row.set or "—", format_eighths(row.eighths),
                 " ".join(str(number) for number, _ in row.cast), row.flashback)


def _title(day: int | None, rows: list[Row], labels: dict) -> str:
    if day is None:
        return labels["flashback"]
    title = f"{labels['story_day']} {day}"
    first = rows[0]
    if first.day_source == "inferred":
        title += f" ({labels['inferred']})"
    elif first.day_gap == "unknown":
        title += f" ({labels['day_gap_unknown']})"
    return title


def stripboard(data: Breakdown, labels: dict) -> list[DayGroup]:
    """The strips of a breakdown in story order, in runs of one story day each."""
    return [DayGroup(day, _title(day, rows, labels), format_eighths(sum(r.eighths for r in rows)),
                     [_strip(row, labels) for row in rows])
            for day, rows in data.days()]


def day_starts(data: Breakdown) -> frozenset[int]:
    """The scenes (by position) on which a new story day begins, the first day's first scene not counted."""
    starts, day = set(), None
    for row in data.rows:
        if row.story_day is None:
            continue
        if day is not None and row.story_day != day:
            starts.add(row.position)
        day = row.story_day
    return frozenset(starts)


def days_span(day_of: dict, scenes) -> str:
    """The story days scenes (by position in `day_of`) play on: "1–3", "2"; "" when none has one."""
    days = [row.story_day for s in scenes if (row := day_of.get(s.number)) and row.story_day is not None]
    if not days:
        return ""
    return str(min(days)) if min(days) == max(days) else f"{min(days)}–{max(days)}"


def strip_css() -> str:
    """The stylesheet's rules for the strips' and the legend's colours."""
    return "\n".join(f".strip-{key}, .swatch-strip-{key} {{ background: {colour}; }}"
                     for key, colour in COLOURS.items())
