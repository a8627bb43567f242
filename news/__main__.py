"""``python -m news ...``: the ``footprint`` command under its older name; see news.cli."""

import sys

from news.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m news"))
