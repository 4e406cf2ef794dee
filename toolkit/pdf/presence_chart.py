"""The presence chart: characters by scenes as inline SVG and HTML, in the style of a day-out-of-days report.

One row per character, one column per scene. A filled cell means present; the first appearance
carries S, the last F (SF when both), a death †, and the scenes between a character's first and
last appearance in which they are absent are shaded (the "hold" of a day-out-of-days report).
Large stories are split into pages of at most ``scenes_per_page`` columns and a balanced number of
character rows, each page sized for a landscape A4 page: the grid as SVG, the names, totals and scene
numbers laid over it as HTML (a tenth of the cost of SVG text in WeasyPrint, which lays out every letter
on its own).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup, escape

from toolkit.model.story import Character, Scene
from toolkit.pdf.picture_text import BASELINE

FONT = "DejaVu Sans Condensed, DejaVu Sans, sans-serif"
NAME_WIDTH = 112.0
TOTAL_WIDTH = 22.0
CELL_WIDTH = 12.0
ROW_HEIGHT = 10.0
NUMBER_SIZE = 5.5
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
    "new_day": "#d2691e",
}


@dataclass(frozen=True)
class ChartPage:
    """One page of the chart: its SVG and which scenes and character rows it shows."""

    html: Markup  # the SVG grid with the names laid over it
    first_scene: int | str
    last_scene: int | str
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


@dataclass(frozen=True)
class ChartWords:
    """The chart's words in the story's language: the total's heading, the marks of a character's first
    and last scene, and the short word for a unit ("Ep." for "Episode 3" where the full name does not fit)."""

    total: str = "Σ"
    first: str = "S"
    last: str = "F"
    unit: str = ""

    def mark(self, kind: str) -> str:
        return {"first": self.first, "last": self.last, "single": self.first + self.last, "death": "†"}.get(kind, "")


def unit_label(section: str, width: float, words: ChartWords, char_width: float = 3.6) -> str:
    """The unit's name if it fits `width`, else the short word and its number ("Ep. 3"), else the
    number alone: never a word cut in the middle."""
    fits = int(width // char_width)
    if len(section) <= fits:
        return section
    number = section.split()[-1] if section.split() and section.split()[-1][:1].isdigit() else ""
    short = f"{words.unit} {number}".strip() if words.unit else number
    if short and len(short) <= fits:
        return short
    return number if len(number) <= fits else ""


def unit_labels(spans: Sequence[tuple[str, float]], words: ChartWords, char_width: float = 3.6) -> list[str]:
    """The labels of a page's units (section, width) in one form: every whole name when all fit, else every
    short form ("F. 3"), else every number; a unit too narrow even for that has none."""
    forms = []
    for section, _ in spans:
        number = section.split()[-1] if section.split() and section.split()[-1][:1].isdigit() else ""
        forms.append((section, f"{words.unit} {number}".strip() if words.unit and number else number, number))
    for level in range(3):
        if all(len(form[level]) <= int(width // char_width) for form, (_, width) in zip(forms, spans)):
            return [form[level] for form in forms]
    return [form[2] if len(form[2]) <= int(width // char_width) else "" for form, (_, width) in zip(forms, spans)]


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


def _text(x: float, y: float, content: str, *, anchor: str = "middle") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(content)}</text>'


class _Shapes:
    """Rectangles and lines gathered into one path per colour: WeasyPrint draws one path far faster
    than a thousand elements."""

    def __init__(self):
        self.fills: dict[str, list[str]] = {}
        self.strokes: dict[tuple[str, float], list[str]] = {}

    def rect(self, x: float, y: float, width: float, height: float, fill: str) -> None:
        self.fills.setdefault(fill, []).append(f"M{x:.1f} {y:.1f}h{width:.1f}v{height:.1f}h{-width:.1f}z")

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 0.3) -> None:
        """A line; an upright or level one with one number fewer (WeasyPrint reads each number in Python)."""
        end = f"V{y2:.1f}" if x1 == x2 else f"H{x2:.1f}" if y1 == y2 else f"L{x2:.1f} {y2:.1f}"
        self.strokes.setdefault((colour, width), []).append(f"M{x1:.1f} {y1:.1f}{end}")

    def svg(self, fill_order: Sequence[str]) -> str:
        paths = [f'<path fill="{fill}" d="{"".join(self.fills[fill])}"/>' for fill in fill_order if fill in self.fills]
        paths += [f'<path fill="none" stroke="{colour}" stroke-width="{width}" d="{"".join(d)}"/>'
                  for (colour, width), d in self.strokes.items()]
        return "".join(paths)


def _cell_shapes(rows: Sequence[_Row], scenes: Sequence[Scene], shapes: _Shapes, top: float,
                 words: ChartWords) -> list[str]:
    """Shade each row's span, fill its present cells; return the S, F and † marks."""
    marks = []
    numbers = [scene.number for scene in scenes]
    for row_index, row in enumerate(rows):
        y = top + row_index * ROW_HEIGHT
        kinds = [row.cell(number) for number in numbers]
        spanned = [column for column, kind in enumerate(kinds) if kind]
        if spanned:  # one shaded band under the whole span; present cells are drawn over it
            shapes.rect(NAME_WIDTH + spanned[0] * CELL_WIDTH + 0.6, y + 0.8,
                        (spanned[-1] - spanned[0] + 1) * CELL_WIDTH - 1.2, ROW_HEIGHT - 1.6, COLOURS["hold"])
        for column, kind in enumerate(kinds):
            if kind in ("", "hold"):
                continue
            x = NAME_WIDTH + column * CELL_WIDTH
            shapes.rect(x + 0.6, y + 0.8, CELL_WIDTH - 1.2, ROW_HEIGHT - 1.6,
                        COLOURS["death" if kind == "death" else "present"])
            if words.mark(kind):
                marks.append(_text(x + CELL_WIDTH / 2, y + ROW_HEIGHT - 2.8, words.mark(kind)))
    return marks


