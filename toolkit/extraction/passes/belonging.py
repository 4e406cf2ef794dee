"""Belonging to an organisation, said with a verb: "Tom Brandl gehört der Gruppe an", "Dieser gehörte Tom
Brandl an" (the organisation a demonstrative stands for), "Ina belongs to the Red Hand".

The verb and its particle stand in one clause with the organisation and the person (not in a genitive);
a past form of the verb says a former member, a negation says nothing.
"""
from __future__ import annotations

from toolkit.extraction.document import AffiliationClaim, Pass, Reading
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import tags
from toolkit.text.nlp import Token


def read_belonging(reading: Reading, lex: Lexicon) -> None:
    """A claim for the person a belonging verb of the clause ties to the organisation of the clause, and for
    the leader a passive phrase names ("It was run by Tom Brandl")."""
    words = lex.language.section("belonging")
    _led_by(reading, words)
    verbs = {w.casefold() for w in words.get("verbs") or ()}
    past = {w.casefold() for w in words.get("past") or ()}
    for verb in reading.tokens:
        if verb.text.casefold() not in verbs or not _particle(reading.tokens, verb, words.get("particles") or ()):
            continue
        clause = [t for t in reading.tokens if t.clause == verb.clause]
        if any(t.text.casefold() in lex.language.lower_words("negations") for t in clause):
            continue
        orgs = [o for o in reading.orgs if reading.tokens[o.start].clause == verb.clause]
        aside = _in_parentheses(reading.tokens)
        people = [m for m in reading.mentions if reading.tokens[m.start].clause == verb.clause and not aside[m.start]
                  and not m.genitive and not m.uncertain and not any(o.start <= m.start < o.end for o in orgs)]
        if len(orgs) != 1 or len(people) != 1:
            continue
        person, org = people[0], orgs[0]
        if any(a.character == person.key and a.org == org.key for a in reading.affiliations):
            continue
        first, last = min(org.start, person.start, verb.i), max(org.end, person.end, verb.i + 1) - 1
        reading.affiliations.append(AffiliationClaim(
            person.key, org.key, "former" if verb.text.casefold() in past else "current",
            reading.text[reading.tokens[first].start:reading.tokens[last].end], "",
            reading.tokens[person.start].start))


def _led_by(reading: Reading, words: dict) -> None:
    """'It was run by Tom Brandl', 'Diese wurde von Tom Brandl geführt': the name in the phrase (its place
    written {name}, or right after it) leads the organisation nearest before the phrase in its clause."""
    tokens = reading.tokens
    folded = [t.text.casefold() for t in tokens]
    for phrase in words.get("led_by") or ():
        before, _, after = phrase.casefold().partition("{name}")
        opening, closing = before.split(), after.split()
        for start in range(1, len(tokens) - len(opening)):
            if folded[start:start + len(opening)] != opening:
                continue
            person = next((m for m in reading.mentions if m.start == start + len(opening) and not m.uncertain
                           and folded[m.end:m.end + len(closing)] == closing), None)
            org = max((o for o in reading.orgs if o.end <= start and all(
                t.text not in (".", ";", ":") for t in tokens[o.end:start])), key=lambda o: o.end, default=None)
            if person is None or org is None or any(a.character == person.key and a.org == org.key
                                                    for a in reading.affiliations):
                continue
            end = person.end + len(closing) - 1
            reading.affiliations.append(AffiliationClaim(
                person.key, org.key, "leader", reading.text[tokens[org.start].start:tokens[end].end], "",
                tokens[person.start].start))


def _in_parentheses(tokens: list[Token]) -> list[bool]:
    """For each token, whether it stands inside parentheses (a performer's name, an aside)."""
    depth, inside = 0, []
    for token in tokens:
        depth += token.text == "("
        inside.append(depth > 0)
        depth -= token.text == ")" and depth > 0
    return inside


def _particle(tokens: list[Token], verb: Token, particles) -> bool:
    """'gehört … an': the verb's particle later in its clause; 'belongs to': right after it; a verb that
    has its particle joined ("angehört") needs none."""
    folded = {p.casefold() for p in particles}
    if any(verb.text.casefold().startswith(p) for p in folded):
        return True
    after = tokens[verb.i + 1] if verb.i + 1 < len(tokens) else None
    if after is not None and after.text.casefold() in folded:
        return True
    aside = _in_parentheses(tokens)
    for token in tokens[verb.i + 2:]:  # past asides in parentheses, up to the clause's end
        if token.text in (",", ";", ".", ":", "!", "?") and not aside[token.i]:
            return False
        if token.text.casefold() in folded and not aside[token.i] and (
                tags.is_verb_particle(token.tag) or token.i + 1 == len(tokens) or not tokens[token.i + 1].word):
            return True
    return False


PASS = Pass("belonging", read_belonging, reads=("tokens", "mentions", "orgs"), writes=("affiliations",))
