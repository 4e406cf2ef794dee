"""expand: bibles measured against the hand-made references, outlines that round-trip, safe rewrites."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES, SEED_NAMES, SEEDS
from toolkit.cli import cli
from toolkit.continuity.check import check
from toolkit.continuity.fountain_adapter import parse_fountain, validation_issues
from toolkit.expansion.expand import expand_story
from toolkit.model.bible import dump_bible, load_story, parse_bible_text
from toolkit.pdf.story_inputs import synopsis_path
from toolkit.text.synopsis import read_synopsis

THRESHOLDS = {"chars_f1": 0.9, "alias_recall": 0.8, "affil_org_acc": 0.8, "affil_status_acc": 0.7,
              "fate_acc": 0.8, "gender_acc": 0.8, "death_recall": 0.8, "death_precision": 0.8}
OWN_SYNOPSES = ["night-ferry", "red-harbour", "wiener-blut", "grauzone", "cold-harbour"]


@pytest.fixture(scope="module")
def expanded(tmp_path_factory):
    """Every seed and own synopsis expanded once into a temporary folder."""
    out = {}
    root = tmp_path_factory.mktemp("stories")
    for name in SEED_NAMES:
        out[name] = expand_story(SEEDS / f"{name}.de.txt", root / name)
    for name in OWN_SYNOPSES:
        seed = next((FIXTURES / "synopses").glob(f"{name}.*.txt"))
        out[name] = expand_story(seed, root / name)
    return out


def _score(scorer, expansion, gold_path):
    import yaml

    bible = yaml.safe_load((expansion.folder / "bible.yaml").read_text(encoding="utf-8"))
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    return scorer.score(bible, gold)


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_bible_reaches_the_reference_thresholds(expanded, scorer, name):
    scores = _score(scorer, expanded[name], FIXTURES / "gold" / f"{name}.gold.yaml")
    below = {k: round(scores[k], 2) for k, least in THRESHOLDS.items() if scores[k] < least}
    assert not below, f"{name}: {below}; missed {scores['missed']}, false {scores['false_positives']}"


@pytest.mark.parametrize("name", OWN_SYNOPSES)
def test_own_synopsis_reaches_the_thresholds(expanded, scorer, name):
    scores = _score(scorer, expanded[name], FIXTURES / "synopses" / f"{name}.gold.yaml")
    below = {k: round(scores[k], 2) for k, least in THRESHOLDS.items() if scores[k] < least}
    assert not below, f"{name}: {below}; missed {scores['missed']}, false {scores['false_positives']}"


@pytest.mark.parametrize("name", OWN_SYNOPSES)
def test_own_synopsis_relations_are_read(expanded, scorer, name):
    scores = _score(scorer, expanded[name], FIXTURES / "synopses" / f"{name}.gold.yaml")
    assert scores["relation_recall"] >= 0.9, name


@pytest.mark.parametrize("name", [*SEED_NAMES, *OWN_SYNOPSES])
def test_outline_keeps_every_sentence_once_and_parses_cleanly(expanded, name):
    expansion = expanded[name]
    text = (expansion.folder / "outline.fountain").read_text(encoding="utf-8")
    synopsis = read_synopsis(synopsis_path(expansion.story, expansion.folder))  # named from the story
    synopsis_lines = [line[2:] for line in text.split("\n") if line.startswith("= ")]
    assert synopsis_lines == [s.text for s in synopsis.sentences]
    assert validation_issues(text) == []
    document = parse_fountain(text)
    sections = [e.text for e in document.elements if e.type.value == "section"]
    assert len(sections) == len(synopsis.units)


@pytest.mark.parametrize("name", [*SEED_NAMES, *OWN_SYNOPSES])
def test_scenes_sections_and_cast_round_trip_through_the_checker(expanded, name):
    expansion = expanded[name]
    result = check([str(expansion.folder)])
    assert result.errors == 0, [d for d in result.diagnostics if d.severity == "error"]
    assert len(result.scenes) == len(expansion.story.scenes)
    for written, read in zip(expansion.story.scenes, result.scenes):
        assert set(written.cast) <= set(read.cast), read.heading
        assert set(written.deaths) <= set(read.deaths)


def test_a_cast_note_names_only_who_is_on_screen(expanded):
    """'unter dem Vorwand verhaftet, er habe Martin getötet': Martin is mentioned, not present."""
    story = expanded["ballistic-ecks-vs-sever"].story
    scene = next(s for s in story.scenes if any("er habe Martin getötet" in t for t in s.sentences))
    assert "julio-martin" not in scene.cast
    killed = next(s for s in story.scenes if "julio-martin" in s.deaths)
    assert story.character("julio-martin").fate.scene == killed.scene_number


def test_spelling_drift_is_folded_in_and_listed_for_review(expanded):
    story = expanded["ballistic-ecks-vs-sever"].story
    sever = story.character("sever")
    assert {"Sewers", "Sévers"} <= set(sever.aliases)
    assert any(item.kind == "spelling_variant" and "Sewers" in item.message for item in story.review)


def test_bible_written_and_read_back_is_equal(expanded):
    for expansion in expanded.values():
        story = load_story(expansion.folder / "bible.yaml")
        again = parse_bible_text(dump_bible(story), expansion.folder / "bible.yaml")
        assert again.problems == []
        assert again.story == story


def test_rerun_keeps_writer_edits_unless_forced(tmp_path):
    seed = SEEDS / "mi5-the-greater-good.de.txt"
    folder = tmp_path / "mi5"
    runner = CliRunner()
    first = runner.invoke(cli, ["expand", str(seed), "--out", str(folder)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(cli, ["expand", str(seed), "--out", str(folder)])
    assert again.exit_code == 0, again.output  # unchanged files may be rewritten
    outline = folder / "outline.fountain"
    outline.write_text(outline.read_text(encoding="utf-8") + "\nMy own scene.\n", encoding="utf-8")
    edited = outline.read_text(encoding="utf-8")
    refused = runner.invoke(cli, ["expand", str(seed), "--out", str(folder)])
    assert refused.exit_code == 2, refused.output
    assert "outline.fountain was changed" in refused.output
    assert outline.read_text(encoding="utf-8") == edited
    forced = runner.invoke(cli, ["expand", str(seed), "--out", str(folder), "--force"])
    assert forced.exit_code == 0, forced.output
    backups = list(folder.glob("outline.*.fountain.bak"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == edited


def test_build_expands_only_new_seeds(tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEEDS / "mi5-the-greater-good.de.txt", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["build", "--no-render"])
    assert result.exit_code == 0, result.output
    assert "expanded" in result.output
    bible = tmp_path / "bibles" / "mi5-the-greater-good" / "bible.yaml"
    bible.write_text(bible.read_text(encoding="utf-8").replace("title: MI-5", "title: MI-5 (edited)"),
                     encoding="utf-8")
    second = runner.invoke(cli, ["build", "--no-render"])
    assert second.exit_code == 0, second.output
    assert "expanded" not in second.output
    assert "MI-5 (edited)" in bible.read_text(encoding="utf-8")


def test_story_slug_stays_inside_bibles(tmp_path, monkeypatch):
    seed = tmp_path / "..%2F..%2Fx.txt"
    seed.write_text("---\ntitle: ../../x\n---\nDie Agentin Anna Berg trifft Karl Stein in Wien.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = expand_story(seed)
    assert result.folder.resolve().parent == (tmp_path / "bibles").resolve()


def test_committed_seed_stories_check_without_errors():
    """The worked example under bibles/ checks clean, as a writer would first see it."""
    from tests.conftest import ROOT

    for name in SEED_NAMES:
        folder = ROOT / "bibles" / name
        result = check([str(folder)])
        assert result.errors == 0, [d for d in result.diagnostics if d.severity == "error"]
        assert len(result.scenes) > 0


def test_an_ambiguous_rank_serves_where_the_storys_other_ranks_do(tmp_path):
    synopsis = tmp_path / "revier.en.txt"
    synopsis.write_text("DI Owen Marsh and Sgt. Lucy Hale reach the scene. Sgt. Lucy Hale follows a stranger.\n",
                        encoding="utf-8")
    story = expand_story(synopsis, tmp_path / "revier").story
    lucy = next(c for c in story.characters if c.name == "Lucy Hale")
    assert [(a.org, a.status) for a in lucy.affiliations] == [("police", "current")]
    assert any(item.kind == "implied_affiliation" for item in story.review)


def test_a_sergeant_of_a_story_without_police_ranks_belongs_to_nothing(tmp_path):
    synopsis = tmp_path / "kaserne.en.txt"
    synopsis.write_text("Sgt. Lucy Hale reaches the border. Lucy Hale follows a stranger.\n", encoding="utf-8")
    story = expand_story(synopsis, tmp_path / "kaserne").story
    assert all(not c.affiliations for c in story.characters)
