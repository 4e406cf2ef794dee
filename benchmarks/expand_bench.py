"""Expand each seed in a fresh process (model loading included) and print seconds and peak memory.

usage: python benchmarks/expand_bench.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def expand_once(seed: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak resident MB of one `storybible expand` in its own process."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "toolkit", "expand", str(seed), "--out", str(out), "--force"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    # wait4 gives this child's own peak; RUSAGE_CHILDREN would be the largest of every child so far
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"expand {seed} failed: {child.stderr.read().decode(errors='replace')}")
    child.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    seeds = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/fixtures/synopses").glob("*.txt"))
    print(f"{'synopsis':<40} {'words':>6} {'median s':>9} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            words = len(seed.read_text(encoding="utf-8").split())
            runs = [expand_once(seed, Path(tmp) / seed.stem) for _ in range(args.runs)]
            print(f"{seed.name:<40} {words:>6} {statistics.median(r[0] for r in runs):>9.2f} "
                  f"{max(r[1] for r in runs):>8.0f}")


if __name__ == "__main__":
    main()
