"""Checking again after an edit: scene-wise parsing gives what a whole parse gives; unchanged files are kept."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, SHARED
from toolkit.continuity.check import check
from toolkit.continuity.incremental import StoryChecker
from toolkit.continuity.script import parse_script
from toolkit.continuity.script_parts import PartParser

CORPUS = SHARED / "corpora" / "fountain"
OWN = sorted([*(ROOT / "bibles").glob("*/*.fountain"), *(FIXTURES).rglob("*.fountain")])


def _scenes(script):
    return [dataclasses.asdict(scene) for scene in script.scenes]


def _same(text: str, parser: PartParser | None = None) -> None:
    whole = parse_script(text, "x.fountain")
    parts = (parser or PartParser()).parse(text, "x.fountain")
    assert _scenes(parts) == _scenes(whole)
    assert parts.issues == whole.issues and parts.lines == whole.lines


@pytest.mark.parametrize("path", OWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_parts_parse_as_the_whole_does(path: Path):
    _same(path.read_text("utf-8"))


def test_parts_parse_as_the_whole_does_on_the_public_samples():
    if not CORPUS.is_dir():
        pytest.skip(f"the public Fountain samples are not here: {CORPUS}")
    files = sorted(CORPUS.rglob("*.fountain"))
    assert files
    for path in files:
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:
            continue
        _same(text)


def test_an_edit_parses_one_part_and_moves_the_rest():
    text = (FIXTURES / "lsp" / "harbour" / "draft.fountain").read_text("utf-8")
    parser = PartParser()
    parser.parse(text, "x.fountain")
    assert parser.parsed == 4  # the title page and three scenes
    edited = text.replace("The fog is coming in.", "The fog is coming in.\nIt is cold.")
    _same(edited, parser)
    assert parser.parsed == 1
    # a note spanning a heading, a boneyard: the whole text is parsed
    _same(text.replace("[[dies: MARA]]", "[[dies: MARA\n\nINT. X - DAY\n\n]]"), parser)
    _same(text.replace("Oskra drags", "/* Oskra */ drags"), parser)


def test_the_checker_reads_unsaved_texts_and_gives_what_check_gives(tmp_path: Path):
    story = tmp_path / "harbour"
    shutil.copytree(FIXTURES / "lsp" / "harbour", story)
    checker = StoryChecker(story / "bible.yaml")
    first = checker.check()
    assert first.result.diagnostics == check([story]).diagnostics
    script = story / "draft.fountain"
    unsaved = script.read_text("utf-8").replace("KESTREL", "BRANDT")
    second = checker.check({script: unsaved})
    assert [d.code for d in second.result.diagnostics] == ["CB102", "CB201"]
    assert second.result.diagnostics == check([story], texts={script: unsaved}).diagnostics
    assert "KESTREL" in script.read_text("utf-8")


def test_a_broken_bible_is_a_failure_and_the_scripts_are_still_read(tmp_path: Path):
    story = tmp_path / "harbour"
    shutil.copytree(FIXTURES / "lsp" / "harbour", story)
    bible = story / "bible.yaml"
    checked = StoryChecker(bible).check({bible: "characters: [\n"})
    assert [(f.file, f.message.split(":")[0]) for f in checked.failures] == [(bible.as_posix(), "YAML does not parse")]
    assert checked.bible is None and checked.result.files == [(story / "draft.fountain").as_posix()]
