"""Score extraction on every synopsis with a reference: the seeds, our own fixtures and both dev folders.

usage: python benchmarks/score_dev.py [--group seeds|own|dev|dev2 ...] [--texts] [--detail NAME]
                                      [--jobs N] [--keep DIR]

Expands each synopsis into a temporary folder with the current code (in worker processes, `--jobs`, 2 by
default), scores its bible.yaml with score_bible.py and, where ../shared/dev/presence has a reference,
its cast notes with ../shared/tools/score_presence.py. Prints one table of pooled figures (summed over
the texts of a folder from the scorers' raw `counts`, so a text without reference affiliations adds
nothing to the affiliation figure): one row per folder and one for both dev folders together.
Groups: seeds (seeds/*.txt against ../shared/gold), own (tests/fixtures/synopses), dev
(../shared/dev/synopses), dev2 (../shared/dev/synopses2); the dev texts are other people's writing and
are never copied into the project. `--texts` also prints a row per text, `--detail NAME` what was missed
and what was taken for a character wrongly, `--keep DIR` keeps the expanded story folders in DIR.
"""
from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import tempfile
from pathlib import Path

import yaml

from toolkit.expansion.expand import expand_story

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "dev" / "synopses"
DEV2 = SHARED / "dev" / "synopses2"
PRESENCE = SHARED / "dev" / "presence"
MEASURES = ["chars_precision", "chars_recall", "chars_f1", "alias_recall", "affil_org_acc", "affil_status_acc",
            "relation_recall", "death_recall", "death_precision", "gender_acc", "noncharacter_rejected"]
# pooled figure -> (numerator count, denominator count); characters F1 is computed apart
POOLED = {"affil found": ("affil_org_ok", "affil_want"), "affil right": ("affil_pred_ok", "affil_pred"),
          "rel found": ("rel_ok", "rel_want"), "rel right": ("rel_pred_ok", "rel_pred"),
          "death found": ("death_ok", "death_want"), "death right": ("death_pred_ok", "death_pred"),
          "outsiders rej": ("outsiders_rejected", "outsiders"),
          "cast right": ("p_tp", "p_pred"), "cast found": ("p_tp", "p_want")}
GROUP_TITLES = {"seeds": "seeds", "own": "own fixtures", "dev": "synopses/", "dev2": "synopses2/"}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scorer():
    """score_bible.py: the shared tool when ../shared is there, else the project's copy."""
    shared = SHARED / "tools" / "score_bible.py"
    return _load("score_bible", shared if shared.exists() else ROOT / "tests/fixtures/gold/score_bible.py")


def presence_scorer():
    """score_presence.py from ../shared/tools, or None when it is not there."""
    path = SHARED / "tools" / "score_presence.py"
    return _load("score_presence", path) if path.exists() else None


def _gold_beside(text: Path) -> Path:
    """NAME.de.gold.yaml beside NAME.de.txt, or NAME.gold.yaml."""
    full = text.with_name(text.name.removesuffix(".txt") + ".gold.yaml")
    return full if full.exists() else text.with_name(f"{text.name.split('.')[0]}.gold.yaml")


def _seed_gold(seed: Path) -> Path:
    stem = seed.name.split(".")[0]
    shared = SHARED / "gold" / f"{stem}.gold.yaml"
    return shared if shared.exists() else ROOT / "tests/fixtures/gold" / f"{stem}.gold.yaml"


def _folder(path: Path) -> list[tuple[Path, Path]]:
    return [(text, _gold_beside(text)) for text in sorted(path.glob("*.txt"))] if path.is_dir() else []


def texts() -> dict[str, list[tuple[Path, Path]]]:
    """Synopsis and reference pairs by group."""
    groups = {
        "seeds": [(seed, _seed_gold(seed)) for seed in sorted((ROOT / "seeds").glob("*.txt"))],
        "own": _folder(ROOT / "tests/fixtures/synopses"),
        "dev": _folder(DEV),
        "dev2": _folder(DEV2),
    }
    return {name: [(t, g) for t, g in pairs if g.exists()] for name, pairs in groups.items()}


def presence_reference(group: str, text: Path) -> Path | None:
    """The presence reference of a text, if ../shared/dev/presence has one."""
    folder = {"seeds": PRESENCE / "seeds", "dev": PRESENCE / "synopses"}.get(group)
    if folder is None:
        return None
    for name in (text.name.removesuffix(".txt"), text.name.split(".")[0]):
        ref = folder / f"{name}.presence.yaml"
        if ref.exists():
            return ref
    return None


