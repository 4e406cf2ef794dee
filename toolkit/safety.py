"""Never losing a writer's edits: what the toolkit wrote is remembered by hash; changed files are kept."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from toolkit.errors import OutputError, OverwriteRefused
from toolkit.textio import ensure_folder, write_atomic

MANIFEST = ".storybible.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(folder: Path) -> dict:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def edited_by_writer(path: Path, new_text: str | None = None) -> bool:
    """True when a file exists and is neither byte for byte what the toolkit last wrote there
    nor what it is about to write (``new_text``)."""
    try:
        current = _digest(path.read_bytes())
    except FileNotFoundError:
        return False
    except OSError as error:
        raise OutputError(f"cannot read it to see whether you changed it: {error.strerror or error}",
                          path=path) from None
    if new_text is not None and current == _digest(new_text.encode("utf-8")):
        return False
    return _manifest(path.parent).get(path.name) != current


def backup(path: Path) -> Path:
    """Copy a file aside with a timestamp: outline.fountain -> outline.2026-11-21T101500.fountain.bak"""
    stamp = time.strftime("%Y-%m-%dT%H%M%S")
    target = path.with_name(f"{path.stem}.{stamp}{path.suffix}.bak")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.{stamp}-{counter}{path.suffix}.bak")
        counter += 1
    try:
        shutil.copy2(path, target)
    except OSError as error:
        raise OutputError(f"cannot keep a backup of it: {error.strerror or error}", path=path) from None
    return target


@contextmanager
def _folder_lock(folder: Path):
    """Hold an exclusive lock on a story folder while its owned files and manifest change, so two
    runs at once cannot interleave (where the platform has flock; elsewhere each file is still atomic)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    ensure_folder(folder)
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror or error}", path=folder) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _by_folder(files: dict[Path, str]) -> dict[Path, dict[Path, str]]:
    by_folder: dict[Path, dict[Path, str]] = {}
    for path, text in files.items():
        by_folder.setdefault(path.parent, {})[path] = text
    return by_folder


def write_owned(files: dict[Path, str], *, force: bool = False) -> list[Path]:
    """Write files the toolkit owns, in the order given: refuse if the writer changed any (unless
    forced, then back them up first). Returns the backups made.

    Files whose content would not change are not backed up; a file is written only after every
    check passed, so a refusal leaves everything as it was.
    """
    backups: list[Path] = []
    for folder, owned in _by_folder(files).items():
        with _folder_lock(folder):
            edited = [path for path, text in owned.items() if edited_by_writer(path, text)]
            if edited and not force:
                first = edited[0]
                raise OverwriteRefused(f"{first.name} was changed since storybible wrote it; not replacing it",
                                       path=first)
            backups += [backup(path) for path in edited]
            for path, text in owned.items():
                write_atomic(path, text)
            manifest = _manifest(folder)
            manifest.update({path.name: _digest(text.encode("utf-8")) for path, text in owned.items()})
            write_atomic(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return backups


def replace_files(files: dict[Path, str]) -> list[Path]:
    """Replace files the writer asked to change: each gets a dated backup, then is written atomically.

    The manifest is left as it is, so `expand` goes on treating them as the writer's. Returns the backups.
    """
    backups: list[Path] = []
    for folder, changed in _by_folder(files).items():
        with _folder_lock(folder):
            for path, text in changed.items():
                if path.exists():
                    backups.append(backup(path))
                write_atomic(path, text)
    return backups
