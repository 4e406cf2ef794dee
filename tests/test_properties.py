"""Properties over arbitrary input (hypothesis): the toolkit reads anything without crashing, and what it
writes it reads back whole.

Examples are few and have no deadline so the suite stays fast on two cores; benchmarks/fuzz.py runs the
same properties far longer, outside the suite.
"""
from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.continuity.check import check_scripts
from toolkit.continuity.fountain_adapter import ElementType, decode_fountain, parse_fountain
from toolkit.continuity.script import parse_script
from toolkit.errors import InputError
from toolkit.expansion.expand import expand_story
from toolkit.files.textio import decode_text
from toolkit.model.bible import dump_bible, parse_bible_text
from toolkit.model.story import (
    AFFILIATION_STATUSES,
    FATE_STATUSES,
    GENDERS,
    ORGANISATION_KINDS,
    RELATION_TYPES,
    SETTINGS,
    UNIT_KINDS,
    Affiliation,
    Character,
    Fate,
    Location,
    Organisation,
    Prop,
    Relation,
    ReviewItem,
    Story,
)
from toolkit.text.synopsis import read_synopsis

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- strategies shared with benchmarks/fuzz.py ---------------------------------------------------

NAMES = ["Sever", "Ecks", "O'Brien", "Jean-Luc", "Müller", "Renée", "Иван", "李明", "Ελένη", "Anna Berg",
         "Dr. Karl Stein", "MARTIN", "DIA", "CIA", "MI5"]
WORDS = ["der", "die", "das", "und", "trifft", "tötet", "stirbt", "in", "Vancouver", "Berlin", "Agentin",
         "ehemalige", "the", "agent", "meets", "kills", "dies", "wife", "of", "his", "Tochter", "Sohn",
         "Bunker", "Hafen", "als", "er", "sie", "wird", "erschossen", "Wien", "Zürich", "former", "boss"]
MARKUP = ["INT. HAUS – TAG", "EXT. STREET - NIGHT", ".ÄUSSERES BUNKER", "# Akt 1", "= Synopse", "[[cast: SEVER]]",
          "[[dies: ECKS]]", "[[Rückblende]]", "[[continuity: ignore CB201]]", "/*", "*/", "[[", "]]", "@MÜLLER",
          "SEVER", "ECKS (V.O.)", "(leise)", "> THE END <", "CUT TO:", "===", "~la la", "!FORCED", "Title: X",
          "**bold**", "_under_", "\t", "", "", ""]

prose_word = st.one_of(st.sampled_from(WORDS), st.sampled_from(NAMES),
                       st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8))
sentence_text = st.lists(prose_word, min_size=1, max_size=12).map(" ".join).map(lambda s: s + ".")
synopsis_text = st.lists(st.lists(sentence_text, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=4) \
    .map("\n\n".join)
fountain_text = st.lists(st.one_of(st.sampled_from(MARKUP), sentence_text, st.text(max_size=20)), max_size=30) \
    .map("\n".join)
any_bytes = st.one_of(st.binary(max_size=400), st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                      st.text(max_size=300).map(lambda t: t.encode("utf-16")),
                      st.text(alphabet=st.characters(max_codepoint=255), max_size=300).map(
                          lambda t: t.encode("latin-1")))

# Prose a writer would put in a synopsis: words, names, punctuation, emphasis marks, even '/*'; but no
# '[[', which Fountain has no escape for (the outline keeps it and check warns of an unclosed note).
plain_word = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(NAMES),
    st.text(alphabet=st.characters(categories=["L", "Nd"], exclude_characters="ǅǈǋǲ"), min_size=1, max_size=8),
    st.sampled_from(["„Ja“", "(heimlich)", "42", "3.", "—", "–", "#1", "@home", "*", "_x_", "~", ">", "!", "=", "...",
                     "/*", "*/", "\\", "**fett**"]),
)
plain_sentence = st.lists(plain_word, min_size=2, max_size=10).map(" ".join).map(
    lambda s: s[0].upper() + s[1:] + ".")
plain_synopsis = st.lists(st.lists(plain_sentence, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3) \
    .map("\n\n".join)

ident = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"],
                                      exclude_characters="\ufeff\x85"), max_size=30)
texts = st.lists(text.filter(bool), max_size=3)
characters = st.builds(
    Character, id=ident, name=text.filter(lambda s: s.strip() == s and bool(s)), aliases=texts,
    gender=st.sampled_from(GENDERS), role=text, summary=text,
    affiliations=st.lists(st.builds(Affiliation, org=ident, status=st.sampled_from(AFFILIATION_STATUSES),
                                    title=text, evidence=text), max_size=2),
    relations=st.lists(st.builds(Relation, type=st.sampled_from(RELATION_TYPES), target=ident), max_size=2),
    fate=st.builds(Fate, status=st.sampled_from(FATE_STATUSES), by=text, scene=text))
