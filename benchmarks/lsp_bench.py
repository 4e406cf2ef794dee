"""Time the language server as an editor meets it: from `didChange` to the diagnostics that answer it.

usage: python benchmarks/lsp_bench.py [--edits 20] [--scenes 600]

Two stories, each built in a temporary folder: the feature-length script of check_bench.py (about
120 pages of the public fountain.io samples with the cast renamed, and a bible of that cast), and a
German outline with prose of `--scenes` scenes, expanded from seeds/mi5-the-greater-good.de.txt and
continued with its scenes again, each copy's sentences its own (so nothing is read once for all).
The server runs in its own process on stdio, driven by pygls's client, with no pause before checking
(editors wait 300 ms after typing; that pause is the editor's, not the server's work). Each edit
changes one line (the script: a cue, a known name and an unknown one in turn; the outline: an action
line, a sentence added and taken away in turn) and waits for the publishDiagnostics of that document
version. The first row of each story is the first diagnostics after didOpen, once `initialize` has
been answered. Beside them, in the same run: a full `storybible check` of the same story, in the
library (warm) and as a new process.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import check_bench  # noqa: E402
from lsprotocol import types  # noqa: E402
from parse_bench import median_ms  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from toolkit.continuity.check import check  # noqa: E402

GOALS_MS = {"script": 60, "outline": 100}
FIRST_GOAL_MS = 500
SEED = ROOT / "seeds" / "mi5-the-greater-good.de.txt"
_NUMBER = re.compile(r"#\d+#\s*$")
_SENTENCE_END = re.compile(r"([.!?])(?=\s|$)")


def feature_script(folder: Path) -> Path:
    check_bench.EPISODES, check_bench.PAGES = 1, 120
    check_bench.build_season(folder)
    return next(folder.glob("*.fountain"))


def _scene_blocks(text: str) -> tuple[str, list[list[str]]]:
    """A Fountain outline's title page, and its scenes, each with the section line before it."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("# ")] or [
        i for i, line in enumerate(lines) if _NUMBER.search(line)]
    ends = [*starts[1:], len(lines)]
    return "\n".join(lines[:starts[0]]), [lines[a:b] for a, b in zip(starts, ends)]


def long_outline(folder: Path, scenes: int) -> Path:
    """A German outline with prose of `scenes` scenes, and its bible, in `folder`."""
    from toolkit.expansion.expand import expand_story

    expand_story(SEED, folder / "seed")
    title, blocks = _scene_blocks((folder / "seed" / "outline.fountain").read_text("utf-8"))
    out, number, copy = [title], 0, 0
    while number < scenes:
        copy += 1
        for block in blocks:
            if number == scenes:
                break
            number += 1
            for line in block:
                if _NUMBER.search(line):
                    line = _NUMBER.sub(f"#{number}#", line)
                elif copy > 1 and line and not line.startswith(("#", "[[")):
                    line = _SENTENCE_END.sub(rf" im {copy}. Jahr\1", line)
                out.append(line)
    script = folder / "outline.fountain"
    script.write_text("\n".join(out) + "\n", "utf-8")
    (folder / "bible.yaml").write_text((folder / "seed" / "bible.yaml").read_text("utf-8"), "utf-8")
    for path in (folder / "seed").iterdir():
        path.unlink()
    (folder / "seed").rmdir()
    return script


class Session:
    """A language server process and a client that notes when each document version's diagnostics come."""

    def __init__(self) -> None:
        self.client = LanguageClient("storybible-bench", "1")
        self.arrived: dict[int, float] = {}
        self.counts: dict[int, int] = {}
        self.event = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(ls, params: types.PublishDiagnosticsParams):
            if params.version is not None and params.uri.endswith(".fountain"):
                self.arrived[params.version] = time.perf_counter()
                self.counts[params.version] = len(params.diagnostics)
                self.event.set()

    async def start(self, debounce: float) -> None:
        await self.client.start_io(sys.executable, "-m", "toolkit", "lsp", cwd=str(ROOT))
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), initialization_options={"debounce": debounce}))
        self.client.initialized(types.InitializedParams())

    async def answered(self, version: int, seconds: float = 60) -> float:
        deadline = time.perf_counter() + seconds
        while version not in self.arrived:
            self.event.clear()
            await asyncio.wait_for(self.event.wait(), max(0.01, deadline - time.perf_counter()))
        return self.arrived[version]

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def script_edit(lines: list[str]) -> tuple[int, str, str]:
    """A cue of the script, and what it becomes in turn: a name the bible does not know."""
    cue = next(i for i, line in enumerate(lines) if line.isupper() and line.strip() and i and not lines[i - 1])
    return cue, lines[cue], "ZORBLAX"


