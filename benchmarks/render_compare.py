"""Render the stress bible (or a story folder) with this checkout and with an earlier revision, in turns.

``python benchmarks/render_compare.py REVISION [--turns 3] [--characters 60] [--scenes 400]
[--story FOLDER]`` takes REVISION's toolkit and templates from git (``git archive``) into a temporary
folder and renders the stress bible of render_bench.py with each in turns, each render in a fresh
process after untimed warm-up renders, so both meet the same load on the machine. With ``--story`` it
renders that story folder instead (this checkout's copy for both), checked first as `storybible render`
does, after the warm-up renders of render_bench.py. Prints the median CPU and wall seconds of each and
the ratio of this checkout to REVISION.
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

ONE_RENDER = """
import sys, tempfile, time
from pathlib import Path
sys.path.insert(0, "benchmarks")
from render_bench import fixture_story, stress_story
from toolkit.pdf.render import render_story
with tempfile.TemporaryDirectory() as out:
    render_story(*fixture_story(Path("tests/fixtures/render/de-lindenhof")), Path(out) / "warm-up.pdf")
    case = stress_story({characters}, {scenes})
    cpu, wall = time.process_time(), time.perf_counter()
    result = render_story(*case, Path(out) / "stress.pdf")
    print(time.process_time() - cpu, time.perf_counter() - wall, result.pages)
"""

ONE_STORY = """
import sys, tempfile, time
from pathlib import Path
from toolkit.pdf.render import render_story_dir
with tempfile.TemporaryDirectory() as out:
    for folder in sorted(Path("tests/fixtures/render").iterdir()):
        if (folder / "bible.yaml").is_file():
            render_story_dir(folder, Path(out) / "warm-up.pdf")
    cpu, wall = time.process_time(), time.perf_counter()
    result = render_story_dir(Path({story!r}), Path(out) / "bible.pdf")
    print(time.process_time() - cpu, time.perf_counter() - wall, result.pages)
"""


def _checkout(revision: str, folder: Path) -> Path:
    """REVISION's files in folder, with its templates where the package looks for them."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    (folder / "toolkit" / "templates").symlink_to(folder / "templates")
    return folder


def _render(tree: Path, characters: int, scenes: int, story: str | None) -> tuple[float, float, int]:
    code = (ONE_STORY.format(story=str(Path(story).resolve())) if story
            else ONE_RENDER.format(characters=characters, scenes=scenes))
    done = subprocess.run([sys.executable, "-c", code], cwd=tree, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(tree)})
    cpu, wall, pages = done.stdout.split()
    return float(cpu), float(wall), int(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision")
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--characters", type=int, default=60)
    parser.add_argument("--scenes", type=int, default=400)
    parser.add_argument("--story", help="a story folder to render instead of the stress bible")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        trees = {args.revision: _checkout(args.revision, Path(temporary)), "this checkout": ROOT}
        times: dict[str, list[tuple[float, float, int]]] = {name: [] for name in trees}
        for _ in range(args.turns):
            for name, tree in trees.items():
                times[name].append(_render(tree, args.characters, args.scenes, args.story))
    subject = args.story or f"stress bible {args.characters}×{args.scenes}"
    print(f"{subject}, median of {args.turns} turns")
    print(f"{'code':<16} {'cpu s':>6} {'wall s':>7} {'pages':>6}")
    medians = {}
    for name, runs in times.items():
        medians[name] = statistics.median(cpu for cpu, _, _ in runs)
        print(f"{name:<16} {medians[name]:>6.2f} {statistics.median(w for _, w, _ in runs):>7.2f} {runs[0][2]:>6}")
    print(f"this checkout takes {medians['this checkout'] / medians[args.revision]:.2f}× the CPU time of {args.revision}")


if __name__ == "__main__":
    main()
