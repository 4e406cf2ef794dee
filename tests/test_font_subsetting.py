"""Two renders of the same inputs are byte-identical whichever subsetter embeds the fonts: HarfBuzz's
(libharfbuzz-subset0) or fontTools, which WeasyPrint uses without it and which would date each font."""
from __future__ import annotations

import datetime
import os
import time

import pytest
import weasyprint.pdf.fonts as weasyprint_fonts
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from toolkit.model.story import Character, Scene, Story
from toolkit.pdf.render import render_story

WHEN = datetime.datetime(2021, 3, 4, 5, 6, 7, tzinfo=datetime.UTC)


def _story() -> tuple[Story, list[Scene]]:
    story = Story(title="Tide Table", language="en", units="acts", unit_texts=["Ida Moss reads the tide table."],
                  characters=[Character(id="ida", name="Ida Moss")])
    scenes = [Scene(id="a#1", number=1, file="a.fountain", line=1, heading="EXT. PIER - DAY", section="Act 1",
                    scene_number="1", synopsis=["Ida Moss reads the tide table."], cast=["ida"])]
    return story, scenes


def _two_renders(tmp_path) -> tuple[bytes, bytes]:
    story, scenes = _story()
    first = render_story(story, scenes, [], tmp_path / "one.pdf", today=WHEN).pdf_path.read_bytes()
    time.sleep(1.1)  # a clock that leaked into a font would differ now
    second = render_story(story, scenes, [], tmp_path / "two.pdf", today=WHEN).pdf_path.read_bytes()
    return first, second


def _font_modified_times(pdf_path) -> set[int]:
    """head.modified of every embedded TrueType/OpenType font, as fontTools reads it."""
    import io

    stamps = set()
    for page in PdfReader(pdf_path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                stream = descriptor.get_object().get("/FontFile2") or descriptor.get_object().get("/FontFile3")
                if stream is None:
                    continue
                font_file = TTFont(io.BytesIO(stream.get_object().get_data()))
                if "head" in font_file:
                    stamps.add(font_file["head"].modified)
    return stamps


def test_the_fonttools_path_gives_byte_identical_pdfs(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)  # as on a machine without libharfbuzz-subset0
    first, second = _two_renders(tmp_path)
    assert first == second
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the render's own setting is undone afterwards


def test_fonts_subset_by_fonttools_carry_the_inputs_date(monkeypatch, tmp_path):
    from fontTools.misc.timeTools import epoch_diff

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)
    story, scenes = _story()
    render_story(story, scenes, [], tmp_path / "one.pdf", today=WHEN)
    stamps = _font_modified_times(tmp_path / "one.pdf")
    assert stamps == {int(WHEN.timestamp()) - epoch_diff}


def test_a_writers_source_date_epoch_is_kept(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)
    story, scenes = _story()
    render_story(story, scenes, [], tmp_path / "one.pdf", today=WHEN)
    assert os.environ["SOURCE_DATE_EPOCH"] == "1600000000"


@pytest.mark.skipif(weasyprint_fonts.harfbuzz_subset is None,
                    reason="libharfbuzz-subset0 is not installed; WeasyPrint can only subset through fontTools here")
def test_the_harfbuzz_path_gives_byte_identical_pdfs(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = _two_renders(tmp_path)
    assert first == second
