"""Bounded work and honest results on hostile or odd input: YAML limits in front matter and bibles,
numbers too long to convert, what YAML would silently drop (CB503 with its line), mixed encodings,
damaged caches, and texts without full stops."""
from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_bad_input import invoke, refused
from toolkit.files.textio import decode_text
from toolkit.model.bible import read_bible
from toolkit.text.synopsis import read_synopsis

SEED = "Die Agentin Ilka Brenner trifft Tomas Kettler in Graz. Tomas Kettler verrät Ilka Brenner.\n"
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"b{i}: &b{i} [{', '.join(['*' + ('a' if i == 0 else f'b{i - 1}')] * 9)}]\n" for i in range(9))


# -- 8, 9. front matter has the bible's limits; numbers too long are one line ---------------------

@pytest.mark.parametrize("front, expected", [
    (LAUGHS + "title: x\n", ":2: front matter: YAML aliases repeat themselves into more than 100,000 extra fields; "
                            "write the fields out"),
    ("title: " + "[" * 60 + "]" * 60 + "\n", ":2: front matter: YAML is nested too deeply (more than 50 levels)"),
    ("title: " + "[" * 30_000 + "]" * 30_000 + "\n", ":2: front matter does not parse: exceeded maximum nesting depth"),
    ("title: 1" + "0" * 5000 + "\n", ":2: front matter: a number of 5,001 digits; quote it if it is text"),
    ("title: A\ntitle: B\n", ":3: front matter: 'title' appears twice (first on line 1); "
                             "YAML would keep only the last one"),
])
def test_front_matter_is_read_within_bounds(tmp_path, front, expected):
    seed = tmp_path / "probe.de.txt"
    seed.write_text(f"---\n{front}---\n{SEED}", "utf-8")
    refused(invoke("expand", str(seed)), f"{seed}{expected}")


def _bible(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "s"
    folder.mkdir(exist_ok=True)
    (folder / "bible.yaml").write_text(text, "utf-8")
    (folder / "scenes.fountain").write_text("INT. ROOM - DAY\n\nADA\nHello.\n", "utf-8")
    return folder


HEAD = "format: storybible/1\ntitle: Probe\nlanguage: en\n"


@pytest.mark.parametrize("command", ["check", "render"])
def test_a_number_too_long_in_a_bible_is_one_line(tmp_path, command):
    folder = _bible(tmp_path, HEAD + "characters:\n  - {id: ada, name: Ada, fate: {status: killed, scene: 1"
                              + "2" * 5000 + "}}\n")
    refused(invoke(command, str(folder)),
            f"{folder / 'bible.yaml'}:5: bible: a number of 5,001 digits; quote it if it is text")


def test_a_large_bible_without_aliases_is_read(tmp_path):
    people = "".join(f"  - {{id: c{i}, name: Person{i}, aliases: [P{i}]}}\n" for i in range(10_000))
    bible = read_bible(_bible(tmp_path, HEAD + "characters:\n" + people) / "bible.yaml")
    assert len(bible.story.characters) == 10_000 and bible.problems == []


def test_a_lone_surrogate_in_a_large_bible_is_one_line(tmp_path):
    filler = "".join(f"# line {i}\n- x\n" for i in range(6000))
    folder = _bible(tmp_path, HEAD + 'logline: "broken \\ud800 text"\nreview:\n' + filler.replace("- x", "  - {}"))
    result = invoke("render", str(folder))
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"storybible: {folder / 'bible.yaml'}:4: bible: YAML does not parse")
    assert result.output.count("\n") == 1


# -- 10. what YAML would silently drop is CB503 with its line -------------------------------------

