"""What a producer receives: the same PDF for the same inputs, the report in the story's language,
character sheets built from the bible, and quiet rendering without HarfBuzz's subsetter."""
from __future__ import annotations

import datetime
import logging
import os
import shutil
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from toolkit.continuity.check import check
from toolkit.model.bible import load_story
from toolkit.model.story import Character, Fate, ReviewItem, Scene, Story
from toolkit.pdf.character_sheet import MentionFinder, character_sheets, proper_aliases
from toolkit.pdf.render import load_labels, render_story, render_story_dir
from toolkit.pdf.report_text import diagnostic_message, review_line
from toolkit.pdf.source_date import source_date

ROOT = Path(__file__).resolve().parents[1]
CHECK_FIXTURES = ROOT / "tests" / "fixtures" / "check"
SEED_STORY = ROOT / "bibles" / "ballistic-ecks-vs-sever"
# Phrases of the checker's and the expander's English messages; none may reach a German PDF.
ENGLISH_PHRASES = (
    "names no one", "looks like a misspelling", "appears after", "is a former member", "is in no scene",
    "is no character id", "is no organisation id", "is a name of both", "the bible lists", "fix the",
    "could be", "taken as", "but the text also says", "did you mean", "member of", "remove them",
)
WHEN = datetime.datetime(2024, 5, 17, 9, 30, tzinfo=datetime.UTC)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _small_story() -> tuple[Story, list[Scene]]:
    story = Story(title="Night Shift", language="en", units="episodes",
                  unit_texts=["Ada Quill finds the ledger. Ben Roe hides it.", "Ben Roe kills Ada Quill."],
                  characters=[Character(id="ada", name="Ada Quill", aliases=["Ada", "Quills", "The Clerk"]),
                              Character(id="ben", name="Ben Roe", fate=Fate("alive")),
                              Character(id="cy", name="Cy", fate=Fate("killed", by="ben", scene="3"))])
    scenes = [Scene(id="a#1", number=1, file="a.fountain", line=3, heading="INT. ARCHIVE - NIGHT", section="Episode 1",
                    scene_number="1", synopsis=["Ada Quill finds the ledger."], cast=["ada"]),
              Scene(id="a#2", number=2, file="a.fountain", line=9, heading="INT. OFFICE - DAY", section="Episode 1",
                    scene_number="2", synopsis=["Ben Roe hides it from Ada."], cast=["ben", "ada"]),
              Scene(id="a#3", number=3, file="a.fountain", line=15, heading="EXT. DOCK - NIGHT", section="Episode 2",
                    scene_number="3", synopsis=["Ben Roe and Cy meet; Ben Roe shoots Cy."], cast=["ben", "cy"], deaths=["cy"])]
    return story, scenes


def test_two_renders_of_the_same_inputs_are_byte_identical(tmp_path):
    story, scenes = _small_story()
    first = render_story(story, scenes, [], tmp_path / "one.pdf", today=WHEN)
    time.sleep(1.1)  # a clock that leaked into the PDF would differ now
    second = render_story(story, scenes, [], tmp_path / "two.pdf", today=WHEN)
    assert first.pdf_path.read_bytes() == second.pdf_path.read_bytes()
    info = PdfReader(first.pdf_path).metadata
    assert info["/CreationDate"].startswith("D:20240517093000")
    assert info["/ModDate"] == info["/CreationDate"]


def test_source_date_epoch_wins(monkeypatch, tmp_path):
    (tmp_path / "bible.yaml").write_text("title: x\n", "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_date([tmp_path / "bible.yaml"]) == datetime.datetime(2023, 11, 14, 22, 13, 20,
                                                                       tzinfo=datetime.UTC)


