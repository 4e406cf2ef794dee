"""Two runs at once on the same story leave whole files, never a mix, and lose nothing."""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, SEEDS
from toolkit.files.safety import MANIFEST, write_owned
from toolkit.files.textio import write_atomic
from toolkit.model.bible import load_story

SEED = "mi5-the-greater-good.de.txt"


def _build_together(folder: Path, *args: str, runs: int = 2) -> list[subprocess.CompletedProcess]:
    command = [sys.executable, "-m", "toolkit", "build", *args, SEED]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = [subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for _ in range(runs)]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=120), *p.communicate()) for p in started]


def _assert_whole(story: Path, expected: dict[str, bytes] | None = None) -> None:
    assert not list(story.glob(".*.tmp")), "a temporary file was left behind"
    load_story(story / "bible.yaml")
    manifest = json.loads((story / MANIFEST).read_text("utf-8"))
    assert set(manifest) >= {"bible.yaml", "outline.fountain"}
    for name, data in (expected or {}).items():
        assert (story / name).read_bytes() == data, f"{name} is not what one run alone writes"


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> dict[str, bytes]:
    """What one build writes, to compare the concurrent runs with."""
    folder = tmp_path_factory.mktemp("alone")
    shutil.copy(SEEDS / SEED, folder)
    result = _build_together(folder, "--no-render", runs=1)[0]
    assert result.returncode == 0, result.stderr
    story = folder / "bibles" / "mi5-the-greater-good"
    return {name: (story / name).read_bytes() for name in ("bible.yaml", "outline.fountain")}


def test_two_builds_expanding_the_same_new_story(tmp_path, alone):
    shutil.copy(SEEDS / SEED, tmp_path)
    for _ in range(2):
        shutil.rmtree(tmp_path / "bibles", ignore_errors=True)
        results = _build_together(tmp_path, "--no-render")
        for result in results:
            assert result.returncode == 0, result.stderr
            assert "Traceback" not in result.stderr
        _assert_whole(tmp_path / "bibles" / "mi5-the-greater-good", alone)


def test_two_builds_rendering_the_same_story(tmp_path, alone):
    shutil.copy(SEEDS / SEED, tmp_path)
    results = _build_together(tmp_path)
    for result in results:
        assert result.returncode == 0, result.stderr
    story = tmp_path / "bibles" / "mi5-the-greater-good"
    _assert_whole(story, alone)
    assert len(PdfReader(story / "bible.pdf").pages) > 1


def test_two_builds_never_replace_an_edited_outline(tmp_path):
    shutil.copy(SEEDS / SEED, tmp_path)
    assert _build_together(tmp_path, "--no-render", runs=1)[0].returncode == 0
    story = tmp_path / "bibles" / "mi5-the-greater-good"
    outline = story / "outline.fountain"
    edited = outline.read_bytes() + b"\nINT. MEINE SZENE - NACHT\n\nDie Autorin schreibt weiter.\n"
    outline.write_bytes(edited)
    (story / "bible.yaml").unlink()  # the next builds expand again, and must not replace the outline
    for result in _build_together(tmp_path, "--no-render"):
        assert result.returncode == 2, result.stdout
        # the run that finds the lock taken may say that it waits; the refusal is the same either way
        refusal = "".join(line for line in result.stderr.splitlines(keepends=True) if "waiting for another" not in line)
        assert refusal == (f"storybible: {Path('bibles/mi5-the-greater-good/outline.fountain')}: "
                                 "outline.fountain was changed since storybible wrote it; not replacing it "
                                 "(use --force to replace it; a backup is kept)\n")
    assert outline.read_bytes() == edited
    assert not (story / "bible.yaml").exists()


def _write_many(path: str, fill: bytes, times: int) -> None:
    for _ in range(times):
        write_atomic(path, fill * 200_000)


def test_atomic_writes_racing_leave_one_whole_version(tmp_path):
    target = tmp_path / "bible.pdf"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(str(target), fill, 15)) for fill in (b"a", b"b")]
    for worker in workers:
        worker.start()
    seen = set()
    while any(w.is_alive() for w in workers):
        if target.exists():
            data = target.read_bytes()
            assert data in (b"a" * 200_000, b"b" * 200_000), "a reader saw a half-written file"
            seen.add(data[:1])
    for worker in workers:
        worker.join()
        assert worker.exitcode == 0
    assert target.read_bytes() in (b"a" * 200_000, b"b" * 200_000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bible.pdf"]


def test_write_atomic_keeps_the_files_permissions(tmp_path):
    target = tmp_path / "outline.fountain"
    write_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target.chmod(0o640)
    write_atomic(target, "newer")
    assert target.stat().st_mode & 0o777 == 0o640 and target.read_text("utf-8") == "newer"


def test_forced_rewrite_keeps_a_timestamped_backup(tmp_path):
    target = tmp_path / "bible.yaml"
    write_owned({target: "one\n"})
    target.write_text("mine\n", "utf-8")
    backups = write_owned({target: "two\n"}, force=True)
    assert [b.read_text("utf-8") for b in backups] == ["mine\n"]
    assert backups[0].name.startswith("bible.") and backups[0].name.endswith(".yaml.bak")
    assert write_owned({target: "two\n"}) == []  # unchanged since written: no backup, no refusal


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
