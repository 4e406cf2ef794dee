"""Performers, makers of the work and comparisons are found and set aside."""
from __future__ import annotations

import pytest

from toolkit.extraction.grammar import name_surface
from toolkit.extraction.lexicon import lexicon_for
from toolkit.extraction.mentions import discover_names
from toolkit.extraction.outsiders import find_outsiders
from toolkit.text.language import load_language
from toolkit.text.nlp import analyse


def outsiders(sentence: str, language: str) -> list[tuple[str, str, str]]:
    lang = load_language(language)
    tokens = analyse(sentence, lang)
    spans = discover_names(tokens, sentence, lexicon_for(lang))
    return [(name_surface(tokens, sentence, o.start, o.end), o.kind,
             name_surface(tokens, sentence, *o.plays) if o.plays else "")
            for o in find_outsiders(tokens, sentence, spans, lang)]


@pytest.mark.parametrize("sentence, language, expected", [
    ("Kommissarin Lena Berg (Anna Lindqvist) ermittelt in Leipzig.", "de",
     [("Anna Lindqvist", "performer", "Lena Berg")]),
    ("Ihr Vater (Tom Reiss) bildet sie aus.", "de", [("Tom Reiss", "performer", "")]),
    ("Lena Berg (played by Anna Lindqvist) hunts Jan Ostrowski.", "en",
     [("Anna Lindqvist", "performer", "Lena Berg")]),
    ("Both Anna Lindqvist and Eva Lutz who played Lena were very good.", "en",
     [("Anna Lindqvist", "performer", "Lena"), ("Eva Lutz", "performer", "Lena")]),
    ("Ein Thriller von Tom Reiss, mit Anna Lindqvist, Jan Ostrowski und Eva Lutz.", "de",
     [("Tom Reiss", "maker", ""), ("Anna Lindqvist", "performer", ""), ("Jan Ostrowski", "performer", ""),
      ("Eva Lutz", "performer", "")]),
    ("Reiss' Bearbeitung des gleichnamigen Romans von Mara Quist ist packend.", "de",
     [("Reiss'", "maker", ""), ("Mara Quist", "maker", "")]),
    ("Er ist ein Ermittler wie Sherlock Holmes.", "de", [("Sherlock Holmes", "comparison", "")]),
    ("She is a villain like Hannibal Lecter.", "en", [("Hannibal Lecter", "comparison", "")]),
    ("Cast: Anna Lindqvist (Lena Berg), Jan Ostrowski (Tom Reiss).", "en",
     [("Anna Lindqvist", "performer", "Lena Berg"), ("Jan Ostrowski", "performer", "Tom Reiss")]),
    ("Anna Lindqvist spielt die junge Staatsanwältin mit Wucht.", "de", [("Anna Lindqvist", "performer", "")]),
    # a name that runs on in capitalised words the name finder did not take ("Jo", "Park")
    ("Mit Uwe Lenz, Jo Winter und Tim Klug.", "de",
     [("Uwe Lenz", "performer", ""), ("Jo Winter", "performer", ""), ("Tim Klug", "performer", "")]),
    ("Jack Stone (Idris Park) is pulled back into service.", "en", [("Idris Park", "performer", "Jack Stone")]),
    ("A thriller in the style of John Marr, directed by Sam Hart.", "en",
     [("John Marr", "comparison", ""), ("Sam Hart", "maker", "")]),
    ("Regie führt Uta Brenner; gedreht wurde in Graz.", "de", [("Uta Brenner", "maker", "")]),
    ("Commissioned by Lois Tarrant, Head of Drama, the serial follows Amy Cole.", "en",
     [("Lois Tarrant", "maker", "")]),
    ("Wie einst Konrad Adenauer will der Kanzler Paul Roth Bonn nicht verlassen.", "de",
     [("Konrad Adenauer", "comparison", "")]),
    ("Like Napoleon Bonaparte before him, Colonel Ash Grady marches on.", "en",
     [("Napoleon Bonaparte", "comparison", "")]),
])
def test_outsiders_are_found(sentence, language, expected):
    assert outsiders(sentence, language) == expected


@pytest.mark.parametrize("sentence, language", [
    # a parenthesis that says something else, a companion after "mit", a comparison of manner
    ("Brody (Lena's brother) is unaware of the tape.", "en"),
    ("Lena Berg fliegt mit Jan Ostrowski nach Prag.", "de"),
    ("Mit Tom Reiss und Eva Lutz flieht sie nach Wien.", "de"),
    ("Lena kämpft wie Tom.", "de"),
    ("Tom Reiss plays the piano for Lena Berg.", "en"),
    ("The FBI director Carl Moss calls Lena Berg.", "en"),
])
def test_traps_stay_characters(sentence, language):
    assert outsiders(sentence, language) == []
