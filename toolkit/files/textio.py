"""Reading writers' text files in the encodings they come in, and writing files atomically.

This is the toolkit's one decoder: synopses, bibles and Fountain scripts all go through
``decode_text``.
"""
from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from toolkit.errors import InputError, OutputError

# A synopsis is prose; anything far larger is not one.
MAX_TEXT_BYTES = 5_000_000
# A ten-episode season is about 1 MB of Fountain; 16 MB is some 10,000 pages.
MAX_SCRIPT_BYTES = 16_000_000

# Opening a named pipe without this waits for a writer; the file type is checked right after opening.
_NO_WAIT = getattr(os, "O_NONBLOCK", 0)
_NO_TERMINAL = getattr(os, "O_NOCTTY", 0)

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# The C0 and C1 control characters except tab, LF, form feed and CR.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Share of control characters above which a file is not text, even without NUL bytes.
_CONTROL_SHARE_LIMIT = 0.02
_NOT_TEXT = "this is a binary file, not a text file ({why}); save it as plain text (UTF-8)"


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF, one line break each."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of(text: str, index: int) -> int:
    return normalise_newlines(text[:index]).count("\n") + 1


def decode_text(data: bytes, path: object, *, keep_line_endings: bool = False) -> str:
    """Decode a writer's file: UTF-8 (a byte-order mark is dropped); a file that is not UTF-8
    throughout line by line, each line UTF-8, else Windows-1252, else Latin-1; a file with a UTF-16
    byte-order mark as UTF-16.

    Line endings are normalised to LF unless ``keep_line_endings``; either way the line numbers
    in errors are those an editor shows (CRLF, CR or LF is one line break).

    Raises:
        InputError: naming ``path`` and the line, when the bytes are not text (NUL bytes, or many
            control characters) or broken UTF-16.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            raise InputError(f"broken UTF-16 text ({error.reason}); save it as UTF-8", path=path) from None
    else:
        nul = data.find(b"\x00")
        if nul != -1:
            raise InputError(_NOT_TEXT.format(why="it holds NUL bytes"), path=path,
                             line=_line_of(data[:nul].decode("latin-1"), nul))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_by_line(data)
    controls = len(_CONTROL.findall(text))
    if controls and controls > _CONTROL_SHARE_LIMIT * len(text):
        raise InputError(_NOT_TEXT.format(why=f"{controls} control characters in {len(text)}"), path=path,
                         line=_line_of(text, _CONTROL.search(text).start()))
    return text if keep_line_endings else normalise_newlines(text)


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "no regular file"


def _refuse_unless_regular(mode: int, path: Path, error: type[InputError]) -> None:
    if not stat.S_ISREG(mode):
        kind = _kind_of(mode)
        raise error(f"is {kind}, not a file" if kind == "a folder" else f"is {kind}, not a regular file; "
                    "give a text file", path=path)


def _decode_by_line(data: bytes) -> str:
    """Text that is not UTF-8 throughout, a line at a time: UTF-8 where a line is, else Windows-1252,
    else Latin-1. Files mix encodings by line (a passage pasted from another program), so a UTF-8
    "Jürgen" stays "Jürgen" beside a Windows-1252 line."""
    out = []
    for line in data.splitlines(keepends=True):
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                out.append(line.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
    return "".join(out).removeprefix("\ufeff")


def read_bytes(path: str | Path, *, limit: int = MAX_TEXT_BYTES, error: type[InputError] = InputError) -> bytes:
    """The bytes of a regular file a writer gave us, at most ``limit`` of them.

    Folders, devices, named pipes and sockets are refused before anything is read (a pipe is opened
    without waiting for a writer), and so is a file over ``limit`` or one that grows past it while it
    is read. Every failure is an ``error`` naming the file.
    """
    path = Path(path)
    try:
        _refuse_unless_regular(os.stat(path).st_mode, path, error)
        descriptor = os.open(path, os.O_RDONLY | _NO_WAIT | _NO_TERMINAL)
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            _refuse_unless_regular(info.st_mode, path, error)  # swapped since the stat above
            if info.st_size > limit:
                raise error(_too_large(info.st_size, limit), path=path)
            if _NO_WAIT:
                os.set_blocking(handle.fileno(), True)
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise error(_too_large(len(data), limit), path=path)
        return data
    except FileNotFoundError:
        if os.path.islink(path):
            raise error("is a symbolic link to nothing; fix or remove the link", path=path) from None
        raise error("no such file; check the path", path=path) from None
    except PermissionError:
        raise error("cannot read it: permission denied", path=path) from None
    except OSError as failure:
        raise error(f"cannot read it: {failure.strerror or failure}", path=path) from None


def _too_large(size: int, limit: int) -> str:
    return f"is {size / 1e6:.0f} MB; at most {limit / 1e6:.0f} MB of text is read"


def read_text(path: str | Path, *, limit: int = MAX_TEXT_BYTES) -> str:
    """Read a text file a writer gave us; every failure is an InputError naming the file."""
    return decode_text(read_bytes(path, limit=limit), Path(path))


def _new_file_mode() -> int:
    """The mode a new file gets under the process's umask (mkstemp would give 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def ensure_folder(folder: Path, for_path: Path | None = None) -> None:
    """Make a folder (and its parents) to write into; an OutputError naming the path if that fails."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        blocking = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
        why = f"{blocking} is a file, not a folder" if blocking else error.strerror or error
        raise OutputError(f"cannot write here: {why}", path=for_path or folder) from None


def _replace(temporary: str, path: Path) -> None:
    try:
        os.replace(temporary, path)
    except OSError as error:
        os.unlink(temporary)
        raise OutputError(f"cannot write it: {error.strerror or error}", path=path) from None


# Temporary files are .storybible-<machine>.<process id>.<file name>.<random>.tmp
TEMPORARY_NAME = re.compile(r"^\.storybible-([0-9a-f]{8})\.(\d+)\..*\.tmp$", re.DOTALL)
# Room in a file name for the prefix and the random part, within 255 bytes.
_NAME_ROOM = 120


def machine_tag() -> str:
    """Eight hex digits that tell this machine from others sharing a folder (a network drive), so a
    process id is only ever looked up on the machine it belongs to."""
    import hashlib
    import socket

    return hashlib.sha256(socket.gethostname().encode("utf-8", "surrogateescape")).hexdigest()[:8]


def temporary_prefix(name: str) -> str:
    """How write_atomic's temporary files for ``name`` begin."""
    short = name.encode("utf-8", "surrogateescape")[:_NAME_ROOM].decode("utf-8", "ignore")
    return f".storybible-{machine_tag()}.{os.getpid()}.{short}."


def write_atomic(path: str | Path, text: str | bytes, *,
                 replace: Callable[[str, Path], None] = _replace) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename.

    The file keeps the permissions it had, or gets those of any new file. The temporary file's name
    carries storybible's prefix, the machine and the process id (``temporary_prefix``), so one left by
    a killed run can be told and removed, and no file of the writer's is ever taken for one.
    ``replace(temporary, path)`` does the rename and owns the temporary file from then on.
    """
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    ensure_folder(path.parent, path)
    try:
        import tempfile  # here, not at the top: a check that only reads starts 5 ms sooner

        handle, temporary = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror or error}", path=path) from None
    try:
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = _new_file_mode()
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write it: {error.strerror or error}", path=path) from None
        raise
    replace(temporary, path)
