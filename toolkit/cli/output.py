"""Everything the command line prints goes through ``say``: no control character from a story (a
name, a heading, a file name) reaches the terminal or a CI log raw."""
from __future__ import annotations

import re

import click

from toolkit.errors import one_line, printable

# What JSON keeps raw inside strings: DEL, C1, the Unicode separators, the bidirectional marks.
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str, form: str = "lines") -> str:
    """``text`` as it may be printed.

    form: "line" (one line: line breaks escaped too), "lines" (tabs and line breaks kept), "csv"
    (carriage returns kept too, inside quoted cells), "json" (control characters as \\u escapes,
    so the document still parses and its strings are unchanged)."""
    if form == "json":
        return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if form == "line":
        return one_line(text)
    return printable(text, keep="\n\t\r" if form == "csv" else "\n\t")


def say(text: str, *, err: bool = False, nl: bool = True, form: str = "line") -> None:
    """Print ``text`` (to stderr with ``err``), made safe by terminal_text."""
    click.echo(terminal_text(text, form), err=err, nl=nl)
