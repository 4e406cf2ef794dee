"""The extractor: mentions of people, organisations, places and props in a sentence, and what it claims.

One extractor serves both directions. `expand` discovers names in a synopsis (`NameFinder`), `check`
knows them from the bible (`NameIndex`); both read the same patterns for roles, affiliations,
relations, aliases and deaths out of the same tokens.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from typing import Callable

from toolkit import gazetteer
from toolkit.claims import AffiliationClaim, DeathClaim
from toolkit.language import Language, load_language
from toolkit.names import NameIndex, base_forms, fold
from toolkit.nlp import RELATIVE_PRONOUNS, Token, analyse, analyse_quick, dictionary_form, is_common_noun, word_familiarity
from toolkit.story import Story

_APOSTROPHES = "‘'’´"
# lowercase words inside names of many languages
NAME_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "ter", "le", "la",
                            "bin", "ibn", "al", "el", "dos", "das", "y"})


@dataclass
class Mention:
    """A span of tokens that names a person."""

    surface: str  # as written
    key: str  # the name without a genitive ending, or a character id in scenes
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    genitive: bool = False
    main: bool = True
    role: str = ""
    org: str = ""  # organisation key joined to the role ("DIA-Agenten", "vom MI5")
    status: str = ""  # former, leader, ... from the words around the name
    after_article: bool = False
    after_place_preposition: bool = False


@dataclass
class OrgMention:
    key: str  # agency id, or the name as written for groups
    name: str
    start: int
    end: int
    kind: str = "agency"
    abbreviation: str = ""
    role: str = ""  # "Agenten" in "DIA-Agenten"


@dataclass(frozen=True)
class Relation:
    source: str  # mention key: the one the relation is said of
    type: str
    target: str  # mention key, or "pronoun:m"/"pronoun:f" to be resolved by the caller
    evidence: str


@dataclass(frozen=True)
class Alias:
    name: str
    alias: str
    evidence: str


@dataclass(frozen=True)
class GenderVote:
    key: str
    gender: str
    weight: float
    evidence: str


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
        """Keys of people on screen: named in a main clause, not as a genitive, not reported."""
        seen: list[str] = []
        for mention in self.mentions:
            if mention.main and not mention.genitive and mention.key not in seen:
                seen.append(mention.key)
        return seen


class Lexicon:
    """Lookups built once per language: roles, relations, agencies, settings, props."""

    def __init__(self, language: Language):
        self.language = language
        self.roles: dict[str, dict] = {k: v or {} for k, v in language.roles.items()}
        self.roles_folded = {k.casefold(): v for k, v in self.roles.items()}
        self.relations = {k.casefold(): v for k, v in language.relations.items()}
        self.not_names = language.words("not_names")
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


# -- finding names ------------------------------------------------------------------------------

NameLookup = Callable[[str], "str | None"]


def _is_initial(tokens: list[Token], i: int) -> bool:
    return (len(tokens[i].text) == 1 and tokens[i].text.isupper() and i + 1 < len(tokens)
            and tokens[i + 1].text == ".")


def _strip_genitive(word: str, language: Language) -> tuple[str, bool]:
    if word[-1:] in _APOSTROPHES:
        return word[:-1], True
    if word.endswith(("'s", "’s")):
        return word[:-2], True
    return word, False


def discover_names(tokens: list[Token], text: str, language: Language) -> list[tuple[int, int]]:
    """Spans of tokens that look like names of people, from capitalisation, tags and vocabulary."""
    lex = lexicon_for(language)
    inside_orgs = {k for org in _find_orgs(tokens, text, lex) for k in range(org.start, org.end)}
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        start = i
        while i < len(tokens):
            token = tokens[i]
            if i in inside_orgs:
                break
            if _is_initial(tokens, i):
                i += 2
                continue
            # "Pieter de Groot", "Ludwig van der Berg": particles inside a name
            if i > start and token.text in NAME_PARTICLES:
                k = i
                while k < len(tokens) and tokens[k].text in NAME_PARTICLES:
                    k += 1
                if k < len(tokens) and k > i and _name_like(tokens, k, lex, language, continuation=True):
                    i = k
                    continue
                break
            if not _name_like(tokens, i, lex, language, continuation=i > start):
                break
            i += 1
            # "Brandt Nadjas Familie": a genitive ends a name, unless it is a given name ("Nicholas Wolkow")
            if token.text.endswith("s") and i < len(tokens) and tokens[i].capitalised \
                    and not gazetteer.is_first_name(token.text):
                break
            if token.text[-1:] in _APOSTROPHES:
                break
        end = i
        while end > start and not tokens[end - 1].word:
            end -= 1
        if end > start and not all(_is_initial(tokens, k) or tokens[k].text == "." for k in range(start, end)):
            spans.append((start, end))
        if i == start:
            i += 1
    return spans


def _name_like(tokens: list[Token], i: int, lex: Lexicon, language: Language, *, continuation: bool) -> bool:
    token = tokens[i]
    text = token.text
    if not token.word or not token.capitalised or text.isdigit():
        return False
    bare, _ = _strip_genitive(text, language)
    if lex.is_vocabulary(bare) or lex.is_vocabulary(text):
        return False
    if lex.agency(bare) or (text.isupper() and len(text) > 1):
        return False
    if "-" in bare:
        parts = bare.split("-")
        if not all(p[:1].isupper() for p in parts) or any(lex.agency(p) or lex.is_vocabulary(p) for p in parts):
            return False
    first_in_sentence = i == 0 or tokens[i - 1].text in ('„', '"', "“", "(", ":")
    model = language.tagger_model
    if bare in gazetteer.place_names() and token.tag not in language.proper_noun_tags:
        return False
    if language.code == "en":
        return token.tag in language.proper_noun_tags or not first_in_sentence
    # German capitalises every noun: a name is a proper noun, or a word the lexicon does not know
    if continuation:
        previous = tokens[i - 1].text
        after_given_name = gazetteer.is_first_name(previous) or len(previous) == 1 or previous == "."
        return token.tag in language.proper_noun_tags and not is_common_noun(bare, model) or (
            after_given_name and not is_common_noun(bare, model, threshold=-12.0))
    if token.tag in language.proper_noun_tags:
        return not is_common_noun(bare, model)
    previous = tokens[i - 1] if i else None
    after_determiner = previous is not None and (
        previous.text.casefold() in lex.articles or previous.text.casefold() in lex.possessives
        or (previous.word and not previous.capitalised and previous.tag.startswith("ADJ")))
    return not first_in_sentence and not after_determiner and word_familiarity(bare, model) < -25.0


def find_mentions(tokens: list[Token], text: str, lookup: NameLookup, *, caps_only: bool = False) -> list[Mention]:
    """Spans of up to four tokens whose text is a known name (with or without a genitive ending)."""
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].word or not (tokens[i].text[:1].isupper() or tokens[i].text in NAME_PARTICLES):
            i += 1
            continue
        found = None
        for length in range(min(6, len(tokens) - i), 0, -1):
            last = tokens[i + length - 1]
            if not last.word:
                continue
            surface = text[tokens[i].start:last.end]
            if caps_only and not surface.isupper():
                continue
            key = lookup(surface)
            if key is not None:
                found = (length, surface, key)
                break
        if found is None:
            i += 1
            continue
        length, surface, key = found
        bare = surface.rstrip(_APOSTROPHES)
        genitive = surface != bare or (fold(surface) not in _exact_forms(lookup, surface))
        mentions.append(Mention(surface=surface, key=key, start=i, end=i + length, genitive=genitive,
                                main=tokens[i].main))
        i += length
    return mentions


def _exact_forms(lookup: NameLookup, surface: str) -> set[str]:
    """The surface itself if it is a name as such (not only a genitive of one)."""
    exact = getattr(lookup, "exact", None)
    if exact is None:
        return {fold(surface)}
    return {fold(surface)} if exact(surface) else set()


# -- reading a sentence -------------------------------------------------------------------------


def read_sentence(text: str, language: Language, lookup: NameLookup, *, caps_only: bool = False,
                  tokens: list[Token] | None = None) -> Reading:
    """Everything the extractor finds in one sentence, people resolved through `lookup`."""
    tokens = tokens if tokens is not None else analyse(text, language)
    reading = Reading(text=text, tokens=tokens)
    lex = lexicon_for(language)
    reading.mentions = find_mentions(tokens, text, lookup, caps_only=caps_only)
    reading.orgs = _drop_departments(_find_orgs(tokens, text, lex), tokens)
    reading.transition = any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text) for t in lex.transitions)
    _find_places_and_props(reading, lex)
    for mention in reading.mentions:
        _describe(reading, mention, lex)
    _affiliations(reading, lex)
    _memberships(reading, lex)
    _relations(reading, lex)
    _aliases(reading, lex)
    _deaths(reading, lex)
    _genders(reading, lex)
    return reading


def _find_orgs(tokens: list[Token], text: str, lex: Lexicon) -> list[OrgMention]:
    found: list[OrgMention] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        # multi-word agency names: "Defense Intelligence Agency", "Secret Service"
        match = None
        for length in range(min(7, len(tokens) - i), 1, -1):
            surface = text[token.start:tokens[i + length - 1].end]
            agency = lex.agency(surface)
            if agency is not None:
                match = OrgMention(agency.id, agency.name, i, i + length, agency.kind, agency.abbreviation)
                break
        if match:
            found.append(match)
            i = match.end
            continue
        word = token.text
        parts = word.split("-")
        agency = lex.agency(word) or lex.agency(_strip_genitive(word, lex.language)[0])
        if agency is None and len(parts) > 1:
            agency = lex.agency(parts[0])
            if agency is not None:
                found.append(OrgMention(agency.id, agency.name, i, i + 1, agency.kind, agency.abbreviation,
                                        role="-".join(parts[1:])))
                i += 1
                continue
            # "Agent-X-Organisation": a named group ending in an organisation word
            if parts[-1].casefold() in lex.org_suffixes and len(parts) > 1:
                name = " ".join(parts[:-1])
                found.append(OrgMention(name, name, i, i + 1, "other"))
                i += 1
                continue
        if agency is not None:
            found.append(OrgMention(agency.id, agency.name, i, i + 1, agency.kind, agency.abbreviation))
            i += 1
            continue
        # an unknown acronym that names a service: "XYZ-Agentin", "the XYZ agent"
        if _acronym(parts[0]):
            role_word = "-".join(parts[1:]) if len(parts) > 1 else (tokens[i + 1].text if i + 1 < len(tokens) else "")
            role = lex.role(role_word) or {}
            if role.get("member") or role.get("leader"):
                found.append(OrgMention(parts[0], parts[0], i, i + 1, "agency", parts[0],
                                        role=role_word if len(parts) > 1 else ""))
                i += 1
                continue
        folded = word.casefold()
        group = lex.group_nouns.get(folded) or lex.group_nouns.get(folded.rstrip("s")) or \
            lex.group_nouns.get(folded[:-2] if folded.endswith("es") else "")
        if group and token.capitalised or (group and lex.language.code == "en"):
            key = next(k for k in lex.language.group_nouns if k.casefold() in (folded, folded.rstrip("s"),
                                                                               folded[:-2]))
            # "tschetschenische Rebellen": keep the adjective that says which group
            start = i
            if i > 0 and tokens[i - 1].tag.startswith("ADJ") and not tokens[i - 1].capitalised:
                start = i - 1
            # "the Moreno cartel", "das Moreno-Kartell": a name that says whose group it is
            elif i > 1 and tokens[i - 1].capitalised and tokens[i - 1].word \
                    and tokens[i - 1].text not in lex.not_names and not lex.agency(tokens[i - 1].text):
                start = i - 1
            name = text[tokens[start].start:token.end] if start < i else key
            found.append(OrgMention(fold(name) if start < i else key, name if start < i else key, start, i + 1, group))
            i += 1
            continue
        if folded in lex.org_suffixes and i + 1 < len(tokens) and tokens[i + 1].capitalised:
            # "die Organisation Agent X"
            end = i + 1
            while end < len(tokens) and tokens[end].word and tokens[end].capitalised and end - i <= 3:
                end += 1
            name = text[tokens[i + 1].start:tokens[end - 1].end]
            found.append(OrgMention(name, name, i, end, "other"))
            i = end
            continue
        i += 1
    return found


def _acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalnum() and any(c.isalpha() for c in word)


def _drop_departments(orgs: list[OrgMention], tokens: list[Token]) -> list[OrgMention]:
    """'die Anti-Terror-Abteilung des MI5' is the MI5: a named unit followed by the agency it belongs to."""
    kept = []
    for org in orgs:
        owner = next((o for o in orgs if o is not org and o.kind == "agency" and org.kind == "other"
                      and 0 < o.start - org.end <= 1
                      and tokens[org.end].text.casefold() in ("des", "der", "of", "vom")), None)
        # "der russische Geheimdienst FSB": the common noun names the agency right after it
        named = next((o for o in orgs if o is not org and o.start == org.end and o.abbreviation
                      and not org.abbreviation), None)
        if owner is None and named is None:
            kept.append(org)
    return kept


def _find_places_and_props(reading: Reading, lex: Lexicon) -> None:
    tokens = reading.tokens
    for i, token in enumerate(tokens):
        if not token.word:
            continue
        setting = lex.language.setting_of(token.text) if (token.capitalised or lex.language.code == "en") else None
        if setting and not token.text[:1].isupper() and lex.language.code == "de":
            setting = None
        if setting:
            reading.settings.append((token.text, setting[1]))
        if token.capitalised and token.tag in lex.language.proper_noun_tags or token.capitalised:
            bare = _strip_genitive(token.text, lex.language)[0]
            if bare in gazetteer.place_names() and not any(m.start <= i < m.end for m in reading.mentions):
                reading.places.append((bare, ""))
    introducers = [p.casefold() for p in lex.language.prop_introducers]
    for i, token in enumerate(tokens[:-1]):
        if token.text.casefold() in introducers and tokens[i + 1].capitalised:
            reading.props.append(tokens[i + 1].text)
        # "M60-Maschinengewehr": a named weapon or device
        parts = token.text.split("-")
        if len(parts) == 2 and parts[1].casefold() in lex.prop_nouns and any(ch.isdigit() for ch in parts[0]):
            reading.props.append(parts[0])


def _window_before(reading: Reading, mention: Mention, size: int = 4) -> list[Token]:
    tokens = reading.tokens
    out = []
    k = mention.start - 1
    while k >= 0 and len(out) < size:
        if tokens[k].text in (".", ";", "(", ")") and not (k > 0 and _is_initial(tokens, k - 1)):
            break
        out.append(tokens[k])
        if tokens[k].text == ",":
            break
        k -= 1
    return out


def _describe(reading: Reading, mention: Mention, lex: Lexicon) -> None:
    """Role, organisation and status from the words right before and after a name."""
    tokens = reading.tokens
    before = _window_before(reading, mention)
    status_words = [w.casefold() for w in lex.status_former]
    for token in before:
        if token.text == ",":
            break
        word = token.text
        folded = word.casefold()
        if folded in lex.articles:
            mention.after_article = True
            break
        if folded in lex.place_prepositions:
            mention.after_place_preposition = True
            break
        if any(folded == s or (s.endswith("-") and folded.startswith(s)) for s in status_words):
            mention.status = "former"
            continue
        parts = word.split("-")
        org = next((o for o in reading.orgs if o.start == token.i and o.role), None)
        role_word = org.role if org else word
        if any(folded.startswith(s) for s in status_words if s.endswith("-")):
            mention.status = "former"
            role_word = "-".join(parts[1:]) if len(parts) > 1 else role_word
        role = lex.role(role_word) or lex.role(role_word.split("-")[-1])
        kinship = folded in lex.relations and before.index(token) + 1 < len(before) and \
            before[before.index(token) + 1].text.casefold() in lex.possessives
        if role is not None and not mention.role and not kinship:
            mention.role = role_word
            if org:
                mention.org = org.key
            continue
        # "MI6 officer Clara Voss": the organisation as a word of its own before the role
        standalone = next((o for o in reading.orgs if o.start <= token.i < o.end and not o.role), None)
        if standalone is not None and mention.role and not mention.org:
            mention.org = standalone.key
            continue
        if token.word and not token.capitalised and token.tag.startswith(("ADJ", "AJ", "DT", "ORD")):
            continue
        break
    # "der Sohn des Direktors der Defense Intelligence Agency (DIA), Robert Brandt"
    if not mention.role and before and before[0].text == "," and mention.start >= 3:
        org = next((o for o in reversed(reading.orgs) if o.end <= mention.start - 1
                    and all(not t.word or lex.agency(t.text) or lex.role(t.text) is not None
                            for t in tokens[o.end:mention.start - 1])),
                   None)
        if org is not None:
            in_org = {i for o in reading.orgs for i in range(o.start, o.end)}
            k = org.start - 1
            while k >= 0 and (tokens[k].text.casefold() in lex.articles | {"of", "des", "der"}
                              or tokens[k].text in "()" or k in in_org):
                k -= 1
            if k >= 0 and lex.role(tokens[k].text) is not None:
                mention.role, mention.org = tokens[k].text, org.key
            elif org.end < mention.start - 1 and lex.role(tokens[org.end].text) is not None:
                mention.role, mention.org = tokens[org.end].text, org.key
            if mention.org and k >= 0 and any(tokens[k].text.casefold() == w or (
                    w.endswith("-") and tokens[k].text.casefold().startswith(w)) for w in status_words):
                mention.status = "former"
    # "Miles Stein, dem Sprecher des Repräsentantenhauses", "Jack Ryan, the head of the CIA"
    after = tokens[mention.end:mention.end + 7]
    if not mention.role and len(after) >= 3 and after[0].text == "," and after[1].text.casefold() in lex.articles:
        for token in after[2:]:
            role = lex.role(token.text)
            if role is not None:
                org = next((o for o in reading.orgs if token.i < o.start <= token.i + 3), None)
                if org is not None:
                    mention.role, mention.org = token.text, org.key
                break
            if not (token.word and not token.capitalised):
                break
    # "Weber war früher Offizier beim FSB", "Kim was once an analyst at the NSA"
    after = tokens[mention.end:mention.end + 10]
    if not mention.org and after and after[0].lemma in ("sein", "be") and not mention.genitive:
        window = after[1:9]
        role_token = next((t for t in window if (lex.role(t.text) or {}).get("member")
                           or (lex.role(t.text) or {}).get("leader")), None)
        org = next((o for o in reading.orgs if role_token is not None and role_token.i - 1 <= o.start
                    <= role_token.i + 5), None)
        if role_token is not None and org is not None and not any(t.text in (",", ";") for t in window
                                                                   if t.i < org.start):
            mention.role, mention.org = role_token.text, org.key
            past = after[0].text.casefold() in ("war", "was", "were", "waren")
            if past or any(t.text.casefold() in status_words for t in window if t.i < role_token.i):
                mention.status = "former"
    # "Will Hale vom MI5", "X of the CIA"
    after = tokens[mention.end:mention.end + 3]
    if after and after[0].text.casefold() in ("vom", "von", "des", "der", "of", "from") and not mention.org:
        for org in reading.orgs:
            if mention.end < org.start <= mention.end + 2:
                mention.org = org.key
                break


def _affiliations(reading: Reading, lex: Lexicon) -> None:
    language = lex.language
    lowered = reading.text.lower()
    undercover = [p.casefold() for p in language.phrases("status_words", "undercover")]
    leader = [p.casefold() for p in language.phrases("status_words", "leader")]
    left = [p.casefold() for p in language.phrases("status_words", "left")]
    for mention in reading.mentions:
        role = lex.role(mention.role) or {}
        if mention.org:
            status = mention.status or ("leader" if role.get("leader") else "current")
            if status == "current" and any(p in lowered for p in left) and mention.start <= 3:
                status = "former"
            reading.affiliations.append(AffiliationClaim(
                mention.key, mention.org, status, _evidence(reading, mention), mention.role,
                reading.tokens[mention.start].start))
    subjects = [m for m in reading.mentions if not m.genitive]
    # "X leitet die Abteilung des MI5", "unter der Leitung von X", "X heads the CIA"
    for phrase in leader:
        position = _find_phrase(lowered, phrase)
        if position < 0 or not reading.orgs and "von" not in phrase and "of" not in phrase and "by" not in phrase:
            continue
        if phrase.endswith((" von", " of", " by")):
            who = next((m for m in subjects if reading.tokens[m.start].start > position), None)
            org = _nearest_org(reading, position)
        else:
            who = next((m for m in reversed(subjects) if reading.tokens[m.start].start < position), None)
            # "X leitet die Anti-Terror-Abteilung des MI5": the organisation is the verb's object
            org = next((o for o in reading.orgs if 0 <= reading.tokens[o.start].start - position <= 60), None)
            if org is None and not phrase.startswith(("ihrem", "seinem", "her ", "his ")):
                continue
        if who is None:
            continue
        if org is None:
            org_key = ""
        else:
            org_key = org.key
        if not any(a.character == who.key and a.org == org_key for a in reading.affiliations):
            edges = [position, reading.tokens[who.start].start, reading.tokens[who.end - 1].end]
            if org is not None:
                edges += [reading.tokens[org.start].start, reading.tokens[org.end - 1].end]
            reading.affiliations.append(AffiliationClaim(
                who.key, org_key, "leader", reading.text[min(edges):max(edges)], "", reading.tokens[who.start].start))
    # "inkognito als Secret Service Agent", "posing as an FBI agent"
    for phrase in undercover:
        position = _find_phrase(lowered, phrase)
        if position < 0:
            continue
        org = next((o for o in reading.orgs if reading.tokens[o.start].start > position), None)
        who = next((m for m in subjects if reading.tokens[m.start].start < position), None)
        if org and who:
            reading.affiliations.append(AffiliationClaim(
                who.key, org.key, "undercover",
                reading.text[reading.tokens[who.start].start:reading.tokens[org.end - 1].end + 1].strip(), "",
                reading.tokens[who.start].start))


def _ends_with_words(text: str, words: str) -> bool:
    return not words or (text.endswith(words) and (len(text) == len(words) or not text[-len(words) - 1].isalnum()))


def _starts_with_words(text: str, words: str) -> bool:
    return not words or (text.startswith(words) and (len(text) == len(words) or not text[len(words)].isalnum()))


def _memberships(reading: Reading, lex: Lexicon) -> None:
    """'Lisa, die mittlerweile für den Mossad spioniert', 'Lisa, wieder zurück beim BKA', 'Lisa, who now
    works for MI6': words around an organisation that make the person named before them a member."""
    tokens = reading.tokens
    adverbs = "|".join(re.escape(fold(w)) for w in lex.language.phrases("membership", "adverbs"))
    skip = re.compile(rf"(?<!\w)(?:{adverbs})\s+") if adverbs else None
    for status in ("former", "current"):  # "used to work for" before "work for"
        for phrase in lex.language.phrases("membership", status):
            left, _, right = (fold(part).strip() for part in phrase.partition("{org}"))
            for org in reading.orgs:
                first = org.start
                while first > 0 and tokens[first - 1].text.casefold() in lex.articles:
                    first -= 1
                before = fold(reading.text[:tokens[first].start]).rstrip() + " "
                before = (skip.sub("", before) if skip else before).rstrip()
                after = fold(reading.text[tokens[org.end - 1].end:]).lstrip()
                if tokens[org.start].reported or not (_ends_with_words(before, left) and _starts_with_words(after, right)):
                    continue
                start = len(before) - len(left)
                clause = tokens[org.start].clause
                # the subject of the clause, or the one a relative clause or an apposition is about
                who = next((m for m in reversed(reading.mentions) if not m.genitive and tokens[m.start].start < start
                            and clause - 1 <= tokens[m.start].clause <= clause), None)
                if who is None or any(a.character == who.key and a.org == org.key for a in reading.affiliations):
                    continue
                reading.affiliations.append(AffiliationClaim(
                    who.key, org.key, status, reading.text[tokens[who.start].start:tokens[org.end - 1].end], "",
                    tokens[who.start].start))


