"""Reading a synopsis: front matter, units (acts, episodes, sequences) and sentences with line numbers."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from toolkit.errors import InputError
from toolkit.files.textio import read_text
from toolkit.files.yaml_limits import YamlLimitError, read_yaml
from toolkit.model.story import UNIT_KINDS
from toolkit.text.language import SUPPORTED, Language, detect_language, load_language

# A line this long that ends a sentence is a paragraph of its own, even without a blank line after it.
_PARAGRAPH_LINE = 160


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int  # line of the synopsis file where the sentence starts
    unit: int  # 0-based index of the unit
    index: int  # 0-based index within the whole synopsis


@dataclass
class Unit:
    index: int
    text: str
    line: int
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Synopsis:
    path: Path
    title: str
    language: str
    unit_kind: str
    units: list[Unit]
    front_matter: dict = field(default_factory=dict)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for unit in self.units for s in unit.sentences]


def split_front_matter(text: str, path: Path) -> tuple[dict, str, int]:
    """Front matter between '---' lines at the very start; returns (data, body, lines used)."""
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---", 4)
    if end < 0:
        raise InputError("front matter opened with '---' is never closed", path=path, line=1)
    raw = text[4:end]
    try:
        read = read_yaml(raw)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(f"front matter does not parse: {getattr(error, 'problem', None) or 'broken YAML'}",
                         path=path, line=mark.line + 2 if mark else 1) from None
    except YamlLimitError as error:  # nesting or aliases beyond the bible's bounds, a number too long
        raise InputError(f"front matter: {error.message}", path=path, line=(error.line or 0) + 1) from None
    data, _, problems = read if read is not None else ({}, {}, [])
    if problems:
        raise InputError(f"front matter: {problems[0].message}", path=path, line=problems[0].line + 1)
    data = data or {}
    if not isinstance(data, dict):
        raise InputError("front matter must be 'key: value' lines", path=path, line=2)
    rest = text[end + 4:]
    newline = rest.find("\n")
    body = rest[newline + 1:] if newline >= 0 else ""
    used = text[: len(text) - len(body)].count("\n")
    return data, body, used


def split_units(body: str, first_line: int) -> list[tuple[str, int]]:
    """Paragraphs with their first line: blank-line separated, or one long line each."""
    units: list[tuple[str, int]] = []
    block: list[str] = []
    block_line = 0

    def close() -> None:
        if block:
            units.append((" ".join(part.strip() for part in block), block_line))
            block.clear()

    for number, line in enumerate(body.split("\n"), start=first_line):
        stripped = line.strip()
        if not stripped:
            close()
            continue
        if not block:
            block_line = number
        block.append(stripped)
        if len(stripped) >= _PARAGRAPH_LINE and re.search(r"[.!?…\"“”»«)]$", stripped):
            close()
    close()
    return units


class SentenceSplitter:
    """Splits prose into sentences without cutting at abbreviations, initials or ordinals."""

    def __init__(self, language: Language):
        abbreviations = sorted(language.abbreviations, key=len, reverse=True)
        self._protected = re.compile(
            r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in abbreviations) + r")"
            if abbreviations else r"(?!x)x"
        )
        self._boundary = re.compile(r"(?<=[.!?…])(?P<close>[\"“”»«)\]]*)\s+(?=[\"„“»«(\['‘‚]?[A-ZÄÖÜÀ-ÞĀ-ſ0-9])")

    def split(self, text: str) -> list[tuple[str, int]]:
        """Sentences with their character offset in text."""
        blocked: set[int] = set()
        for match in self._protected.finditer(text):
            blocked.update(range(match.start(), match.end() + 1))
        # initials such as "A. J. Kroll" and single capitals before a period
        for match in re.finditer(r"(?<![\w])[A-ZÄÖÜ]\.", text):
            blocked.update(range(match.start(), match.end() + 1))
        # ordinals and dates: "am 3. Mai"
        for match in re.finditer(r"(?<![\w])\d{1,2}\.(?=\s+[a-zäöü]|\s+(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez))", text):
            blocked.update(range(match.start(), match.end() + 1))
        out: list[tuple[str, int]] = []
        start = 0
        for match in self._boundary.finditer(text):
            if match.start() - 1 in blocked:
                continue
            piece = text[start:match.end("close")].strip()
            if piece:
                out.append((piece, start))
            start = match.end()
        piece = text[start:].strip()
        if piece:
            out.append((piece, start))
        return out


def read_synopsis(path: str | Path, *, language: str = "auto", units: str = "auto") -> Synopsis:
    """Read a synopsis file into units and sentences, each sentence knowing its line."""
    path = Path(path)
    text = read_text(path)
    front, body, used = split_front_matter(text, path)
    if not body.strip():
        raise InputError("the synopsis is empty", path=path, line=used + 1)
    lang = language if language != "auto" else str(front.get("language") or detect_language(body))
    if lang not in SUPPORTED:
        raise InputError(f"language '{lang}' is not supported ({', '.join(SUPPORTED)})", path=path, line=1)
    lang_data = load_language(lang)
    kind = units if units != "auto" else str(front.get("units") or "")
    paragraphs = split_units(body, used + 1)
    if kind not in UNIT_KINDS:
        if kind:
            raise InputError(f"units '{kind}' is not one of {', '.join(UNIT_KINDS)}", path=path, line=1)
        kind = "acts" if len(paragraphs) <= 5 else "episodes"
    splitter = SentenceSplitter(lang_data)
    body_lines = body.split("\n")
    result: list[Unit] = []
    count = 0
    for index, (paragraph, line) in enumerate(paragraphs):
        unit = Unit(index=index, text=paragraph, line=line)
        line_starts = _line_starts(body_lines, line - used - 1, paragraph)
        for sentence, offset in splitter.split(paragraph):
            unit.sentences.append(Sentence(sentence, line + _line_at(line_starts, offset), index, count))
            count += 1
        result.append(unit)
    title = str(front.get("title") or _title_from_path(path))
    return Synopsis(path=path, title=title, language=lang, unit_kind=kind, units=result, front_matter=front)


def _line_starts(lines: list[str], first: int, paragraph: str) -> list[int]:
    """Offsets within the joined paragraph at which each of its source lines begins."""
    starts, offset = [], 0
    for line in lines[first:]:
        stripped = line.strip()
        if not stripped or offset >= len(paragraph):
            break
        starts.append(offset)
        offset += len(stripped) + 1
    return starts or [0]


def _line_at(starts: list[int], offset: int) -> int:
    """The index of the line an offset lies on, by bisection: starts are ascending."""
    return max(bisect_right(starts, offset) - 1, 0)


def _title_from_path(path: Path) -> str:
    stem = path.name.split(".")[0]
    return stem.replace("-", " ").replace("_", " ").strip().title() or "Untitled"