def outline_edit(lines: list[str]) -> tuple[int, str, str]:
    """A line of action in the middle of the outline, and the same with a sentence added."""
    middle = len(lines) // 2
    line = next(i for i in range(middle, len(lines)) if lines[i][:1].isalpha() and not lines[i].isupper())
    return line, lines[line], lines[line] + " Harry zögert einen Moment und geht dann weiter."


def cpu_ms(pid: int) -> float:
    """Processor time a process has used so far (user and system), in ms; 0 where /proc is not."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


async def measure(script: Path, edits: int, edit) -> tuple[float, list[float], set[int], tuple[float, float]]:
    """ms from didOpen to the first diagnostics, ms from each didChange to its diagnostics, their counts,
    and the server's processor ms for the first diagnostics and per edit (which other work on the
    machine does not inflate)."""
    session = Session()
    await session.start(0.0)
    uri = script.as_uri()
    text = script.read_text("utf-8")
    lines = text.split("\n")
    line, original, changed = edit(lines)
    pid = session.client._server.pid
    opened = cpu_ms(pid)
    sent = time.perf_counter()
    session.client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="fountain", version=1, text=text)))
    first = (await session.answered(1, 120) - sent) * 1000
    first_cpu = cpu_ms(pid) - opened
    times, current = [], original
    used = cpu_ms(pid)
    for version in range(2, edits + 2):
        written = changed if version % 2 == 0 else original
        sent = time.perf_counter()
        session.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(line, 0), types.Position(line, len(current))), text=written)]))
        times.append((await session.answered(version) - sent) * 1000)
        current = written
    per_edit = (cpu_ms(pid) - used) / edits
    counts = set(session.counts.values())
    await session.stop()
    return first, times, counts, (first_cpu, per_edit)


def story_rows(name: str, script: Path, edits: int, edit) -> list[tuple[str, str, float, str]]:
    """The figures of one story: the server's first and per-edit answers, and a full check beside them."""
    folder = script.parent
    first, changes, counts, (first_cpu, per_edit) = asyncio.run(measure(script, edits, edit))
    library = median_ms(lambda: check([folder]))
    started = time.perf_counter()
    command = subprocess.run([sys.executable, "-m", "toolkit", "check", str(folder)], cwd=ROOT,
                             capture_output=True, text=True, check=False)
    process = (time.perf_counter() - started) * 1000
    median = statistics.median(changes)
    return [
        (name, "didOpen → first diagnostics (after initialize)", first,
         f"goal < {FIRST_GOAL_MS}; the server's processor time {first_cpu:.0f}"),
        (name, f"didChange → diagnostics, median of {len(changes)}", median,
         (f"min {min(changes):.0f}, max {max(changes):.0f}; goal ≤ {GOALS_MS[name]}; "
          f"{median / library:.2f}× a warm check; diagnostics {sorted(counts)}")),
        (name, "the server's processor time per edit, mean", per_edit, "what the edit costs on an idle machine"),
        (name, "storybible check, library, warm (median of 5)", library, ""),
        (name, "storybible check, new process", process, f"exit {command.returncode}"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--scenes", type=int, default=600)
    options = parser.parse_args()
    if not check_bench.SAMPLES.is_dir():
        print(f"samples not found: {check_bench.SAMPLES}", file=sys.stderr)
        return 1
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    rows = []
    with tempfile.TemporaryDirectory(prefix="storybible-lsp-") as temporary:
        folder = Path(temporary)
        (folder / "script").mkdir()
        script = feature_script(folder / "script")
        pages = round(script.read_text("utf-8").count("\n") / check_bench.LINES_PER_PAGE)
        rows += story_rows("script", script, options.edits, script_edit)
        (folder / "outline").mkdir()
        outline = long_outline(folder / "outline", options.scenes)
        size = len(outline.read_text("utf-8"))
        rows += story_rows("outline", outline, options.edits, outline_edit)
    print(f"load average before the run: {load}")
    print(f"script: feature-length, {pages} pages, 1 file; outline: German, {options.scenes} scenes with prose, "
          f"{size // 1000} kB, 1 file")
    print(f"| {'story':<7} | {'what':<48} | {'ms':>6} | notes |")
    print(f"| {'-' * 7} | {'-' * 48} | {'-' * 5}: | ----- |")
    for story, what, ms, notes in rows:
        print(f"| {story:<7} | {what:<48} | {ms:>6.0f} | {notes} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