def _find_phrase(lowered: str, phrase: str) -> int:
    match = re.search(rf"(?<!\w){re.escape(phrase)}", lowered)
    return match.start() if match else -1


def _nearest_org(reading: Reading, position: int) -> OrgMention | None:
    best = None
    for org in reading.orgs:
        distance = abs(reading.tokens[org.start].start - position)
        if best is None or distance < best[0]:
            best = (distance, org)
    return best[1] if best else None


def _evidence(reading: Reading, mention: Mention) -> str:
    tokens = reading.tokens
    start = mention.start
    for token in reversed(tokens[max(0, mention.start - 4):mention.start]):
        if token.text in (",", ".", ";", "(") or token.text.casefold() in _STOP_WORDS \
                or token.tag.startswith(("V", "PPER", "PP")):
            break
        start = token.i
    end = mention.end
    if end < len(tokens) and tokens[end].text.casefold() in ("vom", "von", "des", "of"):
        end = min(len(tokens), end + 2)
    org = next((o for o in reading.orgs if o.key == mention.org and mention.end <= o.start <= mention.end + 10), None)
    if org is not None:
        end = max(end, org.end)
    return reading.text[tokens[start].start:tokens[end - 1].end]


_STOP_WORDS = {"und", "and", "als", "wo", "dass", "that", "when"}


