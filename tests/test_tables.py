"""The tables the package ships are what scripts/build_tables.py makes from the installed source packages,
byte for byte, and hold data only."""
from __future__ import annotations

import json
import marshal
import subprocess
import sys
import types
import zlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from toolkit.text import tables
from toolkit.text.table_sources import TABLES

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "toolkit" / "text" / "tabledata"


def _unavailable() -> str | None:
    """Why the tables cannot be made again here as they were made (a source package missing or another version)."""
    recorded = json.loads((SHIPPED / "SOURCES.json").read_text("utf-8"))
    for name, entry in recorded.items():
        for package, made_with in entry["packages"].items():
            try:
                installed = version(package)
            except PackageNotFoundError:
                return f"{package} is not installed, so {name} cannot be made here"
            if installed != made_with:
                return f"{name} was made from {package} {made_with}, {installed} is installed"
    return None


@pytest.mark.slow
def test_making_the_tables_again_gives_the_same_bytes(tmp_path):
    reason = _unavailable()
    if reason:
        pytest.skip(reason)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_tables.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in SHIPPED.iterdir() if p.suffix in (".z", ".json"))
    stale = [name for name in made if (tmp_path / name).read_bytes() != (SHIPPED / name).read_bytes()]
    assert not stale, f"run python scripts/build_tables.py: {stale} differ"


def test_every_table_is_shipped_and_holds_only_data():
    def data_only(value) -> bool:
        if isinstance(value, types.CodeType):
            return False
        if isinstance(value, dict):
            return all(data_only(k) and data_only(v) for k, v in value.items())
        if isinstance(value, (list, tuple, set, frozenset)):
            return all(map(data_only, value))
        return isinstance(value, (str, int, float, bool, type(None), bytes))

    for name in TABLES:
        blob = (SHIPPED / (name + tables.SUFFIX)).read_bytes()
        data = tables.decode(blob)
        assert data, name
        if not name.startswith("hanta_"):  # a model is large: its shape is checked by the tagger's tests
            assert data_only(data), name
        assert marshal.dumps(data, tables.MARSHAL_VERSION) == zlib.decompress(blob), name


def test_the_given_names_say_gender():
    from toolkit.text import gazetteer, lexicons

    assert gazetteer.first_name_gender("Natalie") == "f"
    assert gazetteer.first_name_gender("Harry") == "m"
    assert lexicons.given_name_gender("Andrea") in ("f", "unknown")  # given to both, by country
    assert lexicons.name_kinds("Gereon") == "m" and lexicons.name_kinds("Kommissarin") == ""
    assert not gazetteer.is_first_name("Agentin")
