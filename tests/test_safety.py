"""Nothing a writer owns is lost: outputs never replace a story's sources, foreign files need --force
(and keep a backup), a save during a write survives, the state file recovers, no empty backups,
stale temporary files go, a locked story is waited for within bounds, Ctrl-C exits 130 in one line.
"""
from __future__ import annotations

import fcntl
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_bad_input import invoke, refused
from toolkit.errors import OutputError, OverwriteRefused
from toolkit.files import safety
from toolkit.files.safety import MANIFEST, write_owned

SEED = "Die Agentin Ilka Brenner trifft Tomas Kettler in Graz. Tomas Kettler verrät Ilka Brenner.\n"
BIBLE = """format: storybible/1
title: Probe
language: de
source: seeds/probe.de.txt
characters:
  - {id: olga, name: Ilka Brenner, gender: f}
"""
SCRIPT = "INT. BÜRO – TAG\n\nOLGA BRENNER\nGuten Tag.\n"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project folder with a seed and a story folder whose bible names the seed as its source."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "probe.de.txt").write_text(SEED, "utf-8")
    folder = tmp_path / "bibles" / "probe"
    folder.mkdir(parents=True)
    (folder / "bible.yaml").write_text(BIBLE, "utf-8")
    (folder / "scenes.fountain").write_text(SCRIPT, "utf-8")
    return tmp_path


# -- 1. render never writes over a story's sources; foreign files only with --force --------------

@pytest.mark.parametrize("option, name, what", [
    ("-o", "bible.yaml", "the story's bible"),
    ("--html", "scenes.fountain", "one of the story's scripts"),
    ("-o", "../../seeds/probe.de.txt", "the story's synopsis"),
])
@pytest.mark.parametrize("force", [False, True])
def test_render_never_writes_over_a_source(project, option, name, what, force):
    folder = Path("bibles/probe")
    target = folder / name
    before = target.read_bytes()
    result = invoke("render", str(folder), option, str(target), *(["--force"] if force else []))
    refused(result, f"{target}: is {what}; never written over, write elsewhere")
    assert target.read_bytes() == before
    assert not list(folder.glob("*.bak")) and not (folder / "bible.pdf").exists()


def test_render_never_writes_over_the_state_file(project):
    target = Path("bibles/probe") / MANIFEST
    target.write_text("{}\n", "utf-8")
    result = invoke("render", "bibles/probe", "-o", str(target), "--force")
    refused(result, f"{target}: is storybible's record of the files it wrote; write elsewhere")
    assert target.read_text("utf-8") == "{}\n"


