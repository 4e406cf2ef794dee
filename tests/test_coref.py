"""Coreference: pronouns and definite descriptions stand for the people named before them."""
from __future__ import annotations

import pytest

from tests.conftest import read_passage
from toolkit.extraction.coref import Person


def _read(sentences: list[str], language: str, people: dict[str, Person]):
    return read_passage(sentences, language, {k: p.gender for k, p in people.items()},
                        {k: next(iter(p.roles), "") for k, p in people.items()})


def _references(reading):
    return [(m.surface, m.key) for m in reading.mentions if m.via and not m.uncertain]


GERMAN = {"Mara Lenz": Person("f"), "Anton Weber": Person("m")}
ENGLISH = {"Clara Voss": Person("f"), "Tom Hale": Person("m")}


def test_a_german_subject_pronoun_stands_for_the_person_of_its_gender():
    readings, _ = _read(["Mara Lenz trifft Anton Weber im Hafen.", "Er übergibt ihr einen Koffer."], "de", GERMAN)
    assert _references(readings[1]) == [("Er", "Anton Weber"), ("ihr", "Mara Lenz")]
    assert readings[1].present == ["Anton Weber", "Mara Lenz"]


def test_an_english_object_pronoun_is_not_the_subject_of_its_own_verb():
    readings, _ = _read(["Tom Hale meets Clara Voss and offers her the key.",
                         "Clara meets Tom and thanks him."], "en", ENGLISH)
    assert ("her", "Clara Voss") in _references(readings[0])
    assert _references(readings[1]) == [("him", "Tom Hale")]


def test_the_subject_of_the_last_sentence_wins_over_an_object():
    people = {"Clara Voss": Person("f"), "Nina Roth": Person("f")}
    readings, ambiguities = _read(["Clara Voss follows Nina Roth to the station.", "She buys a ticket."],
                                  "en", people)
    assert _references(readings[1]) == [("She", "Clara Voss")]
    assert not ambiguities


def test_two_equal_candidates_leave_the_pronoun_uncertain_and_claim_nothing():
    people = {"Clara Voss": Person("f"), "Nina Roth": Person("f")}
    readings, ambiguities = _read(["Clara Voss and Nina Roth reach the harbour.", "She shoots the guard."],
                                  "en", people)
    assert ambiguities and set(ambiguities[0].candidates) == {"Clara Voss", "Nina Roth"}
    assert readings[1].present == []


def test_a_plural_sie_stands_for_the_people_named_together():
    readings, _ = _read(["Mara Lenz und Anton Weber fliehen.", "Sie erreichen die Grenze."], "de", GERMAN)
    assert sorted(_references(readings[1])) == [("Sie", "Anton Weber"), ("Sie", "Mara Lenz")]
    assert sorted(readings[1].present) == ["Anton Weber", "Mara Lenz"]


def test_they_stands_for_the_last_people_named_together_and_nobody_without_them():
    people = {"Clara Voss": Person("f"), "Nina Roth": Person("f"), "Ivo Lang": Person("m")}
    readings, _ = _read(["Clara Voss, Nina Roth and Ivo Lang cross the border.", "They hide in a barn.",
                         "For a year they live with the lie."], "en", people)
    assert sorted(readings[2].present) == ["Clara Voss", "Ivo Lang", "Nina Roth"]
    readings, _ = _read(["Clara Voss reaches the harbour.", "They shoot the guard."], "en", people)
    assert readings[1].present == []


def test_a_singular_sie_is_no_group():
    readings, _ = _read(["Mara Lenz und Anton Weber fliehen.", "Sie erreicht die Grenze."], "de", GERMAN)
    assert ("Sie", "Anton Weber") not in _references(readings[1])


def test_a_pronoun_object_of_a_killing_verb_is_the_victim():
    readings, _ = _read(["Anton Weber findet Mara Lenz im Keller.", "Dort erschießt er sie."], "de", GERMAN)
    deaths = [(d.character, d.by) for d in readings[1].deaths]
    assert deaths == [("Mara Lenz", "Anton Weber")]


def test_a_possessive_names_its_owner_for_a_relation():
    readings, _ = _read(["Tom Hale lands in Lisbon.", "His wife Clara Voss waits at the airport."], "en", ENGLISH)
    assert [(r.source, r.type, r.target) for r in readings[1].relations] == [("Clara Voss", "wife_of", "Tom Hale")]


@pytest.mark.parametrize("language, sentences, expected", [
    ("de", ["Die Agentin Mara Lenz trifft Anton Weber.", "Die Agentin flieht."], ("Die Agentin", "Mara Lenz")),
    ("en", ["The analyst Clara Voss meets Tom Hale.", "The analyst runs."], ("The analyst", "Clara Voss")),
])
def test_a_definite_description_stands_for_the_one_with_that_role(language, sentences, expected):
    role = "Agentin" if language == "de" else "analyst"
    genders = {"Mara Lenz": "f", "Anton Weber": "m"} if language == "de" else {"Clara Voss": "f", "Tom Hale": "m"}
    holder = next(iter(genders))
    readings, _ = read_passage(sentences, language, genders, {holder: role})
    assert _references(readings[1]) == [expected]


def test_an_article_is_no_clause_opener_and_an_object_pronoun_skips_the_subject():
    people = {"Bernd Haller": Person("m"), "Rudi Falk": Person("m")}
    readings, _ = _read(["Kommissar Bernd Haller stellt den Mörder Rudi Falk und verhaftet ihn."], "de", people)
    assert _references(readings[0]) == [("ihn", "Rudi Falk")]


def test_beide_as_a_subject_after_und_is_the_subject_and_the_object_before():
    people = {"Harry Pearce": Person("m"), "Will Holloway": Person("m"), "Adem Qasim": Person("m")}
    readings, _ = _read(["Adem Qasim flieht.", "Harry Pearce sucht den Kontakt zu Will Holloway, und beide treffen sich."],
                        "de", people)
    assert {key for surface, key in _references(readings[1]) if surface == "beide"} == {"Harry Pearce", "Will Holloway"}
