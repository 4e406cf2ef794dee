"""Never losing a writer's edits: what the toolkit wrote is remembered by hash; changed files are kept."""
from __future__ import annotations

import hashlib
import json
import shutil
import time
from pathlib import Path

from toolkit.errors import OverwriteRefused
from toolkit.textio import write_atomic

MANIFEST = ".storybible.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def edited_by_writer(path: Path) -> bool:
    """True when a file exists and is not byte for byte what the toolkit last wrote there."""
    if not path.exists():
        return False
    written = _manifest(path.parent).get(path.name)
    return written != _digest(path.read_bytes())


def backup(path: Path) -> Path:
    """Copy a file aside with a timestamp: outline.fountain -> outline.2026-11-21T101500.fountain.bak"""
    stamp = time.strftime("%Y-%m-%dT%H%M%S")
    target = path.with_name(f"{path.stem}.{stamp}{path.suffix}.bak")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.{stamp}-{counter}{path.suffix}.bak")
        counter += 1
    shutil.copy2(path, target)
    return target


def write_owned(files: dict[Path, str], *, force: bool = False) -> list[Path]:
    """Write files the toolkit owns, all or none: refuse if the writer changed any (unless forced,
    then back them up first). Returns the backups made."""
    edited = [path for path in files if edited_by_writer(path)]
    if edited and not force:
        first = edited[0]
        raise OverwriteRefused(f"{first.name} was changed since storybible wrote it; not replacing it", path=first)
    backups = [backup(path) for path in edited]
    for path, text in files.items():
        write_atomic(path, text)
    by_folder: dict[Path, dict[str, str]] = {}
    for path, text in files.items():
        by_folder.setdefault(path.parent, {})[path.name] = _digest(text.encode("utf-8"))
    for folder, digests in by_folder.items():
        manifest = _manifest(folder)
        manifest.update(digests)
        write_atomic(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return backups