def test_source_date_is_the_newest_modification_outside_git(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    older, newer = tmp_path / "bible.yaml", tmp_path / "outline.fountain"
    older.write_text("a", "utf-8")
    newer.write_text("b", "utf-8")
    os.utime(older, (1_600_000_000, 1_600_000_000))
    os.utime(newer, (1_650_000_000, 1_650_000_000))
    assert source_date([older, newer]).timestamp() == 1_650_000_000


def test_story_folder_renders_to_the_same_bytes_twice(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    story_dir = tmp_path / "story"
    shutil.copytree(SEED_STORY, story_dir, ignore=shutil.ignore_patterns("*.pdf"))
    render_story_dir(story_dir, tmp_path / "one.pdf")
    os.utime(story_dir / "bible.yaml")  # touching an input changes nothing while the epoch is set
    render_story_dir(story_dir, tmp_path / "two.pdf")
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


@pytest.mark.parametrize("fixture", sorted(p.name for p in CHECK_FIXTURES.iterdir()
                                           if p.name.endswith("-de") and not p.name.startswith("CB503")))
def test_every_finding_of_a_german_story_is_worded_in_german(fixture):
    story = load_story(CHECK_FIXTURES / fixture / "bible.yaml")
    labels = load_labels("de")
    findings = check([CHECK_FIXTURES / fixture]).diagnostics
    assert findings
    for finding in findings:
        message = diagnostic_message(finding, story, labels)
        assert message != finding.message, finding
        assert not [p for p in ENGLISH_PHRASES if p in message], message


def test_english_and_german_labels_have_the_same_keys():
    german, english = load_labels("de"), load_labels("en")

    def keys(data, prefix=""):
        found = set()
        for key, value in data.items():
            found.add(prefix + str(key))
            if isinstance(value, dict):
                found |= keys(value, f"{prefix}{key}.")
        return found

    assert keys(german) == keys(english)


def test_review_items_are_worded_in_the_story_language_with_file_and_line():
    labels = load_labels("de")
    story = Story(title="x", characters=[Character(id="kim", name="Kim")])
    item = ReviewItem("spelling_variant", "'Kimm' looks like a misspelling of 'Kim'", "seeds/x.de.txt")
    line = review_line(item, story, labels, ["Erste Zeile.", "Dort taucht Kimm auf."])
    assert line.kind == "Schreibvariante"
    assert line.where == "x.de.txt:2"
    assert "Kimm" in line.message and "misspelling" not in line.message


def test_sheets_come_in_order_of_importance_with_kills_and_arc():
    story, scenes = _small_story()
    sheets = character_sheets(story, scenes, load_labels("en"))
    assert [s.character.id for s in sheets] == ["ada", "ben", "cy"]
    ben = sheets[1]
    assert [(victim.id, scene.scene_number) for victim, scene in ben.victims] == [("cy", "3")]
    assert [line.unit for line in ben.arc] == ["Episode 1", "Episode 2"]
    assert "<b>Ben Roe</b> hides it" in str(ben.arc[0].text)
    assert "Ada Quill" not in str(ben.arc[0].text)  # Ada's sentence is not Ben's arc


def test_subjects_joined_by_and_share_the_sentence():
    finder = MentionFinder([Character(id="a", name="Ada"), Character(id="b", name="Ben"),
                            Character(id="c", name="Cy")], "and")
    assert [s[0] for s in finder.subjects("Ada and Ben follow Cy.")] == ["a", "b"]
    assert [s[0] for s in finder.subjects("Later Cy's men catch Ada.")] == ["c"]


def test_sheet_aliases_leave_out_name_parts_genitives_and_misspellings():
    ada = Character(id="ada", name="Ada Quill", aliases=["Ada", "Quills", "Adda", "The Clerk"])
    assert proper_aliases(ada, {"adda"}) == ["The Clerk"]


def test_font_subsetting_without_harfbuzz_subset_is_quiet(monkeypatch, tmp_path):
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logging.getLogger("weasyprint").addHandler(handler)
    try:
        story, scenes = _small_story()
        result = render_story(story, scenes, [], tmp_path / "bible.pdf", today=WHEN)
    finally:
        logging.getLogger("weasyprint").removeHandler(handler)
    assert messages == []
    fonts = PdfReader(result.pdf_path).pages[0]["/Resources"]["/Font"].values()
    descendants = [d.get_object() for f in fonts for d in f.get_object().get("/DescendantFonts", [f])]
    assert all("/FontFile2" in d["/FontDescriptor"] or "/FontFile3" in d["/FontDescriptor"] for d in descendants)


@pytest.fixture(scope="module")
def german_seed_with_errors(tmp_path_factory) -> tuple[Story, str]:
    """The committed German seed story with a draft that breaks several rules, rendered."""
    folder = tmp_path_factory.mktemp("seed") / "story"
    shutil.copytree(SEED_STORY, folder, ignore=shutil.ignore_patterns("*.pdf"))
    story = load_story(folder / "bible.yaml")
    names = [c.name.upper() for c in story.characters]
    (folder / "zz-entwurf.fountain").write_text(
        "Title: Entwurf\n\n.INNEN. BÜRO – TAG\n\nSOROKN\nWo ist das Geld?\n\n"
        f"{names[0]}\nKeine Ahnung.\n\n[[Figuren: {names[1]}, {names[2]}]]\n", "utf-8")
    bible = folder / "bible.yaml"
    bible.write_text(bible.read_text("utf-8").replace("scripts: [outline.fountain]",
                                                      "scripts: [outline.fountain, zz-entwurf.fountain]"), "utf-8")
    render_story_dir(folder)
    return story, _pdf_text(folder / "bible.pdf")


def test_german_pdf_has_no_english_message(german_seed_with_errors):
    _story, text = german_seed_with_errors
    flat = " ".join(text.split())
    assert "Kontinuitätsbericht" in flat
    assert "SOROKN" in flat  # the finding is printed, in German
    assert [p for p in ENGLISH_PHRASES if p in flat] == []


def test_german_pdf_names_every_character_and_organisation(german_seed_with_errors):
    story, text = german_seed_with_errors
    flat = " ".join(text.split())
    assert [c.name for c in story.characters if c.name not in flat] == []
    assert [o.name for o in story.organisations if o.name not in flat] == []


def test_build_reports_each_step_of_each_story(tmp_path, monkeypatch):
    from toolkit.expansion.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path / "story"
    shutil.copytree(SEED_STORY, folder, ignore=shutil.ignore_patterns("*.pdf"))
    heard: list[tuple[str, str, str]] = []
    build([str(folder)], progress=lambda story, step, outcome: heard.append((Path(story).name, step, outcome)))
    assert [(step, bool(outcome)) for _, step, outcome in heard] == [
        ("check", False), ("check", True), ("render", False), ("render", True), ("pages", True)]
    assert heard[-1][2] == str(len(PdfReader(folder / "bible.pdf").pages))


def test_build_is_quiet_when_output_is_no_terminal(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from toolkit.cli import cli

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path / "story"
    shutil.copytree(SEED_STORY, folder, ignore=shutil.ignore_patterns("*.pdf"))
    result = CliRunner().invoke(cli, ["build", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1


SECTION_KEYS = ("contents", "characters", "organisations", "places_and_props", "outline", "presence",
                "relations_picture", "report", "review")


def _outline_titles(entries) -> list[str]:
    titles = []
    for entry in entries:
        titles += _outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> tuple[Story, PdfReader]:
    """An invented English series in four episodes, expanded and rendered as `storybible` does."""
    from toolkit.expansion.expand import expand_story

    folder = tmp_path_factory.mktemp("series") / "harbour-lights"
    expand_story(ROOT / "tests" / "fixtures" / "series" / "harbour-lights.en.txt", folder)
    render_story_dir(folder)
    return load_story(folder / "bible.yaml"), PdfReader(folder / "bible.pdf")


def test_series_has_an_episode_guide_and_every_section_bookmarked(series):
    story, pdf = series
    labels = load_labels("en")
    titles = _outline_titles(pdf.outline)
    for key in (*SECTION_KEYS, "episode_guide"):
        assert labels[key] in titles, key
    assert [c.name for c in story.characters if c.name not in titles] == []
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Series of 4 episodes" in text and "2027" in text
    assert story.logline in text
    for number in range(1, 5):
        assert f"Episode {number}" in text
    assert [o.name for o in story.organisations if o.name not in text] == []
