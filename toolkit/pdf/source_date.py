"""The date a rendered bible carries: taken from its inputs, so the same inputs give the same PDF.

``SOURCE_DATE_EPOCH`` (reproducible-builds.org) wins when set. Otherwise the newest input counts:
a file that git tracks and that is unchanged dates from its last commit (a fresh clone gives every
file a new modification time, the history does not); any other file from its modification time.
"""
from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable
from pathlib import Path

from toolkit.errors import InputError
from toolkit.files.inert_git import InertGit

# The last second of the year 9999, the latest date Python and a PDF's date can hold.
_LAST_SECOND = 253402300799


def _committed_time(paths: list[Path]) -> tuple[float | None, list[Path]]:
    """The newest commit time of the unchanged tracked paths, and the paths git cannot date."""
    git = InertGit(paths[0].parent)  # a story's own .git is someone else's: it may name programs
    names = [str(p.resolve()) for p in paths]
    tracked = git("ls-files", "--full-name", "-z", "--", *names)
    if tracked is None:
        return None, paths
    changed = git("status", "--porcelain", "-z", "--untracked-files=no", "--ignore-submodules=all", "--", *names)
    top = git("rev-parse", "--show-toplevel")
    if changed is None or top is None:
        return None, paths
    root = Path(top.strip())
    clean = {root / name for name in tracked.split("\0") if name}
    clean -= {root / entry[3:] for entry in changed.split("\0") if len(entry) > 3}
    dated = [p for p in paths if p.resolve() in clean]
    undated = [p for p in paths if p.resolve() not in clean]
    if not dated:
        return None, undated
    stamp = git("log", "-1", "--format=%ct", "--no-show-signature", "--no-ext-diff", "--no-textconv", "--", *(str(p.resolve()) for p in dated))
    if not stamp or not stamp.strip().isdigit():
        return None, paths
    return float(stamp.strip()), undated


def source_date(inputs: Iterable[str | Path]) -> datetime.datetime:
    """When the inputs were last changed, in UTC (see the module's docstring)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not re.fullmatch(r"[0-9]{1,12}", epoch) or int(epoch) > _LAST_SECOND:
            raise InputError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970 (0 to {_LAST_SECOND}), "
                             f"not {epoch!r}")
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    paths = [Path(p) for p in inputs if Path(p).is_file()]
    if not paths:
        return datetime.datetime.fromtimestamp(0, tz=datetime.UTC)
    committed, undated = _committed_time(paths)
    times = [p.stat().st_mtime for p in undated] + ([committed] if committed is not None else [])
    return datetime.datetime.fromtimestamp(int(max(times)), tz=datetime.UTC)
