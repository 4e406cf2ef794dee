"""Fates: killings active, passive and ordered; deaths shown by events; versions and cover stories; the dead
before the story."""
from __future__ import annotations

import pytest

from tests.conftest import read_passage


def _deaths(sentences: list[str], language: str, genders: dict[str, str]) -> set[tuple[str, str, str, bool]]:
    readings, _ = read_passage(sentences, language, genders)
    return {(d.character, d.status, d.by, d.before_story) for r in readings for d in r.deaths}


@pytest.mark.parametrize("language, sentences, genders, expected", [
    ("de", ["Timo Rausch wird von Oskar Lind erschossen."], {"Timo Rausch": "m", "Oskar Lind": "m"},
     ("Timo Rausch", "killed", "Oskar Lind", False)),
    ("de", ["Oskar Lind lässt Timo Rausch töten."], {"Timo Rausch": "m", "Oskar Lind": "m"},
     ("Timo Rausch", "killed", "Oskar Lind", False)),
    ("en", ["Kroll has his men kill Omar Haddad."], {"Kroll": "m", "Omar Haddad": "m"},
     ("Omar Haddad", "killed", "Kroll", False)),
    ("de", ["Anton Weber findet Mara Lenz im Keller.", "Dort erschießt er sie."], {"Anton Weber": "m", "Mara Lenz": "f"},
     ("Mara Lenz", "killed", "Anton Weber", False)),
    ("de", ["Nach einem Verhör wird Frau Sempel tot in ihrer Wohnung aufgefunden."], {"Frau Sempel": "f"},
     ("Frau Sempel", "dies", "", False)),
    ("de", ["Lea denkt an ihren verstorbenen Mann Karl."], {"Lea": "f", "Karl": "m"}, ("Karl", "dies", "", True)),
    ("en", ["Nina Holt finds the body of a courier.", "Everyone thinks Victor died, but he turns out to be alive."],
     {"Nina Holt": "f", "Victor": "m"}, ("Victor", "presumed_dead_alive", "", False)),
    ("en", ["Kroll has Omar Haddad killed before he can testify."], {"Kroll": "m", "Omar Haddad": "m"},
     ("Omar Haddad", "killed", "Kroll", False)),
    ("de", ["Ilse Brandt erfährt, dass Oskar Lind Timo Rausch töten ließ."],
     {"Ilse Brandt": "f", "Timo Rausch": "m", "Oskar Lind": "m"}, ("Timo Rausch", "killed", "Oskar Lind", False)),
    ("en", ["Facing ruin, Victor Lane takes his own life."], {"Victor Lane": "m"}, ("Victor Lane", "dies", "", False)),
    ("de", ["Die Leiche der Journalistin Mara Lenz wird im Wald gefunden."], {"Mara Lenz": "f"},
     ("Mara Lenz", "dies", "", True)),
    ("de", ["Vera Lind galt als totgesagt."], {"Vera Lind": "f"}, ("Vera Lind", "presumed_dead_alive", "", False)),
    ("en", ["They made up a story about how Rachel shot Vogel."], {"Rachel": "f", "Vogel": "m"},
     ("Vogel", "presumed_dead_alive", "", False)),
])
def test_a_fate_is_read(language, sentences, genders, expected):
    assert expected in _deaths(sentences, language, genders)


def test_both_victims_of_one_verb():
    deaths = _deaths(["Andy goes home to his wife Sara, but Gatehouse follows and kills them both."], "en",
                     {"Andy": "m", "Sara": "f", "Gatehouse": "unknown"})
    assert {("Andy", "killed", "Gatehouse", False), ("Sara", "killed", "Gatehouse", False)} <= deaths


def test_every_name_of_a_passive_list():
    deaths = _deaths(["In a shoot-out, Reynolds, Pintero and most of both gangs are wiped out."], "en",
                     {"Reynolds": "m", "Pintero": "m"})
    assert {("Reynolds", "killed", "", False), ("Pintero", "killed", "", False)} <= deaths


def test_someones_version_is_no_death():
    deaths = _deaths(["Patterson tells Gabriel the case is closed: Andy killed Harvey before committing suicide."],
                     "en", {"Patterson": "m", "Gabriel": "m", "Andy": "m", "Harvey": "m"})
    assert deaths == set()


def test_a_body_belongs_to_the_one_killed_before_not_to_the_finder():
    deaths = _deaths(["Oskar lässt den Fahrer Timo töten.", "Paul findet seine Leiche am Hafen."], "de",
                     {"Oskar": "m", "Timo": "m", "Paul": "m"})
    assert not any(d[0] == "Paul" for d in deaths)
    assert ("Timo", "dies", "", True) in deaths


def test_a_family_killed_on_someones_order_is_not_the_named_one():
    deaths = _deaths(["Es stellt sich heraus, dass Oskar Lind Timo Rauschs Familie töten ließ."], "de",
                     {"Oskar Lind": "m", "Timo Rausch": "m"})
    assert not any(d[0] == "Timo Rausch" for d in deaths)


@pytest.mark.parametrize("language, sentences", [
    ("de", ["Lenz erschießt Brink.", "Scheinbar! Brink lebt."]),
    ("en", ["Lenz shoots Brink.", "Or so it seems: Brink lives."]),
])
def test_a_sentence_that_says_only_apparently_takes_back_the_killing_before(language, sentences):
    from toolkit.extraction.story.fates import fill_fates
    from toolkit.model.story import Character
    from toolkit.text.language import load_language

    readings, _ = read_passage(sentences, language, {"Lenz": "m", "Brink": "m"}, {})
    people = {"Lenz": Character(id="lenz", name="Lenz"), "Brink": Character(id="brink", name="Brink")}
    fill_fates(people, {"Lenz": "lenz", "Brink": "brink"}, readings,
               tuple(load_language(language).deaths.get("apparent") or ()))
    assert people["Brink"].fate.status == "presumed_dead_alive"
    fresh = {"Lenz": Character(id="lenz", name="Lenz"), "Brink": Character(id="brink", name="Brink")}
    fill_fates(fresh, {"Lenz": "lenz", "Brink": "brink"}, readings[:1])
    assert fresh["Brink"].fate.status == "killed"
