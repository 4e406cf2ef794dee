"""A surname the text names beside the full name, as someone else, is no alias of the full name's bearer:
the bible would hand a relative's name to the character, and whoever reads it (a scorer, `check`) could take
either for the other."""
from toolkit.extraction.resolve import resolve
from toolkit.text.synopsis import read_synopsis


def test_a_surname_named_beside_the_full_name_is_no_alias(tmp_path):
    seed = tmp_path / "kin.en.txt"
    seed.write_text("Nora Pike rescues Kessler's driver Ivo Brandt from the police and Tom Kessler. "
                    "Tom Kessler meets Nora Pike at Kessler's funeral.\n", encoding="utf-8")
    story = resolve(read_synopsis(seed)).story
    tom = next(c for c in story.characters if c.name == "Tom Kessler")
    assert "Kessler" not in tom.aliases and "Kessler's" not in tom.aliases


def test_a_surname_used_alone_stays_an_alias(tmp_path):
    seed = tmp_path / "alone.en.txt"
    seed.write_text("Tom Kessler flies to Oslo. Kessler meets Nora Pike there.\n", encoding="utf-8")
    story = resolve(read_synopsis(seed)).story
    tom = next(c for c in story.characters if c.name == "Tom Kessler")
    assert "Kessler" in tom.aliases


def test_a_one_word_name_keeps_its_genitive(tmp_path):
    seed = tmp_path / "one.en.txt"
    seed.write_text("Anson meets Nora Pike. Anson's plan is revealed.\n", encoding="utf-8")
    story = resolve(read_synopsis(seed)).story
    anson = next(c for c in story.characters if c.name == "Anson")
    assert "Anson's" in anson.aliases
