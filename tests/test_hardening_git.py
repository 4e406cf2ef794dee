"""A story folder's own .git is data: dating the PDF from git history runs no program the repository names.

Each case gives a story a .git that sets one knob to a program that leaves a marker file; the marker must
never appear, and the story still gets its date from the last commit.
"""
from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import pytest

from tests.test_bad_input import invoke
from toolkit.pdf.source_date import source_date

COMMITTED = 1_600_000_000  # 2020-09-13, the commit's date
LATER = 1_900_000_000  # the files' modification time after unpacking


def _git(folder: Path, *args: str) -> None:
    env = {"PATH": os.environ["PATH"], "HOME": str(folder), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_DATE": f"@{COMMITTED} +0000",
           "GIT_COMMITTER_DATE": f"@{COMMITTED} +0000", "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b",
           "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b"}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


def _program(tmp_path: Path) -> tuple[Path, Path]:
    """A program that leaves a marker and passes its input through (so it also works as a filter)."""
    marker = tmp_path / "marker"
    program = tmp_path / "evil.sh"
    program.write_text(f"#!/bin/sh\necho \"$0 $*\" >> '{marker}'\ncat\n", "utf-8")
    program.chmod(0o755)
    return program, marker


def _story_with_git(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "bible.yaml").write_text("format: storybible/1\ntitle: Probe\nlanguage: de\n"
                                       "characters:\n  - {id: ilka, name: Ilka Brenner}\n", "utf-8")
    (folder / "scenes.fountain").write_text("INT. BÜRO – TAG\n\nILKA BRENNER\nGuten Tag.\n", "utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-qm", "first")
    return folder


def _unpacked(folder: Path) -> list[Path]:
    """The files as after unpacking an archive: same content, new modification times (git must re-read them)."""
    files = [folder / "bible.yaml", folder / "scenes.fountain"]
    for path in files:
        os.utime(path, (LATER, LATER))
    return files


def _attributes(folder: Path, line: str) -> None:
    (folder / ".git" / "info").mkdir(exist_ok=True)
    (folder / ".git" / "info" / "attributes").write_text(line + "\n", "utf-8")


def _hooks(folder: Path, program: Path, hooks: Path) -> None:
    hooks.mkdir(exist_ok=True)
    for name in ("post-index-change", "post-checkout", "pre-commit", "reference-transaction", "fsmonitor-watchman"):
        (hooks / name).write_text(program.read_text("utf-8"), "utf-8")
        (hooks / name).chmod(0o755)


# knob -> how the story's .git sets it to `program`
def _set(key: str):
    return lambda folder, program: _git(folder, "config", key, str(program))


def _with_attributes(key: str, line: str):
    def arrange(folder, program):
        _git(folder, "config", key, str(program))
        _attributes(folder, line)
    return arrange


def _own_hooks(folder, program):
    _hooks(folder, program, folder / ".git" / "hooks")


def _hooks_path(folder, program):
    _hooks(folder, program, folder / "hooks-elsewhere")
    _git(folder, "config", "core.hooksPath", str(folder / "hooks-elsewhere"))


def _included(folder, program):
    extra = folder / ".git" / "more.config"
    extra.write_text(f"[core]\n\tfsmonitor = {program}\n[filter \"x\"]\n\tclean = {program}\n", "utf-8")
    _git(folder, "config", "include.path", str(extra))
    _attributes(folder, "* filter=x")


def _attributes_file(folder, program):
    attributes = folder / ".git" / "my-attributes"
    attributes.write_text("* filter=y diff=y\n", "utf-8")
    _git(folder, "config", "core.attributesFile", str(attributes))
    _git(folder, "config", "filter.y.clean", str(program))
    _git(folder, "config", "diff.y.textconv", str(program))


def _committed_attributes(folder, program):
    (folder / ".gitattributes").write_text("* filter=z\n", "utf-8")
    _git(folder, "add", ".gitattributes")
    _git(folder, "commit", "-qm", "attributes")
    _git(folder, "config", "filter.z.process", str(program))
    _git(folder, "config", "filter.z.clean", str(program))
    os.utime(folder / ".gitattributes", (COMMITTED, COMMITTED))


