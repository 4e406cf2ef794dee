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
