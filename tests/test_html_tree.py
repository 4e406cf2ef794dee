"""The bible's HTML parsed by expat, with the lean user-agent stylesheet: the tree WeasyPrint would have
built with tinyhtml5, and the same PDF."""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import tinyhtml5
import weasyprint
import yaml

from toolkit.continuity.check import check_folder
from toolkit.expansion.expand import expand_story
from toolkit.model.bible import load_story
from toolkit.model.diagnostics import Diagnostic
from toolkit.model.story import Scene, Story
from toolkit.pdf.font_dates import font_timestamps
from toolkit.pdf.html_tree import as_xml, weasyprint_html, xml_tree
from toolkit.pdf.lean_stylesheet import NOTE_PSEUDO_ELEMENTS, lean_stylesheet, needs_full_stylesheet
from toolkit.pdf.render import TEMPLATE_BASE_URL, build_html, render_story, template_url_fetcher

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "render"
XMLNS = "{http://www.w3.org/2000/xmlns/}xmlns"


def _fixture_html(folder: Path) -> str:
    scenes = [Scene(**r) for r in yaml.safe_load((folder / "scenes.yaml").read_text("utf-8"))]
    found = [Diagnostic(**r) for r in yaml.safe_load((folder / "diagnostics.yaml").read_text("utf-8"))]
    return build_html(load_story(folder / "bible.yaml"), scenes, found)


def _story_html(folder: Path) -> str:
    checked = check_folder(folder)
    return build_html(load_story(folder / "bible.yaml"), checked.scenes, checked.diagnostics)


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, str]:
    """The render fixtures in both languages, a worked example, a series with its episode guide, and an
    empty story in each language (the templates' branches for nothing to show)."""
    series = expand_story(ROOT / "tests" / "fixtures" / "series" / "harbour-lights.en.txt",
                          tmp_path_factory.mktemp("series") / "harbour-lights", units="episodes").folder
    return {"de-lindenhof": _fixture_html(FIXTURES / "de-lindenhof"),
            "en-harbour": _fixture_html(FIXTURES / "en-harbour"),
            "agent-x": _story_html(ROOT / "bibles" / "agent-x"),
            "series": _story_html(series),
            "empty-de": build_html(Story(title="Leer", language="de"), [], []),
            "empty-en": build_html(Story(title="Empty & Void", language="en"), [], [])}


def _blank(text: str | None) -> str:
    """Text as compared: the white space HTML5 moves about (before <head>, after </body>) counts as none."""
    return "" if text is None or not text.strip() else text


def _children(element: ElementTree.Element) -> list[ElementTree.Element]:
    """An element's children, the <tbody> that HTML5 puts around a table's rows opened up."""
    out = []
    for child in element:
        out.extend(list(child) if child.tag == "tbody" and element.tag == "table" else [child])
    return out


def _differences(html5: ElementTree.Element, xml: ElementTree.Element, path: str = "") -> list[str]:
    attributes = {k: v for k, v in html5.attrib.items() if k != XMLNS}  # the xmlns="…" HTML5 keeps
    if html5.tag != xml.tag or attributes != dict(xml.attrib):
        return [f"{path}: <{html5.tag} {attributes}> against <{xml.tag} {dict(xml.attrib)}>"]
    found = [f"{path}: {which} {a!r} against {b!r}"
             for which, a, b in (("text", html5.text, xml.text), ("tail", html5.tail, xml.tail))
             if _blank(a) != _blank(b)]
    html5_children, xml_children = _children(html5), list(xml)
    if len(html5_children) != len(xml_children):
        return [*found, f"{path}: {len(html5_children)} children against {len(xml_children)}"]
    for k, (a, b) in enumerate(zip(html5_children, xml_children)):
        found += _differences(a, b, f"{path}/{a.tag}[{k}]")
    return found


def test_expat_reads_the_tree_tinyhtml5_reads(documents):
    for name, html in documents.items():
        tree = xml_tree(html)
        assert tree is not None, name
        assert _differences(tinyhtml5.parse(html, namespace_html_elements=False), tree) == [], name


@pytest.mark.parametrize("name", ["de-lindenhof", "en-harbour", "agent-x", "series", "empty-en"])
def test_the_pdf_of_expats_tree_and_the_lean_stylesheet_is_byte_identical(documents, name):
    html = documents[name]
    fetcher = template_url_fetcher()
    parsed = weasyprint_html(html, base_url=TEMPLATE_BASE_URL, url_fetcher=fetcher, package_templates=True)
    assert type(parsed) is not weasyprint.HTML
    assert parsed._ua_stylesheets() == [lean_stylesheet()]
    by_tinyhtml5 = weasyprint.HTML(string=html, base_url=TEMPLATE_BASE_URL, url_fetcher=fetcher)
    with font_timestamps(datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)):  # fontTools would date each font
        assert parsed.write_pdf() == by_tinyhtml5.write_pdf()


