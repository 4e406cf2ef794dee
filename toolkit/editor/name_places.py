"""Where a text writes a character's name: cues, cast and death notes, prose, with genitive and
possessive endings, and where an equal word is an ordinary noun ("der Wolf") and not the name.

Shared by rename (which rewrites the places) and the editor's references (which lists them).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from toolkit.continuity.script import note_words
from toolkit.text.language import language_for, supported_code

_NOTE = re.compile(r"\[\[\s*([^\W\d_][\w ]*?)\s*:(.*?)\]\]", re.DOTALL)
_APOSTROPHES = "'’‘`´"
_SIBILANTS = ("s", "ß", "x", "z", "ce")


class NamePlace(NamedTuple):
    """A name written in a text: text[start:end] is the name, `ending` its genitive or possessive ending
    (already inside start:end), `kept` True where an equal word is left as is."""

    start: int
    end: int
    written: str  # the name as written, without the ending
    ending: str
    in_note: bool
    kept: bool = False


def sibilant(name: str) -> bool:
    """Whether a name ends in a hissing sound (German genitive: an apostrophe, no -s: "Marx'")."""
    return name.casefold().endswith(_SIBILANTS)


def genitive(new: str, ending: str, language: str) -> str:
    """`new` with the genitive or possessive a text wrote after the old name, by the language's rules:
    German "Konrads" -> "Lux'", "Kranz‘" -> "Kranzos" (Kranz -> Kranzo); English "Kranz'" -> "Kranzo's", "Ilsa's" -> "Lux's"."""
    if not ending:
        return new
    upper = ending.isupper()
    mark = next((c for c in ending if c in _APOSTROPHES), "'")
    if language_for(language).possessive_apostrophe:
        form = "s" if ending.casefold() == "s" else (mark if sibilant(new) and "s" not in ending.casefold()
                                                     else mark + "s")
    elif sibilant(new):
        form = mark if mark in ending else "'"
    else:
        form = mark + "s" if ending.casefold() == mark + "s" else "s"
    return new + (form.upper() if upper else form)


def name_pattern(name: str) -> re.Pattern:
    words = [re.escape(word) for word in name.split()]
    ending = rf"(?P<ending>[{_APOSTROPHES}]s|s|[{_APOSTROPHES}])?"
    return re.compile(r"(?<![\w\-])(?<!\w['’])(?P<name>" + r"[ \t]+".join(words) + ")" + ending + r"(?![\w\-])",
                      re.IGNORECASE)


def note_spans(text: str) -> list[tuple[int, int]]:
    """Where the bodies of cast and death notes are: names there count in any case."""
    keywords = note_words().keywords
    return [(match.start(2), match.end(2)) for match in _NOTE.finditer(text)
            if keywords.get(match.group(1).casefold()) in ("cast", "dies")]


@lru_cache(maxsize=4)
def _determiners(language: str) -> frozenset[str]:
    data = language_for(supported_code(language, "en"))
    words = {str(w).casefold() for w in (data.articles or [])}
    for group in (data.possessives or {}).values():
        words |= {str(w).casefold() for w in group}
    return frozenset(words)


def _ordinary_here(text: str, start: int, written: str, language: str) -> bool:
    """Whether a single capitalised word stands where a noun does: in the lexicon, after an article or
    possessive ("der Wolf", "the Hunter", "seinen Wolf")."""
    if " " in written.strip():
        return False
    from toolkit.text.lexicons import is_ordinary_word

    line_start = text.rfind("\n", 0, start) + 1
    near = {w.strip(",;\"'„“”()").casefold() for w in text[line_start:start].split()[-2:]}
    return bool(near & _determiners(language)) and is_ordinary_word(written, language)


def _ending(old: str, match: re.Match) -> tuple[str, int]:
    """The genitive ending of a match and where the place ends: a bare apostrophe is a genitive only
    after a hissing sound ("Kranz'"), a bare -s only after none ("Ilsas")."""
    ending = match.group("ending") or ""
    if ending and ending[0] in _APOSTROPHES and len(ending) == 1 and not sibilant(old):
        ending = ""
    if ending.casefold() == "s" and sibilant(old):
        ending = ""
    return ending, match.end("name") + len(ending)


def name_places(text: str, name: str, language: str, *, taken: list[tuple[int, int]] = (),
                notes: list[tuple[int, int]] | None = None) -> list[NamePlace]:
    """Every place `name` is written in a text outside the `taken` spans: capitalised anywhere, in any
    case in cast and death notes; single words that are ordinary nouns where they stand are `kept`."""
    notes = note_spans(text) if notes is None else notes
    out = []
    for match in name_pattern(name).finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in taken):
            continue
        written = match.group("name")
        in_note = any(a <= start < b for a, b in notes)
        if not (written[0].isupper() or in_note):
            continue
        ending, end = _ending(name, match)
        kept = not in_note and not written.isupper() and _ordinary_here(text, start, written, language)
        out.append(NamePlace(start, end, written, ending, in_note, kept))
    return out


def line_of(text: str, offset: int) -> tuple[int, str]:
    """The 1-based line number of an offset, and that line."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text.count("\n", 0, offset) + 1, text[start:end if end != -1 else len(text)].rstrip("\r")
