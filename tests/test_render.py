"""The story bible PDF: tested by structure (pages, text, outline, metadata), never by bytes."""
from __future__ import annotations

import logging
import math
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from toolkit.cli import cli
from toolkit.errors import InputError, OutputError
from toolkit.model.bible import load_story
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.story import Affiliation, Character, Organisation, Relation, Scene, Story
from toolkit.pdf.presence_chart import ChartWords, abbreviate, presence_chart, unit_label, unit_labels
from toolkit.pdf.relation_graph import ARROWS, relation_pages
from toolkit.pdf.render import TEMPLATE_BASE_URL, build_html, load_labels, render_story, template_url_fetcher
from toolkit.pdf.template_folders import css_string

FIXTURES = Path(__file__).parent / "fixtures" / "render"
SECTION_KEYS = ("contents", "synopsis", "characters", "organisations", "places_and_props", "outline",
                "presence", "relations_picture", "report", "review")


def _section_keys(story: Story) -> list[str]:
    """A series opens with its episode guide instead of the synopsis."""
    return [("episode_guide" if key == "synopsis" and story.units == "episodes" else key) for key in SECTION_KEYS]


@dataclass
class Rendered:
    story: Story
    labels: dict
    pdf: PdfReader
    pages: int
    text: str
    outline: list[str]
    warnings: list[str]
    html_path: Path


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _outline_titles(entries) -> list[str]:
    titles = []
    for entry in entries:
        titles += _outline_titles(entry) if isinstance(entry, list) else [entry.title]
    return titles


def _fixture_story(name: str) -> tuple[Story, list[Scene], list[Diagnostic]]:
    folder = FIXTURES / name
    scenes = [Scene(**record) for record in yaml.safe_load((folder / "scenes.yaml").read_text("utf-8"))]
    found = [Diagnostic(**record) for record in yaml.safe_load((folder / "diagnostics.yaml").read_text("utf-8"))]
    return load_story(folder / "bible.yaml"), scenes, found


