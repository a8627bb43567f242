"""The page's state as it lives in the URL: parse (with visible fallbacks) and serialise.

Pure functions over plain values: ``parse_query`` takes the query string as a mapping of
key -> list of values (what ``st.query_params.get_all`` gives) and the options the store
offers; it returns a ``ViewState`` and a list of human-readable notes for every value it
had to drop or replace. ``to_query`` writes a state back, leaving out values equal to the
defaults so a shared link stays short. ``parse_query(to_query(s)) == s`` for every valid s.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

STATUSES = ("present", "ended")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
# an article id is whatever the store holds (a hash, or a feed's own id with ':', '/', spaces,
# any script): the reader looks it up; links percent-encode it (``query_string``)
MAX_ARTICLE_ID = 512

# URL keys, short and stable: they are part of every shared link.
KEYS = {
    "actors": "actor",
    "start": "from",
    "end": "to",
    "countries": "country",
    "statuses": "status",
    "min_confidence": "conf",
    "languages": "lang",
    "outlets": "outlet",
    "selected": "sel",
    "view": "view",
    "article": "article",
    "review": "review",
    "since": "since",
}
# the review filter (news.store.queries.Filters.review): "" both, "machine" only, "reviewed" only
REVIEW_FILTERS = ("", "machine", "reviewed")


_KNOWN_KEYS = frozenset(KEYS.values())


@dataclass(frozen=True, slots=True)
class MapView:
    latitude: float = 12.0
    longitude: float = 20.0
    zoom: float = 1.3

    def to_param(self) -> str:
        return f"{self.latitude:.2f},{self.longitude:.2f},{self.zoom:.1f}"


DEFAULT_VIEW = MapView()
# Streamlit (1.67) sends a pydeck chart's pan and zoom to no one but the browser's deck: the app
# never learns them, so a view reaches the URL only when chosen here (or typed as view=lat,lon,zoom)
VIEW_PRESETS = {
    "World": DEFAULT_VIEW,
    "Africa": MapView(4.0, 18.0, 2.4),
    "Sahel and Libya": MapView(19.0, 5.0, 3.4),
    "Middle East": MapView(31.0, 40.0, 3.6),
    "Ukraine and Belarus": MapView(50.0, 30.0, 4.2),
}
CUSTOM_VIEW = "Custom (from the link)"


def view_preset(view: MapView) -> str:
    """The preset's name for ``view``, or ``CUSTOM_VIEW``."""
    return next((name for name, v in VIEW_PRESETS.items() if v == view), CUSTOM_VIEW)


@dataclass(frozen=True, slots=True)
class Options:
    """What the store offers: the choices every filter is checked against."""

    actors: tuple[str, ...]
    months: tuple[str, ...]  # "YYYY-MM", sorted, contiguous
    countries: tuple[str, ...] = ()  # ISO3 codes
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ViewState:
    actors: tuple[str, ...]
    start: str
    end: str
    countries: tuple[str, ...] = ()  # empty = all
    statuses: tuple[str, ...] = STATUSES
    min_confidence: float = 0.0
    languages: tuple[str, ...] = ()  # empty = all
    outlets: tuple[str, ...] = ()  # empty = all
    selected: str | None = None
    view: MapView = field(default_factory=MapView)
    article: str | None = None
    review: str = ""  # one of REVIEW_FILTERS
    since: str | None = None  # "YYYY-MM-DD": the "what changed since" view (ingest time, UTC)


def month_range(first: str, last: str) -> tuple[str, ...]:
    """Every month from ``first`` to ``last`` inclusive, as "YYYY-MM"."""
    y, m = map(int, first.split("-"))
    y2, m2 = map(int, last.split("-"))
    out = []
    while (y, m) <= (y2, m2):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def default_state(options: Options) -> ViewState:
    months = options.months or ("2014-01",)
    return ViewState(actors=tuple(options.actors), start=months[0], end=months[-1])


def _values(params: Mapping[str, Iterable[str] | str], key: str) -> list[str]:
    raw = params.get(key)
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = [raw]
    out: list[str] = []
    for v in raw:
        # accept both repeated keys and comma-separated lists
        out.extend(p.strip() for p in str(v).split(",") if p.strip())
    return out


