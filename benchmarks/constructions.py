"""Run the construction catalogue (tests/constructions/) and print how many cases pass per cause and language.

usage: python benchmarks/constructions.py [--failures] [--mark]

`--failures` also prints each failing case with what it broke; `--mark` reports the cases whose
`status: open` mark disagrees with the result (an open case that passes must be unmarked).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "constructions"))
from catalogue import LANGUAGES, expand_case, failures, load_cases

CAUSES = {1: "organisations", 2: "membership through a member", 3: "appositions and copulas",
          4: "questions and accusations", 5: "capitalised non-people", 6: "outsiders", 7: "names as written",
          8: "deaths", 9: "relations", 10: "presence (cast notes)"}


def run() -> list[tuple[dict, list[str]]]:
    """Every case with what it broke."""
    out = []
    for case in load_cases():
        with tempfile.TemporaryDirectory() as tmp:
            bible, outline = expand_case(case, Path(tmp))
        out.append((case, failures(case, bible, outline)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--mark", action="store_true")
    args = parser.parse_args()
    results = run()
    passed, total = Counter(), Counter()
    for case, broken in results:
        total[case["cause"], case["language"]] += 1
        passed[case["cause"], case["language"]] += not broken
    print(f"| {'cause':<34} | " + " | ".join(f"{lang:>7}" for lang in LANGUAGES) + " |")
    print(f"| {'-' * 34} | " + " | ".join("------:" for _ in LANGUAGES) + " |")
    for cause, title in CAUSES.items():
        cells = " | ".join(f"{passed[cause, lang]:>3}/{total[cause, lang]:<3}" for lang in LANGUAGES)
        print(f"| {cause:>2} {title:<31} | {cells} |")
    print(f"| {'all':<34} | " + " | ".join(
        f"{sum(passed[c, lang] for c in CAUSES):>3}/{sum(total[c, lang] for c in CAUSES):<3}" for lang in LANGUAGES)
        + " |")
    for case, broken in results:
        if args.failures and broken:
            print(f"\n{case['id']}: {case['text']}\n  " + "\n  ".join(broken))
        if args.mark and (case.get("status") == "open") != bool(broken):
            print(f"mark disagrees: {case['id']} ({'fails' if broken else 'passes'})")


if __name__ == "__main__":
    main()
