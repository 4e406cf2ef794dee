"""The breakdown: a row per scene of the fixture stories as expected, its formats and its parts."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.continuity.breakdown import breakdown, cast_numbers
from toolkit.continuity.breakdown_formats import (
    CSV_COLUMNS,
    format_breakdown,
    spreadsheet_safe,
)
from toolkit.continuity.day_phrases import day_step
from toolkit.continuity.headings import split_heading
from toolkit.continuity.page_length import (
    A4,
    LETTER,
    eighths,
    format_eighths,
    scene_lines,
    wrapped,
)
from toolkit.continuity.sets import SetIndex

FIXTURES = Path(__file__).parent / "fixtures" / "breakdown"
STORIES = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
FIELDS = ("set", "time", "story_day", "day_source", "day_gap")


def _expected(story: Path) -> list[dict]:
    return yaml.safe_load((story / "expected.yaml").read_text("utf-8"))


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.name)
def test_every_scene_gets_its_expected_set_time_and_story_day(story):
    rows = breakdown(story).rows
    expected = _expected(story)
    assert [row.scene for row in rows] == [e["scene"] for e in expected]
    for row, want in zip(rows, expected):
        got = {"set": row.set, "time": row.time, "story_day": row.story_day, "day_source": row.day_source,
               "day_gap": row.day_gap}
        assert got == {key: want.get(key) for key in FIELDS}, f"scene {row.scene}"


def test_the_fixtures_cover_every_transition_form_and_the_traps():
    texts = "\n".join(p.read_text("utf-8") for story in STORIES for p in story.glob("*.fountain"))
    for form in ("AM NÄCHSTEN MORGEN", "DREI TAGE SPÄTER", "Eine Woche später", "WOCHEN SPÄTER", "THE NEXT DAY",
                 "TWO DAYS LATER", "Months later", "- LATER", "CONTINUOUS", "SAME TIME", "GLEICHZEITIG",
                 "DURCHGEHEND", "RÜCKBLENDE", "FLASHBACK", "[[Tag: 1]]", "[[day: 9]]"):
        assert form in texts, form
    sources = {e["day_source"] for story in STORIES for e in _expected(story)}
    assert sources == {"note", "transition", "inferred", "carried", "first", None}


def test_cast_numbers_go_by_the_scenes_a_character_is_in():
    data = breakdown(FIXTURES / "serie-de")
    assert data.cast[:3] == [(1, "Anna"), (2, "Bernd"), (3, "Anja")]
    first = data.rows[0]
    assert first.cast == [(1, "Anna"), (2, "Bernd")] and first.mentioned == ["Claudia"]
    assert cast_numbers([["b"], ["a", "b"], ["a"], ["c", "a"]]) == {"a": 1, "b": 2, "c": 3}


def test_json_has_the_contract_keys():
    data = json.loads(format_breakdown(breakdown(FIXTURES / "feature-en"), "json"))
    first, unknown = data["scenes"][0], data["scenes"][11]
    for key in ("scene", "file", "line", "int_ext", "set", "time", "story_day", "day_source", "eighths", "cast",
                "mentioned"):
        assert key in first
    assert "day_gap" not in first and unknown["day_gap"] == "unknown"
    assert first["cast"] == [{"number": 1, "name": "John"}] and first["line"] == 4
    assert data["scenes"][6]["story_day"] is None


def test_csv_opens_as_a_table_with_a_byte_order_mark_and_no_formula_cells(tmp_path):
    (tmp_path / "script.fountain").write_text("INT. =HYPERLINK(1) - NIGHT\n\nANNA waits.\n\n"
                                              "EXT. +CALL - DAY\n\nANNA leaves.\n", "utf-8")
    text = format_breakdown(breakdown(tmp_path / "script.fountain"), "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["set"] for row in rows] == ["'=HYPERLINK(1)", "'+CALL"]
    assert spreadsheet_safe("-1") == "'-1" and spreadsheet_safe("@SUM") == "'@SUM" and spreadsheet_safe("KÜCHE") == "KÜCHE"


def test_the_command_writes_rows_and_fails_in_one_line_on_a_missing_story(tmp_path):
    runner = CliRunner()
    done = runner.invoke(cli, ["breakdown", str(FIXTURES / "serie-de"), "--format", "csv"])
    assert done.exit_code == 0 and done.output.count("\n") == 22
    missing = runner.invoke(cli, ["breakdown", str(tmp_path / "nothing")])
    assert missing.exit_code == 2 and "nothing" in missing.output and "Traceback" not in missing.output


@pytest.mark.parametrize("text, days, unknown", [
    ("AM NÄCHSTEN MORGEN", 1, False), ("DREI TAGE SPÄTER", 3, False), ("Eine Woche später.", 7, False),
    ("ZWEI WOCHEN SPÄTER", 14, False), ("WOCHEN SPÄTER", 1, True), ("THE NEXT DAY", 1, False),
    ("TWO DAYS LATER", 2, False), ("10 days later", 10, False), ("MONTHS LATER", 1, True)])
def test_day_phrases_give_their_distance(text, days, unknown):
    step = day_step(text)
    assert (step.days, step.unknown) == (days, unknown)


@pytest.mark.parametrize("text", ["LATER", "SPÄTER", "MOMENTS LATER", "Am Abend", "THAT NIGHT"])
def test_the_same_day_moves_no_day(text):
    assert day_step(text) is None


def test_headings_come_apart_into_int_ext_place_and_time():
    heading = split_heading("INT. JOHN'S FLAT - KITCHEN - NIGHT - CONTINUOUS")
    assert (heading.int_ext, heading.place, heading.time.time, heading.stated.time, heading.continues) == \
        ("INT", "JOHN'S FLAT - KITCHEN", "CONTINUOUS", "NIGHT", True)
    german = split_heading("RÜCKBLENDE – AUSSEN. WALD – NACHT")
    assert (german.int_ext, german.place, german.time.time) == ("EXT", "WALD", "NACHT")
    assert split_heading("USA").time is None and split_heading("INNEN/AUSSEN. AUTO – TAG").int_ext == "INT/EXT"
    assert split_heading("INNEN. KÜCHE – DREI TAGE SPÄTER").place == "KÜCHE"
    later = split_heading("EXT. PIER - DAY - TWO DAYS LATER")
    assert (later.place, later.time.time, later.rest) == ("PIER", "DAY", "TWO DAYS LATER")
    assert split_heading("INT HOUSE DAY").place == "HOUSE" and split_heading("INT - HOUSE - DAY").int_ext == "INT"


def test_sets_fold_case_and_accents_but_keep_numbered_rooms_apart():
    sets = SetIndex(["KÜHLHAUS", "Kühlhaus", "KUHLHAUS", "ZIMMER 12", "ZIMMER 13"])
    assert sets.name_of("Kühlhaus") == sets.name_of("KUHLHAUS") == "KÜHLHAUS"
    assert sets.name_of("ZIMMER 13") == "ZIMMER 13"
    assert [(v.written, v.meant) for v in sets.variants()] == [("KUHLHAUS", "KÜHLHAUS")]


def test_page_length_counts_wrapped_lines_and_eighths():
    assert wrapped("word " * 30, 61) == 3 and wrapped("short", 35) == 1
    scene = ["INT. ROOM - DAY", "", "Action " * 20, "", "ANNA", "(quietly)", "Hello " * 10]
    # 2 before the heading, the heading, blank, 3 action lines, blank, cue, parenthetical, 2 dialogue lines
    assert scene_lines(scene, LETTER) == 12
    assert eighths(1, LETTER) == 1 and eighths(55, LETTER) == 8 and eighths(57, A4) == 8
    assert format_eighths(11) == "1 3/8" and format_eighths(3) == "3/8" and format_eighths(16) == "2"


def test_the_stripboard_groups_strips_by_story_day_coloured_by_place_and_light():
    from toolkit.pdf.render import load_labels
    from toolkit.pdf.stripboard import day_starts, strip_colour, stripboard

    data = breakdown(FIXTURES / "serie-de")
    groups = stripboard(data, load_labels("de"))
    assert [g.title for g in groups[:4]] == ["Tag 1", "Tag 2", "Rückblende", "Tag 2"]
    assert [s.colour for s in groups[1].strips] == ["int-day", "ext-day", "int-day"]
    assert groups[2].strips[0].colour == "ext-night" and groups[0].strips[0].cast == "1 2"
    assert sum(len(g.strips) for g in groups) == len(data.rows)
    assert day_starts(data) == {2, 9, 10, 11, 12, 14, 18, 21}
    assert strip_colour(data.rows[11]) == "unknown"  # WOCHEN SPÄTER: no time of day, none carried over


@pytest.mark.parametrize("name, text, transitions, days", [
    ("zeit.de", ("Anna Berger trifft Bernd Keller nachts in einem Kühlhaus in Hamburg.\n\n"
                 "Am nächsten Morgen sitzt Anna allein in ihrer Küche in Hamburg. Drei Tage später fährt Bernd "
                 "nach Berlin.\n"),
     ["> AM NÄCHSTEN MORGEN", "> DREI TAGE SPÄTER"], [1, 2, 5]),
    ("time.en", ("Anna Berger meets Bernd Keller at night in a warehouse in Hamburg.\n\n"
                 "The next morning Anna sits alone in her kitchen in Hamburg. Two days later Bernd drives "
                 "to Berlin.\n"),
     ["> THE NEXT MORNING", "> TWO DAYS LATER"], [1, 2, 4])])
def test_expand_writes_the_transitions_the_synopsis_gives(tmp_path, name, text, transitions, days):
    from toolkit.expansion.expand import expand_story

    seed = tmp_path / f"{name}.txt"
    seed.write_text(text, "utf-8")
    expand_story(seed, tmp_path / name)
    outline = (tmp_path / name / "outline.fountain").read_text("utf-8")
    assert [line for line in outline.splitlines() if line.startswith(">")] == transitions
    assert [row.story_day for row in breakdown(tmp_path / name).rows] == days
