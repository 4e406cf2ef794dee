"""The end of the text before a position, normalised, without normalising everything before it: phrase
tests at every word of a long sentence stay in proportion to the sentence."""
from __future__ import annotations

from collections.abc import Callable


def normalised_tail(text: str, position: int, longest: int, normalise: Callable[[str], str]) -> tuple[str, bool]:
    """`normalise(text[:position])`'s last characters, at least `longest + 2` of them when there are that
    many, and whether the tail is the whole of it. `normalise` may join runs of white space but must not
    move characters across them (casefold, NFC, single spaces)."""
    width = longest + 8
    while True:
        low = max(0, position - width)
        tail = normalise(text[low:position])
        if low == 0 or len(tail) > longest + 1:
            return tail, low == 0
        width *= 4


def ends_with_phrase(tail: str, whole: bool, phrase: str) -> bool:
    """Whether a tail from normalised_tail ends with the phrase as whole words."""
    return tail.endswith(phrase) and (whole and len(tail) == len(phrase) or not tail[-len(phrase) - 1].isalnum())
