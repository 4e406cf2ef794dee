"""Affiliations said by titles and by leading or undercover phrases."""
from __future__ import annotations

from toolkit.extraction.document import (
    AffiliationClaim,
    OrgMention,
    Pass,
    Reading,
)
from toolkit.extraction.grammar import (
    commanded,
    evidence_of,
    non_member,
    role_of,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.text.nlp import (
    find_phrase,
)


def read_affiliations(reading: Reading, lex: Lexicon) -> None:
    """Claims from a role joined to an organisation ("DIA-Agent X"), and from leading and undercover phrases."""
    language = lex.language
    lowered = reading.text.lower()
    undercover = [p.casefold() for p in language.phrases("status_words", "undercover")]
    left = [p.casefold() for p in language.phrases("status_words", "left")]
    for mention in reading.mentions:
        role = role_of(mention.role, lex) or {}
        if mention.org and not (mention.role and non_member(mention.role, lex)):  # "ein Gefangener der X"
            status = mention.status or ("undercover" if _undercover_role(reading, mention, lex) else
                                        "leader" if role.get("leader") and not _deputy(reading, mention, lex)
                                        else "current")
            if status == "current" and any(p in lowered for p in left) and mention.start <= 3:
                status = "former"
            reading.affiliations.append(AffiliationClaim(
                mention.key, mention.org, status, evidence_of(reading, mention, lex), mention.role,
                reading.tokens[mention.start].start))
    subjects = [m for m in reading.mentions if not m.genitive]
    _leader_phrases(reading, lex, lowered, subjects)
    # "inkognito als Secret Service Agent", "posing as an FBI agent"
    for phrase in undercover:
        position = find_phrase(lowered, phrase)
        if position < 0:
            continue
        org = next((o for o in reading.orgs if reading.tokens[o.start].start > position), None)
        who = next((m for m in subjects if reading.tokens[m.start].start < position), None)
        if org and who:
            reading.affiliations.append(AffiliationClaim(
                who.key, org.key, "undercover",
                reading.text[reading.tokens[who.start].start:reading.tokens[org.end - 1].end + 1].strip(), "",
                reading.tokens[who.start].start))


def _leader_phrases(reading: Reading, lex: Lexicon, lowered: str, subjects: list) -> None:
    """'X leitet die Abteilung des MI5', 'unter der Leitung von X', 'X heads the CIA'."""
    leader = [p.casefold() for p in lex.language.phrases("status_words", "leader")]
    commands = [p.casefold() for p in lex.language.phrases("commanded_by", "phrases")]
    prepositions = lex.function_words.leader_prepositions
    for phrase in leader:
        position = find_phrase(lowered, phrase)
        if position < 0 or not reading.orgs and not any(word in phrase for word in prepositions):
            continue
        if phrase.endswith(tuple(" " + word for word in prepositions)):
            who = next((m for m in subjects if reading.tokens[m.start].start > position), None)
            org = _nearest_org(reading, position)
        else:
            who = next((m for m in reversed(subjects) if reading.tokens[m.start].start < position), None)
            # "X leitet die Anti-Terror-Abteilung des MI5": the organisation is the verb's object
            org = next((o for o in reading.orgs if 0 <= reading.tokens[o.start].start - position <= 60), None)
            if org is None and not phrase.startswith(lex.function_words.possessive_phrases):
                continue
        if who is None:
            continue
        org_key = org.key if org is not None else ""
        # "Mara is put under the command of Dan Rusk": he commands her, which makes him no head of anything,
        # and a member of the organisation at hand only when his own words name none
        command = phrase in commands and commanded(reading, position, position + len(phrase), lex)
        if command and (who.org or any(a.character == who.key for a in reading.affiliations)):
            continue
        status = "current" if command else "leader"
        if not any(a.character == who.key and a.org == org_key for a in reading.affiliations):
            edges = [position, reading.tokens[who.start].start, reading.tokens[who.end - 1].end]
            if org is not None:
                edges += [reading.tokens[org.start].start, reading.tokens[org.end - 1].end]
            reading.affiliations.append(AffiliationClaim(
                who.key, org_key, status, reading.text[min(edges):max(edges)], "", reading.tokens[who.start].start))


def _undercover_role(reading: Reading, mention, lex: Lexicon) -> bool:
    """'Undercover-Ermittlerin der X', 'an undercover agent of X': the role, or the word right before it, says so."""
    words = tuple(w.casefold() for w in lex.language.phrases("status_words", "undercover_roles"))
    if not words or not mention.role:
        return False
    if mention.role.casefold().startswith(tuple(w for w in words if w.endswith("-"))):
        return True
    role_at = next((t.i for t in reading.tokens if t.text == mention.role and abs(t.i - mention.start) <= 8), None)
    return role_at is not None and any(t.text.casefold() in words for t in reading.tokens[max(0, role_at - 3):role_at])


def _deputy(reading: Reading, mention, lex: Lexicon) -> bool:
    """'Vizedirektor', 'der stellvertretende Chef', 'deputy director': a deputy's role is no leader's."""
    deputy = tuple(w.casefold() for w in lex.language.phrases("status_words", "deputy"))
    if not deputy:
        return False
    if mention.role.casefold().startswith(deputy):
        return True
    role_at = next((t.i for t in reading.tokens if t.text == mention.role and abs(t.i - mention.start) <= 8), None)
    return role_at is not None and role_at > 0 and reading.tokens[role_at - 1].text.casefold() in deputy


def _nearest_org(reading: Reading, position: int) -> OrgMention | None:
    best = None
    for org in reading.orgs:
        distance = abs(reading.tokens[org.start].start - position)
        if best is None or distance < best[0]:
            best = (distance, org)
    return best[1] if best else None


PASS = Pass("affiliations", read_affiliations, reads=("tokens", "mentions", "orgs"), writes=("affiliations",))
