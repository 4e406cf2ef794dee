"""Affiliations that a clause states with a verb or a list rather than a title before a name.

"Sie arbeitet für die CIA", "who works at the NSA", "Sternau wird von der Stasi rekrutiert" (status
unknown), "3 Mossad agents: Noa, Jörg and David", "vier weitere Agenten, darunter Gus und Jens"
(the organisation of the one who gets them), "Die CIA schickt ihren Spürhund Harlow", "Quill and his
CIA team".
"""
from __future__ import annotations

from toolkit.extraction.document import (
    AffiliationClaim,
    Mention,
    OrgMention,
    Pass,
    Reading,
    Relation,
)
from toolkit.extraction.grammar import (
    after_aside,
    after_preposition,
    clause_subject,
    describes_person,
    is_genitive,
    non_member,
    owned_noun_before,
    relative_pronoun,
    role_of,
)
from toolkit.extraction.lexicon import (
    Lexicon,
    MembershipWords,
)
from toolkit.text import tags
from toolkit.text.nlp import Token


def read_memberships(reading: Reading, lex: Lexicon) -> None:
    """Affiliation claims from work and recruiting verbs, lists of agents and an organisation's possessive."""
    words = lex.membership_words
    _working_for(reading, lex, words)
    _recruited(reading, lex, words)
    _recruited_for(reading, lex, words)
    _sent_by(reading, lex, words)
    _copula_noun_at(reading, lex, words)
    _set_to_work(reading, lex)
    _listed_members(reading, lex, words)
    _organisation_possessive(reading, lex, words)
    _one_of_theirs(reading, lex, words)
    _own_group(reading, lex)
    _organisation_relation(reading, lex)
    _own_people_at(reading, lex, words)


def _claim(reading: Reading, person: Mention, org: str, status: str, start: int, end: int) -> None:
    if person.uncertain or any(a.character == person.key and a.org == org for a in reading.affiliations):
        return
    tokens = reading.tokens
    first, last = min(start, person.start), max(end, person.end) - 1
    reading.affiliations.append(AffiliationClaim(person.key, org, status,
                                                 reading.text[tokens[first].start:tokens[last].end], "",
                                                 tokens[person.start].start))


def _preposition_before(reading: Reading, words: MembershipWords, i: int) -> str:
    """'member' for "für die CIA", "at the NSA"; 'team' for "a team of CIA operatives"; else ''."""
    tokens = reading.tokens
    k = _phrase_start(tokens, i) - 1
    if k < 0:
        return ""
    if tokens[k].text.casefold() in words.team_prepositions and k > 0 \
            and tokens[k - 1].text.casefold() in words.team_nouns:
        return "team"
    return "member" if tokens[k].text.casefold() in words.member_prepositions else ""


def _phrase_start(tokens: list[Token], i: int) -> int:
    """The first token of the noun phrase whose head starts at i: past its articles, adjectives and quotes."""
    k = i - 1
    while k >= 0 and (tokens[k].word and (tags.is_article(tokens[k].tag) or tags.is_adjective(tokens[k].tag))
                      or not tokens[k].word and tokens[k].text in "\"„“”»«"):  # 'works for "X Holdings"'
        k -= 1
    return k + 1


def _word_before(tokens: list[Token], i: int) -> str:
    """The word before the noun phrase at i, folded ("für" of "für den russischen Dienst"), or ''."""
    k = _phrase_start(tokens, i) - 1
    return tokens[k].text.casefold() if k >= 0 else ""


