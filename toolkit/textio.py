"""Reading writers' text files in the encodings they come in, and writing files atomically."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from toolkit.errors import InputError, OutputError

# A synopsis is prose; anything far larger is not one.
MAX_TEXT_BYTES = 5 * 1024 * 1024
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}


def decode_text(data: bytes, path: object) -> str:
    """Decode UTF-8 (with or without BOM), else Windows-1252, else Latin-1; refuse binary data.

    Line endings are normalised to LF; line numbers stay those of the file.
    """
    if b"\x00" in data[:65536]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("this is a binary file, not text (NUL byte)", path=path, line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    sample = text[:65536]
    if sample and sum(ord(ch) in _CONTROL for ch in sample) > max(8, len(sample) // 100):
        raise InputError("this is a binary file, not text (control characters)", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | Path, *, limit: int = MAX_TEXT_BYTES) -> str:
    """Read a text file a writer gave us; every failure is an InputError naming the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError("is a folder, not a file", path=path)
        if size > limit:
            raise InputError(f"is {size / 1e6:.0f} MB; at most {limit / 1e6:.0f} MB of text is read", path=path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except PermissionError:
        raise InputError("cannot read it: permission denied", path=path) from None
    except OSError as error:
        raise InputError(f"cannot read it: {error.strerror or error}", path=path) from None
    return decode_text(data, path)


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write a whole file or nothing: a temporary file in the same folder, then a rename."""
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror or error}", path=path) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise OutputError(f"cannot write it: {error.strerror or error}", path=path) from None