def _short(value: str, limit: int = 40) -> str:
    value = "".join(ch for ch in value if ch.isprintable())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _pick(values: list[str], allowed: Iterable[str], name: str, notes: list[str], *, fold=None) -> tuple[str, ...]:
    allowed = tuple(allowed)
    lookup = {(fold(a) if fold else a): a for a in allowed}
    kept, dropped = [], []
    for v in values:
        key = fold(v) if fold else v
        if key in lookup:
            if lookup[key] not in kept:
                kept.append(lookup[key])
        else:
            dropped.append(v)
    if dropped:
        notes.append(f"Ignored unknown {name} in the link: {', '.join(_short(d) for d in dropped[:5])}.")
    return tuple(kept)


def parse_query(params: Mapping[str, Iterable[str] | str], options: Options) -> tuple[ViewState, list[str]]:
    """The state a URL asks for; anything malformed falls back to its default, with a note."""
    d = default_state(options)
    notes: list[str] = []
    s = d

    if KEYS["actors"] in params:
        got = _pick(_values(params, KEYS["actors"]), options.actors, "actor", notes, fold=str.lower)
        if got:
            s = replace(s, actors=tuple(a for a in options.actors if a in got))
        else:
            notes.append("No known actor in the link: showing all actors.")

    months = options.months or (d.start,)
    start, end = d.start, d.end
    for attr, key in (("start", KEYS["start"]), ("end", KEYS["end"])):
        vals = _values(params, key)
        if not vals:
            continue
        v = vals[-1]
        m = _MONTH.match(v)
        if not m or not 1 <= int(m.group(2)) <= 12:
            notes.append(f"'{key}={_short(v)}' is not a month like 2021-06: using {getattr(d, attr)}.")
            continue
        if v < months[0] or v > months[-1]:
            clamped = months[0] if v < months[0] else months[-1]
            notes.append(f"'{key}={v}' is outside the data ({months[0]} to {months[-1]}): using {clamped}.")
            v = clamped
        if attr == "start":
            start = v
        else:
            end = v
    if start > end:
        notes.append(f"The window starts ({start}) after it ends ({end}): showing the whole period.")
        start, end = d.start, d.end
    s = replace(s, start=start, end=end)

    if KEYS["countries"] in params:
        s = replace(
            s,
            countries=_pick(
                [v.upper() for v in _values(params, KEYS["countries"])],
                options.countries or [v.upper() for v in _values(params, KEYS["countries"]) if _ISO3.match(v.upper())],
                "country code",
                notes,
            ),
        )

    if KEYS["statuses"] in params:
        got = _pick(_values(params, KEYS["statuses"]), STATUSES, "status", notes, fold=str.lower)
        if got:
            s = replace(s, statuses=tuple(x for x in STATUSES if x in got))
        else:
            notes.append("No known status in the link: showing present and ended.")

    vals = _values(params, KEYS["min_confidence"])
    if vals:
        try:
            c = float(vals[-1])
            if not math.isfinite(c) or not 0.0 <= c <= 1.0:
                raise ValueError
            s = replace(s, min_confidence=round(c, 2))
        except ValueError:
            notes.append(f"'conf={_short(vals[-1])}' is not a number between 0 and 1: using 0.")

    if KEYS["languages"] in params:
        s = replace(s, languages=_pick(_values(params, KEYS["languages"]), options.languages, "language", notes,
                                       fold=str.lower))
    if KEYS["outlets"] in params:
        # outlet names may contain commas: take repeated values whole
        raw = params.get(KEYS["outlets"]) or []
        raw = [raw] if isinstance(raw, str) else list(raw)
        s = replace(s, outlets=_pick([r.strip() for r in raw if r.strip()], options.outlets, "outlet", notes))

    vals = _values(params, KEYS["selected"])
    if vals:
        v = vals[-1].upper()
        allowed = options.countries
        if _ISO3.match(v) and (not allowed or v in allowed):
            s = replace(s, selected=v)
        else:
            notes.append(f"Ignored unknown selected country '{_short(vals[-1])}'.")

    raw_view = params.get(KEYS["view"])
    if raw_view:
        v = raw_view if isinstance(raw_view, str) else list(raw_view)[-1]
        view = parse_view(v)
        if view is None:
            notes.append(f"'view={_short(v)}' is not 'latitude,longitude,zoom': using the world view.")
        else:
            s = replace(s, view=view)

    raw = params.get(KEYS["article"])
    if raw:
        # taken whole (an id may hold commas or spaces); whether it exists is the reader's lookup
        v = raw if isinstance(raw, str) else list(raw)[-1]
        if 0 < len(v) <= MAX_ARTICLE_ID:
            s = replace(s, article=v)
        elif v:
            notes.append(f"Ignored an article id longer than {MAX_ARTICLE_ID} characters in the link.")
    vals = _values(params, KEYS["review"])
    if vals:
        v = vals[-1].lower()
        if v in REVIEW_FILTERS[1:]:
            s = replace(s, review=v)
        else:
            notes.append(f"'review={_short(vals[-1])}' is not machine or reviewed: showing both.")
    vals = _values(params, KEYS["since"])
    if vals:
        v = vals[-1]
        if _DAY.match(v) and _valid_day(v):
            s = replace(s, since=v)
        else:
            notes.append(f"'since={_short(v)}' is not a date like 2024-06-01: the changes view is off.")
    unknown = sorted(k for k in params if k not in _KNOWN_KEYS)
    if unknown:
        shown = ", ".join(f"'{_short(k, 20)}'" for k in unknown[:3]) + (" …" if len(unknown) > 3 else "")
        notes.append(f"Ignored unknown link parameter{'s' * (len(unknown) > 1)} {shown}.")
    return s, notes


