"""Organisations named in a sentence: agencies from the gazetteer, acronyms, groups and named units."""
from __future__ import annotations

from toolkit.extraction.document import (
    OrgMention,
    Pass,
    Reading,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.model.names import fold
from toolkit.text import lexicons, tags
from toolkit.text.nlp import (
    Token,
    strip_genitive,
)


def find_orgs(tokens: list[Token], text: str, lex: Lexicon) -> list[OrgMention]:
    """Every organisation named in the tokens, left to right, none overlapping."""
    found: list[OrgMention] = []
    i = 0
    while i < len(tokens):
        match = (_agency_name(tokens, text, i, lex) or _organisation_word(tokens, i, lex)
                 or _unknown_acronym(tokens, i, lex) or _named_unit(tokens, text, i, lex)
                 or _name_with_ending(tokens, text, i, lex) or _group(tokens, text, i, lex)
                 or _suffixed_name(tokens, text, i, lex))
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.end
    return found


def _agency_name(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """Agency names of several words: "Defense Intelligence Agency", "Secret Service"."""
    token = tokens[i]
    for length in range(min(7, len(tokens) - i), 1, -1) if lex.may_begin_agency(token.text) else ():
        surface = text[token.start:tokens[i + length - 1].end]
        agency = lex.agency(surface)
        if agency is not None:
            return OrgMention(agency.id, agency.name, i, i + length, agency.kind, agency.abbreviation)
    return None


def _organisation_word(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """One word that names an agency ("CIA", "ex-NSA"), an agency joined to a role ("DIA-Agenten"), a group
    ending in an organisation word ("Agent-X-Organisation") or one a name says whose it is ("Lindner-Kartell")."""
    word = tokens[i].text
    parts = word.split("-")
    agency = lex.agency(word) or lex.agency(strip_genitive(word)[0])
    if agency is None and len(parts) == 2 and parts[0].casefold() == "ex":  # "ex-NSA agent"
        agency = lex.agency(parts[1])
    if agency is None and len(parts) > 1:
        agency = lex.agency(parts[0])
        if agency is not None:
            return OrgMention(agency.id, agency.name, i, i + 1, agency.kind, agency.abbreviation,
                              role="-".join(parts[1:]))
        if parts[-1].casefold() in lex.org_suffixes and len(parts) > 1:
            name = " ".join(parts[:-1])
            return OrgMention(name, name, i, i + 1, "other")
        last = parts[-1].casefold()
        kind = lex.group_nouns.get(last) or (lex.group_nouns.get(last[:-1]) if last.endswith("s") else None)
        if kind and parts[0][:1].isupper() and not lex.agency(parts[0]):
            name = word if last in lex.group_nouns else word[:-1]
            return OrgMention(name, name, i, i + 1, kind)
    if agency is not None:
        return OrgMention(agency.id, agency.name, i, i + 1, agency.kind, agency.abbreviation)
    return None


def _unknown_acronym(tokens: list[Token], i: int, lex: Lexicon) -> OrgMention | None:
    """An unknown acronym that names a service: "XYZ-Agentin", "the XYZ agent", "the SD-6 leader", "her
    ORCA-7 partner" (an acronym with a number is one name: "SD-6")."""
    parts = tokens[i].text.split("-")
    if not _acronym(parts[0]):
        return None
    numbered = len(parts) == 2 and parts[1].isdigit()
    name = tokens[i].text if numbered else parts[0]
    joined = len(parts) > 1 and not numbered
    role_word = "-".join(parts[1:]) if joined else (tokens[i + 1].text if i + 1 < len(tokens) else "")
    role = lex.role(role_word) or {}
    if role.get("member") or role.get("leader") or not joined and _member_relation(role_word, lex):
        return OrgMention(name, name, i, i + 1, "agency", name, role=role_word if joined else "")
    return None


def _member_relation(word: str, lex: Lexicon) -> bool:
    """'partner', 'Kollege', 'boss': a relation noun that, after an organisation, says the person works there."""
    relation = lex.relations.get(word.casefold()) or {}
    return relation.get("type") in lex.organisation_forms.relation_slots


def _named_unit(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """'die Kripo Rostock', 'im Dezernat 411', 'Unit 8': an organisation noun with its name or number."""
    token = tokens[i]
    if token.text.casefold() not in lex.organisation_forms.named_nouns or not token.capitalised \
            or i + 1 >= len(tokens):
        return None
    following = tokens[i + 1]
    # a proper noun, or, where every noun is capitalised, a word the noun lexicon does not know ("Wels")
    named = following.tag in lex.language.proper_noun_tags or lex.language.nouns_capitalised \
        and lexicons.german_noun(following.text) is None
    if following.text.isdigit() or _acronym(following.text) or following.capitalised and following.word \
            and named and following.text not in lex.not_names and not lex.is_vocabulary(following.text):
        name = text[token.start:following.end]
        return OrgMention(name, name, i, i + 2, _unit_kind(token, lex))
    return None


def _name_with_ending(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """'Special Branch', 'the Harwell Institute', 'Smithsonian Institut': capitalised words before a noun
    that ends an organisation's name. In a language that capitalises every noun, only a name or an
    adjective may come before it ("Smithsonian Institut", not "Leiter Institut")."""
    end = i
    while end < len(tokens) and end - i < 4 and tokens[end].capitalised and tokens[end].word \
            and tokens[end].text.casefold() not in lex.organisation_forms.ending_nouns:
        word = tokens[end]
        if word.text in lex.not_names or word.text.casefold() in lex.articles or word.text.endswith(("'s", "’s")) \
                or lex.language.nouns_capitalised and tags.is_common_noun(word.tag) or lex.agency(word.text):
            return None
        end += 1
    if end == i or end >= len(tokens) or not tokens[end].capitalised \
            or tokens[end].text.casefold() not in lex.organisation_forms.ending_nouns:
        return None
    if i > 0 and tokens[i - 1].capitalised and tokens[i - 1].word and tokens[i - 1].text not in lex.not_names:
        return None  # the phrase begins earlier; it is read from its first word
    name = text[tokens[i].start:tokens[end].end]
    return OrgMention(name, name, i, end + 1, _unit_kind(tokens[end], lex))


def _unit_kind(noun: Token, lex: Lexicon) -> str:
    """'police' for a unit a police noun names ("Kripo Rostock", "Severn Constabulary"), else 'other'."""
    return "police" if noun.text.casefold() in lex.organisation_forms.police_nouns else "other"


def _group(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """A group noun ("Rebellen", "the cartel"), with the adjective or name before it that says which group."""
    token = tokens[i]
    folded = token.text.casefold()
    group = lex.group_nouns.get(folded) or lex.group_nouns.get(folded.rstrip("s")) or \
        lex.group_nouns.get(folded[:-2] if folded.endswith("es") else "")
    # a lowercase English group noun names a group after an article or a word that says which one
    determined = i > 0 and (tokens[i - 1].text.casefold() in lex.articles or tokens[i - 1].capitalised
                            or (tags.is_english_adjective(tokens[i - 1].tag) or tags.is_possessive_determiner(tokens[i - 1].tag)))
    if not (group and token.capitalised or (group and not lex.language.nouns_capitalised and determined)):
        return None
    key = next(k for k in lex.language.group_nouns if k.casefold() in (folded, folded.rstrip("s"), folded[:-2]))
    # "tschetschenische Rebellen": keep the adjective that says which group
    start = i
    if i > 0 and tags.is_german_adjective(tokens[i - 1].tag) and not tokens[i - 1].capitalised or i > 1 \
            and tokens[i - 1].capitalised and tokens[i - 1].word \
            and tokens[i - 1].text not in lex.not_names and not lex.agency(tokens[i - 1].text):
        start = i - 1
    name = text[tokens[start].start:token.end] if start < i else key
    if start < i and tags.is_german_adjective(tokens[start].tag):
        name = _dictionary_name(tokens[start], key, lex) or name
    if start == i and _generic(tokens, i, group, lex):
        return None
    return OrgMention(fold(name) if start < i else key, name if start < i else key, start, i + 1, group)


def _generic(tokens: list[Token], i: int, kind: str, lex: Lexicon) -> bool:
    """'die Behörde', 'der Geheimdienst': a service's common noun alone names none (it stands for one named
    elsewhere); 'eine Armee schwer bewaffneter Agenten', 'an army of': an indefinite one is a crowd."""
    if kind == "agency":
        return True
    indefinite = lex.membership_words.one_of  # "ein", "eine", "a", "an", "one"
    return kind == "military" and i > 0 and tokens[i - 1].text.casefold() in indefinite


def _suffixed_name(tokens: list[Token], text: str, i: int, lex: Lexicon) -> OrgMention | None:
    """"die Organisation Agent X": an organisation word and the capitalised name after it."""
    if tokens[i].text.casefold() not in lex.org_suffixes or i + 1 >= len(tokens) or not tokens[i + 1].capitalised:
        return None
    end = i + 1
    while end < len(tokens) and tokens[end].word and tokens[end].capitalised and end - i <= 3:
        end += 1
    name = text[tokens[i + 1].start:tokens[end - 1].end]
    return OrgMention(name, name, i, end, "other")


def _dictionary_name(adjective: Token, noun: str, lex: Lexicon) -> str:
    """'amerikanischen Botschaft' -> 'amerikanische Botschaft': the adjective as it stands before the noun
    alone, by the noun's gender; '' when the language or the noun does not say."""
    endings = lex.language.section("organisation_names")
    gender = next((g for g, suffixes in (endings.get("noun_gender_endings") or {}).items()
                   if noun.casefold().endswith(tuple(suffixes))), None)
    ending = (endings.get("adjective_endings") or {}).get(gender)
    if ending is None or not adjective.lemma:
        return ""
    return f"{adjective.lemma.casefold()}{ending} {noun}"


def _acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalnum() and any(c.isalpha() for c in word)




def read_orgs(reading: Reading, lex: Lexicon) -> None:
    """Every organisation the sentence names, departments included."""
    reading.orgs = find_orgs(reading.tokens, reading.text, lex)


PASS = Pass("organisations", read_orgs, reads=("tokens", "text"), writes=("orgs",))
