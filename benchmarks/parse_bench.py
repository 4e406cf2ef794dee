"""Time bare fountain-py 0.3.0 against toolkit.continuity.fountain_adapter on the fountain.io samples.

Run from anywhere: ``python benchmarks/parse_bench.py``. Prints the median of 5 parses of the
already-decoded text, so file reading and decoding are not in the times.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "corpora" / "fountain" / "fountain-io-samples"
FILES = ("Big-Fish.fountain", "Brick-and-Steel.fountain")
RUNS = 5

# The script runs uninstalled, straight from a checkout.
sys.path.insert(0, str(ROOT))

import fountain  # noqa: E402

from toolkit.continuity.fountain_adapter import parse_fountain  # noqa: E402


def median_ms(work) -> float:
    """Median wall time of RUNS calls of work(), in milliseconds."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    if not SAMPLES.is_dir():
        print(f"samples not found: {SAMPLES}", file=sys.stderr)
        return 1
    print(f"{'file':<26} {'bytes':>8} {'bare ms':>9} {'adapter ms':>11} {'ratio':>6}")
    for name in FILES:
        data = (SAMPLES / name).read_bytes()
        text = data.decode("utf-8")
        bare = median_ms(lambda text=text: fountain.FountainParser().parse(text))
        adapted = median_ms(lambda text=text: parse_fountain(text))
        print(f"{name:<26} {len(data):>8} {bare:>9.1f} {adapted:>11.1f} {adapted / bare:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
