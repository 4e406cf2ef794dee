"""Word lists from maintained packages, read from the compact tables the package ships
(toolkit.text.tables; toolkit.text.table_sources says how each is made).

- given names (gender-guesser's name dictionary): with the gender a name is mostly given to. A prior that a word names a person. Surnames come from the text itself.
- German nouns (german-nouns, from Wiktionary): every inflected form with its grammatical gender, so
  that a capitalised German word is known as a common noun ("Klarnamen", "Chemiker") and a noun in
  apposition says the gender of the name after it ("dem Polizeifotografen Wirth").
- ordinary words (wordfreq): the words of each language common enough that a capitalised one is no
  misspelt name. Importing wordfreq and reading its list costs a second and 100 MB on every run; the
  table gives the same answers for words of letters alone.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left
from functools import cache, lru_cache

from toolkit.text import gazetteer
from toolkit.text.table_sources import ORDINARY_ZIPF, zipf
from toolkit.text.tables import table

_ORDINARY_TABLES = {"de": "ordinary_de", "en": "ordinary_en"}


class _Table:
    """Looks words up in the grouped form of a cached table: a binary search in each group's sorted list."""

    def __init__(self, grouped: dict[str, str]):
        self.groups = [(value, words.split("\n")) for value, words in grouped.items()]

    def get(self, word: str, default=None):
        for value, words in self.groups:
            k = bisect_left(words, word)
            if k < len(words) and words[k] == word:
                return value
        return default

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None


@cache
def _nouns() -> _Table:
    return _Table(table("german_nouns"))


@cache
def _ordinary(language: str) -> list[str]:
    return table(_ORDINARY_TABLES[language])["words"].split("\n")


@cache
def _ordinary_frequencies(language: str) -> list[str]:
    return table(_ORDINARY_TABLES[language])["frequencies"].split("\n")


def _common_frequency(word: str, language: str) -> float | None:
    """The frequency of a word of the table (case folded), None for a word less common than ORDINARY_ZIPF."""
    words = _ordinary(language)
    k = bisect_left(words, word)
    return float(_ordinary_frequencies(language)[k]) if k < len(words) and words[k] == word else None


def is_ordinary_word(word: str, language: str) -> bool:
    """Whether wordfreq rates the word at least ORDINARY_ZIPF in the language ('Adler' in German, 'Hunter' in
    English). Words of letters, or of letters joined by hyphens, are looked up in the cached table as wordfreq
    would (composed, case folded: 'Straße' as 'strasse'; the parts of 'Red-Head' each, their frequencies
    combined); others, and other languages, ask wordfreq itself."""
    parts = unicodedata.normalize("NFC", word).casefold().split("-")
    if language in _ORDINARY_TABLES and all(part.isalpha() for part in parts):
        if len(parts) == 1:
            words = _ordinary(language)
            k = bisect_left(words, parts[0])
            return k < len(words) and words[k] == parts[0]
        frequencies = [_common_frequency(part, language) for part in parts]
        if None in frequencies:
            return False  # a combined frequency is below each part's
        return zipf(1.0 / sum(1.0 / f for f in frequencies)) >= ORDINARY_ZIPF
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language) >= ORDINARY_ZIPF


def name_kinds(word: str) -> str:
    """'f'/'m'/'u' (given to both) if the word is a given name; '' if not. (No list of surnames is kept: a
    surname is known from the text, as the word after a given name, a title or a role.)"""
    return gazetteer.given_name_code(word)


def is_person_name(word: str) -> bool:
    return bool(name_kinds(word))


def given_name_gender(word: str) -> str:
    """'f' or 'm' for a given name of three letters or more mostly given to one sex, else 'unknown' (the list
    has two-letter names, such as 'El', that are more often an article)."""
    return gazetteer.first_name_gender(word)


@lru_cache(maxsize=1 << 16)
def german_noun(word: str) -> str | None:
    """The genders of a German common noun ('Chemiker' -> 'm'), '' for one without (a plural), None
    when the word is no noun form."""
    return _nouns().get(word)


@cache
def german_compound(word: str) -> str | None:
    """The genders of the noun a German compound ends in ('Polizeifotografen' -> 'm'), or None."""
    nouns = _nouns()
    for k in range(3, len(word) - 3):
        if word[k - 1] == "-" and word[k:] in nouns:
            return nouns.get(word[k:])
        head = word[k].upper() + word[k + 1:]
        if word[k - 1] != "-" and head in nouns:
            return nouns.get(head)
    return None
