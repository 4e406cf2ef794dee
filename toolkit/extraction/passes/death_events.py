"""Deaths told by what happens rather than by a verb of killing said of a person: a noun of death ("Ada's
murder", "der Mord an Ada"), a thing that kills ("a car bomb kills Ada"), a car blown up with its owner
at the wheel, someone found dead ("finds Ada dead"), and someone held for dead ("er wird für tot
gehalten"). The words are language data (`deaths:` in lang/*.yaml)."""
from __future__ import annotations

import re

from toolkit.extraction.document import DeathClaim, Mention, Pass, Reading
from toolkit.extraction.grammar import clause_subject
from toolkit.extraction.lexicon import Lexicon
from toolkit.text import tags
from toolkit.text.nlp import FINITE_VERB, Token, find_phrase, find_whole_words


def read_death_events(reading: Reading, lex: Lexicon) -> None:
    """Death claims from the nouns and events of a sentence."""
    people = [m for m in reading.mentions if not m.uncertain]
    data = lex.language.section("deaths")
    _nominal(reading, people, data.get("nominal") or {}, lex)
    _killed_by_thing(reading, people, data, lex)
    _blown_up(reading, people, data.get("explosions") or {})
    _found_dead_object(reading, people, data, lex)
    _held_for_dead(reading, people, data.get("presumed_dead_predicates") or (), lex)
    _resultative(reading, people, data.get("resultative") or {}, lex)
    _named_victim(reading, people, data.get("victims") or {}, lex)


def _named_victim(reading: Reading, people: list[Mention], data: dict, lex: Lexicon) -> None:
    """"The victim is Arthur Pell", "Der Tote ist sein Zwillingsbruder Sepp", "the victim, Arthur Pell,": a
    noun for the one killed or dead, then a copula or a comma, then the name (past an article, a
    possessive and nouns)."""
    tokens = reading.tokens
    for status in ("killed", "dies"):
        nouns = _folded(data.get(status))
        for token in tokens:
            if token.text.casefold() not in nouns or token.i == 0 or not tags.is_article(tokens[token.i - 1].tag):
                continue
            k = token.i + 1
            if k < len(tokens) and (tokens[k].text == "," or tokens[k].lemma in lex.function_words.copulas):
                k += 1
            else:
                continue
            while k < len(tokens) and tokens[k].word and not tokens[k].capitalised or k < len(tokens) and (
                    tags.is_common_noun(tokens[k].tag) and not any(m.start == k for m in people)):
                k += 1  # "sein Zwillingsbruder"
            victim = next((m for m in people if m.start == k and not m.genitive), None)
            if victim is not None:
                reading.deaths.append(DeathClaim(victim.key, status, "", reading.text, tokens[victim.start].start))


def _resultative(reading: Reading, people: list[Mention], data: dict, lex: Lexicon) -> None:
    """"…, and shot Ivo dead", "prügelt Ivo zu Tode": the one killed, whoever the killer."""
    tokens = reading.tokens
    lowered = reading.text.casefold()
    phrases = data.get("phrases") or ()
    verbs = lex.killing_verbs | _folded(data.get("verbs"))
    for verb in tokens:
        if verb.text.casefold() not in verbs or tags.is_any_infinitive(verb.tag):
            continue
        victim = next((m for m in people if verb.i < m.start and not m.genitive
                       and tokens[m.start].clause == verb.clause), None)
        if victim is None or victim.end >= len(tokens):
            continue
        after = lowered[tokens[victim.end - 1].end:].lstrip()
        if any(re.match(rf"{re.escape(p.casefold())}(?!\w)", after) for p in phrases):
            reading.deaths.append(DeathClaim(victim.key, "killed", "", reading.text, tokens[victim.start].start))


def _folded(words) -> frozenset[str]:
    return frozenset(w.casefold() for w in words or ())


def _nominal(reading: Reading, people: list[Mention], data: dict, lex: Lexicon) -> None:
    """"Ada's murder", "the murder of Ada", "der Mord an Ada", "Adas Tod": dead by this sentence, unless the
    clause plans, attempts, prevents, fakes or fears it."""
    tokens = reading.tokens
    statuses = {w: status for status in ("killed", "dies") for w in _folded(data.get(status))}
    linkers, blockers = _folded(data.get("of")), _folded(data.get("not_with"))
    for token in tokens:
        status = statuses.get(token.text.casefold())
        if status is None or any(t.text.casefold() in blockers and t.clause == token.clause for t in tokens):
            continue
        following = tokens[token.i + 1] if token.i + 1 < len(tokens) else None
        owner = next((m for m in people if m.genitive and m.end == token.i and not m.key.startswith("pronoun:")), None)
        if owner is not None and following is not None and (following.text.casefold() in linkers
                                                            or tags.is_noun(following.tag)):
            continue  # "Ada's murder of Tom", "Ada's murder trial": Ada is no victim
        genitive = following is not None and lex.language.nouns_capitalised and (
            following.text.casefold() in lex.possessives
            or following.text.casefold() in lex.language.lower_words("coreference", "genitive_articles"))
        if owner is None and following is not None and (following.text.casefold() in linkers or genitive):
            # "the death of her husband Michael", "seit dem Tod ihres Mannes Josef"
            start = token.i + 1 if genitive else token.i + 2
            owner = next((m for m in people if not m.genitive and m.start > start - 1
                          and all(tags.is_article(t.tag) or tags.is_adjective(t.tag) or tags.is_common_noun(t.tag)
                                  or t.text.casefold() in lex.possessives for t in tokens[start:m.start])
                          and m.start - token.i <= 4), None)
        if owner is not None:
            reading.deaths.append(DeathClaim(owner.key, status, "", reading.text, tokens[owner.start].start,
                                             before_story=True))


