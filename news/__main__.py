"""``python -m news ...``: see news.cli."""

import sys

from news.cli import main

if __name__ == "__main__":
    sys.exit(main())
