"""Occupations: "her job as an agent for SD-6", "seine Stelle als Analyst beim Amt 7" make the one the
job belongs to a member of the organisation; after a verb of losing ("verliert ihren Job als …") a former one."""
from __future__ import annotations

from toolkit.extraction.document import (
    AffiliationClaim,
    Mention,
    Pass,
    Reading,
)
from toolkit.extraction.grammar import (
    role_of,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.text import tags
from toolkit.text.nlp import (
    Token,
)


def read_occupations(reading: Reading, lex: Lexicon) -> None:
    """A claim for the owner of an occupation noun followed by "as", a member's noun and an organisation."""
    nouns = lex.language.lower_words("occupations", "nouns")
    if not nouns or not any(t.text.casefold() in nouns for t in reading.tokens):
        return
    tokens = reading.tokens
    for token in tokens:
        if token.text.casefold() not in nouns:
            continue
        owner = _owner(reading, token)
        role = _role_after(tokens, token.i + 1, lex)
        if owner is None or role is None:
            continue
        org = next((o for o in reading.orgs if role.i <= o.start <= role.i + 3), None)
        if org is None or any(a.character == owner.key and a.org == org.key for a in reading.affiliations):
            continue
        lost = lex.language.lower_words("occupations", "lost")
        former = any(t.text.casefold() in lost and t.clause == token.clause for t in tokens[:owner.start])
        status = "former" if former else "leader" if (role_of(role.text, lex) or {}).get("leader") else "current"
        reading.affiliations.append(AffiliationClaim(
            owner.key, org.key, status, reading.span(owner.start, org.end), role.text, tokens[owner.start].start))


def _owner(reading: Reading, noun: Token) -> Mention | None:
    """The possessive (a pronoun resolved for certain, or a name's genitive) before the noun, adjectives between."""
    for mention in reading.mentions:
        if mention.genitive and not mention.uncertain and 0 <= noun.i - mention.end <= 3 and all(
                t.word and tags.is_adjective(t.tag) or t.text == "-" for t in reading.tokens[mention.end:noun.i]):
            return mention
    return None


def _role_after(tokens: list[Token], k: int, lex: Lexicon) -> Token | None:
    """The member's or leader's noun after "as" (an article and adjectives between): "as an agent", "als CIA-Agentin"."""
    if k >= len(tokens) or tokens[k].text.casefold() not in lex.language.lower_words("occupations", "as_words"):
        return None
    k += 1
    while k < len(tokens) and tokens[k].word and (tokens[k].text.casefold() in lex.articles
                                                  or tags.is_adjective(tokens[k].tag)):
        k += 1
    if k >= len(tokens):
        return None
    word = tokens[k].text.split("-")[-1]
    role = role_of(word, lex) or role_of(tokens[k].text, lex) or {}
    return tokens[k] if role.get("member") or role.get("leader") else None


PASS = Pass("occupations", read_occupations, reads=("tokens", "mentions", "orgs"), writes=("affiliations",))
