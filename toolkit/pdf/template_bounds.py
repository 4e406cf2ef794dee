"""Bounds on what a story template may build and how long it may run: filters and globals that make
long strings (center, indent, format, lipsum), str.format widths, strings kept in a namespace, and a
deadline checked at every call and attribute a template makes."""
from __future__ import annotations

import re
import string
import time

import jinja2
from jinja2.filters import do_center, do_format, do_indent
from jinja2.sandbox import SecurityError
from jinja2.utils import Namespace, generate_lorem_ipsum

# The longest string a template may build in one step (as MAX_PRODUCT for 'x' * n).
MAX_TEXT = 1_000_000
# The widest a value may be padded by a format ({:>N}, %Ns).
MAX_WIDTH = 10_000
# Seconds a render's templates may run; a bible of thousands of scenes renders in a few.
TEMPLATE_SECONDS = 120.0
_PRINTF_WIDTHS = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d*))?")


def _too_long(size: int) -> None:
    if size > MAX_TEXT:
        raise SecurityError(f"a template may not make a value longer than {MAX_TEXT:,}")


def _wide(number: str | None) -> None:
    if number and (len(number) > 6 or int(number) > MAX_WIDTH):
        raise SecurityError(f"a template may not pad a value wider than {MAX_WIDTH:,}")


def center(value, width=80):
    _too_long(max(len(str(value)), int(width)))
    return do_center(value, width)


def indent(value, width=4, first=False, blank=False):
    padding = width if isinstance(width, str) else " " * min(int(width), MAX_TEXT + 1)
    _too_long(len(str(value)) + (str(value).count("\n") + 1) * len(padding))
    return do_indent(value, width, first, blank)


def printf(value, *args, **kwargs):
    for width, precision in _PRINTF_WIDTHS.findall(str(value)):
        _wide(width)
        _wide(precision)
    return do_format(value, *args, **kwargs)


def lipsum(n=5, html=True, min=20, max=100):
    _too_long(int(n) * int(max) * 12)
    return generate_lorem_ipsum(n, html, min, max)


def check_format(text: str) -> None:
    """Refuses a str.format template that pads past MAX_WIDTH or nests a format in a format."""
    for _, _, spec, _ in string.Formatter().parse(str(text)):
        if spec and "{" in spec:
            raise SecurityError("a template may not format a value inside a format")
        for number in re.findall(r"\d+", spec or ""):
            _wide(number)


class BoundedNamespace(Namespace):
    """namespace() whose values stay within MAX_TEXT (doubling a string in a loop stops there)."""

    def __setitem__(self, name, value):
        if isinstance(value, (str, list, tuple)):
            _too_long(len(value))
        super().__setitem__(name, value)


class Deadline:
    """The time templates may still run; start() at each render."""

    def __init__(self):
        self.until = float("inf")

    def start(self) -> None:
        self.until = time.monotonic() + TEMPLATE_SECONDS

    def check(self) -> None:
        if time.monotonic() > self.until:
            raise SecurityError(f"the templates ran longer than {TEMPLATE_SECONDS:.0f} seconds")


def bound(environment: jinja2.Environment) -> None:
    """Puts the bounded filters and globals in place of Jinja2's own."""
    environment.filters.update(center=center, indent=indent, format=printf)
    environment.globals.update(lipsum=lipsum, namespace=BoundedNamespace)
