import sys

from toolkit.cli.entry import run

sys.exit(run())