def _render(story: Story, scenes, found, folder: Path, **options) -> Rendered:
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        result = render_story(story, scenes, found, folder / "bible.pdf", html_path=folder / "bible.html",
                              **options)
    finally:
        logger.removeHandler(collect)
    reader = PdfReader(result.pdf_path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return Rendered(story, load_labels(story.language), reader, result.pages, text,
                    _outline_titles(reader.outline), collect.messages, result.html_path)


@pytest.fixture(scope="module", params=["de-lindenhof", "en-harbour"])
def rendered(request, tmp_path_factory) -> Rendered:
    story, scenes, found = _fixture_story(request.param)
    return _render(story, scenes, found, tmp_path_factory.mktemp(request.param))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Rendered:
    """A story whose texts try to load files and break out of the markup."""
    story = Story(
        title='Evil </style><script>alert(1)</script> "Title"', language="en",
        characters=[Character(id="eve", name="Eve <b>Bold</b>",
                              summary='<img src="file:///etc/passwd"> and <link rel=stylesheet href="http://x/">')],
    )
    scenes = [Scene(id="a#1", number=1, file="a.fountain", line=3, heading="INT. <svg onload=x> - DAY",
                    cast=["eve"])]
    return _render(story, scenes, [], tmp_path_factory.mktemp("hostile"))


def test_page_count_matches_the_pdf(rendered):
    assert rendered.pages == len(rendered.pdf.pages)
    assert rendered.pages >= 10


def test_text_holds_every_character_organisation_and_section(rendered):
    for character in rendered.story.characters:
        assert character.name in rendered.text
    for organisation in rendered.story.organisations:
        assert organisation.name in rendered.text
    for location in rendered.story.locations:
        assert location.name in rendered.text
    for key in _section_keys(rendered.story):
        assert rendered.labels[key] in rendered.text, key


def test_outline_has_the_headings(rendered):
    for key in _section_keys(rendered.story):
        assert rendered.labels[key] in rendered.outline, key
    for character in rendered.story.characters:
        assert character.name in rendered.outline
    assert rendered.story.title not in rendered.outline  # the cover is no bookmark


def test_weasyprint_logs_no_warning(rendered):
    # "Using fontTools instead of HarfBuzz-Subset" means the machine lacks libharfbuzz-subset0 (apt).
    assert rendered.warnings == []


def test_pages_are_numbered_in_the_story_language(rendered):
    words = {"de": "Seite 2 von", "en": "Page 2 of"}[rendered.story.language]
    assert f"{words} {rendered.pages}" in rendered.text


def test_metadata_names_title_language_and_generator(rendered):
    info = rendered.pdf.metadata
    assert info.title == rendered.story.title
    assert info["/Creator"].startswith("storybible")
    assert rendered.pdf.trailer["/Root"]["/Lang"] == rendered.story.language


def test_fonts_are_embedded(rendered):
    descriptors = []
    for page in rendered.pdf.pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptors.append(descendant.get_object()["/FontDescriptor"])
    assert descriptors
    assert all(any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")) for d in descriptors)


def test_contents_links_to_the_sections(rendered):
    contents_page = rendered.pdf.pages[1]
    links = [a.get_object() for a in contents_page.get("/Annots", [])]
    internal = [a for a in links if a["/Subtype"] == "/Link" and ("/Dest" in a or "/A" in a)]
    assert len(internal) >= len(SECTION_KEYS) - 1 + len(rendered.story.characters)


def test_sheets_show_fates_relations_and_the_review_asks_for_what_is_missing(rendered):
    labels = rendered.labels
    assert labels["no_scenes"] not in rendered.text  # a sheet says nothing of the scenes it has not
    assert labels["review_kinds"]["no_scene"] in rendered.text  # the fixtures each hold a character in no scene
    for character in rendered.story.characters:
        for relation in character.relations:
            words = labels["relation_types"][relation.type]
            assert words.get(character.gender, words["unknown"]) in rendered.text


def test_continuity_report_and_review(rendered):
    assert "CB" in rendered.text
    for item in rendered.story.review:
        assert item.message.replace("'", "")[:20] in rendered.text.replace("'", "").replace("’", "")


def test_html_is_written_when_asked(rendered):
    html = rendered.html_path.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert f'lang="{rendered.story.language}"' in html


def test_every_link_has_its_anchor_and_no_scene_or_place_anchor_is_unlinked(rendered):
    html = rendered.html_path.read_text("utf-8")
    links = set(re.findall(r'href="#([^"]*)"', html))
    anchors = set(re.findall(r' id="([^"]*)"', html))
    assert links <= anchors
    assert {a for a in anchors if a.startswith(("scene-", "location-"))} <= links
    assert any(a.startswith("scene-") for a in anchors)  # the scenes the sheets name keep theirs


def test_hostile_text_is_shown_and_loads_nothing(hostile):
    assert hostile.warnings == []
    flat = hostile.text.replace("\n", " ")
    assert '<img src="file:///etc/passwd">' in flat
    assert "Eve <b>Bold</b>" in flat
    html = hostile.html_path.read_text("utf-8")
    assert "<img" not in html and "<script>" not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html


def test_css_strings_cannot_close_the_style_element():
    assert css_string('a"b</style>') == '"a\\"b\\3C /style\\3E "'


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://example.org/x.png",
                                 TEMPLATE_BASE_URL + "../../etc/passwd", TEMPLATE_BASE_URL + "missing.png",
                                 "data:text/plain,hello"])
def test_url_fetcher_refuses_everything_but_template_files(url):
    with pytest.raises(ValueError):
        template_url_fetcher().fetch(url)


def test_url_fetcher_serves_story_and_builtin_template_files(tmp_path):
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
    fetcher = template_url_fetcher([tmp_path])
    assert fetcher.fetch(TEMPLATE_BASE_URL + "logo.svg").read().startswith(b"<svg")
    assert b"@page" in fetcher.fetch(TEMPLATE_BASE_URL + "bible.css").read()


def test_story_templates_and_labels_override_the_builtin_ones(tmp_path):
    story, scenes, found = _fixture_story("en-harbour")
    (tmp_path / "cover.html").write_text("<section class='cover'><h1>{{ story.title }} (our cover)</h1></section>",
                                         "utf-8")
    (tmp_path / "labels.yaml").write_text("en:\n  outline: Step outline\n", "utf-8")
    html = build_html(story, scenes, found, template_dirs=[tmp_path])
    assert "Harbour Lights (our cover)" in html
    assert "Step outline" in html and "Characters" in html  # one key overridden, the rest kept


def test_a_story_template_changed_between_renders_is_compiled_again(tmp_path):
    story, scenes, found = _fixture_story("en-harbour")
    for words in ("first cover", "second cover"):
        (tmp_path / "cover.html").write_text(f"<section class='cover'><h1>{words}</h1></section>", "utf-8")
        assert words in build_html(story, scenes, found, template_dirs=[tmp_path])


def test_a_broken_story_template_is_an_input_error(tmp_path):
    (tmp_path / "cover.html").write_text("{% if %}", "utf-8")
    with pytest.raises(InputError, match=r"cover\.html"):
        build_html(Story(title="x"), [], [], template_dirs=[tmp_path])


