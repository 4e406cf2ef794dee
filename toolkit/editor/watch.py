"""watch: check a story again on every save of a script or the bible, and keep its PDF current.

Each run reports only what changed since the run before (new diagnostics, fixed ones) and the
summary line; the PDF is rendered again when the story's files changed, and written atomically,
so a viewer that reloads it never sees half a file.
"""
from __future__ import annotations

import hashlib
import logging
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from threading import Event

from toolkit.continuity.check import BIBLE_NAME, CheckResult
from toolkit.continuity.formats import format_text, summary_line
from toolkit.continuity.incremental import Failure, StoryCheck, StoryChecker
from toolkit.errors import StorybibleError
from toolkit.model.diagnostics import Diagnostic

DEBOUNCE_MS = 300
_SETTLE_MS = 200  # the watcher is running once the first quiet spell has passed


def _story_file(change, path: str) -> bool:
    name = Path(path).name
    return not name.startswith(".") and (name.endswith(".fountain") or name == BIBLE_NAME)


def _key(diagnostic: Diagnostic) -> tuple:
    # without line and column: text inserted above a finding does not make it new
    return diagnostic.file, diagnostic.code, diagnostic.severity, diagnostic.message


class StoryWatch:
    """The state between runs: the checker, what was reported, what the PDF was made from."""

    def __init__(self, folder: Path, render: bool, echo: Callable[[str], None], reported: Counter | None = None):
        self.folder = folder
        self.render = render
        self.echo = echo
        bible = folder / BIBLE_NAME
        self.checker = StoryChecker(bible if bible.exists() else None)
        self.reported: Counter = reported if reported is not None else Counter()
        self.failures: set[Failure] = set()
        self.rendered_from: str | None = None
        self.last: CheckResult | None = None  # the last check made with a bible that parsed

    def scripts(self) -> list[Path]:
        if self.checker.bible_path is None:
            return sorted(self.folder.glob("*.fountain"), key=lambda p: p.name)
        return []

    def run(self) -> StoryCheck:
        """Check the story, report what changed, and render the PDF if the story changed."""
        if self.checker.bible_path is None and (self.folder / BIBLE_NAME).exists():
            self.checker = StoryChecker(self.folder / BIBLE_NAME)
        check = self.checker.check({}, self.scripts())
        self.report(check)
        if self.render:
            self.render_pdf(check)
        return check

    def bible_broken(self, check: StoryCheck) -> bool:
        """Whether the story has a bible that does not parse now (its failure says why)."""
        bible = self.checker.bible_path
        return check.bible is None and bible is not None and any(
            Path(f.file) == bible or Path(f.file).name == BIBLE_NAME for f in check.failures)

    def report(self, check: StoryCheck) -> None:
        if self.bible_broken(check):  # no bible, no check: what the last good one found still stands
            failures = set(check.failures)
            for failure in sorted(failures - self.failures):
                self.echo(f"{failure.file}:{failure.line}: error {failure.message}")
            self.failures = failures
            kept = f"; still {summary_line(self.last)} from the last check" if self.last else ""
            self.echo(f"{self.checker.bible_path}: the bible does not parse, so the story was not checked{kept}")
            return
        self.last = check.result
        found = Counter(_key(d) for d in check.result.diagnostics)
        new = found - self.reported
        fixed = self.reported - found
        for diagnostic in check.result.diagnostics:
            if new[_key(diagnostic)] > 0:
                new[_key(diagnostic)] -= 1
                self.echo(format_text(CheckResult(diagnostics=[diagnostic])).rstrip("\n"))
        for file, code, _, message in sorted(fixed.elements()):
            self.echo(f"fixed: {file}: {code} {message}")
        failures = set(check.failures)
        for failure in sorted(failures - self.failures):
            self.echo(f"{failure.file}:{failure.line}: error {failure.message}")
        self.reported, self.failures = found, failures
        self.echo(summary_line(check.result))

    def render_pdf(self, check: StoryCheck) -> None:
        if check.bible is None or check.failures or self.bible_broken(check):
            return
        digest = hashlib.sha256()
        for path in [check.bible.path, *check.scripts]:
            try:
                digest.update(path.read_bytes())
            except OSError:
                return
        if digest.hexdigest() == self.rendered_from:
            return
        from toolkit.pdf.render import render_story_dir

        try:
            result = render_story_dir(self.folder, checked=check.result)
        except StorybibleError as error:
            self.echo(f"storybible: {error}")
            return
        self.rendered_from = digest.hexdigest()
        self.echo(f"{result.pdf_path}: {result.pages} pages in {result.seconds:.1f} s")


def watch_story(folder: str | Path, *, render: bool = True, echo: Callable[[str], None] = print,
                stop: Event | None = None) -> None:
    """Check (and render) a story, then again after every save, until Ctrl-C or `stop` is set."""
    import watchfiles

    folder = Path(folder)
    if not folder.is_dir():
        from toolkit.errors import InputError

        raise InputError("no such story folder", path=folder)
    state = StoryWatch(folder, render, echo)
    started = replaced = False
    # Ctrl-C ends the loop quietly: watchfiles would log "KeyboardInterrupt caught, stopping watch"
    logging.getLogger("watchfiles.main").setLevel(logging.ERROR)
    while not (stop is not None and stop.is_set()):
        identity = _identity(folder)
        if identity is None:  # deleted: wait for it to be made again
            (stop or Event()).wait(_SETTLE_MS / 1000)
            continue
        for changes in watchfiles.watch(folder, watch_filter=_story_file, debounce=DEBOUNCE_MS, stop_event=stop,
                                        rust_timeout=_SETTLE_MS, yield_on_timeout=True, raise_interrupt=False,
                                        recursive=False):
            if not started:
                started = True
                state.run()
                echo(f"watching {folder} (Ctrl-C stops)")
            elif changes or replaced:
                replaced = False
                state.run()
            if _identity(folder) != identity:  # deleted or made again: watch the folder that is there now
                replaced = True
                state = StoryWatch(folder, render, echo, reported=state.reported)
                break
        else:
            return


def _identity(folder: Path) -> tuple[int, int] | None:
    """The folder's device and inode; None while it does not exist."""
    try:
        status = os.stat(folder)
    except OSError:
        return None
    return status.st_dev, status.st_ino
