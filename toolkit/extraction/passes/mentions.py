"""The names a story knows, found in a sentence: spans of up to six tokens whose text is a known name."""
from __future__ import annotations

from toolkit.extraction.document import (
    Mention,
    NameLookup,
    Pass,
    Reading,
)
from toolkit.extraction.grammar import (
    APOSTROPHES,
    NAME_PARTICLES,
    quoted,
)
from toolkit.extraction.lexicon import (
    Lexicon,
)
from toolkit.model.names import fold
from toolkit.text.nlp import (
    Token,
)


def find_mentions(tokens: list[Token], text: str, lookup: NameLookup, *, caps_only: bool = False) -> list[Mention]:
    """Spans of up to six tokens whose text is a known name (with or without a genitive ending)."""
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].word or not (tokens[i].text[:1].isupper() or tokens[i].text in NAME_PARTICLES):
            i += 1
            continue
        found = None
        for length in range(min(6, len(tokens) - i), 0, -1):
            last = tokens[i + length - 1]
            if not last.word:
                continue
            surface = text[tokens[i].start:last.end]
            if caps_only and not surface.isupper():
                continue
            key = lookup(surface)
            if key is not None:
                found = (length, surface, key)
                break
        if found is None:
            i += 1
            continue
        length, surface, key = found
        bare = surface.rstrip(APOSTROPHES)
        if bare != surface and quoted(tokens, i):
            surface = bare  # "'Lanternman'": a closing quotation mark, not a genitive
        genitive = surface != bare or (fold(surface) not in _exact_forms(lookup, surface))
        mentions.append(Mention(surface=surface, key=key, start=i, end=i + length, genitive=genitive,
                                main=tokens[i].main))
        i += length
    return mentions


def _exact_forms(lookup: NameLookup, surface: str) -> set[str]:
    """The surface itself if it is a name as such (not only a genitive of one)."""
    exact = getattr(lookup, "exact", None)
    if exact is None:
        return {fold(surface)}
    return {fold(surface)} if exact(surface) else set()


def read_mentions(reading: Reading, lex: Lexicon) -> None:
    """The reading's names, looked up through the reading's `lookup`."""
    reading.mentions = find_mentions(reading.tokens, reading.text, reading.lookup, caps_only=reading.caps_only)


PASS = Pass("mentions", read_mentions, reads=("tokens", "text", "lookup"), writes=("mentions",))