def test_an_unwritable_pdf_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    with pytest.raises(OutputError):
        render_story(Story(title="x"), [], [], blocker / "bible.pdf")


def _big_story(characters: int, scenes: int) -> tuple[Story, list[Scene]]:
    people = [Character(id=f"c{i}", name=f"Firstname{i} Middlename Lastname{i}") for i in range(characters)]
    outline = [Scene(id=f"s#{n}", number=n, file="s.fountain", line=n, heading=f"INT. ROOM {n} - DAY",
                     section=f"Act {1 + (n - 1) * 3 // scenes}",
                     cast=[f"c{(n * k) % characters}" for k in (1, 3, 7)]) for n in range(1, scenes + 1)]
    return Story(title="Big", characters=people), outline


def test_presence_chart_of_40_characters_and_300_scenes_splits_into_landscape_pages():
    story, scenes = _big_story(40, 300)
    pages = presence_chart(story.characters, scenes)
    assert len(pages) == 6
    assert [p.first_scene for p in pages][:2] == [1, 51]
    assert pages[-1].last_scene == 300
    assert all(p.first_row == 1 and p.last_row == 40 for p in pages)
    for page in pages:
        width = float(page.html.split('width="', 1)[1].split("pt", 1)[0])
        assert width <= 770
    assert "F. M. Lastname1" in pages[0].html  # long names abbreviated


def test_presence_chart_marks_first_last_and_death():
    people = [Character(id="a", name="Ann"), Character(id="b", name="Bo")]
    scenes = [Scene(id=str(n), number=n, file="f", line=n, heading="H", cast=["a", "b"] if n != 2 else [],
                    deaths=["b"] if n == 3 else []) for n in range(1, 5)]
    html = presence_chart(people, scenes)[0].html
    assert ">S<" in html and ">F<" in html and ">†<" in html


def test_chart_numbers_are_lines_of_html_a_digit_place_each_and_other_numbers_svg_text():
    people = [Character(id="a", name="Anna")]
    scenes = [Scene(id=f"x#{n}", number=n, scene_number=label, file="x", line=n, heading="H", cast=["a"])
              for n, label in enumerate(["9", "10", "10A", "11"], 1)]
    html = presence_chart(people, scenes)[0].html
    lines = re.findall(r'class="presence-numbers"[^>]*>([^<]*)<', html)
    assert lines == ["9", "\u20071\u20071", "\u20070\u20071"]  # a column a character, a figure space where no number
    assert ">10A</text>" in html


def test_abbreviate_keeps_short_names_and_shortens_long_ones():
    assert abbreviate("Sever") == "Sever"
    assert abbreviate("Jeremiah Ecks", 10) == "J. Ecks"
    assert abbreviate("Supercalifragilistic", 8) == "Superca…"


def _relation_pages(story: Story, language: str = "en"):
    words = load_labels(language)
    return relation_pages(story, words["relation_types"], words["legend"], words["no_organisation"])


def test_relation_picture_is_deterministic_escaped_and_leaves_out_the_unrelated():
    story = Story(title="x", characters=[
        Character(id="a", name="A <&>", relations=[Relation("enemy_of", "b")],
                  affiliations=[Affiliation("o", "leader")]),
        Character(id="b", name="B", relations=[Relation("enemy_of", "a"), Relation("son_of", "ghost")]),
        Character(id="c", name="Loner"),
    ], organisations=[Organisation(id="o", name="Org")])
    first = _relation_pages(story)
    assert [p.html for p in first] == [p.html for p in _relation_pages(story)]
    picture = first[0].html
    assert "A &lt;&amp;&gt;" in picture and "enemy of" in picture and "Org" in picture
    assert "Loner" not in picture  # no relation, not drawn
    assert picture.count("enemy of") == 1  # enemies both ways: one line with two arrowheads
    assert first[0].kinds == ["enemy"]  # the legend shows only what is drawn


def test_relation_label_reads_in_the_arrow_direction():
    story = Story(title="x", characters=[Character(id="son", name="Son", relations=[Relation("son_of", "dad")]),
                                         Character(id="dad", name="Dad", relations=[Relation("parent_of", "son")])])
    page = _relation_pages(story)[0]
    assert page.html.count("son of") == 1 and "parent of" not in page.html  # the converse says the same
    label = re.search(r">([^<]*son of[^<]*)<", page.html).group(1)
    arrow = next(ch for ch in label if ch in ARROWS)
    angle = math.radians(ARROWS.index(arrow) * 45)
    son, dad = page.node_boxes  # in the order drawn: the frame's members
    assert math.cos(angle) * (dad.x - son.x) - math.sin(angle) * (dad.y - son.y) > 0  # points from Son to Dad


