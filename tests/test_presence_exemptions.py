"""Presence exemptions, per language and occasion: a funeral, a grave, a body, a photo, a desk, a file,
a memory, reported speech, a vision, talk of someone, asking after someone, waiting for someone and
dialogue name a person without putting them in the scene."""
from __future__ import annotations

import pytest

from toolkit.continuity.check import check_scripts
from toolkit.continuity.presence import exemptions, scene_presence
from toolkit.model.bible import parse_bible_text
from toolkit.model.story import Character, Story
from toolkit.text.language import load_language


def _story(language: str) -> Story:
    return Story(title="", language=language, characters=[
        Character(id="karin", name="Karin Roth", aliases=["Karin"], gender="f"),
        Character(id="tom", name="Tom Weber", aliases=["Tom"], gender="m")])


EXEMPT = {
    "de": {
        "funeral": "Karin wird beigesetzt.",
        "grave": "Tom steht am Grab von Karin.",
        "body": "Tom sieht die Leiche von Karin.",
        "photo": "Tom sieht Karin auf einem Foto.",
        "desk": "Tom räumt den Schreibtisch von Karin auf.",
        "file": "Tom liest die Akte über Karin.",
        "memory": "Tom erinnert sich an Karin.",
        "reported_speech": "Tom sagt Karin habe angerufen.",
        "vision": "Tom sieht Karin vor sich.",
        "talks_about": "Tom spricht über Karin.",
        "asks_about": "Tom fragt den Wirt nach Karin.",
        "awaited": "Tom wartet auf Karin.",
    },
    "en": {
        "funeral": "Karin is buried.",
        "grave": "Tom stands at the grave of Karin.",
        "body": "Tom sees the body of Karin.",
        "photo": "Tom sees Karin in a photo.",
        "desk": "Tom clears the desk of Karin.",
        "file": "Tom reads the file on Karin.",
        "memory": "Tom remembers Karin.",
        "reported_speech": "Tom says Karin called.",
        "vision": "Tom sees Karin in a dream.",
        "talks_about": "Tom talks about Karin.",
        "asks_about": "Tom asks the barman about Karin.",
        "awaited": "Tom waits for Karin.",
    },
}
PRESENT = {"de": ["Karin öffnet die Tür.", "Tom sieht Karin.", "Tom fragt Karin.", "Tom spricht mit Karin."],
           "en": ["Karin opens the door.", "Tom sees Karin.", "Tom asks Karin.", "Tom talks to Karin."]}


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_occasion_of_the_data_has_a_sentence_here(language):
    assert set(exemptions(load_language(language))) == set(EXEMPT[language])


@pytest.mark.parametrize("language, kind", [(lang, kind) for lang in EXEMPT for kind in EXEMPT[lang]])
def test_an_exempt_mention_puts_no_one_in_the_scene(language, kind):
    found = {ident for ident, _, _ in scene_presence(EXEMPT[language][kind], _story(language))}
    assert "karin" not in found
    assert "tom" in found or kind == "funeral"


@pytest.mark.parametrize("language, sentence", [(lang, s) for lang in PRESENT for s in PRESENT[lang]])
def test_the_same_names_without_an_exemption_are_present(language, sentence):
    assert "karin" in {ident for ident, _, _ in scene_presence(sentence, _story(language))}


BIBLE = """format: storybible/1
title: T
language: {language}
characters:
  - {{id: karin, name: Karin Roth, aliases: [Karin], gender: f, fate: {{status: killed, scene: "1"}}}}
  - {{id: tom, name: Tom Weber, aliases: [Tom], gender: m}}
"""
DIALOGUE = {"de": "TOM\nKarin wusste, wer es war.\n", "en": "TOM\nKarin knew who did it.\n"}


@pytest.mark.parametrize("language", ["de", "en"])
def test_dialogue_that_names_the_dead_is_no_presence(tmp_path, language):
    script = tmp_path / "s.fountain"
    script.write_text(f"INT. A - NIGHT #1# [[cast: KARIN, TOM]] [[dies: KARIN]]\n\nA shot.\n\n"
                      f"INT. B - DAY #2# [[cast: TOM]]\n\n{DIALOGUE[language]}", "utf-8")
    bible = parse_bible_text(BIBLE.format(language=language), tmp_path / "bible.yaml")
    assert [d.code for d in check_scripts([script], bible).diagnostics] == []
    shown = {"de": "Karin öffnet die Tür.", "en": "Karin opens the door."}[language]
    script.write_text(script.read_text("utf-8") + f"\n{shown}\n", "utf-8")
    assert [(d.code, d.severity) for d in check_scripts([script], bible).diagnostics] == [("CB201", "warning")]
