"""Reading synopses: encodings, line endings, front matter, units and sentences."""
from __future__ import annotations

import pytest

from tests.conftest import SEEDS
from toolkit.errors import InputError
from toolkit.text.language import detect_language, load_language
from toolkit.text.synopsis import SentenceSplitter, read_synopsis

GERMAN = "Der Agent Jürgen Müller trifft Dr. Weiß in Köln. Sie reden über A. J. Ross, z. B. über seine Pläne.\n"


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""),
                                           ("latin-1", b"")])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encodings_and_line_endings_read_the_same(tmp_path, encoding, bom, newline):
    path = tmp_path / "s.txt"
    path.write_bytes(bom + GERMAN.replace("\n", newline).encode(encoding))
    synopsis = read_synopsis(path)
    assert synopsis.language == "de"
    assert [s.text for s in synopsis.sentences] == [
        "Der Agent Jürgen Müller trifft Dr. Weiß in Köln.",
        "Sie reden über A. J. Ross, z. B. über seine Pläne.",
    ]


@pytest.mark.parametrize("text, expected", [
    ("Dr. Weiß kommt. Er geht.", ["Dr. Weiß kommt.", "Er geht."]),
    ("A. J. Ross lacht. Dann nicht.", ["A. J. Ross lacht.", "Dann nicht."]),
    ("Es gibt z. B. Äpfel. Und Birnen.", ["Es gibt z. B. Äpfel.", "Und Birnen."]),
    ("Am 3. Mai fällt er. Sie bleibt.", ["Am 3. Mai fällt er.", "Sie bleibt."]),
    ("Er fragt: „Wer?“ Sie schweigt.", ["Er fragt: „Wer?“", "Sie schweigt."]),
])
def test_sentence_splitting_survives_abbreviations_and_initials(text, expected):
    splitter = SentenceSplitter(load_language("de"))
    assert [s for s, _ in splitter.split(text)] == expected


def test_units_are_blank_line_paragraphs_or_long_lines(tmp_path):
    long_line = "Ein sehr langer Absatz über eine Agentin, die lange unterwegs ist und viel erlebt. " * 3
    one_per_line = tmp_path / "lines.txt"
    one_per_line.write_text(f"{long_line}\n{long_line}\n{long_line}\n", encoding="utf-8")
    assert len(read_synopsis(one_per_line).units) == 3
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("Kurze Zeile eins,\nkurze Zeile zwei.\n\nZweiter Absatz hier.\n", encoding="utf-8")
    synopsis = read_synopsis(wrapped)
    assert [u.text for u in synopsis.units] == ["Kurze Zeile eins, kurze Zeile zwei.", "Zweiter Absatz hier."]


def test_sentences_know_their_lines():
    synopsis = read_synopsis(SEEDS / "mi5-the-greater-good.de.txt")
    lines = (SEEDS / "mi5-the-greater-good.de.txt").read_text(encoding="utf-8").split("\n")
    for sentence in synopsis.sentences:
        assert sentence.text[:30] in lines[sentence.line - 1], sentence


def test_front_matter_names_title_language_and_units():
    synopsis = read_synopsis(SEEDS / "agent-x.de.txt")
    assert (synopsis.title, synopsis.language, synopsis.unit_kind, len(synopsis.units)) == (
        "Agent X", "de", "episodes", 10)


@pytest.mark.parametrize("content, message", [
    (b"", "the synopsis is empty"),
    (b"---\ntitle: x\n---\n\n   \n", "the synopsis is empty"),
    (b"\x00\x01\x02binary", "binary file"),
    (b"---\ntitle: [unclosed\n---\nText.\n", "front matter does not parse"),
])
def test_bad_input_is_an_input_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_synopsis(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_language_detection():
    assert detect_language("The agent meets his wife in the harbour and they talk.") == "en"
    assert detect_language("Der Agent trifft seine Frau im Hafen und sie reden.") == "de"
