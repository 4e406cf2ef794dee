"""The typed lexicon of one language: lookups built once from its `lang/*.yaml` for the passes."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from toolkit.text import gazetteer
from toolkit.text.language import Language
from toolkit.text.nlp import Token


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
        self.titles = frozenset(language.section("names").get("titles") or ())
        self.introducer_words = frozenset(p.casefold() for p in language.name_introducers if " " not in p)
        self.articles = language.lower_words("articles")
        self.possessives = {w: g for g, words in language.possessives.items() for w in words}
        self.pronouns = {w: g for g, words in language.pronouns.items() for w in words}
        self.place_prepositions = language.lower_words("place_prepositions")
        self.group_nouns = {k.casefold(): v for k, v in language.group_nouns.items()}
        self.prop_nouns = [w.casefold() for w in language.prop_nouns]
        self.org_suffixes = {w.casefold() for w in language.organisation_suffixes}
        self.gender_nouns = {w.casefold(): g for g, words in language.gender_nouns.items() for w in words}
        self.transitions = list(language.transitions)
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

    @cached_property
    def function_words(self) -> FunctionWords:
        """The small words the passes test by their place in a phrase ("und", "of", "war")."""
        data = self.language.section("function_words")
        return FunctionWords(**{key: frozenset(data.get(key) or ()) for key in FunctionWords.__dataclass_fields__
                                if key != "possessive_phrases"},
                             possessive_phrases=tuple(data.get("possessive_phrases") or ()))

    @cached_property
    def affiliation_words(self) -> AffiliationWords:
        """Coordinators, words that announce a name, compound role endings, non-member nouns."""
        return _affiliation_words(self)

    @cached_property
    def membership_words(self) -> MembershipWords:
        """Verbs of work and recruiting, list openers, team nouns and the tags membership passes test."""
        return _membership_words(self)

    @cached_property
    def organisation_forms(self) -> OrganisationForms:
        """Nouns that make an organisation of the name after them or of the capitalised words before them."""
        data = self.language.section("organisation_forms")
        return OrganisationForms(*(frozenset(w.casefold() for w in data.get(key) or ())
                                   for key in ("named_nouns", "ending_nouns", "relation_slots", "police_nouns",
                                               "compound_endings", "name_particles")))

    @cached_property
    def unstated_words(self) -> UnstatedWords:
        """Verbs of accusing and suspecting, and conditional openers: what follows them is not stated."""
        data = self.language.section("unstated")
        return UnstatedWords(*(frozenset(w.casefold() for w in data.get(key) or ())
                               for key in ("accusing_verbs", "conditionals")))

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
        if not self.language.nouns_capitalised:  # "Agent" at the start of a sentence is "agent"
            return self.roles_folded.get(word.casefold())
        return None

    def setting_of(self, token: Token) -> tuple[str, str] | None:
        """(setting noun, INT/EXT) a token names, where the language lets a word of its case name one."""
        if not (token.capitalised or not self.language.nouns_capitalised):
            return None
        setting = self.language.setting_of(token.text)
        if setting and not token.text[:1].isupper() and self.language.nouns_capitalised:
            return None
        return setting

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
                or folded in self.org_suffixes or self._setting_word(word)
                or any(folded.endswith((p, p + "n", p + "en", p + "s")) for p in self.prop_nouns if len(p) >= 4))

    def _setting_word(self, word: str) -> bool:
        """'Lagerhalle', 'warehouse': a setting noun or a compound ending in one; a given name that only ends
        in one ('Maxhall') is a name."""
        setting = self.language.setting_of(word)
        if setting is None:
            return False
        return setting[0].casefold() == word.casefold() or not gazetteer.is_first_name(word)


_LEXICONS: dict[str, Lexicon] = {}


def lexicon_for(language: Language) -> Lexicon:
    """The lexicon of a language, built once."""
    if language.code not in _LEXICONS:
        _LEXICONS[language.code] = Lexicon(language)
    return _LEXICONS[language.code]


@dataclass(frozen=True)
class FunctionWords:
    """The language file's `function_words`: each a set of lower-case words (see lang/*.yaml)."""

    conjunction: frozenset[str]  # "and"
    name_coordinators: frozenset[str]
    contrast_openers: frozenset[str]
    copulas: frozenset[str]
    past_copulas: frozenset[str]
    by: frozenset[str]
    member_of: frozenset[str]
    evidence_of: frozenset[str]
    department_of: frozenset[str]
    genitive_of: frozenset[str]
    relatives: frozenset[str]
    person_relatives: frozenset[str]
    possessive_phrases: tuple[str, ...]
    plural_articles: frozenset[str]
    evidence_stops: frozenset[str]
    leader_prepositions: frozenset[str]


