"""`build` knows an unchanged story by the contents of its inputs, not by modification times: it leaves
the PDF and the state file alone, on a fresh clone too."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.expansion.build import build, inputs_digest
from toolkit.files.safety import MADE_FROM, MANIFEST

ROOT = Path(__file__).resolve().parents[1]
STORY = "mi5-the-greater-good"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project with one story, built once."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "bibles" / STORY, project / "bibles" / STORY,
                    ignore=shutil.ignore_patterns("*.pdf", MANIFEST))
    shutil.copytree(ROOT / "seeds", project / "seeds")
    first = build([str(project / "bibles" / STORY)])
    assert not first.stories[0].unchanged
    return project / "bibles" / STORY


def _snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


def test_a_second_build_rewrites_nothing(built):
    before = _snapshot(built)
    again = build([str(built)]).stories[0]
    assert again.unchanged
    assert (again.errors, again.warnings, again.pages) == tuple(
        json.loads((built / MANIFEST).read_text())[MADE_FROM]["bible.pdf"][k] for k in ("errors", "warnings", "pages"))
    assert _snapshot(built) == before


def test_new_modification_times_are_no_change(built):
    before = (built / "bible.pdf").read_bytes()
    for path in built.iterdir():
        os.utime(path, (1_000_000_000, 1_000_000_000))
    assert build([str(built)]).stories[0].unchanged
    assert (built / "bible.pdf").read_bytes() == before


def test_a_changed_input_is_rendered_again(built, tmp_path):
    story = tmp_path / STORY
    shutil.copytree(built, story)
    digest = inputs_digest(story)
    bible = story / "bible.yaml"
    bible.write_text(bible.read_text("utf-8").replace("title:", "# a note\ntitle:", 1), "utf-8")
    assert inputs_digest(story) != digest
    assert not build([str(story)]).stories[0].unchanged


def test_a_pdf_changed_by_hand_is_not_taken_as_made(built, tmp_path):
    story = tmp_path / STORY
    shutil.copytree(built, story)
    (story / "bible.pdf").write_bytes((story / "bible.pdf").read_bytes() + b"\n%")
    entry = build([str(story)], force=True).stories[0]
    assert not entry.unchanged
    assert list(story.glob("bible.*.pdf.bak"))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and a git checkout")
def test_build_on_a_fresh_clone_leaves_git_status_clean(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("SOURCE_DATE_EPOCH", None)
    run = [sys.executable, "-c", "from toolkit.cli.entry import run; run()", "build"]
    for _ in range(2):
        done = subprocess.run(run, cwd=clone, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.count("unchanged") == len(list((clone / "seeds").glob("*.txt"))), done.stdout
        status = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True,
                                check=True).stdout
        assert status == "", status
