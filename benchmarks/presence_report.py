"""Where the cast notes are wrong: names cast who are only mentioned, names present who are not cast.

usage: python benchmarks/presence_report.py [--group seeds|dev ...] [--from DIR] [--samples N]

Expands the seeds and ../shared/dev/synopses (or reads DIR/GROUP/NAME as `score_dev.py --keep DIR` left
them) and compares each scene's cast note with the presence reference (../shared/dev/presence). Every
wrong name is printed with the reference sentence of that scene that mentions it, every missing name with
the sentence that has it present, each sorted by a heuristic into the construction of that sentence
(hunted, dead before the story, reported, backstory, owner or relative only, target of a plan; acted
on, fight, described, pronoun or description). Prints counts per construction, then samples.
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

WRONG_KINDS = [
    ("dead before the story", (r"verstorben|\blate\b|\bdead\b|\btot\w*\b|grab\b|funeral|beerdigung|begräbnis|"
                              r"memorial|murder of|mord an|death of|tod\b")),
    ("hunted or sought", (r"\bsucht|\bjagt|\bhunt|search|track|suche|verfolg|aufspür|find|spur|locate|manhunt|"
                         r"whereabouts|versteck|hiding|untergetaucht")),
    ("target of a plan or order", (r"\bsoll\b|\bum\b.*\bzu\b|\bto (kill|find|capture|protect|stop|rescue)|plan|"
                                  r"auftrag|assign|mission|order")),
    ("reported, learnt or suspected", (r"erzähl|erfähr|berichte|tells?\b|learns?|says?|reveal|discover|enthüll|"
                                      r"stellt sich heraus|verdacht|suspect|accus|beschuldig|believ|glaubt|hears?")),
    ("backstory", r"\bhatte\b|\bhad\b|years ago|jahre\w* zuvor|früher|einst|former|ehemalig|past|vergangen"),
    ("owner or relative only", (r"\w+s\s+[A-ZÄÖÜ][a-zäöü]+|'s\s|’s\s|\b(vater|mutter|sohn|tochter|father|"
                               r"mother|son|daughter|wife|husband|frau|mann)\b")),
]
MISSING_KINDS = [
    ("fight", (r"kämpf|fight|prügel|schläg|attack|angriff|überwält|shoots?|erschieß|schießt|duell|struggle|"
              r"blows|clash")),
    ("acted on (object or passive)", r"\bwird\b|\bwerden\b|\bis\b \w+ed\b|\bwas\b \w+ed\b|\bby\b|\bvon\b"),
    ("meeting, call or arrival", r"trifft|meets?|ruft|calls?|arriv|ankomm|besucht|visit|telefon|phone"),
]


def classify(sentence: str, name: str, kinds: list[tuple[str, str]]) -> str:
    if name and not any(part.casefold() in sentence.casefold() for part in name.split()):
        return "pronoun or description (name not in the sentence)"
    return next((kind for kind, pattern in kinds if re.search(pattern, sentence, re.IGNORECASE)), "other")


def stories(group: str, pairs, source: Path | None, base: Path) -> dict[str, Path]:
    """Story folder per text: from `source` or expanded into `base` now."""
    if source:
        return {text.name: source / group / text.name.removesuffix(".txt") for text, _ in pairs}
    score_dev.score_group(pairs, group=group, jobs=2, keep=base)
    return {text.name: base / text.name.removesuffix(".txt") for text, _ in pairs}


def scene_differences(folder: Path, gold: dict, ref: dict, presence) -> list[tuple[str, str, str, str]]:
    """(kind of difference, construction, name, sentence) for each wrong or missing cast name."""
    scored = presence.score(str(folder), gold, ref)
    scenes = presence.scenes_of((folder / "outline.fountain").read_text(encoding="utf-8"))
    sentences = ref.get("sentences") or []
    out = []
    for row in scored["scenes"]:
        text = presence.norm(scenes[row["scene"] - 1][0])
        inside = [s for s in sentences if s.get("text") and presence.norm(s["text"]) in text]
        empty = not scenes[row["scene"] - 1][1]
        for name in row["wrong"]:
            said = next((s["text"] for s in inside if name in (s.get("mentioned") or [])), "")
            kind = "cast, only mentioned" if said else "cast, not in the scene at all"
            out.append((kind, classify(said, name, WRONG_KINDS) if said else "-", name, said))
        for name in row["missing"]:
            shown = next((s["text"] for s in inside if name in (s.get("present") or [])), "")
            kind = "missing (scene cast empty)" if empty else "missing"
            out.append((kind, classify(shown, name, MISSING_KINDS), name, shown))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", choices=["seeds", "dev"], action="append")
    parser.add_argument("--from", dest="source", type=Path)
    parser.add_argument("--samples", type=int, default=1000)
    args = parser.parse_args()
    presence = score_dev.presence_scorer()
    found = []
    pairs_by_group = score_dev.texts()
    with tempfile.TemporaryDirectory() as tmp:
        for group in args.group or ["seeds", "dev"]:
            pairs = pairs_by_group[group]
            folders = stories(group, pairs, args.source, Path(tmp) / group)
            for text, gold in pairs:
                ref_path = score_dev.presence_reference(group, text)
                if ref_path is None:
                    continue
                gold_data = yaml.safe_load(gold.read_text(encoding="utf-8"))
                ref = yaml.safe_load(ref_path.read_text(encoding="utf-8"))
                found += [(group, text.name, *d) for d in scene_differences(folders[text.name], gold_data, ref,
                                                                             presence)]
    counts = Counter((g, kind, how) for g, _, kind, how, _, _ in found)
    print(f"| {'group':<6} | {'difference':<30} | {'construction':<52} | count |")
    print(f"| {'-' * 6} | {'-' * 30} | {'-' * 52} | ----: |")
    for (group, kind, how), n in sorted(counts.items()):
        print(f"| {group:<6} | {kind:<30} | {how:<52} | {n:>5} |")
    shown = Counter()
    for group, name, kind, how, who, sentence in found:
        if shown[kind, how] < args.samples:
            shown[kind, how] += 1
            print(f"- [{group}] {name}: {kind} / {how}: {who}\n    « {sentence[:200]} »")


if __name__ == "__main__":
    main()
