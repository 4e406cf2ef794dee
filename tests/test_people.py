"""From a synopsis to its people: which names are characters, their forms, genders and performers.

Each test reads a short invented synopsis through `resolve`, the way `expand` does."""
from __future__ import annotations

import pytest

from toolkit.extraction.resolve import resolve
from toolkit.text.lexicons import german_compound, german_noun, given_name_gender, name_kinds
from toolkit.text.synopsis import read_synopsis


@pytest.fixture
def story(tmp_path):
    def read(text: str, language: str):
        path = tmp_path / f"story.{language}.txt"
        path.write_text(text, encoding="utf-8")
        return resolve(read_synopsis(path, language=language)).story
    return read


def people(story) -> dict[str, dict]:
    return {c.name: {"aliases": c.aliases, "gender": c.gender, "performer": c.performer} for c in story.characters}


# -- which names are people ----------------------------------------------------------------------------

def test_a_name_that_is_also_a_place_is_a_person_when_it_acts(story):
    result = story("Austin flees to Denver. Georgia follows Austin and warns Paris Hale. "
                   "Later Austin meets Georgia in Paris.", "en")
    assert {"Austin", "Georgia", "Paris Hale"} <= set(people(result))
    assert "Denver" not in people(result) and "Paris" not in people(result)
    assert any(item.kind == "person_or_place" and "'Austin'" in item.message for item in result.review)


@pytest.mark.parametrize("text, language, word", [
    ("Lotte Brandl macht in Salzburg Station, bevor sie nach Wien weiterreist.", "de", "Station"),
    ("Dora Finch fears another attack on British soil.", "en", "British"),
])
def test_a_word_of_the_language_with_no_sign_of_a_person_is_no_character(story, text, language, word):
    result = story(text, language)
    assert word not in people(result)
    # a word that was taken up as a candidate at all is put up for review as no character
    assert all(item.args.get("case") == "word" for item in result.review
               if item.kind == "not_a_character" and item.args.get("name") == word)


@pytest.mark.parametrize("text, language, name, nickname", [
    ("Katharina (Kati) Vogt fährt mit ihrem Bruder nach Linz.", "de", "Katharina Vogt", "Kati"),
    ("Robert (Bobby) Kane steals a van in Cork.", "en", "Robert Kane", "Bobby"),
])
def test_a_nickname_in_parentheses_inside_a_name_is_an_alias(story, text, language, name, nickname):
    found = people(story(text, language))
    assert name in found and nickname in found[name]["aliases"]
    assert name.split()[-1] not in found


def test_a_dateline_country_is_no_person(story):
    result = story("Großbritannien, 1981: Die Agentin Mara Kolb wird nach Ostberlin geschickt. "
                   "Sowjetunion, 1983: Mara trifft dort Anton Reiss.", "de")
    assert sorted(people(result)) == ["Anton Reiss", "Mara Kolb"]


def test_an_apposition_that_describes_a_person_makes_a_person(story):
    result = story("Washington, DC. Georgia, Moss's daughter, hides a file. When Hale confronts Georgia, she runs.",
                   "en")
    assert set(people(result)) == {"Georgia", "Hale", "Moss"}


def test_a_quoted_name_after_a_place_noun_is_a_place(story):
    result = story("Im Nachtclub „Blaue Grotte“ trifft Mira den Schmuggler Olek. Mira belauscht Olek.", "de")
    assert set(people(result)) == {"Mira", "Olek"}


def test_families_and_names_among_things_are_no_characters(story):
    result = story("The war with the Callahans escalates. Tom keeps fine wines and Picasso prints.", "en")
    assert set(people(result)) == {"Tom"}


def test_job_nouns_and_dictionary_words_are_no_names(story):
    result = story("Der Chemiker verrät Nadja Voss die Klarnamen. Nadja flieht.", "de")
    assert set(people(result)) == {"Nadja Voss"}
    result = story("Rita Moor studies the 'Induction of Conditioned Reflex' method.", "en")
    assert set(people(result)) == {"Rita Moor"}


# -- their names ---------------------------------------------------------------------------------------