def _working_for(reading: Reading, lex: Lexicon, words: MembershipWords) -> None:
    """'arbeitet für die CIA', 'der auch für die CIA tätig ist', 'works at the NSA'; a verbless clause after
    one such clause continues it: 'offiziell in der Botschaft, inoffiziell jedoch für die CIA'."""
    tokens = reading.tokens

    def has_work_verb(clause: int) -> bool:
        return any(t.text.casefold() in words.work_verbs
                   or words.may_be_verb(t) and t.lemma.casefold() in words.work_verbs
                   for t in tokens if t.clause == clause)

    working_clauses: set[int] = set()  # clauses of an organisation someone works for
    for org in reading.orgs:
        preposition = _preposition_before(reading, words, org.start)
        if not preposition:
            continue
        clause = tokens[org.start].clause
        in_clause = [t for t in tokens if t.clause == clause]
        # "that his brother works for": the brother's, whom coreference may have found
        owned = [k for t in in_clause if t.text.casefold() in words.work_verbs
                 for k in [owned_noun_before(reading, t.i)] if k is not None]
        works = preposition == "team" or has_work_verb(clause)
        verbless = not any(t.tag in words.finite_tags for t in in_clause)
        if not works and not (verbless and (clause - 1 in working_clauses or has_work_verb(clause - 1))):
            continue
        working_clauses.add(clause)
        person = next((m for m in reading.mentions if m.start <= owned[0] < m.end), None) if owned \
            else clause_subject(reading, clause, words)
        purpose = in_clause[0].text.casefold() in _purpose_openers(lex)
        if person is not None and not any(t.reported and not purpose for t in in_clause[:1]):
            _claim(reading, person, org.key, "current", org.start, org.end)


def _purpose_openers(lex: Lexicon) -> frozenset[str]:
    """'um' of "um im Dezernat 12 zu ermitteln": an infinitive clause that says what its subject does."""
    return frozenset(w.casefold() for w in lex.language.section("memberships").get("purpose_openers") or ())


def _recruited(reading: Reading, lex: Lexicon, words: MembershipWords) -> None:
    """'X wird von der Stasi rekrutiert', 'recruited by the KGB': linked, status unknown."""
    if not reading.orgs:
        return
    tokens = reading.tokens
    for token in tokens:
        if token.text.casefold() not in words.recruit_verbs and not (
                words.may_be_verb(token) and token.lemma.casefold() in words.recruit_verbs):
            continue
        # "von der Stasi rekrutiert", "von CIA-Mann Kessel (…) rekrutiert": no other verb in between
        org = next((o for o in reading.orgs if o.start > 0 and (token.i < o.start <= token.i + 3 or o.start < token.i
                    and not any(t.tag in words.finite_tags for t in tokens[o.end:token.i]))
                    and any(t.text.casefold() in words.agent_prepositions for t in tokens[max(0, o.start - 3):o.start])),
                   None)
        person = clause_subject(reading, token.clause, words)
        if org is not None and person is not None and person.start < org.start:
            _claim(reading, person, org.key, "unknown", org.start, org.end)


def _words(lex: Lexicon, key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in lex.language.section("memberships").get(key) or ())


def _is_verb(token: Token, words: MembershipWords, verbs: frozenset[str]) -> bool:
    return token.text.casefold() in verbs or words.may_be_verb(token) and token.lemma.casefold() in verbs


def _unfinished(reading: Reading, verb: Token, lex: Lexicon) -> bool:
    """'soll Tom anwerben', 'tries to recruit': the verb's clause only wants, tries or plans it."""
    unfinished = _words(lex, "unfinished")
    return any(t.text.casefold() in unfinished for t in reading.tokens[:verb.i] if t.clause == verb.clause)


def _object_after(reading: Reading, words: MembershipWords, clause: int, start: int, end: int,
                  other: Mention | None) -> Mention | None:
    """The first person of the clause between start and end who is not `other`, in no phrase of their own."""
    tokens = reading.tokens
    return next((m for m in reading.mentions if tokens[m.start].clause == clause and start <= m.start < end
                 and (other is None or m.key != other.key) and not is_genitive(m)
                 and not after_preposition(reading, m, words)), None)


