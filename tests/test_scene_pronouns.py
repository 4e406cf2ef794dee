"""Scene text is read through the same pipeline as a synopsis: a personal pronoun object is never the subject
of its own clause, so the checker hears who was killed, not the killer."""
from __future__ import annotations

from toolkit.extraction.scene_claims import scene_claims
from toolkit.model.story import Character, Story


def _story(language: str) -> Story:
    return Story(title="t", language=language, characters=[
        Character(id="haller", name="Bernd Haller", gender="m", role="Kommissar"),
        Character(id="falk", name="Rudi Falk", gender="m", role="Mörder"),
    ])


def test_an_object_pronoun_after_and_is_the_other_man_in_a_scene():
    claims = scene_claims("Bernd Haller stellt den Mörder Rudi Falk und erschießt ihn.", _story("de"))
    deaths = [(c.character, c.status, c.by) for c in claims if hasattr(c, "by")]
    assert deaths == [("falk", "killed", "haller")]


def test_an_object_pronoun_in_english_scene_text():
    claims = scene_claims("Bernd Haller corners the killer Rudi Falk and shoots him.", _story("en"))
    deaths = [(c.character, c.status, c.by) for c in claims if hasattr(c, "by")]
    assert deaths == [("falk", "killed", "haller")]


def test_the_checker_reads_presence_through_the_same_pass():
    from toolkit.continuity.presence import scene_presence

    story = Story(title="t", language="de", characters=[
        Character(id="natalie", name="Natalie", gender="f"), Character(id="steven", name="Steven", gender="m"),
        Character(id="sever", name="Sever", gender="f")])
    assert [key for key, _, _ in scene_presence("Natalie besucht ihren verstorbenen Ehemann Steven.", story)] \
        == ["natalie"]
    assert [key for key, _, _ in scene_presence("Natalie sucht die Agentin Sever.", story)] == ["natalie"]
