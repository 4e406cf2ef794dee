"""The construction catalogue (tests/constructions/*.yaml): each tiny synopsis is expanded and must give
its claims and none of its traps. Cases marked `status: open` are not read right yet and run as strict
xfail: when a change makes one pass, remove its mark. `python benchmarks/constructions.py` prints the
pass counts per cause and language."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "constructions"))
from catalogue import expand_case, failures, load_cases

CASES = load_cases()


def _param(case: dict):
    marks = [pytest.mark.xfail(strict=True, reason="open construction")] if case.get("status") == "open" else []
    return pytest.param(case, id=case["id"], marks=marks)


def test_catalogue_covers_every_cause_in_both_languages():
    for language in ("de", "en"):
        for cause in range(1, 11):
            count = sum(c["cause"] == cause and c["language"] == language for c in CASES)
            assert count >= 5, f"cause {cause} ({language}) has {count} cases, fewer than five"


def test_case_ids_are_unique():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_construction(case, tmp_path):
    bible, outline = expand_case(case, tmp_path)
    broken = failures(case, bible, outline)
    assert not broken, f"{case['text']}\n" + "\n".join(broken)
