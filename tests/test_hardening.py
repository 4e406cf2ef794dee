"""A story folder from someone else is data: its templates link, its state file, its names and the
environment cannot leak a file, hang a run, lose a writer's file or end in a traceback."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_bad_input import invoke, refused
from toolkit.errors import InputError
from toolkit.files import folder_lock
from toolkit.files.csv_cells import safe_cell, safe_writer
from toolkit.files.safety import MANIFEST, OutputFiles, write_owned
from toolkit.files.textio import write_atomic

BIBLE = """format: storybible/1
title: Probe
language: de
characters:
  - {id: ilka, name: Ilka Brenner, gender: f}
"""
SCRIPT = "INT. BÜRO – TAG\n\nILKA BRENNER\nGuten Tag.\n"
SEED = "Die Agentin Ilka Brenner trifft Tomas Kettler in Graz. Tomas Kettler verrät Ilka Brenner.\n"


@pytest.fixture
def story(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "bible.yaml").write_text(BIBLE, "utf-8")
    (folder / "scenes.fountain").write_text(SCRIPT, "utf-8")
    return folder


class Hung(Exception):
    pass


def _hang_up(signum, frame):
    raise Hung("waited 30 s")


def _no_hang(seconds: int = 30):
    signal.signal(signal.SIGALRM, _hang_up)
    signal.alarm(seconds)


# -- 3. a templates folder that is itself a link ----------------------------------------------------

def test_a_templates_folder_that_is_a_link_is_refused(story, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.key").write_text("PRIVATE-KEY-MATERIAL", "utf-8")
    (outside / "cover.html").write_text("<p>{% include 'secret.key' %}</p>", "utf-8")
    os.symlink(outside, story / "templates")
    result = invoke("render", str(story), "--html", str(tmp_path / "out.html"))
    refused(result, f"{story / 'templates'}: is a symbolic link; a story's templates folder must be a folder "
                    "of its own, not a link to another")
    assert not (story / "bible.pdf").exists() and not (tmp_path / "out.html").exists()


def test_a_templates_link_to_the_story_folder_itself_is_refused(story):
    os.symlink("..", story / "templates")
    result = invoke("render", str(story))
    assert result.exit_code == 2 and "is a symbolic link" in result.output
    assert not (story / "bible.pdf").exists()


# -- 4. CSV injection --------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("Ilka", "Ilka"), ("a=b", "a=b"), ("", ""), (7, 7), (-7, -7), ("@7", "@7"), ("@7; 12A; @9", "@7; 12A; @9"),
    ("@7+1", "'@7+1"), ("@7; =1", "'@7; =1"), ("@7\n=1", "'@7\n=1"),
])
def test_a_cell_that_a_spreadsheet_reads_as_a_formula_is_quoted(value, expected):
    assert safe_cell(value) == expected


def test_safe_writer_quotes_every_cell_of_every_row():
    out = io.StringIO()
    safe_writer(out).writerows([["=1", "a"], ["b", "@x"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1", "a"], ["b", "'@x"]]


def test_stats_csv_writes_no_formula(story):
    (story / "bible.yaml").write_text(BIBLE + '  - {id: evil, name: "=HYPERLINK(\\"http://e.x\\",\\"ok\\")"}\n'
                                      '  - {id: plus, name: "+CMD"}\n', "utf-8")
    (story / "scenes.fountain").write_text(SCRIPT + "\n.@HEADING =1+1\n\n[[cast: +CMD]]\n\nILKA BRENNER\nJa.\n",
                                           "utf-8")
    result = invoke("stats", str(story), "--format", "csv")
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
    formulas = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not [cell for cell in formulas if not re.fullmatch(r"@\d+(; @\d+)*", cell)], cells
    assert "'=HYPERLINK(\"http://e.x\",\"ok\")" in cells and "'+CMD" in cells


# -- 8. sweeping temporary files --------------------------------------------------------------------

def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_writers_tmp_files_survive_a_run(tmp_path):
    mine = [tmp_path / ".chapter3.2024.draft.tmp", tmp_path / f".notes.{_dead_pid()}.abc.tmp",
            tmp_path / ".bible.yaml.q9w8e7r6.tmp", tmp_path / "draft.tmp"]
    for path in mine:
        path.write_text("a writer's words", "utf-8")
        os.utime(path, (1_000_000_000, 1_000_000_000))  # old, as a forgotten draft is
    write_owned({tmp_path / "outline.fountain": "x\n"})
    OutputFiles(force=True).write(tmp_path / "out.html", "<p>x</p>")
    assert all(path.read_text("utf-8") == "a writer's words" for path in mine)


def test_only_storybibles_own_temporaries_of_dead_runs_are_swept(tmp_path, monkeypatch):
    dead = _dead_pid()
    names = []
    monkeypatch.setattr(os, "getpid", lambda: dead)
    write_atomic(tmp_path / "a.txt", "x", replace=lambda temporary, path: names.append(temporary))
    monkeypatch.undo()
    [left] = names
    assert Path(left).exists() and Path(left).name.startswith(".storybible-")
    alive = Path(left).with_name(Path(left).name.replace(f".{dead}.", f".{os.getpid()}."))
    Path(left).rename(alive)
    Path(alive).write_text("half", "utf-8")
    dead_copy = Path(left)
    dead_copy.write_text("half", "utf-8")
    write_owned({tmp_path / "outline.fountain": "x\n"})
    assert not dead_copy.exists()
    assert alive.exists()  # its run is this one: alive


# -- 14. state file that is no file; the lock's timeout ---------------------------------------------

@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
@pytest.mark.parametrize("command", ["render", "expand"])
def test_a_state_file_that_is_no_file_does_not_hang(story, tmp_path, kind, command):
    if command == "expand":
        (tmp_path / "seed.de.txt").write_text(SEED, "utf-8")
        story = tmp_path / "new"
        story.mkdir()
    state = story / MANIFEST
    if kind == "fifo":
        os.mkfifo(state)
    elif kind == "folder":
        state.mkdir()
    else:
        os.symlink("/dev/zero", state)
    _no_hang()
    try:
        args = ["render", str(story)] if command == "render" else ["expand", "seed.de.txt", "--out", str(story)]
        result = invoke(*args)
    finally:
        signal.alarm(0)
    refused(result, f"{state}: is not a regular file, so storybible cannot keep its record of the files it "
                    "wrote there; remove it")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "garbage", "1e999"])
def test_a_lock_timeout_that_is_no_number_of_seconds_is_bad_input(story, monkeypatch, value):
    monkeypatch.setenv("STORYBIBLE_LOCK_TIMEOUT", value)
    result = invoke("render", str(story))
    refused(result, f"STORYBIBLE_LOCK_TIMEOUT must be a number of seconds, 0 or more, not {value!r}")


def test_a_lock_timeout_of_seconds_is_used(story, monkeypatch):
    monkeypatch.setenv("STORYBIBLE_LOCK_TIMEOUT", " 2.5 ")
    assert folder_lock.lock_timeout() == 2.5
    monkeypatch.setenv("STORYBIBLE_LOCK_TIMEOUT", "")
    assert folder_lock.lock_timeout() == folder_lock.LOCK_TIMEOUT_SECONDS


# -- 16. no traceback: long names, a deep state file, SOURCE_DATE_EPOCH -----------------------------

LONG = "x" * 300


@pytest.mark.parametrize("args", [
    ("render", "s", "-o", f"{LONG}/b.pdf"),
    ("render", "s", "--html", f"s/{LONG}.html"),
    ("expand", "seed.de.txt", "--out", LONG),
    ("expand", "seed.de.txt", "--out", f"deeper/{LONG}/x"),
    ("check", LONG),
    ("check", f"s/{LONG}.fountain"),
    ("stats", LONG),
    ("build", LONG),
])
def test_a_name_longer_than_the_system_allows_is_one_line(story, tmp_path, args):
    (tmp_path / "seed.de.txt").write_text(SEED, "utf-8")
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1, result.output
    assert result.output.startswith("storybible: ") and "name too long" in result.output


def test_a_deeply_nested_state_file_counts_as_broken(story):
    assert invoke("render", str(story)).exit_code == 0
    (story / MANIFEST).write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    result = invoke("render", str(story))
    assert result.exit_code == 0, result.output  # the PDF names storybible as its generator: rebuilt
    assert json.loads((story / MANIFEST).read_text("utf-8"))["bible.pdf"]


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "١٢٣", "-5", "1.5", "0x10", "253402300800"])
def test_a_source_date_epoch_that_is_no_date_is_one_line(story, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = invoke("render", str(story))
    refused(result, f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (0 to 253402300799), not {value!r}")


def test_source_date_epoch_at_the_end_of_year_9999_is_taken(story, monkeypatch):
    from toolkit.pdf.source_date import source_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert source_date([story / "bible.yaml"]).year == 9999
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    with pytest.raises(InputError):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "x")
        source_date([story / "bible.yaml"])


# -- 6. scripts and sources stay inside the story (or the project's seeds/) -------------------------

SECRET_SCRIPT = "INT. TRESOR – NACHT\n\nGEHEIMNISTRÄGER\nDas Passwort ist hunter2.\n"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """project/seeds/probe.de.txt, project/bibles/probe/ naming it as its source, and a file outside."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "probe.de.txt").write_text(SEED, "utf-8")
    folder = tmp_path / "bibles" / "probe"
    folder.mkdir(parents=True)
    (folder / "bible.yaml").write_text(BIBLE + "source: seeds/probe.de.txt\n", "utf-8")
    (folder / "scenes.fountain").write_text(SCRIPT, "utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.fountain").write_text(SECRET_SCRIPT, "utf-8")
    (tmp_path / "outside" / "secret.txt").write_text("hunter2 Tomas Kettler\n", "utf-8")
    return tmp_path


