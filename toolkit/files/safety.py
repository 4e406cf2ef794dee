"""Never losing a writer's edits: what the toolkit wrote is remembered by hash; changed files are kept.

Files the toolkit owns (bible.yaml and outline.fountain after ``expand``, the PDF and HTML of ``render``)
are replaced only when they are byte for byte what it last wrote, or with ``force``, and then a backup
is kept first. The state is re-checked right before each file is renamed into place, so an editor's
save that lands while the toolkit works is kept, never overwritten.
"""
from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import re
import stat
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError, OutputError, OverwriteRefused
from toolkit.files.confine import real_inside
from toolkit.files.folder_lock import folder_lock, lock_timeout
from toolkit.files.textio import (
    TEMPORARY_NAME,
    ensure_folder,
    machine_tag,
    read_bytes,
    write_atomic,
)

MANIFEST = ".storybible.json"
# Suffixes of a story's sources (scripts, bibles, labels, synopses): no output is written under them.
SOURCE_SUFFIXES = frozenset({".fountain", ".spmd", ".yaml", ".yml", ".txt"})
# The state file's key for what each output was made from: name -> {"inputs": SHA-256, "output": SHA-256, ...}
MADE_FROM = "made from"
# Documents render writes name storybible as their generator; so a PDF or HTML from before the state
# file recorded them is recognised as the toolkit's own.
_PDF_CREATOR = re.compile(rb"/Creator\s*\(storybible[ )]")
_HTML_GENERATOR = re.compile(rb'<meta name="generator" content="storybible[ "]')
_PDF_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm[^>]*>>\s*stream\r?\n")



@dataclass(frozen=True)
class FileState:
    """A file as the toolkit read it: compared again right before the file is replaced."""

    size: int
    mtime_ns: int
    inode: int
    digest: str
    data: bytes = field(repr=False)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_state(path: Path) -> FileState | None:
    """The state of a file the toolkit may replace; None when there is none.

    Raises OutputError for anything that is not a regular file (a folder, a device, a named pipe):
    the toolkit never replaces those.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise OutputError("is a symbolic link to nothing; not replacing it", path=path) from None
        return None
    except NotADirectoryError:  # a folder on the way is a file: nothing there to replace
        return None
    except IsADirectoryError:
        raise OutputError("is a folder; give a file name", path=path) from None
    except OSError as error:
        raise OutputError(f"cannot read it to see whether you changed it: {error.strerror or error}",
                          path=path) from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise OutputError("is a folder; give a file name", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise OutputError("is not a regular file (a device or a pipe?); not replacing it", path=path)
        data = handle.read()
    return FileState(len(data), info.st_mtime_ns, info.st_ino, _digest(data), data)


def _unchanged(before: FileState | None, now: FileState | None) -> bool:
    if before is None or now is None:
        return before is now
    return (before.size, before.mtime_ns, before.inode, before.digest) == (
        now.size, now.mtime_ns, now.inode, now.digest)


# -- the state file --

def _state_file(folder: Path) -> dict | None:
    """The state file as written, or None when it is missing or unreadable.

    Raises OutputError when it is no regular file (a named pipe would make reading it wait forever)."""
    path = folder / MANIFEST
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise OutputError("is not a regular file, so storybible cannot keep its record of the files it wrote "
                          "there; remove it", path=path)
    try:
        data = json.loads(read_bytes(path, limit=10_000_000).decode("utf-8"))
    except (InputError, ValueError, RecursionError):  # broken, too large or nested past Python's stack
        return None
    return data if isinstance(data, dict) else None


def _recorded(folder: Path) -> dict | None:
    """The state file's record of written files (name -> SHA-256), or None when it is missing or unreadable."""
    data = _state_file(folder)
    if data is None:
        return None
    return {str(name): digest for name, digest in data.items() if isinstance(digest, str)}


def _made_from_records(folder: Path) -> dict[str, dict]:
    entries = (_state_file(folder) or {}).get(MADE_FROM)
    return {str(k): v for k, v in entries.items() if isinstance(v, dict)} if isinstance(entries, dict) else {}


def _made_by_storybible(data: bytes) -> bool:
    """True for a PDF or HTML document that names storybible as its generator."""
    if data.startswith(b"%PDF"):
        if _PDF_CREATOR.search(data):
            return True
        for match in _PDF_OBJECT_STREAM.finditer(data):  # the document information sits compressed
            try:
                unpacked = zlib.decompressobj().decompress(data[match.end():match.end() + 4_000_000], 4_000_000)
            except zlib.error:
                continue
            if _PDF_CREATOR.search(unpacked):
                return True
        return False
    return bool(_HTML_GENERATOR.search(data[:4096]))


