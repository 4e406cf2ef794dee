"""Read Fountain files with fountain-py 0.3.0, fixed for non-ASCII cues, line endings and encodings.

This is the only module that imports ``fountain``; the rest of the toolkit uses the names
re-exported here.
"""
from __future__ import annotations

import re
from os import PathLike

from fountain import (
    ElementType,
    FountainDocument,
    FountainElement,
    FountainParser,
    ValidationIssue,
)

from toolkit.textio import MAX_SCRIPT_BYTES, decode_text, read_bytes

__all__ = [
    "ElementType",
    "FountainDocument",
    "FountainElement",
    "ValidationIssue",
    "decode_fountain",
    "parse_fountain",
    "read_fountain",
    "validation_issues",
]

# No uppercase letter lies above U+1FFFF (a test checks this against the full range), and
# scanning the whole code space would cost about 80 ms on every start of the toolkit.
_SCAN_LIMIT = 0x20000


def _uppercase_ranges(limit: int = _SCAN_LIMIT) -> str:
    """The body of a regex character class of every ``str.isupper()`` code point below limit."""
    ranges: list[tuple[int, int]] = []
    for code in range(limit):
        if chr(code).isupper():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges
    )


_UPPER = _uppercase_ranges()


class _UnicodeFountainParser(FountainParser):
    """fountain-py's parser with its ASCII-only cue, transition and forced-heading patterns widened."""

    # Besides uppercase letters a cue may hold combining accents (a name typed in decomposed
    # form, ``U`` + U+0308), a typographic apostrophe (O’BRIEN from a word processor) and ß,
    # which German writes inside capitals (GROßMUTTER). A cue still needs one uppercase letter
    # and must start with one or a digit, so ``Jürgen`` stays action.
    _CHAR_CLASS = rf"[{_UPPER}0-9\s_.'\u2019#\u0300-\u036f\u00df-]"
    _CHAR_NAME = rf"(?={_CHAR_CLASS}*[{_UPPER}])[{_UPPER}0-9]{_CHAR_CLASS}*"

    CHARACTER_PATTERN = re.compile(rf"^{_CHAR_NAME}$")
    DUAL_CHARACTER_PATTERN = re.compile(rf"^{_CHAR_NAME}\^+\s*$")
    CHARACTER_EXTENSION_PATTERN = re.compile(
        rf"^(?={_CHAR_CLASS}*[{_UPPER}])([{_UPPER}0-9]{_CHAR_CLASS}*)\s*\((.+)\)\s*(\^+)?\s*$"
    )
    FORCED_SCENE_HEADING_PATTERN = re.compile(r"^\.(?!\.)(?=[^\W_])")
    TRANSITION_PATTERN = re.compile(rf"^[{_UPPER}\s.'/-]+TO:$|^FADE IN:$|^FADE OUT\.$|^CUT TO:$")

    # The base class captured its own patterns in these tuples when it was defined.
    HARD_STRUCTURAL_PATTERNS = (
        FountainParser.SCENE_HEADING_PATTERN,
        FORCED_SCENE_HEADING_PATTERN,
        TRANSITION_PATTERN,
        FountainParser.FORCED_TRANSITION_PATTERN,
        FountainParser.SECTION_PATTERN,
        FountainParser.SYNOPSIS_PATTERN,
        FountainParser.PAGE_BREAK_PATTERN,
        FountainParser.CENTERED_PATTERN,
        FountainParser.FORCED_ACTION_PATTERN,
    )
    CUE_PATTERNS = (
        CHARACTER_PATTERN,
        DUAL_CHARACTER_PATTERN,
        FountainParser.FORCED_CHARACTER_PATTERN,
        CHARACTER_EXTENSION_PATTERN,
    )


def _normalise(text: str) -> str:
    """Drop a leading BOM and turn CRLF and lone CR into LF (one line break each)."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_fountain(text: str) -> FountainDocument:
    """Parse Fountain text into a document.

    Unlike bare fountain-py, non-ASCII capitals make character cues and forced scene
    headings, any line endings work, and a leading byte-order mark is ignored. Each
    element's ``line_number`` is the 1-based line of ``text`` it starts on, counting a
    CRLF, CR or LF as one line break.
    """
    return _UnicodeFountainParser().parse(_normalise(text))


def validation_issues(text: str) -> list[ValidationIssue]:
    """The parser's diagnostics for ``text`` (unclosed notes and boneyards, cues without dialogue).

    Each issue carries the 1-based ``line_number`` of ``text`` where the problem starts.
    """
    return _UnicodeFountainParser().validate(_normalise(text))


def decode_fountain(data: bytes, path: str | PathLike[str]) -> str:
    """Decode the bytes of a Fountain file to text, with the toolkit's one decoder.

    Tries UTF-8 (a byte-order mark is dropped), then Windows-1252, then Latin-1; a file
    with a UTF-16 byte-order mark is read as UTF-16. Line endings are left as they are.

    Raises:
        InputError: naming ``path`` and the line, when the bytes are not text (NUL bytes,
            or many control characters).
    """
    return decode_text(data, path, keep_line_endings=True)


def read_fountain(path: str | PathLike[str]) -> FountainDocument:
    """Read, decode and parse the Fountain file at ``path`` (see ``decode_fountain``).

    Raises:
        InputError: naming the file, when it is missing, unreadable, too large or not text.
    """
    data = read_bytes(path, limit=MAX_SCRIPT_BYTES)
    return parse_fountain(decode_fountain(data, path))
