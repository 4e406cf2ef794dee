"""Tests of toolkit.continuity.formats: text, JSON, GitHub annotations and SARIF 2.1.0."""
from __future__ import annotations

import json

import pytest

from toolkit.continuity.check import CheckResult
from toolkit.continuity.formats import FORMATS, format_result, format_rules, summary_line
from toolkit.continuity.rules import RULES
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.story import Scene

DEATH = Diagnostic("bibles/x/outline.fountain", 42, 1, "CB201", "dead-character-present", "error",
                   "MARTIN appears after his death in scene 9 (outline.fountain:31)")
VARIANT = Diagnostic("bibles/x/b,c.fountain", 7, 3, "CB102", "name-variant", "warning", "'Sorokn': 50% done\nnext")
RESULT = CheckResult([DEATH, VARIANT], [Scene("outline.fountain#1", 1, "bibles/x/outline.fountain", 1, "INT. A")],
                     ["bibles/x/outline.fountain"])


def test_text_reads_like_a_compiler():
    assert format_result(RESULT, "text").splitlines()[0] == (
        "bibles/x/outline.fountain:42:1: error CB201 MARTIN appears after his death in scene 9 "
        "(outline.fountain:31) [dead-character-present]")


def test_summary_line():
    assert summary_line(RESULT) == "1 error, 1 warning in 1 file (1 scene)"


CONTRACT_FIELDS = ("file", "line", "column", "code", "rule", "severity", "message")  # DESIGN.md


def test_json_is_exactly_the_contract():
    data = json.loads(format_result(RESULT, "json"))
    assert data == {
        "diagnostics": [dict(zip(CONTRACT_FIELDS, DEATH)), dict(zip(CONTRACT_FIELDS, VARIANT))],
        "summary": {"files": 1, "scenes": 1, "errors": 1, "warnings": 1, "infos": 0},
    }


def test_github_annotations_escape_their_fields():
    first, second = format_result(RESULT, "github").splitlines()
    assert first == ("::error file=bibles/x/outline.fountain,line=42,col=1,title=CB201::MARTIN appears after his "
                     "death in scene 9 (outline.fountain:31) [dead-character-present]")
    assert second == ("::warning file=bibles/x/b%2Cc.fountain,line=7,col=3,title=CB102::'Sorokn': 50%25 done%0Anext "
                      "[name-variant]")


def test_sarif_2_1_0():
    log = json.loads(format_result(RESULT, "sarif"))
    assert log["version"] == "2.1.0" and "sarif" in log["$schema"]
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    result = run["results"][0]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "CB201"
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "bibles/x/outline.fountain"}, "region": {"startLine": 42, "startColumn": 1}}
    assert run["results"][1]["level"] == "warning"


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_writes_an_empty_result(name):
    assert isinstance(format_result(CheckResult(), name), str)


def test_rules_text_names_every_rule():
    text = format_rules()
    assert all(f"{code} {rule.name}" in text for code, rule in RULES.items())