def _relations(reading: Reading, lex: Lexicon) -> None:
    """'seine Frau Lena', "Johns Erzfeind Nicholas Wolkow", 'Michael, der Sohn des ... Robert Brandt'."""
    tokens = reading.tokens
    for mention in reading.mentions:
        k = mention.start - 1
        while k >= 0 and tokens[k].word and not tokens[k].capitalised and tokens[k].tag in ("ADJ(A)", "AJ0"):
            k -= 1
        if k < 0:
            continue
        noun = tokens[k].text
        relation = lex.relations.get(noun.casefold())
        if relation is None and noun[:1].isupper() and tokens[k].tag.startswith("NN"):
            relation = lex.relations.get(dictionary_form(noun, lex.language).casefold())
        if relation is None:
            continue
        owner = _owner_before(reading, k, lex)
        if owner is None:
            continue
        if relation.get("inverse"):
            reading.relations.append(Relation(owner, relation["type"], mention.key, reading.span(k, mention.end)))
        else:
            reading.relations.append(Relation(mention.key, relation["type"], owner, reading.span(k, mention.end)))
        if relation.get("gender"):
            reading.genders.append(GenderVote(mention.key, relation["gender"], 3, reading.span(k, mention.end)))
    # "Michael Brandt, der Sohn des Direktors ..., Robert Brandt"
    for i, token in enumerate(tokens):
        relation = lex.relations.get(token.text.casefold())
        if relation is None or i < 2 or tokens[i - 1].text.casefold() not in lex.articles:
            continue
        if tokens[i - 2].text != ",":
            continue
        left = next((m for m in reversed(reading.mentions) if m.end <= i - 2), None)
        right = next((m for m in reading.mentions if m.start > i), None)
        if left and right and left.end == i - 2:
            reading.relations.append(Relation(left.key, relation["type"], right.key, reading.span(left.start, right.end)))
    # "Michael in Wirklichkeit Koenig' Sohn ist"
    for mention in reading.mentions:
        if mention.genitive and mention.end < len(tokens):
            relation = lex.relations.get(tokens[mention.end].text.casefold())
            if relation is None:
                continue
            subject = next((m for m in reversed(reading.mentions) if m.end <= mention.start and not m.genitive
                            and m.key != mention.key), None)
            copula = any(t.lemma in ("sein", "be") for t in tokens[subject.end:mention.end + 3]) if subject else False
            if subject is not None and mention.start - subject.end <= 4 and copula:
                reading.relations.append(Relation(subject.key, relation["type"], mention.key,
                                                  reading.span(subject.start, mention.end + 1)))


