"""A writer's ordinary edits: inserted scenes, a draft beside the bible, a second file, stats for scheduling."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEED_NAMES, SEEDS
from toolkit.cli import cli
from toolkit.continuity.check import check
from toolkit.expansion.expand import expand_story
from toolkit.model.bible import read_bible

BIBLE = """format: storybible/1
title: Entwurf
language: de
characters:
  - {id: sorokin, name: Sorokin, gender: m}
  - {id: valeska, name: Valeska, gender: f, fate: {status: killed, scene: "2"}}
"""
DRAFT = """.INNEN. KÜCHE – TAG #1#

SOROKN
Wo ist das Geld?

VALESKA
Weg.

.AUSSEN. HOF – NACHT #2#

Ein Schuss. [[stirbt: VALESKA]]

.INNEN. FLUR – NACHT #3#

VALESKA
Ich bin wieder da.
"""


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    root = tmp_path_factory.mktemp("seeds")
    return {name: expand_story(SEEDS / f"{name}.de.txt", root / name) for name in SEED_NAMES}


def _scene_of(result, diagnostic) -> str:
    """The scene number a diagnostic is in (or its bible line), which an insertion must not change."""
    scenes = [s for s in result.scenes if s.file == diagnostic.file and s.line <= diagnostic.line]
    return scenes[-1].label if scenes else f"line {diagnostic.line}"


def _findings(result) -> list[tuple[str, str, str]]:
    return sorted((d.code, _scene_of(result, d), re.sub(r"\S+:\d+", "", d.message)) for d in result.diagnostics)


def _insert_scenes(text: str, deaths: list[str], cue: str) -> str:
    """A scene at the top and one just before each scene with a death, as a writer adds them: unnumbered."""
    first = text.index("\n.") + 1
    text = text[:first] + f".INNEN. NEUER ANFANG – TAG\n\n[[Figuren: {cue}]]\n\n{cue}\nEs beginnt.\n\n" + text[first:]
    for number in deaths:
        heading = re.search(rf"^\..*#{re.escape(number)}#$", text, re.MULTILINE)
        text = (text[:heading.start()] + f".INNEN. EINGEFÜGT VOR {number} – NACHT\n\nEin Flur.\n\n"
                + text[heading.start():])
    return text


@pytest.mark.parametrize("name", SEED_NAMES)
def test_inserting_scenes_changes_no_death_diagnostic(seeds, name):
    folder = seeds[name].folder
    story = seeds[name].story
    outline = folder / "outline.fountain"
    original = outline.read_text("utf-8")
    before = check([folder])
    deaths = sorted({c.fate.scene for c in story.characters if c.fate.scene}, key=int)
    cue = next(s.scene_number for s in story.scenes if s.cast)
    living = next(s.cast[0] for s in story.scenes if s.cast)
    try:
        outline.write_text(_insert_scenes(original, deaths, story.character(living).name.upper()), "utf-8")
        after = check([folder])
    finally:
        outline.write_text(original, "utf-8")
    assert cue and len(after.scenes) == len(before.scenes) + 1 + len(deaths)
    assert _findings(after) == _findings(before)


def test_a_death_stays_with_its_scene_when_scenes_are_inserted_before_it(tmp_path):
    """Before scene numbers, two inserted scenes moved the bible's death two scenes back: false CB201s."""
    (tmp_path / "bible.yaml").write_text(BIBLE.replace("SOROKN", "SOROKIN"), "utf-8")
    inserted = DRAFT.replace("SOROKN", "SOROKIN").replace(
        ".AUSSEN. HOF", ".INNEN. NEU – TAG\n\nVALESKA\nNoch da.\n\n.INNEN. NEU ZWEI – TAG\n\nVALESKA\nImmer noch.\n\n"
        ".AUSSEN. HOF")
    (tmp_path / "outline.fountain").write_text(inserted, "utf-8")
    result = check([tmp_path])
    lines = inserted.splitlines()
    back, shot = lines.index("Ich bin wieder da.") + 1 - 1, lines.index("Ein Schuss. [[stirbt: VALESKA]]") + 1
    assert [(d.code, d.line) for d in result.diagnostics] == [("CB201", back)]
    assert f"death in scene 2 (outline.fountain:{shot})" in result.diagnostics[0].message


def test_an_older_bible_names_scenes_by_position_and_is_told_so(tmp_path):
    (tmp_path / "bible.yaml").write_text(BIBLE.replace('scene: "2"', 'scene: "outline.fountain#2"'), "utf-8")
    (tmp_path / "outline.fountain").write_text(DRAFT.replace("SOROKN", "SOROKIN").replace(" #2#", ""), "utf-8")
    bible = read_bible(tmp_path / "bible.yaml")
    from toolkit.continuity.check import check_scripts

    result = check_scripts([tmp_path / "outline.fountain"], bible, whole_story=True)
    assert [d.code for d in result.diagnostics] == ["CB201"]
    assert [item.kind for item in bible.story.review] == ["scene_reference"]
    assert "read as the scene at outline.fountain:9 (AUSSEN. HOF – NACHT)" in bible.story.review[0].message


