"""Checking the continuity of a story's Fountain files against its bible."""
from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from toolkit.continuity.facts import resolve_scenes
from toolkit.continuity.rules import RULES
from toolkit.continuity.rules.registry import INFERRED
from toolkit.continuity.script import Script, read_script
from toolkit.errors import BibleError, ExitStatus, InputError
from toolkit.files.confine import real_inside
from toolkit.model.bible import Bible, parse_bible_text, read_bible
from toolkit.model.diagnostics import SEVERITIES, Diagnostic
from toolkit.model.story import Scene

BIBLE_NAME = "bible.yaml"
RULE_SETTINGS = (*SEVERITIES, "off")


@dataclass
class CheckResult:
    """The diagnostics of a check, sorted by file and line, with the scenes that were read."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    scenes: list[Scene] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    characters: dict[str, str] = field(default_factory=dict)  # id -> name, for reports
    bibles: list[str] = field(default_factory=list)  # the bible each story was checked against; "" for none

    def count(self, severity: str) -> int:
        return sum(d.severity == severity for d in self.diagnostics)

    @property
    def errors(self) -> int:
        return self.count("error")

    @property
    def warnings(self) -> int:
        return self.count("warning")

    @property
    def infos(self) -> int:
        return self.count("info")

    def summary(self) -> dict:
        """The counts of the JSON output's summary."""
        return {"files": len(self.files), "scenes": len(self.scenes), "errors": self.errors,
                "warnings": self.warnings, "infos": self.infos}

    def exit_status(self, strict: bool = False) -> ExitStatus:
        """1 when there are errors, or warnings under `strict`; else 0."""
        failed = self.errors or (strict and self.warnings)
        return ExitStatus.CONTINUITY_ERRORS if failed else ExitStatus.OK

    def extend(self, other: CheckResult) -> None:
        self.diagnostics = sorted([*self.diagnostics, *other.diagnostics], key=Diagnostic.sort_key)
        self.scenes += other.scenes
        self.files += other.files
        self.characters.update(other.characters)
        self.bibles += other.bibles


def _display(path: Path) -> str:
    return path.as_posix()


def _inside(name: str) -> bool:
    """True when a name from the bible stays in the story folder: relative, never climbing out with '..'.

    Judged by the name alone; find_scripts also follows symbolic links (real_inside).
    """
    normal = os.path.normpath(name.replace("\\", "/"))
    return not (os.path.isabs(normal) or PureWindowsPath(name).drive or normal == ".."
                or normal.startswith("../"))


def nearest_bible(path: Path) -> Path | None:
    """The bible.yaml in a script's folder or the nearest parent folder (as git finds its configuration)."""
    folder = path if path.is_dir() else path.parent
    here = Path.cwd()
    for candidate in (folder, *folder.resolve().parents):
        if os.path.lexists(candidate / BIBLE_NAME):
            found = candidate / BIBLE_NAME
            # named as the writer would: relative to the current folder when it lies below it
            return found.relative_to(here) if found.is_absolute() and found.is_relative_to(here) else found
    return None


def find_scripts(folder: Path, bible: Bible | None) -> list[Path]:
    """The Fountain files of a story folder in story order: those in `scripts:` of its bible in that
    order, then every other *.fountain of the folder by name.

    A script is read only from inside the story folder: a name that climbs out, or a symbolic link
    that leads out, is an error (a story from someone else must not read the writer's other files)."""
    paths = []
    if bible is not None and ("scripts",) in bible.lines:
        for i, name in enumerate(bible.story.scripts):
            path = bible.path.parent / name
            if not _inside(name):
                raise BibleError(f"scripts[{i}]: '{name}' lies outside the story folder; keep scripts beside "
                                 "bible.yaml", path=bible.path, line=bible.line_of("scripts", i))
            if not real_inside(path, bible.path.parent):
                raise BibleError(f"scripts[{i}]: '{name}' leads out of the story folder (a symbolic link?); "
                                 "keep scripts inside it", path=bible.path, line=bible.line_of("scripts", i))
            if not path.is_file():
                raise BibleError(f"scripts[{i}]: '{name}' is not a file beside bible.yaml",
                                 path=bible.path, line=bible.line_of("scripts", i))
            paths.append(path)
    listed = {os.path.normcase(os.path.abspath(p)) for p in paths}
    others = [p for p in sorted(folder.glob("*.fountain"), key=lambda p: p.name)
              if os.path.normcase(os.path.abspath(p)) not in listed]
    for path in others:
        if not real_inside(path, folder):
            raise InputError("is a symbolic link that leads out of the story folder; storybible reads only "
                             "scripts inside it (copy the file in)", path=path)
    return paths + others


