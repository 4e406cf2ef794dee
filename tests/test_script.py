"""Tests of toolkit.continuity.script: scenes, cues, notes and capitalised names read from Fountain text, with lines."""
from __future__ import annotations

import pytest

from toolkit.continuity.script import cue_name, number_scenes, parse_script


def scenes_of(text: str):
    script = parse_script(text, "stories/x/outline.fountain")
    number_scenes([script])
    return script.scenes


def names(scene, via=None):
    return [(m.name, m.line) for m in scene.mentions if via is None or m.via == via]


@pytest.mark.parametrize(("cue", "name"), [
    ("ECKS", "ECKS"),
    ("ECKS (V.O.)", "ECKS"),
    ("SEVER (O.S.)", "SEVER"),
    ("MARTIN (CONT'D)", "MARTIN"),
    ("BRICK ^", "BRICK"),
    ("@McKay", "McKay"),
    ("JÜRGEN (V.O.) ^", "JÜRGEN"),
])
def test_cue_name_drops_extensions(cue, name):
    assert cue_name(cue) == name


def test_cues_with_extensions_and_dual_dialogue_put_characters_in_the_scene():
    [scene] = scenes_of("INT. HOUSE - DAY\n\nECKS (V.O.)\nHi.\n\nSEVER^\nHo.\n\nJÜRGEN (CONT'D)\nJa.\n")
    assert names(scene, "cue") == [("ECKS", 3), ("SEVER", 6), ("JÜRGEN", 9)]


def test_headings_sections_synopsis_and_ids():
    text = "Title: T\n\n# Akt 1\n\n.INNEN. KÜCHE – TAG\n\n= Anna kocht.\n\n# Akt 2\n\nEXT. HOF - NACHT\n"
    first, second = scenes_of(text)
    assert (first.id, first.number, first.line, first.heading, first.section) == (
        "outline.fountain#1", 1, 5, "INNEN. KÜCHE – TAG", "Akt 1")
    assert first.synopsis == ["Anna kocht."]
    assert (second.id, second.line, second.section, first.end_line) == ("outline.fountain#2", 11, "Akt 2", 10)


# The notes the checker reads, pinned: (note, what it sets).
NOTES = [
    ("[[cast: ECKS, SEVER]]", {"cast": ["ECKS", "SEVER"]}),
    ("[[Figuren: ECKS; SEVER]]", {"cast": ["ECKS", "SEVER"]}),
    ("[[dies: MARTIN]]", {"dying": ["MARTIN"]}),
    ("[[stirbt: Martin]]", {"dying": ["Martin"]}),
    ("[[flashback]]", {"flashback": True}),
    ("[[Rückblende]]", {"flashback": True}),
    ("[[continuity: ignore CB201]]", {"ignored": ["CB201"]}),
    ("[[continuity: ignore CB201, cb3]]", {"ignored": ["CB201", "CB3"]}),
    ("[[Kontinuität: ignoriere CB102]]", {"ignored": ["CB102"]}),
    ("[[continuity: ignore]]", {"ignored": [""]}),
    ("[[expect: CB201]]", {}),
    ("[[a writer's note: cast everyone]]", {}),
]


@pytest.mark.parametrize(("note", "sets"), NOTES)
def test_notes(note, sets):
    [scene] = scenes_of(f"INT. HOUSE - DAY\n\nAction. {note}\n")
    assert [m.name for m in scene.mentions if m.via == "cast"] == sets.get("cast", [])
    assert [m.name for m in scene.dying] == sets.get("dying", [])
    assert scene.flashback is sets.get("flashback", False)
    assert scene.ignored == sets.get("ignored", [])


def test_notes_on_heading_and_cue_lines_count_and_give_lines():
    [scene] = scenes_of(".INNEN. KÜCHE – TAG [[Figuren: ANNA]]\n\nBERND [[stirbt: BERND]]\nTschüss.\n")
    assert names(scene, "cast") == [("ANNA", 1)]
    assert [(m.name, m.line, m.column) for m in scene.dying] == [("BERND", 3, 17)]
    assert names(scene, "cue") == [("BERND", 3)]


def test_notes_in_a_boneyard_are_ignored():
    [scene] = scenes_of("INT. HOUSE - DAY\n\n/* [[cast: GHOST]]\n[[dies: GHOST]] */\n\nAction.\n")
    assert scene.mentions == [] and scene.dying == []


@pytest.mark.parametrize("heading", ["INT. HOUSE - NIGHT - FLASHBACK", ".INNEN. HAUS – RÜCKBLENDE",
                                     "INT. HOUSE (Flashback) - DAY"])
def test_flashback_headings(heading):
    [scene] = scenes_of(f"{heading}\n\nAction.\n")
    assert scene.flashback


def test_capitalised_names_in_action_but_not_compounds_or_dialogue():
    [scene] = scenes_of("INT. HOUSE - DAY\n\nDie DIA-Agentin SEVER trifft\nJEAN-LUC und ROSS' Hund.\n\n"
                        "ECKS\nSag SEVER Hallo.\n")
    assert names(scene, "action") == [("SEVER", 3), ("JEAN-LUC", 4), ("ROSS'", 4)]


def test_text_before_the_first_heading_is_a_scene_of_its_own():
    first, second = scenes_of("FADE IN:\n\nECKS\nHallo.\n\nINT. HOUSE - DAY\n\nSEVER\nJa.\n")
    assert (first.heading, first.number, names(first)) == ("", 1, [("ECKS", 3)])
    assert second.number == 2


def test_crlf_and_bom_keep_line_numbers():
    [scene] = scenes_of("\ufeffINT. HOUSE - DAY\r\n\r\nECKS [[dies: ECKS]]\r\nHi.\r\n")
    assert names(scene, "cue") == [("ECKS", 3)]
    assert scene.dying[0].line == 3


def test_unclosed_notes_are_parse_issues():
    script = parse_script("INT. HOUSE - DAY\n\n[[cast: ECKS\n", "a.fountain")
    assert [issue.line for issue in script.issues] == [3]
