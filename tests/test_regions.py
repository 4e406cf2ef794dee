"""Which adjectives name a nation or a region, and which region: the tables of CLDR names that say it."""
from __future__ import annotations

import pytest

from toolkit.extraction.grammar import is_nation_adjective, nation_form, region_named
from toolkit.extraction.lexicon import lexicon_for
from toolkit.text.gazetteer import place_of_adjective, region_of_adjective
from toolkit.text.language import load_language


@pytest.mark.parametrize(("adjective", "region"), [
    ("hessisch", "Hessen"), ("sächsische", "Sachsen"), ("westfälisch", "Westfalen"), ("bayerisch", "Bayern"),
    ("fränkisch", "Franken"), ("steirisch", "Steiermark"), ("belgisch", "Belgien"), ("libanesisch", "Libanon"),
    ("misstrauisch", ""), ("zynisch", ""), ("kritisch", ""), ("komisch", ""), ("fanatisch", ""),
])
def test_an_adjective_in_isch_is_made_from_the_name_it_shares_most_of_its_stem_with(adjective, region):
    assert region_of_adjective(adjective, "isch", "de") == region


@pytest.mark.parametrize(("word", "city"), [
    ("Berliner", "Berlin"), ("Münchner", "München"), ("Bremer", "Bremen"), ("Kölner", "Köln"),
    ("Anwalt", ""), ("berliner", ""), ("Lehrer", ""),
])
def test_an_inhabitants_adjective_names_its_city(word, city):
    assert place_of_adjective(word) == city


def test_a_nations_adjective_is_no_region_but_a_regions_is():
    lex = lexicon_for(load_language("de"))
    assert is_nation_adjective("französisch", lex) and region_named("französisch", lex) == ""
    assert is_nation_adjective("belgisch", lex) and region_named("belgisch", lex) == ""
    assert is_nation_adjective("hessisch", lex) and region_named("hessisch", lex) == "Hessen"
    assert not is_nation_adjective("misstrauisch", lex) and region_named("misstrauisch", lex) == ""
    assert region_named("Kölner", lex) == "Köln"


def test_english_nations_are_capitalised_and_places_are_named_as_they_are():
    lex = lexicon_for(load_language("en"))
    assert is_nation_adjective("French", lex) and is_nation_adjective("British", lex)
    assert not is_nation_adjective("urban", lex) and not is_nation_adjective("veteran", lex)
    assert region_named("New York", lex) == "New York" and region_named("Veteran", lex) == ""


def test_a_german_nations_adjective_takes_the_ending_of_its_nouns_gender():
    de, en = lexicon_for(load_language("de")), lexicon_for(load_language("en"))
    assert nation_form("französisch", "Staatsanwaltschaft", de) == "französische"
    assert nation_form("französisch", "Geheimdienst", de) == "französischer"
    assert nation_form("French", "Prosecutor's Office", en) == "French"