@dataclass(frozen=True)
class OrganisationForms:
    named_nouns: frozenset[str]  # "Kripo", "Dezernat": with a name or a number after them, an organisation
    ending_nouns: frozenset[str]  # "Branch", "Holdings": the last word of a capitalised organisation name
    relation_slots: frozenset[str]  # relation types whose noun after an organisation makes a member of it
    police_nouns: frozenset[str]  # named or ending nouns of a police unit: "Kripo", "Constabulary"
    compound_endings: frozenset[str]  # "abwehr", "theater": a name joined to them is an organisation
    name_particles: frozenset[str]  # "of", "für": small words inside an organisation's spelled-out name


@dataclass(frozen=True)
class UnstatedWords:
    accusing_verbs: frozenset[str]  # lemmas and forms: "beschuldigt", "accuses", "suspects"
    conditionals: frozenset[str]  # "if", "falls": a clause that says what would be


@dataclass(frozen=True)
class AffiliationWords:
    coordinators: frozenset[str]
    name_words: frozenset[str]  # "named", "namens": a name follows
    compound_suffixes: tuple[str, ...]  # role nouns that end a compound ("Doppelagent"), longest first
    non_members: tuple[str, ...]


def _affiliation_words(lex: Lexicon) -> AffiliationWords:
    data = lex.language.section("affiliations")
    suffixes = sorted((k for k in lex.roles_folded if len(k) >= 5), key=len, reverse=True) \
        if data.get("compound_roles") else []
    return AffiliationWords(frozenset(w.casefold() for w in data.get("coordinators") or ()),
                            frozenset(w.casefold() for w in data.get("name_words") or ()),
                            tuple(suffixes), tuple(w.casefold() for w in data.get("non_members") or ()))


@dataclass(frozen=True)
class MembershipWords:
    work_verbs: frozenset[str]  # lemmas: arbeiten, tätig, work, serve
    member_prepositions: frozenset[str]
    recruit_verbs: frozenset[str]
    agent_prepositions: frozenset[str]  # "von", "by": who did it, in a passive
    list_openers: frozenset[str]  # "darunter", "including", ":"
    more_words: frozenset[str]  # "weitere", "other": more of the same organisation
    team_nouns: frozenset[str]
    team_prepositions: frozenset[str]
    coordinators: frozenset[str]
    subject_after_verb: bool
    one_of: frozenset[str]
    relative_pronouns: frozenset[str]
    finite_tags: frozenset[str]
    preposition_tags: frozenset[str]
    verb_tags: tuple[str, ...]  # tag prefixes of verbs and predicative adjectives; () when the language gives none

    def may_be_verb(self, token: Token) -> bool:
        """Whether a token's lemma can be one of the verbs: only those cost the tagger a search."""
        return not self.verb_tags or token.tag.startswith(self.verb_tags)


def _membership_words(lex: Lexicon) -> MembershipWords:
    data = lex.language.section("memberships")
    coref = lex.language.section("coreference")

    def words(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in data.get(key) or ())

    return MembershipWords(words("work_verbs"), words("member_prepositions"), words("recruit_verbs"),
                           words("agent_prepositions"), words("list_openers"), words("more_words"),
                           words("team_nouns"), words("team_prepositions"),
                           frozenset(w.casefold() for w in coref.get("coordinators") or ()),
                           bool(data.get("subject_after_verb")), words("one_of"), words("relative_pronouns"),
                           frozenset(coref.get("finite_verb_tags") or ()),
                           frozenset(coref.get("preposition_tags") or ()),
                           tuple(data.get("verb_tags") or ()))
