"""Kin nouns as references: 'her father', 'sein Bruder' once the story has said who that relative is.

"She finds that her father, Noah Pike, runs the club. … her father is also affiliated with the NSA": the
second "her father" has no name after it, yet a reader knows who it is, and what the clause says of it is
said of him. A possessive (a pronoun coreference resolved with certainty, or a genitive name: "Idas
Vater") before a kin noun stands for the one character the story has already given that kin relation to
the owner; with no such character, or with two (a mother and a father of unknown gender), nothing is
said.
"""
from __future__ import annotations

from collections.abc import Mapping

from toolkit.extraction.coref_groups import insert_mention
from toolkit.extraction.document import Mention, Reading, Relation
from toolkit.extraction.grammar import FAMILY_RELATIONS
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import tags
from toolkit.text.nlp import Token, dictionary_form


def resolve_kin(readings: list[Reading], genders: Mapping[str, str], lex: Lexicon) -> list[int]:
    """Add a mention on every possessive kin noun that stands for one known relative, in place.

    `genders` maps the keys of the story's people to their gender. Returns the indices of the readings
    a mention was added to."""
    said: list[Relation] = []
    added: list[int] = []
    for index, reading in enumerate(readings):
        for token in reading.tokens:
            relation = lex.relations.get(token.text.casefold())
            if relation is None or relation.get("type") not in FAMILY_RELATIONS:
                continue
            owner = _owner(reading, token.i)
            if owner is None or _named_after(reading, token.i):
                continue
            earlier = [r for r in reading.relations if _stated_before(reading, r, token.i)]
            holder = _holder(relation, owner.key, [*said, *earlier], genders)
            if holder is None or holder == owner.key:
                continue
            insert_mention(reading, Mention(surface=token.text, key=holder, start=token.i, end=token.i + 1,
                                            main=token.main, via="description"))
            if index not in added:
                added.append(index)
        said.extend(reading.relations)
    return added


def _owner(reading: Reading, noun: int) -> Mention | None:
    """The possessive or genitive name that owns the noun at `noun` ('her estranged father', 'Idas
    Vater'), when it is certain; None when the noun is itself part of a mention."""
    if any(m.start <= noun < m.end for m in reading.mentions):
        return None
    k = noun - 1
    while k >= 0 and reading.tokens[k].word and not reading.tokens[k].capitalised \
            and tags.is_attributive_adjective(reading.tokens[k].tag):
        k -= 1
    owner = next((m for m in reading.mentions if m.end == k + 1 and m.genitive), None)
    return owner if owner is not None and not owner.uncertain and owner.via != "description" else None


def _named_after(reading: Reading, noun: int) -> bool:
    """'her father Noah', 'her father, Noah Pike,': a name after the noun says who it is itself."""
    k = noun + 1
    if k < len(reading.tokens) and reading.tokens[k].text == ",":
        k += 1
    return any(m.start == k and not m.via for m in reading.mentions)


def _stated_before(reading: Reading, relation: Relation, noun: int) -> bool:
    """A relation of the same sentence counts when the name it is said of comes before the noun."""
    return any(m.key in (relation.source, relation.target) and not m.via and m.end <= noun
               for m in reading.mentions)


def _holder(relation: dict, owner: str, said: list[Relation], genders: Mapping[str, str]) -> str | None:
    """The one character holding the noun's relation to `owner` and agreeing with its gender."""
    kind, gender = relation.get("type"), relation.get("gender")
    if relation.get("inverse"):
        holders = {r.target for r in said if r.type == kind and r.source == owner}
    else:
        holders = {r.source for r in said if r.type == kind and r.target == owner}
    if kind == "sibling_of":  # a sibling relation may be written either way round
        holders |= {r.target for r in said if r.type == kind and r.source == owner}
    holders = {h for h in holders if h in genders and h != owner and genders[h] in (gender, "unknown", None)}
    # a mother and a father of unknown gender: two holders, so nothing is said
    return next(iter(holders)) if len(holders) == 1 else None


def parallel_owner(reading: Reading, token: Token, gender: str, genders: Mapping[str, str],
                   lex: Lexicon) -> list[tuple[float, str]]:
    """'Ottings neuer Kollege Brück schweigt, und ihr Vorgesetzter Pohl …': a possessive before a relation
    noun, where the nearest person of its gender named before it in the sentence owns a relation noun
    too, in the genitive, is that person's: the second noun continues the first one's list."""
    if _relation_after(reading, token.i + 1, lex) is None:
        return []
    before = [m for m in reading.mentions if m.end <= token.i and not m.uncertain
              and genders.get(m.key) == gender]
    nearest = before[-1] if before else None
    if nearest is None or not nearest.genitive or nearest.via or _relation_after(reading, nearest.end, lex) is None:
        return []
    return [(0.0, nearest.key)]


def _relation_after(reading: Reading, k: int, lex: Lexicon) -> dict | None:
    """The relation a noun at k names, past the adjectives before it ('neuer Kollege'), or None."""
    tokens = reading.tokens
    while k < len(tokens) and tokens[k].word and not tokens[k].capitalised and tags.is_adjective(tokens[k].tag):
        k += 1
    if k >= len(tokens) or not tokens[k].word:
        return None
    return lex.relations.get(tokens[k].text.casefold()) \
        or lex.relations.get(dictionary_form(tokens[k].text, lex.language).casefold())
