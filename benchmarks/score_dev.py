"""Score extraction on every synopsis with a reference: the seeds, our own fixtures and the dev set.

usage: python benchmarks/score_dev.py [--group seeds|own|dev] [--detail NAME]

Expands each synopsis into a temporary folder, scores its bible.yaml with score_bible.py and prints one
table: a row per text and the mean of every measure per group. The dev set is read from
../shared/dev/synopses/ (other people's writing, never copied into the project).
`--detail NAME` also prints what was missed and what was taken for a character wrongly.
"""
from __future__ import annotations

import argparse
import importlib.util
import tempfile
from pathlib import Path

import yaml

from toolkit.expansion.expand import expand_story

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev" / "synopses"
MEASURES = ["chars_precision", "chars_recall", "chars_f1", "alias_recall", "affil_org_acc", "affil_status_acc",
            "relation_recall", "death_recall", "death_precision", "gender_acc", "noncharacter_rejected"]
SHORT = {"chars_precision": "c_prec", "chars_recall": "c_rec", "chars_f1": "c_f1", "alias_recall": "alias",
         "affil_org_acc": "org", "affil_status_acc": "status", "relation_recall": "rel", "death_recall": "d_rec",
         "death_precision": "d_prec", "gender_acc": "gender", "noncharacter_rejected": "nonchar"}


def scorer():
    spec = importlib.util.spec_from_file_location("score_bible", ROOT / "tests/fixtures/gold/score_bible.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_beside(text: Path) -> Path:
    """NAME.de.gold.yaml beside NAME.de.txt, or NAME.gold.yaml."""
    full = text.with_name(text.name.removesuffix(".txt") + ".gold.yaml")
    return full if full.exists() else text.with_name(f"{text.name.split('.')[0]}.gold.yaml")


def texts() -> dict[str, list[tuple[Path, Path]]]:
    """Synopsis and reference pairs by group."""
    groups = {
        "seeds": [(seed, ROOT / "tests/fixtures/gold" / f"{seed.name.split('.')[0]}.gold.yaml")
                  for seed in sorted((ROOT / "seeds").glob("*.txt"))],
        "own": [(text, _gold_beside(text)) for text in sorted((ROOT / "tests/fixtures/synopses").glob("*.txt"))],
        "dev": [(text, _gold_beside(text)) for text in sorted(DEV.glob("*.txt"))] if DEV.is_dir() else [],
    }
    return {name: [(t, g) for t, g in pairs if g.exists()] for name, pairs in groups.items()}


def score_text(text: Path, gold: Path, folder: Path, score_module=None) -> dict:
    """Expand one synopsis into `folder` and score its bible against the reference."""
    score_module = score_module or scorer()
    expansion = expand_story(text, folder)
    bible = yaml.safe_load((expansion.folder / "bible.yaml").read_text(encoding="utf-8"))
    return score_module.score(bible, yaml.safe_load(gold.read_text(encoding="utf-8")))


def score_group(pairs: list[tuple[Path, Path]], score_module=None) -> dict[str, dict]:
    """Scores per text name, expanded in a temporary folder."""
    score_module = score_module or scorer()
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for text, gold in pairs:
            out[text.name] = score_text(text, gold, Path(tmp) / text.stem, score_module)
    return out


def means(scores: dict[str, dict]) -> dict[str, float]:
    return {m: sum(s[m] for s in scores.values()) / len(scores) for m in MEASURES} if scores else {}


def _row(name: str, values: dict) -> str:
    return f"| {name:<34} | " + " | ".join(f"{values[m]:>6.2f}" for m in MEASURES) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", choices=["seeds", "own", "dev"], action="append")
    parser.add_argument("--detail", action="append", default=[])
    args = parser.parse_args()
    module = scorer()
    print(f"| {'synopsis':<34} | " + " | ".join(f"{SHORT[m]:>6}" for m in MEASURES) + " |")
    print(f"| {'-' * 34} | " + " | ".join("-----:" for _ in MEASURES) + " |")
    for group, pairs in texts().items():
        if args.group and group not in args.group or not pairs:
            continue
        scores = score_group(pairs, module)
        for name, values in scores.items():
            print(_row(name, values))
        print(_row(f"**mean of {group} ({len(scores)})**", means(scores)))
        for name, values in scores.items():
            if any(name.startswith(d) for d in args.detail):
                print(f"  {name} missed: {values['missed']}\n  {name} false: {values['false_positives']}")


if __name__ == "__main__":
    main()
