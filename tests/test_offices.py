"""An office or rank before a known name in a cue means the character, from each language's `offices:`."""
from __future__ import annotations

import pytest

from toolkit.model.names import NameIndex, strip_titles
from toolkit.model.story import Character, Story
from toolkit.text.language import load_language

STORY = Story(title="", characters=[Character(id="klaas", name="Helga Klaas", aliases=["Klaas"])])


@pytest.mark.parametrize("code", ["de", "en"])
def test_every_office_before_a_known_name_resolves_to_the_character(code):
    offices = load_language(code).data["offices"]
    assert offices and all(" " not in office for office in offices)
    index = NameIndex.from_story(STORY)
    for office in offices:
        assert index.lookup_titled(f"{office.upper()} KLAAS") == "klaas", office


@pytest.mark.parametrize("cue, bare", [
    ("BÜRGERMEISTERIN KLAAS", "KLAAS"), ("OBERST BREHM", "BREHM"), ("COMMISSIONER DUVAL", "DUVAL"),
    ("CHIEF INSPECTOR MORROW", "MORROW"), ("KLAAS", "KLAAS"), ("MAYOR", "MAYOR"),
])
def test_offices_and_ranks_are_stripped_before_a_name_only(cue, bare):
    assert strip_titles(cue) == bare


def test_an_unknown_name_after_an_office_stays_unknown():
    assert NameIndex.from_story(STORY).lookup_titled("HAUPTKOMMISSARIN WALLNER") is None
