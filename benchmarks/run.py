"""One table of where storybible spends its time, for the README.

usage: python benchmarks/run.py [--runs 3]

Rows: whole `storybible` processes beside their peers (CPU medians, from process_bench.py: check of Big
Fish and of a ten-episode season beside a process that only parses them with fountain-py, check of one
scene beside `python -c pass`, expand of 500 and 5,000 words against their goals); `storybible expand` per
seed (seconds and peak memory, each in a fresh process, models loaded); `check` of a feature-length script
and of a ten-episode season in-process beside fountain-py's bare parse of the same files; rendering each
seed's bible (checked, then laid out; WeasyPrint warmed up first); and a whole `storybible build` of the
three seeds in a fresh folder. Reuses the functions of process_bench.py, expand_bench.py, check_bench.py
and render_bench.py. Everything is written to temporary folders, nothing into the checkout.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import check_bench  # noqa: E402
import fountain  # noqa: E402
import process_bench  # noqa: E402
from expand_bench import expand_once  # noqa: E402

from toolkit.continuity.check import check  # noqa: E402
from toolkit.pdf.render import render_story_dir  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def machine() -> str:
    """CPU model, cores and Python, for the line above the table."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{model}, {os.cpu_count()} cores, Python {platform.python_version()} "
            f"({platform.system()} {platform.release()})")


def check_rows(runs: int) -> list[tuple[str, str, str]]:
    """check of a feature-length script and of a ten-episode season, beside the bare parse."""
    if not check_bench.SAMPLES.is_dir():
        return [("check", "–", f"samples not found: {check_bench.SAMPLES}")]
    rows = []
    check_bench.RUNS = runs
    for label, episodes, pages in (("feature-length script", 1, 120), ("ten-episode season", 10, 600)):
        check_bench.EPISODES, check_bench.PAGES = episodes, pages
        with tempfile.TemporaryDirectory(prefix="storybible-bench-") as temporary:
            folder = Path(temporary)
            made = check_bench.build_season(folder)
            texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.fountain"))]
            times = check_bench.in_turns({"bare": lambda texts=texts: [fountain.FountainParser().parse(t) for t in texts],
                                          "check": lambda folder=folder: check([folder])})
            (bare, _), (checked, _) = times["bare"], times["check"]
            scenes = len(check([folder]).scenes)
        files = f"{episodes} file{'s' * (episodes > 1)}"
        rows.append((f"check {label} ({made} pages, {files}, {scenes} scenes), in-process CPU", f"{checked:.0f} ms",
                     f"fountain-py bare parse {bare:.0f} ms ({checked / bare:.2f}×)"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is shown")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="storybible-bench-") as temporary:
        stories = Path(temporary)
        process_bench.ENVIRONMENT["PYTHONPYCACHEPREFIX"] = str(stories / "bytecode")
        (stories / "processes").mkdir()
        table, uncached = process_bench.rows(args.runs, stories / "processes")
        for what, took, peer, peer_took, goal in table:
            rows.append((f"{what}, CPU", f"{took / 1000:.2f} s",
                         f"{peer} {peer_took / 1000:.2f} s: {took / peer_took:.2f}× (goal {goal})"))
        rows.append(("check a one-scene file, no bytecode cache, CPU", f"{uncached / 1000:.2f} s",
                     "with PYTHONDONTWRITEBYTECODE=1 every run compiles storybible's modules"))
        for seed in SEEDS:
            runs = [expand_once(seed, stories / seed.name.split(".")[0]) for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in runs)
            rows.append((f"expand {seed.name} ({len(seed.read_text('utf-8').split())} words)", f"{seconds:.2f} s",
                         f"peak {max(r[1] for r in runs):.0f} MB"))
        rows += check_rows(args.runs)
        folders = [stories / seed.name.split(".")[0] for seed in SEEDS]
        render_story_dir(folders[0], stories / "warm-up.pdf")  # WeasyPrint's import and fonts, once
        for folder in folders:
            results = [render_story_dir(folder, stories / "bible.pdf") for _ in range(args.runs)]
            seconds = statistics.median(r.seconds for r in results)
            rows.append((f"render {folder.name} (check + PDF)", f"{seconds:.2f} s", f"{results[0].pages} pages"))
        work = stories / "build"
        (work / "seeds").mkdir(parents=True)
        for seed in SEEDS:
            shutil.copy(seed, work / "seeds")
        start = time.perf_counter()
        built = subprocess.run([sys.executable, "-m", "toolkit", "build"], cwd=work, capture_output=True,
                               text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
        seconds = time.perf_counter() - start
        pages = sum(int(line.rsplit("(", 1)[1].split()[0]) for line in built.stdout.splitlines() if "pages)" in line)
        outcome = f"{len(SEEDS)} stories expanded, checked, rendered: {pages} pages" if built.returncode in (0, 1) \
            else f"failed: {built.stderr.strip()}"
        rows.append((f"storybible build, {len(SEEDS)} seeds, fresh folder", f"{seconds:.2f} s", outcome))
    print(f"machine: {machine()}")
    width = max(len(r[0]) for r in rows)
    print(f"| {'what':<{width}} | {'time':>8} | {'notes'} |")
    print(f"| {'-' * width} | {'-' * 7}: | ----- |")
    for what, took, notes in rows:
        print(f"| {what:<{width}} | {took:>8} | {notes} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
