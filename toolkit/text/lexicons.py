"""Word lists from maintained packages, reduced to compact tables kept between runs.

- person names (names-dataset): given names and surnames ranked among the most frequent of some
  country, with the gender a given name is mostly given to. A prior that a word names a person.
- German nouns (german-nouns, from Wiktionary): every inflected form with its grammatical gender, so
  that a capitalised German word is known as a common noun ("Klarnamen", "Chemiker") and a noun in
  apposition says the gender of the name after it ("dem Polizeifotografen Dorn").
- ordinary words (wordfreq): the words of each language common enough that a capitalised one is no
  misspelt name. Importing wordfreq and reading its list costs a second and 100 MB on every run; the
  table gives the same answers for words of letters alone.

Building a table reads the package's whole data once (several seconds, about a gigabyte for the names);
every later run reads the cached JSON.
"""
from __future__ import annotations

import math
import unicodedata
from bisect import bisect_left
from functools import cache

from toolkit.files.cache import kept_between_runs

# a name counts when it ranks this high in at least one country
_NAME_RANK = 2000
# share of bearers of one sex above which a given name is taken to say a gender
_GENDER_SHARE = 0.9
# parts of speech in the noun list that are names rather than common nouns
_PROPER = ("Toponym", "Vorname", "Nachname", "Eigenname")
# a word this frequent (about three times in a million words) is an ordinary word of its language
ORDINARY_ZIPF = 2.5


@kept_between_runs("names-dataset")
def _person_names() -> dict[str, str]:
    """Letters -> the names they describe, sorted and joined by newlines: 'f'/'m'/'u' for a given name (by
    gender), 's' for a surname, 'fs' for both. A few long strings load many times faster than a large table."""
    import gzip
    import pickle
    from importlib import resources

    table: dict[str, str] = {}
    folder = resources.files("names_dataset").joinpath("v3")
    for kind in ("first_names", "last_names"):
        with folder.joinpath(f"{kind}.pkl.gz").open("rb") as raw, gzip.open(raw) as data:
            names = pickle.load(data)
        for name, record in names.items():
            ranks = record.get("rank") or {}
            if not ranks or min(ranks.values()) > _NAME_RANK:
                continue
            if kind == "first_names":
                share = record.get("gender") or {}
                code = "f" if (share.get("F") or 0) >= _GENDER_SHARE else \
                    "m" if (share.get("M") or 0) >= _GENDER_SHARE else "u"
            else:
                code = "s"
            table[name] = table.get(name, "") + code
        del names
    return _by_value(table)


@kept_between_runs("german-nouns")
def _german_nouns() -> dict[str, str]:
    """Grammatical genders ('m', 'f', 'n', 'mn', '' for plurals) -> every form of a German common noun
    with them, sorted and joined by newlines."""
    import csv

    from german_nouns.config import CSV_FILE_PATH

    table: dict[str, str] = {}
    with open(CSV_FILE_PATH, encoding="utf-8", newline="") as source:
        rows = csv.reader(source)
        header = next(rows)
        genus = [i for i, h in enumerate(header) if h.startswith("genus")]
        forms = [i for i, h in enumerate(header) if "singular" in h or "plural" in h]
        pos = header.index("pos")
        for row in rows:
            if not row[0][:1].isupper() or any(p in row[pos] for p in _PROPER):
                continue
            genders = "".join(sorted({row[i] for i in genus if row[i] in ("m", "f", "n")}))
            for i in forms:
                form = row[i]
                if form and " " not in form:
                    table[form] = "".join(sorted(set(table.get(form, "")) | set(genders)))
    return _by_value(table)


def _ordinary_words(language: str) -> dict[str, str]:
    """'words' -> every word wordfreq rates at least ORDINARY_ZIPF in the language, sorted and joined by
    newlines; 'frequencies' -> the frequency of each of those words, in the same order."""
    from wordfreq import get_frequency_dict

    common = sorted((word, frequency) for word, frequency in get_frequency_dict(language, "best").items()
                    if frequency > 0 and _zipf(frequency) >= ORDINARY_ZIPF)
    return {"words": "\n".join(word for word, _ in common),
            "frequencies": "\n".join(repr(frequency) for _, frequency in common)}


@kept_between_runs("wordfreq")
def _ordinary_german() -> dict[str, str]:
    return _ordinary_words("de")


@kept_between_runs("wordfreq")
def _ordinary_english() -> dict[str, str]:
    return _ordinary_words("en")


_ORDINARY_TABLES = {"de": _ordinary_german, "en": _ordinary_english}


def _zipf(frequency: float) -> float:
    """A frequency on the Zipf scale as wordfreq.zipf_frequency gives it: 3 significant digits, then 2 places
    (its arithmetic, without importing it)."""
    rounded = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


def _by_value(table: dict[str, str]) -> dict[str, str]:
    grouped: dict[str, list[str]] = {}
    for word, value in table.items():
        grouped.setdefault(value, []).append(word)
    return {value: "\n".join(sorted(words)) for value, words in grouped.items()}


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
def _names() -> _Table:
    return _Table(_person_names())


@cache
def _nouns() -> _Table:
    return _Table(_german_nouns())


@cache
def _ordinary(language: str) -> list[str]:
    return _ORDINARY_TABLES[language]()["words"].split("\n")


@cache
def _ordinary_frequencies(language: str) -> list[str]:
    return _ORDINARY_TABLES[language]()["frequencies"].split("\n")


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
        return _zipf(1.0 / sum(1.0 / f for f in frequencies)) >= ORDINARY_ZIPF
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language) >= ORDINARY_ZIPF


def name_kinds(word: str) -> str:
    """'f'/'m'/'u' if the word is a frequent given name (by gender), 's' if a frequent surname; '' if neither."""
    return _names().get(word[:1].upper() + word[1:], "")


def is_person_name(word: str) -> bool:
    return bool(name_kinds(word))


def given_name_gender(word: str) -> str:
    """'f' or 'm' for a given name mostly given to one sex, else 'unknown'."""
    kinds = name_kinds(word)
    return "f" if "f" in kinds else "m" if "m" in kinds else "unknown"


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
