"""Fates: who is killed by whom, who dies, whose death is staged, who was dead before the story."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from toolkit.claims import DeathClaim
from toolkit.nlp import Token, find_phrase

if TYPE_CHECKING:
    from toolkit.extract import Lexicon, Reading


def read_fates(reading: Reading, lex: Lexicon) -> None:
    tokens = reading.tokens
    language = lex.language
    lowered = reading.text.lower()
    deaths = language.deaths
    people = [m for m in reading.mentions if not m.genitive]
    for i, token in enumerate(tokens):
        word = token.text.casefold()
        if token.reported:
            continue
        # active: "Nadja tötet Brandt", "Nadja erschießt Martin", "Koenig kills Vance"
        passive = word in lex.passive_participles and any(
            t.text.casefold() in lex.passive_auxiliaries for t in tokens[max(0, i - 2):i])
        if not passive and word in lex.killing_verbs or (word in lex.separable and any(
                t.text.casefold() == lex.separable[word] for t in tokens[i + 1:])):
            killer_mention = next((m for m in reversed(people) if m.end <= i and tokens[m.start].clause == token.clause), None)
            killer = killer_mention.key if killer_mention else _pronoun_before(tokens, i, token.clause, lex)
            victim = next((m for m in people if m.start > i and tokens[m.start].clause == token.clause), None)
            causing = next((t for t in tokens[:i] if t.text.casefold() in lex.causing_verbs and t.clause == token.clause), None)
            if token.tag.startswith("VV(INF)") and causing is None:
                continue
            before_verb = [m for m in people if m.end <= i and tokens[m.start].clause == token.clause]
            after_verb = [m for m in people if m.start > i and tokens[m.start].clause == token.clause]
            if killer is None and len(after_verb) >= 2 and after_verb[0].start == i + 1:
                # verb second, subject after it: "Dort erschießt er sie"
                killer, victim = after_verb[0].key, after_verb[1]
            if victim is None and len(before_verb) >= 2:
                # verb last: "dass Nadja Brandt tötet"
                killer, victim = before_verb[0].key, before_verb[1]
            elif victim is None and len(before_verb) == 1 and _opens_relative_clause(tokens, token.clause):
                # "die Killerin Nadja, die Weber erschießt": the relative pronoun is the killer
                antecedent = next((m for m in reversed(people) if tokens[m.start].clause < token.clause), None)
                if antecedent is not None:
                    killer, victim = antecedent.key, before_verb[0]
            if killer is None and victim is None:
                continue
            if killer is not None and victim is None and language.code == "de":
                # verb-second with the object before it: "Martin tötet Nadja" is the usual order; keep it
                continue
            if killer is not None and victim is not None and killer != victim.key:
                reading.deaths.append(DeathClaim(victim.key, "killed", killer, reading.text,
                                                 tokens[victim.start].start))
            continue
        # passive: "X wurde getötet", "X was killed by Y"
        if word in lex.passive_participles:
            aux = [t for t in tokens if t.text.casefold() in lex.passive_auxiliaries and t.clause == token.clause]
            if not aux:
                continue
            victim = next((m for m in people if tokens[m.start].clause == token.clause
                           and tokens[m.start - 1].text.casefold() not in ("von", "by") if m.start > 0), None)
            if victim is None:
                victim = next((m for m in people if tokens[m.start].clause == token.clause and m.start == 0), None)
            agent = next((m for m in people if m.start > 0 and tokens[m.start - 1].text.casefold() in ("von", "by")
                          and tokens[m.start].clause == token.clause), None)
            if victim is not None:
                reading.deaths.append(DeathClaim(victim.key, "killed", agent.key if agent else "", reading.text,
                                                 tokens[victim.start].start))
    for phrase in deaths["dying_verbs"]:
        position = find_phrase(lowered, phrase.lower())
        if position >= 0:
            who = next((m for m in reversed(people) if tokens[m.start].start < position and m.main), None)
            if who is not None:
                reading.deaths.append(DeathClaim(who.key, "dies", "", reading.text, tokens[who.start].start))
    for word in deaths["already_dead"]:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", reading.text, flags=re.IGNORECASE):
            # "ihrem verstorbenen Ehemann Steven", "her late husband Tom"; not "the dead man"
            following = [t for t in tokens if t.start >= match.end()][:3]
            who = next((m for m in people if following and m.start in {t.i for t in following}
                        and all(t.i >= m.start or t.text.casefold() in lex.relations for t in following)), None)
            if who is not None:
                reading.deaths.append(DeathClaim(who.key, "dies", "", reading.text, tokens[who.start].start,
                                                 before_story=True))
    for phrase in deaths["faked"]:
        position = find_phrase(lowered, phrase.lower())
        if position >= 0:
            who = next((m for m in reversed(people) if tokens[m.start].start < position), None)
            if who is not None:
                reading.deaths.append(DeathClaim(who.key, "faked_death", "", reading.text, tokens[who.start].start))
                break
    for phrase in deaths["staged"]:
        position = find_phrase(lowered, phrase.lower())
        if position < 0:
            continue
        # "ihr „Tod“ ... inszeniert": the possessive points back to the one who only seemed to die
        owner = _staged_owner(reading, position, lex)
        if owner is not None:
            reading.deaths.append(DeathClaim(owner, "presumed_dead_alive", "", reading.text, position))
            break


def _opens_relative_clause(tokens: list[Token], clause: int) -> bool:
    first = next((t for t in tokens if t.clause == clause and t.word), None)
    return first is not None and first.text.casefold() in ("der", "die", "das", "who", "which", "that")


def _pronoun_before(tokens: list[Token], i: int, clause: int, lex: Lexicon) -> str | None:
    """'where she shoots de Groot': the pronoun subject of a killing verb, for the resolver to name."""
    for token in reversed(tokens[:i]):
        if token.clause != clause:
            break
        gender = lex.pronouns.get(token.text.casefold())
        if gender:
            return f"pronoun:{gender}"
    return None


def _staged_owner(reading: Reading, position: int, lex: Lexicon) -> str | None:
    tokens = reading.tokens
    before = [t for t in tokens if t.end <= position]
    for token in reversed(before[-3:]):
        gender = lex.possessives.get(token.text.casefold())
        if gender:
            return f"pronoun:{gender}"
    named = [m for m in reading.mentions if tokens[m.start].start < position and not m.genitive]
    return named[-1].key if named else None
