"""What a whole `storybible` process costs beside its peer: CPU medians of fresh processes, in turns.

usage: python benchmarks/process_bench.py [--runs 5]

Rows (each beside the peer it is measured against, in the same run):
- `check` of Big Fish (120 pages, no bible) / a process that imports fountain-py and parses the same file;
- `check` of a ten-episode season of about 600 pages with a bible of its first 40 speakers, and with a
  bible of its whole cast / the same bare parse of its files;
- `check` of a one-scene file / `python -c pass` (what start-up costs);
- `expand` of about 500 words (a seed) and of 5,000 words (German seeds and dev synopses in turn), models
  included, against the goals of 1.0 s and 3.0 s CPU.
Processor time (user + system of the child) rather than wall time, so that other work on the machine
counts less. Inputs are written to a temporary folder; nothing is written into the checkout. Each command
runs once untimed first; Python's bytecode cache goes to the temporary folder (PYTHONPYCACHEPREFIX), so
every process, the peers' too, starts as it would on a machine where Python may write its cache. With
PYTHONDONTWRITEBYTECODE=1 every run compiles storybible's modules again; the last line says what that costs.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import check_bench  # noqa: E402

BIG_FISH = check_bench.SAMPLES / "Big-Fish.fountain"
BARE_PARSE = "import sys, fountain; [fountain.FountainParser().parse(open(p, encoding='utf-8').read()) for p in sys.argv[1:]]"
ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
ONE_SCENE = "Title: One Scene\n\nINT. KITCHEN - NIGHT\n\nMARA pours tea. TOBIAS waits at the door.\n\nMARA\nSit down.\n"


def cpu_ms(command: list[str], environment: dict[str, str] | None = None) -> float:
    """User plus system milliseconds of one child process running command."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                             env=environment or ENVIRONMENT)
    _, status, usage = os.wait4(child.pid, 0)
    error = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed: {error.strip()}")
    return (usage.ru_utime + usage.ru_stime) * 1000


def medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Each command run `runs` times, in turns; the median CPU milliseconds of each."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():
        cpu_ms(command)
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(cpu_ms(command))
    return {name: statistics.median(values) for name, values in times.items()}


def storybible(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "toolkit", *arguments]


def long_synopsis(words: int, path: Path) -> Path:
    """A German text of about `words` words: the German seeds and dev synopses, in turn, until long enough."""
    sources = sorted((ROOT / "seeds").glob("*.de.txt")) + sorted((SHARED / "dev" / "synopses").glob("*.de.txt"))
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < words:
        for source in sources:
            text = source.read_text("utf-8")
            if text.startswith("---"):
                text = text.split("---", 2)[2]
            paragraphs += [p.strip() for p in text.split("\n\n") if p.strip()]
    while sum(len(p.split()) for p in paragraphs) > words and len(paragraphs) > 1:
        paragraphs.pop()
    path.write_text("\n\n".join(paragraphs) + "\n", "utf-8")
    return path


def rows(runs: int, folder: Path) -> tuple[list[tuple[str, float, str, float, str]], float]:
    """(what, its CPU ms, peer, peer's CPU ms, goal) for every row of the table; the one-scene check's CPU ms
    when Python may not write its bytecode cache."""
    table = []
    if BIG_FISH.is_file():
        times = medians({"check": storybible("check", str(BIG_FISH)),
                         "bare": [sys.executable, "-c", BARE_PARSE, str(BIG_FISH)]}, runs)
        table.append(("check Big Fish (120 pages, no bible)", times["check"], "bare parse, new process",
                      times["bare"], "≤ 1.6×"))
        for bible_names in (40, None):
            season = folder / f"season-{bible_names}"
            season.mkdir()
            pages = check_bench.build_season(season, bible_names)
            scripts = [str(p) for p in sorted(season.glob("*.fountain"))]
            names = (season / "bible.yaml").read_text("utf-8").count("- {id:")
            times = medians({"check": storybible("check", str(season)),
                             "bare": [sys.executable, "-c", BARE_PARSE, *scripts]}, runs)
            table.append((f"check season ({pages} pages, {len(scripts)} files, {names}-name bible)", times["check"],
                          "bare parse, new process", times["bare"], "≤ 2.0×"))
    scene = folder / "one-scene.fountain"
    scene.write_text(ONE_SCENE, "utf-8")
    times = medians({"check": storybible("check", str(scene)), "pass": [sys.executable, "-c", "pass"]}, runs)
    table.append(("check a one-scene file", times["check"], "python -c pass", times["pass"], "≤ 4×"))
    uncached = {**{k: v for k, v in ENVIRONMENT.items() if k != "PYTHONPYCACHEPREFIX"}, "PYTHONDONTWRITEBYTECODE": "1"}
    cold = statistics.median(cpu_ms(storybible("check", str(scene)), uncached) for _ in range(runs))
    short = sorted((ROOT / "seeds").glob("*.de.txt"))[0]
    long = long_synopsis(5000, folder / "long.de.txt")
    for source, goal in ((short, 1000), (long, 3000)):
        words = len(source.read_text("utf-8").split())
        out = folder / f"story-{source.stem}"
        time = medians({"expand": storybible("expand", str(source), "--out", str(out), "--force")}, runs)["expand"]
        table.append((f"expand {words:,} words (models included)", time, "goal", goal, f"< {goal / 1000:.1f} s"))
    return table, cold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="storybible-process-") as temporary:
        ENVIRONMENT["PYTHONPYCACHEPREFIX"] = str(Path(temporary) / "bytecode")
        table, cold = rows(args.runs, Path(temporary))
    print(f"| {'what':<58} | {'CPU ms':>7} | {'peer':<24} | {'CPU ms':>7} | {'ratio':>6} | goal |")
    print(f"| {'-' * 58} | {'-' * 6}: | {'-' * 24} | {'-' * 6}: | {'-' * 5}: | ---- |")
    for what, took, peer, peer_took, goal in table:
        print(f"| {what:<58} | {took:>7.0f} | {peer:<24} | {peer_took:>7.0f} | {took / peer_took:>5.2f}× | {goal} |")
    print(f"\nwith PYTHONDONTWRITEBYTECODE=1 (no bytecode cache) the one-scene check takes {cold:.0f} ms CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
