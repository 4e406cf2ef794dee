"""Relations between people: kinship and marriage, partners, mentors, superiors, enemies."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.claims import GenderVote
from toolkit.nlp import dictionary_form

if TYPE_CHECKING:
    from toolkit.extract import Lexicon, Reading


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
