"""Tables derived from libraries and from the package's data, kept between runs in the user's cache folder."""
from __future__ import annotations

import json
import marshal
import os
import sys
import time
import zlib
from functools import cache, wraps
from pathlib import Path

# Raise when the shape of a cached table changes, so older caches are not read.
CACHE_FORMAT = 3


def cache_folder() -> Path | None:
    """Where derived tables are kept between runs: $STORYBIBLE_CACHE_DIR (empty: nowhere), else the
    user's cache folder."""
    chosen = os.environ.get("STORYBIBLE_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storybible"


# A kept table of another version that no run has read for this long is removed when a new one is written.
STALE_AFTER = 30 * 24 * 3600
_FRESH_FOR = 24 * 3600  # a table read is marked as in use at most once a day (one more write per run is not free)


def mark_in_use(path: str | Path) -> None:
    """Note that a kept file was read, so that writing another version of it leaves it alone."""
    try:
        if time.time() - os.stat(path).st_mtime > _FRESH_FOR:
            os.utime(path)
    except OSError:
        pass


def remove_stale(path: str | Path, prefix: str) -> None:
    """After `path` was written: remove the files of other versions of it (their names begin with `prefix`)
    that no run has read for STALE_AFTER, so upgrades do not fill the cache folder."""
    path = Path(path)
    now = time.time()
    try:
        for other in path.parent.glob(f"{prefix}*"):
            if other != path and other.is_file() and now - other.stat().st_mtime > STALE_AFTER:
                other.unlink()
    except OSError:
        pass


def kept_between_runs(*packages: str):
    """Keep what the decorated build() derives from the libraries' data files in the cache folder, so
    each run reads a compact table instead of re-deriving it (seconds, for some libraries).

    Tables are kept in Python's marshal format, which loads ten times faster than the same table as JSON
    (a few megabytes of text: 4 against 55 ms). The file name holds the cache format, Python's version
    (marshal's format is its own), a digest of the defining module and what identifies the installed
    `packages` (the libraries the data comes from): a change to any makes a new table. A cache that
    cannot be read or written is simply not used.
    """
    return lambda build: _cached(build, packages)


def _well_formed(data: object, mapping: bool) -> bool:
    """A cached table as build() makes them: a mapping of text to text, or a list of texts."""
    if mapping:  # JSON's keys are always text
        return isinstance(data, dict) and set(map(type, data.values())) <= {str}
    return isinstance(data, list) and set(map(type, data)) <= {str}


def _installed(package: str) -> str:
    """What identifies the installed version of a package: its module file's size and time. (Asking
    importlib.metadata for the version costs a fifth of a second on every run.)"""
    from importlib.util import find_spec

    spec = find_spec(package.replace("-", "_"))
    if spec is None or spec.origin is None:
        return package
    stat = os.stat(spec.origin)
    return f"{package} {stat.st_size} {stat.st_mtime_ns}"


def _cached(build, packages: tuple[str, ...]):
    @cache
    @wraps(build)
    def cached():
        folder = cache_folder()
        if folder is None:
            return build()
        key = zlib.crc32(Path(sys.modules[build.__module__].__file__).read_bytes())  # to tell versions apart
        key = zlib.crc32(f"{CACHE_FORMAT} {sys.version_info[:2]}".encode(), key)
        for package in packages:
            key = zlib.crc32(_installed(package).encode(), key)
        name = build.__name__.strip("_")
        path = folder / f"{name}-{key:08x}.marshal"
        try:
            data = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            data = None
        wants_mapping = str(build.__annotations__.get("return", "")).startswith("dict")
        if _well_formed(data, wants_mapping):
            mark_in_use(path)
            return data if wants_mapping else frozenset(data)
        table = build()  # none yet, or one of the wrong shape (damaged, edited): made anew and replaced
        try:
            from toolkit.files.textio import write_atomic

            write_atomic(path, marshal.dumps(sorted(table) if isinstance(table, frozenset) else table))
            remove_stale(path, f"{name}-")
        except Exception:
            pass
        return table

    return cached


def kept_as_json(name: str, text: str, parse):
    """parse(text), kept as JSON in the cache folder under `name` and a digest of the text.

    For the package's own YAML data: building Python objects from YAML costs tens of milliseconds per
    file even with libyaml, on every start; reading JSON a tenth of that. Data that JSON would change
    (keys that are not text, dates) is not kept; a kept file that is not what was written is made anew.
    """
    digest = f"{zlib.crc32(text.encode()):08x}{len(text):x}"  # OpenSSL's hashlib would cost more than the read
    folder = cache_folder()
    path = folder / f"{name}-{digest}.json" if folder else None
    if path is not None:
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(kept, dict) and kept.get("source") == digest and "data" in kept:
                mark_in_use(path)
                return kept["data"]
        except (OSError, ValueError):
            pass
    data = parse(text)
    as_json = json.dumps({"source": digest, "data": data}, ensure_ascii=False)
    if path is not None and json.loads(as_json)["data"] == data:
        try:
            from toolkit.files.textio import write_atomic

            write_atomic(path, as_json)
            remove_stale(path, f"{name}-")
        except Exception:
            pass
    return data
