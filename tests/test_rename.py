"""storybible rename: the bible's name, every cue, note and capitalised mention; a diff; backups."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES
from toolkit.cli import cli
from toolkit.continuity.check import check
from toolkit.editor.rename import plan_rename, script_replacements
from toolkit.errors import InputError
from toolkit.model.bible_edits import (
    add_character,
    apply_replacements,
    rename_character,
)

STORY = FIXTURES / "lsp" / "harbour"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "harbour"
    shutil.copytree(STORY, folder)
    return folder


def renamed(text: str, old: str, new: str, longer=()) -> str:
    return apply_replacements(text, script_replacements(text, old, new, list(longer)))


@pytest.mark.parametrize("text, expected", [
    ("MARA (V.O.)\nHello.", "NELL (V.O.)\nHello."),  # a cue keeps its extension
    ("@MARA ^\nHi.", "@NELL ^\nHi."),
    ("[[cast: BRANDT, MARA]]", "[[cast: BRANDT, NELL]]"),
    ("[[dies: mara]]", "[[dies: Nell]]"),  # names in notes in any case
    ("Mara's boat. Maras Boot.", "Nell's boat. Nells Boot."),  # genitives keep their ending
    ("Amara and Marabel stay.", "Amara and Marabel stay."),  # other words are left alone
    ("the mara is an animal", "the mara is an animal"),  # lower case in prose is no name
    ("DIA-Mara and Mara-Ann", "DIA-Mara and Mara-Ann"),  # parts of compounds too
])
def test_script_replacements(text, expected):
    assert renamed(text, "Mara", "Nell") == expected


def test_a_longer_name_holding_the_old_one_is_left_alone():
    assert renamed("A. J. ROSS meets ROSS.", "Ross", "Alan Ross", ["A. J. Ross"]) == "A. J. ROSS meets ALAN ROSS."


def test_line_endings_survive():
    assert renamed("MARA\r\nHi.\r\n", "Mara", "Nell") == "NELL\r\nHi.\r\n"


def test_the_name_changes_and_stays_an_alias(story: Path):
    plan = plan_rename(story, "Mara Vell", "Mara Nell")
    bible = next(edit for edit in plan.edits if edit.path.name == "bible.yaml")
    assert "    name: Mara Nell\n    aliases: [Mara, Mara Vell]\n" in bible.new_text
    assert [edit.path.name for edit in plan.edits] == ["bible.yaml"]  # the script only says MARA


def test_an_alias_renamed_renames_the_scripts_and_joins_the_aliases(story: Path):
    plan = plan_rename(story, "mara", "Nell")
    script, bible = plan.edits
    assert script.new_text.count("NELL") == 4 and "MARA" not in script.new_text
    assert "name: Mara Vell\n    aliases: [Mara, Nell]\n" in bible.new_text


@pytest.mark.parametrize("old, new, message", [
    ("Nobody", "Nell", "'Nobody' is no name, alias or id of a character in the bible"),
    ("Mara", "Brandt", "'Brandt' is already a name of 'oskar-brandt'"),
    ("Mara", "Nell, Mara", "'Nell, Mara' cannot be a name"),
])
def test_refusals(story: Path, old, new, message):
    with pytest.raises(InputError, match=message):
        plan_rename(story, old, new)


def test_cli_dry_run_prints_a_diff_and_writes_nothing(story: Path):
    before = {p.name: p.read_bytes() for p in story.iterdir()}
    result = CliRunner().invoke(cli, ["rename", str(story), "Oskar Brandt", "Oskar Brand", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"--- {story / 'bible.yaml'}" in result.output
    assert "-    name: Oskar Brandt\n-    aliases: [Oskar, Brandt]\n+    name: Oskar Brand\n" in result.output
    assert {p.name: p.read_bytes() for p in story.iterdir()} == before


def test_cli_writes_with_backups_and_the_story_still_checks(story: Path):
    before = check([story])
    result = CliRunner().invoke(cli, ["rename", str(story), "Mara", "Nell"])
    assert result.exit_code == 0, result.output
    assert "renamed Mara to Nell: 5 changes in 2 files" in result.output
    backups = sorted(p.name for p in story.glob("*.bak"))
    assert len(backups) == 2 and backups[0].startswith("bible.") and backups[1].startswith("draft.")
    assert "NELL" in (story / "draft.fountain").read_text("utf-8")
    after = check([story])
    assert [(d.code, d.line) for d in after.diagnostics] == [(d.code, d.line) for d in before.diagnostics]


def test_cli_refusal_is_one_line_and_exit_2(story: Path):
    result = CliRunner().invoke(cli, ["rename", str(story), "Nobody", "Nell"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "no name, alias or id" in result.output


@pytest.mark.parametrize("bible, expected", [
    ("characters:\n  - id: a\n    name: A\n", "characters:\n  - id: a\n    name: B\n    aliases: [A]\n"),
    ("characters:\n  - {id: a, name: A}\n", "characters:\n  - {id: a, name: B, aliases: [A]}\n"),
    ("characters:\n  - id: a\n    name: A\n    aliases:\n      - Ay\n",
     "characters:\n  - id: a\n    name: B\n    aliases:\n      - Ay\n      - A\n"),
    ("characters:\n  - id: a\n    name: A  # hero\n    aliases: []\n",
     "characters:\n  - id: a\n    name: B  # hero\n    aliases: [A]\n"),
    ("characters:\n  - id: a\n    name: A\n    aliases: [Ay]\n", "characters:\n  - id: a\n    name: B\n    aliases: [Ay, A]\n"),
])
def test_bible_rename_keeps_the_layout(bible, expected):
    assert apply_replacements(bible, rename_character(bible, "a", "B", "A")) == expected


@pytest.mark.parametrize("bible, expected", [
    ("characters:\n  - id: a\n    name: A\n", "characters:\n  - id: a\n    name: A\n  - {id: o-neil, name: O'Neil, gender: unknown}\n"),
    ("characters: []\n", "characters: [{id: o-neil, name: O'Neil, gender: unknown}]\n"),
    ("title: T\n", "title: T\ncharacters:\n  - {id: o-neil, name: O'Neil, gender: unknown}\n"),
])
def test_add_character(bible, expected):
    assert apply_replacements(bible, [add_character(bible, "O'Neil")]) == expected


GERMAN_BIBLE = """format: storybible/1
title: Martins letzte Fahrt
language: de
scripts: [akt1.fountain]
characters:
  - id: julio-martin
    name: Julio Martin
    aliases: [Martin]
    gender: m
    summary: 'Julio Martin fährt Martins Wagen; Wolf hilft ihm.'
  - id: wolf
    name: Wolf
    gender: m
    summary: Ein Fahrer. Er hält sich einen Wolf als Haustier.
  - id: ross
    name: Ross
    gender: m
