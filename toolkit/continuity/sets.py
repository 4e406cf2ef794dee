"""Sets: the places of scene headings, one set however its name is cased, accented or misspelt.

Two written forms are one set when they fold alike (case, accents, apostrophes) or are one small
edit apart; such a form is a misspelling unless what tells the two apart is a number or a word each
of which the story or the language knows ("ZIMMER 12" / "ZIMMER 13", "JOHN'S FLAT" / "JOAN'S FLAT").
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

_APOSTROPHES = re.compile(r"['’‘`´]")
_SPACES = re.compile(r"[\s\-–—.,/]+")
MIN_LENGTH = 5  # shorter set names ("BAR", "BAD") are too close to each other to guess at


def exact_key(place: str) -> str:
    """A set name as compared for identity: case-folded, single spaces ("Küche" = "KÜCHE")."""
    return " ".join(unicodedata.normalize("NFC", place).split()).casefold()


def loose_key(place: str) -> str:
    """A set name without accents, apostrophes and punctuation ("KUHLHAUS" = "KÜHLHAUS")."""
    text = unicodedata.normalize("NFKD", exact_key(place).replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", _APOSTROPHES.sub("", text)).strip()


@dataclass
class SetGroup:
    """One set: its written forms (by exact key) with their first scene lines, and the name it goes by."""

    name: str
    forms: dict[str, str] = field(default_factory=dict)  # exact key -> the form as first written
    count: Counter = field(default_factory=Counter)  # exact key -> scenes


@dataclass(frozen=True)
class Variant:
    """A written form of a set that looks like a misspelling of the set's name."""

    written: str
    meant: str


def _distinct(a: str, b: str, known: Callable[[str], bool]) -> bool:
    """Whether the words that tell two close names apart are a number or words known on both sides."""
    left, right = a.split(), b.split()
    if len(left) != len(right):
        return False
    differing = [(x, y) for x, y in zip(left, right) if x != y]
    return bool(differing) and all(
        any(ch.isdigit() for ch in x + y) or (known(x) and known(y)) for x, y in differing)


class SetIndex:
    """The sets of a story, built from the places of its headings in story order."""

    def __init__(self, places: Sequence[str], known: Callable[[str], bool] = lambda word: False):
        self.groups: list[SetGroup] = []
        self._by_exact: dict[str, SetGroup] = {}
        self._by_loose: dict[str, SetGroup] = {}
        self._distinct = known
        for place in places:
            if place.strip():
                self._add(place.strip())
        for group in self.groups:
            group.name = group.forms[max(group.count, key=lambda key: self._rank(group, key))]

    def _rank(self, group: SetGroup, key: str) -> tuple:
        """Which form is the set's name: the one of known words, then the most written, then the first."""
        words = key.split()
        known = sum(self._distinct(word) or self._distinct(loose_key(word)) for word in words)
        return known, group.count[key], -list(group.forms).index(key)

    def _add(self, place: str) -> None:
        exact, loose = exact_key(place), loose_key(place)
        group = self._by_exact.get(exact) or self._by_loose.get(loose) or self._near(loose)
        if group is None:
            group = SetGroup(place)
            self.groups.append(group)
        group.forms.setdefault(exact, place)
        group.count[exact] += 1
        self._by_exact[exact] = group
        self._by_loose.setdefault(loose, group)

    def _near(self, loose: str) -> SetGroup | None:
        """The set whose name is one edit from this one (a swap of two letters is one), if any."""
        if len(loose) < MIN_LENGTH or not self._by_loose:
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        for other, _, _ in process.extract(loose, list(self._by_loose), scorer=OSA.distance, score_cutoff=1,
                                           limit=None):
            if len(other) >= MIN_LENGTH and not _distinct(loose, other, self._distinct):
                return self._by_loose[other]
        return None

    def name_of(self, place: str) -> str:
        """The name a set goes by (its most written form) for a place as a heading writes it."""
        group = self._by_exact.get(exact_key(place.strip()))
        return group.name if group else place.strip()

    def variants(self) -> list[Variant]:
        """Every written form that differs from its set's name by more than case, once each."""
        out = []
        for group in self.groups:
            named = exact_key(group.name)
            out += [Variant(form, group.name) for key, form in group.forms.items() if key != named]
        return out


def known_words(story, language: str) -> Callable[[str], bool]:
    """Whether a word of a set name (as loose_key writes it) is one the story or its language knows:
    a word of a name in the bible, or an ordinary word."""
    from toolkit.text.lexicons import is_ordinary_word

    names = [n for c in story.characters for n in c.names]
    names += [n for e in [*story.locations, *story.organisations] for n in [e.name, *e.aliases]]
    words = {loose_key(word) for name in names if name for word in name.split()}
    words |= {word + "s" for word in words}

    def known(word: str) -> bool:
        return word in words or (word.isalpha() and is_ordinary_word(word, language))

    return known
