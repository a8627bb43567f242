"""Timeline: claims per month per actor, the chosen window shaded; and presence over time, the
ledger's stays per country and actor with arrival and departure marks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import altair as alt
import pandas as pd

from components.actors import ActorStyle
from components.text import md_escape, one_line
from components.window_select import BRUSH, PICK
from news.ledger import Interval


def monthly_frame(counts: pd.DataFrame | None, months: tuple[str, ...], actors: list[str]) -> pd.DataFrame:
    """Dense month × actor counts (zeros filled) with columns month ("YYYY-MM"), actor, claims."""
    grid = pd.MultiIndex.from_product([list(months), list(actors)], names=["month", "actor"]).to_frame(index=False)
    if counts is None or len(counts) == 0:
        grid["claims"] = 0
        return grid
    df = counts.copy()
    mcol = "month" if "month" in df.columns else df.columns[0]
    df["month"] = pd.to_datetime(df[mcol].astype(str), errors="coerce").dt.strftime("%Y-%m")
    ccol = "claims" if "claims" in df.columns else ("count" if "count" in df.columns else df.columns[-1])
    df = df.dropna(subset=["month"]).groupby(["month", "actor"], as_index=False)[ccol].sum()
    df = df.rename(columns={ccol: "claims"})
    out = grid.merge(df, on=["month", "actor"], how="left")
    out["claims"] = out["claims"].fillna(0).astype(int)
    return out


def _brush():
    # x only: a drag across the chart picks months, whatever height it spans
    return alt.selection_interval(name=BRUSH, encodings=["x"])


def timeline_chart(frame: pd.DataFrame, styles: dict[str, ActorStyle], start: str, end: str, height: int = 170):
    """Claims per month per actor, the window shaded. Dragging across it (``BRUSH``) or clicking a
    month's bar (``PICK``) selects months: the page makes them the window (components/window_select.py)."""
    actors = [a for a in styles if a in set(frame["actor"])]
    data = frame.copy()
    data["label"] = data["actor"].map(lambda a: styles[a].label if a in styles else a)
    data["date"] = pd.to_datetime(data["month"] + "-01")
    colour = alt.Color(
        "label:N",
        scale=alt.Scale(domain=[styles[a].label for a in actors], range=[styles[a].colour for a in actors]),
        legend=alt.Legend(title=None, orient="top"),
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            # UTC months: in local time a reader west of Greenwich saw each month's bar a month early,
            # and a click on it (``PICK``) named that month
            x=alt.X("utcyearmonth(date):T", title=None, scale=alt.Scale(type="utc")),
            # whole claims: an empty timeline would otherwise read 0.000000 up its axis
            y=alt.Y("sum(claims):Q", title="claims / month", stack=True,
                    axis=alt.Axis(format="d", tickMinStep=1),
                    scale=alt.Scale(domainMin=0, domainMax=1) if int(data["claims"].sum()) == 0 else alt.Undefined),
            color=colour,
            tooltip=[
                alt.Tooltip("utcyearmonth(date):T", title="month"),
                alt.Tooltip("label:N", title="actor"),
                alt.Tooltip("sum(claims):Q", title="claims"),
            ],
        )
        .add_params(_brush(), alt.selection_point(name=PICK, encodings=["x"]))
    )
    window = pd.DataFrame(
        {"a": [pd.Timestamp(start + "-01")], "b": [pd.Period(end, freq="M").end_time.normalize()]}
    )
    band = alt.Chart(window).mark_rect(opacity=0.12, color="#444").encode(x="a:T", x2="b:T")
    return (band + bars).properties(height=height)


# ---------------------------------------------------------------- presence over time (the ledger)


