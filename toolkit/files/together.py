"""Changing several of the writer's files as one: every new version is written out first, a journal
names them, then they are swapped in and the journal goes. A run killed half way leaves the journal,
and `check` refuses the folder until the writer has looked (a half-renamed story is never called clean).

A file that is a symbolic link is written through the link, to the file it names: the link the writer
made (one script shared by two stories) stays a link.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from toolkit.errors import InputError
from toolkit.files.safety import (
    CheckedReplace,
    clean_stale_temporaries,
    file_state,
    folder_lock,
    keep_backup,
)
from toolkit.files.textio import write_atomic

JOURNAL = ".storybible-changing.json"


def replace_together(files: dict[Path, str]) -> list[Path]:
    """Replace the files (a dated backup of each first), all or, if killed, with a journal left behind.
    Returns the backups."""
    by_folder: dict[Path, dict[Path, str]] = {}
    for path, text in files.items():
        target = Path(os.path.realpath(path)) if os.path.islink(path) else path
        by_folder.setdefault(target.parent, {})[target] = text
    backups: list[Path] = []
    for folder, changed in by_folder.items():
        with folder_lock(folder):
            clean_stale_temporaries(folder)
            backups += _replace_in(folder, changed)
    return backups


def _replace_in(folder: Path, changed: dict[Path, str]) -> list[Path]:
    backups: list[Path] = []
    ready: list[tuple[str, Path, CheckedReplace]] = []
    try:
        for path, text in changed.items():
            state = file_state(path)
            if state is not None:
                backups.append(keep_backup(path, state.data))
            replace = CheckedReplace(state)
            write_atomic(path, text.encode("utf-8"),
                         replace=lambda temporary, target, replace=replace: ready.append((temporary, target, replace)))
        write_atomic(folder / JOURNAL, json.dumps({"changing": sorted(p.name for p in changed)}) + "\n")
        while ready:
            temporary, target, replace = ready.pop(0)
            replace(temporary, target)
            backups += replace.kept
    finally:
        for temporary, _, _ in ready:
            if os.path.lexists(temporary):
                os.unlink(temporary)
    os.unlink(folder / JOURNAL)
    return backups


def refuse_if_interrupted(folder: Path) -> None:
    """An InputError when a change of several files in the folder did not finish."""
    journal = folder / JOURNAL
    if not os.path.lexists(journal):
        return
    try:
        names = ", ".join(json.loads(journal.read_text("utf-8"))["changing"])
    except (OSError, ValueError, KeyError, TypeError):
        names = "several files"
    raise InputError(f"a change of {names} did not finish (the run was stopped); the files may be half "
                     "changed: run the rename again or restore the dated backups, then delete this file",
                     path=journal)