def _read_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def score_text(text: Path, gold: Path, folder: Path, score_module=None, presence_ref: Path | None = None) -> dict:
    """Expand one synopsis into `folder` and score its bible (and cast notes) against the references."""
    score_module = score_module or scorer()
    expansion = expand_story(text, folder, force=True)
    reference = _read_yaml(gold)
    result = score_module.score(_read_yaml(expansion.folder / "bible.yaml"), reference)
    presence = presence_scorer() if presence_ref else None
    if presence is not None:
        counts = presence.score(str(expansion.folder), reference, _read_yaml(presence_ref))["counts"]
        result["counts"].update(p_tp=counts["tp"], p_pred=counts["tp"] + counts["fp"],
                                p_want=counts["tp"] + counts["fn"])
    return result


def _score_job(job: tuple) -> tuple[str, dict]:
    text, gold, folder, presence_ref = job
    return text.name, score_text(text, gold, folder, presence_ref=presence_ref)


def score_group(pairs: list[tuple[Path, Path]], score_module=None, *, group: str = "",
                jobs: int = 1, keep: Path | None = None) -> dict[str, dict]:
    """Scores per text name, each expanded in a temporary folder (or under `keep`), on `jobs` processes."""
    with tempfile.TemporaryDirectory() as tmp:
        base = keep or Path(tmp)
        work = [(text, gold, base / text.name.removesuffix(".txt"), presence_reference(group, text))
                for text, gold in pairs]
        if jobs > 1 and len(work) > 1:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                return dict(pool.map(_score_job, work, chunksize=1))
        score_module = score_module or scorer()
        return {text.name: score_text(text, gold, folder, score_module, ref) for text, gold, folder, ref in work}


def means(scores: dict[str, dict]) -> dict[str, float]:
    """Mean of every per-text measure (the older, unpooled figures)."""
    return {m: sum(s[m] for s in scores.values()) / len(scores) for m in MEASURES} if scores else {}


def pooled(scores: dict[str, dict]) -> dict[str, float | None]:
    """The issue's pooled figures from the summed raw counts; None where a folder has nothing to count."""
    total: dict[str, int] = {}
    for s in scores.values():
        for key, value in s["counts"].items():
            total[key] = total.get(key, 0) + value
    tp, pred, gold = total.get("chars_tp", 0), total.get("chars_pred", 0), total.get("chars_gold", 0)
    out: dict[str, float | None] = {"chars F1": 2 * tp / (pred + gold) if pred + gold else None}
    for name, (num, den) in POOLED.items():
        out[name] = total[num] / total[den] if total.get(den) else None
    out["texts"] = len(scores)
    return out


def _cell(value, width: int) -> str:
    return f"{'—':>{width}}" if value is None else f"{value:>{width}.2f}"


def pooled_table(rows: dict[str, dict]) -> list[str]:
    """Markdown lines: one row per folder of pooled figures."""
    columns = ["chars F1", *POOLED]
    lines = [f"| {'folder':<22} | texts | " + " | ".join(columns) + " |",
             f"| {'-' * 22} | ----: | " + " | ".join("-" * (len(c) - 1) + ":" for c in columns) + " |"]
    for title, figures in rows.items():
        lines.append(f"| {title:<22} | {figures['texts']:>5} | "
                     + " | ".join(_cell(figures[c], len(c)) for c in columns) + " |")
    return lines


def _text_row(name: str, values: dict) -> str:
    return f"| {name:<38} | " + " | ".join(f"{values[m]:>6.2f}" for m in MEASURES) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", choices=list(GROUP_TITLES), action="append")
    parser.add_argument("--texts", action="store_true", help="also a row of per-text measures per text")
    parser.add_argument("--detail", action="append", default=[])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the expanded story folders here")
    args = parser.parse_args()
    by_group = {}
    for group, pairs in texts().items():
        if args.group and group not in args.group or not pairs:
            continue
        keep = args.keep / group if args.keep else None
        by_group[group] = score_group(pairs, group=group, jobs=args.jobs, keep=keep)
    rows = {GROUP_TITLES[g]: pooled(s) for g, s in by_group.items()}
    if "dev" in by_group and "dev2" in by_group:
        rows["both dev folders"] = pooled({**by_group["dev"], **by_group["dev2"]})
    print("\n".join(pooled_table(rows)))
    if args.texts:
        print(f"\n| {'synopsis':<38} | " + " | ".join(f"{m[:6]:>6}" for m in MEASURES) + " |")
        for scores in by_group.values():
            for name, values in scores.items():
                print(_text_row(name, values))
    for scores in by_group.values():
        for name, values in scores.items():
            if any(name.startswith(d) for d in args.detail):
                print(f"  {name} missed: {values['missed']}\n  {name} false: {values['false_positives']}")


if __name__ == "__main__":
    main()
