"""Cells a spreadsheet would run as formulas (=, +, -, @, tab, CR) get a leading apostrophe.

Titles and sentences come from anywhere on the web; a CSV opened in a spreadsheet must not
turn ``=HYPERLINK(...)`` in a headline into a live formula. (The dashboard's downloads do the
same in components/downloads.py, which may not import this package's internals.)
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
