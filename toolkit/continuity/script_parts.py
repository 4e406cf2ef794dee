"""Parsing a script again after an edit, scene by scene: only the scenes whose text changed.

A Fountain text is cut before each scene heading into parts; each part is parsed on its own (its
lines counted from 1) and kept by its text, so an edit re-parses one part and moves the others by
a line offset. Where a part could be read differently on its own (a boneyard, a note that spans a
heading, a cut that turns out to be no heading), the whole text is parsed as usual.
"""
from __future__ import annotations

import copy
import re

from toolkit.continuity.script import Script, ScriptScene, normalise, parse_script

# What starts a scene heading in Fountain 1.1: INT, EXT, EST, INT./EXT, I/E, or a forced "."
_HEADING = re.compile(r"^(?:\.(?=[^.\s])|(?:INT|EXT|EST|INT\.?/EXT|I/E)[. ])", re.IGNORECASE | re.MULTILINE)
_SECTION = re.compile(r"^[ \t]*#+(.*)$", re.MULTILINE)


def _cuts(text: str, lines: list[str]) -> list[int]:
    """The 0-based lines where parts begin: 0, then every heading with a blank line before and after."""
    cuts, line, at = [0], 0, 0
    for match in _HEADING.finditer(text):
        line += text.count("\n", at, match.start())
        at = match.start()
        if 0 < line < len(lines) - 1 and not lines[line - 1].strip() and not lines[line + 1].strip():
            cuts.append(line)
    return cuts


def _shifted(scene: ScriptScene, lines: int, section: str) -> ScriptScene:
    moved = copy.copy(scene)
    moved.line += lines
    moved.end_line += lines
    moved.mentions = [m._replace(line=m.line + lines) for m in scene.mentions]
    moved.dying = [m._replace(line=m.line + lines) for m in scene.dying]
    moved.prose = [p._replace(line=p.line + lines) for p in scene.prose]
    moved.section = scene.section or section
    return moved


class PartParser:
    """Parses the versions of one script, keeping each part's parse by its text.

    Scenes that did not move are handed out again from one call to the next: copy a scene before
    changing it.
    """

    def __init__(self) -> None:
        self._parts: dict[str, Script] = {}
        self._placed: dict[tuple, list[ScriptScene]] = {}  # (part, first line, section) -> its scenes there
        self.parsed = 0  # parts parsed by the last call, for tests and measurements

    def parse(self, text: str, file: str) -> Script:
        text = normalise(text)
        lines = text.split("\n")
        cuts = _cuts(text, lines)
        pieces = ["\n".join(lines[start:end]) for start, end in zip(cuts, [*cuts[1:], len(lines)])]
        if "/*" in text or any(piece.count("[[") != piece.count("]]") for piece in pieces):
            self._parts, self._placed = {}, {}
            self.parsed = len(pieces)
            return parse_script(text, file)
        parts: dict[str, Script] = {}
        placed: dict[tuple, list[ScriptScene]] = {}
        self.parsed = 0
        scenes, issues, section = [], [], ""
        for number, (start, piece) in enumerate(zip(cuts, pieces)):
            part = parts.get(piece) or self._parts.get(piece)
            if part is None:
                part = parse_script(piece, file)
                self.parsed += 1
            if number and not (part.scenes and part.scenes[0].line == 1 and part.scenes[0].heading):
                self._parts, self._placed = {}, {}  # the cut was no heading after all
                self.parsed = len(pieces)
                return parse_script(text, file)
            parts[piece] = part
            key = (piece, start, section)
            placed[key] = self._placed.get(key) or [_shifted(scene, start, section) for scene in part.scenes]
            scenes += placed[key]
            issues += [issue._replace(line=issue.line + start) for issue in part.issues]
            titles = _SECTION.findall(piece)
            section = titles[-1].strip() if titles else section
        self._parts, self._placed = parts, placed
        return Script(file, scenes, issues, lines)
