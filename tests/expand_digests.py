"""Digests of what `expand` writes for the seeds, the dev synopses and the test synopses.

usage: python tests/expand_digests.py [--write FILE]

tests/fixtures/expand-digests.json holds them as they were before the extractor was made faster;
test_expand_digests.py asserts that expand still writes exactly those files. (Digests rather than the
files: the dev synopses' outlines quote their texts, which stay in ../shared.) Regenerate only when
expand is meant to write something else, after reading the changed outputs.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev" / "synopses"
WRITTEN = ("bible.yaml", "outline.fountain")


def synopses() -> list[Path]:
    fixtures = ROOT / "tests" / "fixtures"
    return sorted((ROOT / "seeds").glob("*.txt")) + sorted(DEV.glob("*.txt")) + \
        sorted((fixtures / "synopses").glob("*.txt")) + sorted((fixtures / "series").glob("*.txt"))


def digests() -> dict[str, str]:
    """'<synopsis>/<file>' -> sha256 of the file expand writes for it. Each synopsis is copied into an empty
    folder and expanded there by its bare name, so the path the outputs name is the same in every checkout."""
    from toolkit.expansion.expand import expand_story

    found = {}
    before = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="storybible-digests-") as temporary:
        os.chdir(temporary)
        try:
            for synopsis in synopses():
                shutil.copy(synopsis, synopsis.name)
                expand_story(synopsis.name, synopsis.stem, force=True)
                for name in WRITTEN:
                    data = (Path(synopsis.stem) / name).read_bytes()
                    found[f"{synopsis.name}/{name}"] = hashlib.sha256(data).hexdigest()
        finally:
            os.chdir(before)
    return found


if __name__ == "__main__":
    from check_snapshot import print_or_write  # beside this file

    sys.exit(print_or_write(__doc__.splitlines()[0], digests))
