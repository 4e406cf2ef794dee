"""Bad input gets one clear line and exit status 2, never a traceback; good input in odd encodings is read right.

Every command (expand, build, check, stats, render) meets the same awkward files. Messages are asserted
whole, so a change of wording is a deliberate change of this file.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import cli

SYNOPSIS_DE = "Der ehemalige DIA-Agent Jürgen Weiß trifft Renée in Zürich. Renée tötet Jürgen Weiß.\n"
BIBLE = """format: storybible/1
title: Ärger in Zürich
language: de
characters:
  - {id: jurgen, name: Jürgen Weiß, gender: m, fate: {status: alive}}
  - {id: renee, name: Renée, gender: f}
"""
SCRIPT = "INT. BÜRO – TAG\n\nJÜRGEN WEISS\nGrüß Gott.\n\nRENÉE\nAdieu.\n"
NOT_TEXT = "this is a binary file, not a text file (it holds NUL bytes); save it as plain text (UTF-8)"


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def refused(result, expected: str) -> None:
    """Exit status 2, exactly one line, no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output == f"storybible: {expected}\n"


def story(folder: Path, bible: bytes | None = BIBLE.encode(), script: bytes | None = SCRIPT.encode()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if bible is not None:
        (folder / "bible.yaml").write_bytes(bible)
    if script is not None:
        (folder / "scenes.fountain").write_bytes(script)
    return folder


@pytest.fixture(scope="module")
def huge(tmp_path_factory) -> Path:
    """50 MB of real text, made at test time, in the forms each command reads."""
    folder = tmp_path_factory.mktemp("huge")
    block = (SYNOPSIS_DE.strip() + " ") * 40 + "\n\n"
    with open(folder / "huge.de.txt", "w", encoding="utf-8") as out:
        for _ in range(50_000_000 // len(block.encode()) + 1):
            out.write(block)
    assert (folder / "huge.de.txt").stat().st_size >= 50_000_000
    os.link(folder / "huge.de.txt", folder / "huge.fountain")
    story(folder / "story", bible=None, script=None)
    os.link(folder / "huge.de.txt", folder / "story" / "bible.yaml")
    return folder


# -- empty, binary, missing, a folder without a bible --------------------------------------------

@pytest.mark.parametrize("command", ["expand", "build"])
def test_empty_synopsis(tmp_path, command):
    seed = tmp_path / "leer.de.txt"
    seed.write_bytes(b"")
    refused(invoke(command, str(seed)), f"{seed}:1: the synopsis is empty")


@pytest.mark.parametrize("command", ["check", "stats", "render", "build"])
def test_empty_bible(tmp_path, command):
    folder = story(tmp_path / "s", bible=b"")
    refused(invoke(command, str(folder)), f"{folder / 'bible.yaml'}: bible: the file is empty")


@pytest.mark.parametrize("command", ["expand", "build"])
def test_binary_synopsis(tmp_path, command):
    seed = tmp_path / "bild.de.txt"
    seed.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    refused(invoke(command, str(seed)), f"{seed}:3: {NOT_TEXT}")


@pytest.mark.parametrize("command", ["check", "stats"])
def test_binary_script(tmp_path, command):
    script = tmp_path / "bild.fountain"
    script.write_bytes(b"INT. A\n\n\x00\x01\x02" * 10)
    refused(invoke(command, str(script)), f"{script}:3: {NOT_TEXT}")


@pytest.mark.parametrize("command", ["render", "build", "check"])
def test_binary_bible(tmp_path, command):
    folder = story(tmp_path / "s", bible=b"format: x\n\x00\x00\x00")
    refused(invoke(command, str(folder)), f"{folder / 'bible.yaml'}:2: {NOT_TEXT}")


@pytest.mark.parametrize(("command", "message"), [
    ("expand", "no such file; check the path"),
    ("build", "no such file or folder; check the path"),
    ("check", "no such file or folder; check the path"),
    ("stats", "no such file or folder; check the path"),
    ("render", "no such story folder"),
])
def test_missing_path(tmp_path, command, message):
    missing = tmp_path / "nirgends"
    refused(invoke(command, str(missing)), f"{missing}: {message}")


@pytest.mark.parametrize(("command", "message"), [
    ("expand", "is a folder, not a file"),
    ("build", "no bible.yaml in this folder"),
    ("check", "no bible.yaml and no .fountain files in this folder"),
    ("stats", "no bible.yaml and no .fountain files in this folder"),
])
def test_folder_without_bible(tmp_path, command, message):
    refused(invoke(command, str(tmp_path)), f"{tmp_path}: {message}")


def test_render_folder_without_bible(tmp_path):
    refused(invoke("render", str(tmp_path)), f"{tmp_path / 'bible.yaml'}: bible: no such file; check the path")


# -- encodings, byte-order marks and line endings are read, not rejected --------------------------

ENCODINGS = {
    "cp1252": lambda text: text.replace("–", "-").encode("cp1252"),
    "latin-1": lambda text: text.replace("–", "-").encode("latin-1"),
    "utf-8 BOM": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "utf-16 BOM": lambda text: text.encode("utf-16"),
    "CRLF": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "CR": lambda text: text.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_expand_reads_every_encoding(tmp_path, encoding):
    seed = tmp_path / "zurich.de.txt"
    seed.write_bytes(ENCODINGS[encoding]("---\ntitle: Ärger\n---\n" + SYNOPSIS_DE))
    result = invoke("expand", str(seed), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    bible = (tmp_path / "out" / "bible.yaml").read_text("utf-8")
    assert "title: Ärger" in bible and "name: Jürgen Weiß" in bible and "name: Renée" in bible
    outline = (tmp_path / "out" / "outline.fountain").read_text("utf-8")
    assert "\r" not in outline and "\ufeff" not in outline and "= Renée tötet Jürgen Weiß." in outline


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8 BOM", "CRLF"])
def test_build_reads_every_encoding(tmp_path, monkeypatch, encoding):
    monkeypatch.chdir(tmp_path)
    seed = tmp_path / "zurich.de.txt"
    seed.write_bytes(ENCODINGS[encoding](SYNOPSIS_DE))
    result = invoke("build", "--no-render", str(seed))
    assert result.exit_code == 0, result.output
    assert result.output == "bibles/zurich: expanded, 0 errors, 0 warnings\n"


@pytest.mark.parametrize("command", ["check", "stats"])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_check_and_stats_read_every_encoding(tmp_path, command, encoding):
    folder = story(tmp_path / "s", bible=ENCODINGS[encoding](BIBLE), script=ENCODINGS[encoding](SCRIPT))
    result = invoke(command, str(folder))
    assert result.exit_code == 0, result.output
    if command == "check":
        assert result.stdout == "" and result.stderr.endswith("\n0 errors, 0 warnings in 1 file (1 scene)\n")
    else:
        assert f"{folder.as_posix()}/scenes.fountain:1  INT. BÜRO – TAG: Jürgen Weiß, Renée" in result.output.replace(
            "BÜRO - TAG", "BÜRO – TAG")


def test_check_counts_lines_as_editors_do_in_any_line_ending(tmp_path):
    script = "INT. A – TAG\n\nRENÉE\nHallo.\n\nINT. B – TAG\n\nKARL\nWer?\n"
    for name, encode in ENCODINGS.items():
        folder = story(tmp_path / name.replace(" ", "-"), script=encode(script))
        result = invoke("check", str(folder), "--format", "json")
        assert result.exit_code == 1, result.output
        assert '"line": 8' in result.stdout and '"code": "CB101"' in result.stdout, name


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8 BOM", "CRLF"])
def test_render_reads_every_encoding(tmp_path, encoding):
    folder = story(tmp_path / "s", bible=ENCODINGS[encoding](BIBLE))
    result = invoke("render", str(folder), "--html", str(tmp_path / "bible.html"))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "bible.html").read_text("utf-8")
    assert "Ärger in Zürich" in html and "Jürgen Weiß" in html


# -- too large: refused before reading -----------------------------------------------------------

@pytest.mark.parametrize(("command", "name", "limit"), [
    ("expand", "huge.de.txt", 5), ("build", "huge.de.txt", 5),
    ("check", "huge.fountain", 16), ("stats", "huge.fountain", 16),
])
def test_50_mb_input_is_refused(huge, command, name, limit):
    path = huge / name
    refused(invoke(command, str(path)), f"{path}: is 50 MB; at most {limit} MB of text is read")


@pytest.mark.parametrize("command", ["render", "check"])
def test_50_mb_bible_is_refused(huge, command):
    path = huge / "story" / "bible.yaml"
    refused(invoke(command, str(huge / "story")), f"{path}: bible: is 50 MB; at most 5 MB of text is read")


# -- bible.yaml that does not parse, or breaks the schema ----------------------------------------

BROKEN_YAML = BIBLE.replace("  - {id: renee, name: Renée, gender: f}", "  - {id: renee, name: [Renée, gender: f}")


@pytest.mark.parametrize("command", ["check", "stats", "render", "build"])
def test_yaml_that_does_not_parse_names_file_and_line(tmp_path, command):
    folder = story(tmp_path / "s", bible=BROKEN_YAML.encode())
    refused(invoke(command, str(folder)),
            f"{folder / 'bible.yaml'}:6: bible: YAML does not parse: did not find expected ',' or ']'")


@pytest.mark.parametrize(("yaml_text", "message"), [
    ("title: !!python/object:os.system echo\n",
     ":1: bible: the YAML tag 'tag:yaml.org,2002:python/object:os.system' is not read; a bible holds text, "
     "numbers and lists"),
    ("title: &loop [*loop]\n", ":1: bible: YAML is nested too deeply (more than 50 levels)"),
    ("title: " + "[" * 60 + "]" * 60 + "\n", ":1: bible: YAML is nested too deeply (more than 50 levels)"),
    ("title: " + "[" * 50_000 + "]" * 50_000 + "\n", ":1: bible: YAML does not parse: exceeded maximum nesting depth"),
    ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"b{i}: &b{i} [{', '.join(['*' + ('a' if i == 0 else f'b{i - 1}')] * 9)}]\n" for i in range(12)),
     ":1: bible: YAML aliases repeat themselves into more than 100,000 extra fields; write the fields out"),
])
def test_hostile_yaml_is_refused_safely(tmp_path, yaml_text, message):
    folder = story(tmp_path / "s", bible=yaml_text.encode())
    refused(invoke("check", str(folder)), f"{folder / 'bible.yaml'}{message}")


def test_python_tags_on_collections_build_nothing(tmp_path):
    folder = story(tmp_path / "s", bible=b"title: !!python/object/apply:os.system [touch hacked]\n")
    result = invoke("check", str(folder))
    refused(result, f"{folder / 'bible.yaml'}:1: bible: the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
                    "is not read; a bible holds text, numbers and lists")
    assert not (tmp_path / "hacked").exists() and not Path("hacked").exists()


SCHEMA = BIBLE.replace("gender: f}", "gender: female}")
SCHEMA_MESSAGE = "characters[1].gender: 'female' is not one of: f, m, unknown"


@pytest.mark.parametrize("command", ["render", "build"])
def test_schema_break_names_field_and_line(tmp_path, command):
    folder = story(tmp_path / "s", bible=SCHEMA.encode())
    refused(invoke(command, str(folder)), f"{folder / 'bible.yaml'}:6: bible: {SCHEMA_MESSAGE}")


def test_check_reports_a_schema_break_as_a_diagnostic(tmp_path):
    folder = story(tmp_path / "s", bible=SCHEMA.encode())
    result = invoke("check", str(folder))
    assert result.exit_code == 1, result.output
    assert f"{folder.as_posix()}/bible.yaml:6:1: error CB503 {SCHEMA_MESSAGE} [bible-schema]" in result.stdout


def test_stats_warns_of_a_schema_break(tmp_path):
    folder = story(tmp_path / "s", bible=SCHEMA.encode())
    result = invoke("stats", str(folder))
    assert result.exit_code == 0, result.output
    assert f"{folder.as_posix()}/bible.yaml:6:1: error CB503 {SCHEMA_MESSAGE} [bible-schema]\n" in result.stderr


def test_a_bible_that_is_no_mapping(tmp_path):
    folder = story(tmp_path / "s", bible=b"- just\n- a list\n")
    refused(invoke("render", str(folder)),
            f"{folder / 'bible.yaml'}:1: bible: the bible must be a mapping of fields (format, title, characters, …)")


@pytest.mark.parametrize("name", ["../outside.fountain", "/etc/passwd", "sub/../../x.fountain", "C:\\x.fountain"])
def test_scripts_outside_the_story_folder_are_refused(tmp_path, name):
    (tmp_path / "outside.fountain").write_text(SCRIPT, "utf-8")
    folder = story(tmp_path / "s", bible=(BIBLE + f"scripts: ['{name}']\n").encode())
    refused(invoke("check", str(folder)), f"{folder / 'bible.yaml'}:7: bible: scripts[0]: '{name}' lies outside "
                                         "the story folder; keep scripts beside bible.yaml")


# -- Fountain markup left open, names of every kind, a story without scenes ----------------------

UNCLOSED = "INT. BÜRO – TAG\n\nRENÉE\nHallo. [[eine Notiz ohne Ende\n\nINT. FLUR – NACHT\n\n/* ein Boneyard ohne Ende\n"


def test_check_warns_of_unclosed_note_and_boneyard(tmp_path):
    folder = story(tmp_path / "s", script=UNCLOSED.encode())
    result = invoke("check", str(folder))
    assert result.exit_code == 0, result.output
    path = f"{folder.as_posix()}/scenes.fountain"
    assert result.stdout.splitlines()[-2:] == [
        f"{path}:4:1: warning CB001 Note opened with '[[' but never closed; fix the Fountain markup here "
        "[fountain-structure]",
        f"{path}:8:1: warning CB001 Boneyard comment opened with '/*' but never closed; fix the Fountain markup "
        "here [fountain-structure]",
    ]


@pytest.mark.parametrize("command", ["stats", "build", "render"])
def test_unclosed_markup_is_no_crash(tmp_path, command):
    folder = story(tmp_path / "s", script=UNCLOSED.encode())
    args = [command, str(folder)] + (["--no-render"] if command == "build" else [])
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


NAMES_BIBLE = """format: storybible/1
title: Names
language: en
characters:
  - {id: obrien, name: "O'Brien", aliases: ["O’Brien"], gender: m}
  - {id: jean-luc, name: Jean-Luc, gender: m}
  - {id: muller, name: Müller, gender: m}
  - {id: ivan, name: Иван, gender: m}
  - {id: li-ming, name: 李明, gender: m}
  - {id: eleni, name: Ελένη, gender: f}
"""
NAMES_SCRIPT = ("INT. ROOM - DAY\n\nO’BRIEN\nHi.\n\nJEAN-LUC\nHello.\n\nMÜLLER\nTag.\n\nИВАН\nПривет.\n\n"
                "@李明\n你好.\n\nΕΛΈΝΗ\nΓεια.\n\nO'BRIEN and JEAN-LUC leave.\n")


def test_check_knows_names_with_apostrophes_accents_hyphens_and_other_scripts(tmp_path):
    folder = story(tmp_path / "s", bible=NAMES_BIBLE.encode(), script=NAMES_SCRIPT.encode())
    result = invoke("check", str(folder), "--strict")
    assert result.exit_code == 0, result.output
    stats = invoke("stats", str(folder))
    assert stats.exit_code == 0, stats.output
    assert "O'Brien, Jean-Luc, Müller, Иван, 李明, Ελένη" in stats.output


def test_expand_and_build_take_every_kind_of_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seed = tmp_path / "names.de.txt"
    seed.write_text("O'Brien trifft Jean-Luc Müller in Zürich. Иван und Renée Dupont-Laurent sehen zu.\n\n"
                    "Jean-Luc Müller tötet O'Brien.\n", "utf-8")
    result = invoke("build", "--no-render", str(seed))
    assert result.exit_code == 0, result.output
    bible = (tmp_path / "bibles" / "names" / "bible.yaml").read_text("utf-8")
    for name in ("O'Brien", "Jean-Luc Müller", "Иван", "Renée Dupont-Laurent"):
        assert f"name: {name}" in bible or f'name: "{name}"' in bible, name


@pytest.mark.parametrize("script", ["", "Title: Nichts\n\nNur eine Zeile Text.\n"])
@pytest.mark.parametrize("command", ["check", "stats", "build", "render"])
def test_a_story_without_scenes(tmp_path, command, script):
    folder = story(tmp_path / "s", script=script.encode())
    args = [command, str(folder)] + (["--no-render"] if command == "build" else [])
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


# -- titles and names made of path parts or reserved characters ---------------------------------

@pytest.mark.parametrize(("file_name", "title", "slug"), [
    ("..%2F..%2Fx.txt", "../../x", "x"),
    ("...txt", "../../etc/passwd", "etc-passwd"),
    ("con.txt", "CON", "con-story"),
    ('a<b>c:d"e|f?g*h.txt', "a/b\\c", "a-b-c-d-e-f-g-h"),
    ("nul.de.txt", "..", "nul-story"),
])
@pytest.mark.parametrize("command", ["expand", "build"])
def test_titles_and_file_names_stay_inside_bibles(tmp_path, monkeypatch, command, file_name, title, slug):
    monkeypatch.chdir(tmp_path)
    seed = tmp_path / file_name
    seed.write_text(f"---\ntitle: '{title}'\n---\nDie Agentin Anna Berg trifft Karl Stein in Wien.\n", "utf-8")
    result = invoke(command, str(seed), *(["--no-render"] if command == "build" else []))
    assert result.exit_code == 0, result.output
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()} - {file_name}
    assert written == {f"bibles/{slug}/{name}" for name in ("bible.yaml", "outline.fountain", ".storybible.json")}


