"""build: expand every new seed, then check and render every story."""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError
from toolkit.expansion.expand import BIBLE_FILE, expand_story, story_slug
from toolkit.text.synopsis import read_synopsis


@dataclass
class StoryBuild:
    folder: Path
    expanded: bool = False
    errors: int = 0
    warnings: int = 0
    pages: int = 0
    pdf: Path | None = None


@dataclass
class BuildResult:
    stories: list[StoryBuild] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(s.errors for s in self.stories)


def build_targets(targets: list[str], *, seeds: Path = Path("seeds"), bibles: Path = Path("bibles")) -> list[tuple[Path | None, Path]]:
    """(seed or None, story folder) for each target: seed files, story folders, or every seeds/*.txt."""
    if not targets:
        found = sorted(seeds.glob("*.txt"))
        if not found:
            raise InputError("no synopses (*.txt) found; give a seed file or a story folder", path=seeds)
        targets = [str(p) for p in found]
    out = []
    claimed: dict[str, Path] = {}  # story folder -> the seed that makes it
    for target in targets:
        path = Path(target)
        if path.is_dir():
            if not (path / BIBLE_FILE).is_file():
                raise InputError(f"no {BIBLE_FILE} in this folder", path=path)
            out.append((None, path))
        elif path.is_file():
            title = read_synopsis(path).title
            folder = bibles / story_slug(path, title)
            first = claimed.setdefault(os.path.normcase(os.path.abspath(folder)), path)
            if first != path:
                raise InputError(f"makes the same story folder {folder} as {first}; rename one of the two (the "
                                 "folder is named after the file name up to its first dot)", path=path)
            out.append((path, folder))
        else:
            raise InputError("no such file or folder; check the path", path=path)
    return out


Progress = Callable[[Path, str, str], None]  # story folder, step, what came of it ("" when it starts)
STEPS = ("expand", "check", "render", "pages")


def build(targets: list[str], *, seeds: Path = Path("seeds"), bibles: Path = Path("bibles"),
          render: bool = True, force: bool = False, progress: Progress | None = None) -> BuildResult:
    """Expand seeds that have no story yet, then check and render each story (`force`: replace a
    bible.pdf storybible did not write, keeping a backup).

    `progress` hears of each step (see STEPS) of each story as it starts and when it is done.
    """
    from toolkit.continuity.check import check
    from toolkit.pdf.render import render_story_dir

    def report(folder: Path, step: str, outcome: str = "") -> None:
        if progress is not None:
            progress(folder, step, outcome)

    result = BuildResult()
    for seed, folder in build_targets(targets, seeds=seeds, bibles=bibles):
        entry = StoryBuild(folder=folder)
        if seed is not None and not (folder / BIBLE_FILE).exists():
            report(folder, "expand")
            expand_story(seed, folder)
            entry.expanded = True
            report(folder, "expand", "done")
        report(folder, "check")
        checked = check([str(folder)], every_presence=render)
        entry.errors = checked.errors
        entry.warnings = checked.warnings
        report(folder, "check", f"{entry.errors} errors, {entry.warnings} warnings")
        if render:
            report(folder, "render")
            rendered = render_story_dir(str(folder), checked=checked, force=force)
            entry.pages, entry.pdf = rendered.pages, Path(rendered.pdf_path)
            report(folder, "render", f"{rendered.seconds:.1f} s")
            report(folder, "pages", str(rendered.pages))
        result.stories.append(entry)
    return result