def test_render_replaces_a_foreign_file_only_with_force_and_keeps_it(project):
    target = project / "notes.pdf"
    target.write_bytes(b"%PDF-1.4 my own notes")
    result = invoke("render", "bibles/probe", "-o", str(target))
    refused(result, f"{target}: exists and storybible did not write it; not replacing it "
                             "(use --force to replace it; a backup is kept)")
    assert target.read_bytes() == b"%PDF-1.4 my own notes"
    result = invoke("render", "bibles/probe", "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    backups = list(project.glob("notes.*.pdf.bak"))
    assert [b.read_bytes() for b in backups] == [b"%PDF-1.4 my own notes"]
    assert f"kept the file that was there as {backups[0]}" in result.output
    assert target.read_bytes().startswith(b"%PDF") and target.read_bytes() != b"%PDF-1.4 my own notes"
    # what storybible wrote it may replace again, without --force and without a backup
    assert invoke("render", "bibles/probe", "-o", str(target)).exit_code == 0
    assert len(list(project.glob("notes.*.pdf.bak"))) == 1


def test_a_pdf_rendered_before_the_state_file_recorded_it_is_recognised(project):
    """A bible.pdf storybible made earlier (its creator says so) is replaced without --force."""
    folder = Path("bibles/probe")
    assert invoke("render", str(folder)).exit_code == 0
    (folder / MANIFEST).unlink()
    result = invoke("render", str(folder))
    assert result.exit_code == 0, result.output
    assert not list(folder.glob("*.bak"))


def test_build_refuses_a_foreign_bible_pdf(project):
    folder = Path("bibles/probe")
    (folder / "bible.pdf").write_bytes(b"%PDF-1.4 a producer's copy with notes")
    result = invoke("build", str(folder))
    refused(result, f"{folder / 'bible.pdf'}: exists and storybible did not write it; not replacing it "
                             "(use --force to replace it; a backup is kept)")
    assert (folder / "bible.pdf").read_bytes() == b"%PDF-1.4 a producer's copy with notes"


def test_output_over_a_link_to_a_source_is_refused(project):
    folder = Path("bibles/probe")
    os.symlink("bible.yaml", folder / "link.pdf")
    result = invoke("render", str(folder), "-o", str(folder / "link.pdf"), "--force")
    refused(result, f"{folder / 'link.pdf'}: is the story's bible; never written over, write elsewhere")
    assert (folder / "bible.yaml").read_text("utf-8") == BIBLE


# -- 2. a save between the check and the rename is never lost --------------------------------------

def _editor_saves_during_the_write(monkeypatch, target: Path, text: str) -> None:
    """An editor saves `target` (write in place) while storybible writes its temporary file."""
    real_fsync = os.fsync
    saved = []

    def fsync(descriptor):
        if not saved:
            target.write_text(text, "utf-8")
            saved.append(True)
        return real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_save_during_the_write_is_refused_not_lost(tmp_path, monkeypatch):
    target = tmp_path / "outline.fountain"
    write_owned({target: "one\n"})
    _editor_saves_during_the_write(monkeypatch, target, "the writer's late save\n")
    with pytest.raises(OverwriteRefused, match="changed while storybible was writing it"):
        write_owned({target: "two\n"})
    assert target.read_text("utf-8") == "the writer's late save\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_save_in_the_last_instant_is_kept_as_a_backup(tmp_path, monkeypatch):
    """A save after the last check, right before the swap, comes back as a backup."""
    target = tmp_path / "outline.fountain"
    write_owned({target: "one\n"})
    real = safety._renameat2

    def save_then_swap(source, destination, flags):
        if flags == safety._RENAME_EXCHANGE:
            Path(destination).write_text("saved in the last instant\n", "utf-8")
        return real(source, destination, flags)

    monkeypatch.setattr(safety, "_renameat2", save_then_swap)
    backups = write_owned({target: "two\n"})
    if not backups:
        pytest.skip("this file system cannot swap two files in one step (renameat2 RENAME_EXCHANGE)")
    assert target.read_text("utf-8") == "two\n"
    assert [b.read_text("utf-8") for b in backups] == ["saved in the last instant\n"]


def test_render_output_saved_during_the_write_is_refused(project, monkeypatch):
    target = project / "bible.html"
    outputs = safety.OutputFiles()
    outputs.write(target, "<p>one</p>")
    _editor_saves_during_the_write(monkeypatch, target, "<p>hand-edited</p>")
    with pytest.raises(OverwriteRefused):
        outputs.write(target, "<p>two</p>")
    assert target.read_text("utf-8") == "<p>hand-edited</p>"


# -- 3. the state file, stale temporary files, empty backups --------------------------------------

def test_a_missing_state_file_is_rebuilt_from_the_files(project):
    seed = project / "seeds" / "probe.de.txt"
    assert invoke("expand", str(seed), "--out", "s").exit_code == 0
    (project / "s" / MANIFEST).unlink()
    assert invoke("expand", str(seed), "--out", "s").exit_code == 0  # same content: recognised, recorded
    recorded = json.loads((project / "s" / MANIFEST).read_text("utf-8"))
    assert set(recorded) == {"bible.yaml", "outline.fountain"}
    seed.write_text(SEED + "\nTomas Kettler flieht nach Linz.\n", "utf-8")
    result = invoke("expand", str(seed), "--out", "s")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("damage", ["missing", "broken"])
def test_without_a_state_file_no_file_is_claimed_changed(project, damage):
    seed = project / "seeds" / "probe.de.txt"
    assert invoke("expand", str(seed), "--out", "s").exit_code == 0
    state = project / "s" / MANIFEST
    if damage == "missing":
        state.unlink()
    else:
        state.write_text('{"outline.fountain": ', "utf-8")
    seed.write_text(SEED + "\nTomas Kettler flieht nach Linz.\n", "utf-8")
    result = invoke("expand", str(seed), "--out", "s")
    refused(result, f"{Path('s') / 'outline.fountain'}: outline.fountain is not recorded as storybible's "
                             f"in {MANIFEST} (missing or broken); not replacing it "
                             "(use --force to replace it; a backup is kept)")


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_temporary_files_of_dead_runs_are_cleaned(tmp_path):
    from toolkit.files.textio import machine_tag

    dead = tmp_path / f".storybible-{machine_tag()}.{_dead_pid()}.outline.fountain.a1b2c3d4.tmp"
    elsewhere = tmp_path / f".storybible-00000000.{_dead_pid()}.outline.fountain.a1b2c3d4.tmp"  # another machine
    old = tmp_path / ".bible.yaml.q9w8e7r6.tmp"  # no prefix: it cannot be told from a writer's file
    alive = tmp_path / f".storybible-{machine_tag()}.{os.getpid()}.bible.yaml.z1y2x3w4.tmp"
    writers = tmp_path / "draft.tmp"  # not one of ours
    for path in (dead, elsewhere, old, alive, writers):
        path.write_text("half", "utf-8")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    write_owned({tmp_path / "outline.fountain": "x\n"})
    assert not dead.exists()
    assert elsewhere.exists() and old.exists() and alive.exists() and writers.exists()


@pytest.fixture
def small_disk():
    """Writes beyond 4 kB fail as on a full disk (EFBIG instead of ENOSPC), for this process only."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    class Limit:
        def __enter__(self):
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))

        def __exit__(self, *exc):
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))

    yield Limit()
    signal.signal(signal.SIGXFSZ, previous)


def test_a_full_disk_leaves_no_empty_or_cut_backup(tmp_path, small_disk):
    target = tmp_path / "outline.fountain"
    write_owned({target: "one\n"})
    edited = "the writer's long scene\n" * 1000  # 24 kB, more than the disk takes
    target.write_text(edited, "utf-8")
    with small_disk, pytest.raises(OutputError, match="cannot keep a backup of it, so it is left as it is"):
        write_owned({target: "two\n"}, force=True)
    assert target.read_text("utf-8") == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "outline.fountain"]


def test_backups_hold_the_whole_file(tmp_path):
    target = tmp_path / "outline.fountain"
    write_owned({target: "one\n"})
    target.write_text("mine\n" * 5000, "utf-8")
    [kept] = write_owned({target: "two\n"}, force=True)
    assert kept.read_text("utf-8") == "mine\n" * 5000


# -- 9. a locked story is waited for, within bounds; Ctrl-C ----------------------------------------

def test_a_run_blocked_by_another_says_it_waits_and_gives_up(project, monkeypatch):
    folder = project / "s"
    folder.mkdir()
    monkeypatch.setenv("STORYBIBLE_LOCK_TIMEOUT", "0.5")
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a stopped run holding the lock
        started = time.monotonic()
        result = invoke("expand", str(project / "seeds" / "probe.de.txt"), "--out", str(folder))
        waited = time.monotonic() - started
    finally:
        os.close(handle)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        f"storybible: {folder}: waiting for another storybible run that holds this story's lock (at most 0 s)",
        f"storybible: {folder}: another storybible run still holds this story's lock after 0 s; "
        "try again when it has finished",
    ]
    assert waited < 30
    assert not (folder / "bible.yaml").exists()


@pytest.mark.parametrize("delay", [0.1, 0.2, 0.4, 1.0])
def test_ctrl_c_exits_130_with_one_line(tmp_path, delay):
    seed = tmp_path / "probe.de.txt"
    names = [a + b + c + d for a in ("Ka", "Lo", "Mi", "Ren", "Dor", "Sa", "Vel", "Tin") for b in ("bru", "ne", "ost", "jar")
             for c in ("ka", "lin", "dor", "ve") for d in ("", "mo")]
    # different names in every sentence, so the run is still going after the longest delay
    seed.write_text("".join(f"Die Agentin {a} Brenner trifft {b} Kettler in Graz. {b} verrät {a}.\n\n"
                            for a, b in zip(names, names[1:] + names[:1])), "utf-8")  # about 2.5 s
    process = subprocess.Popen([sys.executable, "-m", "toolkit", "expand", str(seed), "--out", str(tmp_path / "s")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the run finished before the interrupt")
    if b"KeyboardInterrupt" in err:  # Python's own handler: storybible's was not installed yet
        pytest.skip("the interrupt came while Python itself started, before any of storybible's code ran")
    assert process.returncode in (130, -signal.SIGINT), err
    assert b"Traceback" not in err
    assert len(err.decode().splitlines()) <= 1, err
    if process.returncode == 130:
        assert err.decode() == "storybible: interrupted; every file is whole (written completely or not at all)\n"


# -- 11. one line, whatever the message holds -----------------------------------------------------

def test_a_file_name_with_a_line_break_is_reported_in_one_line(tmp_path):
    seed = tmp_path / "zwei\nzeilen.de.txt"
    result = invoke("expand", str(seed))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "zwei\\nzeilen.de.txt: no such file" in result.output


# -- 5, 6. a bible or script that is no regular file is bad input ---------------------------------

def _not_a_file(folder: Path, kind: str) -> str:
    """Make bible.yaml a dangling link, a folder, a device or a named pipe; the expected message."""
    bible = folder / "bible.yaml"
    bible.unlink()
    if kind == "dangling link":
        os.symlink("gone.yaml", bible)
        return "is a symbolic link to nothing; fix or remove the link"
    if kind == "folder":
        bible.mkdir()
        return "is a folder, not a file"
    if kind == "device":
        os.symlink("/dev/zero", bible)
        return "is a device, not a regular file; give a text file"
    os.mkfifo(bible)
    return "is a named pipe (FIFO), not a regular file; give a text file"


@pytest.mark.parametrize("kind", ["dangling link", "folder", "device", "named pipe"])
@pytest.mark.parametrize("command", ["check", "stats", "render"])
def test_a_bible_that_is_no_file_is_bad_input(project, kind, command):
    folder = Path("bibles/probe")
    message = _not_a_file(folder, kind)
    signal.alarm(30)  # reading a pipe that no one writes would hang
    try:
        result = invoke(command, str(folder))
    finally:
        signal.alarm(0)
    refused(result, f"{folder / 'bible.yaml'}: bible: {message}")


@pytest.mark.parametrize("special, message", [
    ("/dev/zero", "is a device, not a regular file; give a text file"),
    ("fifo", "is a named pipe (FIFO), not a regular file; give a text file"),
])
@pytest.mark.parametrize("command, name", [("expand", "seed.de.txt"), ("check", "scenes.fountain")])
def test_devices_and_pipes_are_never_read(tmp_path, special, message, command, name):
    path = tmp_path / name
    if special == "fifo":
        os.mkfifo(path)
    else:
        os.symlink(special, path)
    signal.alarm(30)
    try:
        result = invoke(command, str(path))
    finally:
        signal.alarm(0)
    refused(result, f"{path}: {message}")