def _recruited_for(reading: Reading, lex: Lexicon, words: MembershipWords) -> None:
    """'Lutz rekrutierte Tom für den Dienst', 'der Tom als Kind für den Dienst anwarb', 'Quist recruited Ivy
    for the Bureau': the one recruited and the recruiter are linked to it (status unknown)."""
    tokens = reading.tokens
    prepositions = _words(lex, "recruit_prepositions")
    for token in tokens:
        if not _is_verb(token, words, words.recruit_verbs) or _unfinished(reading, token, lex):
            continue
        clause = token.clause
        in_clause = [t for t in tokens if t.clause == clause]
        org = next((o for o in reading.orgs if tokens[o.start].clause == clause
                    and _word_before(tokens, o.start) in prepositions), None)
        if org is None:
            continue
        agent = next((t for t in in_clause if t.text.casefold() in words.agent_prepositions), None)
        if agent is not None:  # "Tom wird von Lutz für den Dienst angeworben"; "von der Stasi" is _recruited's
            recruited = clause_subject(reading, clause, words)
            recruiter = next((m for m in reading.mentions if m.start == agent.i + 1 and not m.via), None)
        else:
            recruiter = clause_subject(reading, clause, words)
            start = recruiter.end if recruiter is not None and tokens[recruiter.start].clause == clause else in_clause[0].i
            recruited = _object_after(reading, words, clause, start, org.start, recruiter)
        if recruiter is None or recruited is None or recruiter.key == recruited.key:
            continue
        _claim(reading, recruited, org.key, "unknown", min(recruiter.start, recruited.start), org.end)
        _claim(reading, recruiter, org.key, "unknown", recruiter.start, org.end)


def _sent_by(reading: Reading, lex: Lexicon, words: MembershipWords) -> None:
    """'wird vom Amt nach Kairo beordert', 'is sent by the Bureau to Cairo', 'Das Amt schickt Tom nach Kairo':
    the one an organisation sends somewhere is its member; not the one it sends home or to prison."""
    tokens = reading.tokens
    verbs, nowhere = _words(lex, "sending_verbs"), _words(lex, "sent_nowhere")
    for token in tokens:
        if not _is_verb(token, words, verbs) or _unfinished(reading, token, lex):
            continue
        clause = token.clause
        in_clause = [t for t in tokens if t.clause == clause]
        if any(t.text.casefold() in nowhere for t in in_clause) or not any(
                t.tag in words.preposition_tags and t.text.casefold() not in words.agent_prepositions
                for t in in_clause):
            continue  # sent away, or sent nowhere the clause names
        orgs = [o for o in reading.orgs if tokens[o.start].clause == clause]
        org = next((o for o in orgs if _word_before(tokens, o.start) in words.agent_prepositions), None)
        if org is not None:  # the passive: the clause's subject is the one sent
            person = clause_subject(reading, clause, words)
            if person is not None and person.start < org.start:
                _claim(reading, person, org.key, "current", person.start, org.end)
            continue
        # the active: the organisation opens the clause, the one sent follows the verb
        org = next((o for o in orgs if o.end <= token.i and _phrase_start(tokens, o.start) == in_clause[0].i), None)
        person = _object_after(reading, words, clause, token.i + 1, in_clause[-1].i + 1, None) if org else None
        where = after_aside(tokens, person.end) if person is not None else len(tokens)
        # "schickt Tom nach Wien": a destination right after the one sent ("sends Tom a letter with …" is none)
        if org is not None and where < len(tokens) and tokens[where].tag in words.preposition_tags:
            _claim(reading, person, org.key, "current", org.start, person.end)


def _set_to_work(reading: Reading, lex: Lexicon) -> None:
    """'the Bureau has him tailing Quist': an organisation right before a causative verb, then the one it has
    watch, follow or guard for it (a verb of that work right after them) is its member."""
    tokens = reading.tokens
    causing, doing = _words(lex, "causative_verbs"), _words(lex, "set_to_verbs")
    if not causing:
        return
    for org in reading.orgs:
        k = org.end
        if k + 2 >= len(tokens) or tokens[k].text.casefold() not in causing:
            continue
        person = next((m for m in reading.mentions if m.start == k + 1 and not is_genitive(m)), None)
        if person is not None and person.end < len(tokens) and tokens[person.end].text.casefold() in doing:
            _claim(reading, person, org.key, "current", org.start, person.end + 1)


