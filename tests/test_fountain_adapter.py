"""Tests of toolkit.continuity.fountain_adapter: the fixes to fountain-py 0.3.0 and the shared Fountain corpora."""
from __future__ import annotations

import json
import re
from itertools import chain
from pathlib import Path

import fountain
import pytest
import yaml

from toolkit.continuity import fountain_adapter
from toolkit.continuity.fountain_adapter import (
    ElementType,
    decode_fountain,
    parse_fountain,
    read_fountain,
    validation_issues,
)
from toolkit.errors import InputError

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora" / "fountain"
needs_corpora = pytest.mark.skipif(not CORPORA.is_dir(), reason=f"shared corpora not found at {CORPORA}")
CORPUS_FILES = sorted(CORPORA.rglob("*.fountain")) if CORPORA.is_dir() else []


def flat(document):
    """Elements in document order, with both columns of dual dialogue spliced in."""
    for element in document.elements:
        if element.type is ElementType.DUAL_DIALOGUE:
            yield from chain(*element.dual_dialogue_columns())
        else:
            yield element


def signature(document):
    return [(e.type, e.text, e.line_number, e.metadata.get("extension")) for e in flat(document)]


# --- 1. non-ASCII cues and headings --------------------------------------------------------------

CUES_AND_HEADINGS = [
    # (source, expected type, expected text of the first element)
    ("JÜRGEN\nHallo.", ElementType.CHARACTER, "JÜRGEN"),
    ("MÜLLER (V.O.)\nJa.", ElementType.CHARACTER, "MÜLLER"),
    ("ÉLODIE^\nOui.", ElementType.CHARACTER, "ÉLODIE"),
    ("ÖZDEMIR\nMerhaba.", ElementType.CHARACTER, "ÖZDEMIR"),
    ("ŁUKASZ (O.S.)\nCześć.", ElementType.CHARACTER, "ŁUKASZ"),
    ("НАТАША\nПривет.", ElementType.CHARACTER, "НАТАША"),
    ("ΣΩΚΡΆΤΗΣ\nΧαίρετε.", ElementType.CHARACTER, "ΣΩΚΡΆΤΗΣ"),
    ("MU\u0308LLER\nJa.", ElementType.CHARACTER, "MU\u0308LLER"),  # decomposed Ü
    ("GROßMUTTER\nKind!", ElementType.CHARACTER, "GROßMUTTER"),
    ("O’BRIEN\nHi.", ElementType.CHARACTER, "O’BRIEN"),
    ("INT. KÜCHE – TAG", ElementType.SCENE_HEADING, "INT. KÜCHE – TAG"),
    (".INNEN. AQUARIUM – VANCOUVER", ElementType.SCENE_HEADING, "INNEN. AQUARIUM – VANCOUVER"),
    (".ÄUSSERES. BUNKER", ElementType.SCENE_HEADING, "ÄUSSERES. BUNKER"),
    (".WNĘTRZE.", ElementType.SCENE_HEADING, "WNĘTRZE."),
    (".ÜBERALL – NACHT #12A#", ElementType.SCENE_HEADING, "ÜBERALL – NACHT"),
    ("ÜBERBLENDUNG TO:", ElementType.TRANSITION, "ÜBERBLENDUNG TO:"),
]


@pytest.mark.parametrize(("source", "kind", "text"), CUES_AND_HEADINGS)
def test_non_ascii_cues_and_headings(source, kind, text):
    elements = list(flat(parse_fountain("Irgendwas passiert.\n\n" + source)))
    assert (elements[1].type, elements[1].text, elements[1].line_number) == (kind, text, 3)


def test_extension_and_dual_dialogue_with_non_ascii_names():
    document = parse_fountain("JÜRGEN (V.O.)\nHallo.\n\nÉLODIE^\nOui.\n")
    (dual,) = document.elements
    assert dual.type is ElementType.DUAL_DIALOGUE
    left, right = dual.dual_dialogue_columns()
    assert (left[0].text, left[0].metadata["extension"], left[0].line_number) == ("JÜRGEN", "V.O.", 1)
    assert (right[0].text, right[0].line_number) == ("ÉLODIE", 4)


def test_non_ascii_cue_under_a_cue_is_a_rival_cue_not_dialogue():
    # The cue lookahead (CUE_PATTERNS) must see ÄRZTIN as a cue, so SEVER is not its speaker.
    kinds = [e.type for e in flat(parse_fountain("SEVER\nÄRZTIN\nWas ist los?\n"))]
    assert kinds[0] is not ElementType.CHARACTER