def _owner_before(reading: Reading, k: int, lex: Lexicon) -> str | None:
    """Who a kinship noun at token k belongs to: a genitive name or a possessive pronoun."""
    while k > 0 and reading.tokens[k - 1].tag in ("ADJ(A)", "AJ0") and not reading.tokens[k - 1].capitalised:
        k -= 1  # "ihrem verstorbenen Ehemann", "his old mentor"
    if k == 0:
        return None
    before = reading.tokens[k - 1]
    word = before.text.casefold()
    if word in lex.possessives:
        return f"pronoun:{lex.possessives[word]}"
    owner = next((m for m in reading.mentions if m.end == k and m.genitive), None)
    return owner.key if owner else None


def _aliases(reading: Reading, lex: Lexicon) -> None:
    """'John Reed, alias Agent X', 'unter dem Namen Mara', 'posing as'."""
    lowered = reading.text.lower()
    for phrase in lex.language.name_introducers:
        position = _find_phrase(lowered, phrase.lower())
        if position < 0:
            continue
        after = position + len(phrase)
        match = re.match(r"\s+((?:[A-ZÄÖÜ][\w'’-]*|[A-Z])(?:\s+(?:[A-ZÄÖÜ][\w'’-]*|[A-Z]\b))*)", reading.text[after:])
        if not match:
            continue
        alias = match.group(1)
        before = [m for m in reading.mentions if reading.tokens[m.start].start < position
                  and fold(m.surface) != fold(alias) and not m.genitive]
        # "John Reed, alias Agent X" names the one just before; "X heiratete Y unter dem Namen Z" the subject
        adjacent = phrase.casefold() in ("alias", "a.k.a.", "aka", "genannt", "called")
        owner = (before[-1] if adjacent else before[0]) if before else None
        if owner is not None and not _is_vocabulary_phrase(alias, lex):
            reading.aliases.append(Alias(owner.key, alias, reading.text[reading.tokens[owner.start].start:after
                                                                         + match.end()]))