def interval_frame(intervals: Iterable[Interval] | pd.DataFrame, actors: Iterable[str], countries: Iterable[str],
                   last_day: date, names: Mapping[str, str], labels: Mapping[str, str], limit: int = 20) -> pd.DataFrame:
    """The ledger's intervals of ``actors`` in ``countries`` as chart rows: one per stay, ``start``
    to ``stop`` (an open stay runs to ``last_day``, the store's last report), with its arrival and
    departure days. At most ``limit`` actor × country lines, the most recently reported first."""
    wanted_a, wanted_c = set(actors), set(countries)
    if isinstance(intervals, pd.DataFrame):  # a ledger frame (news/ledger_frame.py): column-wise
        return _frame_rows(intervals, wanted_a, wanted_c, last_day, names, labels, limit)
    rows = []
    for i in intervals:
        if i.actor not in wanted_a or i.iso3 not in wanted_c:
            continue
        rows.append({
            "actor": i.actor, "iso3": i.iso3, "label": labels.get(i.actor, i.actor),
            "line": f"{one_line(names.get(i.iso3, i.iso3))} · {one_line(labels.get(i.actor, i.actor))}",
            "start": pd.Timestamp(i.start), "stop": pd.Timestamp(i.ended or max(i.stop, last_day)),
            "arrival": pd.Timestamp(i.first_reported) if i.first_reported else pd.NaT,
            "last_confirmed": pd.Timestamp(i.last_confirmed) if i.last_confirmed else pd.NaT,
            "departure": pd.Timestamp(i.ended) if i.ended else pd.NaT,
            "sources": i.independent_sources, "contradicted": " ".join(i.contradicted),
        })
    df = pd.DataFrame(rows, columns=INTERVAL_COLUMNS)
    if df.empty:
        return df
    return _recent_lines(df, limit)


INTERVAL_COLUMNS = ["actor", "iso3", "label", "line", "start", "stop", "arrival", "last_confirmed", "departure",
                    "sources", "contradicted"]


def _recent_lines(df: pd.DataFrame, limit: int) -> pd.DataFrame:
    recent = df.groupby("line")["stop"].max().sort_values(ascending=False)
    keep = set(recent.index[:limit])
    return df[df["line"].isin(keep)].sort_values(["line", "start"], kind="stable").reset_index(drop=True)


def _frame_rows(ledger: pd.DataFrame, actors: set[str], countries: set[str], last_day: date,
                names: Mapping[str, str], labels: Mapping[str, str], limit: int) -> pd.DataFrame:
    """``interval_frame``'s rows from a ledger frame without an object per stay: the page asks it
    on every rerun, and a large store holds tens of thousands of stays."""
    f = ledger[ledger["actor"].isin(list(actors)) & ledger["iso3"].isin(list(countries))]
    if f.empty:
        return pd.DataFrame(columns=INTERVAL_COLUMNS)
    ts = lambda frame, c: pd.to_datetime(frame[c]).astype("datetime64[us]")  # noqa: E731
    last = pd.Timestamp(last_day)
    stop_all = ts(f, "ended").where(f["ended"].notna(), ts(f, "stop").where(ts(f, "stop") > last, last))
    # the lines shown are chosen first, from one row per actor × country (a few hundred), and only
    # their stays are shaped: a large store holds tens of thousands of stays, and naming each one
    # (one_line per row) cost seconds per rerun for the twenty lines drawn
    latest = pd.DataFrame({"actor": f["actor"].astype(object), "iso3": f["iso3"].astype(object), "stop": stop_all}) \
        .groupby(["actor", "iso3"], sort=False)["stop"].max().reset_index()
    latest["line"] = _line(latest["actor"], latest["iso3"], names, labels)
    keep = set(_top_lines(latest, limit))
    picked = latest[latest["line"].isin(keep)]
    chosen = pd.MultiIndex.from_frame(picked[["actor", "iso3"]])
    rows = pd.MultiIndex.from_arrays([f["actor"].astype(object), f["iso3"].astype(object)]).isin(chosen)
    f, stop_all = f[rows], stop_all[rows]
    actor, iso3 = f["actor"].astype(object), f["iso3"].astype(object)
    label = actor.map(lambda a: labels.get(a, a))
    ended = ts(f, "ended")
    df = pd.DataFrame({
        "actor": actor, "iso3": iso3, "label": label, "line": _line(actor, iso3, names, labels),
        "start": ts(f, "start"), "stop": stop_all,
        "arrival": ts(f, "first_reported"), "last_confirmed": ts(f, "last_confirmed"), "departure": ended,
        "sources": f["independent_sources"].astype(int), "contradicted": f["contradicted"].map(" ".join),
    }, columns=INTERVAL_COLUMNS)
    return _recent_lines(df, limit)


