"""The known name nearest to a written one, in time that does not grow with the bible.

A bible of ordinary size is searched whole (every name scored). A larger one is searched through an
index of every name with up to two letters deleted: two names within two edits (a letter changed,
added, dropped, or two swapped) share such a form, so only those names are scored. In a bible of more
than FULL_SEARCH names a suggestion is therefore at most two edits away.
"""
from __future__ import annotations

# Up to this many names every name is scored, as a writer's bible has.
FULL_SEARCH = 1_000
# Names longer than this are scored for every query instead of being indexed (their deletion forms grow
# with the square of the length); a bible has few of them.
LONGEST_INDEXED = 48
_EDITS = 2


def deletions(word: str, edits: int = _EDITS) -> set[str]:
    """The word with up to `edits` of its letters deleted."""
    forms, last = {word}, {word}
    for _ in range(edits):
        last = {form[:i] + form[i + 1:] for form in last for i in range(len(form))}
        forms |= last
    return forms


class NearNames:
    """Known names (already folded) in a fixed order; `best` gives the one a written name is nearest to."""

    def __init__(self, names: list[str]):
        self.names = names
        self._index: dict[str, list[int]] | None = None
        self._long: list[int] = []

    def best(self, folded: str, cutoff: float) -> tuple[str, float] | None:
        """The name with the highest fuzz.ratio to `folded` at or above `cutoff` (the first of equals)."""
        from rapidfuzz import fuzz, process  # only a name the bible lacks needs it

        if len(self.names) <= FULL_SEARCH:
            found = process.extractOne(folded, self.names, scorer=fuzz.ratio, score_cutoff=cutoff)
            return None if found is None else (found[0], found[1])
        best: tuple[float, int] | None = None
        for position in sorted(self._candidates(folded)):
            score = fuzz.ratio(folded, self.names[position], score_cutoff=cutoff)
            if score >= cutoff and score > 0 and (best is None or score > best[0]):
                best = (score, position)
        return None if best is None else (self.names[best[1]], best[0])

    def _candidates(self, folded: str) -> set[int]:
        index = self._built()
        found = set(self._long)
        if len(folded) <= LONGEST_INDEXED + _EDITS:
            for form in deletions(folded):
                found.update(index.get(form, ()))
        return found

    def _built(self) -> dict[str, list[int]]:
        if self._index is None:
            self._index = {}
            for position, name in enumerate(self.names):
                if len(name) > LONGEST_INDEXED:
                    self._long.append(position)
                    continue
                for form in deletions(name):
                    self._index.setdefault(form, []).append(position)
        return self._index
