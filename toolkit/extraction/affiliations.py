"""Roles and affiliations: who belongs to, leads, left or works undercover in which organisation."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.extraction.claims import AffiliationClaim
from toolkit.model.names import fold, slugify
from toolkit.text.nlp import Token, dictionary_form, find_phrase, is_initial
from toolkit.extraction.organisations import OrgMention
from toolkit.model.story import Affiliation, Character, Organisation, ReviewItem, Story

if TYPE_CHECKING:
    from toolkit.extraction.extract import Lexicon, Mention, Reading
    from toolkit.text.language import Language
    from toolkit.text.synopsis import Sentence


def reading_abbreviations(lex: Lexicon) -> frozenset[str]:
    """'Sgt.', 'Dr.': a full stop that ends a title, not a sentence."""
    return lex.language.words("abbreviations")


def _window_before(reading: Reading, mention: Mention, lex: Lexicon, size: int = 4) -> list[Token]:
    tokens = reading.tokens
    out = []
    k = mention.start - 1
    while k >= 0 and len(out) < size:
        abbreviation = k > 0 and tokens[k - 1].text + "." in reading_abbreviations(lex)
        if tokens[k].text in (".", ";", "(", ")") and not (k > 0 and is_initial(tokens, k - 1)) and not abbreviation:
            break
        out.append(tokens[k])
        if tokens[k].text == ",":
            break
        k -= 1
    return out


def describe(reading: Reading, mention: Mention, lex: Lexicon) -> None:
    """Role, organisation and status from the words right before and after a name."""
    tokens = reading.tokens
    before = _window_before(reading, mention, lex)
    status_words = [w.casefold() for w in lex.status_former]
    for token in before:
        if token.text == ",":
            break
        if token.text == ".":  # the full stop of "Sgt.", kept in the window only after an abbreviation
            continue
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
            ex_org = next((o for o in reading.orgs if o.start == token.i and not o.role), None)
            if ex_org is not None and mention.role and not mention.org:  # "an ex-NSA agent named Corbin"
                mention.org = ex_org.key
            continue
        parts = word.split("-")
        org = next((o for o in reading.orgs if o.start == token.i and o.role), None)
        role_word = org.role if org else word
        if any(folded.startswith(s) for s in status_words if s.endswith("-")):
            mention.status = "former"
            role_word = "-".join(parts[1:]) if len(parts) > 1 else role_word
        role = role_of(role_word, lex)
        if role is None and org is not None and not _non_member(role_word, lex):
            role = {"member": True}  # "KGB-Mann Grigor", "CIA man Reed": any person noun joined to an agency
        kinship = folded in lex.relations and before.index(token) + 1 < len(before) and \
            before[before.index(token) + 1].text.casefold() in lex.possessives
        if role is not None and not mention.role and not kinship:
            mention.role = role_word
            if org:
                mention.org = org.key
            continue
        if role is not None and org is not None and not mention.org:  # "Stasi-Spitzel und Doppelagent X"
            mention.org = org.key
            continue
        # "Stasi-Spitzel und Doppelagent Sternau", "an ex-NSA agent named Corbin"
        if mention.role and folded in _words(lex).coordinators or folded in _words(lex).name_words and token.i == mention.start - 1:
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
        earlier = None  # "Harry Fenwick, a British intelligence officer"
        for token in after[2:]:
            inside = next((o for o in reading.orgs if o.start <= token.i < o.end), None)
            if inside is not None:
                earlier = earlier or inside
                continue
            role = role_of(token.text, lex)
            if role is not None:
                org = earlier or next((o for o in reading.orgs if token.i < o.start <= token.i + 3), None)
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
    if mention.role and not mention.org:
        mention.org = _implied_organisation(reading, mention, before, lex)


@dataclass(frozen=True)
class _Words:
    coordinators: frozenset[str]
    name_words: frozenset[str]  # "named", "namens": a name follows
    compound_suffixes: tuple[str, ...]  # role nouns that end a compound ("Doppelagent"), longest first
    non_members: tuple[str, ...]


_WORDS: dict[str, _Words] = {}


def _words(lex: Lexicon) -> _Words:
    code = lex.language.code
    if code not in _WORDS:
        data = lex.language.data.get("affiliations") or {}
        suffixes = sorted((k for k in lex.roles_folded if len(k) >= 5), key=len, reverse=True) \
            if data.get("compound_roles") else []
        _WORDS[code] = _Words(frozenset(w.casefold() for w in data.get("coordinators") or ()),
                              frozenset(w.casefold() for w in data.get("name_words") or ()),
                              tuple(suffixes), tuple(w.casefold() for w in data.get("non_members") or ()))
    return _WORDS[code]


def role_of(word: str, lex: Lexicon) -> dict | None:
    """The role a word names, also as the last part of a compound: 'Doppelagent', 'Geheimdienstagenten'."""
    role = lex.role(word) or lex.role(word.split("-")[-1])
    if role is None and word[:1].isupper() and lex.language.code == "de":
        role = lex.role(dictionary_form(word, lex.language))  # "Agentinnen" -> "Agentin"
    if role is not None or not _words(lex).compound_suffixes:
        return role
    folded = word.casefold()
    # "Polizeifotograf": a compound that opens with an organisation a role implies
    for kind, name in lex.language.implied_organisations.items():
        if folded.startswith(name.casefold()) and len(folded) - len(name) >= 4:
            return {"member": True, "implies": kind}
    for suffix in _words(lex).compound_suffixes:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
            return lex.roles_folded.get(suffix)
    return None


def _non_member(word: str, lex: Lexicon) -> bool:
    """A prisoner, source, contact, applicant or accused is linked to an organisation without belonging."""
    folded = word.casefold()
    return any(folded == w or folded.endswith(w) for w in _words(lex).non_members)


def _implied_organisation(reading: Reading, mention: Mention, before: list[Token], lex: Lexicon) -> str:
    """An organisation a role implies: a police rank, or a nation's unnamed service ("der französische Agent")."""
    role = role_of(mention.role, lex) or {}
    if role.get("implies") in lex.language.implied_organisations:
        return lex.language.implied_organisations[role["implies"]]
    if not role.get("service"):
        return ""
    for token in before:
        if token.text == mention.role or token.text == ",":
            continue
        nation = nationality(token, lex)
        if nation:
            return lex.language.unnamed_service.format(nation=nation)
        if not (token.word and token.tag.startswith(("ADJ", "AJ", "ART", "AT"))):
            break
    return ""


