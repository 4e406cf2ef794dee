"""The seeds' outlines and bibles are free of the slips a first reader found: someone dead before the story
on screen, a place a verb acts on taken for a heading, a city kept with nothing in the text that puts the
scene there, a role that does not agree with its character."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from toolkit.expansion.expand import expand_story

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def expanded(tmp_path_factory):
    cache: dict[str, tuple[dict, str]] = {}

    def get(name: str) -> tuple[dict, str]:
        if name not in cache:
            folder = expand_story(SEEDS / name, tmp_path_factory.mktemp("seed") / "story", force=True).folder
            cache[name] = (yaml.safe_load((folder / "bible.yaml").read_text(encoding="utf-8")),
                           (folder / "outline.fountain").read_text(encoding="utf-8"))
        return cache[name]
    return get


def _character(bible: dict, name: str) -> dict:
    return next(c for c in bible["characters"] if c["name"] == name)


def _headings(outline: str) -> list[str]:
    return [line for line in outline.splitlines() if re.match(r"\.[^.]", line) or line.startswith((".INNEN", ".AUSSEN"))]


def test_a_husband_dead_before_the_story_is_never_on_screen_and_dies_in_no_scene(expanded):
    bible, outline = expanded("agent-x.de.txt")
    assert not re.search(r"\[\[(Figuren|stirbt):[^\]]*STEVEN", outline)
    assert not _character(bible, "Steven")["fate"].get("scene")


def test_a_place_a_verb_acts_on_is_no_heading(expanded):
    _, outline = expanded("agent-x.de.txt")
    assert not any("USA" in heading for heading in _headings(outline))


def test_a_later_episode_that_names_no_place_is_not_kept_in_the_city_before(expanded):
    _, outline = expanded("agent-x.de.txt")
    odessa = [h for h in _headings(outline) if "ODESSA" in h]
    assert odessa == [h for h in _headings(outline) if "KELLER" in h]


@pytest.mark.parametrize("seed, name, role", [
    ("ballistic-ecks-vs-sever.de.txt", "Sever", "ehemalige DIA-Agentin"),
    ("mi5-the-greater-good.de.txt", "Will Holloway", "ehemaliger Agent"),
])
def test_a_role_agrees_with_its_character(expanded, seed, name, role):
    bible, _ = expanded(seed)
    assert _character(bible, name)["role"] == role
