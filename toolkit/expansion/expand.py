"""expand: a synopsis becomes bible.yaml and outline.fountain in a story folder."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from toolkit.expansion.outline import OUTLINE_FILE, cue_names, cut_scenes, write_outline
from toolkit.expansion.slug import story_slug
from toolkit.extraction.resolve import resolve
from toolkit.files.safety import refuse_templates_folder, write_owned
from toolkit.model.bible import dump_bible
from toolkit.model.story import Story
from toolkit.text.synopsis import read_synopsis

BIBLE_FILE = "bible.yaml"


@dataclass
class Expansion:
    story: Story
    folder: Path
    written: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)


def source_name(seed: Path, folder: Path) -> str:
    """How a story names its synopsis: as the writer gave it when that is a path inside the folder they
    work in (``seeds/x.de.txt``); else relative to the project the story folder is in (``seeds/x.de.txt`` for
    ``bibles/x``) when the synopsis lies there, else relative to the story folder; never as an absolute path
    (which says where the writer's files are and moves with them)."""
    if not seed.is_absolute() and ".." not in seed.parts:
        return seed.as_posix()
    story_dir = Path(os.path.abspath(folder))
    synopsis = Path(os.path.abspath(seed))
    project = story_dir.parent.parent
    if project != project.parent and synopsis.is_relative_to(project):
        return synopsis.relative_to(project).as_posix()
    try:
        return Path(os.path.relpath(synopsis, story_dir)).as_posix()
    except ValueError:  # another drive
        return synopsis.name


def _source_from_the_story(story: Story, read_as: str, name: str) -> None:
    """The bible's source and its review items' places named as source_name says, not as the path read."""
    story.source = name
    if read_as != name:
        story.review = [replace(item, where=item.where.replace(read_as, name),
                                message=item.message.replace(read_as, name)) for item in story.review]


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
    _source_from_the_story(story, str(synopsis.path), source_name(seed, folder))
    scenes = cut_scenes(resolution)
    story.scenes = scenes
    outline = write_outline(story, scenes, cue_names(story, resolution))
    # bible.yaml last: once it exists, build treats the story as expanded and reads its scripts.
    files = {folder / OUTLINE_FILE: outline, folder / BIBLE_FILE: dump_bible(story)}
    backups = write_owned(files, force=force)
    return Expansion(story=story, folder=folder, written=list(files), backups=backups)
