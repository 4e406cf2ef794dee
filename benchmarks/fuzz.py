"""A longer fuzzing pass than the suite's property tests: mutate real synopses, bibles and scripts and feed
them to the toolkit until the time is up. Anything raised but the toolkit's own InputError is a failure;
so is one input taking longer than --slow seconds.

usage: python benchmarks/fuzz.py [--minutes 5] [--seed N] [--out DIR]

Failing inputs are written to --out (default: a temporary folder, printed at the end) with the traceback
beside them. Nothing is written into the checkout.
"""
from __future__ import annotations

import argparse
import collections
import random
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.bible import parse_bible_text  # noqa: E402
from toolkit.check import check_scripts  # noqa: E402
from toolkit.errors import InputError  # noqa: E402
from toolkit.expand import expand_story  # noqa: E402
from toolkit.fountain_adapter import decode_fountain, parse_fountain  # noqa: E402
from toolkit.script import parse_script  # noqa: E402
from toolkit.synopsis import read_synopsis  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora" / "fountain"
TOKENS = [b"[[", b"]]", b"/*", b"*/", b"\r\n", b"\r", b"\n\n", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"---\n",
          b"INT. ", b"EXT. ", b".", b"@", b"#", b"= ", b"~", b">", b"<", b"!", b"^", b"(V.O.)", b"CUT TO:",
          b"[[cast: ", b"[[dies: ", b"[[continuity: ignore ", b"CB201", b"\t", b"   ", b"\\", b"*", b"_", b"**",
          "Jürgen".encode(), "O’BRIEN".encode(), "Иван".encode(), "李明".encode(), "ß".encode(), b"\xe9",
          b"\x81", b"\x9d", "\u2028".encode(), "\u0308".encode(), b"- ", b": ", b"&a ", b"*a", b"!!python/name:x",
          b"{", b"}", b"[", b"]", b"'", b'"', b"|\n", b"? ", b"%YAML 1.1\n", b"...\n"]


class Slow(Exception):
    pass


def _alarm(signum, frame):
    raise Slow("took too long")


def corpus() -> dict[str, list[bytes]]:
    """Real inputs to start from, by kind."""
    synopses = [p.read_bytes() for p in [*sorted((ROOT / "seeds").glob("*.txt")),
                                         *sorted((ROOT / "tests/fixtures/synopses").glob("*.txt"))]]
    bibles = [p.read_bytes() for p in sorted((ROOT / "tests/fixtures").rglob("bible.yaml"))]
    scripts = [p.read_bytes() for p in sorted((ROOT / "tests/fixtures").rglob("*.fountain"))]
    if CORPORA.is_dir():
        scripts += [p.read_bytes()[:20_000] for p in sorted(CORPORA.rglob("*.fountain"))[:60]]
    return {"synopsis": synopses, "bible": bibles, "script": scripts}


