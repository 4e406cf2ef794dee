"""People named together ("Rachel, Stephan and David") and the plural pronouns that stand for them."""
from __future__ import annotations

from collections.abc import Collection

from toolkit.extraction.document import Mention, Reading
from toolkit.text.nlp import Token


def insert_mention(reading: Reading, mention: Mention) -> None:
    """Put a mention among the reading's mentions in text order."""
    at = next((k for k, m in enumerate(reading.mentions) if m.start > mention.start), len(reading.mentions))
    reading.mentions.insert(at, mention)


def named_together(reading: Reading, people: Collection[str], coordinators: frozenset[str]) -> list[tuple[int, tuple[str, ...]]]:
    """'Rachel, Stephan and David', 'John und Olga': runs of two or more people named together, as (the
    token after the run, their keys)."""
    tokens = reading.tokens
    named = [m for m in reading.mentions if not m.via and not m.genitive and m.key in people]
    runs: list[list[Mention]] = []
    for mention in named:
        last = runs[-1][-1] if runs else None
        joined = last is not None and mention.start > last.end and all(
            t.text == "," or t.text.casefold() in coordinators for t in tokens[last.end:mention.start])
        if joined:
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return [(run[-1].end, tuple(dict.fromkeys(m.key for m in run))) for run in runs if len({m.key for m in run}) > 1]


def add_group(reading: Reading, token: Token, groups: list[tuple[int, tuple[str, ...]]],
              group: tuple[int, tuple[str, ...]], index: int, window: int) -> tuple[int, tuple[str, ...]]:
    """'They', 'them', plural 'sie': the last people named together, in this sentence before the pronoun or
    in the sentences before; each is a mention on the pronoun. Returns the group, now met here."""
    before = [keys for end, keys in groups if end <= token.i]
    keys = before[-1] if before else group[1] if index - group[0] <= window else ()
    for key in keys:
        insert_mention(reading, Mention(surface=token.text, key=key, start=token.i, end=token.i + 1, main=token.main,
                                 via="pronoun"))
    return (index, keys) if keys else group


def last_group(groups: list[tuple[int, tuple[str, ...]]], group: tuple[int, tuple[str, ...]], index: int,
               references: list[tuple[Token, str, str, str]]) -> tuple[int, tuple[str, ...]]:
    """The people named together last: this sentence's last run, unless a plural pronoun follows it."""
    plural = max((t.i for t, kind, _, _ in references if kind == "plural"), default=-1)
    return (index, groups[-1][1]) if groups and groups[-1][0] > plural else group
