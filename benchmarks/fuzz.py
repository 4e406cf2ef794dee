"""A longer fuzzing pass than the suite's property tests: mutate real synopses, bibles and scripts and feed
them to the toolkit until the time is up. Anything raised but the toolkit's own InputError is a failure;
so is one input taking longer than --slow seconds.

Besides random edits it splices in the shapes that once hung or crashed a stage (long words and lines,
many names, numbers of thousands of digits, deeply nested and aliased YAML, complex keys, aliases of
long strings, tags, format fields of labels, mixed encodings), and puts devices, named pipes, dangling
links and folders where a seed, bible, script, template or the state file (.storybible.json) belongs.
The command line gets file and folder names longer than the system allows and SOURCE_DATE_EPOCH values
that are no date: each must end in one line and exit status 2.

usage: python benchmarks/fuzz.py [--minutes 5] [--seed N] [--out DIR]

Anything raised but the toolkit's own errors is a failure. Failing inputs are written to --out (default: a temporary folder, printed at the end) with the traceback
beside them. Nothing is written into the checkout.
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.shapes import invented_name  # noqa: E402
from toolkit.continuity.check import check_scripts  # noqa: E402
from toolkit.continuity.fountain_adapter import decode_fountain, parse_fountain  # noqa: E402
from toolkit.continuity.script import parse_script  # noqa: E402
from toolkit.errors import StorybibleError  # noqa: E402
from toolkit.expansion.expand import expand_story  # noqa: E402
from toolkit.model.bible import parse_bible_text  # noqa: E402
from toolkit.text.synopsis import read_synopsis  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora" / "fountain"
TOKENS = [b"[[", b"]]", b"/*", b"*/", b"\r\n", b"\r", b"\n\n", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"---\n",
          b"INT. ", b"EXT. ", b".", b"@", b"#", b"= ", b"~", b">", b"<", b"!", b"^", b"(V.O.)", b"CUT TO:",
          b"[[cast: ", b"[[dies: ", b"[[continuity: ignore ", b"CB201", b"\t", b"   ", b"\\", b"*", b"_", b"**",
          "Jürgen".encode(), "O’BRIEN".encode(), "Иван".encode(), "李明".encode(), "ß".encode(), b"\xe9",
          b"\x81", b"\x9d", "\u2028".encode(), "\u0308".encode(), b"- ", b": ", b"&a ", b"*a", b"!!python/name:x",
          b"{", b"}", b"[", b"]", b"'", b'"', b"|\n", b"? ", b"%YAML 1.1\n", b"...\n"]


def _laughs(depth: int) -> bytes:
    lines = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"b{i}: &b{i} [{', '.join(['*' + ('a' if i == 0 else f'b{i - 1}')] * 9)}]\n" for i in range(depth))
    return lines.encode()


# Each makes a piece of input in a shape that once made a stage hang, run quadratic or crash.
SHAPES = {
    "long word": lambda rng: b" " + b"x" * rng.choice([1000, 5000, 20000]) + b" ",
    "long line": lambda rng: b" " + b"und Ilka geht " * rng.choice([500, 2000, 5000]),
    "many names": lambda rng: (", ".join(invented_name(i) for i in range(rng.choice([50, 200, 500])))).encode(),
    "long URL": lambda rng: b" https://example.org/" + b"ab-cd." * rng.choice([100, 1000, 5000]) + b" ",
    "huge number": lambda rng: b" 1" + b"9" * rng.choice([4400, 20000]) + b"\n",
    "deep flow YAML": lambda rng: b"[" * (n := rng.choice([60, 1000, 30000])) + b"]" * n,
    "deep block YAML": lambda rng: b"".join(b"  " * i + b"- \n" for i in range(rng.choice([60, 500]))),
    "aliased YAML": lambda rng: _laughs(rng.choice([3, 6, 9, 12])),
    "merge key": lambda rng: b"\nbase: &base {gender: f}\nx:\n  <<: *base\n",
    "duplicate key": lambda rng: b"\ncharacters: []\ncharacters: []\n",
    "cp1252 line": lambda rng: "\nJürgen trifft Renée in Köln.\n".encode("cp1252"),
    "many notes": lambda rng: b"\n[[cast: A, B]]\n" * rng.choice([100, 2000]),
    "unclosed notes": lambda rng: b" [[" * rng.choice([1000, 30000]),
    "complex key": lambda rng: b"\n? [&a [x, x, x, x, x, x, x, x, x], " + ", ".join(
        f"&b{i} [{', '.join(['*' + ('a' if i == 0 else f'b{i - 1}')] * 9)}]" for i in range(rng.choice([3, 8]))).encode()
                               + b"]\n: x\n",
    "scalar alias bomb": lambda rng: b"\ns: &s " + b"x" * rng.choice([1000, 100_000]) + b"\nl: ["
                                     + b", ".join([b"*s"] * rng.choice([10, 5_000])) + b"]\n",
    "tagged scalar": lambda rng: b" !!" + rng.choice([b"binary SGVsbG8=", b"set {a}", b"timestamp 2001-01-01",
                                                      b"omap [a: 1]", b"python/tuple [1]"]) + b"\n",
    "format field": lambda rng: rng.choice([b"'{day.__class__.__mro__}'", b"'{day:>1500000000}'", b"'{0}'",
                                            b"'{day[0]}'", b"'{day:{day}}'", b"'{'", b"5", b"[a, b]", b"{a: 1}"]),
}


def shaped(data: bytes, rng: random.Random) -> bytes:
    """Splice one of SHAPES into data: anywhere, or as front matter at the start."""
    piece = SHAPES[rng.choice(list(SHAPES))](rng)
    if rng.random() < 0.3:
        return b"---\ntitle: " + piece + b"\n---\n" + data
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


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
    labels = [(ROOT / "templates" / "labels.yaml").read_bytes()]
    if CORPORA.is_dir():
        scripts += [p.read_bytes()[:20_000] for p in sorted(CORPORA.rglob("*.fountain"))[:60]]
    return {"synopsis": synopses, "bible": bibles, "script": scripts, "labels": labels}


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
    from toolkit.continuity.check import check

    check([folder])


def run_script(data: bytes, folder: Path, rng: random.Random) -> None:
    text = decode_fountain(data, "x")
    parse_script(text, "x.fountain")
    (folder / "x.fountain").write_bytes(data)
    bible = parse_bible_text("format: storybible/1\ntitle: X\nlanguage: en\ncharacters:\n"
                             "  - {id: sever, name: Sever}\n  - {id: ecks, name: Ecks, fate: {status: killed}}\n",
                             folder / "bible.yaml")
    check_scripts([folder / "x.fountain"], bible)


def _special(path: Path, rng: random.Random) -> None:
    """Put a named pipe, a device, a dangling link or a folder where a file belongs."""
    kind = rng.choice(["fifo", "/dev/zero", "/dev/null", "/dev/urandom", "dangling", "folder"])
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling":
        os.symlink(path.parent / "gone", path)
    elif kind == "folder":
        path.mkdir()
    else:
        os.symlink(kind, path)


def run_special(data: bytes, folder: Path, rng: random.Random) -> None:
    from toolkit.continuity.check import check
    from toolkit.model.story import Story
    from toolkit.pdf.render import build_html

    role = rng.choice(["seed", "bible", "script", "template", "labels"])
    story = folder / "story"
    story.mkdir()
    (story / "bible.yaml").write_text("format: storybible/1\ntitle: X\nlanguage: en\ncharacters: []\n", "utf-8")
    (story / "scenes.fountain").write_text("INT. A - DAY\n\nSomething happens.\n", "utf-8")
    if role == "seed":
        _special(folder / "story.de.txt", rng)
        expand_story(folder / "story.de.txt", folder / "out")
    elif role in ("bible", "script"):
        target = story / ("bible.yaml" if role == "bible" else "scenes.fountain")
        target.unlink()
        _special(target, rng)
        check([story])
    else:
        _special(story / "templates" / ("cover.html" if role == "template" else "labels.yaml"), rng)
        build_html(Story(title="X", language="en"), [], [], template_dirs=[story / "templates"])


def _small_story(folder: Path) -> Path:
    story = folder / "story"
    story.mkdir()
    (story / "bible.yaml").write_text("format: storybible/1\ntitle: X\nlanguage: en\ncharacters: []\n", "utf-8")
    (story / "scenes.fountain").write_text("INT. A - DAY\n\nSomething happens.\n", "utf-8")
    return story


def run_state_file(data: bytes, folder: Path, rng: random.Random) -> None:
    """A state file that is no file (a named pipe must not be waited for), or mutated or deeply nested JSON."""
    from toolkit.files.safety import MANIFEST, OutputFiles, write_owned

    story = _small_story(folder)
    shape = rng.choice(["special", "nested", "mutated"])
    if shape == "special":
        _special(story / MANIFEST, rng)
    elif shape == "nested":
        depth = rng.choice([1000, 100_000, 1_000_000])
        (story / MANIFEST).write_bytes(b"[" * depth + b"]" * depth)
    else:
        (story / MANIFEST).write_bytes(mutate(b'{"outline.fountain": "00", "bible.html": "11"}', rng, [data]))
    if rng.random() < 0.5:
        write_owned({story / "outline.fountain": "INT. A - DAY\n"}, force=rng.random() < 0.5)
    else:
        OutputFiles().write(story / "bible.html", "<p>x</p>")


_BAD_EPOCHS = ["²", "99999999999999999999", "-1", "1.5", "0x10", "١٢٣", "253402300800", " 1 2 ", "nan"]


def run_command_line(data: bytes, folder: Path, rng: random.Random) -> None:
    """Names longer than the system allows, and SOURCE_DATE_EPOCH values that are no date: one line, status 2."""
    import contextlib
    import io

    from toolkit.cli import main

    story = _small_story(folder)
    (folder / "seed.de.txt").write_bytes(data[:2000] or b"Ilka trifft Tomas in Graz.\n")
    long = rng.choice(["x", "ü", "ab-"]) * rng.choice([90, 130, 256, 300, 5000])
    args = rng.choice([["check", str(folder / long)], ["check", str(story / f"{long}.fountain")],
                       ["stats", str(folder / long / "s")], ["render", str(story), "-o", str(folder / long / "b.pdf")],
                       ["render", str(story), "--html", str(story / f"{long}.html")],
                       ["expand", str(folder / "seed.de.txt"), "--out", str(folder / long)],
                       ["render", str(story), "-o", str(folder / "b.pdf")]])
    epoch = rng.choice(_BAD_EPOCHS) if args[-1].endswith("b.pdf") and len(args[-1]) < 200 else None
    if epoch is None and len(long.encode()) <= 255:
        long_enough = folder / ("y" * 256)
        args[-1] = str(long_enough)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        with contextlib.redirect_stderr(io.StringIO()) as err, contextlib.redirect_stdout(io.StringIO()):
            status = main(args)
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if previous is not None:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    said = err.getvalue()
    if status != 2 or "Traceback" in said or said.count("\n") != 1:
        raise AssertionError(f"{args[0]} with {args[-1][:40]}… (SOURCE_DATE_EPOCH={epoch!r}): "
                             f"status {status}, said {said[:300]!r}")


def run_labels(data: bytes, folder: Path, rng: random.Random) -> None:
    """A story's own labels.yaml, read and every label of it formatted as the PDF would."""
    from toolkit.pdf.label_files import LabelError, format_label
    from toolkit.pdf.render import load_labels

    (folder / "labels.yaml").write_bytes(data)
    labels = load_labels("en", [folder])
    values = {"day": 7, "month": "May", "year": 2026, "count": 3, "org": "CIA", "first": 1, "last": 2, "top": "A",
              "bottom": "B", "characters": 4, "page": 1, "pages": 2, "organisations": "CIA"}
    strings = [value for value in labels.values() if isinstance(value, str)]
    strings += [item for value in labels.values() if isinstance(value, dict) for item in value.values()
                if isinstance(item, str)]
    for text in strings:
        with contextlib.suppress(LabelError):
            format_label(text, **values)


TARGETS = {"synopsis": run_synopsis, "bible": run_bible, "script": run_script, "special": run_special,
           "state": run_state_file, "cli": run_command_line, "labels": run_labels}


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
    for kind in ("synopsis", "bible", "script", "labels"):  # load models and tables before any input is timed
        with tempfile.TemporaryDirectory(prefix="fuzz-") as temporary, contextlib.suppress(StorybibleError):
            TARGETS[kind](inputs[kind][0], Path(temporary), random.Random(0))
    started = time.perf_counter()
    deadline = started + args.minutes * 60
    while time.perf_counter() < deadline:
        kind = rng.choice(list(TARGETS))
        data = mutate(rng.choice(inputs.get(kind) or inputs["synopsis"]), rng, pool)
        if kind in ("synopsis", "bible", "script") and rng.random() < 0.3:
            data = shaped(data, rng)
        with tempfile.TemporaryDirectory(prefix="fuzz-") as temporary:
            one = time.perf_counter()
            signal.alarm(int(args.slow))
            try:
                TARGETS[kind](data, Path(temporary), rng)
            except StorybibleError:
                refused[kind] += 1
            except Exception as error:
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