def _signature(folder, program):
    _git(folder, "config", "log.showSignature", "true")
    _git(folder, "config", "gpg.program", str(program))
    _git(folder, "config", "gpg.ssh.program", str(program))


def _worktree_config(folder, program):
    _git(folder, "config", "extensions.worktreeConfig", "true")
    _git(folder, "config", "--worktree", "core.fsmonitor", str(program))


def _equals_in_name(folder, program):
    """A driver whose name holds '=': `-c filter.a=b.clean=` would set another key."""
    with (folder / ".git" / "config").open("a") as config:
        config.write(f'[filter "a=b"]\n\tclean = {program}\n\tprocess = {program}\n')
    _attributes(folder, "* filter=a=b")


def _bare_story(folder, program):
    """The story folder itself shaped as a bare repository, its config beside bible.yaml."""
    for name in ("HEAD", "config", "objects", "refs"):
        os.rename(folder / ".git" / name, folder / name)
    (folder / ".git" / "info").mkdir(exist_ok=True)
    _git(folder, "config", "core.fsmonitor", str(program))
    _git(folder, "config", "core.bare", "false")


KNOBS = {
    "filter named with =": _equals_in_name,
    "bare story folder": _bare_story,
    "core.fsmonitor": _set("core.fsmonitor"),
    "hooks in .git/hooks": _own_hooks,
    "core.hooksPath": _hooks_path,
    "diff.external": _set("diff.external"),
    "filter clean": _with_attributes("filter.x.clean", "* filter=x"),
    "filter process": _with_attributes("filter.x.process", "* filter=x"),
    "filter smudge": _with_attributes("filter.x.smudge", "* filter=x"),
    "textconv": _with_attributes("diff.x.textconv", "* diff=x"),
    "diff driver command": _with_attributes("diff.x.command", "* diff=x"),
    "include.path": _included,
    "core.attributesFile": _attributes_file,
    "committed .gitattributes": _committed_attributes,
    "signature programs": _signature,
    "worktree config": _worktree_config,
    "core.pager": _set("core.pager"),
    "pager.status": _set("pager.status"),
    "pager.log": _set("pager.log"),
    "core.sshCommand": _set("core.sshCommand"),
    "core.askPass": _set("core.askPass"),
    "credential.helper": _set("credential.helper"),
    "core.editor": _set("core.editor"),
    "core.alternateRefsCommand": _set("core.alternateRefsCommand"),
}


@pytest.mark.parametrize("knob", list(KNOBS))
def test_a_story_git_runs_no_program_and_still_dates_the_pdf(tmp_path, monkeypatch, knob):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    program, marker = _program(tmp_path)
    folder = _story_with_git(tmp_path)
    KNOBS[knob](folder, program)
    files = _unpacked(folder)
    date = source_date(files)
    assert not marker.exists(), marker.read_text("utf-8")
    # the history, not the unpacked files' modification times (a bare repository has no work tree to date)
    assert date.timestamp() == (LATER if knob == "bare story folder" else COMMITTED)


def test_a_changed_file_is_still_dated_by_its_modification(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    folder = _story_with_git(tmp_path)
    files = _unpacked(folder)
    (folder / "bible.yaml").write_text("format: storybible/1\ntitle: Changed\nlanguage: de\n", "utf-8")
    os.utime(folder / "bible.yaml", (LATER + 100, LATER + 100))
    assert source_date(files).timestamp() == LATER + 100


def test_render_of_a_story_with_a_hostile_git_runs_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.chdir(tmp_path)
    program, marker = _program(tmp_path)
    folder = _story_with_git(tmp_path)
    for arrange in (KNOBS["core.fsmonitor"], KNOBS["hooks in .git/hooks"], KNOBS["filter clean"]):
        arrange(folder, program)
    _unpacked(folder)
    result = invoke("render", str(folder))
    assert result.exit_code == 0, result.output
    assert not marker.exists(), marker.read_text("utf-8")
    from pypdf import PdfReader

    created = PdfReader(folder / "bible.pdf").metadata["/CreationDate"]
    expected = datetime.datetime.fromtimestamp(COMMITTED, tz=datetime.UTC).strftime("D:%Y%m%d")
    assert created.startswith(expected)