def test_the_lean_stylesheet_leaves_out_the_note_rules_and_tries_markers_on_li_only():
    from weasyprint.html import UA_STYLESHEET

    full, lean = UA_STYLESHEET.matcher, lean_stylesheet().matcher
    pseudo = [entry[3] for entry in lean.other_selectors]
    assert "marker" not in pseudo and not NOTE_PSEUDO_ELEMENTS & set(pseudo)
    assert [e[3] for e in lean.lower_local_name_selectors["li"]].count("marker") == 1
    assert len(full.other_selectors) == len(lean.other_selectors) + 1 + len(NOTE_PSEUDO_ELEMENTS)
    assert "marker" in [entry[3] for entry in full.other_selectors]  # WeasyPrint's own is untouched


@pytest.mark.parametrize("css", ["p { float: footnote }", "span { display: list-item }", "li::marker { color: red }",
                                 "@page { @footnote { margin: 0 } }"])
def test_a_document_whose_css_may_use_the_left_out_rules_keeps_the_whole_stylesheet(css):
    html = f"<html><head><style>{css}</style></head><body><p>x</p></body></html>"
    parsed = weasyprint_html(html, base_url=TEMPLATE_BASE_URL, url_fetcher=template_url_fetcher(),
                             package_templates=True)
    assert type(parsed) is not weasyprint.HTML and needs_full_stylesheet(html)
    assert parsed._ua_stylesheets() == weasyprint.HTML(string="<p>")._ua_stylesheets()
    assert needs_full_stylesheet('<html><body><p style="display: list-item">x</p></body></html>')
    assert needs_full_stylesheet('<html><head><link rel="stylesheet" href="x.css"></head></html>')
    assert not needs_full_stylesheet("<html><body><p>A note, a marker and a list item in the story's text.</p></body></html>")


def test_void_elements_are_closed_and_named_references_made_numeric():
    assert as_xml('<!DOCTYPE html><p>a<br>b&nbsp;c &amp; <img src="x.svg"> <meta charset="utf-8"/></p>') == (
        '<p>a<br/>b&#160;c &amp; <img src="x.svg"/> <meta charset="utf-8"/></p>')
    assert as_xml("<p>&notaname;</p>") is None
    assert as_xml('<style>p::after { content: "Tom & Jerry <3" }</style><p>&amp;</p>') == (
        '<style><![CDATA[p::after { content: "Tom & Jerry <3" }]]></style><p>&amp;</p>')
    assert as_xml("<style>/* ]]> */</style>") is None


@pytest.mark.parametrize("html", ["<html><body><p>one<p>two</body></html>", "<html><body>a &notaname; b</body></html>",
                                  "<html><body>a form feed \x0c</body></html>", "<html><body>\udcff</body></html>",
                                  "<p>no html element</p>", '<html><head><base href="x/"></head><body></body></html>'])
def test_what_is_not_xml_or_not_a_plain_document_goes_to_tinyhtml5(html):
    parsed = weasyprint_html(html, base_url=TEMPLATE_BASE_URL, url_fetcher=template_url_fetcher(),
                             package_templates=True)
    assert type(parsed) is weasyprint.HTML


def test_a_storys_own_html_templates_go_to_tinyhtml5(documents, tmp_path, monkeypatch):
    """Templates of a story's own may write HTML the two parsers read differently."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "cover.html").write_text("<section><p>Our cover<div>in a paragraph</div></p></section>", "utf-8")
    parsed = []
    monkeypatch.setattr("toolkit.pdf.render.weasyprint_html",
                        lambda html, **kwargs: parsed.append(kwargs["package_templates"])
                        or weasyprint.HTML(string=html, base_url=kwargs["base_url"], url_fetcher=kwargs["url_fetcher"]))
    folder = FIXTURES / "en-harbour"
    scenes = [Scene(**r) for r in yaml.safe_load((folder / "scenes.yaml").read_text("utf-8"))]
    render_story(load_story(folder / "bible.yaml"), scenes, [], tmp_path / "story.pdf", template_dirs=[templates])
    render_story(load_story(folder / "bible.yaml"), scenes, [], tmp_path / "plain.pdf",
                 template_dirs=[tmp_path / "none"])
    assert parsed == [False, True]


def test_the_parsed_document_sets_what_weasyprints_own_sets():
    html = "<html><head><title>T</title></head><body><p>x</p></body></html>"
    parsed = weasyprint_html(html, base_url=TEMPLATE_BASE_URL, url_fetcher=template_url_fetcher(),
                             package_templates=True)
    plain = weasyprint.HTML(string=html, base_url=TEMPLATE_BASE_URL, url_fetcher=template_url_fetcher())
    assert type(parsed) is not weasyprint.HTML
    assert vars(parsed).keys() - {"user_agent"} == vars(plain).keys()
    assert parsed.etree_element.find("body/p").text == "x"
