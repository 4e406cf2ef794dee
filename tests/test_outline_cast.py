"""The outline's cast notes come from resolved mentions: a pronoun in a main clause puts its referent on screen."""
from __future__ import annotations

import re

import pytest

from toolkit.expansion.expand import expand_story

SYNOPSES = {
    "kollegen.de.txt": ("Mara Lenz arbeitet als Analystin in Hamburg. Anton Weber ist ihr Kollege.\n\n"
                        "Im Büro wartet Mara Lenz die ganze Nacht. Am Morgen kommt er endlich mit den Akten.\n",
                        "kommt er endlich", "Figuren", "ANTON WEBER"),
    "partners.en.txt": ("Clara Voss works as an analyst in Leeds. Tom Hale is her partner.\n\n"
                        "In the office Clara Voss waits all night. At dawn he finally arrives with the files.\n",
                        "he finally arrives", "cast", "TOM HALE"),
    "nebensatz.de.txt": ("Mara Lenz arbeitet als Analystin in Hamburg. Anton Weber ist ihr Kollege.\n\n"
                         "Im Büro wartet Mara Lenz, obwohl er längst abgereist ist.\n",
                         "obwohl er", "Figuren", None),
}


def _cast_of_scene_with(outline: str, words: str, note: str) -> list[str]:
    for block in re.split(r"\n(?=\.|INT\.|EXT\.)", outline):
        if words in block:
            match = re.search(rf"\[\[{note}: ([^\]]*)\]\]", block)
            return [name.strip() for name in match.group(1).split(",")] if match else []
    raise AssertionError(f"no scene tells '{words}'")


@pytest.mark.parametrize("name", sorted(SYNOPSES))
def test_a_pronoun_in_a_main_clause_puts_its_referent_in_the_cast_note(tmp_path, name):
    text, words, note, expected = SYNOPSES[name]
    synopsis = tmp_path / name
    synopsis.write_text(text, encoding="utf-8")
    expansion = expand_story(synopsis, tmp_path / "story")
    outline = (expansion.folder / "outline.fountain").read_text(encoding="utf-8")
    cast = _cast_of_scene_with(outline, words, note)
    if expected is None:  # a pronoun in a subordinate clause is someone talked about, not on screen
        assert all(other not in cast for other in ("ANTON WEBER", "TOM HALE")), cast
    else:
        assert expected in cast, outline


def test_a_cue_name_is_a_name_the_text_writes_never_a_pronoun(tmp_path):
    synopsis = tmp_path / "pronomen.de.txt"
    synopsis.write_text("Kommissarin Vera Stolz kommt nach Passau. Sie misstraut allen, sie schläft kaum, und sie "
                        "trinkt zu viel. In der Kneipe trifft sie den Zeugen Ole Brandt.\n", encoding="utf-8")
    expansion = expand_story(synopsis, tmp_path / "story")
    outline = (expansion.folder / "outline.fountain").read_text(encoding="utf-8")
    cast = _cast_of_scene_with(outline, "In der Kneipe", "Figuren")
    assert "SIE" not in cast and "VERA STOLZ" in cast, cast