"""
GERMAN_SCRIPT = """Title: Martins letzte Fahrt

INNEN. BÜRO – TAG #1#

[[Figuren: MARTIN, WOLF, ROSS]]

MARTIN (V.O.)
Wo ist Ross‘ Wagen?

ROSS (FORTS.)
Wolf holt ihn.

Wolf steigt ein. Der Wolf heult draußen. Martins Hut liegt bei Julio Martin.
"""


@pytest.fixture
def german(tmp_path: Path) -> Path:
    folder = tmp_path / "fahrt"
    folder.mkdir()
    (folder / "bible.yaml").write_text(GERMAN_BIBLE, "utf-8")
    (folder / "akt1.fountain").write_text(GERMAN_SCRIPT, "utf-8")
    return folder


def _new_texts(plan) -> dict[str, str]:
    return {edit.path.name: edit.new_text for edit in plan.edits}


def test_full_name_and_its_parts_in_one_run_with_german_genitives(german: Path):
    texts = _new_texts(plan_rename(german, "Julio Martin", "Jules Marx"))
    script, bible = texts["akt1.fountain"], texts["bible.yaml"]
    assert "[[Figuren: MARX, WOLF, ROSS]]" in script
    assert "MARX (V.O.)\n" in script  # the cue that means him, extension kept
    assert "Marx' Hut liegt bei Jules Marx." in script  # German: a name in -x takes an apostrophe
    assert "Title: Marx' letzte Fahrt" in script
    assert "title: Marx' letzte Fahrt" in bible  # the bible's title too
    assert "summary: 'Jules Marx fährt Marx'' Wagen; Wolf hilft ihm.'" in bible  # quoting kept valid
    assert "name: Jules Marx\n    aliases: [Marx, Julio Martin]" in bible
    assert "Martin" not in script


@pytest.mark.parametrize("old, new, before, after", [
    ("Ross", "Rossi", "Wo ist Ross‘ Wagen?", "Wo ist Rossis Wagen?"),
    ("Ross", "Voss", "Wo ist Ross‘ Wagen?", "Wo ist Voss‘ Wagen?"),
    ("Martin", "Marx", "Martins Hut", "Marx' Hut"),
])
def test_german_genitives(german: Path, old, new, before, after):
    script = _new_texts(plan_rename(german, old, new))["akt1.fountain"]
    assert before not in script and after in script


def test_english_possessives():
    text = "Ross' car. Mara's boat."
    assert renamed(text, "Ross", "Rossi") == "Rossi's car. Mara's boat."
    assert renamed(text, "Mara", "Marx") == "Ross' car. Marx's boat."


def test_an_ordinary_noun_is_left_as_is_and_listed(german: Path):
    plan = plan_rename(german, "Wolf", "Fuchs")
    texts = _new_texts(plan)
    script = texts["akt1.fountain"]
    assert "Fuchs steigt ein. Der Wolf heult draußen." in script  # a name at the start, the noun after "der"
    assert "[[Figuren: MARTIN, FUCHS, ROSS]]" in script and "Fuchs holt ihn." in script
    assert "einen Wolf als Haustier" in texts["bible.yaml"] and "Fuchs hilft ihm" in texts["bible.yaml"]
    result = CliRunner().invoke(cli, ["rename", str(german), "Wolf", "Fuchs", "--dry-run"])
    assert result.exit_code == 0, result.output
    left = [line for line in result.output.splitlines() if line.startswith("left as is:")]
    assert left == [(f"left as is: {german / 'akt1.fountain'}:13: Wolf steigt ein. Der Wolf heult draußen. "
                     "Martins Hut liegt bei Julio Martin."),
                    (f"left as is: {german / 'bible.yaml'}:14: summary: Ein Fahrer. Er hält sich einen Wolf als "
                     "Haustier.")]
