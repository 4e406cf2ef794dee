"""expand writes for every seed, dev synopsis and test synopsis exactly what it wrote before it was made faster."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.expand_digests import DEV, digests

DIGESTS = Path(__file__).parent / "fixtures" / "expand-digests.json"


@pytest.mark.skipif(not DEV.is_dir(), reason=f"dev synopses not found at {DEV}")
def test_expand_writes_what_the_digests_hold():
    expected = json.loads(DIGESTS.read_text("utf-8"))
    actual = digests()
    assert len(expected) >= 40
    assert {name for name in actual if actual[name] != expected.get(name)} == set()
    assert sorted(actual) == sorted(expected)
