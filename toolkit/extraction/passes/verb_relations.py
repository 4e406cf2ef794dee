"""Relations a verb states: 'X ist mit Y verheiratet', 'Ada marries Alfie', 'wird von Y rekrutiert'."""
from __future__ import annotations

from toolkit.extraction.document import (
    Pass,
    Reading,
    Relation,
)
from toolkit.extraction.grammar import (
    after_aside,
    after_preposition,
    clause_subject,
    family_noun_before,
    is_genitive,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.text import tags
from toolkit.text.nlp import find_whole_words


def read_verb_relations(reading: Reading, lex: Lexicon) -> None:
    """'X ist mit Y verheiratet', 'Ada marries Alfie', 'beginnt die Jagd auf Y', 'is assigned to Y',
    'wird von Y rekrutiert': the subject of the clause to the other person in it."""
    tokens = reading.tokens
    lowered = reading.text.lower()
    for kind, phrases in lex.language.section("relation_verbs").items():
        for phrase in phrases:
            match = find_whole_words(lowered, phrase.casefold())
            if match is None:
                continue
            position = match.start()
            trigger = next((t for t in tokens if t.start >= position), None)
            if trigger is None or trigger.reported or _denied(reading, trigger, lex) or _attributive(reading, trigger, lex):
                continue
            if kind == "spouse_of" and _meant(tokens, trigger):
                continue  # "wants her to marry the doctor": a wedding meant, not one that took place
            # "als die Tochter von Whitlock entführt wird": the subject of a passive is the one it happens to
            if kind == "enemy_of" and any(t.text.casefold() in lex.passive_auxiliaries
                                          for t in tokens[max(0, trigger.i - 1):trigger.i + 2] if t is not trigger):
                continue
            subject = clause_subject(reading, trigger.clause, lex=lex)
            # "Munro's pursuit of Dorsey", "Kerns Jagd auf Vidal": the name whose the action noun is
            subject = next((m for m in reading.mentions if m.end == trigger.i and is_genitive(m) and not m.via),
                           subject)
            if kind == "partner_of":
                subject = _subject_outside_the_phrase(reading, trigger, subject, lex)
            elif kind != "works_for_agent" and not lex.language.verb_second:
                subject = _named_before_the_verb(reading, trigger) or subject
            # the other person is in the verb's clause or in one between it and the subject's
            clauses = range(min(tokens[subject.start].clause, trigger.clause),
                            max(tokens[subject.start].clause, trigger.clause) + 1) if subject is not None else ()
            people = [m for m in reading.mentions if not m.genitive and not m.uncertain and subject is not None
                      and m.key != subject.key
                      and not (m.start > 0 and tokens[m.start - 1].text == "(")]
            others = [m for m in people if tokens[m.start].clause in clauses]
            if kind == "works_for_agent":  # passive: the one by whom, "von CIA-Mann Kessel"
                others = [m for m in others if after_preposition(reading, m, lex=lex) in lex.membership_words.agent_prepositions]
            if subject is None or subject.uncertain or not people:
                continue
            # "Mit dem Fotografen Dorn verfolgt Lena die Spur": a companion ahead of the verb is not its object
            ahead = others if kind in ("spouse_of", "partner_of") else [m for m in others if m.start > trigger.i
                                                                       or not _governed(reading, m)]
            other = next(iter(others), None) if kind == "works_for_agent" else _object_near(reading, trigger, ahead,
                                                                                 len(phrase.split()), people)
            if other is None or kind == "partner_of" and family_noun_before(reading, other, lex):
                continue  # "zusammen mit ihrem Bruder Jakob": what the family noun says is enough
            kind_of = "works_for" if kind == "works_for_agent" else kind
            partners = _listed_after(reading, other, others, lex) if kind == "partner_of" else []
            # "Kranz und Gerlach behindern ihn": every subject of the verb; not of a passive's agent
            listed = [*_listed_before(reading, subject, lex),
                      *_listed_after(reading, subject, reading.mentions, lex, before=trigger.i)] if kind != "works_for_agent" else []
            for source in [subject, *listed]:
                for target in [other, *partners]:
                    if source.key != target.key:
                        reading.relations.append(Relation(source.key, kind_of, target.key, reading.span(
                            min(source.start, trigger.i), max(target.end, trigger.i + 1))))


def read_pair_relations(reading: Reading, lex: Lexicon) -> None:
    """'Ada und Ben sind Geschwister', 'Ada and Ben are rivals', 'Ada und Ben verlieben sich': two names
    joined by 'and' as the subject of what they are to each other."""
    tokens = reading.tokens
    lowered = reading.text.lower()
    words = lex.function_words
    for kind, phrases in lex.language.section("relation_pairs").items():
        for phrase in phrases:
            match = find_whole_words(lowered, phrase.casefold())
            trigger = next((t for t in tokens if t.start >= match.start()), None) if match else None
            if trigger is None or trigger.reported or _denied(reading, trigger, lex):
                continue
            k = trigger.i
            while k > 0 and trigger.i - k < 3 and not (tokens[k - 1].lemma in words.copulas or tokens[k - 1].text in words.past_copulas):
                k -= 1
            k = k - 1 if k > 0 and (tokens[k - 1].lemma in words.copulas or tokens[k - 1].text in words.past_copulas) else trigger.i
            second = next((m for m in reading.mentions if after_aside(tokens, m.end) == k and not m.genitive), None)
            j = second.start - 1 if second is not None else 0
            while j > 0 and _describes(tokens[j]):
                j -= 1  # "Ada und der Pilot Ben"
            if j < 1 or tokens[j].text.casefold() not in words.conjunction:
                continue
            first = next((m for m in reading.mentions if after_aside(tokens, m.end) == j and not m.genitive), None)
            if first is not None and first.key != second.key and not (first.uncertain or second.uncertain):
                reading.relations.append(Relation(first.key, kind, second.key, reading.span(first.start, trigger.i + 1)))


def _attributive(reading: Reading, trigger, lex: Lexicon) -> bool:
    """'den entführten Piloten', 'the kidnapped mathematician': a participle after an article is no verb."""
    return trigger.i > 0 and reading.tokens[trigger.i - 1].text.casefold() in lex.articles \
        and (tags.is_adjective(trigger.tag) or tags.is_past_participle(trigger.tag))


def _listed_after(reading: Reading, first, mentions: list, lex: Lexicon, before: int | None = None) -> list:
    """'Kranz und der Agent Paul Lenz behindern …', 'zusammen mit Ute und dem Fahrer Ben': the names
    listed after `first` with 'und' or a comma, with nothing but articles, adjectives and nouns between
    (and, with `before`, ahead of the verb at that token)."""
    tokens = reading.tokens
    listed, end = [], first.end
    for mention in (m for m in mentions if m.start > first.end and not m.genitive and not m.uncertain):
        between = tokens[after_aside(tokens, end):mention.start]
        joined = bool(between) and between[0].text.casefold() in lex.function_words.conjunction | {","}
        if not joined or before is not None and mention.end > before or len(between) > 5 or any(
                tags.is_verb(t.tag) or tags.is_preposition(t.tag) for t in between):
            break
        listed.append(mention)
        end = mention.end
    return listed


def _listed_before(reading: Reading, subject, lex: Lexicon) -> list:
    """'Ute, Ben and Max, who hunt …': the names listed before the antecedent of a relative pronoun."""
    tokens = reading.tokens
    after = after_aside(tokens, subject.end)
    after += 1 if after < len(tokens) and tokens[after].text == "," else 0
    if after >= len(tokens) or tokens[after].text.casefold() not in lex.membership_words.relative_pronouns:
        return []
    listed, start = [], subject.start
    for mention in sorted((m for m in reading.mentions if m.end < start), key=lambda m: -m.start):
        between = [t.text.casefold() for t in tokens[mention.end:start]]
        if not between or not set(between) <= lex.function_words.conjunction | {","} or mention.genitive:
            break
        listed.append(mention)
        start = mention.start
    # "Ute trifft Ben, und Max, der …": a name a verb governs starts no list of subjects
    k = start - 1
    while k >= 0 and _describes(tokens[k]):
        k -= 1
    return [] if k >= 0 and tags.is_verb(tokens[k].tag) else listed


def _meant(tokens, trigger) -> bool:
    """'to marry', 'zu heiraten': an infinitive with its marker says what is meant to happen."""
    return tags.is_any_infinitive(trigger.tag) and any(
        tags.is_infinitive_marker(t.tag) for t in tokens[max(0, trigger.i - 1):trigger.i + 1])


def _named_before_the_verb(reading: Reading, trigger):
    """'Carys tells Leah that Jamie had been working for Kyle': the name right before the verb and its
    auxiliaries and adverbs is its subject, whatever the clause's first name is (where the subject stands
    before its verb: German puts the verb last in a subordinate clause)."""
    tokens = reading.tokens
    if not tags.is_verb(trigger.tag):
        return None
    k = trigger.i - 1
    while k >= 0 and tokens[k].word and (tags.is_verb(tokens[k].tag) or tags.is_adverb_of_either(tokens[k].tag)):
        k -= 1
    return next((m for m in reading.mentions if m.end == k + 1 and not m.genitive
                 and not m.uncertain), None)


def _denied(reading: Reading, trigger, lex: Lexicon) -> bool:
    """'Er jagt sie nicht', 'She never has an affair with him': a negation in the verb's clause."""
    negations = lex.language.lower_words("negations")
    return any(t.clause == trigger.clause and t.text.casefold() in negations for t in reading.tokens)


def _subject_outside_the_phrase(reading: Reading, trigger, subject, lex: Lexicon):
    """'Zusammen mit Wiebke und Lutz plant er', 'Together with Ava, Sam exposes it': the names between the
    phrase and its verb are the partners; the subject stands next to the verb (after it where the language
    puts it there), or before the phrase."""
    tokens = reading.tokens
    words = lex.membership_words
    verb = next((t.i for t in tokens[trigger.i:] if t.tag in words.finite_tags), None)
    if subject is not None and (verb is None or not trigger.i < subject.start < verb):
        return subject
    if verb is None:
        return None
    if words.subject_after_verb:
        return next((m for m in reading.mentions if verb < m.start <= verb + 2 and not m.genitive), None)
    return next((m for m in reading.mentions if m.end == verb and not m.genitive), None)


def _governed(reading: Reading, mention) -> bool:
    """'mit dem Fotografen Dorn', 'with Ben': a name a preposition governs."""
    k = mention.start - 1
    while k >= 0 and _describes(reading.tokens[k]):
        k -= 1
    return k >= 0 and tags.is_preposition(reading.tokens[k].tag)


def _describes(token) -> bool:
    """An article, adjective or common noun: the words of 'a corrupt banker'."""
    return tags.is_article(token.tag) or tags.is_determiner(token.tag) or tags.is_adjective(token.tag) \
        or tags.is_common_noun(token.tag)


def _object_near(reading: Reading, trigger, others: list, length: int, people: list):
    """The person right after the verb phrase ("works for Victor", not "works for the CIA and asks her"), or,
    with the verb last, right before it ("der Jutta ins Visier nimmt", "mit Paul verheiratet")."""
    tokens = reading.tokens
    after = trigger.i + length
    org_right_after = any(after <= o.start <= after + 1 for o in reading.orgs)
    following = next((m for m in others if after <= m.start <= after + 3), None)
    # "to kidnap a war criminal, Detlev Brandt": the name in apposition to a described person
    following = following or next((m for m in people if after + 2 <= m.start <= after + 6 and tokens[m.start - 1].text == ","
                                   and all(_describes(t) for t in tokens[after:m.start - 1])), None)
    if following is not None or org_right_after:
        return following
    return next((m for m in reversed(others) if m.end <= trigger.i and trigger.i - m.end <= 4
                 and not any(tags.is_verb(t.tag) and t.text not in ("ist", "is") for t in tokens[m.end:trigger.i])),
                None)


def _read(reading: Reading, lex: Lexicon) -> None:
    read_verb_relations(reading, lex)
    read_pair_relations(reading, lex)


PASS = Pass("verb_relations", _read, reads=("text", "tokens", "mentions", "orgs"), writes=("relations",))
