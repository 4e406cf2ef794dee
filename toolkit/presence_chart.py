"""The presence chart: characters by scenes as inline SVG, in the style of a day-out-of-days report.

One row per character, one column per scene. A filled cell means present; the first appearance
carries S, the last F (SF when both), a death †, and the scenes between a character's first and
last appearance in which they are absent are shaded (the "hold" of a day-out-of-days report).
Large stories are split into pages of at most ``scenes_per_page`` columns and a balanced number of
character rows, each page a separate SVG sized for a landscape A4 page.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup, escape

from toolkit.story import Character, Scene

FONT = "DejaVu Sans Condensed, DejaVu Sans, sans-serif"
NAME_WIDTH = 112.0
TOTAL_WIDTH = 22.0
CELL_WIDTH = 12.0
ROW_HEIGHT = 10.0
BAND_HEIGHT = 11.0
HEADER_HEIGHT = 10.0
NAME_LIMIT = 30
# The drawing area of a landscape A4 page below the caption, in pt; small charts are drawn larger.
PAGE_WIDTH, PAGE_HEIGHT = 770.0, 450.0
MAX_ZOOM = 1.5
COLOURS = {
    "present": "#2f4f6f",
    "death": "#b22222",
    "hold": "#d5dde6",
    "flashback": "#fbefc8",
    "zebra": "#f3f5f7",
    "grid": "#c8cdd2",
    "rule": "#6b7580",
    "text": "#1a1a1a",
}


@dataclass(frozen=True)
class ChartPage:
    """One page of the chart: its SVG and which scenes and character rows it shows."""

    svg: Markup
    first_scene: int
    last_scene: int
    first_row: int
    last_row: int


@dataclass(frozen=True)
class _Row:
    character: Character
    present: frozenset[int]  # scene numbers
    deaths: frozenset[int]
    first: int | None
    last: int | None

    def cell(self, number: int) -> str:
        """The kind of cell: death, first, last, single, present, hold or empty ("")."""
        if number in self.deaths:
            return "death"
        if number in self.present:
            if number == self.first == self.last:
                return "single"
            return "first" if number == self.first else "last" if number == self.last else "present"
        if self.first is not None and self.first < number < self.last:
            return "hold"
        return ""


_CELL_TEXT = {"first": "S", "last": "F", "single": "SF", "death": "†"}


def abbreviate(name: str, limit: int = NAME_LIMIT) -> str:
    """A name that fits ``limit`` characters: first names to initials, then cut with an ellipsis."""
    if len(name) <= limit:
        return name
    words = name.split()
    if len(words) > 1:
        short = " ".join([*(w[0] + "." for w in words[:-1]), words[-1]])
        if len(short) <= limit:
            return short
        name = short
    return name[: limit - 1].rstrip() + "…"


def _rows(characters: Sequence[Character], scenes: Sequence[Scene]) -> list[_Row]:
    present: dict[str, set[int]] = {c.id: set() for c in characters}
    deaths: dict[str, set[int]] = {c.id: set() for c in characters}
    for scene in scenes:
        for ident in (*scene.cast, *scene.deaths):
            if ident in present:
                present[ident].add(scene.number)
        for ident in scene.deaths:
            if ident in deaths:
                deaths[ident].add(scene.number)
    return [
        _Row(c, frozenset(present[c.id]), frozenset(deaths[c.id]),
             min(present[c.id], default=None), max(present[c.id], default=None))
        for c in characters
    ]


def _balanced_blocks(count: int, most: int) -> list[range]:
    """Split ``count`` items into the fewest blocks of at most ``most``, as even as possible."""
    if count == 0:
        return [range(0)]
    blocks = math.ceil(count / most)
    size = math.ceil(count / blocks)
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def _text(x: float, y: float, content: str, size: float, *, anchor: str = "start",
          fill: str = COLOURS["text"], weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-family="{FONT}" '
            f'text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">{escape(content)}</text>')


def _rect(x: float, y: float, width: float, height: float, fill: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{fill}"/>'


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 0.4) -> str:
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{colour}" stroke-width="{width}"/>')


def _page_svg(rows: Sequence[_Row], scenes: Sequence[Scene], total_label: str) -> Markup:
    top = BAND_HEIGHT + HEADER_HEIGHT
    width = NAME_WIDTH + len(scenes) * CELL_WIDTH + TOTAL_WIDTH
    height = top + len(rows) * ROW_HEIGHT
    right = NAME_WIDTH + len(scenes) * CELL_WIDTH
    zoom = min(MAX_ZOOM, PAGE_WIDTH / width, PAGE_HEIGHT / height)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * zoom:.1f}pt" '
             f'height="{height * zoom:.1f}pt" viewBox="0 0 {width:.1f} {height:.1f}">']
    for index in range(0, len(rows), 2):
        parts.append(_rect(0, top + index * ROW_HEIGHT, width, ROW_HEIGHT, COLOURS["zebra"]))
    for column, scene in enumerate(scenes):
        x = NAME_WIDTH + column * CELL_WIDTH
        if scene.flashback:
            parts.append(_rect(x, BAND_HEIGHT, CELL_WIDTH, height - BAND_HEIGHT, COLOURS["flashback"]))
        parts.append(_text(x + CELL_WIDTH / 2, top - 2.5, str(scene.number), 5.5, anchor="middle"))
    column = 0
    for section, run in groupby(scenes, key=lambda s: s.section):
        span = len(list(run))
        x = NAME_WIDTH + column * CELL_WIDTH
        label = abbreviate(section, max(1, int(span * CELL_WIDTH / 3.6)))
        parts.append(_text(x + 2, BAND_HEIGHT - 3, label, 6.5, weight="bold"))
        parts.append(_line(x, 0, x, height, COLOURS["rule"], 0.9))
        column += span
    numbers = [scene.number for scene in scenes]
    for row_index, row in enumerate(rows):
        y = top + row_index * ROW_HEIGHT
        parts.append(_text(3, y + ROW_HEIGHT - 2.8, abbreviate(row.character.name), 7))
        parts.append(_text(width - 3, y + ROW_HEIGHT - 2.8, str(len(row.present)), 6.5, anchor="end"))
        held = [column for column, number in enumerate(numbers) if row.cell(number)]
        if held:  # one shaded band under the whole span; the present cells are drawn over it
            x = NAME_WIDTH + held[0] * CELL_WIDTH
            parts.append(_rect(x + 0.6, y + 0.8, (held[-1] - held[0] + 1) * CELL_WIDTH - 1.2, ROW_HEIGHT - 1.6,
                               COLOURS["hold"]))
        for column, number in enumerate(numbers):
            kind = row.cell(number)
            if kind in ("", "hold"):
                continue
            x = NAME_WIDTH + column * CELL_WIDTH
            parts.append(_rect(x + 0.6, y + 0.8, CELL_WIDTH - 1.2, ROW_HEIGHT - 1.6,
                               COLOURS["death" if kind == "death" else "present"]))
            if kind in _CELL_TEXT:
                parts.append(_text(x + CELL_WIDTH / 2, y + ROW_HEIGHT - 2.8, _CELL_TEXT[kind], 5.5,
                                   anchor="middle", fill="#ffffff", weight="bold"))
    for column in range(len(scenes) + 1):
        x = NAME_WIDTH + column * CELL_WIDTH
        parts.append(_line(x, BAND_HEIGHT, x, height, COLOURS["grid"], 0.3))
    for row_index in range(len(rows) + 1):
        y = top + row_index * ROW_HEIGHT
        parts.append(_line(0, y, width, y, COLOURS["grid"], 0.3))
    parts.append(_line(right, BAND_HEIGHT, right, height, COLOURS["rule"], 0.9))
    parts.append(_text(width - 3, top - 2.5, total_label, 6.5, anchor="end", weight="bold"))
    parts.append("</svg>")
    return Markup("".join(parts))


def presence_chart(characters: Sequence[Character], scenes: Sequence[Scene], *, total_label: str = "Σ",
                   scenes_per_page: int = 53, rows_per_page: int = 42) -> list[ChartPage]:
    """The chart's pages, character rows outermost so a reader can follow a character across pages."""
    if not scenes:
        return []
    rows = _rows(characters, scenes)
    pages = []
    for row_block in _balanced_blocks(len(rows), rows_per_page):
        for scene_block in _balanced_blocks(len(scenes), scenes_per_page):
            page_scenes = scenes[scene_block.start:scene_block.stop]
            page_rows = rows[row_block.start:row_block.stop]
            pages.append(ChartPage(
                svg=_page_svg(page_rows, page_scenes, total_label),
                first_scene=page_scenes[0].number, last_scene=page_scenes[-1].number,
                first_row=row_block.start + 1, last_row=row_block.stop,
            ))
    return pages


