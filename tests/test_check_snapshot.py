"""The checker says of every corpus script, fixture and worked example exactly what it said before it was made faster."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.check_snapshot import CORPORA, snapshot

SNAPSHOT = Path(__file__).parent / "fixtures" / "check-snapshot.json"


@pytest.mark.skipif(not CORPORA.is_dir(), reason=f"shared corpora not found at {CORPORA}")
def test_check_and_stats_say_what_the_snapshot_holds():
    expected = json.loads(SNAPSHOT.read_text("utf-8"))
    actual = snapshot()
    assert sorted(actual) == sorted(expected)
    assert len(expected) > 100
    for name in expected:
        assert actual[name] == expected[name], name
