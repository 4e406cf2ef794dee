"""Roles and affiliations: who belongs to, leads, left or works undercover in which organisation."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from toolkit.claims import AffiliationClaim
from toolkit.names import fold
from toolkit.nlp import Token, find_phrase, is_initial
from toolkit.organisations import OrgMention

if TYPE_CHECKING:
    from toolkit.extract import Lexicon, Mention, Reading


def _window_before(reading: Reading, mention: Mention, size: int = 4) -> list[Token]:
    tokens = reading.tokens
    out = []
    k = mention.start - 1
    while k >= 0 and len(out) < size:
        if tokens[k].text in (".", ";", "(", ")") and not (k > 0 and is_initial(tokens, k - 1)):
            break
        out.append(tokens[k])
        if tokens[k].text == ",":
            break
        k -= 1
    return out


def describe(reading: Reading, mention: Mention, lex: Lexicon) -> None:
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


def read_affiliations(reading: Reading, lex: Lexicon) -> None:
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
                mention.key, mention.org, status, evidence_of(reading, mention), mention.role,
                reading.tokens[mention.start].start))
    subjects = [m for m in reading.mentions if not m.genitive]
    # "X leitet die Abteilung des MI5", "unter der Leitung von X", "X heads the CIA"
    for phrase in leader:
        position = find_phrase(lowered, phrase)
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
    _memberships(reading, lex)


def _nearest_org(reading: Reading, position: int) -> OrgMention | None:
    best = None
    for org in reading.orgs:
        distance = abs(reading.tokens[org.start].start - position)
        if best is None or distance < best[0]:
            best = (distance, org)
    return best[1] if best else None


def evidence_of(reading: Reading, mention: Mention) -> str:
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
