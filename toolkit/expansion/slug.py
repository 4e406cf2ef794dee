"""A story folder's name from its seed's file name, without loading the extractor."""
from __future__ import annotations

from pathlib import Path

from toolkit.model.names import slugify

# Names Windows will not give a folder.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def story_slug(seed: Path, title: str = "") -> str:
    """The story folder's name: the seed's file name up to its first dot, made safe for any file system."""
    stem = seed.name.split(".")[0]
    slug = slugify(stem) if slugify(stem) != "x" else slugify(title)
    return f"{slug}-story" if slug in _RESERVED else slug