def nationality(token: Token, lex: Lexicon) -> str:
    """'französischen' -> 'französischer' (the form an unnamed service is named in), 'British' -> 'British'."""
    endings = tuple(lex.language.nationality_endings)
    lemma = token.lemma if token.lemma and token.lemma[:1].islower() == token.text[:1].islower() else token.text
    if token.tag.startswith(("ADJ", "AJ", "NP")) and (lemma.casefold().endswith(endings) or
                                                      lemma.casefold() in lex.language.lower_words("nationalities")):
        base = lemma if lex.language.code != "de" else lemma.casefold()
        return base + lex.language.data.get("nationality_inflection", "")
    return ""


def read_affiliations(reading: Reading, lex: Lexicon) -> None:
    language = lex.language
    lowered = reading.text.lower()
    undercover = [p.casefold() for p in language.phrases("status_words", "undercover")]
    leader = [p.casefold() for p in language.phrases("status_words", "leader")]
    left = [p.casefold() for p in language.phrases("status_words", "left")]
    for mention in reading.mentions:
        role = role_of(mention.role, lex) or {}
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


_STATUS_RANK = {"unknown": 0, "current": 1, "undercover": 2, "leader": 3, "former": 4}


def fill_affiliations(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]], story: Story,
                      language: Language) -> None:
    """Affiliations of the characters from the claims; organisations only a claim names join the story."""
    org_names = {fold(n): o.id for o in story.organisations for n in (o.id, *o.names)}
    last_affiliated: list[str] = []
    for _, reading in readings:
        for claim in reading.affiliations:
            character = by_key.get(claim.character)
            if character is None:
                continue
            org = org_names.get(fold(claim.org)) or (_new_organisation(claim.org, story, language, org_names)
                                                     if claim.org else "")
            if not org:
                # "seine Eliteagenten unter der Leitung von X": the group of the one they answer to
                boss = next((by_key[k] for k in reversed(last_affiliated) if k != claim.character
                             and by_key[k].affiliations), None)
                if boss is None:
                    continue
                org = boss.affiliations[0].org
            title = dictionary_form(claim.title, language) if claim.title else ""
            add_affiliation(character, Affiliation(org, claim.status, title, claim.evidence))
        for mention in reading.mentions:
            if mention.key in by_key:
                last_affiliated.append(mention.key)
    # a cover name that is an organisation's name: "John Reed, alias Agent X"
    for character in by_key.values():
        for alias in character.aliases:
            org = org_names.get(fold(alias))
            if org and not any(a.org == org for a in character.affiliations):
                add_affiliation(character, Affiliation(org, "current", "", f"alias {alias}"))