def _is_vocabulary_phrase(alias: str, lex: Lexicon) -> bool:
    words = alias.split()
    return all(lex.is_vocabulary(w) for w in words)


def _deaths(reading: Reading, lex: Lexicon) -> None:
    tokens = reading.tokens
    language = lex.language
    lowered = reading.text.lower()
    deaths = language.deaths
    people = [m for m in reading.mentions if not m.genitive]
    for i, token in enumerate(tokens):
        word = token.text.casefold()
        if token.reported:
            continue
        # active: "Nadja tötet Brandt", "Nadja erschießt Martin", "Koenig kills Vance"
        passive = word in lex.passive_participles and any(
            t.text.casefold() in lex.passive_auxiliaries for t in tokens[max(0, i - 2):i])
        if not passive and word in lex.killing_verbs or (word in lex.separable and any(
                t.text.casefold() == lex.separable[word] for t in tokens[i + 1:])):
            killer_mention = next((m for m in reversed(people) if m.end <= i and tokens[m.start].clause == token.clause), None)
            killer = killer_mention.key if killer_mention else _pronoun_before(tokens, i, token.clause, lex)
            victim = next((m for m in people if m.start > i and tokens[m.start].clause == token.clause), None)
            causing = next((t for t in tokens[:i] if t.text.casefold() in lex.causing_verbs and t.clause == token.clause), None)
            if token.tag.startswith("VV(INF)") and causing is None:
                continue
            before_verb = [m for m in people if m.end <= i and tokens[m.start].clause == token.clause]
            if victim is None and len(before_verb) >= 2:
                # verb last: "dass Nadja Brandt tötet"
                killer, victim = before_verb[0].key, before_verb[1]
            elif victim is None and len(before_verb) == 1 and _opens_relative_clause(tokens, token.clause):
                # "die Killerin Nadja, die Weber erschießt": the relative pronoun is the killer
                antecedent = next((m for m in reversed(people) if tokens[m.start].clause < token.clause), None)
                if antecedent is not None:
                    killer, victim = antecedent.key, before_verb[0]
            if killer is None and victim is None:
                continue
            if killer is not None and victim is None and language.code == "de":
                # verb-second with the object before it: "Martin tötet Nadja" is the usual order; keep it
                continue
            if killer is not None and victim is not None and killer != victim.key:
                reading.deaths.append(DeathClaim(victim.key, "killed", killer, reading.text,
                                                 tokens[victim.start].start))
            continue
        # passive: "X wurde getötet", "X was killed by Y"
        if word in lex.passive_participles:
            aux = [t for t in tokens if t.text.casefold() in lex.passive_auxiliaries and t.clause == token.clause]
            if not aux:
                continue
            victim = next((m for m in people if tokens[m.start].clause == token.clause
                           and tokens[m.start - 1].text.casefold() not in ("von", "by") if m.start > 0), None)
            if victim is None:
                victim = next((m for m in people if tokens[m.start].clause == token.clause and m.start == 0), None)
            agent = next((m for m in people if m.start > 0 and tokens[m.start - 1].text.casefold() in ("von", "by")
                          and tokens[m.start].clause == token.clause), None)
            if victim is not None:
                reading.deaths.append(DeathClaim(victim.key, "killed", agent.key if agent else "", reading.text,
                                                 tokens[victim.start].start))
    for phrase in deaths["dying_verbs"]:
        position = _find_phrase(lowered, phrase.lower())
        if position >= 0:
            who = next((m for m in reversed(people) if tokens[m.start].start < position and m.main), None)
            if who is not None:
                reading.deaths.append(DeathClaim(who.key, "dies", "", reading.text, tokens[who.start].start))
    for word in deaths["already_dead"]:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", reading.text, flags=re.IGNORECASE):
            # "ihrem verstorbenen Ehemann Steven", "her late husband Tom"; not "the dead man"
            following = [t for t in tokens if t.start >= match.end()][:3]
            who = next((m for m in people if following and m.start in {t.i for t in following}
                        and all(t.i >= m.start or t.text.casefold() in lex.relations for t in following)), None)
            if who is not None:
                reading.deaths.append(DeathClaim(who.key, "dies", "", reading.text, tokens[who.start].start,
                                                 before_story=True))
    for phrase in deaths["faked"]:
        position = _find_phrase(lowered, phrase.lower())
        if position >= 0:
            who = next((m for m in reversed(people) if tokens[m.start].start < position), None)
            if who is not None:
                reading.deaths.append(DeathClaim(who.key, "faked_death", "", reading.text, tokens[who.start].start))
                break
    for phrase in deaths["staged"]:
        position = _find_phrase(lowered, phrase.lower())
        if position < 0:
            continue
        # "ihr „Tod“ ... inszeniert": the possessive points back to the one who only seemed to die
        owner = _staged_owner(reading, position, lex)
        if owner is not None:
            reading.deaths.append(DeathClaim(owner, "presumed_dead_alive", "", reading.text, position))
            break