def unlisted_scripts(scripts: list[Path], bible: Bible | None) -> list[Path]:
    """The scripts of a story folder whose place in the story order `scripts:` does not give."""
    if bible is None:
        return []
    if ("scripts",) not in bible.lines:
        return scripts if len(scripts) > 1 else []
    return scripts[len(bible.story.scripts):]


def rule_settings(bible: Bible) -> dict[str, str]:
    """The `rules:` of a bible: a code, a code prefix or a rule name mapped to a severity or 'off'.

    Raises BibleError, naming the line, for a key that matches no rule or a value that is no setting.
    """
    settings = {}
    for key, value in bible.story.rules.items():
        line = bible.line_of("rules", key)
        if value is False or value is None:  # YAML reads a bare `off` as false
            value = "off"
        value = str(value).lower()
        if value not in RULE_SETTINGS:
            raise BibleError(f"rules.{key}: '{value}' is not one of: {', '.join(RULE_SETTINGS)}",
                             path=bible.path, line=line)
        if not any(code.startswith(key.upper()) or rule.name == key for code, rule in RULES.items()):
            raise BibleError(f"rules.{key}: no rule has this code or name; see `storybible rules`",
                             path=bible.path, line=line)
        settings[key] = value
    return settings


def _setting(diagnostic: Diagnostic, settings: dict[str, str]) -> str:
    if diagnostic.rule in settings:
        return settings[diagnostic.rule]
    prefixes = [key for key in settings if diagnostic.code.startswith(key.upper())]
    return settings[max(prefixes, key=len)] if prefixes else diagnostic.severity


def _suppressed(diagnostic: Diagnostic, scenes_by_file: dict) -> bool:
    starts, scenes = scenes_by_file.get(diagnostic.file, ([], []))
    at = bisect_right(starts, diagnostic.line) - 1
    if at < 0:
        return False
    return any(diagnostic.code.startswith(code) for code in scenes[at].ignored)


Texts = Mapping[Path, str]  # unsaved texts of files, used in place of what is on disk


def read_bible_or_text(path: Path, texts: Texts | None = None) -> Bible:
    """The bible at path, from its unsaved text in `texts` when there is one."""
    if texts and path in texts:
        return parse_bible_text(texts[path], path)
    return read_bible(path)


def check_scripts(paths: Sequence[Path], bible: Bible | None = None, *, unlisted: Sequence[Path] = (),
                  whole_story: bool = False, every_presence: bool = False, texts: Texts | None = None) -> CheckResult:
    """Check Fountain files, in story order, against a bible (or none: the cast is then inferred).

    `whole_story` says the files are all the scripts of the story, so that a bible character in none
    of them is worth a warning; `unlisted` are those whose place in the order `scripts:` does not give;
    `every_presence` reads the prose for everyone's presence (for stats), not only where it decides a
    diagnostic. `texts` maps paths to unsaved texts that are read in place of those files.
    """
    texts = texts or {}
    scripts = [read_script(path, _display(path), text=texts.get(path)) for path in paths]
    return check_parsed(scripts, bible, unlisted=unlisted, whole_story=whole_story, every_presence=every_presence)