@pytest.mark.parametrize("command", ["check", "stats", "render"])
def test_a_script_linked_from_outside_the_story_is_refused(project, command):
    folder = Path("bibles/probe")
    os.symlink(project / "outside" / "secret.fountain", folder / "other.fountain")
    result = invoke(command, str(folder))
    refused(result, f"{folder / 'other.fountain'}: is a symbolic link that leads out of the story folder; "
                    "storybible reads only scripts inside it (copy the file in)")
    assert not (folder / "bible.pdf").exists()


def test_a_scripts_entry_linked_from_outside_is_refused_at_its_line(project):
    folder = Path("bibles/probe")
    os.symlink("../../outside/secret.fountain", folder / "listed.fountain")
    (folder / "bible.yaml").write_text(BIBLE + "scripts: [scenes.fountain, listed.fountain]\n", "utf-8")
    result = invoke("check", str(folder))
    refused(result, f"{folder / 'bible.yaml'}:6: bible: scripts[1]: 'listed.fountain' leads out of the story "
                    "folder (a symbolic link?); keep scripts inside it")


def test_a_link_inside_the_story_still_works(project):
    folder = Path("bibles/probe")
    (folder / "drafts").mkdir()
    (folder / "drafts" / "two.fountain").write_text("INT. FLUR – NACHT\n\nILKA BRENNER\nNoch da.\n", "utf-8")
    os.symlink("drafts/two.fountain", folder / "two.fountain")
    result = invoke("check", str(folder))
    assert result.exit_code == 0, result.output
    assert "in 2 files (2 scenes)" in result.output


