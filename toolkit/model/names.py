"""Resolving written names to the characters of a story: case, genitives, possessives, near misses."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from toolkit.model.near_names import NearNames
from toolkit.model.story import Story

_APOSTROPHES = "'’‘`´"
# "Kroll'", "Kroll‘", "Crane's", "Pamelas"; the bare -s only for names not themselves ending in s.
_POSSESSIVE = re.compile(rf"(?:[{_APOSTROPHES}]s?|s)$", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The form names are compared in: NFC, one apostrophe, single spaces, case-folded."""
    name = unicodedata.normalize("NFC", name)
    for mark in _APOSTROPHES[1:]:
        name = name.replace(mark, "'")
    return " ".join(name.split()).casefold()


def base_forms(surface: str) -> list[str]:
    """The surface itself, then what it could be without a genitive or possessive ending."""
    folded = fold(surface)
    forms = [folded]
    for ending in ("'s", "'", "s"):
        if folded.endswith(ending) and len(folded) > len(ending) + 1:
            forms.append(folded[: -len(ending)].rstrip())
    return forms


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Titles, offices and ranks that may stand before a name, from every language's data."""
    from toolkit.text.language import SUPPORTED, load_language

    words: set[str] = set()
    for code in SUPPORTED:
        language = load_language(code)
        for word in [*language.roles, *language.abbreviations, *(language.data.get("offices") or ())]:
            if " " not in word:
                words |= {fold(word), fold(word).rstrip(".")}
    return frozenset(words)


def strip_titles(name: str) -> str:
    """A name without the titles and ranks before it: 'DR. KRÜGER' -> 'KRÜGER', 'AGENT HOLT' -> 'HOLT'."""
    words = name.split()
    while len(words) > 1 and fold(words[0]) in _title_words():
        words = words[1:]
    return " ".join(words)


def slugify(text: str) -> str:
    """A lowercase ASCII id: 'A. J. Kroll' -> 'a-j-kroll', 'Nádjas' -> 'nadjas'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return text or "x"


@dataclass(frozen=True)
class NameMatch:
    id: str
    name: str  # the bible name or alias that matched
    score: float


class NameIndex:
    """Every name and alias of a story's characters, for lookups by what a scene writes."""

    def __init__(self, names: dict[str, str], written: dict[str, str] | None = None):
        self._ids = names  # folded name -> character id
        self.written = written or {}  # folded name -> the name as the bible writes it
        self._choices = list(names)
        self._near = NearNames(self._choices)
        self._closest: dict[tuple[str, float], NameMatch | None] = {}  # a script repeats its unknown names

    @classmethod
    def from_story(cls, story: Story) -> NameIndex:
        names: dict[str, str] = {}
        written: dict[str, str] = {}
        for character in story.characters:
            for name in character.names:
                if name:
                    names.setdefault(fold(name), character.id)
                    written.setdefault(fold(name), name)
        return cls(names, written)

    def __contains__(self, surface: str) -> bool:
        return self.lookup(surface) is not None

    def lookup(self, surface: str) -> str | None:
        """The id of the character a name refers to, allowing genitives; None if no one."""
        for form in base_forms(surface):
            if form in self._ids:
                return self._ids[form]
        return None

    def lookup_titled(self, surface: str) -> str | None:
        """Like lookup, also when a title or rank stands before the name ('RICHTERIN KERN')."""
        found = self.lookup(surface)
        if found is None:
            bare = strip_titles(surface)
            found = self.lookup(bare) if bare != surface else None
        return found

    def closest(self, surface: str, cutoff: float = 80.0) -> NameMatch | None:
        """The nearest known name, for suggestions and near-miss warnings."""
        if not self._choices:
            return None
        key = (fold(surface), cutoff)
        if key not in self._closest:
            best = self._near.best(key[0], cutoff)
            self._closest[key] = None if best is None else NameMatch(self._ids[best[0]], best[0], best[1])
        return self._closest[key]

    def names(self) -> list[str]:
        return list(self._choices)


def _variant_of(alias: str, other: str) -> bool:
    """Whether `alias` is a genitive of `other` ("Konrads", "Kranz'") or a misspelling of it ("Konrat")."""
    a, b = fold(alias), fold(other)
    if a == b:
        return False
    if a in base_forms(b) or b in base_forms(a)[1:]:
        return True
    from rapidfuzz.distance import OSA

    return len(b) >= 4 and OSA.distance(a, b) <= (1 if len(b) < 7 else 2)


def spelling_variants(character) -> set[str]:
    """The aliases of a character that are genitives or misspellings of its name, of a word of its name,
    or of another alias: names to recognise, never to suggest or write."""
    names = [n for n in character.names if n]
    parts = [word for word in character.name.split() if len(character.name.split()) > 1]
    variants = set()
    for alias in character.aliases:
        others = [n for n in [character.name, *parts, *names] if fold(n) != fold(alias)]
        # an alias that another alias misspells is itself the proper one: compare with the earlier only
        earlier = [n for n in others if n not in character.aliases
                   or character.aliases.index(n) < character.aliases.index(alias)]
        if any(_variant_of(alias, other) for other in earlier):
            variants.add(alias)
    return variants


def nominative_names(character) -> list[str]:
    """A character's name and aliases without genitive and misspelt aliases, as the bible writes them."""
    variants = spelling_variants(character)
    return [name for name in character.names if name and name not in variants]


def proper_name(character, written: str) -> str:
    """The name to suggest for a written form that matched `written`: itself, unless that is a spelling
    variant, then the character's name."""
    match = next((n for n in character.names if n and fold(n) == fold(written)), None)
    if match is None or match in spelling_variants(character):
        return character.name
    return match
