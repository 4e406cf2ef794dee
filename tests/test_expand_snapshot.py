"""expand writes for every seed and test synopsis exactly the text the snapshot holds, and scores every dev
synopsis exactly as before."""
from __future__ import annotations

import json

import pytest

from tests.expand_snapshot import (
    DEV,
    DEV_SCORES,
    dev_scores,
    own_outputs,
    stored_outputs,
)


def test_expand_writes_what_the_snapshot_holds():
    expected = stored_outputs()
    actual = own_outputs()
    assert len(expected) >= 20
    assert sorted(actual) == sorted(expected)
    for name in expected:
        assert actual[name] == expected[name], f"{name} differs: python tests/expand_snapshot.py --write, git diff"


@pytest.mark.skipif(not DEV.is_dir(), reason=f"dev synopses not found at {DEV}; their scores are not compared")
def test_dev_synopses_score_as_the_snapshot_holds():
    expected = json.loads(DEV_SCORES.read_text("utf-8"))
    actual = dev_scores()
    assert len(expected) >= 10
    assert actual == expected
