"""A pronoun carries presence where it can stand for one character alone; when two fit, nothing."""
from __future__ import annotations

import pytest

from toolkit.continuity.presence import pronoun_presence
from toolkit.model.story import Character, Story


def _story(language: str) -> Story:
    return Story(title="", language=language, characters=[
        Character(id="harder", name="Tom Harder", aliases=["Harder"], gender="m"),
        Character(id="nina", name="Nina Voss", aliases=["Nina"], gender="f"),
        Character(id="paul", name="Paul Ebert", aliases=["Paul"], gender="m")])


ONE = {"de": ["Nina wartet auf Harder.", "Er steigt in den Wagen."],
       "en": ["Nina waits for Harder.", "He gets into the car."]}
TWO = {"de": ["Nina sieht Harder auf einem Foto.", "Paul tankt.", "Er steigt in den Wagen."],
       "en": ["Nina looks at a photo of Harder.", "Paul fills the tank.", "He gets into the car."]}
SUBORDINATE = {"de": ["Nina wartet auf Harder.", "Sie weiß, dass er nicht kommt."],
               "en": ["Nina waits for Harder.", "She knows that he will not come."]}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_pronoun_that_only_one_character_fits_puts_them_in_the_scene(language):
    found = pronoun_presence(ONE[language], _story(language), {"harder"}, cast={"nina"})
    assert [(index, ident) for index, ident, _, _ in found] == [(1, "harder")]
    assert found[0][2].casefold() in ("er", "he")


@pytest.mark.parametrize("language", ["de", "en"])
def test_two_characters_of_the_pronouns_gender_claim_nothing(language):
    assert pronoun_presence(TWO[language], _story(language), {"harder"}, cast={"nina", "paul"}) == []
    # Paul in the cast alone, not named: still a second candidate
    assert pronoun_presence(ONE[language], _story(language), {"harder"}, cast={"nina", "paul"}) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_pronoun_in_a_subordinate_clause_is_no_presence(language):
    assert pronoun_presence(SUBORDINATE[language], _story(language), {"harder"}, cast={"nina"}) == []
