"""Score the bibles expanded from the seeds (and the test synopses) against their hand-made references.

usage: python benchmarks/score_seeds.py
"""
from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

import yaml

from toolkit.expand import expand_story

ROOT = Path(__file__).resolve().parents[1]
MEASURES = ["chars_f1", "alias_recall", "affil_org_acc", "affil_status_acc", "fate_acc", "killer_acc", "gender_acc"]


def _scorer():
    spec = importlib.util.spec_from_file_location("score_bible", ROOT / "tests/fixtures/gold/score_bible.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pairs() -> list[tuple[Path, Path]]:
    out = [(seed, ROOT / "tests/fixtures/gold" / f"{seed.name.split('.')[0]}.gold.yaml")
           for seed in sorted((ROOT / "seeds").glob("*.txt"))]
    out += [(seed, seed.with_name(f"{seed.name.split('.')[0]}.gold.yaml"))
            for seed in sorted((ROOT / "tests/fixtures/synopses").glob("*.txt"))]
    return [(seed, gold) for seed, gold in out if gold.exists()]


def main() -> None:
    scorer = _scorer()
    print(f"{'synopsis':<32} " + " ".join(f"{m:>16}" for m in MEASURES))
    with tempfile.TemporaryDirectory() as tmp:
        for seed, gold in pairs():
            folder = expand_story(seed, Path(tmp) / seed.stem).folder
            bible = yaml.safe_load((folder / "bible.yaml").read_text(encoding="utf-8"))
            scores = scorer.score(bible, yaml.safe_load(gold.read_text(encoding="utf-8")))
            print(f"{seed.name:<32} " + " ".join(f"{scores[m]:>16.2f}" for m in MEASURES))


if __name__ == "__main__":
    main()