def _page_svg(rows: Sequence[_Row], scenes: Sequence[Scene], zoom: float, words: ChartWords,
              day_starts: frozenset[int] = frozenset()) -> str:
    top = BAND_HEIGHT + HEADER_HEIGHT
    right = NAME_WIDTH + len(scenes) * CELL_WIDTH
    width, height = right + TOTAL_WIDTH, top + len(rows) * ROW_HEIGHT
    shapes = _Shapes()
    for index in range(0, len(rows), 2):
        shapes.rect(0, top + index * ROW_HEIGHT, width, ROW_HEIGHT, COLOURS["zebra"])
    numbers = []
    for column, scene in enumerate(scenes):
        x = NAME_WIDTH + column * CELL_WIDTH
        if scene.flashback:
            shapes.rect(x, BAND_HEIGHT, CELL_WIDTH, height - BAND_HEIGHT, COLOURS["flashback"])
        if not _label(scene).isdigit():  # scene numbers of digits only are laid over the grid as HTML
            numbers.append(_text(x + CELL_WIDTH / 2, top - 2.5, _label(scene)))
    sections, column = [], 0
    runs = [(section, len(list(run))) for section, run in groupby(scenes, key=lambda s: s.section)]
    labels = unit_labels([(section, span * CELL_WIDTH - 3) for section, span in runs], words)
    for (_section, span), label in zip(runs, labels, strict=True):
        x = NAME_WIDTH + column * CELL_WIDTH
        if label:
            sections.append(_text(x + 2, BAND_HEIGHT - 3, label, anchor="start"))
        shapes.line(x, 0, x, height, COLOURS["rule"], 0.9)
        column += span
    marks = _cell_shapes(rows, scenes, shapes, top, words)
    for column in range(len(scenes) + 1):
        shapes.line(NAME_WIDTH + column * CELL_WIDTH, BAND_HEIGHT, NAME_WIDTH + column * CELL_WIDTH, height,
                    COLOURS["grid"])
    for row_index in range(len(rows) + 1):
        shapes.line(0, top + row_index * ROW_HEIGHT, width, top + row_index * ROW_HEIGHT, COLOURS["grid"])
    shapes.line(right, BAND_HEIGHT, right, height, COLOURS["rule"], 0.9)
    for column, scene in enumerate(scenes):  # a new story day begins: a line before its first scene
        if scene.number in day_starts:
            x = NAME_WIDTH + column * CELL_WIDTH
            shapes.line(x, BAND_HEIGHT, x, height, COLOURS["new_day"], 1.2)
    group = f'<g font-family="{FONT}" fill="{COLOURS["text"]}"'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * zoom:.1f}pt" height="{height * zoom:.1f}pt" '
            f'viewBox="0 0 {width:.1f} {height:.1f}">'
            + shapes.svg([COLOURS[k] for k in ("zebra", "flashback", "hold", "present", "death")])
            + f'{group} font-size="{NUMBER_SIZE}">{"".join(numbers)}</g>'
            + f'{group} font-size="6.5" font-weight="bold">{"".join(sections)}</g>'
            + f'<g font-family="{FONT}" font-size="5.5" font-weight="bold" fill="#ffffff">{"".join(marks)}</g>'
            + "</svg>")


def _label(scene: Scene) -> str:
    return str(scene.scene_number or scene.number)


def _number_lines(scenes: Sequence[Scene], zoom: float) -> str:
    """The scene numbers above the columns as a few lines of HTML, one for each digit place of the
    numbers of each length: a digit or a figure space (as wide as a digit) a column, letter-spaced to
    the column's width, the line shifted so that each number is centred on its column."""
    numbers = [_label(scene) if _label(scene).isdigit() else "" for scene in scenes]
    top = (BAND_HEIGHT + HEADER_HEIGHT - 2.5 - BASELINE * NUMBER_SIZE) * zoom
    lines = []
    for length in sorted({len(number) for number in numbers if number}):
        last = max(column for column, number in enumerate(numbers) if len(number) == length)
        for place in range(length):
            text = "".join(number[place] if len(number) == length else "\u2007" for number in numbers[:last + 1])
            lines.append(f'<div class="presence-numbers" style="left: {NAME_WIDTH * zoom:.2f}pt; top: {top:.2f}pt; '
                         f'width: {len(scenes) * CELL_WIDTH * zoom:.2f}pt; font-size: {NUMBER_SIZE * zoom:.2f}pt; '
                         f'letter-spacing: calc({CELL_WIDTH * zoom:.2f}pt - 1ch); '
                         f'padding-left: calc({CELL_WIDTH * zoom / 2:.2f}pt + {place - length / 2}ch)">{text}</div>')
    return "".join(lines)


