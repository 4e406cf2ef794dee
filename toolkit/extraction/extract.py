"""The extractor: mentions of people, organisations, places and props in a sentence, and what it claims.

One extractor serves both directions. `expand` discovers names in a synopsis (`NameFinder`), `check`
knows them from the bible (`NameIndex`); both read the same patterns for roles, affiliations,
relations, aliases and deaths out of the same tokens.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from toolkit.text import gazetteer
from toolkit.extraction.affiliations import describe, read_affiliations
from toolkit.extraction.aliases import Alias, read_aliases  # noqa: F401 - Alias re-exported
from toolkit.extraction.claims import AffiliationClaim, DeathClaim, GenderVote
from toolkit.extraction.fates import read_fates
from toolkit.extraction.genders import read_genders
from toolkit.text.language import Language
from toolkit.extraction.memberships import read_memberships
from toolkit.extraction.mentions import Mention, NameLookup, find_mentions  # noqa: F401 - re-exported
from toolkit.text.nlp import Token, analyse, strip_genitive
from toolkit.extraction.organisations import OrgMention, drop_departments, find_orgs
from toolkit.extraction.relations import Relation, read_relations, read_verb_relations


@dataclass
class Reading:
    """What one sentence says."""

    text: str
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    orgs: list[OrgMention] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)  # (name, INT/EXT/"")
    settings: list[tuple[str, str]] = field(default_factory=list)  # (noun as written, INT/EXT)
    props: list[str] = field(default_factory=list)
    affiliations: list[AffiliationClaim] = field(default_factory=list)
    deaths: list[DeathClaim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    genders: list[GenderVote] = field(default_factory=list)
    transition: bool = False

    def span(self, start: int, end: int) -> str:
        return self.text[self.tokens[start].start:self.tokens[end - 1].end]

    @property
    def present(self) -> list[str]:
        """Keys of people on screen: named or referred to in a main clause, not as a genitive, not reported."""
        seen: list[str] = []
        for mention in self.mentions:
            if mention.main and not mention.genitive and not mention.uncertain and mention.key not in seen:
                seen.append(mention.key)
        return seen


class Lexicon:
    """Lookups built once per language: roles, relations, agencies, settings, props."""

    def __init__(self, language: Language):
        self.language = language
        self.vocabulary: dict[str, bool] = {}  # is_vocabulary's answers, each word asked once
        self.agency_keys: list[str] | None = None  # agency_by_name's keys, sorted
        self.roles: dict[str, dict] = {k: v or {} for k, v in language.roles.items()}
        self.roles_folded = {k.casefold(): v for k, v in self.roles.items()}
        self.relations = {k.casefold(): v for k, v in language.relations.items()}
        self.not_names = language.words("not_names")
        self.titles = frozenset((language.data.get("names") or {}).get("titles") or ())
        self.introducer_words = frozenset(p.casefold() for p in language.name_introducers if " " not in p)
        self.articles = language.lower_words("articles")
        self.possessives = {w: g for g, words in language.possessives.items() for w in words}
        self.pronouns = {w: g for g, words in language.pronouns.items() for w in words}
        self.place_prepositions = language.lower_words("place_prepositions")
        self.group_nouns = {k.casefold(): v for k, v in language.group_nouns.items()}
        self.prop_nouns = [w.casefold() for w in language.prop_nouns]
        self.org_suffixes = {w.casefold() for w in language.organisation_suffixes}
        self.gender_nouns = {w.casefold(): g for g, words in language.gender_nouns.items() for w in words}
        self.transitions = [t for t in language.transitions]
        self.agency_by_name: dict[str, object] = {}
        for agency in language.agencies:
            for name in agency.names:
                self.agency_by_name[name if name.isupper() and len(name) <= 6 else name.casefold()] = agency
        self.status_former = language.phrases("status_words", "former")
        deaths = language.deaths
        self.killing_verbs = {w.casefold() for w in deaths["killing_verbs"]}
        self.causing_verbs = {w.casefold() for w in deaths["causing_verbs"]}
        self.passive_participles = {w.casefold() for w in deaths["passive_participles"]}
        self.passive_auxiliaries = {w.casefold() for w in deaths["passive_auxiliaries"]}
        self.separable = {k.casefold(): v.casefold() for k, v in (deaths.get("separable") or {}).items()}

    def may_begin_agency(self, word: str) -> bool:
        """Whether some agency name begins with the word as written or case-folded (a name of several
        tokens can only match a text that begins with its first)."""
        if self.agency_keys is None:
            self.agency_keys = sorted(self.agency_by_name)
        for start in (word, word.casefold()):
            k = bisect_left(self.agency_keys, start)
            if k < len(self.agency_keys) and self.agency_keys[k].startswith(start):
                return True
        return False

    def agency(self, word: str):
        """Acronyms match exactly ("MAD", not "mad"); names match in any case."""
        if word.isupper():
            return self.agency_by_name.get(word)
        return self.agency_by_name.get(word) or self.agency_by_name.get(word.casefold())

    def role(self, word: str) -> dict | None:
        if word in self.roles:
            return self.roles[word]
        if self.language.code == "en":
            return self.roles_folded.get(word.casefold())
        return None

    def is_vocabulary(self, word: str) -> bool:
        """A capitalised word that the language data knows as something other than a name."""
        known = self.vocabulary.get(word)
        if known is None:
            known = self.vocabulary[word] = self._is_vocabulary(word)
        return known

    def _is_vocabulary(self, word: str) -> bool:
        folded = word.casefold()
        return (word in self.not_names or self.role(word) is not None or folded in self.relations
                or folded in self.group_nouns or folded in self.gender_nouns
                or folded in self.org_suffixes or self.language.setting_of(word) is not None
                or any(folded.endswith(p) or folded.endswith(p + "n") or folded.endswith(p + "en")
                       or folded.endswith(p + "s") for p in self.prop_nouns if len(p) >= 4))


_LEXICONS: dict[str, Lexicon] = {}


def lexicon_for(language: Language) -> Lexicon:
    if language.code not in _LEXICONS:
        _LEXICONS[language.code] = Lexicon(language)
    return _LEXICONS[language.code]


# -- reading a sentence -------------------------------------------------------------------------


def read_sentence(text: str, language: Language, lookup: NameLookup, *, caps_only: bool = False,
                  tokens: list[Token] | None = None) -> Reading:
    """Everything the extractor finds in one sentence, people resolved through `lookup`."""
    tokens = tokens if tokens is not None else analyse(text, language)
    reading = Reading(text=text, tokens=tokens)
    lex = lexicon_for(language)
    reading.mentions = find_mentions(tokens, text, lookup, caps_only=caps_only)
    reading.orgs = drop_departments(find_orgs(tokens, text, lex), tokens)
    reading.transition = any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text) for t in lex.transitions)
    _find_places_and_props(reading, lex)
    read_claims(reading, lex)
    read_aliases(reading, lex)
    read_genders(reading, lex)
    return reading


def read_claims(reading: Reading, lex: Lexicon) -> None:
    """Roles, affiliations, relations and fates; run again once coreference has added its mentions."""
    reading.affiliations, reading.relations, reading.deaths = [], [], []
    for mention in reading.mentions:
        if not mention.via:
            describe(reading, mention, lex)
    read_affiliations(reading, lex)
    read_memberships(reading, lex)
    read_relations(reading, lex)
    read_verb_relations(reading, lex)
    read_fates(reading, lex)


def _find_places_and_props(reading: Reading, lex: Lexicon) -> None:
    tokens = reading.tokens
    named = {i for m in reading.mentions for i in range(m.start, m.end)}
    for i, token in enumerate(tokens):
        if not token.word:
            continue
        setting = lex.language.setting_of(token.text) if (token.capitalised or lex.language.code == "en") else None
        if setting and not token.text[:1].isupper() and lex.language.code == "de":
            setting = None
        if setting:
            reading.settings.append((token.text, setting[1]))
        if token.capitalised and token.tag in lex.language.proper_noun_tags or token.capitalised:
            bare = strip_genitive(token.text)[0]
            if bare in gazetteer.place_names() and i not in named:
                reading.places.append((bare, ""))
    introducers = [p.casefold() for p in lex.language.prop_introducers]
    for i, token in enumerate(tokens[:-1]):
        if token.text.casefold() in introducers and tokens[i + 1].capitalised:
            reading.props.append(tokens[i + 1].text)
        # "M60-Maschinengewehr": a named weapon or device
        parts = token.text.split("-")
        if len(parts) == 2 and parts[1].casefold() in lex.prop_nouns and any(ch.isdigit() for ch in parts[0]):
            reading.props.append(parts[0])