def test_forms_of_address_and_shorter_forms_are_aliases(story):
    result = story("Kriminalrätin Eva Maria Stern kommt nach Köln. Frau Wenzel ruft an. "
                   "Eva Stern glaubt Frau Wenzel nicht.", "de")
    found = people(result)
    assert "Eva Stern" in found["Eva Maria Stern"]["aliases"]
    assert "Frau Wenzel" in found["Wenzel"]["aliases"]


def test_epithets_and_appositive_names_are_aliases(story):
    result = story("Ray Dunn hunts Karl Wendel, a war criminal known as the Butcher of Lyon. "
                   "Ray meets Cole, an old smuggler named Victor Hale.", "en")
    found = people(result)
    assert "Butcher of Lyon" in found["Karl Wendel"]["aliases"]
    assert "Lyon" not in found
    cole = next(c for c in found.values() if "Victor Hale" in c["aliases"] or "Cole" in c["aliases"])
    assert "Cole" in cole["aliases"] or "Victor Hale" in cole["aliases"]
    assert "Victor Hale" not in found or "Cole" in found["Victor Hale"]["aliases"]


def test_a_wife_is_no_form_of_address(story):
    result = story("Ritters Frau Ilse gibt an, ihr Mann habe Schulden. Tom Ritter schweigt.", "de")
    assert "Frau Ilse" not in people(result)["Ilse"]["aliases"]


def test_a_man_named_is_no_alias_of_the_subject(story):
    result = story("Lena warnt Tom vor einem Mann namens Kessler. Kessler wartet in Prag.", "de")
    found = people(result)
    assert "Kessler" in found and "Kessler" not in found["Lena"]["aliases"]


def test_performers_go_on_the_sheet(story):
    result = story("Kommissarin Lena Berg (Anna Lindqvist) jagt Tom Reiss (Jan Ostrowski). "
                   "Ein Krimi mit Anna Lindqvist, Jan Ostrowski und Eva Lutz.", "de")
    found = people(result)
    assert set(found) == {"Lena Berg", "Tom Reiss"}
    assert found["Lena Berg"]["performer"] == "Anna Lindqvist"
    assert found["Tom Reiss"]["performer"] == "Jan Ostrowski"
    assert sum(item.kind == "not_a_character" for item in result.review) == 3


# -- their genders -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, gender", [
    ("Mit dem Polizeifotografen Dorn fliegt Mira nach Prag.", "Dorn", "m"),
    ("Ihr neuer Kollege Langhoff schweigt.", "Langhoff", "m"),
    ("Ihr Vorgesetzter Keppler, der sie umwirbt, lacht.", "Keppler", "m"),
    ("Die Agentin trifft die Journalistin Okafor.", "Okafor", "f"),
    ("Lena warnt Tom vor einem Mann namens Kessler.", "Kessler", "m"),
    ("Berger, ein alter Freund der Familie, bestreitet das.", "Berger", "m"),
    ("Sie verdächtigt den Notar Dr. Weißbach.", "Weißbach", "m"),
])
def test_gender_from_the_noun_or_pronoun_beside_a_name(story, text, name, gender):
    assert people(story(text, "de"))[name]["gender"] == gender


def test_gender_from_a_pronoun_in_the_next_sentence(story):
    result = story("Mirow verlässt Wien. Sie fliegt nach Rom.", "de")
    assert people(result)["Mirow"]["gender"] == "f"


def test_a_feminine_dative_after_a_preposition_says_nothing(story):
    result = story("Tom spricht mit Mirow, der er vertraut.", "de")
    assert people(result)["Mirow"]["gender"] == "unknown"


# -- the lexicons --------------------------------------------------------------------------------------

def test_lexicons():
    assert german_noun("Klarnamen") == "m" and german_noun("Chemikerin") == "f"
    assert german_noun("Brenner") is not None and german_noun("Okonkwo") is None
    assert german_compound("Polizeifotografen") == "m"
    assert given_name_gender("Greta") == "f" and given_name_gender("Induction") == "unknown"
    # given names only: no list of surnames (a surname is read from the text)
    assert name_kinds("Gereon") == "m" and name_kinds("Schneider") == "" and name_kinds("Klarnamen") == ""
