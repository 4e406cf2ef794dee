"""build: expand every new seed, then check and render every story."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError

BIBLE_FILE = "bible.yaml"  # as expand writes it (imported only when a seed is expanded: it loads the extractor)


@dataclass
class StoryBuild:
    folder: Path
    expanded: bool = False
    errors: int = 0
    warnings: int = 0
    pages: int = 0
    pdf: Path | None = None
    unchanged: bool = False  # the PDF was made from these very inputs: neither checked nor rendered again


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
            from toolkit.expansion.slug import story_slug
            from toolkit.text.synopsis import read_synopsis

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
    from toolkit.files.safety import made_from, record_made_from

    def report(folder: Path, step: str, outcome: str = "") -> None:
        if progress is not None:
            progress(folder, step, outcome)

    result = BuildResult()
    for seed, folder in build_targets(targets, seeds=seeds, bibles=bibles):
        entry = StoryBuild(folder=folder)
        if seed is not None and not (folder / BIBLE_FILE).exists():
            from toolkit.expansion.expand import expand_story

            report(folder, "expand")
            expand_story(seed, folder)
            entry.expanded = True
            report(folder, "expand", "done")
        inputs = inputs_digest(folder) if render else ""
        earlier = made_from(folder / "bible.pdf") if render else None
        if earlier is not None and inputs and earlier.get("inputs") == inputs and _counts(earlier):
            entry.errors, entry.warnings, entry.pages = _counts(earlier)
            entry.pdf, entry.unchanged = folder / "bible.pdf", True
            report(folder, "render", "unchanged")
            result.stories.append(entry)
            continue
        from toolkit.continuity.check import check
        from toolkit.pdf.render import render_story_dir

        report(folder, "check")
        checked = check([str(folder)], every_presence=render)
        entry.errors = checked.errors
        entry.warnings = checked.warnings
        report(folder, "check", f"{entry.errors} errors, {entry.warnings} warnings")
        if render:
            report(folder, "render")
            rendered = render_story_dir(str(folder), checked=checked, force=force)
            entry.pages, entry.pdf = rendered.pages, Path(rendered.pdf_path)
            record_made_from(entry.pdf, {"inputs": inputs, "errors": entry.errors, "warnings": entry.warnings,
                                         "pages": entry.pages})
            report(folder, "render", f"{rendered.seconds:.1f} s")
            report(folder, "pages", str(rendered.pages))
        result.stories.append(entry)
    return result


def _counts(entry: dict) -> tuple[int, int, int] | None:
    """Errors, warnings and pages as a state file recorded them, when they are whole numbers."""
    counts = tuple(entry.get(key) for key in ("errors", "warnings", "pages"))
    return counts if all(type(n) is int and n >= 0 for n in counts) else None


def inputs_digest(folder: Path) -> str:
    """SHA-256 over what a story's PDF is made from: the bible, its scripts, the story's own templates,
    the synopsis the review quotes, SOURCE_DATE_EPOCH and storybible's version. The contents count, not
    modification times, which a fresh clone changes."""
    from toolkit.model.bible import load_story
    from toolkit.pdf.story_inputs import generator_name, story_inputs, synopsis_lines

    digest = hashlib.sha256()
    digest.update(f"{generator_name()}\0{os.environ.get('SOURCE_DATE_EPOCH', '').strip()}\0".encode())
    for path in story_inputs(folder):
        digest.update(f"{path.relative_to(folder).as_posix()}\0".encode("utf-8", "surrogateescape"))
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    try:
        synopsis = synopsis_lines(load_story(folder / BIBLE_FILE), folder)
    except InputError:
        return ""  # a bible that does not load is checked and reported, never taken as unchanged
    digest.update("\n".join(synopsis).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