def _stress_story() -> Story:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from render_bench import stress_story

    return stress_story(60, 400)[0]


@pytest.mark.parametrize("name", ["stress", "agent-x", "ballistic-ecks-vs-sever", "mi5-the-greater-good"])
def test_no_relation_label_overlaps_a_box_or_another_label(name):
    story = _stress_story() if name == "stress" else load_story(Path("bibles") / name / "bible.yaml")
    pages = _relation_pages(story, story.language)
    related = {c.id for c in story.characters if any(r.target != c.id and story.character(r.target)
                                                      for r in c.relations)}
    drawn_boxes = sum(len(p.node_boxes) for p in pages)
    assert drawn_boxes >= len(related)
    for page in pages:
        for index, label in enumerate(page.label_boxes):
            assert label.inside(770, 430)
            for other in page.node_boxes + page.title_boxes + page.label_boxes[index + 1:]:
                assert not label.overlaps(other), (name, label, other)
        assert len(page.node_boxes) <= 60


def test_sixty_characters_are_split_into_readable_pages():
    pages = _relation_pages(_stress_story())
    assert len(pages) > 1
    assert all(len(page.node_boxes) <= 40 for page in pages)


def test_cli_renders_a_story_folder(tmp_path):
    story_dir = tmp_path / "story"
    shutil.copytree(FIXTURES / "en-harbour", story_dir)
    result = CliRunner().invoke(cli, ["render", str(story_dir), "--html", str(tmp_path / "out.html")])
    assert result.exit_code == 0, result.output
    text = "\n".join(page.extract_text() for page in PdfReader(story_dir / "bible.pdf").pages)
    assert "EXT. THE HARBOUR - NIGHT" in text  # scenes read by the checker
    assert "CB401" in text  # its report: The Stranger is in no scene
    assert (tmp_path / "out.html").is_file()


@pytest.mark.parametrize("setup, message", [
    (lambda d: None, "no such story folder"),
    (lambda d: d.mkdir(), "bible.yaml: bible: no such file"),
    (lambda d: (d.mkdir(), (d / "bible.yaml").write_text("title: [", "utf-8")), "YAML does not parse"),
])
def test_cli_refuses_a_bad_story_folder_in_one_line(tmp_path, setup, message):
    story_dir = tmp_path / "story"
    setup(story_dir)
    result = CliRunner().invoke(cli, ["render", str(story_dir)])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unit_labels_are_whole_words_or_the_short_form():
    words = ChartWords(unit="Ep.")
    assert unit_label("Episode 3", 200, words) == "Episode 3"
    assert unit_label("Episode 3", 26, words) == "Ep. 3"
    assert unit_label("Episode 3", 8, words) == "3"
    assert unit_label("Sequenz 12", 4, ChartWords(unit="Seq.")) == ""


def test_the_units_of_a_chart_page_are_labelled_in_one_form():
    words = ChartWords(unit="F.")
    spans = [("Folge 4", 14), ("Folge 5", 14), ("Folge 6", 14), ("Folge 7", 30), ("Folge 8", 60)]
    labels = unit_labels(spans, words)
    assert labels == ["4", "5", "6", "7", "8"]  # not "F. 7" or "Folge 8" beside bare numbers
    assert unit_labels([("Folge 1", 60), ("Folge 2", 60)], words) == ["Folge 1", "Folge 2"]
    assert unit_labels([("Folge 1", 60), ("Folge 2", 20)], words) == ["F. 1", "F. 2"]


def test_german_chart_marks_first_and_last_in_german_and_has_every_scene():
    people = [Character(id="a", name="Anna")]
    scenes = [Scene(id=f"x#{n}", number=n, file="x", line=n, heading="H", cast=["a"] if n != 2 else [])
              for n in range(1, 5)]
    html = presence_chart(people, scenes, words=ChartWords(first="E", last="L"))[0].html
    assert ">E<" in html and ">L<" in html and ">S<" not in html
    assert re.findall(r'class="presence-numbers"[^>]*>([^<]*)<', html) == ["1234"]  # scene 2, empty, too


def test_relation_picture_is_the_same_in_every_process():
    import subprocess
    import sys

    code = ("from toolkit.model.bible import load_story; from toolkit.pdf.render import load_labels; "
            "from toolkit.pdf.relation_graph import relation_pages; import hashlib; "
            "s = load_story('bibles/agent-x/bible.yaml'); w = load_labels('de'); "
            "print(hashlib.sha256(''.join(p.html for p in relation_pages(s, w['relation_types'], w['legend'], "
            "w['no_organisation'])).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(digests) == 1
