"""The store's side of the ledger: the plain rows ``news.ledger`` folds, read with DuckDB, and the
ledger as CSV or JSON.

The rows are every claim with an actor and a country, joined to its article's publication date,
ingest time, link, title, outlet and syndication cluster. Columns other sessions add to the store
(``articles.cluster``; ``claims.as_of``, ``until``, ``background``) are read when the store's
views have them and left out otherwise: ``news.ledger`` gives each a fallback (the article is its
own cluster, the claim is told at the article's date and is not background), so a store written
before them, or a Footprint without them, gives the same ledger it always did.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from news.ledger import LEDGER_FIELDS, Interval, record
from news.ledger_frame import intervals as frame_intervals
from news.ledger_frame import ledger_frame
from news.store import Store
from news.store.export import LEDGER_COLUMNS, plain, safe_cell

CLAIM_FIELDS = ("article_id", "actor", "iso3", "status", "date")
CLAIM_OPTIONAL = ("as_of", "as_of_precision", "until", "background")
ARTICLE_FIELDS = ("published", "ingested_at", "url", "title", "outlet")
ARTICLE_OPTIONAL = ("cluster",)
# what the column-wise fold (news/ledger_frame.py) reads of the articles: the links, titles,
# outlets and ingest times are for the alerts; at a million claims they were ~0.5 GB of strings
FRAME_ARTICLE_FIELDS = ("published",)


def _columns(con, table: str) -> set[str]:
    return {d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description}


def ledger_input(store: Store | str | os.PathLike | None, actors: Iterable[str] = (),
                 countries: Iterable[str] = (), article_fields: Iterable[str] = ARTICLE_FIELDS) -> pd.DataFrame:
    """Claims with actor and country, and the article fields the ledger and the alerts use
    (``article_fields``, plus the cluster when the store has it)."""
    s = store if isinstance(store, Store) else Store(store)
    con = s.connect()
    try:
        claim_cols = [*CLAIM_FIELDS, *(c for c in CLAIM_OPTIONAL if c in _columns(con, "claims"))]
        art_cols = [*article_fields, *(c for c in ARTICLE_OPTIONAL if c in _columns(con, "articles"))]
        conds, params = ["c.actor IS NOT NULL", "c.iso3 IS NOT NULL"], []
        for column, values in (("actor", [a.lower() for a in actors]), ("iso3", [c.upper() for c in countries])):
            if values:
                conds.append(f"lower(c.{column}) IN (SELECT lower(unnest(?)))")
                params.append(values)
        select = ", ".join([*(f'c."{c}"' for c in claim_cols), *(f'a."{c}"' for c in art_cols)])
        return con.execute(f"""SELECT {select} FROM claims c JOIN articles a ON a.id = c.article_id
                               WHERE {' AND '.join(conds)}""", params).df()
    finally:
        con.close()


def store_ledger(store: Store | str | os.PathLike | None, actors: Iterable[str] = (),
                 countries: Iterable[str] = ()) -> list[Interval]:
    """The ledger of the store's claims (of ``actors`` and ``countries``; empty: all)."""
    return frame_intervals(store_ledger_frame(store, actors, countries))


def store_ledger_frame(store: Store | str | os.PathLike | None, actors: Iterable[str] = (),
                       countries: Iterable[str] = ()) -> pd.DataFrame:
    """The ledger as a frame (news/ledger_frame.py, the column-wise fold: what the dashboard
    keeps, a million claims take seconds, not the reference's minutes)."""
    return ledger_frame(ledger_input(store, actors, countries, article_fields=FRAME_ARTICLE_FIELDS))


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country names by ISO3 from the shapes (empty when they cannot be read: codes are shown)."""
    try:
        from geo.shapes import country_table  # lazy: geopandas is heavy

        table = country_table()
        return dict(zip(table["iso3"], table["name"], strict=True))
    except Exception:
        return {}


def ledger_records(intervals: Iterable[Interval]) -> list[dict]:
    names = country_names()
    return [record(i, names.get(i.iso3)) for i in intervals]


def ledger_csv(records: list[dict]) -> str:
    """Records as a formula-safe CSV: lists joined by spaces, empty cells for none."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(LEDGER_FIELDS)
    for r in records:
        cells = []
        for field in LEDGER_FIELDS:
            v = r.get(field)
            v = " ".join(v) if isinstance(v, list) else plain(v)
            cells.append("" if v is None else safe_cell(v))
        writer.writerow(cells)
    return buf.getvalue()