def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """One to eight random edits: flips, inserted markup, deletions, duplications, splices, re-encodings."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data) + 1)
        choice = rng.random()
        if choice < 0.25:
            data[at:at] = rng.choice(TOKENS)
        elif choice < 0.4 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.55:
            del data[at:at + rng.randint(1, 200)]
        elif choice < 0.65:
            data[at:at] = data[at:at + rng.randint(1, 300)] * rng.randint(1, 5)
        elif choice < 0.75:
            other = rng.choice(pool)
            start = rng.randrange(len(other) + 1)
            data[at:at] = other[start:start + rng.randint(1, 400)]
        elif choice < 0.85:
            data = bytearray(bytes(data)[:at])
        else:
            text = bytes(data).decode("utf-8", "replace")
            encoding = rng.choice(["utf-16", "cp1252", "latin-1", "utf-8-sig"])
            data = bytearray(text.encode(encoding, "replace"))
    return bytes(data)


def run_synopsis(data: bytes, folder: Path, rng: random.Random) -> None:
    seed = folder / rng.choice(["story.de.txt", "story.en.txt", "story.txt"])
    seed.write_bytes(data)
    synopsis = read_synopsis(seed)
    expansion = expand_story(seed, folder / "story", force=True)
    outline = (expansion.folder / "outline.fountain").read_text("utf-8")
    parse_fountain(outline)
    check_scripts([expansion.folder / "outline.fountain"],
                  parse_bible_text((expansion.folder / "bible.yaml").read_text("utf-8"), folder / "bible.yaml"))
    assert len(synopsis.sentences) >= 1


def run_bible(data: bytes, folder: Path, rng: random.Random) -> None:
    (folder / "bible.yaml").write_bytes(data)
    (folder / "scenes.fountain").write_text("INT. A - DAY\n\nSEVER\nHi.\n\n[[dies: SEVER]]\n", "utf-8")
    from toolkit.check import check

    check([folder])


def run_script(data: bytes, folder: Path, rng: random.Random) -> None:
    text = decode_fountain(data, "x")
    parse_script(text, "x.fountain")
    (folder / "x.fountain").write_bytes(data)
    bible = parse_bible_text("format: storybible/1\ntitle: X\nlanguage: en\ncharacters:\n"
                             "  - {id: sever, name: Sever}\n  - {id: ecks, name: Ecks, fate: {status: killed}}\n",
                             folder / "bible.yaml")
    check_scripts([folder / "x.fountain"], bible)


TARGETS = {"synopsis": run_synopsis, "bible": run_bible, "script": run_script}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--slow", type=float, default=20.0, help="seconds after which one input is a failure")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    inputs = corpus()
    pool = [data for kind in inputs.values() for data in kind]
    out = args.out or Path(tempfile.mkdtemp(prefix="storybible-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    tried: collections.Counter = collections.Counter()
    refused: collections.Counter = collections.Counter()
    failures: dict[tuple[str, str], int] = {}
    slowest: dict[str, float] = collections.defaultdict(float)
    signal.signal(signal.SIGALRM, _alarm)
    started = time.perf_counter()
    deadline = started + args.minutes * 60
    while time.perf_counter() < deadline:
        kind = rng.choice(list(TARGETS))
        data = mutate(rng.choice(inputs[kind]), rng, pool)
        with tempfile.TemporaryDirectory(prefix="fuzz-") as temporary:
            one = time.perf_counter()
            signal.alarm(int(args.slow))
            try:
                TARGETS[kind](data, Path(temporary), rng)
            except InputError:
                refused[kind] += 1
            except Exception as error:  # noqa: BLE001 - every other exception is what we look for
                where = traceback.extract_tb(error.__traceback__)[-1]
                key = (kind, f"{type(error).__name__} at {Path(where.filename).name}:{where.lineno}")
                if key not in failures:
                    name = f"{kind}-{len(failures) + 1}"
                    (out / f"{name}.input").write_bytes(data)
                    (out / f"{name}.traceback.txt").write_text(traceback.format_exc(), "utf-8")
                failures[key] = failures.get(key, 0) + 1
            finally:
                signal.alarm(0)
            slowest[kind] = max(slowest[kind], time.perf_counter() - one)
        tried[kind] += 1
    seconds = time.perf_counter() - started
    print(f"fuzzed for {seconds / 60:.1f} min (seed {args.seed}): {sum(tried.values())} inputs")
    print(f"{'target':<10} {'inputs':>7} {'refused':>8} {'failures':>9} {'slowest s':>10}")
    for kind in TARGETS:
        bad = sum(n for (k, _), n in failures.items() if k == kind)
        print(f"{kind:<10} {tried[kind]:>7} {refused[kind]:>8} {bad:>9} {slowest[kind]:>10.2f}")
    for (kind, what), count in sorted(failures.items()):
        print(f"FAILURE {kind}: {what} ({count}×)")
    print(f"failing inputs and tracebacks: {out}" if failures else "no failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
