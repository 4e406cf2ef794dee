"""Checking a story again and again while it is edited, reading again only the files that changed.

An editor (or `watch`) keeps one StoryChecker per story. Each check takes the unsaved texts of the
open documents; a script or bible whose text (or, on disk, whose size and time) is unchanged since
the last check is not parsed again. A file that cannot be read becomes a `Failure`, never an
exception, so the rest of the story is still checked.
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from toolkit.continuity.check import (
    CheckResult,
    Texts,
    check_parsed,
    find_scripts,
    read_bible_or_text,
    unlisted_scripts,
)
from toolkit.continuity.fountain_adapter import decode_fountain
from toolkit.continuity.script import Script
from toolkit.continuity.script_parts import PartParser
from toolkit.errors import InputError
from toolkit.files.textio import MAX_SCRIPT_BYTES, read_bytes
from toolkit.model.bible import Bible

_MOST_MEMO_ENTRIES = 100_000  # texts whose readings are kept; past that the memo starts afresh


class Failure(NamedTuple):
    """A file that could not be read or understood: broken YAML, an unreadable or binary file."""

    file: str
    line: int
    message: str


@dataclass
class StoryCheck:
    """One check of a story: the result, and what it was made from."""

    result: CheckResult
    bible: Bible | None
    scripts: dict[Path, Script] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)


def _failure(error: InputError, path: Path) -> Failure:
    return Failure(error.path or path.as_posix(), error.line or 1, error.message)


def _version(path: Path, texts: Texts) -> object:
    """What tells whether a file changed: its unsaved text, else its size and modification time."""
    if path in texts:
        return texts[path]
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def _copy(script: Script) -> Script:
    # checking numbers and resolves the scenes in place; the parsed original stays as read
    return Script(script.file, [copy.copy(scene) for scene in script.scenes], script.issues, script.lines)


class StoryChecker:
    """Checks one story (the folder of a bible.yaml, or a lone script without one) again and again."""

    def __init__(self, bible_path: Path | None):
        self.bible_path = bible_path
        self._bible: tuple[object, Bible | None, Failure | None] | None = None
        self._scripts: dict[Path, tuple[object, Script | None, Failure | None]] = {}
        self._parsers: dict[Path, PartParser] = {}
        self._memo: dict = {}  # what checks read from texts, against the bible read last

    def _read_bible(self, texts: Texts) -> tuple[Bible | None, Failure | None]:
        if self.bible_path is None:
            return None, None
        version = _version(self.bible_path, texts)
        if self._bible is None or self._bible[0] != version or version is None:
            self._memo = {}
            try:
                self._bible = (version, read_bible_or_text(self.bible_path, texts), None)
            except InputError as error:
                self._bible = (version, None, _failure(error, self.bible_path))
        return self._bible[1], self._bible[2]

    def _read_script(self, path: Path, texts: Texts) -> tuple[Script | None, Failure | None]:
        version = _version(path, texts)
        cached = self._scripts.get(path)
        if cached is None or cached[0] != version or version is None:
            try:
                text = texts.get(path)
                if text is None:
                    text = decode_fountain(read_bytes(path, limit=MAX_SCRIPT_BYTES), path)
                parser = self._parsers.setdefault(path, PartParser())
                cached = (version, parser.parse(text, path.as_posix()), None)
            except InputError as error:
                cached = (version, None, _failure(error, path))
            self._scripts[path] = cached
        return cached[1], cached[2]

    def scripts(self, bible: Bible | None, extra: Sequence[Path] = ()
                ) -> tuple[list[Path], list[Path], list[Failure]]:
        """The story's scripts in story order, then the `extra` ones (open in an editor) not among them;
        those whose place `scripts:` does not give; and what could not be read."""
        paths: list[Path] = []
        failures = []
        if self.bible_path is not None:
            try:
                paths = list(find_scripts(self.bible_path.parent, bible))
            except InputError as error:
                failures.append(_failure(error, self.bible_path))
        return paths + [p for p in extra if p not in paths], unlisted_scripts(paths, bible), failures

    def check(self, texts: Texts | None = None, extra: Sequence[Path] = ()) -> StoryCheck:
        """Check the story, with `texts` (unsaved texts by path) in place of the files."""
        texts = texts or {}
        bible, failure = self._read_bible(texts)
        failures = [failure] if failure else []
        paths, unlisted, more = self.scripts(bible, extra)
        failures += more
        scripts: dict[Path, Script] = {}
        for path in paths:
            script, failure = self._read_script(path, texts)
            if failure:
                failures.append(failure)
            else:
                scripts[path] = _copy(script)
        for gone in set(self._scripts) - set(paths):
            del self._scripts[gone]
            self._parsers.pop(gone, None)
        if sum(map(len, self._memo.values())) > _MOST_MEMO_ENTRIES:
            self._memo = {}
        story = {"unlisted": unlisted, "whole_story": bible is not None, "memo": self._memo}
        try:
            result = check_parsed(list(scripts.values()), bible, **story)
        except InputError as error:  # the bible's `rules:` are wrong: check with the default severities
            failures.append(_failure(error, self.bible_path or Path(".")))
            defaults = replace(bible, story=replace(bible.story, rules={})) if bible else None
            result = check_parsed(list(scripts.values()), defaults, **story)
        return StoryCheck(result, bible, scripts, failures)