def _written_by_toolkit(path: Path, state: FileState, record: dict | None) -> bool:
    recorded = (record or {}).get(path.name)
    # a write killed between the file's swap and the record's update left the new digest as pending
    if state.digest in (recorded, (record or {}).get(path.name + _PENDING)):
        return True
    if recorded is not None:
        return False
    # no record of it (or no state file at all): only a rendered document tells by itself
    return path.suffix.lower() in (".pdf", ".html", ".htm") and _made_by_storybible(state.data)


def _write_record(folder: Path, record: dict | None, written: dict[str, str],
                  made_from: dict[str, dict] | None = None) -> None:
    merged = {name: digest for name, digest in {**(record or {}), **written}.items()
              if not (name.endswith(_PENDING) and name.removesuffix(_PENDING) in written)}
    sources = {**_made_from_records(folder), **(made_from or {})}
    if sources:
        merged[MADE_FROM] = sources
    write_atomic(folder / MANIFEST, json.dumps(merged, indent=1, sort_keys=True) + "\n")


def _record_pending(folder: Path, record: dict | None, pending: dict[str, str]) -> dict:
    """Records the digests files are about to have, before they are swapped in; returns the record."""
    record = {**(record or {}), **{name + _PENDING: digest for name, digest in pending.items()}}
    sources = _made_from_records(folder)
    write_atomic(folder / MANIFEST, json.dumps({**record, **({MADE_FROM: sources} if sources else {})},
                                               indent=1, sort_keys=True) + "\n")
    return record


# The state file's key for a digest a file is about to have (see _record_pending).
_PENDING = " (pending)"


def made_from(path: Path) -> dict | None:
    """What ``record_made_from`` noted for this output, when the file is still byte for byte what was
    written then; otherwise None."""
    entry = _made_from_records(path.parent).get(path.name)
    if entry is None or not path.is_file() or os.path.islink(path):
        return None
    state = file_state(path)
    return entry if state is not None and state.digest == entry.get("output") else None


def record_made_from(path: Path, entry: dict) -> None:
    """Note in the state file what an output storybible has just written was made from (``inputs``,
    a digest) and what came of it; the output's own digest is added."""
    path = Path(path)
    with folder_lock(path.parent):
        state = file_state(path)
        record = _recorded(path.parent)
        if state is None or (record or {}).get(path.name) != state.digest:
            return  # not (or no longer) what storybible wrote
        _write_record(path.parent, record, {}, {path.name: {**entry, "output": state.digest}})


# -- temporary files and backups --

def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to someone else
        return True
    return True


def _ours_and_dead(entry: os.DirEntry, machine: str) -> bool:
    """True for a temporary file of write_atomic's, by this user, whose process on this machine is gone."""
    match = TEMPORARY_NAME.match(entry.name)
    if not match or match.group(1) != machine:
        return False
    info = entry.stat(follow_symlinks=False)
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and not _process_alive(int(match.group(2)))


def clean_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files of runs that died before renaming them (kill -9, a power cut).

    Only files that carry storybible's prefix, were made on this machine by this user, and whose
    process is provably gone; any other file, whatever its name, is the writer's.
    """
    removed = []
    machine = machine_tag()
    try:
        candidates = [entry for entry in os.scandir(folder) if entry.name.startswith(".storybible-")]
    except OSError:
        return removed
    for entry in candidates:
        try:
            if _ours_and_dead(entry, machine):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except (OSError, ValueError):
            continue
    return removed


def _backup_name(path: Path) -> Path:
    """outline.fountain -> outline.2026-11-21T101500.fountain.bak, numbered when that is taken."""
    stamp = time.strftime("%Y-%m-%dT%H%M%S")
    target = path.with_name(f"{path.stem}.{stamp}{path.suffix}.bak")
    counter = 1
    while os.path.lexists(target):
        target = path.with_name(f"{path.stem}.{stamp}-{counter}{path.suffix}.bak")
        counter += 1
    return target


def keep_backup(path: Path, data: bytes) -> Path:
    """Keep the bytes a file held beside it with a timestamp. Written whole or not at all: a full disk
    leaves no empty or cut-off backup, and then nothing is replaced."""
    target = _backup_name(path)
    try:
        write_atomic(target, data)
    except OutputError as error:
        raise OutputError(f"cannot keep a backup of it, so it is left as it is ({error.message})",
                          path=path) from None
    return target


# -- replacing a file only as it was read --

_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2(source: str, target: str, flags: int) -> bool:
    """Linux renameat2: True when done; False where the system or file system does not offer it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return False
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if function(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), target)


