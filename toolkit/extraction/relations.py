"""Relations between people: kinship and marriage, partners, mentors, superiors, enemies."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.extraction.claims import GenderVote
from toolkit.extraction.coref import latest_of_gender
from toolkit.text.nlp import dictionary_form
from toolkit.model.story import Character
from toolkit.model.story import Relation as RelationRecord

if TYPE_CHECKING:
    from toolkit.extraction.extract import Lexicon, Reading


@dataclass(frozen=True)
class Relation:
    source: str  # mention key: the one the relation is said of
    type: str
    target: str  # mention key, or "pronoun:m"/"pronoun:f" to be resolved by the caller
    evidence: str


def read_relations(reading: Reading, lex: Lexicon) -> None:
    """'seine Frau Lena', "Johns Erzfeind Nicholas Wolkow", 'Michael, der Sohn des ... Robert Brandt'."""
    tokens = reading.tokens
    for mention in reading.mentions:
        k = mention.start - 1
        while k >= 0 and tokens[k].word and not tokens[k].capitalised and tokens[k].tag in ("ADJ(A)", "AJ0"):
            k -= 1
        # "her partner, Sgt. Eli Brandt": a title between the noun and the name
        while k > 0 and (tokens[k].text == "." and tokens[k - 1].text + "." in lex.language.words("abbreviations")
                         or lex.role(tokens[k].text) is not None and tokens[k].text.casefold() not in lex.relations):
            k -= 2 if tokens[k].text == "." else 1
        if k > 0 and tokens[k].text == ",":  # "Her handler, Victor Lane"
            k -= 1
        if k < 0:
            continue
        relation = _relation_noun(tokens[k], lex)
        if relation is None:
            continue
        # "ihre Kollegin und Freundin Tilda": every noun of the pair, the owner before the first
        relations = [relation]
        while k >= 2 and tokens[k - 1].text.casefold() in ("und", "and") and _relation_noun(tokens[k - 2], lex):
            k -= 2
            relations.append(_relation_noun(tokens[k], lex))
        owner = _owner_before(reading, k, lex) or _bare_owner(reading, k, mention, lex)
        if owner is None:
            continue
        for relation in relations:
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
        if mention.genitive and not mention.via and mention.end < len(tokens):
            relation = lex.relations.get(tokens[mention.end].text.casefold())
            if relation is None:
                continue
            subject = next((m for m in reversed(reading.mentions) if m.end <= mention.start and not m.genitive
                            and m.key != mention.key), None)
            copula = any(t.lemma in ("sein", "be") for t in tokens[subject.end:mention.end + 3]) if subject else False
            if subject is not None and mention.start - subject.end <= 4 and copula:
                reading.relations.append(Relation(subject.key, relation["type"], mention.key,
                                                  reading.span(subject.start, mention.end + 1)))


def _relation_noun(token, lex: Lexicon) -> dict | None:
    """'Frau', 'Geliebten' (as 'Geliebte'), 'handler': the relation a noun names, or None."""
    relation = lex.relations.get(token.text.casefold())
    if relation is None and token.text[:1].isupper() and token.tag.startswith("NN"):
        relation = lex.relations.get(dictionary_form(token.text, lex.language).casefold())
    return relation


def _bare_owner(reading: Reading, k: int, mention, lex: Lexicon) -> str | None:
    """'Ollie goes home to pregnant wife Mira': a kinship noun without article or owner is the subject's."""
    from toolkit.extraction.memberships import clause_subject

    tokens = reading.tokens
    j = k
    while j > 0 and tokens[j - 1].tag.startswith(("ADJ", "AJ")) and not tokens[j - 1].capitalised:
        j -= 1
    if j == 0 or not tokens[j - 1].tag.startswith(("APPR", "PRP", "V")):
        return None
    subject = clause_subject(reading, tokens[k].clause, lex=lex)
    return subject.key if subject is not None and subject.key != mention.key and not subject.uncertain else None


def _owner_before(reading: Reading, k: int, lex: Lexicon) -> str | None:
    """Who a kinship noun at token k belongs to: a genitive name or a possessive pronoun."""
    while k > 0 and reading.tokens[k - 1].tag in ("ADJ(A)", "AJ0") and not reading.tokens[k - 1].capitalised:
        k -= 1  # "ihrem verstorbenen Ehemann", "his old mentor"
    if k == 0:
        return None
    owner = next((m for m in reading.mentions if m.end == k and m.genitive and not m.uncertain), None)
    if owner is not None:
        return owner.key
    word = reading.tokens[k - 1].text.casefold()
    return f"pronoun:{lex.possessives[word]}" if word in lex.possessives else None