def _opens_relative_clause(tokens: list[Token], clause: int) -> bool:
    first = next((t for t in tokens if t.clause == clause and t.word), None)
    return first is not None and first.text.casefold() in ("der", "die", "das", "who", "which", "that")


def _pronoun_before(tokens: list[Token], i: int, clause: int, lex: Lexicon) -> str | None:
    """'where she shoots de Groot': the pronoun subject of a killing verb, for the resolver to name."""
    for token in reversed(tokens[:i]):
        if token.clause != clause:
            break
        gender = lex.pronouns.get(token.text.casefold())
        if gender:
            return f"pronoun:{gender}"
    return None


def _staged_owner(reading: Reading, position: int, lex: Lexicon) -> str | None:
    tokens = reading.tokens
    before = [t for t in tokens if t.end <= position]
    for token in reversed(before[-3:]):
        gender = lex.possessives.get(token.text.casefold())
        if gender:
            return f"pronoun:{gender}"
    named = [m for m in reading.mentions if tokens[m.start].start < position and not m.genitive]
    return named[-1].key if named else None


def _copula_noun(after: list[Token], lex: Lexicon) -> tuple[str, Token] | None:
    """'ist ein verwaistes Mädchen' or, verb last, 'ein verwaistes Mädchen ist': the noun's gender."""
    verb_first = bool(after) and after[0].lemma in ("sein", "be")
    for k, token in enumerate(after[1 if verb_first else 0:], start=1 if verb_first else 0):
        gender = lex.gender_nouns.get(token.text.casefold())
        if gender:
            verb_last = k + 1 < len(after) and after[k + 1].lemma in ("sein", "be")
            return (gender, token) if verb_first or verb_last else None
        if not token.word or token.capitalised and token.text.casefold() not in lex.articles:
            return None
    return None