class CheckedReplace:
    """Renames a finished temporary file over a target only if the target is still as it was read.

    Right before the rename the target's size, time and hash are compared with what was read; a
    difference refuses the write. Where Linux can swap two files in one step, the file that was in
    place at that instant comes back under the temporary name: if it differs from what was read (a
    save in the last microseconds), it is kept as a backup instead of being lost.
    """

    def __init__(self, before: FileState | None):
        self.before = before
        self.kept: list[Path] = []

    def __call__(self, temporary: str, target: Path) -> None:
        swapped = False
        try:
            swapped = self._replace(temporary, target)
        finally:
            if not swapped and os.path.lexists(temporary):
                os.unlink(temporary)

    def _replace(self, temporary: str, target: Path) -> bool:
        """True when the files were swapped: the temporary name then holds what was in place."""
        if not _unchanged(self.before, file_state(target)):
            raise OverwriteRefused(f"{target.name} changed while storybible was writing it; not replacing it",
                                   path=target)
        try:
            if self.before is None:
                if _renameat2(temporary, str(target), _RENAME_NOREPLACE):
                    return False
            elif _renameat2(temporary, str(target), _RENAME_EXCHANGE):
                self._keep_if_moved(temporary, target)
                return True
            os.replace(temporary, target)
            return False
        except FileExistsError:
            raise OverwriteRefused(f"{target.name} appeared while storybible was writing it; not replacing it",
                                   path=target) from None
        except OSError as error:
            raise OutputError(f"cannot write it: {error.strerror or error}", path=target) from None

    def _keep_if_moved(self, displaced: str, target: Path) -> None:
        """After a swap: keep what was in place if it is not what was read."""
        backup_path = _backup_name(target)
        try:
            os.rename(displaced, backup_path)
        except OSError as error:
            raise OutputError(f"written, but the version it replaced could not be named {backup_path.name} "
                              f"and is kept as {displaced} ({error.strerror or error})", path=target) from None
        state = file_state(backup_path)
        if state is not None and state.digest == self.before.digest:
            os.unlink(backup_path)
        else:
            self.kept.append(backup_path)


def replace_checked(path: Path, data: bytes, before: FileState | None) -> list[Path]:
    """Write a file atomically if it is still as ``before``; returns any backup kept of a late save."""
    replace = CheckedReplace(before)
    write_atomic(path, data, replace=replace)
    return replace.kept


def _by_folder(files: dict[Path, str]) -> dict[Path, dict[Path, str]]:
    by_folder: dict[Path, dict[Path, str]] = {}
    for path, text in files.items():
        by_folder.setdefault(path.parent, {})[path] = text
    return by_folder


# -- what expand writes --

def write_owned(files: dict[Path, str], *, force: bool = False) -> list[Path]:
    """Write files the toolkit owns, in the order given: refuse if the writer changed any (unless
    forced, then back them up first). Returns the backups made.

    Files whose content would not change are not backed up; a file is written only after every
    check passed, so a refusal leaves everything as it was. A missing or broken state file is
    rebuilt from the files that hold what is about to be written.
    """
    backups: list[Path] = []
    for folder, owned in _by_folder(files).items():
        refuse_templates_folder(folder)
        with folder_lock(folder):
            clean_stale_temporaries(folder)
            record = _recorded(folder)
            data = {path: text.encode("utf-8") for path, text in owned.items()}
            states = {path: file_state(path) for path in owned}
            edited = [path for path, state in states.items() if state is not None
                      and state.digest != _digest(data[path]) and not _written_by_toolkit(path, state, record)]
            if edited and not force:
                first = edited[0]
                why = "was changed since storybible wrote it" if record is not None else \
                    f"is not recorded as storybible's in {MANIFEST} (missing or broken)"
                raise OverwriteRefused(f"{first.name} {why}; not replacing it", path=first)
            backups += [keep_backup(path, states[path].data) for path in edited]
            record = _record_pending(folder, record, {path.name: _digest(data[path]) for path in owned})
            for path in owned:
                backups += replace_checked(path, data[path], states[path])
            _write_record(folder, record, {path.name: _digest(data[path]) for path in owned})
    return backups


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