@pytest.mark.parametrize("body, line, message", [
    ("characters:\n  - {id: ada, name: Ada}\n  - {id: ada, name: Ada Quill}\n", 6,
     "id 'ada' is used twice (first on line 5); give each its own id"),
    ("characters:\n  - {id: ada, name: Ada}\ncharacters:\n  - {id: bo, name: Bo}\n", 6,
     "'characters' appears twice (first on line 4); YAML would keep only the last one"),
    ("base: &base {gender: f}\ncharacters:\n  - <<: *base\n    id: ada\n    name: Ada\n", 6,
     "merge keys (<<) are not read; write the fields out"),
])
def test_what_yaml_would_drop_is_reported_with_its_line(tmp_path, body, line, message):
    folder = _bible(tmp_path, HEAD + body)
    result = invoke("check", str(folder), "--format", "json")
    assert result.exit_code == 1, result.output
    found = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "CB503" and d["severity"] == "error"]
    assert [(d["line"], d["message"].endswith(message)) for d in found] == [(line, True)], found


# -- 10. mixed encodings are decoded line by line -------------------------------------------------

def test_mixed_utf8_and_windows_1252_are_decoded_line_by_line():
    data = "Jürgen trifft Renée.\n".encode() + "Jürgen flieht nach Köln.\n".encode("cp1252")
    assert decode_text(data, "x") == "Jürgen trifft Renée.\nJürgen flieht nach Köln.\n"


def test_a_mixed_synopsis_keeps_its_names(tmp_path):
    seed = tmp_path / "probe.de.txt"
    seed.write_bytes("Die Agentin Jördis Brenner trifft Tomas Kettler in Graz.\n".encode()
                     + "Tomas Kettler verrät Jördis Brenner in Köln.\n".encode("cp1252"))
    text = " ".join(s.text for s in read_synopsis(seed).sentences)
    assert "Ã" not in text and text.count("Jördis") == 2


def test_a_cue_in_a_windows_1252_line_of_a_utf8_script_is_kept(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "bible.yaml").write_text(HEAD + "characters:\n  - {id: jorg, name: Jörg}\n  - {id: ute, name: Ute}\n",
                                       "utf-8")
    (folder / "scenes.fountain").write_bytes("INT. KÜCHE - TAG\n\nUTE\nHallo.\n\n".encode()
                                             + "JÖRG\nServus.\n".encode("cp1252"))
    result = invoke("stats", str(folder), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "JÃ" not in result.output and "jorg" in result.output


# -- 9. damaged caches and texts without full stops -----------------------------------------------

def test_files_of_the_wrong_shape_in_the_cache_folder_are_never_read(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    wrong = {"wrong": [1, 2]}
    for name in ("place_names-818e607d.marshal", "first_names-00000000.marshal", "german_nouns-b5f47b84.marshal"):
        (cache / name).write_bytes(marshal.dumps(wrong))
    (cache / "de-664510a65af1.json").write_text(json.dumps(wrong), "utf-8")
    seed = tmp_path / "probe.de.txt"
    seed.write_text(SEED, "utf-8")
    outputs = {}
    for folder in (cache, None):
        environment = {**os.environ, "STORYBIBLE_CACHE_DIR": str(folder) if folder else ""}
        out = tmp_path / ("with" if folder else "without")
        run = subprocess.run([sys.executable, "-m", "toolkit", "expand", str(seed), "--out", str(out)],
                             env=environment, capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        outputs[folder] = (out / "bible.yaml").read_text("utf-8")
    assert outputs[cache] == outputs[None]
    assert len(list(cache.iterdir())) == 4  # nothing made there either


def test_a_text_without_full_stops_reaches_the_tagger_in_spans(monkeypatch):
    from toolkit.text import nlp
    from toolkit.text.language import load_language

    language = load_language("de")
    tagger = nlp._tagger(language.tagger_model)
    lengths = []
    original = tagger.tag_sent

    def spy(words, **options):
        lengths.append(len(words))
        return original(words, **options)

    monkeypatch.setattr(tagger, "tag_sent", spy)
    tokens = nlp.analyse(" ".join(["Ilka", "trifft", "Tomas", "und"] * 600), language)
    assert len(tokens) == 2400 and all(t.tag for t in tokens)
    assert max(lengths) <= nlp.TAGGER_SPAN and sum(lengths) == 2400
