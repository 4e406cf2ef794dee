"""Results that used to be silently wrong: misspelt bible keys, a script listed twice, two seeds for one
folder, mixed encodings on one line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_bad_input import invoke, refused
from tests.test_limits import _bible
from toolkit.model.bible import load_story, read_bible

HEAD = "format: storybible/1\ntitle: Probe\nlanguage: en\n"


def test_misspelt_keys_are_a_warning_naming_the_nearest_field(tmp_path):
    folder = _bible(tmp_path, HEAD + "charaters:\n  - {id: ada, name: Ada}\ncharacters:\n"
                              "  - {id: bo, name: Bo, aliase: [Bobby], fate: {status: alive, bye: x}}\n")
    problems = {(p.field, p.line, p.severity): p.message for p in read_bible(folder / "bible.yaml").problems}
    assert problems == {
        ("charaters", 4, "warning"): "'charaters' is no field and is not read; did you mean 'characters'?",
        ("characters[0].aliase", 7, "warning"): "'aliase' is no field and is not read; did you mean 'aliases'?",
        ("characters[0].fate.bye", 7, "warning"): "'bye' is no field and is not read; did you mean 'by'?",
    }
    assert [c.id for c in load_story(folder / "bible.yaml").characters] == ["bo"]  # warnings do not stop a render
    result = invoke("check", str(folder))
    assert (f"{folder / 'bible.yaml'}:4:1: warning CB503 charaters: 'charaters' is no field and is not read; "
            "did you mean 'characters'? [bible-schema]") in result.output
    assert result.exit_code == 1  # ADA of the scene is unknown: the misspelt list was not read


def test_a_bible_without_misspellings_has_no_warnings(tmp_path):
    folder = _bible(tmp_path, HEAD + "characters:\n  - {id: bo, name: Bo, aliases: [Bobby], fate: {status: alive}}\n"
                              "rules: {CB101: warning}\n")
    assert read_bible(folder / "bible.yaml").problems == []


def test_a_script_listed_twice_is_read_once_with_a_warning(tmp_path):
    folder = _bible(tmp_path, HEAD + "characters: [{id: ada, name: Ada}]\n"
                              "scripts: [scenes.fountain, ./scenes.fountain]\n")
    bible = read_bible(folder / "bible.yaml")
    assert bible.story.scripts == ["scenes.fountain"]
    assert [(p.field, p.line, p.severity, p.message) for p in bible.problems] == [
        ("scripts[1]", 5, "warning", "'./scenes.fountain' is listed twice (first on line 5); it is read once")]
    result = invoke("stats", str(folder), "--format", "json")
    assert len(json.JSONDecoder().raw_decode(result.output)[0]["scenes"]) == 1, result.output


def test_utf8_and_cp1252_on_one_line_are_both_read():
    from toolkit.files.textio import decode_text

    data = "Jürgen trifft ".encode() + "Renée in Köln “heute”.\n".encode("cp1252") + "Straße\n".encode()
    assert decode_text(data, "x") == "Jürgen trifft Renée in Köln “heute”.\nStraße\n"
    assert decode_text(b"x" * 100 + b"\x81\n", "x") == "x" * 100 + "\x81\n"  # no Windows-1252 letter: Latin-1


def test_two_seeds_for_one_story_folder_are_refused_by_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first, second = Path("mi5.de.txt"), Path("mi5.en.txt")
    first.write_text("Die Agentin Ilka Brenner trifft Tomas Kettler in Graz.\n", "utf-8")
    second.write_text("Agent Ilka Brenner meets Tomas Kettler in Graz.\n", "utf-8")
    result = invoke("build", str(first), str(second))
    refused(result, f"{second}: makes the same story folder bibles/mi5 as {first}; rename one "
                    "of the two (the folder is named after the file name up to its first dot)")
    assert not (tmp_path / "bibles").exists()


class _Killed(BaseException):
    pass


@pytest.mark.parametrize("name", ["bible.pdf", "notes.html"])
def test_a_write_killed_before_its_record_is_still_storybibles(tmp_path, monkeypatch, name):
    from toolkit.files import safety

    path = tmp_path / name
    safety.OutputFiles().write(path, b"first version")

    def killed(*args):
        raise _Killed

    monkeypatch.setattr(safety, "_write_record", killed)
    with pytest.raises(_Killed):
        safety.OutputFiles().write(path, b"second version")
    assert path.read_bytes() == b"second version"
    monkeypatch.undo()
    assert safety.OutputFiles().check(path) is not None  # not "storybible did not write it"
    safety.OutputFiles().write(path, b"third version")
    assert not any(key.endswith(" (pending)") for key in json.loads((tmp_path / safety.MANIFEST).read_text()))


def test_a_file_changed_by_the_writer_is_still_refused(tmp_path):
    from toolkit.errors import OverwriteRefused
    from toolkit.files import safety

    path = tmp_path / "notes.html"
    safety.OutputFiles().write(path, b"first version")
    path.write_bytes(b"the writer's own words")
    with pytest.raises(OverwriteRefused):
        safety.OutputFiles().check(path)