def test_check_of_a_file_uses_the_nearest_bible(tmp_path):
    """A draft beside bible.yaml passed silently: the bible was read only with --bible."""
    (tmp_path / "bible.yaml").write_text(BIBLE, "utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "draft.fountain").write_text(DRAFT, "utf-8")
    result = invoke("check", str(drafts / "draft.fountain"))
    assert result.exit_code == 1, result.output
    assert {line.split()[2] for line in result.stdout.splitlines()} == {"CB102", "CB201"}
    assert f"checked against {(tmp_path / 'bible.yaml').as_posix()}" in result.stderr
    alone = invoke("check", "--no-bible", str(drafts / "draft.fountain"))
    assert "without a bible" in alone.stderr and "CB102" not in alone.stdout
    other = tmp_path / "other.yaml"
    other.write_text(BIBLE.replace("Sorokin", "Sorokn").replace('status: killed, scene: "2"', 'status: alive'), "utf-8")
    overridden = invoke("check", "--bible", str(other), str(drafts / "draft.fountain"))
    assert overridden.exit_code == 1 and "CB202" in overridden.stdout and "CB102" not in overridden.stdout
    stats = invoke("stats", str(drafts / "draft.fountain"))
    assert "Valeska" in stats.stdout and "checked against" in stats.stderr


def test_every_fountain_file_of_a_story_folder_is_read(tmp_path):
    """A second .fountain file was ignored unless listed under scripts:."""
    (tmp_path / "bible.yaml").write_text(BIBLE.replace("SOROKN", "SOROKIN") + "scripts: [outline.fountain]\n",
                                         "utf-8")
    (tmp_path / "outline.fountain").write_text(DRAFT.replace("SOROKN", "SOROKIN").split(".INNEN. FLUR")[0], "utf-8")
    (tmp_path / "later.fountain").write_text(".INNEN. FLUR – NACHT #3#\n\nVALESKA\nIch bin wieder da.\n", "utf-8")
    result = check([tmp_path])
    assert [(Path(d.file).name, d.code, d.severity) for d in result.diagnostics] == [
        ("later.fountain", "CB002", "info"), ("later.fountain", "CB201", "error")]
    assert [s.scene_number for s in result.scenes] == ["1", "2", "3"]


def test_stats_formats_for_scheduling_software(tmp_path):
    (tmp_path / "bible.yaml").write_text(BIBLE.replace('fate: {status: killed, scene: "2"}', "fate: {status: alive}"),
                                         "utf-8")
    (tmp_path / "outline.fountain").write_text(DRAFT.replace("SOROKN", "SOROKIN").replace(" #3#", ""), "utf-8")
    data = json.loads(invoke("stats", str(tmp_path), "--format", "json").stdout)
    assert [(s["scene"], s["position"], s["characters"]) for s in data["scenes"]] == [
        ("1", 1, ["Sorokin", "Valeska"]), ("2", 2, []), (None, 3, ["Valeska"])]
    assert {c["name"]: (c["scenes"], c["first"], c["last"], c["count"]) for c in data["characters"]} == {
        "Valeska": (["1", "@3"], "1", "@3", 2), "Sorokin": (["1"], "1", "1", 1)}
    tables = invoke("stats", str(tmp_path), "--format", "csv").stdout.split("\n\n")
    scenes = list(csv.DictReader(io.StringIO(tables[0])))
    characters = list(csv.DictReader(io.StringIO(tables[1])))
    assert next((r["scene"], r["heading"], r["characters"]) for r in scenes) == ("1", "INNEN. KÜCHE – TAG",
                                                                               "Sorokin; Valeska")
    assert [(r["character"], r["count"], r["first"], r["last"]) for r in characters] == [
        ("Valeska", "2", "1", "@3"), ("Sorokin", "1", "1", "1")]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_a_fresh_outline_checks_clean_and_stats_report_its_cast_notes(seeds, name):
    """expand wrote mentioned-only names in capitals, so stats disagreed with the outline's own cast notes."""
    folder = seeds[name].folder
    outline = (folder / "outline.fountain").read_text("utf-8")
    assert outline.count("[[Figuren:") == len(re.findall(r"^\..*#\d+#$", outline, re.MULTILINE))
    assert check([folder]).diagnostics == []
    result = check([folder], every_presence=True)
    bible = read_bible(folder / "bible.yaml")
    from toolkit.model.names import NameIndex

    index = NameIndex.from_story(bible.story)
    for scene in result.scenes:
        noted = {index.lookup(m.name) for m in scene.mentions if m.via == "cast"}
        assert set(scene.cast) == noted, scene.heading


def _outline(tmp_path: Path, text: str, language: str = "de") -> str:
    seed = tmp_path / f"story.{language}.txt"
    seed.write_text(text, "utf-8")
    return (expand_story(seed, tmp_path / "story").folder / "outline.fountain").read_text("utf-8")


def _headings(outline: str) -> list[str]:
    return re.findall(r"^\.?((?:[A-ZÄÖÜ]).*) #\d+#$", outline, re.MULTILINE)


def test_headings_give_the_time_of_day_and_never_a_destination_or_target(tmp_path):
    outline = _outline(tmp_path, "Lena Kowalski kehrt von einer Reise nach Berlin nach Hamburg zurück. "
                                 "In der Nacht wartet Lena Kowalski in einer Lagerhalle in Hamburg.\n\n"
                                 "Tom Berger plant einen Anschlag auf die Londoner Innenstadt.\n")
    headings = _headings(outline)
    assert not any("BERLIN" in h or "INNENSTADT" in h for h in headings), headings
    assert any(h.endswith("– NACHT") and "LAGERHALLE" in h for h in headings), headings
    assert "ORT OFFEN" not in outline, headings


def test_headings_in_english_give_the_time_of_day(tmp_path):
    outline = _outline(tmp_path, "At night, Lena Kowalski waits in a warehouse in Hamburg. "
                                 "Lena Kowalski hears a shot.\n\nTom Berger plans an attack on the London docks.\n",
                       "en")
    headings = _headings(outline)
    assert headings[0].endswith("NIGHT") and "WAREHOUSE" in headings[0], headings
    assert outline.count("= ") >= 3 and len(headings) == 2, headings


def test_prose_is_read_as_prose(tmp_path):
    """A dead character acting in plain action, and affiliations told in a relative clause or an
    adverbial, passed unnoticed."""
    (tmp_path / "bible.yaml").write_text("""format: storybible/1
title: Prosa
language: de
characters:
  - {id: kessler, name: Kessler, gender: m, affiliations: [{org: bnd, status: current}],
     fate: {status: killed, scene: "1"}}
  - {id: vera, name: Vera, gender: f, affiliations: [{org: bnd, status: current}]}
organisations:
  - {id: bnd, name: Bundesnachrichtendienst, abbreviation: BND, kind: agency}
  - {id: mossad, name: Mossad, kind: agency}
  - {id: bka, name: Bundeskriminalamt, abbreviation: BKA, kind: police}
""", "utf-8")
    (tmp_path / "outline.fountain").write_text(
        ".INNEN. KELLER – NACHT #1# [[Figuren: KESSLER, VERA]]\n\nEin Schuss. [[stirbt: KESSLER]]\n\n"
        ".AUSSEN. HOF – TAG #2# [[Figuren: VERA]]\n\nKessler steigt in den Wagen.\n\n"
        "Vera, die mittlerweile für den Mossad spioniert, raucht.\n\n"
        ".INNEN. KELLER – NACHT #3# [[Rückblende]]\n\nKessler, wieder zurück beim BKA, lädt die Waffe.\n", "utf-8")
    found = [(d.code, d.line) for d in check([tmp_path]).diagnostics]
    assert found == [("CB201", 7), ("CB301", 9), ("CB301", 13)]


def test_bible_and_no_bible_together_are_a_usage_error(tmp_path):
    (tmp_path / "bible.yaml").write_text(BIBLE, "utf-8")
    (tmp_path / "draft.fountain").write_text(DRAFT, "utf-8")
    for command in ("check", "stats"):
        result = invoke(command, "--bible", str(tmp_path / "bible.yaml"), "--no-bible", str(tmp_path / "draft.fountain"))
        assert result.exit_code == 2 and "not both" in result.output


def test_the_bible_found_is_named_as_the_writer_would(tmp_path, monkeypatch):
    (tmp_path / "bible.yaml").write_text(BIBLE, "utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "draft.fountain").write_text(DRAFT, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert "checked against bible.yaml\n" in invoke("check", "drafts/draft.fountain").stderr


def test_the_summary_counts_notes_about_unlisted_scripts(tmp_path):
    (tmp_path / "bible.yaml").write_text(BIBLE.replace("SOROKN", "SOROKIN") + "scripts: [outline.fountain]\n", "utf-8")
    (tmp_path / "outline.fountain").write_text(".INNEN. KÜCHE – TAG #1#\n\nSOROKIN\nJa.\n", "utf-8")
    (tmp_path / "later.fountain").write_text(".INNEN. FLUR – TAG #2#\n\nVALESKA\nNein.\n", "utf-8")
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 0 and result.stderr.endswith("0 errors, 0 warnings, 1 note in 2 files (2 scenes)\n")
