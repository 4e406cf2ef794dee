"""The length of a scene in eighths of a page, as screenplay pages are counted.

A page is set in 12-point Courier: 55 lines on US Letter, 57 on A4; action and headings wrap at 61
characters (58 on A4), dialogue at 35, parentheticals at 26, cues at 38, with a blank line between
elements. A scene's eighths are its lines over the page's, to the nearest eighth and at least one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NOTE = re.compile(r"\[\[.*?\]\]", re.DOTALL)
_BONEYARD = re.compile(r"/\*.*?\*/", re.DOTALL)
_CUE = re.compile(r"^(?:@.+|[^a-z]*[A-ZÄÖÜÀ-Þ][^a-z]*?)(?:\s*\(.*\))?\s*\^?$")
_TRANSITION = re.compile(r"^(?:>(?!.*<\s*$).*|[^a-z]+TO:)$")


@dataclass(frozen=True)
class Paper:
    """A page: its lines and the widths elements wrap at, in characters of 12-point Courier."""

    name: str
    lines: int
    action: int
    dialogue: int = 35
    parenthetical: int = 26
    cue: int = 38


LETTER = Paper("letter", 55, 61)
A4 = Paper("a4", 57, 58)
PAPERS = {"letter": LETTER, "a4": A4}


def wrapped(text: str, width: int) -> int:
    """How many lines a line of text takes, broken at the last space that fits."""
    text = text.strip()
    if len(text) <= width:
        return 1
    count = 1
    while len(text) > width:
        cut = text.rfind(" ", 0, width + 1)
        cut = cut if cut > 0 else width
        text = text[cut:].lstrip()
        count += 1
    return count


def _block_lines(block: list[str], paper: Paper, first: bool) -> int:
    """The printed lines of one paragraph of a scene (without the blank line before it)."""
    if first:  # the heading, and action that may follow it without a blank line
        return 1 + sum(wrapped(line, paper.action) for line in block[1:])
    head = block[0].strip()
    if len(block) > 1 and _CUE.match(head) and not head.startswith((">", "!", "=", "#", ".")):
        total = wrapped(head, paper.cue)
        for line in block[1:]:
            text = line.strip()
            total += wrapped(text, paper.parenthetical if text.startswith("(") else paper.dialogue)
        return total
    if len(block) == 1 and _TRANSITION.match(head):
        return 1
    return sum(wrapped(line.lstrip("!>").rstrip("<"), paper.action) for line in block)


def _visible(lines: list[str]) -> list[str]:
    """Lines as printed: without notes, boneyard, synopses, sections and page breaks."""
    text = "\n".join(lines)
    if "[[" in text:
        text = _NOTE.sub("", text)
    if "/*" in text:
        text = _BONEYARD.sub("", text)
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped.startswith(("=", "#")):  # synopses, sections and page breaks (===) are not printed
            out.append(line if stripped else "")
    return out


def scene_lines(lines: list[str], paper: Paper = LETTER) -> int:
    """The printed lines a scene's text takes (its heading first), with the blank lines between elements."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in _visible(lines):
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    if not blocks:
        return 1
    total = _block_lines(blocks[0], paper, True)
    total += sum(1 + _block_lines(block, paper, False) for block in blocks[1:])
    return total + 2  # the blank lines before the heading


def eighths(lines: int, paper: Paper = LETTER) -> int:
    """A scene's length in eighths of a page: to the nearest eighth, at least one."""
    return max(1, int(lines * 8 / paper.lines + 0.5))


def page_count(line_counts: list[int], paper: Paper = LETTER) -> float:
    """The pages scenes of these line counts fill, as a fraction."""
    return sum(line_counts) / paper.lines


def format_eighths(value: int) -> str:
    """Eighths as a production board writes them: "3/8", "1", "1 2/8"."""
    pages, rest = divmod(value, 8)
    if not rest:
        return str(pages)
    return f"{pages} {rest}/8" if pages else f"{rest}/8"