def test_a_hostile_title_renders_into_the_story_folder(tmp_path):
    folder = story(tmp_path / "s", bible=BIBLE.replace("Ärger in Zürich", "'../../x </title><script>'").encode())
    result = invoke("render", str(folder), "--html", str(folder / "bible.html"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [".storybible.json", "bible.html", "bible.pdf", "bible.yaml",
                                                        "scenes.fountain"]
    assert "<script>" not in (folder / "bible.html").read_text("utf-8")


# -- output that cannot be written ---------------------------------------------------------------

def _read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        folder.chmod(0o755)
        pytest.skip("running as root: a read-only folder is still writable")
    return folder


def test_unwritable_output_folder(tmp_path, monkeypatch):
    locked = _read_only_folder(tmp_path)
    try:
        seed = tmp_path / "zurich.de.txt"
        seed.write_text(SYNOPSIS_DE, "utf-8")
        refused(invoke("expand", str(seed), "--out", str(locked / "story")),
                f"{locked / 'story'}: cannot write here: Permission denied")
        source = story(tmp_path / "s")
        refused(invoke("render", str(source), "-o", str(locked / "bible.pdf")),
                f"{locked / 'bible.pdf'}: cannot write here: Permission denied")
        monkeypatch.chdir(locked)
        refused(invoke("build", "--no-render", str(seed)), "bibles/zurich: cannot write here: Permission denied")
    finally:
        locked.chmod(0o755)


def test_read_only_story_is_still_checked(tmp_path):
    folder = story(tmp_path / "s")
    folder.chmod(0o555)
    try:
        for command in ("check", "stats"):
            result = invoke(command, str(folder))
            assert result.exit_code == 0, result.output
    finally:
        folder.chmod(0o755)


def test_output_under_a_file_is_refused_by_every_writing_command(tmp_path, monkeypatch):
    """Independent of the user: a path whose folder is a file cannot be written even by root."""
    blocker = tmp_path / "blocker"
    blocker.write_text("I am a file", "utf-8")
    seed = tmp_path / "zurich.de.txt"
    seed.write_text(SYNOPSIS_DE, "utf-8")
    refused(invoke("expand", str(seed), "--out", str(blocker / "story")),
            f"{blocker / 'story'}: cannot write here: {blocker} is a file, not a folder")
    source = story(tmp_path / "s")
    refused(invoke("render", str(source), "-o", str(blocker / "bible.pdf")),
            f"{blocker / 'bible.pdf'}: cannot write here: {blocker} is a file, not a folder")
    refused(invoke("render", str(source), "--html", str(blocker / "bible.html")),
            f"{blocker / 'bible.html'}: cannot write here: {blocker} is a file, not a folder")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bibles").write_text("not a folder", "utf-8")
    refused(invoke("build", "--no-render", str(seed)),
            "bibles/zurich: cannot write here: bibles is a file, not a folder")
    assert blocker.read_text("utf-8") == "I am a file"