def read_verb_relations(reading: Reading, lex: Lexicon) -> None:
    """'X ist mit Y verheiratet', 'Ada marries Alfie', 'beginnt die Jagd auf Y', 'is assigned to Y',
    'wird von Y rekrutiert': the subject of the clause to the other person in it."""
    from toolkit.extraction.memberships import after_preposition, clause_subject

    tokens = reading.tokens
    lowered = reading.text.lower()
    for kind, phrases in (lex.language.data.get("relation_verbs") or {}).items():
        for phrase in phrases:
            match = re.search(rf"(?<!\w){re.escape(phrase.casefold())}(?!\w)", lowered)
            if match is None:
                continue
            position = match.start()
            trigger = next((t for t in tokens if t.start >= position), None)
            if trigger is None or trigger.reported:
                continue
            # "als die Tochter von Whitlock entführt wird": the subject of a passive is the one it happens to
            if kind == "enemy_of" and any(t.text.casefold() in lex.passive_auxiliaries
                                          for t in tokens[max(0, trigger.i - 1):trigger.i + 2] if t is not trigger):
                continue
            subject = clause_subject(reading, trigger.clause, lex=lex)
            # the other person is in the verb's clause or in one between it and the subject's
            clauses = range(tokens[subject.start].clause, trigger.clause + 1) if subject is not None else ()
            others = [m for m in reading.mentions if not m.genitive and not m.uncertain and subject is not None
                      and m.key != subject.key and tokens[m.start].clause in clauses
                      and not (m.start > 0 and tokens[m.start - 1].text == "(")]
            if kind == "works_for_agent":  # passive: the one by whom, "von CIA-Mann Kessel"
                others = [m for m in others if after_preposition(reading, m, lex=lex) in ("von", "vom", "by")]
            if subject is None or subject.uncertain or not others:
                continue
            other = others[0] if kind == "works_for_agent" else _object_near(reading, trigger, others,
                                                                                 len(phrase.split()))
            if other is None:
                continue
            kind_of = "works_for" if kind == "works_for_agent" else kind
            reading.relations.append(Relation(subject.key, kind_of, other.key,
                                              reading.span(min(subject.start, trigger.i), max(other.end, trigger.i + 1))))


def _object_near(reading: Reading, trigger, others: list, length: int):
    """The person right after the verb phrase ("works for Victor", not "works for the CIA and asks her"), or,
    with the verb last, right before it ("der Jutta ins Visier nimmt", "mit Paul verheiratet")."""
    tokens = reading.tokens
    after = trigger.i + length
    org_right_after = any(after <= o.start <= after + 1 for o in reading.orgs)
    following = next((m for m in others if after <= m.start <= after + 3), None)
    if following is not None or org_right_after:
        return following
    return next((m for m in reversed(others) if m.end <= trigger.i and trigger.i - m.end <= 4
                 and not any(t.tag.startswith(("V", "VV")) and t.text not in ("ist", "is") for t in tokens[m.end:trigger.i])),
                None)


# the relation types a bible records, and what each says of the other side
BIBLE_TYPES = ("son_of", "daughter_of", "parent_of", "wife_of", "husband_of", "sibling_of", "mentor_of",
               "partner_of", "enemy_of", "works_for")
_INVERSE = {"wife_of": {"m": "husband_of", "f": "wife_of", "unknown": "husband_of"},
            "husband_of": {"m": "husband_of", "f": "wife_of", "unknown": "wife_of"},
            "son_of": {"m": "parent_of", "f": "parent_of", "unknown": "parent_of"},
            "daughter_of": {"m": "parent_of", "f": "parent_of", "unknown": "parent_of"},
            "parent_of": {"m": "son_of", "f": "daughter_of"},
            "sibling_of": {"m": "sibling_of", "f": "sibling_of", "unknown": "sibling_of"},
            "partner_of": {"m": "partner_of", "f": "partner_of", "unknown": "partner_of"}}


def fill_relations(by_key: dict[str, Character], ids: dict[str, str], readings: list[Reading]) -> None:
    """Relations of the characters; kinship, marriage and partnership are written on both sides."""
    genders = {key: character.gender for key, character in by_key.items()}
    for index, reading in enumerate(readings):
        for relation in reading.relations:
            if relation.type == "spouse_of":
                relation = _spouse(relation, genders)
            if relation is None or relation.type not in BIBLE_TYPES:
                continue
            source, target = relation.source, relation.target
            if target.startswith("pronoun:"):
                target = latest_of_gender(target, readings, index, genders, exclude=source)
            if source.startswith("pronoun:"):
                source = latest_of_gender(source, readings, index, genders, exclude=target or "")
            if not source or not target or source == target or source not in by_key or target not in by_key:
                continue
            _add(by_key[source], RelationRecord(relation.type, ids[target]))
            inverse = _INVERSE.get(relation.type, {}).get(genders[target])
            if inverse:
                _add(by_key[target], RelationRecord(inverse, ids[source]))


def _spouse(relation: Relation, genders: dict[str, str]) -> Relation | None:
    """'X ist mit Y verheiratet': wife or husband by X's gender, or else by Y's."""
    own, other = genders.get(relation.source, "unknown"), genders.get(relation.target, "unknown")
    gender = own if own != "unknown" else {"m": "f", "f": "m"}.get(other)
    if gender is None:
        return None
    return Relation(relation.source, "wife_of" if gender == "f" else "husband_of", relation.target, relation.evidence)


def _add(character: Character, record: RelationRecord) -> None:
    if record not in character.relations:
        character.relations.append(record)
