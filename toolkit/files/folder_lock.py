"""The lock on a story folder: one run at a time changes a story's files and its state file."""
from __future__ import annotations

import logging
import math
import os
import time
from contextlib import contextmanager
from pathlib import Path

from toolkit.errors import InputError, OutputError
from toolkit.files.textio import ensure_folder

# How long a run waits for another run that holds a story folder's lock before giving up.
LOCK_TIMEOUT_SECONDS = 60.0
_LOCK_POLL_SECONDS = 0.1

log = logging.getLogger("storybible")


def lock_timeout() -> float:
    """STORYBIBLE_LOCK_TIMEOUT in seconds (LOCK_TIMEOUT_SECONDS when unset or empty); an InputError
    for anything but a finite number of seconds, 0 or more."""
    raw = os.environ.get("STORYBIBLE_LOCK_TIMEOUT", "").strip()
    if not raw:
        return LOCK_TIMEOUT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds >= 0):
        raise InputError(f"STORYBIBLE_LOCK_TIMEOUT must be a number of seconds, 0 or more, not {raw!r}")
    return seconds


@contextmanager
def folder_lock(folder: Path):
    """Hold an exclusive lock on a story folder while its owned files and state file change, so two
    runs at once cannot interleave (where the platform has flock; elsewhere each file is still atomic).

    A run that finds the folder locked says so and waits; it gives up after STORYBIBLE_LOCK_TIMEOUT
    seconds (default 60) with an OutputError.
    """
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    ensure_folder(folder)
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise OutputError(f"cannot write here: {error.strerror or error}", path=folder) from None
    try:
        timeout = lock_timeout()
        started = time.monotonic()
        waiting = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waiting:
                    log.warning("%s: waiting for another storybible run that holds this story's lock "
                                "(at most %.0f s)", folder, timeout)
                    waiting = True
                if time.monotonic() - started >= timeout:
                    raise OutputError(f"another storybible run still holds this story's lock after {timeout:.0f} s;"
                                      " try again when it has finished", path=folder) from None
                time.sleep(_LOCK_POLL_SECONDS)
        yield
    finally:
        os.close(handle)  # closing releases the lock
