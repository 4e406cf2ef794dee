"""Fonts embedded in a PDF dated like the PDF, whichever subsetter WeasyPrint has (HarfBuzz's, or fontTools
without libharfbuzz-subset0), so the same inputs give the same bytes."""
from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager


class _FontSubsetFallback(logging.Filter):
    """Drops WeasyPrint's notice that it subsets fonts with fontTools: without libharfbuzz-subset0 it
    embeds the same glyphs through fontTools (a dependency of WeasyPrint), and font_timestamps makes
    that path as reproducible as HarfBuzz's, so the notice names no fault of a bible."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset")


QUIET_FALLBACK = _FontSubsetFallback()


@contextmanager
def font_timestamps(today: datetime.datetime | None) -> Iterator[None]:
    """Embedded fonts dated like the PDF. Without libharfbuzz-subset0 WeasyPrint subsets fonts through
    fontTools, which writes the time of the render into each font's ``head.modified`` unless
    ``SOURCE_DATE_EPOCH`` is set; it is set to the inputs' date while the PDF is written."""
    if today is None or os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(today.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
