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
# A code may state its severity: CB201/warning (a finding read from prose).
EXPECT = re.compile(r"(?:\[\[|/\*|#)\s*expect:\s*(CB\d+(?:/\w+)?(?:\s*,\s*CB\d+(?:/\w+)?)*)")
# These stories need claims from action and synopsis, which the extractor yields.


def expected_severities(story: Path) -> dict[tuple[str, int, str], str]:
    """(file, line, code) -> the severity stated with it, or "" where none is stated."""
    found = {}
    for path in story.iterdir():
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            for match in EXPECT.finditer(line):
                for code in match.group(1).split(","):
                    code, _, severity = code.strip().partition("/")
                    found[path.name, number, code] = severity
    return found


def expected(story: Path) -> set[tuple[str, int, str]]:
    return set(expected_severities(story))


def actual_severities(story: Path) -> dict[tuple[str, int, str], set[str]]:
    found: dict[tuple[str, int, str], set[str]] = {}
    for d in check([story]).diagnostics:
        found.setdefault((Path(d.file).name, d.line, d.code), set()).add(d.severity)
    return found


def actual(story: Path) -> set[tuple[str, int, str]]:
    return set(actual_severities(story))


@pytest.mark.parametrize("story", [pytest.param(s, id=s.name) for s in STORIES])
def test_fixture_story_reports_exactly_the_expected_codes(story):
    wanted = expected_severities(story)
    assert wanted, f"{story.name} marks no expected code"
    found = actual_severities(story)
    assert set(found) == set(wanted)
    stated = {key: {severity} for key, severity in wanted.items() if severity}
    assert {key: found[key] for key in stated} == stated


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_a_german_and_an_english_fixture(code):
    names = {story.name for story in STORIES}
    assert f"{code}-de" in names and f"{code}-en" in names


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.name)
def test_fixture_story_expects_its_own_rule(story):
    code = story.name.split("-")[0]
    assert code in {c for _, _, c in expected(story)}
