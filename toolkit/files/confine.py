"""Where a story's files may be: inside the story folder, judged by real paths (links followed)."""
from __future__ import annotations

import os
from pathlib import Path


def real_inside(path: str | Path, *roots: str | Path) -> bool:
    """True when the real path of ``path`` (symbolic links followed, as far as it exists) lies inside
    the real path of one of ``roots``."""
    try:
        real = os.path.realpath(path)
        for root in roots:
            base = os.path.realpath(root)
            if os.path.commonpath([base, real]) == base:
                return True
    except (OSError, ValueError):
        return False
    return False
