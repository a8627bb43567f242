"""The presence lexicon: one TOML file per language, every word list of the rules as data.

Why data: a reviewer reads what the rules react to in a language without reading code, and a
new language is one file with the same keys (plus its test cases), not an edit of Python. The
files are validated when loaded, like spaCy's patterns: an unknown key, a value that is not a
list of strings, or a pattern that does not compile is an error naming the file, the key and the
line, raised before any article is read.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent

# The word lists news.presence.cues builds: every language's file may give each (an absent key is an
# empty list for that language), and no other key.
KEYS = (
    "present", "ended", "modal", "negation", "visit", "hedge", "locative", "local_force", "place_anaphora",
    "region_anaphora", "plural_place_anaphora", "trains", "companion", "territory_after", "ordered", "host",
    "identity", "characterise", "published", "guards", "leader", "war", "places_where",
)


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file, key and line."""


def _line_of(text: str, needle: str) -> int:
    """The line of ``needle``'s first appearance in ``text`` (1 when not found)."""
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def parse(text: str, name: str) -> dict[str, tuple[str, ...]]:
    """One file's lists, validated."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name}: not valid TOML ({exc})") from exc
    out: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        where = f"{name}, key {key!r}, line {_line_of(text, key + ' =')}"
        if key not in KEYS:
            raise LexiconError(f"{where}: unknown key (known: {', '.join(KEYS)})")
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise LexiconError(f"{where}: must be a list of non-empty strings")
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                line = _line_of(text, pattern.replace("\\", "\\\\"))
                raise LexiconError(f"{name}, key {key!r}, line {line}: pattern {pattern!r} does not "
                                   f"compile ({exc})") from exc
        out[key] = tuple(value)
    return out


@lru_cache(maxsize=4)
def load(folder: str | None = None) -> dict[str, tuple[str, ...]]:
    """Every key's patterns over every language file of ``folder`` (files in name order)."""
    lists: dict[str, list[str]] = {key: [] for key in KEYS}
    files = sorted(Path(folder or FOLDER).glob("*.toml"))
    if not files:
        raise LexiconError(f"{folder or FOLDER}: no lexicon files (*.toml)")
    for path in files:
        for key, patterns in parse(path.read_text(encoding="utf-8"), str(path)).items():
            lists[key].extend(patterns)
    return {key: tuple(v) for key, v in lists.items()}
