import sys

from toolkit.entry import run

sys.exit(run())