def _line(actor: pd.Series, iso3: pd.Series, names: Mapping[str, str], labels: Mapping[str, str]) -> pd.Series:
    """A stay's chart line: "country · actor", each part on one line."""
    label = actor.map(lambda a: labels.get(a, a))
    return iso3.map(lambda i: one_line(names.get(i, i))) + " · " + label.map(one_line)


def _top_lines(latest: pd.DataFrame, limit: int) -> list[str]:
    """``_recent_lines``' choice of lines, from each actor × country's latest stop."""
    recent = latest.groupby("line")["stop"].max().sort_values(ascending=False)
    return list(recent.index[:limit])


def intervals_chart(frame: pd.DataFrame, styles: dict[str, ActorStyle], start: str, end: str):
    """One line per country and actor: a bar per stay, ▶ at an arrival, ✕ at a departure; the
    window shaded as on the counts above. Dragging across it (``BRUSH``) sets the window."""
    actors = [a for a in styles if a in set(frame["actor"])]
    colour = alt.Color("label:N", scale=alt.Scale(domain=[styles[a].label for a in actors],
                                                  range=[styles[a].colour for a in actors]), legend=None)
    tips = [alt.Tooltip("line:N", title="where"), alt.Tooltip("arrival:T", title="first reported"),
            alt.Tooltip("last_confirmed:T", title="last confirmed"), alt.Tooltip("departure:T", title="ended"),
            alt.Tooltip("sources:Q", title="independent sources"), alt.Tooltip("contradicted:N", title="contradicted")]
    y = alt.Y("line:N", title=None, sort=None)
    base = alt.Chart(frame)
    bars = base.mark_bar(height=8, opacity=0.75).encode(x=alt.X("start:T", title=None), x2="stop:T", y=y,
                                                         color=colour, tooltip=tips).add_params(_brush())
    arrivals = base.transform_filter("isValid(datum.arrival)").mark_point(
        shape="triangle-right", size=90, filled=True).encode(x="arrival:T", y=y, color=colour, tooltip=tips)
    departures = base.transform_filter("isValid(datum.departure)").mark_point(
        shape="cross", size=110, filled=True, color="#222").encode(x="departure:T", y=y, tooltip=tips)
    window = pd.DataFrame({"a": [pd.Timestamp(start + "-01")], "b": [pd.Period(end, freq="M").end_time.normalize()]})
    band = alt.Chart(window).mark_rect(opacity=0.12, color="#444").encode(x="a:T", x2="b:T")
    height = 26 * max(frame["line"].nunique(), 1) + 30
    return (band + bars + arrivals + departures).properties(height=height)


def intervals_html(frame: pd.DataFrame) -> str:
    """The same intervals as an escaped list (read by screen readers, and by the browser tests)."""
    items = []
    for line, group in frame.groupby("line", sort=False):
        stays = []
        for r in group.to_dict(orient="records"):
            arrived = _iso(r["arrival"]) or "departure only"
            tail = f"ended {_iso(r['departure'])}" if _iso(r["departure"]) else "still reported"
            stays.append(f"{arrived} → last confirmed {_iso(r['last_confirmed']) or '—'}, {tail}, "
                         f"{r['sources']} independent source{'s' * (r['sources'] != 1)}"
                         + (f", contradicted {r['contradicted']}" if r["contradicted"] else ""))
        items.append(f'<li class="fp-stay"><b>{md_escape(line)}</b>: {md_escape("; ".join(stays))}</li>')
    return '<ul class="fp-stays">' + "".join(items) + "</ul>"


def _iso(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()