# ids are unique within each kind: a bible with two of one id is reported (CB503)
stories = st.builds(
    Story, title=text.filter(bool), language=st.sampled_from(["de", "en"]), source=text,
    units=st.sampled_from(UNIT_KINDS), scripts=st.lists(ident.map(lambda s: s + ".fountain"), max_size=3, unique=True),
    logline=text, characters=st.lists(characters, max_size=4, unique_by=lambda c: c.id),
    organisations=st.lists(st.builds(Organisation, id=ident, name=text.filter(bool), abbreviation=text,
                                     aliases=texts, kind=st.sampled_from(ORGANISATION_KINDS)), max_size=3,
                           unique_by=lambda o: o.id),
    locations=st.lists(st.builds(Location, id=ident, name=text.filter(bool), aliases=texts,
                                 setting=st.sampled_from(SETTINGS)), max_size=3, unique_by=lambda loc: loc.id),
    props=st.lists(st.builds(Prop, id=ident, name=text.filter(bool), aliases=texts), max_size=2,
                   unique_by=lambda p: p.id),
    review=st.lists(st.builds(ReviewItem, kind=text, message=text, where=text), max_size=2),
    unit_texts=st.lists(text.filter(bool), max_size=3),
)


@contextmanager
def _file(data: bytes, name: str):
    """A file holding data, in a folder of its own that is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="storybible-prop-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


# -- reading, extracting, parsing and checking never raise anything but InputError ---------------

@FAST
@given(any_bytes)
def test_decoding_any_bytes_gives_text_or_an_input_error(data):
    for decode in (decode_text, decode_fountain):
        try:
            result = decode(data, "x")
        except InputError as error:
            assert error.path == "x"
        else:
            assert isinstance(result, str) and "\x00" not in result


@SLOW
@given(st.one_of(synopsis_text.map(lambda t: t.encode("utf-8")), any_bytes),
       st.sampled_from(["auto", "de", "en"]))
def test_reading_and_extracting_any_synopsis_raises_only_input_errors(data, language):
    from toolkit.extraction.resolve import resolve

    with _file(data, "fuzz.txt") as path:
        try:
            synopsis = read_synopsis(path, language=language)
        except InputError:
            return
        story = resolve(synopsis).story
    assert all(c.id and c.name for c in story.characters)


@FAST
@given(st.one_of(fountain_text, st.text(max_size=200)))
def test_parsing_and_checking_any_fountain_raises_only_input_errors(text):
    script = parse_script(text, "fuzz.fountain")
    assert all(scene.line >= 1 for scene in script.scenes)
    with _file(text.encode("utf-8"), "fuzz.fountain") as path:
        try:
            result = check_scripts([path])
        except InputError:
            return
    assert all(d.line >= 1 and d.file for d in result.diagnostics)


@FAST
@given(st.one_of(st.text(max_size=300), st.sampled_from(["", "---", "[", "{a: 1", "- x\n-", "a: !!binary x",
                                                           "title: &a [*a]", "characters: {a: b}"])))
def test_any_bible_text_parses_or_raises_only_input_errors(text):
    try:
        bible = parse_bible_text(text, Path("bible.yaml"))
    except InputError as error:
        assert error.path == "bible.yaml"
        return
    assert all(problem.line >= 1 for problem in bible.problems)


# -- what the toolkit writes it reads back whole -------------------------------------------------

@SLOW
@given(plain_synopsis, st.sampled_from(["de", "en"]))
def test_expanding_and_reparsing_the_outline_keeps_every_synopsis_sentence(text, language):
    with _file(text.encode("utf-8"), f"story.{language}.txt") as seed:
        try:
            expansion = expand_story(seed, seed.parent / "story", language=language)
        except InputError:
            return
        sentences = [s.text for s in read_synopsis(seed, language=language).sentences]
        outline = (expansion.folder / "outline.fountain").read_text("utf-8")
    document = parse_fountain(outline)
    kept = [e.text for e in document.elements if e.type is ElementType.SYNOPSIS]
    assert kept == sentences
    # the action tells the same sentences, with names in capitals where a character is introduced
    action = " ".join(e.text for e in document.elements if e.type is ElementType.ACTION).upper()
    assert all(s.upper() in action for s in sentences)


@FAST
@given(stories)
def test_a_bible_written_and_read_back_is_equal(story):
    again = parse_bible_text(dump_bible(story), Path("bible.yaml"))
    assert again.problems == []
    assert again.story == story
