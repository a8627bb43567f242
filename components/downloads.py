"""What the download buttons hand over: which rows, under which file name, with which label.

Why its own module: a file saved from the page is read later, away from the page, and its name
is all that says what it holds. So the name carries every filter that narrowed it (actors,
countries or the selected country, status, minimum confidence, language, outlet, window), and
every file follows the selected country, as the sources list does. Pure functions over the
``ViewState``, tested without Streamlit.
"""

from __future__ import annotations

import hashlib

import pandas as pd
from slugify import slugify  # python-slugify: transliterates any script ("Медуза" -> "meduza")

from components.state import STATUSES, Options, ViewState

# A file name stays well under the 255 bytes every common file system allows, and readable.
MAX_NAME = 120
MAX_PART = 40  # one filter's share of the name (a list of outlets, of countries)
MAX_LISTED = 4  # values of one filter named before "and N more"


def _slug(text: str, max_length: int = MAX_PART) -> str:
    """Letters, digits and hyphens only (any script transliterated): safe on every file system."""
    return slugify(str(text), max_length=max_length, word_boundary=True, lowercase=True)


def _listed(values: tuple[str, ...] | list[str], *, upper: bool = False) -> str:
    """``a-b-c`` for a few values, ``a-b-and-3-more`` when they do not fit in ``MAX_PART``:
    each value slugged (a value with no letter or digit in any script by a short hash)."""
    names = [_slug(v, MAX_PART // 2) or _short_hash(v) for v in values]
    if upper:
        names = [n.upper() for n in names]
    for shown in range(min(len(names), MAX_LISTED), 0, -1):
        more = len(names) - shown
        text = "-".join(names[:shown]) + (f"-and-{more}-more" if more else "")
        if len(text) <= MAX_PART:
            return text
    return f"{names[0][:MAX_PART // 2]}-and-{len(names) - 1}-more" if len(names) > 1 else names[0]


def _short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def filter_parts(state: ViewState, options: Options) -> list[str]:
    """The filters in force, one slug each, in a fixed order; defaults (all of a kind) left out
    except the actors, which a file always names."""
    parts: list[str] = []
    if state.actors and set(state.actors) >= set(options.actors):
        parts.append("all-actors" if len(options.actors) > MAX_LISTED else _listed(sorted(state.actors)))
    else:
        parts.append(_listed(list(state.actors)) if state.actors else "no-actors")
    if state.selected:
        parts.append(f"country-{_listed([state.selected], upper=True)}")
    elif state.countries:
        parts.append(f"countries-{_listed(list(state.countries), upper=True)}")
    if tuple(state.statuses) != STATUSES:
        parts.append(_listed(list(state.statuses)) if state.statuses else "no-status")
    if state.min_confidence:
        parts.append(f"conf-{state.min_confidence:.2f}")
    if state.languages:
        parts.append(f"lang-{_listed(list(state.languages))}")
    if state.outlets:
        parts.append(f"outlet-{_listed(list(state.outlets))}")
    return parts


def download_name(kind: str, state: ViewState, options: Options, ext: str) -> str:
    """``footprint_<kind>_<filters>_<from>_<to>.<ext>``, at most ``MAX_NAME`` characters.

    The window always stays whole, at the end where a sorted folder lines files up by date;
    when the filters do not fit, they are cut and a short hash of all of them keeps two
    different selections from getting the same name.
    """
    window = f"{state.start}_{state.end}"
    head = f"footprint_{_slug(kind, 20) or 'export'}"
    middle = "_".join(p for p in filter_parts(state, options) if p)
    suffix = f".{_slug(ext, 10) or 'txt'}"
    room = MAX_NAME - len(head) - len(window) - len(suffix) - 2
    if len(middle) > room:
        tag = _short_hash(middle, 8)
        middle = middle[: max(0, room - len(tag) - 1)].rstrip("_-") + "_" + tag
    return "_".join(p for p in (head, middle, window) if p) + suffix


def for_selected(rows: pd.DataFrame, selected: str | None) -> pd.DataFrame:
    """The rows of the selected country only, when one is selected: every download follows it."""
    if not selected or rows is None or len(rows) == 0 or "iso3" not in rows.columns:
        return rows
    return rows.loc[rows["iso3"] == selected].reset_index(drop=True)


def download_label(what: str, count: int, unit: str, country: str | None) -> str:
    """The button's text: what the file is, how much it holds, and whose (``country`` when one
    is selected): ``Download layer rows (CSV): 2 rows, Libya only``."""
    plural = unit if count == 1 else unit + "s"
    scope = f"{country} only" if country else "all countries shown"
    return f"Download {what}: {count:,} {plural}, {scope}"
