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

import pandas as pd

from news.ledger import LEDGER_FIELDS, Interval, ledger, record
from news.store import Store
from news.store.export import LEDGER_COLUMNS, plain, safe_cell

CLAIM_FIELDS = ("article_id", "actor", "iso3", "status", "date")
CLAIM_OPTIONAL = ("as_of", "as_of_precision", "until", "background")
ARTICLE_FIELDS = ("published", "ingested_at", "url", "title", "outlet")
ARTICLE_OPTIONAL = ("cluster",)


def _columns(con, table: str) -> set[str]:
    return {d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description}


def ledger_input(store: Store | str | os.PathLike | None, actors: Iterable[str] = (),
                 countries: Iterable[str] = ()) -> pd.DataFrame:
    """Claims with actor and country, and the article fields the ledger and the alerts use."""
    s = store if isinstance(store, Store) else Store(store)
    con = s.connect()
    try:
        claim_cols = [*CLAIM_FIELDS, *(c for c in CLAIM_OPTIONAL if c in _columns(con, "claims"))]
        art_cols = [*ARTICLE_FIELDS, *(c for c in ARTICLE_OPTIONAL if c in _columns(con, "articles"))]
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
    return ledger(ledger_input(store, actors, countries).to_dict(orient="records"))


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


def with_ledger(rows: pd.DataFrame, intervals: Iterable[Interval], as_of: date | None = None) -> pd.DataFrame:
    """Layer rows with ``LEDGER_COLUMNS`` from each pair's interval as of ``as_of`` (the window's end):
    first reported, last confirmed, independent sources and the contradicted months (space-separated).

    Why the interval and not the window: "first reported" is when this stay began however early
    that is, and a stay that ended and began again shows the new one.
    """
    df = rows.copy()
    current = interval_at(intervals, as_of)
    picked = [current.get((a, i)) for a, i in zip(df["actor"], df["iso3"], strict=True)] if len(df) else []
    df["first_reported"] = [i.first_reported if i else None for i in picked]
    df["last_confirmed"] = [i.last_confirmed if i else None for i in picked]
    df["independent_sources"] = pd.array([i.independent_sources if i else None for i in picked], dtype="Int64")
    df["contradicted"] = [" ".join(i.contradicted) if i else "" for i in picked]
    assert list(df.columns[-len(LEDGER_COLUMNS):]) == LEDGER_COLUMNS
    return df
