"""CSV cells a spreadsheet cannot take for formulas (OWASP's CSV injection advice).

A name in a bible or a heading in a script comes from someone else; written into CSV as
``=HYPERLINK(…)`` or ``@SUM(…)`` a spreadsheet would run it as a formula. Every CSV the toolkit
writes goes through ``safe_writer`` (or ``safe_cell``), which puts a ``'`` before a text cell that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return. Numbers stay numbers, and so
do the toolkit's own labels of unnumbered scenes (``@7``, ``@7; 12``), which name no function.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A scene's position label, alone or leading a list of scene labels: digits after "@", nothing to call.
_POSITION_LABELS = re.compile(r"@\d+(?:; @?\d+[A-Za-z]*)*", re.ASCII)


def safe_cell(value: object) -> object:
    """The value, with a ``'`` in front when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _POSITION_LABELS.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    """A csv.writer whose every text cell goes through safe_cell."""

    def __init__(self, out: IO[str], **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(out: IO[str], *, lineterminator: str = "\n", **options) -> SafeWriter:
    """A CSV writer for the toolkit's exports (one line break a row unless told otherwise)."""
    return SafeWriter(out, lineterminator=lineterminator, **options)
