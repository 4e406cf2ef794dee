"""Every stage does work in proportion to its input: the steps it takes (function calls, and the
characters scanned to place a note) are counted at 1× and 4× of each shape that was once quadratic.
Nothing is timed; benchmarks/scaling.py prints the times.

A linear stage takes about 4 times the steps at 4×; a quadratic one 16 times. The bound is 6.
"""
from __future__ import annotations

import re
import sys

import pytest

from benchmarks import shapes
from toolkit.continuity import script

LINEAR_BOUND = 6.0


def steps(run, *args) -> int:
    """Python function calls and calls into C that running `run(*args)` makes."""
    count = 0

    def tally(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(tally)
    try:
        run(*args)
    finally:
        sys.setprofile(None)
    return count


def ratio(shape: shapes.Shape, base: int, tmp_path) -> float:
    shape.run(shape.make(2, tmp_path / "warm-up"))  # models, tables and caches loaded outside the count
    one = steps(shape.run, shape.make(base, tmp_path / "one"))
    four = steps(shape.run, shape.make(4 * base, tmp_path / "four"))
    return four / one


@pytest.mark.parametrize("key, base", [("lines", 300), ("word", 150), ("names", 100), ("url", 200),
                                       ("bible", 200), ("notes", 300), ("run-on", 150), ("unclosed", 300),
                                       ("near-miss", 60)])
def test_steps_grow_linearly(tmp_path, key, base):
    shape = next(s for s in shapes.SHAPES if s.key == key)
    assert ratio(shape, base, tmp_path) < LINEAR_BOUND


class _CountingText(str):
    """Text that counts the characters scanned by count() and rfind(), to place notes by line."""

    scanned = 0

    def count(self, sub, start=0, end=None):
        _CountingText.scanned += (len(self) if end is None else end) - start
        return super().count(sub, start, end)

    def rfind(self, sub, start=0, end=None):
        _CountingText.scanned += (len(self) if end is None else end) - start
        return super().rfind(sub, start, end)


def test_notes_are_placed_without_counting_lines_from_the_start(tmp_path, monkeypatch):
    boneyard = script._BONEYARD

    class Boneyard:
        @staticmethod
        def sub(replacement, text):
            return _CountingText(boneyard.sub(replacement, text))

    monkeypatch.setattr(script, "_BONEYARD", Boneyard)
    scanned = []
    for n in (300, 1200):
        _CountingText.scanned = 0
        shapes.parse_script(shapes.scenes_with_notes(n, tmp_path / str(n)))
        scanned.append(_CountingText.scanned)
    assert scanned[1] <= LINEAR_BOUND * max(scanned[0], 1)


def test_the_invented_names_are_distinct_and_capitalised():
    names = [shapes.invented_name(i) for i in range(2000)]
    assert len(set(names)) == 2000
    assert all(re.fullmatch(r"[A-Z][a-z]+", name) for name in names)
