"""storybible watch: re-checks on save, prints what changed, replaces the PDF whole, stops on Ctrl-C."""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FIXTURES, ROOT

STORY = FIXTURES / "lsp" / "harbour"
NEW_SCENE = "\nINT. CELLAR - NIGHT #4#\n\nBRANTD\nHello.\n"


class Watcher:
    """`storybible watch` in a process of its own, with its output read line by line."""

    def __init__(self, *args: str):
        self.process = subprocess.Popen([sys.executable, "-m", "toolkit", "watch", *args], cwd=ROOT,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, predicate, seconds: float = 120) -> list[str]:
        """The lines printed up to and including the first for which predicate holds."""
        deadline = time.monotonic() + seconds
        got = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            got.append(line)
            self.seen.append(line)
            if predicate(line):
                return got
        raise AssertionError(f"watch did not print the expected line; it printed: {self.seen}")

    def interrupt(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=30)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)
        self.process.stdout.close()


def save(path: Path, text: str) -> None:
    """Save as an editor does: the whole new text at once, never a half-written file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "harbour"
    shutil.copytree(STORY, folder)
    return folder


class PdfPoller:
    """Reads the PDF again and again while it is being replaced, noting any read of half a file."""

    def __init__(self, path: Path):
        self.path = path
        self.reads = 0
        self.broken: list[int] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        while not self.stop.is_set():
            try:
                data = self.path.read_bytes()
            except FileNotFoundError:
                self.broken.append(-1)
                continue
            self.reads += 1
            if not (data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")):
                self.broken.append(len(data))
            time.sleep(0.01)

    def finish(self) -> None:
        self.stop.set()
        self.thread.join()


@pytest.mark.slow
def test_watch_reports_a_new_fault_and_replaces_the_pdf_whole(story: Path):
    watcher = Watcher(str(story))
    try:
        first = watcher.until(lambda line: line.startswith("watching "))
        assert sum(" CB" in line for line in first) == 3
        assert "2 errors, 1 warning in 1 file (3 scenes)" in first
        pdf = story / "bible.pdf"
        assert any(line.startswith(f"{pdf}: ") and "pages" in line for line in first)
        before = pdf.stat().st_ino
        poller = PdfPoller(pdf)
        save(story / "draft.fountain", (story / "draft.fountain").read_text("utf-8") + NEW_SCENE)
        after_edit = watcher.until(lambda line: line.startswith(f"{pdf}: "))
        poller.finish()
        assert after_edit[0].startswith(f"{story / 'draft.fountain'}:33:1: warning CB102 'BRANTD'")
        assert after_edit[1:] == ["2 errors, 2 warnings in 1 file (4 scenes)", after_edit[-1]]
        assert pdf.stat().st_ino != before  # a new file took the old one's place
        assert poller.reads > 0 and poller.broken == []
        assert len(PdfReader(pdf).pages) > 0
        assert watcher.interrupt() == 0
    finally:
        watcher.kill()


def test_watch_without_render_reports_fixes_and_stops_cleanly(story: Path):
    watcher = Watcher(str(story), "--no-render")
    try:
        watcher.until(lambda line: line.startswith("watching "))
        script = story / "draft.fountain"
        save(script, script.read_text("utf-8").replace("Oskra", "Oskar"))
        lines = watcher.until(lambda line: " in 1 file " in line)
        assert lines == [(f"fixed: {script}: CB102 'Oskra' looks like a misspelling of 'Oskar'; write the bible "
                          "name or add the spelling as an alias"), "2 errors, 0 warnings in 1 file (3 scenes)"]
        assert not (story / "bible.pdf").exists()
        assert watcher.interrupt() == 0
    finally:
        watcher.kill()


def test_watch_a_missing_folder_is_exit_2(tmp_path: Path):
    result = subprocess.run([sys.executable, "-m", "toolkit", "watch", str(tmp_path / "none")], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == f"storybible: {tmp_path / 'none'}: no such story folder"
    assert os.path.exists(tmp_path) and not (tmp_path / "none").exists()


def test_watch_with_a_broken_bible_reports_it_and_keeps_the_last_diagnostics(story: Path):
    watcher = Watcher(str(story), "--no-render")
    try:
        watcher.until(lambda line: line.startswith("watching "))
        bible = story / "bible.yaml"
        good = bible.read_text("utf-8")
        save(bible, good.replace("characters:\n", "characters: [\n", 1))
        lines = watcher.until(lambda line: "the bible does not parse" in line)
        assert not any(line.startswith("fixed:") for line in lines), lines
        assert lines[0].startswith(f"{bible}:") and "YAML does not parse" in lines[0]
        assert lines[-1] == (f"{bible}: the bible does not parse, so the story was not checked; still "
                             "2 errors, 1 warning in 1 file (3 scenes) from the last check")
        save(bible, good)
        lines = watcher.until(lambda line: " in 1 file " in line)
        assert lines == ["2 errors, 1 warning in 1 file (3 scenes)"]  # nothing new, nothing fixed
        assert watcher.interrupt() == 0
    finally:
        watcher.kill()
