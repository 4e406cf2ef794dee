"""The user's cache folder, and the package's own YAML data read from the JSON the package ships.

Tables derived from libraries are shipped in the package (toolkit.text.tables), never made at run time
nor kept in the cache folder, and nothing storybible executes is ever read from it. The cache folder
holds only files made for the writer (the rule pages the language server links to).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path


def cache_folder() -> Path | None:
    """Where files made for the writer are kept between runs: $STORYBIBLE_CACHE_DIR (empty: nowhere),
    else $XDG_CACHE_HOME/storybible, else ~/.cache/storybible.

    A relative path in either variable is ignored, as the XDG Base Directory specification says (it would
    put the cache inside whatever folder storybible runs in, such as a story folder from someone else);
    so is a folder that someone else could write to (see trusted_folder): then there is no cache folder."""
    chosen = os.environ.get("STORYBIBLE_CACHE_DIR")
    if chosen is not None:
        if not chosen or not os.path.isabs(chosen):
            return None
        folder = Path(chosen)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        folder = base / "storybible"
    return folder if trusted_folder(folder) else None


def trusted_folder(folder: Path) -> bool:
    """Whether only this user (and root) can change what a folder holds: the folder, where it exists, and
    every folder above it belong to the user or root and are not writable by group or others, except
    folders with the sticky bit (/tmp), where others cannot rename or remove what the user made."""
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    path = Path(os.path.abspath(folder))
    for current in (path, *path.parents):
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            continue  # made by the user when first written
        except OSError:
            return False
        if stat.S_ISLNK(info.st_mode):
            try:
                info = os.stat(current)
            except OSError:
                return False
        if uid is None:
            continue
        if info.st_uid not in (uid, 0):
            return False
        sticky = info.st_mode & stat.S_ISVTX and current != path
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not sticky:
            return False
    return True


def kept_as_json(name: str, text: str, parse):
    """parse(text) for the package's YAML file `name`: the JSON the package ships for it when that was
    made from this very text (scripts/build_tables.py), else parsed now. Building Python objects from YAML
    costs tens of milliseconds per file even with libyaml; reading JSON a tenth of that."""
    from toolkit.text.tables import load_json_table, text_digest

    shipped = load_json_table(name, text_digest(text))
    return shipped if shipped is not None else parse(text)
