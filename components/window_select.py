"""From a timeline selection to the date window: brushing or clicking the timeline sets from=/to=.

The timeline charts (components/timeline.py) carry two Vega-Lite selection parameters, and
Streamlit 1.67 (``st.altair_chart(..., on_select="rerun")``) hands their state back as
``event.selection``: a mapping from each parameter's name to its value. Their shapes, as the
browser sends them:

- ``BRUSH``, an interval on the x axis: ``{"brush": {FIELD: [low, high]}}``. FIELD is the x
  field (``utcyearmonth_date`` for the monthly bars, ``start`` for the stays); the ends are epoch
  milliseconds (Vega's time scale inverted at the pixels dragged) or date strings.
- ``PICK``, a click on a month's bar: ``{"pick": [{"utcyearmonth_date": "2021-12-01T00:00:00.000Z"}, ...]}``, a
  value per clicked bar (on the x encoding: the bars aggregate their rows, so a plain field
  such as ``month`` is not in them and a click would give ``[{}]``; naming the encoding keeps
  Vega's row id out too).

Pure: the page keeps the last selection it acted on and calls this only on a new one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

BRUSH = "brush"  # the interval selection's name in both charts
PICK = "pick"  # the monthly chart's click on a bar


def _month(value: Any) -> str | None:
    """ "YYYY-MM" of an epoch-milliseconds number or a date(-time) string; None if neither."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        if isinstance(value, (int, float)):
            if value != value or abs(value) > 1e15:  # NaN, or past any date pandas holds
                return None
            ts = pd.Timestamp(int(value), unit="ms", tz="UTC")
        elif isinstance(value, str):
            ts = pd.Timestamp(value)
        else:
            return None
    except (ValueError, OverflowError, TypeError):
        return None
    return None if pd.isna(ts) else f"{ts.year:04d}-{ts.month:02d}"


def _clamp(lo: str, hi: str, months: Sequence[str]) -> tuple[str, str] | None:
    if lo > hi:
        lo, hi = hi, lo
    if hi < months[0] or lo > months[-1]:
        return None  # entirely outside the data: nothing to show there
    return max(lo, months[0]), min(hi, months[-1])


def window_from_selection(selection: Mapping[str, Any] | None, months: Sequence[str]) -> tuple[str, str] | None:
    """The window (first, last month, both in ``months``) a timeline selection asks for.

    A brush covers every month it touches; a click on a bar is that month (several clicked bars,
    shift-click, span from the first to the last). None when the selection is empty (a click
    beside the bars clears the brush: the window then stays as it is), malformed, or outside
    the data.
    """
    if not selection or not months:
        return None
    brush = selection.get(BRUSH)
    if isinstance(brush, Mapping):
        for ends in brush.values():
            if isinstance(ends, Sequence) and not isinstance(ends, str) and len(ends) >= 2:
                lo, hi = _month(ends[0]), _month(ends[-1])
                if lo and hi:
                    return _clamp(lo, hi, months)
    picked = selection.get(PICK)
    if isinstance(picked, Sequence) and not isinstance(picked, str):
        found = sorted(m for p in picked if isinstance(p, Mapping) for m in map(_month, p.values()) if m)
        if found:
            return _clamp(found[0], found[-1], months)
    return None


def selection_key(selection: Mapping[str, Any] | None) -> str | None:
    """A stable text for a selection, so the page acts once on each new one (not on every rerun)."""
    if not selection:
        return None
    return repr(sorted((str(k), repr(v)) for k, v in selection.items()))