def _copula_noun_at(reading: Reading, lex: Lexicon, words: MembershipWords) -> None:
    """'Lena ist der Nachwuchsstar am Stadttheater', 'Ada is a dancer at the Hadley Institute': a copula, a
    person noun and a preposition of membership before the organisation; not a patient's or a guest's."""
    tokens = reading.tokens
    endings, visitors = tuple(_words(lex, "person_nouns_at")), tuple(_words(lex, "visitor_nouns"))
    for org in reading.orgs:
        k = _phrase_start(tokens, org.start) - 1
        if k < 3 or tokens[k].text.casefold() not in words.member_prepositions:
            continue
        noun = tokens[k - 1]
        folded = noun.text.casefold()
        if not (describes_person(noun, lex) or noun.word and folded.endswith(endings)) \
                or non_member(noun.text, lex) or folded.endswith(visitors):
            continue
        copula = tokens[_phrase_start(tokens, noun.i) - 1]
        if copula.i >= noun.i or copula.lemma not in lex.function_words.copulas:
            continue
        person = next((m for m in reading.mentions if after_aside(tokens, m.end) == copula.i and not is_genitive(m)), None)
        if person is not None:
            status = "former" if copula.text.casefold() in lex.function_words.past_copulas else "current"
            _claim(reading, person, org.key, status, person.start, org.end)


def _listed_members(reading: Reading, lex: Lexicon, words: MembershipWords) -> None:
    """'3 Mossad agents: Noa, Jörg, and David', 'vier weitere Agenten, darunter Gus'."""
    tokens = reading.tokens
    for token in tokens:
        if token.text.casefold() not in words.list_openers and not _team_apposition(reading, token, words, lex):
            continue
        k = token.i - 1
        if k >= 0 and tokens[k].text == "," and token.text != ",":
            k -= 1
        if k < 0 or not (_member_noun(tokens[k].text, lex) or _colleague_noun(tokens[k].text, lex)
                         or tokens[k].text.casefold() in words.team_nouns):
            org = next((o for o in reading.orgs if o.start == k and o.role), None)
            if org is None or not (role_of(org.role, lex) or {}).get("member"):
                continue
        noun = tokens[k]
        # "Ted and his team, Paul and Anna": a person's team is no organisation the list is of
        org = next((o for o in reading.orgs if (o.start <= noun.i < o.end or o.end == noun.i) and o.kind != "team"), None)
        more = any(t.text.casefold() in words.more_words for t in tokens[max(0, k - 3):k])
        owner = _possessor(reading, k, words, lex) if org is None and not more else None
        if owner is not None:  # "his most senior officers: A, B"
            org = _possessor_organisation(reading, owner)
            if org is None:  # the owner's organisation is the story's to say: they are the owner's colleagues
                for person in listed_names(reading, token.i, lex, words):
                    if person.key != owner.key:
                        reading.relations.append(Relation(person.key, "colleague_of", owner.key,
                                                          reading.span(noun.i, person.end)))
                continue
        if org is None and not more:
            continue
        listed = listed_names(reading, token.i, lex, words)
        for person in listed:
            # "weitere Agenten": the organisation of the one who has them, settled when the story is built
            _claim(reading, person, org.key if org else "", "current", noun.i, noun.i + 1)
        owner = clause_subject(reading, noun.clause, words)
        if more and owner is not None and owner.start < noun.i:
            # "Zur Unterstützung erhält Ilan vier weitere Agenten, darunter Gus": his team
            for person in listed:
                reading.relations.append(Relation(person.key, "partner_of", owner.key,
                                                  reading.span(owner.start, person.end)))


def _team_apposition(reading: Reading, comma: Token, words: MembershipWords, lex: Lexicon) -> bool:
    """'sein Team, Paul und Anna, …', 'his team, Paul and Anna': a comma after someone's team noun."""
    tokens = reading.tokens
    k = comma.i - 1
    return comma.text == "," and k > 0 and tokens[k].text.casefold() in words.team_nouns \
        and any(t.text.casefold() in lex.possessives for t in tokens[max(0, k - 3):k])


def _colleague_noun(word: str, lex: Lexicon) -> bool:
    """'Kollegen', 'colleagues': those who work where the other does."""
    folded = word.casefold()
    return any((lex.relations.get(w) or {}).get("type") == "colleague_of" for w in (folded, folded[:-1]))


def _member_noun(word: str, lex: Lexicon) -> bool:
    """A role noun of a member, also in the plural: 'Agenten', 'officers'."""
    return bool((role_of(word, lex) or {}).get("member")
                or word.endswith("s") and (role_of(word[:-1], lex) or {}).get("member"))