def _valid_day(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def parse_view(value: str) -> MapView | None:
    parts = value.split(",")
    if len(parts) != 3:
        return None
    try:
        lat, lon, zoom = (float(p) for p in parts)
    except ValueError:
        return None
    if not all(math.isfinite(x) for x in (lat, lon, zoom)):
        return None
    if not (-85 <= lat <= 85 and -180 <= lon <= 180 and 0 <= zoom <= 12):
        return None
    return MapView(round(lat, 2), round(lon, 2), round(zoom, 1))


def to_query(state: ViewState, options: Options) -> dict[str, str | list[str]]:
    """The query string for ``state``: only what differs from the defaults."""
    d = default_state(options)
    q: dict[str, str | list[str]] = {}
    if set(state.actors) != set(d.actors):
        q[KEYS["actors"]] = list(state.actors)
    if state.start != d.start:
        q[KEYS["start"]] = state.start
    if state.end != d.end:
        q[KEYS["end"]] = state.end
    if state.countries:
        q[KEYS["countries"]] = list(state.countries)
    if set(state.statuses) != set(STATUSES):
        q[KEYS["statuses"]] = list(state.statuses)
    if state.min_confidence > 0:
        q[KEYS["min_confidence"]] = f"{state.min_confidence:g}"
    if state.languages:
        q[KEYS["languages"]] = list(state.languages)
    if state.outlets:
        q[KEYS["outlets"]] = list(state.outlets)
    if state.selected:
        q[KEYS["selected"]] = state.selected
    if state.view != DEFAULT_VIEW:
        q[KEYS["view"]] = state.view.to_param()
    if state.article:
        q[KEYS["article"]] = state.article
    if state.review:
        q[KEYS["review"]] = state.review
    if state.since:
        q[KEYS["since"]] = state.since
    return q


def query_string(q: Mapping[str, str | list[str]]) -> str:
    """``?k=v&k=w`` for a mapping from ``to_query`` (used for in-app links)."""
    from urllib.parse import urlencode

    pairs: list[tuple[str, str]] = []
    for k, v in q.items():
        for item in [v] if isinstance(v, str) else v:
            pairs.append((k, item))
    return "?" + urlencode(pairs) if pairs else "?"


def step_window(state: ViewState, options: Options, months: int = 1) -> tuple[ViewState, bool]:
    """Move the window ``months`` later keeping its width; False once it reaches the last month."""
    ms = options.months
    if not ms:
        return state, False
    i, j = ms.index(state.start), ms.index(state.end)
    if j >= len(ms) - 1:
        return state, False
    k = min(months, len(ms) - 1 - j)
    return replace(state, start=ms[i + k], end=ms[j + k]), j + k < len(ms) - 1


def follow_data(window: tuple[str, str], before: tuple[str, ...], after: tuple[str, ...]) -> tuple[str, str]:
    """The window once the store's months go from ``before`` to ``after`` (a new ingest).

    An edge of the window that sat on the data's edge follows it: the URL leaves such an edge
    out (``to_query``), so "up to the last month" means "up to the latest data", for an open
    page as for a shared link. An edge the user moved inside the data (or that a link named)
    stays where it is; one the data no longer reaches is clamped to it.
    """
    if not before or not after:
        return (after[0], after[-1]) if after else window
    start, end = window
    start = after[0] if start == before[0] else start
    end = after[-1] if end == before[-1] else end
    start = min(max(start, after[0]), after[-1])
    end = min(max(end, after[0]), after[-1])
    return (start, end) if start <= end else (after[0], after[-1])
