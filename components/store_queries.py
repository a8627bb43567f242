"""Stand-in for ``news.queries`` while it is being written: the same calls, DuckDB SQL over the
store's views (``store.connect()`` gives ``articles``, ``mentions``, ``claims``).

The dashboard imports ``news.queries`` when it exists and this module otherwise; both take a
store object and a ``Filters`` value. Status is decided as of the window's end: the status of
an actor's latest claim for a country inside the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True, slots=True)
class Filters:
    actors: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    countries: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    min_confidence: float = 0.0
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()


def _where(f: Filters, *, with_window: bool = True) -> tuple[str, list]:
    conds, params = ["c.confidence >= ?"], [float(f.min_confidence or 0.0)]
    for col, vals in (("c.actor", f.actors), ("c.iso3", f.countries), ("a.language", f.languages),
                      ("a.outlet", f.outlets)):
        if vals:
            conds.append(f"{col} IN (SELECT unnest(?))")
            params.append(list(vals))
    if with_window and f.start:
        conds.append("c.date >= ?")
        params.append(f.start)
    if with_window and f.end:
        conds.append("c.date <= ?")
        params.append(f.end)
    return " AND ".join(conds), params


def _run(store, sql: str, params: list) -> pd.DataFrame:
    con = store.connect()
    try:
        return con.execute(sql, params).df()
    finally:
        con.close()


def layer_rows(store, f: Filters) -> pd.DataFrame:
    where, params = _where(f)
    sql = f"""
    WITH x AS (
      SELECT c.*, a.title, a.url FROM claims c JOIN articles a ON a.id = c.article_id WHERE {where}
    ), g AS (
      SELECT actor, iso3,
             arg_max(status, (date, status = 'ended')) AS status,
             min(date) AS first_seen, max(date) AS last_seen,
             count(DISTINCT article_id) AS articles, count(*) AS claims,
             round(avg(confidence), 3) AS confidence,
             arg_max(title, date) AS latest_title,
             list_sort(list(DISTINCT url) FILTER (WHERE url IS NOT NULL)) AS source_urls
      FROM x GROUP BY actor, iso3
    )
    SELECT * FROM g {"WHERE status IN (SELECT unnest(?))" if f.statuses else ""}
    ORDER BY actor, iso3
    """
    if f.statuses:
        params.append(list(f.statuses))
    df = _run(store, sql, params)
    df.insert(2, "country", None)
    df["lat"], df["lon"] = float("nan"), float("nan")
    return df


def monthly_counts(store, f: Filters) -> pd.DataFrame:
    where, params = _where(f)
    sql = f"""SELECT strftime(date_trunc('month', c.date), '%Y-%m') AS month, c.actor, count(*) AS claims
              FROM claims c JOIN articles a ON a.id = c.article_id
              WHERE c.date IS NOT NULL AND {where} GROUP BY ALL ORDER BY 1, 2"""
    return _run(store, sql, params)


def evidence_rows(store, f: Filters, iso3: str | None = None) -> pd.DataFrame:
    where, params = _where(f)
    if iso3:
        where += " AND c.iso3 = ?"
        params.append(iso3)
    sql = f"""SELECT c.date, c.actor, c.iso3, c.status, c.confidence, a.outlet, a.title, a.url,
                     c.article_id, c.evidence, c.cue, c.place
              FROM claims c JOIN articles a ON a.id = c.article_id WHERE {where}
              ORDER BY c.date DESC, c.actor, c.iso3"""
    return _run(store, sql, params)


def city_rows(store, f: Filters) -> pd.DataFrame:
    where, params = _where(f)
    sql = f"""SELECT c.actor, c.iso3, c.place, avg(c.lat) AS lat, avg(c.lon) AS lon, count(*) AS claims
              FROM claims c JOIN articles a ON a.id = c.article_id
              WHERE c.place IS NOT NULL AND c.lat IS NOT NULL AND {where}
              GROUP BY ALL ORDER BY claims DESC"""
    return _run(store, sql, params)


def article_detail(store, article_id: str) -> dict | None:
    con = store.connect()
    try:
        art = con.execute("SELECT * FROM articles WHERE id = ?", [article_id]).df()
        if art.empty:
            return None
        mentions = con.execute("SELECT * FROM mentions WHERE article_id = ? ORDER BY start", [article_id]).df()
        claims = con.execute("SELECT * FROM claims WHERE article_id = ?", [article_id]).df()
    finally:
        con.close()
    return {"article": art.iloc[0].to_dict(), "mentions": mentions.to_dict(orient="records"),
            "claims": claims.to_dict(orient="records")}


def filter_options(store) -> dict:
    con = store.connect()
    try:
        row = con.execute("""SELECT list_sort(list(DISTINCT actor)), list_sort(list(DISTINCT iso3)),
                                    strftime(min(date), '%Y-%m'), strftime(max(date), '%Y-%m') FROM claims""").fetchone()
        langs = [r[0] for r in con.execute("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY 1").fetchall()]
        outlets = [r[0] for r in con.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1").fetchall()]
    finally:
        con.close()
    return {"actors": row[0] or [], "countries": row[1] or [], "first_month": row[2], "last_month": row[3],
            "languages": langs, "outlets": outlets}