def _new_organisation(name: str, story: Story, language: Language, org_names: dict[str, str]) -> str:
    """An organisation only a role implies ("Polizei") or an unnamed service ("britischer Geheimdienst")."""
    implied = {v.casefold(): k for k, v in language.implied_organisations.items()}
    record = Organisation(id=slugify(name), name=name, kind=implied.get(name.casefold(), "agency"))
    story.organisations.append(record)
    org_names[fold(name)] = record.id
    return record.id


def add_affiliation(character: Character, affiliation: Affiliation) -> None:
    """One affiliation per organisation: the stronger status wins, the first title and evidence stay."""
    for i, existing in enumerate(character.affiliations):
        if existing.org == affiliation.org:
            if _STATUS_RANK[affiliation.status] > _STATUS_RANK[existing.status]:
                character.affiliations[i] = Affiliation(affiliation.org, affiliation.status,
                                                        existing.title or affiliation.title,
                                                        affiliation.evidence or existing.evidence)
            return
    character.affiliations.append(affiliation)


def shared_affiliations(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]],
                        where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """'ihre Kollegin Tilda': a colleague belongs where the other works, when the other works in one place
    only. A reading by implication, so it is also put up for review."""
    review = []
    for sentence, reading in readings:
        for relation in reading.relations:
            if relation.type != "colleague_of":
                continue
            member, other = relation.source, relation.target
            if member not in by_key or other not in by_key or member == other:
                continue
            shared = [a for a in by_key[other].affiliations if a.status != "former"]
            if len(shared) == 1 and not any(a.org == shared[0].org for a in by_key[member].affiliations):
                by_key[member].affiliations.append(Affiliation(shared[0].org, "current", "", relation.evidence))
                review.append(ReviewItem.of("implied_affiliation", where(sentence), case="shared", member=member,
                                            org=shared[0].org, other=other, evidence=relation.evidence))
            elif len(shared) > 1:  # which of them is not said: the bible keeps none
                review.append(ReviewItem.of("implied_affiliation", where(sentence), case="either", member=member,
                                            orgs=[a.org for a in shared], other=other, evidence=relation.evidence))
    return review


def _ends_with_words(text: str, words: str) -> bool:
    return not words or (text.endswith(words) and (len(text) == len(words) or not text[-len(words) - 1].isalnum()))


def _starts_with_words(text: str, words: str) -> bool:
    return not words or (text.startswith(words) and (len(text) == len(words) or not text[len(words)].isalnum()))


def _memberships(reading: Reading, lex: Lexicon) -> None:
    """'Lisa, wieder zurück beim BKA', 'Lisa, who used to work for MI6': phrases around an organisation
    that make the person named before them (in the clause, or the one a relative clause or an
    apposition is about) a member, or a former one, where no verb of work says so."""
    tokens = reading.tokens
    adverbs = "|".join(re.escape(fold(w)) for w in lex.language.phrases("membership_phrases", "adverbs"))
    skip = re.compile(rf"(?<!\w)(?:{adverbs})\s+") if adverbs else None
    for status in ("former", "current"):  # "used to work for" before "work for"
        for phrase in lex.language.phrases("membership_phrases", status):
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
                if who is None:
                    continue
                claimed = [a for a in reading.affiliations if a.character == who.key and a.org == org.key]
                if status == "former":  # "used to work for": a verb of work alone took it as current
                    reading.affiliations[:] = [a for a in reading.affiliations if a not in claimed]
                elif claimed:
                    continue
                reading.affiliations.append(AffiliationClaim(
                    who.key, org.key, status, reading.text[tokens[who.start].start:tokens[org.end - 1].end], "",
                    tokens[who.start].start))


def ranks_like_the_rest(by_key: dict[str, Character], readings: list[tuple[Sentence, Reading]], story: Story,
                        lex: Lexicon, where: Callable[[Sentence], str]) -> list[ReviewItem]:
    """'Sgt. Crane' in a story whose other ranks are police ranks serves in the police too; a sergeant of
    a story with no such ranks could be a soldier, so nothing is said. Put up for review."""
    names = {name.casefold() for name in lex.language.implied_organisations.values()}
    implied = {o.id for o in story.organisations if o.name.casefold() in names
               and any(a.org == o.id for c in by_key.values() for a in c.affiliations)}
    if len(implied) != 1:
        return []
    org = next(iter(implied))
    review = []
    for sentence, reading in readings:
        for mention in reading.mentions:
            character = by_key.get(mention.key)
            if character is None or character.affiliations or mention.org or not mention.role \
                    or (role_of(mention.role, lex) or {}).get("implies") != "rank":
                continue
            character.affiliations.append(Affiliation(org, "current", mention.role, evidence_of(reading, mention)))
            review.append(ReviewItem.of("implied_affiliation", where(sentence), case="rank", member=mention.key,
                                        org=org, evidence=evidence_of(reading, mention)))
    return review
