"""Running git in a folder from someone else so that no program the repository names can run.

A story folder may carry its own ``.git``, and its config can name programs that even read-only
commands start: ``core.fsmonitor`` and hooks (``git status``), clean filters and their long-running
``process`` (``git status`` re-reads a file whose modification time changed), external diffs and
textconv, signature programs (``log.showSignature``). ``safe.directory`` does not help: an unpacked
folder belongs to the writer. So git runs here without system or global configuration or
attributes, with every known program-naming setting switched off on its command line, and with
every program-naming key the repository's own configuration holds (includes followed) overridden
by an empty value. Transports are forbidden, so nothing is fetched either. The settings travel in
GIT_CONFIG_COUNT/KEY/VALUE, key and value apart: on a ``-c key=value`` command line a driver named
``a=b`` would make ``filter.a=b.clean=`` set another key and leave the driver in place.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

TIMEOUT_SECONDS = 10

# Settings switched off for every command, whatever the repository says.
_FIXED = (
    ("core.fsmonitor", "false"), ("core.hooksPath", "/dev/null"), ("core.attributesFile", "/dev/null"),
    ("core.pager", "cat"), ("core.editor", ":"), ("sequence.editor", ":"), ("core.sshCommand", ""),
    ("core.askPass", ""), ("core.gitProxy", ""), ("core.alternateRefsCommand", ""),
    ("core.untrackedCache", "false"), ("diff.external", ""), ("log.showSignature", "false"),
    ("gpg.program", ""), ("credential.helper", ""), ("protocol.allow", "never"), ("gc.auto", "0"),
    ("maintenance.auto", "false"), ("status.submoduleSummary", "false"), ("diff.ignoreSubmodules", "all"),
    ("submodule.recurse", "false"),
)
# The last part of a configuration key that names a program to run (filter.x.clean, diff.x.textconv,
# gpg.ssh.program, credential.https://….helper, pager.log, remote.x.vcs, …).
_PROGRAM_KEYS = frozenset({
    "fsmonitor", "hookspath", "pager", "editor", "sshcommand", "askpass", "gitproxy", "helper", "program",
    "textconv", "command", "cmd", "external", "process", "clean", "smudge", "driver", "tool", "receivepack",
    "uploadpack", "packobjectshook", "alternaterefscommand", "vcs",
})
# Settings whose switched-off value is a boolean, not an empty program.
_BOOLEAN_OFF = {"core.fsmonitor": "false"}


def _environment(settings: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The process environment without git's own variables, with system-wide configuration off and
    ``settings`` given as configuration of the command."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("GIT_") and name not in ("SSH_ASKPASS", "PAGER", "EDITOR", "VISUAL")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", GIT_ATTR_NOSYSTEM="1",
               GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", GIT_NO_LAZY_FETCH="1",
               GIT_PROTOCOL_FROM_USER="0", LC_ALL="C", GIT_CONFIG_COUNT=str(len(settings)))
    for index, (key, value) in enumerate(settings):
        env[f"GIT_CONFIG_KEY_{index}"] = key
        env[f"GIT_CONFIG_VALUE_{index}"] = value
    return env


def _run(folder: Path, settings: tuple[tuple[str, str], ...], arguments: list[str]) -> str | None:
    try:
        done = subprocess.run(["git", "--no-pager", "-C", str(folder), *arguments], capture_output=True,
                              text=True, timeout=TIMEOUT_SECONDS, check=False, env=_environment(settings),
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return done.stdout if done.returncode == 0 else None


def _names_a_program(key: str) -> bool:
    parts = key.lower().split(".")
    return parts[0] in ("alias", "pager") or parts[-1] in _PROGRAM_KEYS


class InertGit:
    """git in one folder, run so that no configured program can start."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.overrides = self._repository_overrides()

    def _repository_overrides(self) -> tuple[tuple[str, str], ...] | None:
        """Empty values for every program-naming key of the repository's own configuration (includes
        followed); None when git cannot read it (no git, no repository)."""
        listed = _run(self.folder, _FIXED, ["config", "--list", "--includes", "--name-only", "-z"])
        if listed is None:
            return None
        keys = dict.fromkeys(key for key in listed.split("\0") if key)
        return tuple((key, _BOOLEAN_OFF.get(key.lower(), "")) for key in keys if _names_a_program(key))

    def __call__(self, *arguments: str) -> str | None:
        """What ``git -C folder ARGUMENTS`` prints; None when git is missing, fails or takes longer
        than TIMEOUT_SECONDS."""
        if self.overrides is None:
            return None
        return _run(self.folder, _FIXED + self.overrides, list(arguments))
