"""The toolkit's exceptions: one tree, a message template per exception."""
from __future__ import annotations

import re
from enum import IntEnum

# Control characters (C0, DEL, C1, the Unicode line and paragraph separators) and the marks that
# reorder text on screen (bidirectional overrides and isolates): a name or a line of a script from
# someone else may hold them, and raw on a terminal ESC and OSC sequences move the cursor, retitle the
# window or write the clipboard. Everything printed shows them escaped (\x1b, \u202e).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class ExitStatus(IntEnum):
    """Exit statuses of the command line."""

    OK = 0
    CONTINUITY_ERRORS = 1
    BAD_INPUT = 2
    INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def printable(text: str, keep: str = "\n\t") -> str:
    """Text safe to print on a terminal or in a CI log: every control character but those in ``keep``
    shown escaped, as Python writes it (\\x1b, \\x9b, \\u202e)."""
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else repr(m.group())[1:-1], text)


def one_line(text: str) -> str:
    """Text with line breaks and control characters escaped (\\n, \\x1b), so it prints as one line."""
    return printable(text, keep="")


class StorybibleError(Exception):
    """Base of every error the toolkit raises on purpose."""

    FORMAT = "{message}"

    def __init__(self, message: str = "", *, path: object = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "

    def __str__(self) -> str:
        return one_line(self.where() + self.FORMAT.format(message=self.message))


class InputError(StorybibleError):
    """A file the writer gave cannot be read or understood."""


class BibleError(InputError):
    """bible.yaml does not parse or breaks the schema."""

    FORMAT = "bible: {message}"


class OverwriteRefused(StorybibleError):
    """A file the writer edited would be replaced."""

    FORMAT = "{message} (use --force to replace it; a backup is kept)"


class OutputError(StorybibleError):
    """An output file or folder cannot be written."""


class Interrupted(BaseException):
    """Ctrl-C, raised where the program was; not a KeyboardInterrupt, so Click lets it pass."""