@pytest.mark.parametrize("source, read", [
    ("seeds/probe.de.txt", True),
    ("{project}/seeds/probe.de.txt", True),
    ("bibles/probe/own.txt", True),
    ("outside/secret.txt", False),
    ("{project}/outside/secret.txt", False),
    ("seeds/link.txt", False),
])
def test_a_source_is_read_only_inside_the_story_or_the_seeds(project, source, read):
    from toolkit.model.bible import load_story
    from toolkit.pdf.story_inputs import synopsis_lines

    folder = project / "bibles" / "probe"
    (folder / "own.txt").write_text("hunter2 Tomas Kettler\n", "utf-8")
    os.symlink(project / "outside" / "secret.txt", project / "seeds" / "link.txt")
    (folder / "bible.yaml").write_text(BIBLE + f"source: {source.format(project=project)}\n", "utf-8")
    lines = synopsis_lines(load_story(folder / "bible.yaml"), folder)
    assert bool(lines) is read
    if not read:
        result = invoke("render", str(folder), "--html", str(project / "out.html"))
        assert result.exit_code == 0, result.output
        assert "lies outside the story folder and the project's seeds/; not read" in result.output


# -- 9, 10. outputs never replace a source, never land among the templates or take a source's suffix --

def test_a_source_is_known_from_any_working_folder(project, monkeypatch):
    monkeypatch.chdir(project / "bibles")
    target = Path("../seeds/probe.de.txt")
    result = invoke("render", "probe", "-o", str(target), "--force")
    refused(result, f"{target}: is the story's synopsis; never written over, write elsewhere")
    assert (project / "seeds" / "probe.de.txt").read_text("utf-8") == SEED


def test_a_source_is_known_from_inside_the_story(project, monkeypatch):
    monkeypatch.chdir(project / "bibles" / "probe")
    target = Path("../../seeds/probe.de.txt")
    result = invoke("render", ".", "--html", str(target), "--force")
    refused(result, f"{target}: is the story's synopsis; never written over, write elsewhere")


@pytest.mark.parametrize("option, name", [
    ("--html", "templates/bible.html"), ("-o", "templates/cover.pdf"), ("--html", "templates/sub/x.html"),
])
@pytest.mark.parametrize("existing", [False, True])
def test_an_output_into_the_story_templates_is_refused(project, option, name, existing):
    folder = Path("bibles/probe")
    if existing:
        (folder / "templates").mkdir()
    result = invoke("render", str(folder), option, str(folder / name), "--force")
    refused(result, f"{folder / name}: lies in the story's templates folder; write elsewhere")
    assert (folder / "templates").exists() is existing