LOWERCASE_TRAPS = [
    "Jürgen\nHallo.",
    "Élodie\nOui.",
    "jÜRGEN\nHallo.",
    "MÜLLEr\nJa.",
    "Müller (V.O.)\nJa.",
    "ßTRASSE\nJa.",
    "Наташа\nПривет.",
    "123\nZahlen.",
    ". ÄUSSERES. BUNKER",
    "...Ärger im Bunker.",
    "Übergang to:",
]


@pytest.mark.parametrize("source", LOWERCASE_TRAPS)
def test_lowercase_and_unforced_lines_stay_action(source):
    elements = list(flat(parse_fountain("Irgendwas passiert.\n\n" + source)))
    assert [e.type for e in elements] == [ElementType.ACTION, ElementType.ACTION]


def test_the_fix_is_needed():
    # Guards the test table: bare fountain-py must still fail these, or the adapter is dead code.
    bare = fountain.FountainParser().parse("JÜRGEN\nHallo.\n\n.ÄUSSERES. BUNKER\n")
    assert [e.type for e in bare.elements] == [ElementType.ACTION, ElementType.ACTION]


def _unicode_class(test) -> str:
    """A regex class body of every code point for which test holds."""
    return "".join(f"\\U{code:08x}" for code in range(0x110000) if test(chr(code)))


class ReferenceParser(fountain.FountainParser):
    """What the adapter must equal: fountain-py with Unicode-wide classes and its own emphasis resolution."""

    _UPPER = _unicode_class(str.isupper)
    _CLASS = rf"[{_UPPER}0-9\s_.'\u2019#\u0300-\u036f\u00df-]"
    _NAME = rf"(?={_CLASS}*[{_UPPER}])[{_UPPER}0-9]{_CLASS}*"
    CHARACTER_PATTERN = re.compile(rf"^{_NAME}$")
    DUAL_CHARACTER_PATTERN = re.compile(rf"^{_NAME}\^+\s*$")
    CHARACTER_EXTENSION_PATTERN = re.compile(rf"^(?={_CLASS}*[{_UPPER}])([{_UPPER}0-9]{_CLASS}*)\s*\((.+)\)\s*(\^+)?\s*$")
    FORCED_SCENE_HEADING_PATTERN = re.compile(r"^\.(?!\.)(?=[^\W_])")
    TRANSITION_PATTERN = re.compile(rf"^[{_UPPER}\s.'/-]+TO:$|^FADE IN:$|^FADE OUT\.$|^CUT TO:$")
    HARD_STRUCTURAL_PATTERNS = (fountain.FountainParser.SCENE_HEADING_PATTERN, FORCED_SCENE_HEADING_PATTERN,
                                TRANSITION_PATTERN, *fountain.FountainParser.HARD_STRUCTURAL_PATTERNS[3:])
    CUE_PATTERNS = (CHARACTER_PATTERN, DUAL_CHARACTER_PATTERN, fountain.FountainParser.FORCED_CHARACTER_PATTERN,
                    CHARACTER_EXTENSION_PATTERN)


def full_signature(document):
    return [(e.type, e.text, e.line_number, e.formatting, e.metadata) for e in document.elements]


def test_reference_parser_replaces_the_same_patterns():
    base = fountain.FountainParser
    assert base.HARD_STRUCTURAL_PATTERNS[:3] == (base.SCENE_HEADING_PATTERN, base.FORCED_SCENE_HEADING_PATTERN,
                                                 base.TRANSITION_PATTERN)


SHAPE_ALPHABET = "AZaz09 _.'#-^()/:\u00a0\u2003ÄÖÜäöüßÉéŁłНаΣσ\u2019\u0308\u0301ǅ٣–~*\\"


