"""Affiliations read from the words around a name: ranks, unnamed national services, compounds, appositions."""
from __future__ import annotations

import pytest

from tests.conftest import read_passage


def _affiliations(sentence: str, language: str, genders: dict[str, str]) -> set[tuple[str, str, str]]:
    readings, _ = read_passage([sentence], language, genders)
    return {(a.character, a.org, a.status) for a in readings[0].affiliations}


@pytest.mark.parametrize("language, sentence, genders, expected", [
    # a police rank implies the police
    ("de", "Kommissarin Lena Vogt ermittelt in Graz.", {"Lena Vogt": "f"}, ("Lena Vogt", "Polizei", "current")),
    ("en", "DI Owen Marsh arrives at the scene.", {"Owen Marsh": "m"}, ("Owen Marsh", "Police", "current")),
    ("de", "Rath fliegt mit dem Polizeifotografen Edgar Kranz nach Kiel.", {"Edgar Kranz": "m"},
     ("Edgar Kranz", "Polizei", "current")),
    # a nation's service the text does not name stays descriptive, in its dictionary form
    ("de", "Der französische Agent Luc Moreau trifft einen Informanten.", {"Luc Moreau": "m"},
     ("Luc Moreau", "französischer Geheimdienst", "current")),
    ("de", "Mit Hilfe des amerikanischen Geheimdienstagenten Dan Kerr flieht sie.", {"Dan Kerr": "m"},
     ("Dan Kerr", "amerikanischer Geheimdienst", "current")),
    ("en", "Harry Lime, a British intelligence officer, is sent to Vienna.", {"Harry Lime": "m"},
     ("Harry Lime", "british intelligence", "current")),
    # any person noun joined to an agency, and coordinated roles
    ("de", "Ein Treffen mit KGB-Mann Igor Petrov scheitert.", {"Igor Petrov": "m"}, ("Igor Petrov", "kgb", "current")),
    ("de", "Der ehemalige Stasi-Spitzel und Doppelagent Udo Brenner betreibt eine Bar.", {"Udo Brenner": "m"},
     ("Udo Brenner", "stasi", "former")),
])
def test_a_role_before_a_name_gives_an_affiliation(language, sentence, genders, expected):
    assert expected in _affiliations(sentence, language, genders)


@pytest.mark.parametrize("language, sentence, genders", [
    ("de", "Der KGB-Informant Igor Petrov verrät alles.", {"Igor Petrov": "m"}),  # a source is no member
    ("en", "The CIA contact Omar Haddad disappears.", {"Omar Haddad": "m"}),
    ("de", "Die Ministerin Jana Roth tritt zurück.", {"Jana Roth": "f"}),  # an office is no organisation
])
def test_a_source_or_an_office_is_no_membership(language, sentence, genders):
    assert _affiliations(sentence, language, genders) == set()