@pytest.mark.parametrize("option, name", [
    ("-o", "bibles/probe/new.fountain"), ("--html", "notes.yaml"), ("-o", "x.YML"), ("--html", "x.txt"),
    ("-o", "seeds/new.de.txt"),
])
def test_an_output_with_a_source_suffix_is_refused(project, option, name):
    result = invoke("render", "bibles/probe", option, name, "--force")
    suffix = Path(name).suffix
    refused(result, f"{name}: has the suffix of a story's source ({suffix}); name the output .pdf or .html")
    assert not Path(name).exists()


# -- 7. nothing printed to a terminal or a CI log carries a control character -----------------------

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # writes the clipboard
CSI = "\x1b[2J\x9b2J"  # clears the screen (7-bit and 8-bit forms)
RAW_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@pytest.fixture
def hostile(tmp_path, monkeypatch) -> Path:
    """A story whose names, headings and file names hold terminal escapes and line breaks."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "s"
    folder.mkdir()
    # YAML takes control characters only escaped: \e is ESC, \a BEL, \x9b the 8-bit CSI
    (folder / "bible.yaml").write_text(BIBLE + '  - {id: evil, name: "Evil\\e]52;c;cm0gLXJmIH4=\\a\\x9bMind"}\n',
                                       "utf-8")
    (folder / f"a{CSI}\nb.fountain").write_text(
        f".INT. BÜRO{OSC52} – TAG #1#\n\n{'Ilka Brenner liest still. ' * 20}\n\nILKA BRENNER\nGuten Tag.\n\n"
        f"SOROK{CSI}IN\nJa.\n", "utf-8")
    return folder


def _printed(result) -> str:
    return result.stdout + result.stderr


@pytest.mark.parametrize("args", [
    ("check", "s"), ("check", "s", "--format", "github"), ("stats", "s"), ("stats", "s", "--format", "csv"),
])
def test_check_and_stats_print_no_control_character(hostile, args):
    from click.testing import CliRunner

    from toolkit.cli import cli

    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), _printed(result)
    printed = _printed(result)
    assert not RAW_CONTROLS.search(printed), repr(printed)
    assert "\\x1b]52;c;" in printed  # shown, escaped, not dropped
    if args[-1] != "csv":
        assert all("b.fountain" not in line or "a\\x1b" in line for line in printed.splitlines())


@pytest.mark.parametrize("form", ["json", "sarif"])
def test_json_outputs_escape_every_control_character_and_stay_json(hostile, form):
    from click.testing import CliRunner

    from toolkit.cli import cli

    command = "stats" if form == "json" else "check"
    result = CliRunner().invoke(cli, [command, "s", "--format", form])
    assert not RAW_CONTROLS.search(result.stdout), repr(result.stdout)
    data = json.loads(result.stdout)
    assert any(OSC52 in text for text in _strings(data))  # the data itself is unchanged


def _strings(data) -> list[str]:
    if isinstance(data, dict):
        return [text for value in data.values() for text in _strings(value)]
    if isinstance(data, list):
        return [text for value in data for text in _strings(value)]
    return [data] if isinstance(data, str) else []


def test_success_lines_print_names_as_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "seed.de.txt").write_text(SEED, "utf-8")
    out = f"story{OSC52}\nnext"
    result = invoke("expand", "seeds/seed.de.txt", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1 and not RAW_CONTROLS.search(result.output), repr(result.output)
    assert result.output.startswith("story\\x1b]52;c;cm0gLXJmIH4=\\x07\\nnext: ")
    result = invoke("render", out, "-o", f"bible{CSI}\n.pdf")
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1 and not RAW_CONTROLS.search(result.output), repr(result.output)


def test_terminal_text_keeps_tabs_and_line_breaks_between_lines():
    from toolkit.errors import one_line, printable

    assert printable("a\tb\nc\x1b[31md\x9b\u2028e\x7f") == "a\tb\nc\\x1b[31md\\x9b\\u2028e\\x7f"
    assert one_line("a\tb\nc") == "a\\tb\\nc"


@pytest.mark.parametrize("out", ["bibles/probe/templates", "bibles/probe/templates/sub"])
def test_expand_never_writes_into_a_story_templates(project, out):
    result = invoke("expand", "seeds/probe.de.txt", "--out", out)
    refused(result, f"{out}: lies in the templates folder of the story in bibles/probe; write elsewhere")
    assert not Path(out, "bible.yaml").exists()


def test_render_never_writes_into_another_story_templates(project):
    other = project / "bibles" / "other"
    (other / "templates").mkdir(parents=True)
    (other / "bible.yaml").write_text(BIBLE, "utf-8")
    target = other / "templates" / "x.pdf"
    result = invoke("render", "bibles/probe", "-o", str(target))
    refused(result, f"{target}: lies in the templates folder of the story in {other}; write elsewhere")