def test_cue_patterns_match_as_unicode_wide_regexes_would():
    # Every line of up to four characters from an alphabet of the kinds that matter, plus longer mixes.
    import random
    from itertools import product

    adapter = fountain_adapter._UnicodeFountainParser
    pairs = [(adapter.CHARACTER_PATTERN, ReferenceParser.CHARACTER_PATTERN),
             (adapter.DUAL_CHARACTER_PATTERN, ReferenceParser.DUAL_CHARACTER_PATTERN),
             (adapter.CHARACTER_EXTENSION_PATTERN, ReferenceParser.CHARACTER_EXTENSION_PATTERN),
             (adapter.TRANSITION_PATTERN, ReferenceParser.TRANSITION_PATTERN)]
    randomness = random.Random(7)
    lines = ["".join(p) for size in (1, 2, 3) for p in product(SHAPE_ALPHABET, repeat=size)]
    lines += ["".join(randomness.choices(SHAPE_ALPHABET + "TO: (V.O.)", k=randomness.randint(4, 24)))
              for _ in range(20000)]
    lines += ["ÜBERBLENDUNG TO:", "JÜRGEN (V.O.)^", "O’BRIEN (CONT’D)", "ÉLODIE^ ", "ÄRZTIN (O.S.)"]
    for ours, reference in pairs:
        for line in lines:
            expected, actual = reference.match(line), ours.match(line)
            assert (actual is None) == (expected is None), (reference.pattern[:40], line)
            if expected is not None:
                assert [actual.group(i) for i in range(reference.groups + 1)] == [expected.group(0),
                                                                                        *expected.groups()], line


@needs_corpora
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(CORPORA)))
def test_corpus_elements_equal_the_reference_parser(path):
    text = fountain_adapter._normalise(decode_fountain(path.read_bytes(), path))
    assert full_signature(parse_fountain(text)) == full_signature(ReferenceParser().parse(text))


@pytest.mark.parametrize("text", ["**Bold** and *it* and _under_ \\*not\\*.\n", "A \x01 mark.\n", "Plain.\n"])
def test_emphasis_is_resolved_only_where_there_is_some(text):
    assert full_signature(parse_fountain(text)) == full_signature(ReferenceParser().parse(text))


# --- 2. line endings and 3. byte-order mark ------------------------------------------------------

SAMPLE = """Title: Agent X
Author: Niemand

# Akt 1

= Ecks findet Sever.

.INNEN. AQUARIUM – VANCOUVER

[[cast: ECKS, SEVER]]

ECKS betritt den Raum.
Er sieht sich um.

SEVER (V.O.)
Du kommst spät.

JÜRGEN
(leise)
Zu spät.

> SCHNITT ZU:

EXT. BUNKER - NIGHT

/* gestrichen
noch gestrichen */

ÉLODIE
Oui.
"""


def endings(text: str, style: str) -> str:
    lines = text.split("\n")
    if style == "mixed":
        return "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    return text.replace("\n", style)


@pytest.mark.parametrize("style", ["\r\n", "\r", "mixed"])
def test_line_endings_give_the_same_elements_and_lines(style):
    expected = parse_fountain(SAMPLE)
    actual = parse_fountain(endings(SAMPLE, style))
    assert signature(actual) == signature(expected)
    assert actual.metadata == expected.metadata
    assert any(e.type is ElementType.CHARACTER and e.text == "JÜRGEN" and e.line_number == 18 for e in flat(actual))


@needs_corpora
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(CORPORA)))
def test_corpus_line_endings_are_irrelevant(path):
    lf = decode_fountain(path.read_bytes(), path).replace("\r\n", "\n")
    expected = signature(parse_fountain(lf))
    for style in ("\r\n", "\r", "mixed"):
        assert signature(parse_fountain(endings(lf, style))) == expected, style


def test_byte_order_mark_is_stripped():
    document = parse_fountain("\ufeffTitle: Agent X\n\nINT. HOUSE - DAY\n\nJOHN\nHi.\n")
    assert document.metadata == {"title": "Agent X"}
    assert next((e.type, e.line_number) for e in document.elements) == (ElementType.SCENE_HEADING, 3)
    heading = parse_fountain("\ufeff.ÄUSSERES. BUNKER\r\n").elements[0]
    assert (heading.type, heading.text, heading.line_number) == (ElementType.SCENE_HEADING, "ÄUSSERES. BUNKER", 1)


def test_validation_issues_are_normalised_and_carry_lines():
    issues = validation_issues("\ufeffINT. HOUSE - DAY\r\n\r\n[[open note\r\n\r\nAction.\r\n\r\n/* open")
    assert {(i.code, i.line_number) for i in issues} == {("unclosed-note", 3), ("unclosed-boneyard", 7)}
    assert validation_issues("JÜRGEN\r\nHallo.\r\n") == []


# --- decoding ------------------------------------------------------------------------------------


@needs_corpora
def test_latin1_file_decodes():
    path = CORPORA / "fountain-js" / "bigfish.fountain"
    data = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = decode_fountain(data, path)
    assert text == data.decode("latin-1")
    assert "°" in text and "\ufffd" not in text
    document = read_fountain(path)
    assert document.metadata["title"] == "Big Fish"
    assert sum(e.type is ElementType.SCENE_HEADING for e in document.elements) > 100