def _text_column(left: float, top: float, width: float, lines: Sequence[str], zoom: float,
                 align: str = "left") -> str:
    """Lines of HTML text, one a row, laid over the grid at (left, top) in chart units: blocks of ten
    rows, a line break a row. An element a row costs WeasyPrint a style and a box each; one text for
    all rows costs a text layout of all the rows left for each row."""
    rows = [escape(" ".join(line.split())) for line in lines]
    body = "".join("<div>" + "\n".join(rows[start:start + 10]) + "</div>" for start in range(0, len(rows), 10))
    return (f'<div class="presence-column" style="left: {left * zoom:.1f}pt; top: {top * zoom:.1f}pt; '
            f'width: {width * zoom:.1f}pt; font-size: {7 * zoom:.1f}pt; line-height: {ROW_HEIGHT * zoom:.1f}pt; '
            f'text-align: {align}">{body}</div>')


def _page_html(rows: Sequence[_Row], scenes: Sequence[Scene], words: ChartWords,
               day_starts: frozenset[int] = frozenset()) -> Markup:
    """The page's SVG grid with the names and totals laid over it as HTML: WeasyPrint sets SVG text
    one letter at a time and HTML text a line at a time, and these are most of the chart's letters."""
    top = BAND_HEIGHT + HEADER_HEIGHT
    width = NAME_WIDTH + len(scenes) * CELL_WIDTH + TOTAL_WIDTH
    height = top + len(rows) * ROW_HEIGHT
    zoom = min(MAX_ZOOM, PAGE_WIDTH / width, PAGE_HEIGHT / height)
    names = [abbreviate(row.character.name) for row in rows]
    totals = [words.total, *(str(len(row.present)) for row in rows)]
    return Markup(
        f'<div class="presence-chart" style="width: {width * zoom:.1f}pt; height: {height * zoom:.1f}pt">'
        + _page_svg(rows, scenes, zoom, words, day_starts)
        + _number_lines(scenes, zoom)
        + _text_column(3, top, NAME_WIDTH - 5, names, zoom)
        + _text_column(width - TOTAL_WIDTH, top - ROW_HEIGHT, TOTAL_WIDTH - 3, totals, zoom, "right")
        + "</div>")


def presence_chart(characters: Sequence[Character], scenes: Sequence[Scene], *, words: ChartWords = ChartWords(),
                   scenes_per_page: int = 53, rows_per_page: int = 42,
                   day_starts: frozenset[int] = frozenset()) -> list[ChartPage]:
    """The chart's pages, character rows outermost so a reader can follow a character across pages.
    Every scene has its column, also one in which no one is present; a line marks the scenes (by
    number) in `day_starts`, where a new story day begins."""
    scenes = list(scenes)
    if not scenes:
        return []
    rows = _rows(characters, scenes)
    pages = []
    for row_block in _balanced_blocks(len(rows), rows_per_page):
        for scene_block in _balanced_blocks(len(scenes), scenes_per_page):
            page_scenes = scenes[scene_block.start:scene_block.stop]
            page_rows = rows[row_block.start:row_block.stop]
            pages.append(ChartPage(
                html=_page_html(page_rows, page_scenes, words, day_starts),
                first_scene=page_scenes[0].scene_number or page_scenes[0].number,
                last_scene=page_scenes[-1].scene_number or page_scenes[-1].number,
                first_row=row_block.start + 1, last_row=row_block.stop,
            ))
    return pages


def presence_legend(labels: Mapping[str, str], words: ChartWords = ChartWords()) -> Markup:
    """The legend of the chart's cells as HTML, with the words in ``labels`` (present, first, …)."""
    entries = [("present", "present", ""), ("first", "present", words.first), ("last", "present", words.last),
               ("hold", "hold", ""), ("death", "death", "†"), ("flashback", "flashback", "")]
    if "new_day" in labels:
        entries.append(("new_day", "new_day", ""))
    return Markup("".join(
        f'<span class="legend-entry"><span class="swatch swatch-{colour}">{mark}</span> '
        f"{escape(labels.get(key, key))}</span>" for key, colour, mark in entries))


def presence_swatch_css() -> Markup:
    """The stylesheet's rules for the legend's swatches, in the chart's colours: classes, not a style
    attribute each, as an element with a style attribute shares its style with no other."""
    return Markup("\n".join(f".swatch-{key} {{ background: {COLOURS[key]}; }}"
                             for key in ("present", "hold", "death", "flashback", "new_day")))
