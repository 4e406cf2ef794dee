"""The console script's entry: Ctrl-C, from the first moment on, ends with one line and status 130.

Click reports Ctrl-C as "Aborted!" with status 1, which means "continuity errors found"; and an
interrupt while modules are still loading would print a traceback. So the handler is installed
before anything else is imported.
"""
from __future__ import annotations

import signal
import sys

from toolkit.errors import ExitStatus, Interrupted


def _interrupt(signum, frame):
    raise Interrupted


def run() -> int:
    """Run the command line; on Ctrl-C say so in one line and return 130."""
    previous = signal.signal(signal.SIGINT, _interrupt)
    try:
        from toolkit.cli import main

        return main()
    except (Interrupted, KeyboardInterrupt):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not cut the message short
        try:
            sys.stderr.write("storybible: interrupted; every file is whole (written completely or not at all)\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        return ExitStatus.INTERRUPTED
    finally:
        if signal.getsignal(signal.SIGINT) is _interrupt:
            signal.signal(signal.SIGINT, previous)
