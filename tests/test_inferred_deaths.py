"""A death read from prose only fills a gap: it yields to every death note and to the bible's fate,
and what rests on it is a warning that quotes the sentence; two readings of prose give nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.continuity.check import check_scripts
from toolkit.model.bible import parse_bible_text

BIBLE = """format: storybible/1
title: T
language: {language}
characters:
  - {{id: lenz, name: Jakob Lenz, aliases: [Lenz], gender: m{fate}}}
  - {{id: mara, name: Mara Ost, aliases: [Mara], gender: f}}
  - {{id: tom, name: Tom Harder, aliases: [Harder], gender: m}}
"""
DIES = {"de": "Lenz stirbt.", "en": "Lenz dies."}
OPENS = {"de": "Lenz öffnet die Tür.", "en": "Lenz opens the door."}


def _check(tmp_path: Path, language: str, death_scene: str, later: str, fate: str = ""):
    script = tmp_path / "s.fountain"
    script.write_text(f"INT. A - DAY #1# [[cast: LENZ, MARA]]\n\nMara waits.\n\n"
                      f"INT. B - NIGHT #2#{death_scene}\n\n{DIES[language]}\n\n"
                      f"INT. C - DAY #3#\n\n{later}\n", "utf-8")
    bible = parse_bible_text(BIBLE.format(language=language, fate=fate), tmp_path / "bible.yaml")
    return [(d.code, d.severity, d.message) for d in check_scripts([script], bible).diagnostics]


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_death_read_from_prose_before_a_cue_is_a_warning_that_quotes_it(tmp_path, language):
    found = _check(tmp_path, language, " [[cast: LENZ]]", "LENZ\nHallo.\n")
    assert [(code, severity) for code, severity, _ in found] == [("CB201", "warning")]
    assert f"read from '{DIES[language]}'" in found[0][2]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_bibles_fate_and_a_death_note_of_the_scene_overrule_a_death_read_from_prose(tmp_path, language):
    assert _check(tmp_path, language, " [[cast: LENZ]]", "LENZ\nHallo.\n", ", fate: {status: alive}") == []
    assert _check(tmp_path, language, " [[cast: LENZ, HARDER]] [[dies: HARDER]]", "LENZ\nHallo.\n") == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_death_and_a_presence_both_read_from_prose_give_nothing(tmp_path, language):
    assert _check(tmp_path, language, " [[cast: LENZ]]", OPENS[language]) == []