def check_parsed(scripts: list[Script], bible: Bible | None = None, *, unlisted: Sequence[Path] = (),
                 whole_story: bool = False, every_presence: bool = False, memo: dict | None = None) -> CheckResult:
    """Check scripts already read, in story order, against a bible (as check_scripts).

    `memo` keeps what is read from each text (claims, presence, near misses) between checks against the
    same bible.
    """
    settings = rule_settings(bible) if bible else {}
    context = resolve_scenes(scripts, bible, every_presence=every_presence, memo=memo)
    context.whole_story = whole_story
    context.unlisted = [_display(path) for path in unlisted]
    scenes_by_file: dict = {}
    for scene in context.scenes:
        starts, scenes = scenes_by_file.setdefault(scene.file, ([], []))
        starts.append(scene.line)
        scenes.append(scene)
    diagnostics = []
    for rule in RULES.values():
        if settings and _setting(rule.at("", 0, ""), settings) == "off":
            continue
        for diagnostic in rule.run(context):
            severity = _setting(diagnostic, settings)
            if severity == "error" and any(key == INFERRED for key, _ in diagnostic.details):
                severity = "warning"  # what is read from prose is never an error on its own
            if severity == "off" or _suppressed(diagnostic, scenes_by_file):
                continue
            diagnostics.append(diagnostic._replace(severity=severity))
    diagnostics.sort(key=Diagnostic.sort_key)
    return CheckResult(diagnostics, list(context.scenes), [script.file for script in scripts],
                       {c.id: c.name for c in context.story.characters},
                       [bible.path.as_posix() if bible else ""])


def _story_folders() -> list[Path]:
    here = Path(".")
    if (here / BIBLE_NAME).is_file() or any(here.glob("*.fountain")):
        return [here]
    folders = sorted(p.parent for p in Path("bibles").glob(f"*/{BIBLE_NAME}"))
    if not folders:
        raise InputError("nothing to check here: give a story folder or a .fountain file", path=".")
    return folders


def check_folder(folder: Path, bible_path: Path | None = None, *, use_bible: bool = True,
                 every_presence: bool = False, texts: Texts | None = None) -> CheckResult:
    """Check every script of a story folder against its bible.yaml (or the bible given, or none)."""
    from toolkit.files.together import refuse_if_interrupted

    refuse_if_interrupted(folder)
    bible_path = bible_path or folder / BIBLE_NAME
    bible = None
    exists = os.path.lexists(bible_path) or bool(texts and bible_path in texts)
    if use_bible and (exists or bible_path != folder / BIBLE_NAME):
        bible = read_bible_or_text(bible_path, texts)
    scripts = find_scripts(folder, bible)
    if not scripts:
        if bible is None:
            raise InputError("no bible.yaml and no .fountain files in this folder", path=folder)
        raise InputError("no .fountain files in this story folder; list them under scripts: in bible.yaml",
                         path=folder)
    return check_scripts(scripts, bible, unlisted=unlisted_scripts(scripts, bible), whole_story=True,
                         every_presence=every_presence, texts=texts)


def _check_files(files: list[Path], bible_path: Path | None, use_bible: bool, every_presence: bool,
                 texts: Texts | None) -> CheckResult:
    """Fountain files checked on their own: against the bible given, else each against the nearest one."""
    groups: dict[Path | None, list[Path]] = {}
    for path in files:
        found = (bible_path or nearest_bible(path)) if use_bible else None
        groups.setdefault(found, []).append(path)
    result = CheckResult()
    for found, paths in groups.items():
        result.extend(check_scripts(paths, read_bible_or_text(found, texts) if found else None,
                                    every_presence=every_presence, texts=texts))
    return result


def check(paths: Sequence[str | Path] = (), bible: str | Path | None = None, *,
          use_bible: bool = True, every_presence: bool = False, texts: Texts | None = None) -> CheckResult:
    """Check story folders and Fountain files; each folder is a story, the files together make one.

    A Fountain file is checked against `bible`, else the bible.yaml of its folder or the nearest
    parent folder; with `use_bible` false, against its cues alone. Without paths, checks the current
    folder when it is a story, else every story under bibles/. `texts` maps paths to unsaved texts
    that are read in place of those files.
    """
    targets = [Path(p) for p in paths] or _story_folders()
    bible_path = Path(bible) if bible is not None else None
    result = CheckResult()
    files = []
    for target in targets:
        if target.is_dir():
            result.extend(check_folder(target, bible_path, use_bible=use_bible, every_presence=every_presence,
                                       texts=texts))
        elif target.exists():
            files.append(target)
        else:
            raise InputError("no such file or folder; check the path", path=target)
    if files:
        result.extend(_check_files(files, bible_path, use_bible, every_presence, texts))
    return result
