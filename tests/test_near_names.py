"""Near misses against a large bible: each written name is compared with a few known names, not with all
of them, and finds what comparing with all of them finds when it is within two edits."""
from __future__ import annotations

import rapidfuzz.fuzz
from rapidfuzz import fuzz as real_fuzz
from rapidfuzz import process

from benchmarks.shapes import invented_name
from toolkit.model.names import NameIndex
from toolkit.model.near_names import FULL_SEARCH, deletions

_ratio = real_fuzz.ratio


def _index(count: int) -> NameIndex:
    return NameIndex({invented_name(i).casefold(): f"c{i}" for i in range(count)})


def _misspelt(i: int) -> str:
    name = invented_name(i)
    return name[:3] + name[4] + name[3] + name[5:-1] + "q"  # two letters swapped, the last one changed


def _compared(monkeypatch, index: NameIndex, queries: list[str]) -> int:
    count = 0

    def counting_ratio(*args, **kwargs):
        nonlocal count
        count += 1
        return _ratio(*args, **kwargs)

    monkeypatch.setattr(rapidfuzz.fuzz, "ratio", counting_ratio)
    for query in queries:
        index.closest(query)
    return count


def test_names_compared_do_not_grow_with_the_bible(monkeypatch):
    queries = [_misspelt(i) for i in range(0, 1000, 20)]
    small = _compared(monkeypatch, _index(2 * FULL_SEARCH), queries)
    large = _compared(monkeypatch, _index(8 * FULL_SEARCH), queries)
    assert large < 2 * small


def test_a_large_bible_finds_the_name_the_full_search_finds():
    index = _index(3 * FULL_SEARCH)
    choices = [invented_name(i).casefold() for i in range(3 * FULL_SEARCH)]
    for i in range(0, 3 * FULL_SEARCH, 97):
        query = _misspelt(i).casefold()
        full = process.extractOne(query, choices, scorer=real_fuzz.ratio, score_cutoff=75)
        found = index.closest(query, cutoff=75)
        assert found is not None and full is not None
        assert (found.name, found.score) == (full[0], full[1])


def test_nothing_near_is_nothing():
    assert _index(2 * FULL_SEARCH).closest("zzzzzzzzzzzz") is None


def test_deletions():
    assert deletions("abc") == {"abc", "ab", "ac", "bc", "a", "b", "c"}
    assert deletions("ab", 1) == {"ab", "a", "b"}