def _genders(reading: Reading, lex: Lexicon) -> None:
    tokens = reading.tokens
    for mention in reading.mentions:
        role = lex.role(mention.role) if mention.role else None
        if role and role.get("gender"):
            weight = 1 if role.get("weak_gender") else 3
            reading.genders.append(GenderVote(mention.key, role["gender"], weight, _evidence(reading, mention)))
        # "X ist ein verwaistes Mädchen", "X is a girl"
        after = tokens[mention.end:mention.end + 8]
        copula = _copula_noun(after, lex) if not mention.genitive else None
        if copula is not None:
            gender, token = copula
            reading.genders.append(GenderVote(mention.key, gender, 4, reading.span(mention.start, token.i + 1)))
        # "Kroll und seine Männer"
        if len(after) >= 2 and after[0].text.casefold() in ("und", "and"):
            gender = lex.possessives.get(after[1].text.casefold())
            if gender:
                reading.genders.append(GenderVote(mention.key, gender, 2, reading.span(mention.start, mention.end + 2)))
        # "X ..., aber sie setzt": a singular pronoun opening the clause after a name's clause
        for token in tokens[mention.end:mention.end + 12]:
            if token.text in (".", ";") or mention.genitive:
                break
            gender = lex.pronouns.get(token.text.casefold())
            opens_clause = token.i > 0 and (tokens[token.i - 1].text == "," or tokens[token.i - 1].text.casefold()
                                            in ("aber", "doch", "und", "but", "and"))
            if gender and not opens_clause:
                continue
            if gender and token.i + 1 < len(tokens):
                following = tokens[token.i + 1]
                if any(m.start < token.i and m.start > mention.start for m in reading.mentions):
                    break
                if lex.language.code == "de" and gender == "f" and not following.text.endswith("t"):
                    break
                reading.genders.append(GenderVote(mention.key, gender, 1, reading.span(mention.start, token.i + 1)))
                break


# -- the scene direction: claims against a known story -------------------------------------------


