"""Time the language server as an editor meets it: from `didChange` to the diagnostics that answer it.

usage: python benchmarks/lsp_bench.py [--edits 20]

The story is the feature-length script of check_bench.py (about 120 pages of the public fountain.io
samples with the cast renamed, and a bible of that cast), built in a temporary folder. The server
runs in its own process on stdio, driven by pygls's client. Each edit changes one cue line (a known
name, then a name the bible does not know, in turn) and waits for the publishDiagnostics of that
document version. The server's pause before checking (300 ms in editors) is set to 0 for the first
row, so the figure is the server's own work; the second row keeps the editor default. Beside it, in
the same run: a full `storybible check` of the same story, in the library (warm) and as a new process.
"""
from __future__ import annotations

import argparse
import asyncio
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

GOAL_MS = 200


def feature_script(folder: Path) -> Path:
    check_bench.EPISODES, check_bench.PAGES = 1, 120
    check_bench.build_season(folder)
    return next(folder.glob("*.fountain"))


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


async def measure(script: Path, edits: int, debounce: float) -> tuple[float, list[float], set[int]]:
    """ms from didOpen to the first diagnostics, ms from each didChange to its diagnostics, their counts."""
    session = Session()
    await session.start(debounce)
    uri = script.as_uri()
    text = script.read_text("utf-8")
    lines = text.split("\n")
    cue = next(i for i, line in enumerate(lines) if line.isupper() and line.strip() and i and not lines[i - 1])
    name = lines[cue]
    sent = time.perf_counter()
    session.client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="fountain", version=1, text=text)))
    first = (await session.answered(1, 120) - sent) * 1000
    times = []
    for version in range(2, edits + 2):
        written = name if version % 2 else "ZORBLAX"
        current = lines[cue] if version == 2 else (name if version % 2 == 0 else "ZORBLAX")
        sent = time.perf_counter()
        session.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(cue, 0), types.Position(cue, len(current))), text=written)]))
        times.append((await session.answered(version) - sent) * 1000)
    counts = set(session.counts.values())
    await session.stop()
    return first, times, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    options = parser.parse_args()
    if not check_bench.SAMPLES.is_dir():
        print(f"samples not found: {check_bench.SAMPLES}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="storybible-lsp-") as temporary:
        folder = Path(temporary)
        script = feature_script(folder)
        pages = round(script.read_text("utf-8").count("\n") / check_bench.LINES_PER_PAGE)
        first, changes, counts = asyncio.run(measure(script, options.edits, 0.0))
        _, waited, _ = asyncio.run(measure(script, options.edits, 0.3))
        library = median_ms(lambda: check([folder]))
        started = time.perf_counter()
        command = subprocess.run([sys.executable, "-m", "toolkit", "check", str(folder)], cwd=ROOT,
                                 capture_output=True, text=True, check=False)
        process = (time.perf_counter() - started) * 1000
    median = statistics.median(changes)
    rows = [
        ("didOpen → first diagnostics (server start-up)", first, ""),
        (f"didChange → diagnostics, median of {len(changes)}", median,
         f"min {min(changes):.0f}, max {max(changes):.0f}"),
        (f"the same with the editor's 300 ms pause, median of {len(waited)}", statistics.median(waited), ""),
        ("storybible check, library, warm (median of 5)", library, ""),
        ("storybible check, new process", process, f"exit {command.returncode}"),
    ]
    print(f"feature-length script: {pages} pages, 1 file; diagnostics per answer: {sorted(counts)}")
    print(f"| {'what':<62} | {'ms':>7} | notes |")
    print(f"| {'-' * 62} | {'-' * 6}: | ----- |")
    for what, ms, notes in rows:
        print(f"| {what:<62} | {ms:>7.0f} | {notes} |")
    print(f"goal (didChange → diagnostics under {GOAL_MS} ms after the first check): "
          f"{'met' if median < GOAL_MS else 'missed'}; {median / library:.2f}× a warm full check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
