"""Time `storybible check` and `breakdown` on a ten-episode season against fountain-py's bare parse of the same files.

Run from anywhere: ``python benchmarks/check_bench.py``. The season (about 600 pages) is built at run
time in a temporary folder from the public fountain.io samples, with the cast renamed and a bible of
the renamed cast; nothing is written into the checkout. The parse and the check run in turns, 7 times
each, and the table gives the median processor time of each (the machine may be busy with other work,
which wall time would count against whichever ran then) and, beside it, the median wall time.
"""
from __future__ import annotations

import itertools
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "corpora" / "fountain" / "fountain-io-samples"
FILES = ("Big-Fish.fountain", "The-Last-Birthday-Card.fountain", "Brick-and-Steel.fountain")
EPISODES = 10
PAGES = 600
LINES_PER_PAGE = 4634 / 120  # Big Fish: 4634 lines make 120 pages

sys.path.insert(0, str(ROOT))

import fountain  # noqa: E402

from toolkit.continuity.breakdown import breakdown  # noqa: E402
from toolkit.continuity.check import check  # noqa: E402
from toolkit.continuity.fountain_adapter import ElementType, parse_fountain  # noqa: E402

RUNS = 7

_SYLLABLES = ("ka", "lo", "mi", "ren", "dor", "sa", "vel", "tin", "bru", "ne", "ost", "jar")
_HEADING = re.compile(r"^(?=(?:INT|EXT|EST|I/E)[ .])", re.MULTILINE)


def invented_names():
    """Names no corpus uses: Kalo, Kami, Karen, … Dorsavel."""
    for size in (2, 3):
        for parts in itertools.product(_SYLLABLES, repeat=size):
            yield "".join(parts).capitalize()


def cue_names(text: str) -> list[str]:
    found = []
    for element in parse_fountain(text).elements:
        if element.type is ElementType.DUAL_DIALOGUE:
            found += [element.metadata["left_character"].text, element.metadata["right_character"].text]
        elif element.type is ElementType.CHARACTER:
            found.append(element.text)
    return [name for name in dict.fromkeys(found) if re.fullmatch(r"[A-Z][A-Z .'-]+", name)]


def build_season(folder: Path, bible_names: int | None = None) -> int:
    """Write a season of renamed corpus scenes and its bible; return its pages.

    The bible names the whole cast, or only the first `bible_names` to speak (the others are then
    names the checker does not know, as in a bible a writer has not finished)."""
    names = invented_names()
    cast: dict[str, str] = {}
    scenes: list[str] = []
    want = PAGES * LINES_PER_PAGE
    while sum(s.count("\n") for s in scenes) < want:
        for file in FILES:
            text = (SAMPLES / file).read_text("utf-8")
            body = text[_HEADING.search(text).start():] if _HEADING.search(text) else text
            renames = {old: next(names) for old in cue_names(body)}
            pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(renames, key=len, reverse=True))) + r")\b",
                                 re.IGNORECASE)

            def rename(match, renames=renames):
                new = renames[next(k for k in renames if k.casefold() == match.group().casefold())]
                return new.upper() if match.group().isupper() else new

            body = pattern.sub(rename, body)
            cast.update({new.upper(): new for new in renames.values()})
            scenes += [part for part in _HEADING.split(body) if part.strip()]
    while sum(s.count("\n") for s in scenes) > want:
        scenes.pop()
    lines = sum(s.count("\n") for s in scenes)
    per_episode = -(-len(scenes) // EPISODES)
    scripts = []
    for number in range(EPISODES):
        name = f"episode-{number + 1:02d}.fountain"
        part = scenes[number * per_episode:(number + 1) * per_episode]
        (folder / name).write_text(f"Title: Episode {number + 1}\n\n# Episode {number + 1}\n\n" + "".join(part),
                                   "utf-8")
        scripts.append(name)
    named = list(cast.values())[:bible_names]
    characters = "".join(f"  - {{id: {name.lower()}, name: {name}, gender: unknown}}\n" for name in named)
    (folder / "bible.yaml").write_text(
        f"format: storybible/1\ntitle: Season\nlanguage: en\nunits: episodes\nscripts: [{', '.join(scripts)}]\n"
        f"characters:\n{characters}", "utf-8")
    return round(lines / LINES_PER_PAGE)


def in_turns(works: dict) -> dict[str, tuple[float, float]]:
    """Run each work RUNS times, in turns; the median processor and wall milliseconds of each."""
    cpu: dict[str, list[float]] = {name: [] for name in works}
    wall: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(RUNS):
        for name, work in works.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            work()
            cpu[name].append((time.process_time() - started_cpu) * 1000)
            wall[name].append((time.perf_counter() - started) * 1000)
    return {name: (statistics.median(cpu[name]), statistics.median(wall[name])) for name in works}


def main() -> int:
    if not SAMPLES.is_dir():
        print(f"samples not found: {SAMPLES}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="storybible-season-") as temporary:
        folder = Path(temporary)
        pages = build_season(folder)
        texts = [path.read_text("utf-8") for path in sorted(folder.glob("*.fountain"))]
        size = sum(len(t.encode()) for t in texts)
        times = in_turns({"bare": lambda: [fountain.FountainParser().parse(t) for t in texts],
                          "check": lambda: check([folder]),
                          "breakdown": lambda: breakdown(folder)})
        (bare, bare_wall), (checked, checked_wall) = times["bare"], times["check"]
        broken, broken_wall = times["breakdown"]
        result = check([folder])
        start = time.perf_counter()
        command = subprocess.run([sys.executable, "-m", "toolkit", "check", str(folder), "--format", "json"],
                                 cwd=ROOT, capture_output=True, text=True, check=False)
        cold = (time.perf_counter() - start) * 1000
    print(f"season: {EPISODES} files, {pages} pages, {size / 1e6:.1f} MB, {len(result.scenes)} scenes, "
          f"{len(result.diagnostics)} diagnostics")
    print(f"{'what':<40} {'cpu ms':>8} {'× parse':>8} {'wall ms':>8}")
    print(f"{'fountain-py bare parse':<40} {bare:>8.0f} {1:>8.2f} {bare_wall:>8.0f}")
    print(f"{'check (library, warm)':<40} {checked:>8.0f} {checked / bare:>8.2f} {checked_wall:>8.0f}")
    print(f"{'storybible check (new process, wall)':<40} {'':>8} {cold / bare_wall:>8.2f} {cold:>8.0f}")
    print(f"{'breakdown (library, warm)':<40} {broken:>8.0f} {broken / bare:>8.2f} {broken_wall:>8.0f}")
    goal = checked <= 2.5 * bare
    print(f"goal (check within 2.5× the bare parse): {'met' if goal else 'missed'}"
          f"{'' if command.returncode in (0, 1) else f'; the command failed: {command.stderr.strip()}'}")
    print(f"goal (breakdown under 1.5× check): {'met' if broken < 1.5 * checked else 'missed'} "
          f"({broken / checked:.2f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
