"""A note being typed: in Fountain 1.1 a note ends at an empty line, so an unclosed `[[` is one
CB001 warning on its line and swallows nothing after it, in check and in the editor alike."""
from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.continuity.check import check
from toolkit.continuity.incremental import StoryChecker
from toolkit.continuity.script import parse_script

BIBLE = """format: storybible/1
title: Halbe Notiz
language: de
characters:
  - {id: gert, name: Gert Hahn, aliases: [Gert], gender: m, fate: {status: alive}}
  - {id: lisa, name: Lisa Brun, aliases: [Lisa], gender: f, fate: {status: killed, scene: "3"}}
"""
SCRIPT = """Title: Halbe Notiz

.INNEN. KÜCHE – TAG #1# [[Figuren: GERT, LISA]]

GERT
Kaffee?

LISA
Gern.

.INNEN. FLUR – TAG #2#

Gert geht durch den Flur.{typed}

GERT
Lisa? Bist du da?

.INNEN. BAD – NACHT #3# [[Figuren: LISA]] [[stirbt: LISA]]

Lisa atmet nicht mehr.

.INNEN. KÜCHE – NACHT #4# [[Figuren: GERT]]

GERT
Niemand da.
"""


def _story(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "bible.yaml").write_text(BIBLE, "utf-8")
    script = tmp_path / "szenen.fountain"
    script.write_text(SCRIPT.format(typed=""), "utf-8")
    return tmp_path, script


@pytest.mark.parametrize("note", ["[[Figuren: GERT, LISA]]", "[[stirbt: GERT]]"])
def test_typing_a_note_adds_at_most_one_diagnostic(tmp_path, note):
    folder, script = _story(tmp_path)
    checker = StoryChecker(folder / "bible.yaml")
    before = len(check([folder]).diagnostics)
    assert before == len(checker.check().result.diagnostics)
    for end in range(1, len(note)):  # every prefix short of the closed note
        text = SCRIPT.format(typed=" " + note[:end])
        in_check = check([folder], texts={script: text}).diagnostics
        in_editor = checker.check({script: text}).result.diagnostics
        assert len(in_check) <= before + 1, (note[:end], in_check)
        assert in_editor == in_check
        if "[[" in note[:end]:
            assert [(d.code, d.line) for d in in_check if d not in check([folder]).diagnostics] == [("CB001", 13)]


def test_an_unclosed_note_is_one_warning_and_reads_nothing_after_the_empty_line():
    script = parse_script(SCRIPT.format(typed=" [[Figuren: G"), "szenen.fountain")
    assert [(issue.line, issue.code) for issue in script.issues] == [(13, "unclosed-note")]
    second = next(s for s in script.scenes if "FLUR" in s.heading)
    assert [m.name for m in second.mentions] == ["GERT"]  # the cue alone, no name from the swallowed text


def test_a_note_closed_only_after_an_empty_line_is_unclosed():
    text = "INT. ROOM - DAY\n\nAnna waits. [[cast: ANNA\n\nBEN]]\n\nBEN\nHi.\n"
    script = parse_script(text, "x.fountain")
    assert [issue.line for issue in script.issues if issue.code == "unclosed-note"] == [3]
    assert [m.name for m in script.scenes[0].mentions] == ["BEN", "BEN"]  # "BEN]]" after the empty line, the cue


def test_a_closed_note_over_two_lines_is_still_read():
    text = "INT. ROOM - DAY\n\nAnna waits. [[cast: ANNA,\nBEN]]\n"
    script = parse_script(text, "x.fountain")
    assert not script.issues
    assert [m.name for m in script.scenes[0].mentions] == ["ANNA", "BEN"]