def _killed_by_thing(reading: Reading, people: list[Mention], data: dict, lex: Lexicon) -> None:
    """"A car bomb kills Ada", "Eine Explosion tötet Ada": a killing verb whose subject is a thing."""
    tokens = reading.tokens
    things = _folded(data.get("killing_things"))
    participles = _folded(data.get("killing_participles"))
    for token in tokens:
        folded = token.text.casefold()
        if folded not in lex.killing_verbs and folded not in participles or tags.is_any_infinitive(token.tag) \
                or token.i and tags.is_preposition(tokens[token.i - 1].tag):
            continue  # "balks at killing Ada" is no killing
        if folded in participles and not _participle_after_thing(tokens, token, things):
            continue
        before = [t for t in tokens[:token.i] if t.clause == token.clause]
        if any(m.end <= token.i and tokens[m.start].clause == token.clause for m in people):
            continue  # a person kills: the fates pass reads it
        if not any(t.text.casefold() in things or any(t.text.casefold().endswith(w) for w in things if len(w) > 4)
                   for t in before[-4:]) and not _participle_after_thing(tokens, token, things):
            continue
        victim = next((m for m in people if m.start > token.i and not m.genitive
                       and tokens[m.start].clause in (token.clause, token.clause + 1)), None)
        if victim is not None:
            reading.deaths.append(DeathClaim(victim.key, "killed", "", reading.text, tokens[victim.start].start))


def _participle_after_thing(tokens: list[Token], verb: Token, things: frozenset[str]) -> bool:
    """"A bomb explodes in Ankara, killing Ada": the -ing form after a clause whose subject is a thing."""
    return verb.i > 0 and tokens[verb.i - 1].text == "," and any(t.text.casefold() in things for t in tokens[:verb.i])


def _blown_up(reading: Reading, people: list[Mention], data: dict) -> None:
    """"As she drives away, her car explodes", "Als er losfährt, explodiert sein Wagen": the owner at the wheel
    dies, unless the sentence lets them escape."""
    lowered = reading.text.casefold()
    if not any(find_phrase(lowered, verb.casefold()) >= 0 for verb in data.get("verbs") or ()) \
            or not any(find_phrase(lowered, word.casefold()) >= 0 for word in data.get("inside") or ()) \
            or any(find_phrase(lowered, word.casefold()) >= 0 for word in data.get("escapes") or ()):
        return  # the sentence must put the owner in it: "as she drives away"
    tokens = reading.tokens
    vehicles = _folded(data.get("vehicles"))
    for token in tokens:
        if token.text.casefold() not in vehicles:
            continue
        owner = next((m for m in people if m.genitive and m.end == token.i), None)
        if owner is not None:
            reading.deaths.append(DeathClaim(owner.key, "killed", "", reading.text, tokens[owner.start].start))
            return


def _found_dead_object(reading: Reading, people: list[Mention], data: dict, lex: Lexicon) -> None:
    """"Tom finds Ada dead", "Sie finden den Forscher ermordet in seiner Wohnung": the one found, not the finder."""
    found = data.get("found_dead") or {}
    dead = _folded(found.get("dead")) | lex.passive_participles
    finding = _folded(found.get("found"))
    tokens = reading.tokens
    for verb in tokens:
        if verb.text.casefold() not in finding or not FINITE_VERB.match(verb.tag):
            continue
        state = next((t for t in tokens[verb.i + 1:] if t.clause == verb.clause and t.text.casefold() in dead), None)
        if state is None:
            continue
        between = [m for m in people if verb.i < m.start < state.i and not m.genitive
                   and tokens[m.start].clause == verb.clause]
        # the finder stands before the verb ("Tom findet Ada tot", "Sie finden Ada"), or first after it
        # ("Dort findet Tom Ada tot")
        finder_before = any(t.clause == verb.clause and (t.text.casefold() in lex.pronouns or any(
            m.start == t.i and not (t.i and tags.is_preposition(tokens[t.i - 1].tag)) for m in people))
            for t in tokens[:verb.i])  # "In Rostock findet Ada …": a place is no finder
        found_one = between[0] if finder_before and between else between[1] if len(between) > 1 else None
        if found_one is not None:
            reading.deaths.append(DeathClaim(found_one.key, "killed" if state.text.casefold() in
                                             lex.passive_participles else "dies", "", reading.text,
                                             tokens[found_one.start].start, before_story=True))


def _held_for_dead(reading: Reading, people: list[Mention], phrases, lex: Lexicon) -> None:
    """"Er wird für tot gehalten", "Ada is presumed dead": the subject is thought dead and is not."""
    lowered = reading.text.casefold()
    tokens = reading.tokens
    for phrase in phrases:
        match = find_whole_words(lowered, phrase.casefold())
        if match is None:
            continue  # "seine für tot gehaltene Kollegin" is the attributive phrase, read by the fates pass
        position = match.start()
        at = next((t for t in tokens if t.start >= position), None)
        if at is None:
            continue
        subject = clause_subject(reading, at.clause, lex=lex)
        if subject is not None and not subject.genitive:
            key = subject.key
        else:
            pronoun = next((t for t in reversed(tokens[:at.i]) if t.clause == at.clause
                            and t.text.casefold() in lex.pronouns), None)
            if pronoun is None:
                continue
            key = f"pronoun:{lex.pronouns[pronoun.text.casefold()]}"
        reading.deaths.append(DeathClaim(key, "presumed_dead_alive", "", reading.text, position))
        return


PASS = Pass("death_events", read_death_events, reads=("text", "tokens", "mentions"), writes=("deaths",))
