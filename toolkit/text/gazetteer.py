"""World knowledge that is not about any story: place names (GeoNames, CLDR) and first names
(gender-guesser), read from the tables the package ships (toolkit.text.tables)."""
from __future__ import annotations

from bisect import bisect_left
from functools import cache

from toolkit.text.tables import table


@cache
def place_names() -> frozenset[str]:
    """Names of countries, US states, continents and larger cities, as written in several languages."""
    return frozenset(table("place_names"))


@cache
def _first_names() -> list[tuple[str, list[str]]]:
    """(code, sorted case-folded given names) per group of gender-guesser's given names (see
    table_sources.given_names)."""
    return [(code, names.split("\n")) for code, names in table("given_names").items()]


def given_name_code(name: str) -> str:
    """'f', 'm' or 'u' (given to both) for a given name; '' for no given name."""
    folded = name.casefold()
    for code, names in _first_names():
        k = bisect_left(names, folded)
        if k < len(names) and names[k] == folded:
            return code
    return ""


def first_name_gender(name: str) -> str:
    """'f', 'm' or 'unknown' (also for names given to both) for a given name."""
    if len(name) < 3:
        return "unknown"
    code = given_name_code(name)
    return code if code in ("f", "m") else "unknown"


def is_first_name(name: str) -> bool:
    return len(name) >= 3 and given_name_code(name) != ""


_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def _plain(word: str) -> str:
    return word.casefold().translate(_UMLAUTS)


@cache
def _region_words(language: str) -> tuple[list[str], list[str]]:
    """The words of country and region names in a language (see table_sources.regions): plain forms,
    sorted, and the words as written, in the same order."""
    pairs = sorted((_plain(word), word) for word in table("regions")["places"].get(language, ()))
    return [plain for plain, _ in pairs], [word for _, word in pairs]


def region_of_adjective(adjective: str, ending: str, language: str) -> str:
    """The country or region, named in `language`, an adjective of that ending is made from: 'hessisch' ->
    'Hessen', 'sächsische' -> 'Sachsen', 'belgisch' -> 'Belgien'; '' for one that names none
    ('misstrauisch'). The adjective's stem must begin the name's word, allowing for two letters of
    derivation ('libanes-' from 'Libanon'), and have four letters at least."""
    word = _plain(adjective)
    cut = word.rfind(ending) if ending else -1
    stem = word[:cut] if cut > 0 else ""
    if len(stem) < 4:
        return ""
    head = stem[:max(4, len(stem) - 2)]
    plains, words = _region_words(language)
    best, shared = "", 0
    k = bisect_left(plains, head)
    while k < len(plains) and plains[k].startswith(head):
        # the name that shares most of the stem: 'fränkisch' is Franken's, not Frankreich's
        common = next((n for n, (a, b) in enumerate(zip(stem, plains[k])) if a != b), min(len(stem), len(plains[k])))
        if common > shared or common == shared and len(words[k]) < len(best):
            best, shared = words[k], common
        k += 1
    return best


@cache
def _regions_of(part: str, language: str) -> frozenset[str]:
    """One list of the regions table ("countries", "adjectives") in a language, as a set."""
    return frozenset(table("regions")[part].get(language, ()))


def is_country(name: str, language: str) -> bool:
    """'Belgien', 'China': a country's name in that language (CLDR), not a region's or a city's."""
    return name in _regions_of("countries", language)


def names_a_language(adjective: str, language: str) -> bool:
    """'französisch', 'walisisch': an adjective CLDR names a language by (in its dictionary form)."""
    return adjective.casefold() in _regions_of("adjectives", language)


def place_of_adjective(word: str) -> str:
    """The city a German inhabitants' adjective is made from: 'Berliner' -> 'Berlin', 'Münchner' ->
    'München', 'Bremer' -> 'Bremen'; '' for none."""
    if not word.endswith("er") or not word[:1].isupper():
        return ""
    stem = word[:-2]
    for candidate in (stem, stem + "en", stem[:-1] + "en" if stem.endswith("n") else ""):
        if candidate and candidate in place_names():
            return candidate
    return ""