def test_encodings():
    assert decode_fountain("\ufeffKÜCHE".encode("utf-8"), "x") == "KÜCHE"
    assert decode_fountain("„Küche“ – 5 €".encode(), "x") == "„Küche“ – 5 €"
    assert decode_fountain("„Küche“ – 5 €".encode("cp1252"), "x") == "„Küche“ – 5 €"
    assert decode_fountain(b"Die K\xfcche der Familie \x81 ist gro\xdf.\n" + b"Mehr Text.\n" * 5, "x").startswith("Die Küche der Familie \x81")
    # 0x81 is undefined in Windows-1252, so that file falls back to Latin-1.
    assert decode_fountain("\ufeffKÜCHE\r\n".encode("utf-16"), "x") == "KÜCHE\r\n"


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"INT. HOUSE\n\nPNG\x00\x00\x1a\n", 3),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 9)) * 40, 2),
        (bytes(range(256)) * 4, 1),
    ],
)
def test_binary_junk_raises_input_error(tmp_path, data, line):
    path = tmp_path / "junk.fountain"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_fountain(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert str(path) in str(caught.value)


def test_a_few_control_characters_are_tolerated():
    data = b"INT. HOUSE - DAY\n\nAction with a stray \x0b vertical tab.\n" + b"More action.\n" * 5
    text = decode_fountain(data, "x")
    assert parse_fountain(text).elements[0].type is ElementType.SCENE_HEADING


def test_missing_or_unreadable_file_raises_input_error(tmp_path):
    for path in (tmp_path / "nope.fountain", tmp_path):
        with pytest.raises(InputError) as caught:
            read_fountain(path)
        assert str(path) in str(caught.value)


# --- nyousefi expectations -----------------------------------------------------------------------


def element_lines(element):
    text = element.text
    if element.type is ElementType.NOTE:
        text = text.removeprefix("[[").removesuffix("]]")
    elif element.type is ElementType.BONEYARD:
        text = text.removeprefix("/*").removesuffix("*/")
    return [line.strip() for line in text.split("\n")]


def expectation_holds(document, expectation) -> bool:
    """One assertion of expectations.json, by the matching rule in its ``_about``."""
    elements = list(flat(document))
    if "title" in expectation:
        return all(document.metadata.get(k) == v for k, v in expectation["title"].items())
    if "title_contains" in expectation:
        return all(v in document.metadata.get(k, "") for k, v in expectation["title_contains"].items())
    if "count" in expectation:
        return all(sum(e.type.value == kind for e in elements) == n for kind, n in expectation["count"].items())
    if "scene_numbers" in expectation:
        numbers = [e.metadata.get("scene_number") for e in elements if e.type is ElementType.SCENE_HEADING]
        return numbers == expectation["scene_numbers"]
    hidden = (ElementType.NOTE, ElementType.BONEYARD)
    if expectation["type"] not in ("note", "boneyard"):
        elements = [e for e in elements if e.type not in hidden]
    matches = [e for e in elements if any(line.startswith(expectation["anchor"]) for line in element_lines(e))]
    nth = expectation.get("nth", 0)
    if nth >= len(matches):
        return False
    element = matches[nth]
    if expectation.get("not"):
        return element.type.value != expectation["type"]
    if element.type.value != expectation["type"]:
        return False
    return "level" not in expectation or element.metadata.get("level") == expectation["level"]


def score_expectations():
    """{(file, index): (bare passes, adapter passes)} for every scored assertion."""
    expectations = json.loads((CORPORA / "nyousefi-Fountain" / "expectations.json").read_text("utf-8"))
    results = {}
    for name, assertions in expectations["files"].items():
        path = CORPORA / "nyousefi-Fountain" / name
        bare = fountain.FountainParser().parse_file(path)
        adapted = read_fountain(path)
        for index, expectation in enumerate(assertions):
            if "skip" not in expectation:
                results[name, index] = (expectation_holds(bare, expectation), expectation_holds(adapted, expectation))
    return results


@needs_corpora
def test_nyousefi_expectations():
    results = score_expectations()
    bare = sum(b for b, _ in results.values())
    adapted = sum(a for _, a in results.values())
    print(f"\nexpectations.json: bare fountain-py {bare}/{len(results)}, adapter {adapted}/{len(results)}")
    assert len(results) == 74
    assert adapted >= bare
    assert [key for key, (b, a) in results.items() if b and not a] == []


# --- line numbers over the corpora ---------------------------------------------------------------

INLINE_MARKUP = re.compile(r"[*_\\]")


def plain(text: str) -> str:
    return INLINE_MARKUP.sub("", text).strip()


@needs_corpora
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: str(p.relative_to(CORPORA)))
def test_corpus_line_numbers_point_at_the_element(path):
    lines = decode_fountain(path.read_bytes(), path).removeprefix("\ufeff")
    lines = lines.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    document = read_fountain(path)
    checked = 0
    for element in flat(document):
        first = element.text.split("\n")[0]
        if not plain(first):
            continue
        source = lines[element.line_number - 1]
        if element.type in (ElementType.SCENE_HEADING, ElementType.CHARACTER, ElementType.TRANSITION):
            # Strict for the elements a checker anchors diagnostics on.
            assert plain(first) in plain(source), (element, source)
            checked += 1
        elif element.type in (ElementType.SECTION, ElementType.SYNOPSIS, ElementType.NOTE):
            assert plain(first)[:20] in plain(source), (element, source)
            checked += 1
        elif element.type in (ElementType.ACTION, ElementType.DIALOGUE):
            # Inline notes and boneyards are cut out of these, so only their start must be there.
            assert plain(first)[:4] in plain(source), (element, source)
            checked += 1
    assert checked or not document.elements