def _possessor(reading: Reading, noun: int, words: MembershipWords, lex: Lexicon) -> Mention | None:
    """'Control chairs a meeting of his most senior officers: …': the subject of the clause, when a
    possessive before the role noun is theirs; None otherwise."""
    tokens = reading.tokens
    possessive = next((t for t in reversed(tokens[max(0, noun - 4):noun]) if t.text.casefold() in lex.possessives), None)
    if possessive is None:
        return None
    # the one the possessive stands for; the subject of the clause when coreference did not read it
    resolved = next((m for m in reading.mentions if m.start == possessive.i and m.via), None)
    owner = clause_subject(reading, tokens[noun].clause, words)
    if owner is None or owner.start > possessive.i:
        owner = resolved
    if owner is None or owner.uncertain or resolved is not None and (resolved.uncertain or resolved.key != owner.key):
        return None
    return owner


def _possessor_organisation(reading: Reading, owner: Mention) -> OrgMention | None:
    """The organisation named in the sentence that the owner's name carries ("Control, the head of MI6");
    the subject may be the possessive itself, once coreference has read it."""
    org = next((m.org for m in reading.mentions if m.key == owner.key and m.org and not m.via), "")
    return next((o for o in reading.orgs if o.key == org), None) if org else None


def listed_names(reading: Reading, opener: int, lex: Lexicon, words: MembershipWords) -> list[Mention]:
    """The names of a list after `opener`, up to the first stretch that is no longer a list ("who went …")."""
    tokens = reading.tokens
    listed: list[Mention] = []
    previous_end = opener + 1
    for mention in reading.mentions:
        if mention.start <= opener or mention.genitive or mention.via or mention.after_place_preposition:
            continue
        if listed and mention.after_place_preposition:  # "Bombenbauer Ruud aus Gent sowie …": where one is from
            continue
        if mention.start < previous_end:  # a name inside the performer's parentheses just passed over
            continue
        between = tokens[previous_end:mention.start]
        joined = not listed or any(t.text in (",", ";") or t.text.casefold() in words.coordinators
                                   for t in between)
        if not joined or any(t.tag in words.finite_tags or relative_pronoun(t, words) or t.text in (".", "(")
                             for t in between):
            break
        listed.append(mention)
        previous_end = after_aside(tokens, mention.end)  # "Perrin Vale (Ann Roe), Bram Rook": past the performer
    return listed


def _organisation_possessive(reading: Reading, lex: Lexicon, words: MembershipWords) -> None:
    """'Die CIA … schickt ihren Spürhund Harlow': a possessive whose clause is said of an organisation;
    'Quill and his CIA team': a person and the organisation's team that is theirs."""
    tokens = reading.tokens
    # looked up by position, so a long sentence with many possessives takes time in proportion to it
    by_start: dict[int, list[tuple[int, Mention]]] = {}
    for order, mention in enumerate(reading.mentions):
        by_start.setdefault(mention.start, []).append((order, mention))
    first_plain = min((m.start for m in reading.mentions if not m.genitive and not m.via), default=len(tokens))
    opening_orgs = [o for o in reading.orgs if tokens[o.start].clause == 0 or o.start == 0]
    for token in tokens:
        if token.text.casefold() not in lex.possessives:
            continue
        resolved = by_start.get(token.i, [(0, None)])[0][1]
        near = [(order, m) for k in range(token.i + 1, token.i + 5) for order, m in by_start.get(k, ()) if not m.via]
        after = min(near, key=lambda entry: entry[0])[1] if near else None
        subject_org = next((o for o in opening_orgs if o.end <= token.i), None) if first_plain >= token.i else None
        if after is not None and subject_org is not None and (resolved is None or resolved.uncertain):
            _claim(reading, after, subject_org.key, "current", subject_org.start, after.end)
            continue
        team = next((o for o in reading.orgs if o.start == token.i + 1 and o.end < len(tokens)
                     and tokens[o.end].text.casefold() in words.team_nouns), None)
        if team is not None and resolved is not None and not resolved.uncertain:
            person = next((m for m in reading.mentions if m.key == resolved.key and not m.via), resolved)
            _claim(reading, person, team.key, "current", token.i, team.end + 1)


