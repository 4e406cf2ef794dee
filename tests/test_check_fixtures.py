"""Every rule against its fixture stories: the expected codes are written next to the lines that trigger."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.continuity.check import check
from toolkit.continuity.rules import RULES

FIXTURES = Path(__file__).parent / "fixtures" / "check"
STORIES = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
# Fountain: a [[expect: CB201]] note or a /* expect: CB201 */ boneyard; YAML: a # expect: CB501 comment.
EXPECT = re.compile(r"(?:\[\[|/\*|#)\s*expect:\s*(CB\d+(?:\s*,\s*CB\d+)*)")
# These stories need claims from action and synopsis, which the extractor yields.


def expected(story: Path) -> set[tuple[str, int, str]]:
    found = set()
    for path in story.iterdir():
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            for match in EXPECT.finditer(line):
                found |= {(path.name, number, code.strip()) for code in match.group(1).split(",")}
    return found


def actual(story: Path) -> set[tuple[str, int, str]]:
    return {(Path(d.file).name, d.line, d.code) for d in check([story]).diagnostics}


@pytest.mark.parametrize("story", [pytest.param(s, id=s.name) for s in STORIES])
def test_fixture_story_reports_exactly_the_expected_codes(story):
    wanted = expected(story)
    assert wanted, f"{story.name} marks no expected code"
    assert actual(story) == wanted


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_a_german_and_an_english_fixture(code):
    names = {story.name for story in STORIES}
    assert f"{code}-de" in names and f"{code}-en" in names


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.name)
def test_fixture_story_expects_its_own_rule(story):
    code = story.name.split("-")[0]
    assert code in {c for _, _, c in expected(story)}
