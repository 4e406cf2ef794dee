"""Words of an SVG picture laid over it as HTML, where an SVG <text> would stand.

WeasyPrint draws SVG text a letter at a time, with a text layout of its own for every letter, and HTML
text a line at a time: a relationship picture's names and labels cost a tenth as HTML. A text keeps
the SVG's placing: its anchor point on the baseline, aligned at the start or the middle.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

# Where a line 1em high puts the baseline of DejaVu Sans: half the leading, (1 - 0.928 - 0.236) / 2,
# above the ascent of 0.928em.
BASELINE = 0.846


@dataclass(frozen=True)
class PictureText:
    """A text at (x, y), the point on its baseline where it starts or, anchored "middle", its middle."""

    x: float
    y: float
    text: str
    size: float
    colour: str = "#1a1a1a"
    anchor: str = "start"  # start | middle
    bold: bool = False
    room: float = 0.0  # the width the text may take; a longer one still fits and a middle-anchored one stays centred


def _div(text: PictureText, zoom: float) -> str:
    size = text.size * zoom
    top = text.y * zoom - BASELINE * size
    room = max(text.room, len(text.text) * text.size) * zoom  # a width: WeasyPrint need not measure the text
    if text.anchor == "middle":
        place = f"left: {text.x * zoom - room / 2:.2f}pt; width: {room:.2f}pt; text-align: center"
    else:
        place = f"left: {text.x * zoom:.2f}pt; width: {room:.2f}pt"
    weight = "; font-weight: bold" if text.bold else ""
    return (f'<div class="picture-text" style="{place}; top: {top:.2f}pt; font-size: {size:.2f}pt; '
            f'color: {text.colour}{weight}">{escape(text.text)}</div>')


def text_layer(texts: Iterable[PictureText], zoom: float = 1.0) -> Markup:
    """The texts as absolutely placed HTML, for a `.picture` box that holds the SVG drawn at `zoom`."""
    return Markup("".join(_div(text, zoom) for text in texts))
