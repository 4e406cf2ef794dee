"""What a new user meets first: an outline that names its synopsis without the writer's folders, and a
watch that Ctrl-C ends with exit status 0 and no library's log line."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toolkit.expansion.expand import expand_story, source_name

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "mi5-the-greater-good.de.txt"


def test_the_outline_and_bible_name_the_synopsis_relative_to_the_project(tmp_path):
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    seed = shutil.copy(SEED, project / "seeds" / SEED.name)
    result = expand_story(Path(seed).resolve(), project / "bibles" / "mi5")
    outline = (result.folder / "outline.fountain").read_text("utf-8")
    bible = (result.folder / "bible.yaml").read_text("utf-8")
    assert f"Source: seeds/{SEED.name}" in outline
    assert str(tmp_path) not in outline and str(tmp_path) not in bible


def test_a_synopsis_outside_the_project_is_named_from_the_story_folder(tmp_path):
    story = tmp_path / "project" / "stories" / "a"
    assert source_name(tmp_path / "texts" / "a.de.txt", story) == "../../../texts/a.de.txt"
    assert source_name(Path("seeds/a.de.txt"), Path("bibles/a")) == "seeds/a.de.txt"


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT")
def test_ctrl_c_stops_watch_quietly_with_status_0(tmp_path):
    story = tmp_path / "story"
    shutil.copytree(ROOT / "bibles" / "mi5-the-greater-good", story, ignore=shutil.ignore_patterns("*.pdf"))
    process = subprocess.Popen([sys.executable, "-c", "from toolkit.cli.entry import run; run()", "watch",
                                str(story), "--no-render"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 60
    lines = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        if line.startswith("watching") or not line:
            break
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert any(line.startswith("watching") for line in lines), lines
    assert process.returncode == 0, err
    assert "KeyboardInterrupt" not in err + out
