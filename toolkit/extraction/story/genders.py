"""Genders decided over the whole text: votes that need the sentence before, and the tally of all votes."""
from __future__ import annotations

from collections import Counter

from toolkit.extraction.document import (
    GenderVote,
    Reading,
)
from toolkit.extraction.grammar import unnamed_of_gender
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.text import gazetteer, lexicons
from toolkit.text.nlp import (
    FINITE_VERB,
    Token,
)


def discourse_votes(readings: list[Reading], lex: Lexicon, people: set[str]) -> list[tuple[int, GenderVote]]:
    """Votes that need the sentence before: 'Anna verlässt Wien. Sie fliegt ...' names Anna's gender when
    she is the only one named before; 'With his money gone, Tom ...' a possessive before the subject."""
    votes: list[tuple[int, GenderVote]] = []
    for index, reading in enumerate(readings):
        tokens = reading.tokens
        words = [t for t in tokens if t.word]
        if not words:
            continue
        named = [m for m in reading.mentions if not m.via and not m.genitive and m.key in people]
        opener = lex.pronouns.get(words[0].text.casefold())
        if opener and index and words[0].i == 0 and _singular_subject(words, lex):
            before = {m.key for m in readings[index - 1].mentions if not m.via and not m.genitive and m.key in people}
            if len(before) == 1 and not unnamed_of_gender(readings[index - 1], opener, lex):
                votes.append((index, GenderVote(before.pop(), opener, 1, reading.text[:tokens[min(3, len(tokens) - 1)].end])))
        # cataphora: "With his money gone, Tom ...": a possessive before any name points to the subject
        subject = next((m for m in named if m.end < len(tokens) and FINITE_VERB.match(tokens[m.end].tag)), None)
        if subject is not None and subject.start > 0 and tokens[subject.start - 1].text == ",":
            first_name = min(m.start for m in named)
            owner = {lex.possessives[t.text.casefold()] for t in tokens[:first_name]
                     if t.text.casefold() in lex.possessives}
            if len(owner) == 1:
                votes.append((index, GenderVote(subject.key, owner.pop(), 1, reading.span(0, subject.end))))
    return votes


def _singular_subject(words: list[Token], lex: Lexicon) -> bool:
    """'Sie fliegt' is she, 'Sie fliegen' they: in German the verb after "sie" decides."""
    ending = lex.language.pronoun_number_by_verb.get(words[0].text.casefold())
    if ending is None:
        return True
    return len(words) > 1 and words[1].text.endswith(ending)


def decide(votes: Counter, name: str) -> str:
    """'f', 'm' or 'unknown' from the tally of votes and a given name as a weak prior."""
    tally = Counter(votes)
    first_name = name.split()[0]
    given = gazetteer.first_name_gender(first_name) if not first_name.endswith(".") else "unknown"
    if given == "unknown" and not first_name.endswith("."):
        given = lexicons.given_name_gender(first_name)
    if given != "unknown":
        tally[given] += 2 if len(name.split()) > 1 else 1.5
    if not tally:
        return "unknown"
    gender, weight = tally.most_common(1)[0]
    return "unknown" if tally["m" if gender == "f" else "f"] == weight else gender
