"""How each stage scales with the shapes of input that used to make it quadratic: time at 1×, 2×, 4×
and 8× of each shape. A linear stage takes about 8 times as long at 8×; a quadratic one 64 times.

usage: python benchmarks/scaling.py [--scale 1.0] [--only KEY ...]

The inputs are made here (invented names and words); nothing is read from or written into the checkout.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.shapes import SHAPES  # noqa: E402


def seconds(run, *args) -> float:
    started = time.perf_counter()
    run(*args)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size by this")
    parser.add_argument("--only", nargs="+", metavar="KEY", choices=[shape.key for shape in SHAPES],
                        help="run only these shapes (keys: %(choices)s)")
    args = parser.parse_args()
    print(f"| {'shape':<40} | {'1×':>8} | {'2×':>8} | {'4×':>8} | {'8×':>8} | 8×/1× |")
    print(f"| {'-' * 40} | {'-' * 7}: | {'-' * 7}: | {'-' * 7}: | {'-' * 7}: | ----: |")
    with tempfile.TemporaryDirectory(prefix="storybible-scaling-") as temporary:
        folder = Path(temporary)
        for shape in (s for s in SHAPES if not args.only or s.key in args.only):
            base = max(1, int(shape.base * args.scale))
            shape.run(shape.make(base, folder / "warm-up"))  # loads models and tables once
            times = []
            for factor in (1, 2, 4, 8):
                made = shape.make(base * factor, folder / f"{shape.key}-{factor}")
                times.append(seconds(shape.run, made))
            label = f"{shape.label} ({base:,} at 1×)"
            cells = " | ".join(f"{t:>6.2f} s" for t in times)
            print(f"| {label:<40} | {cells} | {times[3] / times[0]:>5.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
