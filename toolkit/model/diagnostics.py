"""Diagnostics: immutable records of continuity findings; formatting lives in formats.py."""
from __future__ import annotations

from typing import NamedTuple

SEVERITIES = ("error", "warning", "info")


class Diagnostic(NamedTuple):
    file: str
    line: int
    column: int
    code: str
    rule: str
    severity: str
    message: str
    # What the message says, as (name, value) pairs, so a report can word it in another language.
    details: tuple[tuple[str, str], ...] = ()

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict:
        return {key: value for key, value in self._asdict().items() if key != "details"}
