"""Tests of toolkit.continuity.check and the `check`, `stats` and `rules` commands."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.continuity.check import check
from toolkit.continuity.rules import RULES
from toolkit.errors import BibleError, InputError

FIXTURES = Path(__file__).parent / "fixtures" / "check"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora" / "fountain"
CORPUS_FILES = sorted(CORPORA.rglob("*.fountain")) if CORPORA.is_dir() else []

BIBLE = """format: storybible/1
title: T
language: en
characters:
  - {id: ross, name: Ross, gender: m}
  - {id: crane, name: Crane, gender: f}
"""
DEATH = "INT. A - DAY [[cast: ROSS, CRANE]]\n\nA shot. [[dies: CRANE]]\n\nINT. B - DAY\n\nCRANE\nHi.\n"


def story(tmp_path: Path, bible: str | None = BIBLE, **scripts: str) -> Path:
    if bible is not None:
        (tmp_path / "bible.yaml").write_text(bible, "utf-8")
    for name, text in scripts.items():
        (tmp_path / f"{name}.fountain").write_text(text, "utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, ["check", *args])


def test_clean_story_exits_0(tmp_path):
    folder = story(tmp_path, outline="INT. A - DAY [[cast: ROSS]]\n\nCRANE\nHi.\n")
    result = run(str(folder))
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings in 1 file (1 scene)" in result.output


def test_errors_exit_1_with_compiler_like_lines(tmp_path):
    folder = story(tmp_path, outline=DEATH)
    result = run(str(folder))
    assert result.exit_code == 1, result.output
    path = (folder / "outline.fountain").as_posix()
    assert result.stdout == (f"{path}:7:1: error CB201 CRANE appears after her death in scene 1 (unnumbered) "
                             f"(outline.fountain:3) [dead-character-present]\n")


def test_warnings_fail_only_with_strict(tmp_path):
    folder = story(tmp_path, outline="INT. A - DAY [[cast: ROSS]]\n")  # Crane is in no scene: CB401
    assert run(str(folder)).exit_code == 0
    result = run(str(folder), "--strict")
    assert result.exit_code == 1, result.output
    assert "CB401" in result.output


def test_scripts_are_read_in_bible_order_across_files(tmp_path):
    bible = BIBLE + "scripts: [b.fountain, a.fountain]\n"
    folder = story(tmp_path, bible, a="INT. LATER - DAY\n\nCRANE\nHi.\n", b="INT. FIRST - DAY [[dies: CRANE]]\n\n"
                   "ROSS\nNo.\n")
    result = check([folder])
    assert [s.id for s in result.scenes] == ["b.fountain#1", "a.fountain#2"]
    assert [(Path(d.file).name, d.code) for d in result.diagnostics] == [("a.fountain", "CB201")]


def test_folder_without_bible_reads_fountain_files_by_name(tmp_path):
    folder = story(tmp_path, None, b="INT. LATER - DAY\n\nCRANE\nHi.\n", a="INT. FIRST - DAY [[dies: CRANE]]\n")
    result = check([folder])
    assert [s.file for s in result.scenes] == [(folder / n).as_posix() for n in ("a.fountain", "b.fountain")]
    assert [d.code for d in result.diagnostics] == ["CB201"]


def test_a_file_without_bible_infers_the_cast_from_cues(tmp_path):
    path = story(tmp_path, None, draft="INT. A - DAY\n\nNOBODY\nHi.\n\nSOMEBODY (O.S.)\nHo.\n") / "draft.fountain"
    result = check([path])
    assert result.diagnostics == []
    assert result.scenes[0].cast == ["nobody", "somebody"]


def test_a_file_with_explicit_bible(tmp_path):
    story(tmp_path, outline="")
    draft = tmp_path / "elsewhere.fountain"
    draft.write_text("INT. A - DAY\n\nSMITH\nHi.\n", "utf-8")
    result = run(str(draft), "--bible", str(tmp_path / "bible.yaml"))
    assert result.exit_code == 1, result.output
    assert "CB101 SMITH names no one in the bible" in result.output


def test_suppression_in_a_scene(tmp_path):
    text = DEATH.replace("INT. B - DAY", "INT. B - DAY [[continuity: ignore CB2]]")
    assert check([story(tmp_path, outline=text)]).diagnostics == []


@pytest.mark.parametrize(("rules", "codes"), [
    ("rules: {CB201: warning}", [("CB201", "warning")]),
    ("rules: {dead-character-present: info}", [("CB201", "info")]),
    ("rules: {CB2: off}", []),
    ("rules: {CB201: off}", []),
    ("rules:\n  CB2: off\n  CB201: error", [("CB201", "error")]),
])
def test_rules_settings_in_the_bible(tmp_path, rules, codes):
    folder = story(tmp_path, BIBLE + rules + "\n", outline=DEATH)
    assert [(d.code, d.severity) for d in check([folder]).diagnostics] == codes


@pytest.mark.parametrize(("rules", "message"), [
    ("rules: {CB201: loud}", "bible: rules.CB201: 'loud' is not one of: error, warning, info, off"),
    ("rules: {CB999: off}", "bible: rules.CB999: no rule has this code or name; see `storybible rules`"),
])
def test_bad_rules_settings_are_bad_input(tmp_path, rules, message):
    folder = story(tmp_path, BIBLE + rules + "\n", outline=DEATH)
    result = run(str(folder))
    assert result.exit_code == 2, result.output
    assert result.output == f"storybible: {(folder / 'bible.yaml')}:7: {message}\n"


def test_bad_input_exits_2_with_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "binary.fountain").write_bytes(b"INT. A\x00\x01\x02")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "bible.yaml").write_text("title: [unclosed\n", "utf-8")
    for target, words in [("missing", "no such file or folder"), ("empty", "no bible.yaml and no .fountain"),
                          ("binary.fountain", "not a text file"), ("broken", "YAML does not parse")]:
        result = run(str(tmp_path / target))
        assert result.exit_code == 2, result.output
        assert words in result.output and "Traceback" not in result.output
        assert result.output.count("\n") == 1


def test_a_script_listed_in_the_bible_must_exist(tmp_path):
    folder = story(tmp_path, BIBLE + "scripts: [outline.fountain, missing.fountain]\n", outline="")
    with pytest.raises(BibleError, match=r"scripts\[1\]: 'missing.fountain' is not a file") as raised:
        check([folder])
    assert raised.value.line == 7


def test_no_paths_checks_every_story_under_bibles(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError):
        check()
    (tmp_path / "bibles" / "x").mkdir(parents=True)
    story(tmp_path / "bibles" / "x", outline=DEATH)
    assert [d.code for d in check().diagnostics] == ["CB201"]


def test_json_output(tmp_path):
    result = run(str(story(tmp_path, outline=DEATH)), "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["diagnostics", "summary"]
    assert list(data["diagnostics"][0]) == ["file", "line", "column", "code", "rule", "severity", "message"]
    assert data["summary"] == {"files": 1, "scenes": 2, "errors": 1, "warnings": 0, "infos": 0}


def test_stats_shows_who_is_in_which_scene(tmp_path):
    result = CliRunner().invoke(cli, ["stats", str(story(tmp_path, outline=DEATH))])
    assert result.exit_code == 0, result.output
    assert "INT. A - DAY: Ross, Crane" in result.output
    assert "INT. B - DAY: Crane" in result.output


def test_rules_command_lists_every_rule_with_an_example():
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0, result.output
    for rule in RULES.values():
        assert f"{rule.code} {rule.name} ({rule.severity})" in result.output
        assert rule.summary and rule.what and rule.why and rule.example


def test_scenes_carry_cast_deaths_and_locations(tmp_path):
    bible = BIBLE + "locations:\n  - {id: harbour, name: Harbour}\n"
    result = check([story(tmp_path, bible, outline="EXT. HARBOUR - DAY [[dies: CRANE]]\n\nROSS\nHi.\n")])
    [scene] = result.scenes
    assert (scene.cast, scene.deaths, scene.location) == (["ross"], ["crane"], "harbour")


@pytest.mark.skipif(not CORPUS_FILES, reason=f"shared corpora not found at {CORPORA}")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(CORPORA)))
def test_public_scripts_check_without_errors_when_no_bible_is_given(path):
    result = check([path])
    assert result.errors == 0, [d for d in result.diagnostics if d.severity == "error"]
