"""Why the extractor misses: each difference between an expanded bible and its reference, sorted by cause.

usage: python benchmarks/miss_report.py [--group dev|dev2|seeds|own ...] [--from DIR] [--samples N]

Expands the synopses of each group (or reads DIR/GROUP/NAME/bible.yaml as `score_dev.py --keep DIR`
left them) and compares each bible with its reference: characters missed or invented, performers and
other outsiders kept, affiliations missed or invented, deaths missed or invented, relations missed or
invented. Each difference is put under one of the causes of issue 19 by a heuristic on the sentence
that states it (the reference's evidence, or the sentence naming the character), and printed with that
sentence. Prints a table of counts per cause and folder, then up to N sample lines per cause.
The classification is a first sort for a reader, not a measure: read the samples.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score_dev
from miss_causes import CAUSES, Miss, differences

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'“”»)]*\s+(?=[A-ZÄÖÜ0-9\"'„“(\-])|\n+")


def sentences(text: str) -> list[str]:
    """The synopsis cut into sentences (roughly as the presence references cut it)."""
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


def bibles(group: str, pairs, source: Path | None, jobs: int) -> dict[str, dict]:
    """Bible per text name: read from `source` or expanded now into a temporary folder."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        base = source / group if source else Path(tmp)
        if not source:
            score_dev.score_group(pairs, group=group, jobs=jobs, keep=base)
        for text, _ in pairs:
            path = base / text.name.removesuffix(".txt") / "bible.yaml"
            out[text.name] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return out


def collect(groups: list[str], source: Path | None, jobs: int) -> dict[str, list[Miss]]:
    """Every difference per group."""
    pairs_by_group = score_dev.texts()
    out = {}
    for group in groups:
        pairs = pairs_by_group.get(group) or []
        found = bibles(group, pairs, source, jobs)
        misses: list[Miss] = []
        for text, gold in pairs:
            reference = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
            split = sentences(text.read_text(encoding="utf-8"))
            misses += differences(text.name, found[text.name], reference, split)
        out[group] = misses
    return out


def print_counts(by_group: dict[str, list[Miss]]) -> None:
    """A table: per cause and kind of difference, how many in each folder."""
    keys = sorted({(m.cause, m.kind) for misses in by_group.values() for m in misses})
    counts = {g: Counter((m.cause, m.kind) for m in misses) for g, misses in by_group.items()}
    titles = [score_dev.GROUP_TITLES.get(g, g) for g in by_group]
    print(f"| {'cause':<40} | {'difference':<34} | " + " | ".join(f"{t:>10}" for t in titles) + " |")
    print(f"| {'-' * 40} | {'-' * 34} | " + " | ".join("-" * 9 + ":" for _ in titles) + " |")
    for cause, kind in keys:
        cells = " | ".join(f"{counts[g][(cause, kind)]:>10}" for g in by_group)
        print(f"| {CAUSES[cause]:<40} | {kind:<34} | {cells} |")
    totals = {g: Counter(m.cause for m in misses) for g, misses in by_group.items()}
    print(f"\n| {'cause (all differences)':<40} | " + " | ".join(f"{t:>10}" for t in titles) + " |")
    for cause in CAUSES:
        if any(totals[g][cause] for g in by_group):
            print(f"| {CAUSES[cause]:<40} | " + " | ".join(f"{totals[g][cause]:>10}" for g in by_group) + " |")


def print_samples(by_group: dict[str, list[Miss]], limit: int) -> None:
    for cause in CAUSES:
        lines = [(g, m) for g, misses in by_group.items() for m in misses if m.cause == cause]
        if not lines:
            continue
        print(f"\n## {CAUSES[cause]} ({len(lines)})")
        for group, miss in lines[:limit]:
            print(f"- [{group}] {miss.text}: {miss.kind}: {miss.what}\n    « {miss.sentence[:220]} »")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", choices=list(score_dev.GROUP_TITLES), action="append")
    parser.add_argument("--from", dest="source", type=Path, help="folder that score_dev.py --keep wrote")
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    by_group = collect(args.group or ["dev", "dev2"], args.source, args.jobs)
    print_counts(by_group)
    print_samples(by_group, args.samples)


if __name__ == "__main__":
    main()