def ledger_json(records: list[dict]) -> str:
    return json.dumps([{f: r.get(f) for f in LEDGER_FIELDS} for r in records], ensure_ascii=False, indent=1)


def interval_at(intervals: Iterable[Interval], as_of: date | None = None) -> dict[tuple[str, str], Interval]:
    """Each actor × country's interval as of ``as_of``: the latest one that started on or before it
    (None: the latest of all). A pair whose every interval starts later has none."""
    found: dict[tuple[str, str], Interval] = {}
    for i in intervals:
        if as_of is not None and i.start > as_of:
            continue
        key = (i.actor, i.iso3)
        if key not in found or found[key].start <= i.start:
            found[key] = i
    return found


def current_frame(frame: pd.DataFrame, as_of: date | None = None) -> pd.DataFrame:
    """``interval_at`` over a ledger frame, column-wise: one row per actor × country, indexed by
    them (a window move asks this of every interval in the store)."""
    # intervals of a pair never overlap, so their starts differ: the latest start is the one.
    # Chosen on numpy positions, and only the chosen rows (one per pair) taken from the frame:
    # sorting and de-duplicating every stay's row (a hundred thousand at a million articles,
    # with their lists of contradicted months) cost over half a second per window move.
    start = pd.to_datetime(frame["start"]).to_numpy(dtype="datetime64[ns]")
    keep = np.flatnonzero(start <= np.datetime64(pd.Timestamp(as_of))) if as_of is not None else np.arange(len(frame))
    actor, _ = pd.factorize(frame["actor"], use_na_sentinel=False)
    iso3, isos = pd.factorize(frame["iso3"], use_na_sentinel=False)
    pair = actor.astype(np.int64) * (len(isos) + 1) + iso3
    order = keep[np.lexsort((start[keep], pair[keep]))]  # by pair, then start (stable for equal starts)
    last = np.flatnonzero(np.append(pair[order][1:] != pair[order][:-1], True)) if len(order) else order
    return frame.iloc[order[last]].set_index(["actor", "iso3"])


def selected_intervals(frame: pd.DataFrame, actors: Iterable[str], countries: Iterable[str]) -> list[Interval]:
    """The intervals of ``actors`` in ``countries`` (exact codes) of a ledger frame: what the
    page's "presence over time" chart draws, without turning the whole ledger into objects."""
    keep = frame["actor"].isin(list(actors)) & frame["iso3"].isin(list(countries))
    return frame_intervals(frame[keep])


def _as_frame(intervals: Iterable[Interval]) -> pd.DataFrame:
    items = list(intervals)
    return pd.DataFrame({
        "actor": [i.actor for i in items], "iso3": [i.iso3 for i in items],
        "first_reported": pd.to_datetime(pd.Series([i.first_reported for i in items], dtype=object)),
        "last_confirmed": pd.to_datetime(pd.Series([i.last_confirmed for i in items], dtype=object)),
        "independent_sources": [i.independent_sources for i in items],
        "contradicted": [i.contradicted for i in items],
        "start": pd.to_datetime(pd.Series([i.start for i in items], dtype=object)),
    })


def _dates(values: pd.Series) -> list:
    return [None if pd.isna(v) else pd.Timestamp(v).date() for v in values]


def with_ledger(rows: pd.DataFrame, intervals: Iterable[Interval] | pd.DataFrame, as_of: date | None = None) -> pd.DataFrame:
    """Layer rows with ``LEDGER_COLUMNS`` from each pair's interval as of ``as_of`` (the window's end):
    first reported, last confirmed, independent sources and the contradicted months (space-separated).

    Why the interval and not the window: "first reported" is when this stay began however early
    that is, and a stay that ended and began again shows the new one.
    """
    df = rows.copy()
    frame = intervals if isinstance(intervals, pd.DataFrame) else _as_frame(intervals)
    current = current_frame(frame, as_of)
    keys = pd.MultiIndex.from_arrays([df["actor"].astype(object), df["iso3"].astype(object)]) if len(df) else None
    picked = current.reindex(keys) if keys is not None else current.iloc[:0]
    df["first_reported"] = _dates(picked["first_reported"])
    df["last_confirmed"] = _dates(picked["last_confirmed"])
    df["independent_sources"] = pd.array(picked["independent_sources"].tolist(), dtype="Int64") \
        if len(df) else pd.array([], dtype="Int64")
    df["contradicted"] = [" ".join(c) if isinstance(c, tuple) else "" for c in picked["contradicted"]]
    assert list(df.columns[-len(LEDGER_COLUMNS):]) == LEDGER_COLUMNS
    return df