def _one_of_theirs(reading: Reading, lex: Lexicon, words: MembershipWords) -> None:
    """'Nora Kell, eine ihrer besten Agentinnen', 'Reed, one of his agents': a colleague of the possessor."""
    tokens = reading.tokens
    for mention in reading.mentions:
        k = after_aside(tokens, mention.end)  # "Vera Stahl (Anna Lindqvist), eine seiner Topagentinnen"
        if mention.via or k + 2 >= len(tokens) or tokens[k].text != "," \
                or tokens[k + 1].text.casefold() not in words.one_of:
            continue
        k += 2
        if k < len(tokens) and tokens[k].text.casefold() in words.team_prepositions:  # "one of"
            k += 1
        owner = next((m for m in reading.mentions if m.start == k and m.via and not m.uncertain), None)
        if owner is None or owner.key == mention.key:
            continue
        k += 1
        while k < len(tokens) and tags.is_adjective(tokens[k].tag):
            k += 1
        if k < len(tokens) and (role_of(tokens[k].text, lex) or {}).get("member"):
            reading.relations.append(Relation(mention.key, "colleague_of", owner.key, reading.span(mention.start, k + 1)))


def _own_group(reading: Reading, lex: Lexicon) -> None:
    """"Brannock's organization", "Krolls Bande": the group a person's name says is theirs, led by them."""
    tokens = reading.tokens
    for mention in reading.mentions:
        if mention.via or not is_genitive(mention) or mention.end >= len(tokens):
            continue
        noun = tokens[mention.end]
        folded = noun.text.casefold()
        kind = lex.group_nouns.get(folded) or ("other" if folded in lex.org_suffixes else None)
        name = reading.span(mention.start, mention.end + 1)
        if kind is None or any(o.start <= mention.end < o.end and o.key != name for o in reading.orgs):
            continue
        if not any(o.key == name for o in reading.orgs):  # the claim passes run twice; the group is found once
            reading.orgs.append(OrgMention(name, name, mention.start, mention.end + 1, kind))
        _claim(reading, mention, name, "leader", mention.start, mention.end + 1)


def _organisation_relation(reading: Reading, lex: Lexicon) -> None:
    """"her K-9 partner, Doyle", "sein Mossad-Kollege Avi": a colleague's, partner's or boss's noun right after
    an organisation makes the one it names a member of that organisation."""
    tokens = reading.tokens
    slots = lex.organisation_forms.relation_slots
    for org in reading.orgs:
        if org.end >= len(tokens) or org.role:
            continue
        relation = lex.relations.get(tokens[org.end].text.casefold()) or {}
        if relation.get("type") not in slots:
            continue
        k = org.end + 1
        if k < len(tokens) and tokens[k].text == ",":
            k += 1
        person = next((m for m in reading.mentions if m.start == k and not m.via), None)
        if person is not None:
            _claim(reading, person, org.key, "current", org.start, person.end)


def _own_people_at(reading: Reading, lex: Lexicon, words: MembershipWords) -> None:
    """'her superiors at GCHQ', 'seine Kollegen beim BND': the one whose colleagues or bosses work at an
    organisation works there too."""
    tokens = reading.tokens
    slots = lex.organisation_forms.relation_slots - {"partner_of"}
    for org in reading.orgs:
        k = org.start - 1
        while k >= 0 and tags.is_article(tokens[k].tag):
            k -= 1
        if k < 2 or tokens[k].text.casefold() not in words.member_prepositions:
            continue
        noun = tokens[k - 1].text.casefold()
        relation = lex.relations.get(noun) or lex.relations.get(noun[:-1]) or {}
        possessive = tokens[k - 2]
        person = next((m for m in reading.mentions if m.start == possessive.i and m.via and not m.uncertain), None)
        if relation.get("type") in slots and possessive.text.casefold() in lex.possessives and person is not None:
            _claim(reading, person, org.key, "current", possessive.i, org.end)


PASS = Pass("memberships", read_memberships, reads=("tokens", "mentions", "orgs", "affiliations"),
            writes=("affiliations", "relations", "orgs"))
