"""A member's role put before the clause it describes: "Although a sergeant in the army, he …", "As a
private in the army, Tom Reed …", "Als Soldat bei der Armee lernt Olaf Wenz …", "Obwohl Offizier der
Marine, hasst Rolf Kuhn …".

An opener (or the sentence's start with an indefinite article), a role noun of a member or a leader, a
preposition and an organisation; the one the phrase describes is the clause's subject: the name or
pronoun right after the comma that closes the phrase, or, where the subject follows the verb, the one
right after the finite verb.
"""
from __future__ import annotations

from toolkit.extraction.document import AffiliationClaim, Mention, OrgMention, Pass, Reading
from toolkit.extraction.grammar import non_member, role_of
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import tags
from toolkit.text.nlp import Token


def read_fronted_roles(reading: Reading, lex: Lexicon) -> None:
    """A claim for the subject a fronted role phrase describes."""
    words = lex.language.section("fronted_roles")
    prepositions = {w.casefold() for w in words.get("prepositions") or ()}
    tokens = reading.tokens
    ranks = {w.casefold() for w in words.get("ranks") or ()}
    for org in reading.orgs:
        # "in the army", "bei der Armee", "der Armee": a preposition (or a genitive article) before it
        places = [k for k in (org.start - 1, org.start - 2) if k >= 1 and tokens[k].text.casefold() in prepositions
                  and (k == org.start - 1 or tokens[k + 1].text.casefold() in lex.articles)]
        role_token = next((tokens[k - 1] for k in places if _role(tokens[k - 1], ranks, lex)), None)
        opened = _opened(tokens, role_token.i, words, lex) if role_token is not None else ""
        if not opened:
            continue
        role = _role(role_token, ranks, lex)
        person = _subject_after(reading, org, lex, verb_first=opened == "opener")
        if person is None:
            continue
        status = "former" if _former(tokens[:role_token.i], lex) else "leader" if role.get("leader") else "current"
        _claim(reading, person, org, status, role_token)


def _role(token: Token, ranks: set[str], lex: Lexicon) -> dict:
    """The role of a member or a leader the word names (a rank of the slot counts as a member), or {}."""
    role = role_of(token.text, lex) or ({"member": True} if token.text.casefold() in ranks else {})
    return role if (role.get("member") or role.get("leader")) and not non_member(token.text, lex) else {}


def _opened(tokens: list[Token], role: int, words: dict, lex: Lexicon) -> str:
    """'opener' when an opener ('although', 'als') comes before the role (articles and lowercase adjectives
    between); 'start' when the role phrase opens the sentence with an article ("A sergeant in the army,
    Tom …"); else ''."""
    k = role - 1
    while k >= 0 and tokens[k].word and (tokens[k].text.casefold() in lex.articles
                                         or tags.is_adjective(tokens[k].tag) and not tokens[k].capitalised):
        k -= 1
    openers = {w.casefold() for w in words.get("openers") or ()}
    if k >= 0 and tokens[k].text.casefold() in openers and (k == 0 or not tokens[k - 1].word):
        return "opener"
    return "start" if k < 0 and role > 0 and tokens[0].text.casefold() in lex.articles else ""


def _former(before: list[Token], lex: Lexicon) -> bool:
    status = [w.casefold() for w in lex.status_former]
    return any(t.text.casefold() == s or s.endswith("-") and t.text.casefold().startswith(s)
               for t in before[-3:] for s in status)


def _subject_after(reading: Reading, org: OrgMention, lex: Lexicon, verb_first: bool) -> Mention | None:
    """The clause's subject after the phrase: the name or pronoun right after its comma, or (after an
    opener) the one right after a finite verb that follows the phrase."""
    tokens = reading.tokens
    if org.end >= len(tokens) or not verb_first and tokens[org.end].text != ",":
        return None
    at = org.end + 1 if tokens[org.end].text == "," else org.end
    # "Als Soldat bei der Armee lernt Tom …", "Obwohl Offizier der Marine, hasst er …": the verb first
    if verb_first and at < len(tokens) and tags.is_verb(tokens[at].tag) \
            and lex.language.section("memberships").get("subject_after_verb"):
        at += 1
    return next((m for m in reading.mentions if m.start == at and not m.genitive and not m.uncertain), None)


def _claim(reading: Reading, person: Mention, org: OrgMention, status: str, role: Token) -> None:
    if any(a.character == person.key and a.org == org.key for a in reading.affiliations):
        return
    tokens = reading.tokens
    evidence = reading.text[tokens[role.i].start:tokens[max(org.end, person.end) - 1].end]
    reading.affiliations.append(AffiliationClaim(person.key, org.key, status, evidence, role.text,
                                                 tokens[person.start].start))


PASS = Pass("fronted_roles", read_fronted_roles, reads=("tokens", "mentions", "orgs"), writes=("affiliations",))