# --- Jouvence ------------------------------------------------------------------------------------

JOUVENCE_KINDS = [  # prefix of an `out:` entry -> element kind; longest first
    ("<pagebreak>", "page_break"),
    ("!><", "centered"),
    ("!", "action"),
    ("@", "character"),
    ("=", "dialogue"),
    ("_", "parenthetical"),
    (">", "transition"),
    ("~", "lyrics"),
    ("#", "section"),
    ("+", "synopsis"),
    (".", "scene_heading"),
]


def jouvence_kind(entry: str) -> tuple[str, str]:
    for prefix, kind in JOUVENCE_KINDS:
        if entry.startswith(prefix):
            return kind, entry[len(prefix) :]
    raise ValueError(entry)


def collapse(pairs):
    """Kinds in order, blank action dropped and runs of one kind merged (parsers split lines differently)."""
    kinds = []
    for kind, text in pairs:
        if kind == "action" and not text.strip():
            continue
        if not kinds or kinds[-1] != kind:
            kinds.append(kind)
    return kinds


def document_kinds(document):
    hidden = (ElementType.NOTE, ElementType.BONEYARD)
    return collapse((e.type.value, e.text) for e in flat(document) if e.type not in hidden)


def jouvence_cases():
    if not CORPORA.is_dir():
        return []
    cases = []
    for path in sorted((CORPORA / "jouvence-tests").glob("*.yaml")):
        for index, case in enumerate(yaml.safe_load_all(path.read_text("utf-8"))):
            if case:
                cases.append((f"{path.stem}[{index}]", case["in"], collapse(map(jouvence_kind, case["out"]))))
    return cases


def score_jouvence():
    """{case id: (bare passes, adapter passes)}."""
    results = {}
    for name, source, expected in jouvence_cases():
        bare = document_kinds(fountain.FountainParser().parse(source)) == expected
        results[name] = (bare, document_kinds(parse_fountain(source)) == expected)
    return results


@needs_corpora
def test_jouvence_element_kinds():
    results = score_jouvence()
    bare = sum(b for b, _ in results.values())
    adapted = sum(a for _, a in results.values())
    print(f"\njouvence: bare fountain-py {bare}/{len(results)}, adapter {adapted}/{len(results)}")
    assert len(results) >= 40
    # Where fountain-py agrees with Jouvence on these plain-ASCII inputs, the adapter must too.
    assert [name for name, (b, a) in results.items() if b and not a] == []


def test_the_adapter_leaves_the_renderers_unloaded_and_the_package_whole():
    import subprocess
    import sys

    probe = (
        "import sys, toolkit.continuity.fountain_adapter\n"
        "assert 'fountain.renderers.fdx' not in sys.modules\n"
        "import fountain\n"
        "from fountain import FDXRenderer\n"
        "assert fountain.FountainParser is toolkit.continuity.fountain_adapter.FountainParser\n"
        "assert fountain.HTMLRenderer and FDXRenderer and 'fountain.renderers.fdx' in sys.modules\n"
        "print(sorted(fountain.__all__) == sorted(n for n in fountain.__all__ if hasattr(fountain, n)))\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "True\n"
