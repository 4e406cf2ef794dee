"""The tables storybible derives from maintained packages, shipped in the package (toolkit/text/tabledata/).

scripts/build_tables.py makes them (toolkit.text.table_sources says how) and a test checks that
making them again gives the same bytes. A table is Python's marshal format of plain data (texts,
numbers, tuples, lists, mappings, sets; version 2, without code objects), compressed with zlib; the
package's own YAML data is shipped as JSON. ``SOURCES.json`` names the versions each table was made
from. Nothing is made or kept at run time: the first run on a fresh machine reads these files.
"""
from __future__ import annotations

import json
import marshal
import zlib
from functools import cache
from importlib import resources

from toolkit.errors import StorybibleError

PACKAGE = "toolkit.text.tabledata"
SUFFIX = ".marshal.z"
MARSHAL_VERSION = 2  # no references between objects: the same data gives the same bytes


def encode(data: object) -> bytes:
    """A table as it is shipped."""
    return zlib.compress(marshal.dumps(data, MARSHAL_VERSION), 9)


def decode(blob: bytes) -> object:
    """A shipped table's data. Only the package's own files are decoded (load_table reads them from
    toolkit.text.tabledata, installed with the code and no more writable than it); nothing in a cache
    or a story folder is ever given to marshal."""
    return marshal.loads(zlib.decompress(blob))


@cache
def sources() -> dict:
    """Table name -> what it was made from ({"packages": {name: version}, ...})."""
    try:
        return json.loads(resources.files(PACKAGE).joinpath("SOURCES.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def load_table(name: str) -> object | None:
    """A shipped table, or None when the package does not hold it (a source tree without the tables)."""
    try:
        return decode(resources.files(PACKAGE).joinpath(name + SUFFIX).read_bytes())
    except (OSError, ValueError, EOFError, TypeError, zlib.error):
        return None


def load_json_table(name: str, digest: str) -> object | None:
    """The package's YAML file `name` as shipped JSON, when it was made from the text with this digest."""
    try:
        kept = json.loads(resources.files(PACKAGE).joinpath(name + ".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return kept["data"] if isinstance(kept, dict) and kept.get("source") == digest and "data" in kept else None


def text_digest(text: str) -> str:
    """What tells one version of a YAML file from another (OpenSSL's hashlib would cost more than the read)."""
    return f"{zlib.crc32(text.encode()):08x}{len(text):x}"


@cache
def table(name: str) -> object:
    """A shipped table; a package without it (a source tree where the tables were deleted) is broken."""
    shipped = load_table(name)
    if shipped is None:
        raise StorybibleError(f"the table '{name}' is missing from {PACKAGE} or damaged: reinstall storybible "
                              "(in a source tree: python scripts/build_tables.py)")
    return shipped
