"""What `check` and `stats` say of the public Fountain corpora, the checker's fixtures and the worked example.

usage: python tests/check_snapshot.py [--write FILE]

Prints (or writes) one JSON document: for each script or story folder, the diagnostics of
`storybible check --format json` and the presence table of `storybible stats --format json`, with
paths relative to the folder they were found in. tests/fixtures/check-snapshot.json holds it as it
was before the checker was made faster; test_check_snapshot.py asserts the checker still says
exactly that. Regenerate it (and read the diff) only when the checker is meant to say something else.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora" / "fountain"


def targets() -> list[tuple[str, Path, str]]:
    """(name, folder to run in, path given to check) of every script and story the snapshot covers."""
    found = [(f"corpora/{p.relative_to(CORPORA)}", p.parent, p.name) for p in sorted(CORPORA.rglob("*.fountain"))]
    stories = [*sorted((ROOT / "tests" / "fixtures" / "check").iterdir()), ROOT / "tests" / "fixtures" / "lsp" / "harbour"]
    stories += sorted(p for p in (ROOT / "bibles").iterdir() if p.is_dir())
    found += [(str(p.relative_to(ROOT)), p, ".") for p in stories if (p / "bible.yaml").is_file()]
    return found


@contextmanager
def working_in(folder: Path):
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def snapshot() -> dict[str, dict]:
    from toolkit.continuity.check import check
    from toolkit.continuity.formats import format_result, format_stats

    taken = {}
    for name, folder, target in targets():
        with working_in(folder):
            checked = json.loads(format_result(check([target]), "json"))
            counted = json.loads(format_stats(check([target], every_presence=True), "json"))
        taken[name] = {"check": checked, "stats": counted}
    return taken


def print_or_write(description: str, make) -> int:
    """The command line of the scripts that make the tests' reference files: the JSON of make(), printed
    or, with --write FILE, written."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--write", type=Path, help="write the JSON here instead of printing it")
    args = parser.parse_args()
    text = json.dumps(make(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.write:
        args.write.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(print_or_write(__doc__.splitlines()[0], snapshot))
