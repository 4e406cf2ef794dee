"""Name discovery: which capitalised words in a sentence are names of people."""
from __future__ import annotations

import pytest

from toolkit.extraction.grammar import name_surface
from toolkit.extraction.lexicon import lexicon_for
from toolkit.extraction.mentions import discover_names
from toolkit.extraction.passes.mentions import find_mentions
from toolkit.text.language import load_language
from toolkit.text.nlp import analyse


def names_in(sentence: str, language: str) -> list[str]:
    lang = load_language(language)
    tokens = analyse(sentence, lang)
    return [name_surface(tokens, sentence, s, e) for s, e in discover_names(tokens, sentence, lexicon_for(lang))]


@pytest.mark.parametrize("sentence, expected", [
    # job nouns and compounds are nouns, not names
    ("Der Chemiker hilft Mara Lindholm bei der Flucht.", ["Mara Lindholm"]),
    ("Sie versteckt die Klarnamen vor Tomasz Brenner.", ["Tomasz Brenner"]),
    # a surname that is also a noun, where a name is expected
    ("Ihr Vorgesetzter Falkner, der sie umwirbt, lacht.", ["Falkner"]),
    ("Ludwig Stein betreibt eine Kneipe.", ["Ludwig Stein"]),
    # capital initials written together belong to the name
    ("Er wird von CIA-Mann JT Wexler rekrutiert.", ["JT Wexler"]),
    # "von" before a given name is the passive's agent, not a particle of the name before it
    ("Dann wird Brekowski von Greta Voss erschossen.", ["Brekowski", "Greta Voss"]),
    ("Pieter van der Kolk kommt an.", ["Pieter van der Kolk"]),
])
def test_german_names(sentence, expected):
    assert names_in(sentence, "de") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Sgt. Rowan follows him home.", ["Rowan"]),
    ("'Lanternman' rescues the driver Olly Frame.", ["Lanternman", "Olly Frame"]),
])
def test_english_names(sentence, expected):
    assert names_in(sentence, "en") == expected


def test_a_quoted_name_is_no_genitive():
    lang = load_language("en")
    text = "'Lanternman' rescues Olly."
    tokens = analyse(text, lang)
    names = {"lanternman": "Lanternman", "olly": "Olly"}
    mentions = find_mentions(tokens, text, lambda s: names.get(s.casefold().rstrip("'")))
    assert [(m.key, m.genitive) for m in mentions] == [("Lanternman", False), ("Olly", False)]


@pytest.mark.parametrize("sentence, expected", [
    ("He was a former Marine before he met Tom Hale.", ["Tom Hale"]),
    ("Dr. Rita Moor studies the 'Induction of Conditioned Reflex' method.", ["Rita Moor"]),
    ("Detective Superintendent Boyle tells Gabe the case is closed.", ["Boyle", "Gabe"]),
])
def test_english_capitalised_words_that_are_no_names(sentence, expected):
    assert names_in(sentence, "en") == expected


@pytest.mark.parametrize("lang, sentence, expected", [
    ("de", "Nadia al-Hakim trifft Samir ibn Yahya in Amman.", ["Nadia al-Hakim", "Samir ibn Yahya", "Amman"]),
    ("en", "Rania al-Sayed calls Faisal bin Nabil from Dubai.", ["Rania al-Sayed", "Faisal bin Nabil", "Dubai"]),
    ("de", "Die Ärztin Eva Stolz (Maeve Ní Bhriain) rettet den Boten Till Krug.",
     ["Eva Stolz", "Maeve Ní Bhriain", "Till Krug"]),
    ("de", "Am Hafen zeigt Jens Kruse Anna Wolf die Fotos.", ["Jens Kruse", "Anna Wolf"]),
    ("de", "Der Wirt Otto Kaiser schenkt dem Boten Ralf Winter Wein ein.", ["Otto Kaiser", "Ralf Winter"]),
    ("en", "Nina Field and Sam Hall leave the hotel.", ["Nina Field", "Sam Hall"]),
    ("en", "Deputy Prime Minister Ada Lowe meets a Special Branch officer.", ["Ada Lowe"]),
])
def test_names_as_they_are_written(lang, sentence, expected):
    found = names_in(sentence, lang)
    assert [n for n in found if n in expected or " " in n] == expected, found
