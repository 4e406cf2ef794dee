"""Reading writers' text files in the encodings they come in, and writing files atomically.

This is the toolkit's one decoder: synopses, bibles and Fountain scripts all go through
``decode_text``.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from toolkit.errors import InputError, OutputError

# A synopsis is prose; anything far larger is not one.
MAX_TEXT_BYTES = 5_000_000
# A ten-episode season is about 1 MB of Fountain; 16 MB is some 10,000 pages.
MAX_SCRIPT_BYTES = 16_000_000

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
    """Decode a writer's file: UTF-8 (a byte-order mark is dropped), else Windows-1252, else Latin-1;
    a file with a UTF-16 byte-order mark is read as UTF-16.

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
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            text = data.decode("latin-1")
    controls = len(_CONTROL.findall(text))
    if controls and controls > _CONTROL_SHARE_LIMIT * len(text):
        raise InputError(_NOT_TEXT.format(why=f"{controls} control characters in {len(text)}"), path=path,
                         line=_line_of(text, _CONTROL.search(text).start()))
    return text if keep_line_endings else normalise_newlines(text)


def read_bytes(path: str | Path, *, limit: int = MAX_TEXT_BYTES, error: type[InputError] = InputError) -> bytes:
    """The bytes of a file a writer gave us, refusing folders and files over ``limit`` before reading;
    every failure is an ``error`` naming the file."""
    path = Path(path)
    try:
        if path.is_dir():
            raise error("is a folder, not a file", path=path)
        size = path.stat().st_size
        if size > limit:
            raise error(f"is {size / 1e6:.0f} MB; at most {limit / 1e6:.0f} MB of text is read", path=path)
        return path.read_bytes()
    except FileNotFoundError:
        raise error("no such file; check the path", path=path) from None
    except PermissionError:
        raise error("cannot read it: permission denied", path=path) from None
    except OSError as failure:
        raise error(f"cannot read it: {failure.strerror or failure}", path=path) from None


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


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename.

    The file keeps the permissions it had, or gets those of any new file.
    """
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    ensure_folder(path.parent, path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
        os.replace(temporary, path)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise OutputError(f"cannot write it: {error.strerror or error}", path=path) from None
        raise
