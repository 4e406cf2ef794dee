"""Read Fountain files with fountain-py 0.3.0, fixed for non-ASCII cues, line endings and encodings.

This is the only module that imports ``fountain``; the rest of the toolkit uses the names
re-exported here.
"""
from __future__ import annotations

import re
import sys
from os import PathLike


def _import_parser_only() -> None:
    """Let the imports below load fountain-py's parser, document and elements without the package's
    __init__, which also imports its HTML, FDX and PDF renderers (about 10 ms on every start, and
    storybible renders nothing with them). The package runs its __init__ as soon as anything else
    asks it for a name (``import fountain; fountain.FountainParser``)."""
    if "fountain" in sys.modules:
        return
    from importlib.util import find_spec, module_from_spec

    spec = find_spec("fountain")
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    package = module_from_spec(spec)

    def run_init(name: str):
        if package.__dict__.pop("__getattr__", None) is not None:
            spec.loader.exec_module(package)
        return getattr(package, name)

    package.__getattr__ = run_init
    sys.modules["fountain"] = package


_import_parser_only()

from fountain.document import FountainDocument  # noqa: E402
from fountain.elements import ElementType, FountainElement, ValidationIssue  # noqa: E402
from fountain.parser import FountainParser  # noqa: E402

from toolkit.files.textio import MAX_SCRIPT_BYTES, decode_text, read_bytes  # noqa: E402

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

# Wider than ASCII: a cue may hold combining accents (a name typed in decomposed form, ``U`` +
# U+0308), a typographic apostrophe (O’BRIEN from a word processor) and ß, which German writes
# inside capitals (GROßMUTTER).
_CUE_ONLY = frozenset("\u2019\u00df" + "".join(map(chr, range(0x300, 0x370))))


def _ascii_shape(line: str) -> str:
    """The line with each non-ASCII character replaced by one ASCII character of its kind.

    An uppercase letter becomes ``A``, a space ``" "``, a character allowed only inside a cue
    (``’``, ``ß``, a combining accent) ``#``, and anything else ``~``. Lengths are kept, so the
    spans of a match on the shape are the spans of the line.
    """
    return "".join(
        c if c.isascii() else "A" if c.isupper() else " " if c.isspace() else "#" if c in _CUE_ONLY else "~"
        for c in line
    )


class _ShapeMatch:
    """A match on a line's ASCII shape whose groups are read from the line itself."""

    __slots__ = ("_line", "_match")

    def __init__(self, line: str, match: re.Match[str]):
        self._line, self._match = line, match

    def group(self, index: int = 0) -> str | None:
        start, end = self._match.span(index)
        return None if start < 0 else self._line[start:end]


class _UnicodeCuePattern:
    """One of fountain-py's ASCII-only cue or transition patterns, applied to any script.

    Matching the ASCII shape of a non-ASCII line with the ASCII pattern is what the pattern
    would do with every uppercase letter of Unicode in its ``A-Z`` (and the few characters of
    ``_CUE_ONLY`` in its cue class), without regexes of Unicode-wide character classes, which
    cost a tenth of a second to compile on every start.
    """

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern

    def match(self, line: str) -> re.Match[str] | _ShapeMatch | None:
        if line.isascii():
            return self.pattern.match(line)
        found = self.pattern.match(_ascii_shape(line))
        return found and _ShapeMatch(line, found)


class _ClosedNotePattern:
    """A note pattern of fountain-py run only up to a line's last ``]]``: no note ends after it, and
    trying every ``[[`` past it would read the rest of the line once for each (a line of thousands of
    unclosed ``[[`` took minutes)."""

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern

    @staticmethod
    def _end(line: str) -> int:
        """Where the last note could end: after the last ``]]`` and the spaces or tabs after it."""
        close = line.rfind("]]")
        if close < 0:
            return 0
        end = close + 2
        while end < len(line) and line[end] in " \t":
            end += 1
        return end

    def finditer(self, line: str):
        return self.pattern.finditer(line, 0, self._end(line))

    def fullmatch(self, line: str):
        return self.pattern.fullmatch(line) if line.endswith("]]") else None

    def sub(self, replacement, line: str) -> str:
        end = self._end(line)
        return self.pattern.sub(replacement, line[:end]) + line[end:]


class _AsciiFountainParser(FountainParser):
    """fountain-py's parser as it is, for text of ASCII alone, only quicker."""

    NOTE_PATTERN = _ClosedNotePattern(FountainParser.NOTE_PATTERN)
    NOTE_SEAM_PATTERN = _ClosedNotePattern(FountainParser.NOTE_SEAM_PATTERN)

    # Emphasis, escapes and the placeholders fountain-py uses for escapes while it resolves them.
    _INLINE_MARKS = re.compile(r"[*_\\\x00-\x02]")

    def _extract_inline(self, text: str) -> tuple[str, list]:
        """fountain-py's emphasis resolution, skipped for text that has none (most lines of a script)."""
        if self._INLINE_MARKS.search(text) is None:
            return text, []
        return super()._extract_inline(text)


class _UnicodeFountainParser(_AsciiFountainParser):
    """fountain-py's parser with its ASCII-only cue, transition and forced-heading patterns widened.

    On ASCII text it does what _AsciiFountainParser does, with a Python call more for each line.
    """

    # A cue still needs one uppercase letter and must start with one or a digit, so ``Jürgen``
    # stays action; fountain-py's cue class gains ``#`` for numbered extras, which the shape
    # also gives the characters of ``_CUE_ONLY`` but the transition pattern does not allow.
    CHARACTER_PATTERN = _UnicodeCuePattern(FountainParser.CHARACTER_PATTERN)
    DUAL_CHARACTER_PATTERN = _UnicodeCuePattern(FountainParser.DUAL_CHARACTER_PATTERN)
    CHARACTER_EXTENSION_PATTERN = _UnicodeCuePattern(FountainParser.CHARACTER_EXTENSION_PATTERN)
    FORCED_SCENE_HEADING_PATTERN = re.compile(r"^\.(?!\.)(?=[^\W_])")
    TRANSITION_PATTERN = _UnicodeCuePattern(FountainParser.TRANSITION_PATTERN)

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


def _parser_for(text: str) -> FountainParser:
    return _AsciiFountainParser() if text.isascii() else _UnicodeFountainParser()


def parse_fountain(text: str) -> FountainDocument:
    """Parse Fountain text into a document.

    Unlike bare fountain-py, non-ASCII capitals make character cues and forced scene
    headings, any line endings work, and a leading byte-order mark is ignored. Each
    element's ``line_number`` is the 1-based line of ``text`` it starts on, counting a
    CRLF, CR or LF as one line break.
    """
    text = _normalise(text)
    return _parser_for(text).parse(text)


def validation_issues(text: str) -> list[ValidationIssue]:
    """The parser's diagnostics for ``text`` (unclosed notes and boneyards, cues without dialogue).

    Each issue carries the 1-based ``line_number`` of ``text`` where the problem starts.
    """
    text = _normalise(text)
    return _parser_for(text).validate(text)


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
