"""Relations: kinship and marriage on both sides, partners, handlers and superiors, enemies by verb."""
from __future__ import annotations

import pytest

from tests.conftest import read_passage
from toolkit.extraction.story.relations import fill_relations
from toolkit.model.story import Character


def _relations(sentences: list[str], language: str, genders: dict[str, str]) -> set[tuple[str, str, str]]:
    readings, _ = read_passage(sentences, language, genders)
    return {(r.source, r.type, r.target) for reading in readings for r in reading.relations}


@pytest.mark.parametrize("language, sentences, genders, expected", [
    ("de", ["Mira Falk ist mit dem Journalisten Paul Falk verheiratet."], {"Mira Falk": "f", "Paul Falk": "m"},
     ("Mira Falk", "spouse_of", "Paul Falk")),
    ("en", ["Ada secretly marries the agitator Fred Thorn."], {"Ada": "f", "Fred Thorn": "m"},
     ("Ada", "spouse_of", "Fred Thorn")),
    ("en", ["Andy goes home to pregnant wife Sara."], {"Andy": "m", "Sara": "f"}, ("Sara", "wife_of", "Andy")),
    ("en", ["Dean meets his ex-girlfriend Rachel Banks."], {"Dean": "m", "Rachel Banks": "f"},
     ("Rachel Banks", "partner_of", "Dean")),
    ("en", ["Dana Price lives in Leeds.", "Her handler, Victor Lane, calls."], {"Dana Price": "f", "Victor Lane": "m"},
     ("Dana Price", "works_for", "Victor Lane")),
    ("de", ["Dann beginnt Reiter die Jagd auf Eva Lorenz."], {"Reiter": "m", "Eva Lorenz": "f"},
     ("Reiter", "enemy_of", "Eva Lorenz")),
    ("de", ["Kai Brehm wird von dem Agenten Tom Sieg rekrutiert."], {"Kai Brehm": "m", "Tom Sieg": "m"},
     ("Kai Brehm", "works_for", "Tom Sieg")),
    ("en", ["Palmer is assigned to Major Dalby."], {"Palmer": "m", "Dalby": "unknown"}, ("Palmer", "works_for", "Dalby")),
])
def test_a_relation_is_read(language, sentences, genders, expected):
    assert expected in _relations(sentences, language, genders)


def test_works_for_an_organisation_is_no_relation_to_the_next_person():
    relations = _relations(["Her handler Victor Lane works for the CIA and asks her for help."], "en",
                           {"Victor Lane": "m", "Dana Price": "f"})
    assert not any(r[1] == "works_for" and r[0] == "Victor Lane" for r in relations)


def test_marriage_and_kinship_are_written_on_both_sides():
    readings, _ = read_passage(["Mira Falk ist mit Paul Falk verheiratet.", "Ihr Sohn Jan Falk studiert in Wien."],
                               "de", {"Mira Falk": "f", "Paul Falk": "m", "Jan Falk": "m"})
    people = {key: Character(id=key.split()[0].lower(), name=key) for key in ("Mira Falk", "Paul Falk", "Jan Falk")}
    for key, gender in (("Mira Falk", "f"), ("Paul Falk", "m"), ("Jan Falk", "m")):
        people[key].gender = gender
    fill_relations(people, {key: c.id for key, c in people.items()}, readings)
    stated = {(c.id, r.type, r.target) for c in people.values() for r in c.relations}
    assert {("mira", "wife_of", "paul"), ("paul", "husband_of", "mira"), ("jan", "son_of", "mira"),
            ("mira", "parent_of", "jan")} <= stated


def test_a_colleague_is_no_partner():
    readings, _ = read_passage(["Lena Vogt ist Kommissarin.", "Ihr Kollege Tim Rau glaubt an einen Unfall."], "de",
                               {"Lena Vogt": "f", "Tim Rau": "m"})
    people = {key: Character(id=key.split()[0].lower(), name=key) for key in ("Lena Vogt", "Tim Rau")}
    fill_relations(people, {key: c.id for key, c in people.items()}, readings)
    assert all(not c.relations for c in people.values())
