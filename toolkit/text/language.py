"""Language knowledge as data: one YAML file per language beside the code that reads it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from pathlib import Path

from toolkit.files.cache import kept_as_json
from toolkit.text import lang_schema
from toolkit.text.lang_schema import LanguageDataError

__all__ = ["SUPPORTED", "AgencyEntry", "Language", "LanguageDataError", "detect_language", "language_for", "load_language", "supported_code"]

SUPPORTED = ("de", "en")
DEFAULT = "de"
_DATA = Path(__file__).parent / "lang"


@dataclass(frozen=True)
class AgencyEntry:
    id: str
    name: str
    abbreviation: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = "agency"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.abbreviation, self.name, *self.aliases) if n)


@dataclass
class Language:
    """What the extractor and the outline writer know of one language."""

    code: str
    data: dict
    agencies: list[AgencyEntry] = field(default_factory=list)
    sets: dict = field(default_factory=dict, repr=False, compare=False)  # word sets made of data, once

    def __getattr__(self, name: str):
        try:
            return self.data[name]
        except KeyError:
            pass
        if not name.startswith("__") and not lang_schema.declared(name):
            raise AttributeError(f"{name!r} is no key of a language file")
        raise AttributeError(name)

    def section(self, *keys: str) -> dict:
        """The mapping at a key path the schema declares (`section("deaths", "found_dead")`); {} when the
        language leaves it out. An undeclared path is an error, so a misspelt key cannot read as empty."""
        _declared(keys)
        node = self.data
        for key in keys:
            node = node.get(key) or {}
        return node

    # -- the grammar traits of the language (its file's `traits`); code asks these, never the code

    @cached_property
    def nouns_capitalised(self) -> bool:
        """Every noun is capitalised (German): a setting or role noun must be written so, and a capitalised
        word is not yet a name."""
        return bool(self.section("traits").get("nouns_capitalised"))

    @cached_property
    def nationalities_capitalised(self) -> bool:
        """'British' (English) rather than 'britischen' (German)."""
        return bool(self.section("traits").get("nationalities_capitalised"))

    @cached_property
    def verb_second(self) -> bool:
        """The finite verb stands second in a main clause, and first after a subordinate clause (German)."""
        return bool(self.section("traits").get("verb_second"))

    @cached_property
    def grammatical_gender(self) -> bool:
        """A person noun's grammatical gender names a man or a woman ("Kollege", "Fotografin")."""
        return bool(self.section("traits").get("grammatical_gender"))

    @cached_property
    def compound_joiner(self) -> str:
        """What joins an organisation to a role: "DIA-Agent", "DIA agent"."""
        return str(self.section("traits").get("compound_joiner") or " ")

    @cached_property
    def pronoun_number_by_verb(self) -> dict[str, str]:
        """Pronouns that are also plurals, with the ending of their verb in the singular ("sie fliegt")."""
        return dict(self.section("traits").get("pronoun_number_by_verb") or {})

    @cached_property
    def relative_pronoun_genders(self) -> dict[str, str]:
        """Relative pronouns that name a gender ("der" m, "die" f); empty where none does."""
        return dict(self.section("traits").get("relative_pronoun_genders") or {})

    @cached_property
    def dative_prepositions(self) -> frozenset[str]:
        """Prepositions after which a relative pronoun's form does not tell its gender."""
        return frozenset(self.section("traits").get("dative_prepositions") or ())

    @property
    def possessive_apostrophe(self) -> bool:
        """Whether a possessive always takes an apostrophe ("Ilsa's"), not only after a sibilant ("Konrads")."""
        return bool(self.section("traits").get("possessive_apostrophe"))

    def words(self, key: str) -> frozenset[str]:
        if ("words", key) not in self.sets:
            _declared((key,))
            self.sets["words", key] = frozenset(self.data.get(key) or ())
        return self.sets["words", key]

    def lower_words(self, *keys: str) -> frozenset[str]:
        """The words at a key path, case-folded: `lower_words("occupations", "nouns")`."""
        if ("lower", keys) not in self.sets:
            self.sets["lower", keys] = frozenset(w.casefold() for w in self.phrases(*keys))
        return self.sets["lower", keys]

    def phrases(self, *keys: str) -> list[str]:
        _declared(keys)
        node = self.data
        for key in keys:
            node = node.get(key) or {}
        return list(node) if isinstance(node, list) else []

    def setting_of(self, word: str) -> tuple[str, str] | None:
        """(setting noun, INT/EXT) for a noun or a compound ending in one: 'Privatinsel' -> ('Insel', 'EXT')."""
        return _setting_of(self.code, word)

    def _find_setting(self, word: str) -> tuple[str, str] | None:
        folded = word.casefold()
        best = None
        for noun, setting in self.data["settings"].items():
            key = noun.casefold()
            matches = folded == key or (folded.endswith(key) and len(key) >= 4 and len(folded) - len(key) >= 3)
            if matches and (best is None or len(key) > len(best[0])):
                best = (noun, setting)
        return best


def _declared(keys: tuple[str, ...]) -> None:
    if not lang_schema.declared(*keys):
        raise KeyError(f"{'.'.join(keys)!r} is no key of a language file")


@lru_cache(maxsize=65536)
def _setting_of(code: str, word: str) -> tuple[str, str] | None:
    return load_language(code)._find_setting(word)


def read_package_data(name: str) -> object:
    """One of the package's YAML files under toolkit/lang, as plain data (kept as JSON between runs)."""
    text = (_DATA / name).read_text(encoding="utf-8")
    return kept_as_json(name.rsplit(".", 1)[0], text, _parse_yaml)


def _parse_yaml(text: str) -> object:
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def load_language(code: str) -> Language:
    """The language data for 'de' or 'en'."""
    if code not in SUPPORTED:
        raise ValueError(f"unsupported language {code!r}")
    agencies = [AgencyEntry(**{**entry, "aliases": tuple(entry.get("aliases") or ())})
                for entry in read_package_data("agencies.yaml")]
    data = read_package_data(f"{code}.yaml")
    lang_schema.check(data, f"{code}.yaml")
    return Language(code=code, data=data, agencies=agencies)


def supported_code(code: str | None, fallback: str = DEFAULT) -> str:
    """`code` when a language file is given for it, else `fallback`."""
    return code if code in SUPPORTED else fallback


def language_for(code: str) -> Language:
    """The language data for a story's language code; German for a code no file is given for."""
    return load_language(code if code in SUPPORTED else DEFAULT)


def detect_language(text: str) -> str:
    """'de' or 'en', by counting each language's most frequent words."""
    words = re.findall(r"[a-zA-ZäöüÄÖÜß]+", text[:20000].casefold())
    scores = {code: sum(1 for w in words if w in load_language(code).lower_words("common_words"))
              for code in SUPPORTED}
    return max(scores, key=lambda code: (scores[code], code == "de"))
