"""Compare storybible's page count (the sum of the scenes' lines) with afterwriting's paginated PDF.

    python benchmarks/page_count.py --afterwriting /tmp/aw/node_modules/.bin/afterwriting

afterwriting is the npm package `afterwriting` (install it anywhere: `npm install afterwriting`).
The corpus scripts are read from ../shared/corpora/fountain/fountain-io-samples; the PDFs are written
to a temporary folder and counted with pypdfium2, without their title page.
"""
from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "corpora" / "fountain" / "fountain-io-samples"
FILES = ("Big-Fish.fountain", "Brick-and-Steel.fountain", "The-Last-Birthday-Card.fountain")
PROFILES = {"letter": "usletter", "a4": "a4"}

sys.path.insert(0, str(ROOT))

import pypdfium2  # noqa: E402

from toolkit.continuity.page_length import PAPERS, scene_lines  # noqa: E402
from toolkit.continuity.script import read_script  # noqa: E402


def our_pages(path: Path, paper: str) -> float:
    """The pages the scenes of a script fill by storybible's count."""
    script = read_script(path)
    lines = sum(scene_lines(script.lines[s.line - 1:s.end_line], PAPERS[paper]) for s in script.scenes if s.heading)
    return lines / PAPERS[paper].lines


def their_pages(binary: str, path: Path, paper: str, folder: Path) -> int:
    """The body pages of afterwriting's PDF of a script (its title page not counted)."""
    config = folder / f"{paper}.json"
    config.write_text(json.dumps({"print_profile": PROFILES[paper]}), "utf-8")
    pdf = folder / f"{path.stem}-{paper}.pdf"
    subprocess.run([binary, "--source", str(path), "--pdf", str(pdf), "--config", str(config), "--overwrite"],
                   check=True, capture_output=True, timeout=300)
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        has_title = any(line.lower().startswith("title:") for line in path.read_text("utf-8").splitlines()[:5])
        return len(document) - has_title
    finally:
        document.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--afterwriting", required=True, help="the afterwriting command")
    args = parser.parse_args()
    print(f"{'script':<26} {'paper':<7} {'ours':>7} {'whole':>6} {'afterwriting':>13} {'difference':>11}")
    with tempfile.TemporaryDirectory(prefix="storybible-pages-") as temporary:
        for name in FILES:
            for paper in PROFILES:
                ours = our_pages(SAMPLES / name, paper)
                theirs = their_pages(args.afterwriting, SAMPLES / name, paper, Path(temporary))
                print(f"{name.removesuffix('.fountain'):<26} {paper:<7} {ours:>7.1f} {math.ceil(ours):>6} {theirs:>13} "
                      f"{100 * (ours - theirs) / theirs:>+10.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