@dataclass
class OutputFiles:
    """Where a command may write: never over one of the story's ``sources``; over an existing file the
    toolkit did not write only with ``force``, keeping a backup. ``backups`` lists those kept."""

    sources: dict[Path, str] = field(default_factory=dict)  # path -> what it is ("the story's bible")
    force: bool = False
    folders: dict[Path, str] = field(default_factory=dict)  # folders never written into -> what they are
    backups: list[Path] = field(default_factory=list)

    def check(self, path: str | Path) -> FileState | None:
        """Refuse a path the command must not write; returns the state of what is there now."""
        path = Path(path)
        lock_timeout()  # a wrong setting is said before the work, not after it
        if path.name == MANIFEST:
            raise OutputError("is storybible's record of the files it wrote; write elsewhere", path=path)
        for source, what in self.sources.items():
            if _same_file(path, source):
                raise OutputError(f"is {what}; never written over, write elsewhere", path=path)
        self._refuse_source_places(path)
        ensure_folder(path.parent, path)
        _recorded(path.parent)  # a state file that is no file is said before the work too
        state = file_state(path)
        if state is not None and not self.force and not self._ours(path, state):
            raise OverwriteRefused("exists and storybible did not write it; not replacing it", path=path)
        return state

    def _refuse_source_places(self, path: Path) -> None:
        """An output never takes a source's suffix (a binary "script" or "bible") nor lands in a
        folder of sources (the story's templates), whether or not the file or folder exists yet."""
        if path.suffix.lower() in SOURCE_SUFFIXES:
            raise OutputError(f"has the suffix of a story's source ({path.suffix}); name the output .pdf or .html",
                              path=path)
        for folder, what in self.folders.items():
            if real_inside(path.parent, folder):
                raise OutputError(f"lies in {what}; write elsewhere", path=path)
        refuse_templates_folder(path.parent, path)

    @staticmethod
    def _ours(path: Path, state: FileState) -> bool:
        return not os.path.islink(path) and _written_by_toolkit(path, state, _recorded(path.parent))

    def write(self, path: str | Path, data: str | bytes) -> None:
        """Write one output atomically, under its folder's lock, after checking it again."""
        path = Path(path)
        data = data.encode("utf-8") if isinstance(data, str) else data
        with folder_lock(path.parent):
            clean_stale_temporaries(path.parent)
            state = self.check(path)
            record = _recorded(path.parent)
            if state is not None and not self._ours(path, state):
                self.backups.append(keep_backup(path, state.data))
            record = _record_pending(path.parent, record, {path.name: _digest(data)})
            self.backups += replace_checked(path, data, state)
            _write_record(path.parent, record, {path.name: _digest(data)})


def story_sources(story_dir: Path, bible_path: Path, scripts: Iterable[Path], seed: str = "") -> dict[Path, str]:
    """The files of a story an output must never replace: its bible, scripts, seed and templates.

    The seed is looked for from the current folder and from the story folder's real path (so
    ``bibles/NAME`` finds the project's ``seeds/`` from any working folder)."""
    sources = {bible_path: "the story's bible"}
    sources.update(dict.fromkeys(scripts, "one of the story's scripts"))
    sources.update(dict.fromkeys(story_dir.glob("*.fountain"), "one of the story's scripts"))
    if seed:
        real = story_dir.resolve()
        for base in (Path.cwd(), real, real.parent, real.parent.parent):
            sources[base / seed] = "the story's synopsis"
    templates = story_dir / "templates"
    if templates.is_dir():
        sources.update({path: "one of the story's templates" for path in templates.rglob("*") if path.is_file()})
    return sources


def refuse_templates_folder(folder: Path, for_path: Path | None = None) -> None:
    """Refuse to write into a story's templates folder (a ``templates`` beside a ``bible.yaml``), or
    any folder below one, judged by the path as given and by its real path."""
    for candidate in (folder, Path(os.path.realpath(folder))):
        for place in (candidate, *candidate.parents):
            if place.name == "templates" and os.path.lexists(place.parent / "bible.yaml"):
                raise OutputError(f"lies in the templates folder of the story in {place.parent}; write elsewhere",
                                  path=for_path or folder)


def story_folders(story_dir: Path) -> dict[Path, str]:
    """The folders of a story no output is written into: its templates (existing or not)."""
    return {story_dir / "templates": "the story's templates folder"}
