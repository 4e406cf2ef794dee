"""The README's walk-through runs as shown: every command of its console blocks is run in a copy of the
project, in order, and prints what the README shows (the seconds a render took aside); the lines its
Fountain and YAML excerpts show are in the files expand wrote."""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
WALK_THROUGH = README[README.index("## Walk-through"):README.index("\n## ", README.index("## Walk-through") + 3)]
SECONDS = re.compile(r"in \d+\.\d s\b")


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", WALK_THROUGH, flags=re.DOTALL)


def _commands() -> list[tuple[str, str]]:
    """(command, output shown) for every `$ ` line of the console blocks; a here-document is part of its
    command up to its end marker."""
    found = []
    for block in _blocks("console"):
        lines = block.splitlines()
        k = 0
        while k < len(lines):
            command = lines[k][2:]
            k += 1
            marker = re.search(r"<<'(\w+)'$", command)
            if marker:
                while k < len(lines) and lines[k] != marker.group(1):
                    command += "\n" + lines[k]
                    k += 1
                command += "\n" + marker.group(1)
                k += 1
            shown = []
            while k < len(lines) and not lines[k].startswith("$ "):
                shown.append(lines[k])
                k += 1
            found.append((command, "\n".join(shown)))
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    tools = folder / ".bin"
    tools.mkdir()
    wrapper = tools / "storybible"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -c "from toolkit.cli.entry import run; run()" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return folder


def test_the_walk_through_has_commands_and_excerpts():
    commands = _commands()
    assert len(commands) >= 5 and any(c.startswith("storybible render") for c, _ in commands)
    assert _blocks("fountain") and _blocks("yaml")


def test_every_command_prints_what_the_readme_shows(project):
    environment = {**os.environ, "PATH": f"{project / '.bin'}{os.pathsep}{os.environ['PATH']}",
                   "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    environment.pop("SOURCE_DATE_EPOCH", None)
    for command, shown in _commands():
        done = subprocess.run(["bash", "-c", f"( {command}\n) 2>&1"], cwd=project, env=environment,
                              capture_output=True, text=True, timeout=300, check=False)
        printed = SECONDS.sub("in N s", done.stdout.rstrip("\n"))
        assert printed == SECONDS.sub("in N s", shown), f"$ {command}"
    excerpts = {"fountain": project / "bibles/ballistic-ecks-vs-sever/outline.fountain",
                "yaml": project / "bibles/ballistic-ecks-vs-sever/bible.yaml"}
    for kind, path in excerpts.items():
        written = path.read_text("utf-8").splitlines()
        for block in _blocks(kind):
            for line in block.splitlines():
                if line and line != "…":
                    assert line in written, f"{kind} excerpt line not in {path.name}: {line}"
