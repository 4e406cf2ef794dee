"""What a story's PDF is made from, found without loading the renderer (WeasyPrint): the bible, its scripts,
its own templates and the synopsis, and which storybible makes it. build asks this to tell an unchanged
story in a fraction of a second."""
from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from toolkit.errors import InputError
from toolkit.files.confine import real_inside
from toolkit.files.textio import read_text
from toolkit.model.story import Story


def generator_name() -> str:
    """'storybible 0.1.0', as the PDF's metadata names its generator."""
    try:
        return f"storybible {version('storybible')}"
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "storybible"


def story_inputs(story_dir: Path) -> list[Path]:
    """The files a story's PDF is made from: the bible, its scripts and its own templates."""
    from toolkit.continuity.check import find_scripts
    from toolkit.model.bible import read_bible

    templates = story_dir / "templates"
    own = sorted(p for p in templates.rglob("*") if p.is_file()) if templates.is_dir() else []
    return [story_dir / "bible.yaml", *find_scripts(story_dir, read_bible(story_dir / "bible.yaml")), *own]


def synopsis_path(story: Story, story_dir: Path) -> Path | None:
    """The synopsis a story names (``source:``), found as expand names it: from the project of bibles/NAME,
    from the story folder, or from where storybible runs; None when it is not there."""
    if not story.source:
        return None
    project = story_dir.resolve().parent.parent
    for candidate in (project / story.source, story_dir / story.source, Path(story.source)):
        if candidate.is_file():
            return candidate
    return None


def synopsis_lines(story: Story, story_dir: Path) -> list[str]:
    """The synopsis's lines, when its file is found (see synopsis_path).

    Only a regular file inside the story folder or the project's seeds/ is read: `source:` in a story
    from someone else must not make the PDF tell whether a guessed string occurs in any file."""
    path = synopsis_path(story, story_dir)
    if path is None:
        return []
    project = story_dir.resolve().parent.parent
    if not real_inside(path, story_dir, project / "seeds", Path.cwd() / "seeds"):
        logging.getLogger("storybible").warning(
            "%s: source: '%s' lies outside the story folder and the project's seeds/; not read "
            "(review items show no line)", story_dir / "bible.yaml", story.source)
        return []
    try:
        return read_text(path).split("\n")
    except InputError:
        return []