def presence_legend(labels: Mapping[str, str]) -> Markup:
    """A one-line legend of the chart's cells, with the words in ``labels`` (present, first, …)."""
    entries = [("present", COLOURS["present"], ""), ("first", COLOURS["present"], "S"),
               ("last", COLOURS["present"], "F"), ("hold", COLOURS["hold"], ""),
               ("death", COLOURS["death"], "†"), ("flashback", COLOURS["flashback"], "")]
    parts, x = [], 0.0
    for key, fill, mark in entries:
        parts.append(_rect(x, 1, CELL_WIDTH - 1.2, ROW_HEIGHT - 1.6, fill))
        if mark:
            parts.append(_text(x + (CELL_WIDTH - 1.2) / 2, ROW_HEIGHT - 2.6, mark, 5.5, anchor="middle",
                               fill="#ffffff", weight="bold"))
        label = labels.get(key, key)
        parts.append(_text(x + CELL_WIDTH + 2, ROW_HEIGHT - 2.4, label, 7))
        x += CELL_WIDTH + 12 + len(label) * 3.1
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" width="{x:.1f}pt" height="{ROW_HEIGHT + 2}pt" '
                  f'viewBox="0 0 {x:.1f} {ROW_HEIGHT + 2}">{"".join(parts)}</svg>')
