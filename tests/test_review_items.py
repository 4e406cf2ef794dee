"""Review items as a kind and arguments: their English message, their place in bible.yaml, and the PDF's
translation of them, for items with arguments and for the older items that have only a message."""
from __future__ import annotations

import pytest

from toolkit.model.bible import dump_bible, parse_bible_text
from toolkit.model.review import english_message
from toolkit.model.story import Character, ReviewItem, Story
from toolkit.pdf.character_sheet import spelling_variants
from toolkit.pdf.render import load_labels
from toolkit.pdf.report_text import review_args, review_line

# Each kind's arguments and the English message bible.yaml has always held for them.
ENGLISH = [
    ("spelling_variant", {"variant": "Kimm", "name": "Kim"}, "'Kimm' looks like a misspelling of 'Kim'"),
    ("ambiguous_name", {"name": "Berg", "owners": ["Eva Berg", "Tom Berg"], "owner": "Eva Berg"},
     "'Berg' could be Eva Berg or Tom Berg; taken as Eva Berg"),
    ("ambiguous_reference", {"name": "sie", "owners": ["Eva", "Ada"]}, "'sie' could be Eva or Ada; nothing is read from it"),
    ("gender_conflict", {"name": "Kim", "gender": "f", "evidence": "er", "evidence_at": "x.de.txt:4"},
     "Kim is taken as f, but the text also says 'er' (x.de.txt:4)"),
    ("not_a_character", {"name": "Anna Lind", "case": "performer"},
     "'Anna Lind' is taken for a performer, not a character of the story"),
    ("not_a_character", {"name": "Station", "case": "word"},
     "'Station' is a word of the language and nothing in the text shows a person; not taken for a character"),
    ("person_or_place", {"name": "Paris"},
     "'Paris' is also a place; taken as a person because the text has it act or gives it a title"),
    ("implied_affiliation", {"case": "either", "member": "Kim", "orgs": ["bnd", "cia"], "other": "Eva",
                             "evidence": "ihre Kollegin"}, "Kim may belong to bnd or cia like Eva: 'ihre Kollegin'"),
    ("scene_reference", {"case": "numbered", "field": "characters[0].fate.scene", "reference": "3",
                         "at": "a.fountain:9", "heading": "INT. HOUSE", "number": "12", "position": "3"},
     "characters[0].fate.scene: '3' names a scene by its position, which moves when scenes are inserted; it is "
     "read as the scene at a.fountain:9 (INT. HOUSE); write \"12\""),
]


@pytest.mark.parametrize(("kind", "args", "message"), ENGLISH, ids=[e[0] for e in ENGLISH])
def test_an_item_of_a_kind_says_in_english_what_its_arguments_say(kind, args, message):
    item = ReviewItem.of(kind, "seeds/x.de.txt", **args)
    assert (item.kind, item.message, item.where, item.args) == (kind, message, "seeds/x.de.txt", args)


def test_a_kind_without_english_wording_is_refused():
    with pytest.raises(ValueError, match="no_such_kind"):
        english_message("no_such_kind", {"name": "x"})


def test_bible_yaml_keeps_kind_arguments_and_message_and_reads_them_back():
    item = ReviewItem.of("ambiguous_name", "seeds/x.txt", name="Berg", owners=["Eva Berg", "Tom Berg"], owner="Eva Berg")
    text = dump_bible(Story(title="x", review=[item]))
    assert "  - kind: ambiguous_name\n    args:\n      name: Berg\n      owners: [Eva Berg, Tom Berg]\n" in text
    assert "message: '''Berg'' could be Eva Berg or Tom Berg; taken as Eva Berg'" in text
    assert parse_bible_text(text, None).story.review == [item]


def test_an_older_bible_item_without_arguments_is_read_as_before():
    text = "format: storybible/1\ntitle: x\nreview:\n  - {kind: spelling_variant, message: \"'Kimm' looks like a " \
           "misspelling of 'Kim'\", where: seeds/x.txt}\n"
    item = parse_bible_text(text, None).story.review[0]
    assert item.args == {}
    assert review_args(item) == {"variant": "Kimm", "name": "Kim"}


def test_arguments_that_are_no_mapping_are_a_schema_problem():
    bible = parse_bible_text("format: storybible/1\ntitle: x\nreview:\n  - {kind: x, message: y, args: [1]}\n", None)
    assert [(p.field, p.line) for p in bible.problems] == [("review[0].args", 4)]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("kind", "args", "message"), [e for e in ENGLISH if e[0] in (
    "spelling_variant", "ambiguous_name", "ambiguous_reference", "gender_conflict", "scene_reference")],
    ids=lambda value: value if isinstance(value, str) and "_" in value else "")
def test_the_pdf_words_an_item_alike_from_its_arguments_and_from_its_message_alone(language, kind, args, message):
    labels = load_labels(language)
    story = Story(title="x", characters=[Character(id="kim", name="Kim")])
    source = ["Erste Zeile.", "Dort tauchen Kimm, Berg und sie auf."]
    with_args = review_line(ReviewItem.of(kind, "seeds/x.de.txt", **args), story, labels, source)
    message_only = review_line(ReviewItem(kind, message, "seeds/x.de.txt"), story, labels, source)
    assert with_args == message_only
    assert with_args.message != message  # translated by the labels' template, not the English kept
    assert with_args.kind == labels["review_kinds"][kind]


def test_the_pdf_joins_lists_with_the_story_languages_or_and_takes_the_other_evidences_line():
    labels = load_labels("de")
    story = Story(title="x")
    line = review_line(ReviewItem.of("ambiguous_reference", "x.txt:3", name="sie", owners=["Eva", "Ada", "Kim"]),
                       story, labels, [])
    assert line.message == "„sie“ kann sich auf Eva, Ada oder Kim beziehen; daraus wurde nichts übernommen."
    conflict = review_line(ReviewItem.of("gender_conflict", "x.txt:2", name="Kim", gender="f", evidence="er",
                                         evidence_at="x.txt:7"), story, labels, [])
    assert conflict.where == "x.txt:7"


def test_spelling_variants_come_from_the_arguments_or_from_an_older_items_message():
    items = [ReviewItem.of("spelling_variant", "", variant="Nádja", name="Nadja"),
             ReviewItem("spelling_variant", "'Sewers' looks like a misspelling of 'Sever'")]
    assert spelling_variants(items) == {"nádja", "sewers"}
