"""expand: a synopsis becomes bible.yaml and outline.fountain in a story folder."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.expansion.outline import OUTLINE_FILE, cue_names, cut_scenes, write_outline
from toolkit.extraction.resolve import resolve
from toolkit.files.safety import refuse_templates_folder, write_owned
from toolkit.model.bible import dump_bible
from toolkit.model.names import slugify
from toolkit.model.story import Story
from toolkit.text.synopsis import read_synopsis

BIBLE_FILE = "bible.yaml"
# Names Windows will not give a folder.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


@dataclass
class Expansion:
    story: Story
    folder: Path
    written: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)


def story_slug(seed: Path, title: str = "") -> str:
    """The story folder's name: the seed's file name up to its first dot, made safe for any file system."""
    stem = seed.name.split(".")[0]
    slug = slugify(stem) if slugify(stem) != "x" else slugify(title)
    return f"{slug}-story" if slug in _RESERVED else slug


def expand_story(seed: str | Path, out: str | Path | None = None, *, language: str = "auto",
                 units: str = "auto", force: bool = False, bibles: str | Path = "bibles") -> Expansion:
    """Read a synopsis and write its bible and outline; refuses to replace files the writer changed."""
    seed = Path(seed)
    if out is not None:
        refuse_templates_folder(Path(out))  # said before the work, not after it
    synopsis = read_synopsis(seed, language=language, units=units)
    folder = Path(out) if out is not None else Path(bibles) / story_slug(seed, synopsis.title)
    resolution = resolve(synopsis)
    story = resolution.story
    scenes = cut_scenes(resolution)
    story.scenes = scenes
    outline = write_outline(story, scenes, cue_names(story, resolution))
    # bible.yaml last: once it exists, build treats the story as expanded and reads its scripts.
    files = {folder / OUTLINE_FILE: outline, folder / BIBLE_FILE: dump_bible(story)}
    backups = write_owned(files, force=force)
    return Expansion(story=story, folder=folder, written=list(files), backups=backups)