class StoryNames:
    """Looks up names of a story's characters, for reading scenes against a bible."""

    def __init__(self, story: Story):
        self.index = NameIndex.from_story(story)
        # an alias that is another of the character's names with a genitive ending ("Johns" beside
        # "John") still reads as a genitive
        self.exact_names = {fold(n) for c in story.characters for n in c.names
                            if n and not any(form != fold(n) and form in {fold(m) for m in c.names}
                                             for form in base_forms(n))}
        self.org_ids = {fold(n): o.id for o in story.organisations for n in (o.id, *o.names)}

    def __call__(self, surface: str) -> str | None:
        return self.index.lookup(surface)

    def exact(self, surface: str) -> bool:
        return fold(surface) in self.exact_names

    def org_id(self, key: str) -> str:
        return self.org_ids.get(fold(key), key)


_STORY_NAMES: dict[int, tuple[Story, StoryNames]] = {}


def _story_names(story: Story) -> StoryNames:
    cached = _STORY_NAMES.get(id(story))
    if cached is None or cached[0] is not story:
        cached = (story, StoryNames(story))
        _STORY_NAMES.clear()
        _STORY_NAMES[id(story)] = cached
    return cached[1]


def scene_claims(text: str, story: Story) -> list[AffiliationClaim | DeathClaim]:
    """Claims that action or synopsis text of a scene makes about the story's characters.

    Characters are given by id and organisations by id where the story knows them.
    """
    if not text.strip():
        return []
    names = _story_names(story)
    language = load_language(story.language if story.language in ("de", "en") else "de")
    reading = read_sentence(text, language, names)
    claims: list[AffiliationClaim | DeathClaim] = []
    for claim in reading.affiliations:
        if claim.org:
            claims.append(AffiliationClaim(claim.character, names.org_id(claim.org), claim.status, claim.evidence,
                                           claim.title, claim.offset))
    for death in reading.deaths:
        if not death.character.startswith("pronoun:"):
            claims.append(death)
    return claims


def _shown_only(text: str, tokens: list[Token], mention: Mention, phrases: list[str]) -> bool:
    """'ein Foto von Lisa', 'a picture of the young Lisa': the name after words that show a person
    (a picture, a grave, a file, a memory) without putting them in the scene."""
    k = mention.start
    for _ in range(3):  # the phrase, then up to two words such as an article and an adjective
        before = fold(text[:tokens[k].start]).rstrip()
        if any(before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalnum())
               for phrase in phrases):
            return True
        k -= 1
        if k < 0 or not tokens[k].word or tokens[k].capitalised or tokens[k].clause != tokens[mention.start].clause:
            return False
    return False


def scene_presence(text: str, story: Story, wanted: Collection[str] | None = None) -> list[tuple[str, str, int]]:
    """The story's characters a sentence of action or synopsis puts in the scene: id, name as written
    and offset of each.

    A character is present when named as subject or object of a main clause, in capitals or not;
    a genitive ("Lisas Grab"), reported speech ("er sagt, Lisa sei …"), a subordinate clause or a
    picture, grave, file or memory of them ("ein Foto von Lisa") is no presence. Only the characters
    `wanted` are looked for (default: all). Clauses are told apart with word-by-word tags
    (`analyse_quick`), which err towards "mentioned", never towards "present".
    """
    if not text.strip():
        return []
    names = _story_names(story)
    language = load_language(story.language if story.language in ("de", "en") else "de")
    rules = _PresenceRules.of(language)
    tokens = analyse_quick(text, language)
    mentions = [m for m in find_mentions(tokens, text, names) if wanted is None or m.key in wanted]
    if mentions:  # "die Organisation Agent X" names a group, not its namesake
        inside = {k for org in _find_orgs(tokens, text, lexicon_for(language)) for k in range(org.start, org.end)}
        mentions = [m for m in mentions if m.start not in inside]
    present: list[tuple[str, str, int]] = []
    for mention in mentions:
        token = tokens[mention.start]
        if rules.may_be_present(text, tokens, mention) and (token.main or rules.speaker(tokens, mention)) \
                and all(key != mention.key for key, _, _ in present):
            present.append((mention.key, mention.surface, token.start))
    return present


@dataclass(frozen=True)
class _PresenceRules:
    """The words of a language that keep a named person out of a scene."""

    shown: tuple[str, ...]  # "Foto von", "picture of"
    subordinators: frozenset[str]
    reported: frozenset[str]

    @staticmethod
    def of(language: Language) -> "_PresenceRules":
        return _presence_rules(language.code)

    def _before(self, tokens: list[Token], mention: Mention) -> set[str]:
        """The words before a name in its clause."""
        clause = tokens[mention.start].clause
        return {t.text.casefold() for t in tokens[:mention.start] if t.clause == clause}

    def may_be_present(self, text: str, tokens: list[Token], mention: Mention) -> bool:
        """No genitive, no subordinating word before it in its clause, no picture or grave of them."""
        return not (mention.genitive or self.subordinators.intersection(self._before(tokens, mention))
                    or _shown_only(text, tokens, mention, self.shown))

    def speaker(self, tokens: list[Token], mention: Mention) -> bool:
        """'Anna claims …': the one who speaks is there; what follows the verb is only said."""
        token = tokens[mention.start]
        return token.reported and token.clause == 0 and not self.reported.intersection(self._before(tokens, mention))


@cache
def _presence_rules(code: str) -> _PresenceRules:
    language = load_language(code)
    return _PresenceRules(
        tuple(fold(p) for p in language.data.get("not_presence") or []),
        language.lower_words("subordinators") - (lexicon_for(language).articles & RELATIVE_PRONOUNS),
        language.lower_words("reported_speech"))
