"""What `expand` writes for the seeds and the test synopses, as text; the dev synopses by their scores.

usage: python tests/expand_snapshot.py [--write]

tests/fixtures/expand-snapshot/<group>/<synopsis>/ holds the bible.yaml and outline.fountain that expand
writes for each seed (group `seeds`) and each test synopsis (`synopses`, `series`), with `.txt` appended
so no other test takes them for a story or a script. The dev synopses (../shared/dev) stay out of the
project, their outlines quote them: tests/fixtures/expand-dev-scores.json holds the scores of their bibles
against their references instead. test_expand_snapshot.py asserts that expand still writes exactly this.
Without --write the script prints what differs from the fixtures. Regenerate only when expand is meant to
write something else, after reading the diff (`git diff tests/fixtures/expand-snapshot`).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SNAPSHOT = FIXTURES / "expand-snapshot"
DEV_SCORES = FIXTURES / "expand-dev-scores.json"
DEV = ROOT.parent / "shared" / "dev" / "synopses"
WRITTEN = ("bible.yaml", "outline.fountain")


def own_synopses() -> dict[str, list[Path]]:
    """The project's own synopses by group."""
    return {"seeds": sorted((ROOT / "seeds").glob("*.txt")),
            "synopses": sorted((FIXTURES / "synopses").glob("*.txt")),
            "series": sorted((FIXTURES / "series").glob("*.txt"))}


def _expanded(synopsis: Path, folder: Path) -> Path:
    """Expand a copy of the synopsis in `folder` by its bare name, so the paths the outputs name are the
    same in every checkout; the folder expand wrote to."""
    from toolkit.expansion.expand import expand_story

    before = Path.cwd()
    os.chdir(folder)
    try:
        shutil.copy(synopsis, synopsis.name)
        expand_story(synopsis.name, synopsis.stem, force=True)
    finally:
        os.chdir(before)
    return folder / synopsis.stem


def own_outputs() -> dict[str, str]:
    """'<group>/<synopsis>/<file>.txt' -> the text expand writes."""
    found = {}
    with tempfile.TemporaryDirectory(prefix="storybible-snapshot-") as temporary:
        for group, synopses in own_synopses().items():
            for synopsis in synopses:
                folder = Path(temporary) / group
                folder.mkdir(exist_ok=True)
                written = _expanded(synopsis, folder)
                for name in WRITTEN:
                    found[f"{group}/{synopsis.name}/{name}.txt"] = (written / name).read_text("utf-8")
    return found


def stored_outputs() -> dict[str, str]:
    return {p.relative_to(SNAPSHOT).as_posix(): p.read_text("utf-8")
            for p in sorted(SNAPSHOT.rglob("*.txt")) if p.is_file()}


def dev_scores() -> dict[str, dict[str, float]]:
    """Each dev synopsis's scores (score_bible.py) against its reference; {} when ../shared is absent."""
    spec = importlib.util.spec_from_file_location("score_dev", ROOT / "benchmarks" / "score_dev.py")
    score_dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score_dev)
    scorer = score_dev.scorer()
    scores = {}
    with tempfile.TemporaryDirectory(prefix="storybible-dev-") as temporary:
        for text, gold in score_dev.texts()["dev"]:
            bible = yaml.safe_load((_expanded(text, Path(temporary)) / "bible.yaml").read_text("utf-8"))
            found = scorer.score(bible, yaml.safe_load(gold.read_text("utf-8")))
            scores[text.name] = {m: round(found[m], 6) for m in score_dev.MEASURES}
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the fixtures instead of comparing")
    args = parser.parse_args()
    outputs = own_outputs()
    scores = dev_scores() if DEV.is_dir() else None
    if args.write:
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
        for name, text in outputs.items():
            (SNAPSHOT / name).parent.mkdir(parents=True, exist_ok=True)
            (SNAPSHOT / name).write_text(text, "utf-8")
        if scores is not None:
            DEV_SCORES.write_text(json.dumps(scores, indent=1, sort_keys=True) + "\n", "utf-8")
        return 0
    stored = stored_outputs()
    changed = sorted(n for n in outputs.keys() | stored.keys() if outputs.get(n) != stored.get(n))
    if scores is not None:
        expected = json.loads(DEV_SCORES.read_text("utf-8"))
        changed += sorted(n for n in scores.keys() | expected.keys() if scores.get(n) != expected.get(n))
    print("\n".join(changed) or "no change")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
