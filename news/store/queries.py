"""Questions the dashboard and the command line ask of the store, as pure functions.

Each takes a store (a ``Store`` or a folder) and the same filters (a frozen ``Filters``, or its
fields as keywords) and returns a pandas DataFrame, so they are tested without Streamlit and
cached by the dashboard on their arguments. All SQL runs in DuckDB over the store's views with
bound parameters only; no value is ever formatted into a statement.

Semantics worth knowing:
- The window (``start``..``end``, inclusive) applies to claim dates, which are article dates.
  Undated claims cannot be placed in time: they count only when no window bound is set.
- ``status`` of an actor × country is the status of its latest claim inside the window (ties on
  the same day: ``ended`` wins, since a departure reported the same day as a presence is the
  newer news). The ``statuses`` filter applies to that as-of-window-end status, in every
  function, so the timeline, evidence and map always describe the same actor × country pairs.
- ``min_confidence`` drops weak claims before anything is counted.
- ``sources`` counts independent sources: distinct syndication clusters (news/syndication.py),
  so a wire story reprinted by twenty outlets is one source; ``articles`` still counts articles.
  An article stored before clusters existed is its own cluster. ``source_counts`` asks only that.
- Layer ``confidence`` is a noisy-or over articles of each article's best claim:
  1 - prod(1 - c). Independent reports corroborate each other (two 0.6 reports give 0.84),
  while one article repeating itself counts once. A mean would punish a country for having one
  weak report next to several strong ones; a max would ignore corroboration.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import cached_property, lru_cache
from typing import Any, TypeVar

import duckdb
import numpy as np
import pandas as pd

from news.sources.fetch import all_plain_links, is_http_url
from news.store import Store
from news.store.export import LAYER_COLUMNS

T = TypeVar("T")

EVIDENCE_COLUMNS = [
    "date", "actor", "iso3", "status", "confidence", "outlet", "title", "url", "article_id",
    "evidence", "cue", "place", "rules", "as_of", "as_of_precision", "until", "background",
    "review", "claim_key",
]
# ``Filters.review``: every claim, the machine's only (no review) or reviewed ones only
REVIEW_FILTERS = ("", "machine", "reviewed")


@dataclass(frozen=True, slots=True)
class Filters:
    """What every query can be narrowed by; empty tuples mean "all"."""

    actors: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    countries: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    min_confidence: float = 0.0
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    review: str = ""  # one of REVIEW_FILTERS

    @classmethod
    def of(cls, filters: Filters | None = None, **kwargs: Any) -> Filters:
        """A Filters from an existing one and/or keywords (lists and None accepted)."""
        names = {f.name for f in fields(cls)}
        unknown = set(kwargs) - names
        if unknown:
            raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        clean: dict[str, Any] = {}
        for key, value in kwargs.items():
            if key in ("start", "end"):
                clean[key] = _as_date(value)
            elif key == "min_confidence":
                clean[key] = float(value or 0.0)
            elif key == "review":
                if (value or "") not in REVIEW_FILTERS:
                    raise ValueError(f"review filter must be one of {REVIEW_FILTERS}, not {value!r}")
                clean[key] = value or ""
            else:
                clean[key] = tuple(value) if value else ()
        return replace(filters or cls(), **clean)


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    return date.fromisoformat(str(value)[:10])


def _store(store: Store | str | os.PathLike | None) -> Store:
    return store if isinstance(store, Store) else Store(store)


# When a claim holds by its own text (news/timeref.py): a background claim at its own time only
# (none without one); a claim whose own time ended before its article at that time (its start,
# else its end: "until June 2023"); every other claim at its article's date ("since 2021" is a
# confirmation on that date, with an earlier start in ``as_of``).
PLACED_SQL = """CASE WHEN c.background THEN c.as_of
  WHEN c.until IS NOT NULL AND c.date IS NOT NULL AND c.until < c.date THEN coalesce(c.as_of, c.until)
  ELSE c.date END"""

CLAIM_ROWS_SQL = f"""SELECT c.*, a.title, a.url, a.outlet, a.language, strftime(c.date, '%Y-%m') AS month,
  {PLACED_SQL} AS placed,
  coalesce(a.cluster, a.id) AS cluster
FROM claims c JOIN articles a ON a.id = c.article_id"""
"""Every claim with the article fields the filters and tables use: what every query starts from.
``placed`` is the claim's date by its own text (``PLACED_SQL``): the timeline counts it there.

A view on a ``Store`` connection; a ``Snapshot`` (news/store/snapshot.py) keeps it as a table,
so the page's reruns do not join claims to articles again each time."""

# The order that makes a claim a pair's latest (date, newest first, undated last; on the same
# day ``ended`` wins; then the article id, so the choice never depends on the scan order), as an
# ``arg_min`` key: one hash aggregate instead of a window over every claim.
LATEST_KEY = """{'undated': date IS NULL, 'days': coalesce(-epoch(date), 0),
  'rank': CASE WHEN status = 'ended' THEN 0 WHEN status IS NOT NULL THEN 1 ELSE 2 END, 'id': article_id}"""


def _base(f: Filters) -> tuple[str, list]:
    """The claims (joined to their articles) that pass the filters.

    CTEs: ``x`` before the status filter; ``pairs`` each actor × country's status as of the
    window's end (kept only when it passes ``statuses``); ``y`` the claims of those pairs.
    Without a status filter every pair is kept, so ``y`` is ``x`` (no join on every claim).
    """
    # a claim without actor or country belongs to no pair (the join on pairs always dropped it)
    conds, params = ["confidence >= ?", "actor IS NOT NULL", "iso3 IS NOT NULL"], [float(f.min_confidence)]
    for column, values in (("actor", f.actors), ("iso3", f.countries), ("language", f.languages),
                           ("outlet", f.outlets)):
        if values:
            conds.append(f"{column} IN (SELECT unnest(?))")
            params.append(list(values))
    if f.review == "machine":
        conds.append("review IS NULL")
    elif f.review == "reviewed":
        conds.append("review IS NOT NULL")
    if f.start or f.end:
        conds.append("date IS NOT NULL")
    if f.start:
        conds.append("date >= ?")
        params.append(f.start)
    if f.end:
        conds.append("date <= ?")
        params.append(f.end)
    keep = ""
    if f.statuses:
        keep = "WHERE pair_status IN (SELECT unnest(?))"
        params.append(list(f.statuses))
    # a struct around the status: arg_min skips NULL values, the window it replaces did not
    y = "SELECT x.* FROM x SEMI JOIN pairs USING (actor, iso3)" if f.statuses else "SELECT * FROM x"
    sql = f"""
    x AS (SELECT * FROM claim_rows WHERE {' AND '.join(conds)}),
    pairs AS (
      SELECT * FROM (
        SELECT actor, iso3, arg_min({{'s': status}}, {LATEST_KEY}).s AS pair_status FROM x GROUP BY actor, iso3
      ) {keep}
    ),
    y AS ({y})"""
    return sql, params


def _read(store: Store | str | os.PathLike | None, query: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """``query`` on a connection with ``claim_rows``, through ``Store.read`` (which lists the
    files again if a compaction removed one the first listing held)."""
    s = _store(store)

    def run(con: duckdb.DuckDBPyConnection) -> T:
        if not getattr(s, "has_claim_rows", False):
            con.execute(f"CREATE TEMP VIEW claim_rows AS {CLAIM_ROWS_SQL}")
        return query(con)

    return s.read(run)


def _run(store: Store | str | os.PathLike | None, sql: str, params: list) -> pd.DataFrame:
    return _read(store, lambda con: con.execute(sql, params).df())


@lru_cache(maxsize=1)
def _countries() -> pd.DataFrame | None:
    """Country names and label points, or None when the shapes are unavailable."""
    try:
        from geo.shapes import country_table  # lazy: geopandas is heavy and only needed here

        table = country_table()
        return table[["iso3", "name", "label_lat", "label_lon"]].drop_duplicates("iso3")
    except Exception:  # no shapes file, or geopandas missing: fall back to claim coordinates
        return None


def _url_list(value: Any) -> list[str]:
    """A plain list of the http(s) URLs in a DuckDB list cell (NULL, NA or array)."""
    if value is None or isinstance(value, (float, str)) or value is pd.NA:
        return []
    urls = list(value)
    if all_plain_links(urls) is not None:
        return urls
    return [u for u in urls if is_http_url(u)]


def layer_rows(store, filters: Filters | None = None, parts: MonthParts | None = None, links: int | None = None,
               **kwargs: Any) -> pd.DataFrame:
    """One row per actor × country: docs/design.md's layer row, status as of the window's end.

    With ``parts`` (``month_parts`` of the same filters) and a whole-month window, the answer is
    combined from them instead of from every claim (see ``MonthParts``).

    ``links``: None gives ``source_urls`` every distinct link in the window, sorted (what the
    CSV and GeoJSON carry); a number gives at most that many, the newest first (by the latest
    date a link's claims have in the window, then the link). At a million articles a pair has
    hundreds of thousands of links: a table cell cannot show them to a reader, and building them
    on every window move took most of its time (issue 17), so the page asks for a few.
    """
    f = Filters.of(filters, **kwargs)
    if parts is not None and parts.fits(f):
        return _finish_layers(parts.layers(f, links), links_checked=True, marks=_review_marks(store, f))
    base, params = _base(f)
    url_list = "list(DISTINCT url ORDER BY url)" if links is None else "list(url ORDER BY url_date DESC NULLS LAST, url)"
    # per_article: each article's best claim per pair (its noisy-or term) and its link; the
    # article count is then a plain count, and the URLs are de-duplicated over articles, not claims.
    # latest_title is the title of the claim the status comes from (the order of LATEST_KEY):
    # the same "latest" everywhere, and no arbitrary pick among claims of the same day.
    sql = f"""WITH {base},
    per_article AS (
      SELECT actor, iso3, article_id, max(confidence) AS best, any_value(url) AS url,
             any_value(cluster) AS cluster, max(date) AS url_date FROM y GROUP BY ALL
    ),
    conf AS (
      SELECT actor, iso3, 1 - exp(sum(ln(1 - least(greatest(best, 0.0), 0.999)))) AS confidence,
             count(*) AS articles, count(DISTINCT cluster) AS sources
      FROM per_article GROUP BY ALL
    ),
    per_url AS (
      SELECT actor, iso3, url, max(url_date) AS url_date FROM per_article
      WHERE url LIKE 'http://%' OR url LIKE 'https://%' GROUP BY ALL
    ),
    linked AS (
      SELECT actor, iso3, {url_list} AS source_urls FROM per_url GROUP BY ALL
    ),
    g AS (
      SELECT actor, iso3, min(date) AS first_seen, max(date) AS last_seen, count(*) AS claims,
             avg(lat) AS claim_lat, avg(lon) AS claim_lon,
             arg_min(title, {LATEST_KEY}) AS latest_title
      FROM y GROUP BY actor, iso3
    )
    SELECT g.actor, g.iso3, pairs.pair_status AS status, g.first_seen, g.last_seen, conf.sources, conf.articles,
           g.claims,
           g.claim_lat, g.claim_lon, g.latest_title, linked.source_urls, round(conf.confidence, 4) AS confidence
    FROM g JOIN conf USING (actor, iso3) JOIN pairs USING (actor, iso3) LEFT JOIN linked USING (actor, iso3)
    ORDER BY actor, articles DESC, iso3"""
    df = _finish_layers(_run(store, sql, params), marks=_review_marks(store, f))
    if links is not None and len(df):
        df["source_urls"] = [u[:links] for u in df["source_urls"]]
    return df


def source_counts(store, filters: Filters | None = None, **kwargs: Any) -> pd.DataFrame:
    """Per actor × country in the window: independent sources (distinct syndication clusters: a
    story counted once however many outlets reprinted it) beside articles, most sources first."""
    f = Filters.of(filters, **kwargs)
    base, params = _base(f)
    sql = f"""WITH {base}
    SELECT actor, iso3, count(DISTINCT cluster) AS sources, count(DISTINCT article_id) AS articles
    FROM y GROUP BY actor, iso3 ORDER BY actor, sources DESC, articles DESC, iso3"""
    return _run(store, sql, params)


def _review_marks(store, f: Filters) -> pd.DataFrame | None:
    """Per actor × country, the review states of its claims in the window ("confirmed, corrected"):
    the layer row's ``review`` column. None when the store holds no review (a Snapshot knows)."""
    if getattr(store, "has_reviews", True) is False:
        return None
    base, params = _base(f)
    sql = f"""WITH {base}
    SELECT actor, iso3, string_agg(DISTINCT review, ', ' ORDER BY review) AS review
    FROM y WHERE review IS NOT NULL GROUP BY actor, iso3"""
    return _run(store, sql, params)


def _finish_layers(df: pd.DataFrame, links_checked: bool = False, marks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Checked links, country names and label points: the layer rows' last step, on any path.

    ``links_checked``: the lists hold only links ``is_http_url`` accepted (month parts check each
    link once when built, rather than every row's thousands on every window move).
    """
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in LAYER_COLUMNS})
    if not links_checked:
        df["source_urls"] = df["source_urls"].map(_url_list)
    if marks is not None and len(marks):
        df = df.merge(marks, on=["actor", "iso3"], how="left")
        df["review"] = df["review"].fillna("")
    else:
        df["review"] = ""
    table = _countries()
    if table is not None:
        df = df.merge(table, on="iso3", how="left")
        df["country"] = df["name"].where(df["name"].notna(), df["iso3"])
        df["lat"] = df["label_lat"].where(df["label_lat"].notna(), df["claim_lat"])
        df["lon"] = df["label_lon"].where(df["label_lon"].notna(), df["claim_lon"])
    else:
        df["country"], df["lat"], df["lon"] = df["iso3"], df["claim_lat"], df["claim_lon"]
    return df[LAYER_COLUMNS].reset_index(drop=True)


def monthly_counts(store, filters: Filters | None = None, **kwargs: Any) -> pd.DataFrame:
    """Claims (and distinct articles) per month per actor: the timeline.

    A claim counts in the month it is placed at by its own text (``placed``: "in 2019" in a 2024
    article counts in 2019; background without a time of its own counts nowhere), among the
    claims whose articles pass the filters."""
    f = Filters.of(filters, **kwargs)
    base, params = _base(f)
    sql = f"""WITH {base}
    SELECT strftime(placed, '%Y-%m') AS month, actor,
           count(*) AS claims, count(DISTINCT article_id) AS articles
    FROM y WHERE placed IS NOT NULL GROUP BY ALL ORDER BY month, actor"""
    return _run(store, sql, params)


def evidence_rows(store, filters: Filters | None = None, iso3: str | None = None, limit: int | None = None,
                  parts: MonthParts | None = None, **kwargs: Any) -> pd.DataFrame:
    """The sentences behind the map, newest first, with their article's title, outlet and link.

    ``limit`` keeps the first rows only: the page draws a few hundred of what can be hundreds of
    thousands, and the CSV asks for all of them when it is downloaded. The order is total over
    the columns returned, so the first ``limit`` rows are the head of the full answer (rows equal
    in every column are interchangeable). With ``parts`` the window's start is first moved up to
    the month from which on there are ``limit`` rows: same rows, fewer claims to sort.
    """
    f = Filters.of(filters, **kwargs)
    if parts is not None and limit is not None and parts.fits(f):
        f = parts.narrow_for_newest(f, iso3, limit)
    base, params = _base(f)
    where = ""
    if iso3:
        where = "WHERE iso3 = ?"
        params.append(iso3)
    top = ""
    if limit is not None:
        top = "LIMIT ?"
        params.append(max(int(limit), 0))
    sql = f"""WITH {base}
    SELECT date, actor, iso3, status, confidence, outlet, title, url, article_id, evidence, cue, place, rules,
           as_of, as_of_precision, until, background, review, claim_key
    FROM y {where}
    ORDER BY date DESC NULLS LAST, actor, iso3, article_id, evidence, cue, place, status, confidence, outlet, title, url,
             as_of, until, background, review, claim_key
    {top}"""
    df = _run(store, sql, params)
    df["url"] = df["url"].map(lambda u: u if is_http_url(u) else None)
    return df[EVIDENCE_COLUMNS]


def city_rows(store, filters: Filters | None = None, parts: MonthParts | None = None, **kwargs: Any) -> pd.DataFrame:
    """Named places of the claims with a point: the map's city dots (from ``parts`` when they fit)."""
    f = Filters.of(filters, **kwargs)
    if parts is not None and parts.fits(f):
        return parts.cities(f)
    base, params = _base(f)
    sql = f"""WITH {base}
    SELECT actor, iso3, place, avg(lat) AS lat, avg(lon) AS lon, count(*) AS claims
    FROM y WHERE place IS NOT NULL AND lat IS NOT NULL GROUP BY ALL ORDER BY claims DESC, actor, place"""
    return _run(store, sql, params)


NEAR_TOWNS = "kind IN ('city', 'capital') AND lat IS NOT NULL"


def _near_input(con: duckdb.DuckDBPyConnection, base: str, params: list,
                extra: str = "") -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The claims of ``base``'s ``y`` in articles where their country has a town with a point, and
    the mentions ``news.nearby`` reads for them (None when there is no such claim). ``extra``:
    more claim columns to select (the month, for the month parts)."""
    claims = con.execute(f"""WITH {base}
    SELECT article_id, actor, iso3, place, lat, lon, evidence{extra} FROM y
    WHERE (article_id, iso3) IN (SELECT article_id, iso3 FROM mentions WHERE {NEAR_TOWNS})""", params).df()
    if claims.empty:
        return claims, None
    con.register("_near_claims", claims)
    try:
        mentions = con.execute(
            """SELECT m.article_id, m.start, m."end", m.surface, m.kind, m.iso3, m.lat, m.lon, m.sentence
            FROM mentions m SEMI JOIN (SELECT DISTINCT article_id, evidence, iso3 FROM _near_claims) c
              ON m.article_id = c.article_id AND (m.sentence = c.evidence
                 OR (m.iso3 = c.iso3 AND m.kind IN ('city', 'capital') AND m.lat IS NOT NULL))"""
        ).df()
    finally:
        con.unregister("_near_claims")
    return claims, mentions


def near_city_rows(store, filters: Filters | None = None, parts: MonthParts | None = None,
                   **kwargs: Any) -> pd.DataFrame:
    """Cities named near the claims that pass the filters, not in them (``news.nearby``).

    The SQL narrows the rows to articles where a claim's country has a city or capital mention
    with a point; the rule itself is ``news.nearby.near_places``, a pure function of these rows.
    With ``parts`` (and a whole-month window) the answer is added up from their per-month tallies.
    """
    from news.nearby import near_places

    f = Filters.of(filters, **kwargs)
    if parts is not None and parts.fits(f):
        return parts.near(f)
    base, params = _base(f)
    claims, mentions = _read(store, lambda con: _near_input(con, base, params))
    if mentions is None:
        return near_places(claims, claims)
    return near_places(claims, mentions)


# ---------------------------------------------------------------- month parts: the window's fast path


@lru_cache(maxsize=1)
def _arithmetic_db() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def _arithmetic() -> duckdb.DuckDBPyConnection:
    """A cursor for plain arithmetic (no tables): opening a database per call costs milliseconds."""
    return _arithmetic_db().cursor()


def _month(d: date | None) -> str | None:
    return None if d is None else f"{d.year:04d}-{d.month:02d}"


def _month_number(month: str | None) -> int:
    """'2024-05' as 202405 ('' for undated claims: 0, before every month)."""
    return int(month[:4]) * 100 + int(month[5:7]) if month else 0


def _whole_months(f: Filters) -> bool:
    """Both window bounds, on month boundaries (what the page's month slider always asks)."""
    if f.start is None or f.end is None or f.start.day != 1:
        return False
    return (pd.Timestamp(f.end) + pd.Timedelta(days=1)).day == 1


@dataclass(frozen=True, eq=False)
class MonthParts:
    """Per actor × country × month partial aggregates of the claims that pass every filter but
    the window and the status filter: what ``layer_rows``, ``city_rows`` and the evidence's
    newest rows combine when only the window moves.

    A window of whole months is a set of months, and every layer-row figure combines exactly
    over months: counts and sums add, first/last seen are min/max, and the latest claim of the
    window (status, title) is the latest of its last month. Articles add up because an article's
    claims share its date; ``month_parts`` checks that and returns None otherwise. The source
    URLs are kept as ids into ``urls`` (sorted), so a window's sorted distinct links are a
    ``numpy.unique`` away. The page builds these once per other-filter change and then answers
    each window move from a few thousand rows instead of every claim. Float sums (confidence,
    mean coordinates) are added in another order than the SQL's, which can move their last bits.
    """

    filters: Filters
    pairs: pd.DataFrame  # actor, iso3 by pair code (the row number)
    months: pd.DataFrame  # pair, month ('' = undated), claims, first/last_seen, sums, status, title, articles, lnsum; by pair, month
    places: pd.DataFrame  # pair, place, month, claims, lat/lon sums and counts
    url_months: pd.DataFrame  # pair, month, url_id, last_date (one row per distinct link and month); by pair, month, date
    urls: Any  # numpy array of the links, url_id -> url
    cluster_months: pd.DataFrame  # pair, month, cluster_id (one row per distinct syndication cluster); by month
    near_claims: pd.DataFrame  # pair, month, lat, lon, claims: news.nearby's tally of the towns named near
    near_names: pd.DataFrame  # pair, month, lat, lon, surface, n: how often each name was written for a town

    def fits(self, f: Filters) -> bool:
        return self.filters == without_window(f) and _whole_months(f)

    def _in_window(self, frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
        month = frame["month"]
        return frame[(month >= _month(f.start)) & (month <= _month(f.end))]

    @staticmethod
    def _month_slice(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
        """``_in_window`` of a frame sorted by month: two binary searches and a slice instead of
        comparing every row's month text (the link and cluster rows number about one per article)."""
        month = frame["month"].to_numpy(dtype=object)
        lo, hi = np.searchsorted(month, _month(f.start), "left"), np.searchsorted(month, _month(f.end), "right")
        return frame.iloc[lo:hi]

    def _window(self, f: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The window's month rows of the pairs kept, and each kept pair's last month row.

        A pair's status as of the window's end is its last month's (``months`` is sorted by pair
        and month); the status filter keeps or drops the pair as a whole.
        """
        m = self._in_window(self.months, f)
        last = m.drop_duplicates("pair", keep="last")
        if f.statuses:
            last = last[last["status"].isin(f.statuses)]
            m = m[m["pair"].isin(last["pair"])]
        return m, last.set_index("pair")

    def layers(self, f: Filters, links: int | None = None) -> pd.DataFrame:
        """The SQL layer query's columns and order, before ``_finish_layers`` (``links``: see
        ``layer_rows``)."""
        m, last = self._window(f)
        if m.empty:
            return pd.DataFrame()
        g = m.groupby("pair", sort=True).agg(
            first_seen=("first_seen", "min"), last_seen=("last_seen", "max"), articles=("articles", "sum"),
            claims=("claims", "sum"), lat_sum=("lat_sum", "sum"), lat_n=("lat_n", "sum"), lon_sum=("lon_sum", "sum"),
            lon_n=("lon_n", "sum"), lnsum=("lnsum", "sum"),
        )
        g["actor"] = self.pairs["actor"].to_numpy()[g.index]
        g["iso3"] = self.pairs["iso3"].to_numpy()[g.index]
        g["status"] = last["status"].reindex(g.index)
        titled = m[m["latest_title"].notna()].drop_duplicates("pair", keep="last").set_index("pair")
        g["latest_title"] = titled["latest_title"].reindex(g.index)
        with np.errstate(invalid="ignore", divide="ignore"):
            g["claim_lat"] = np.where(g["lat_n"] > 0, g["lat_sum"] / g["lat_n"].where(g["lat_n"] > 0, 1), np.nan)
            g["claim_lon"] = np.where(g["lon_n"] > 0, g["lon_sum"] / g["lon_n"].where(g["lon_n"] > 0, 1), np.nan)
        g["source_urls"] = self._links(g.index.to_numpy(), f, links)
        g["sources"] = self._sources(g.index.to_numpy(), f)
        con = _arithmetic()  # the SQL path's own exp and round(…, 4), not numpy's
        try:
            g["confidence"] = con.execute("SELECT list_transform(?::DOUBLE[], lambda v: round(1 - exp(v), 4))",
                                          [g["lnsum"].tolist()]).fetchone()[0]
        finally:
            con.close()
        g = g.sort_values(["actor", "articles", "iso3"], ascending=[True, False, True], kind="stable")
        cols = ["actor", "iso3", "status", "first_seen", "last_seen", "sources", "articles", "claims", "claim_lat",
                "claim_lon",
                "latest_title", "source_urls", "confidence"]
        return g[cols].reset_index(drop=True)

    @cached_property
    def _link_columns(self) -> tuple[Any, Any, Any]:
        """``url_months`` as numpy columns (pair, month as yyyymm, url id), and each pair's first
        row: read once, then every window move slices them."""
        u = self.url_months
        pair = u["pair"].to_numpy(dtype=np.int64)
        month = np.array([_month_number(m) for m in u["month"].to_numpy(dtype=object)], dtype=np.int64)
        starts = np.searchsorted(pair, np.arange(len(self.pairs) + 1), "left")
        return month, u["url_id"].to_numpy(dtype=np.int64), starts

    def _links(self, pairs: Any, f: Filters, newest: int | None = None) -> list[list[str]]:
        """Each pair's distinct links in the window: all of them sorted (url ids are ranks of the
        sorted links), or with ``newest`` the newest that many, newest first.

        ``url_months`` is sorted by pair, month, the link's latest date, then link (descending):
        a pair's window is one slice of its rows, read backwards for the newest links. Only as
        many rows are read as it takes to find ``newest`` distinct ones (a pair's links at a
        million articles number hundreds of thousands; the page shows five).
        """
        month, ids, starts = self._link_columns
        lo_m, hi_m = _month_number(_month(f.start)), _month_number(_month(f.end))
        out = []
        for p in pairs:
            a, b = starts[p], starts[p + 1]
            lo = a + np.searchsorted(month[a:b], lo_m, "left")
            hi = a + np.searchsorted(month[a:b], hi_m, "right")
            if newest is None:
                out.append(self.urls[np.unique(ids[lo:hi])].tolist())
                continue
            take = 4 * max(newest, 1)
            while True:
                tail = ids[max(lo, hi - take):hi][::-1]
                _, first = np.unique(tail, return_index=True)
                if len(first) >= newest or hi - take <= lo:
                    break
                take *= 4
            out.append(self.urls[tail[np.sort(first)[:newest]]].tolist())
        return out

    @cached_property
    def _cluster_columns(self) -> tuple[Any, Any, Any]:
        """``cluster_months`` as numpy columns: pair, month (yyyymm) and the month before it in
        which the same pair had the same cluster (0: none), read once."""
        c = self.cluster_months
        pair = c["pair"].to_numpy(dtype=np.int64)
        month = np.array([_month_number(m) for m in c["month"].to_numpy(dtype=object)], dtype=np.int64)
        cluster = c["cluster_id"].to_numpy(dtype=np.int64)
        order = np.lexsort((month, cluster, pair))
        same = np.zeros(len(order), dtype=bool)
        same[1:] = (pair[order][1:] == pair[order][:-1]) & (cluster[order][1:] == cluster[order][:-1])
        prev = np.zeros(len(order), dtype=np.int64)
        prev[order[1:]] = np.where(same[1:], month[order][:-1], 0)
        return pair, month, prev

    def _sources(self, pairs: Any, f: Filters) -> Any:
        """Each pair's distinct clusters in the window (a cluster may span months: counted once).

        A cluster's row counts when its month is in the window and the pair's previous month
        with that cluster is not: one comparison per row, where sorting the window's rows took
        most of a window move's layer rows at a million articles.
        """
        pair, month, prev = self._cluster_columns
        lo, hi = _month_number(_month(f.start)), _month_number(_month(f.end))
        first = (month >= lo) & (month <= hi) & (prev < lo)
        counts = np.bincount(pair[first], minlength=len(self.pairs))
        return counts[np.asarray(pairs, dtype=np.int64)]

    def cities(self, f: Filters) -> pd.DataFrame:
        """The SQL city query's answer: named places with a point, most claims first."""
        _, last = self._window(f)
        p = self._in_window(self.places, f)
        p = p[p["pair"].isin(last.index)]
        if p.empty:
            return pd.DataFrame({c: pd.Series(dtype="object") for c in ("actor", "iso3", "place", "lat", "lon", "claims")})
        g = p.groupby(["pair", "place"], sort=False).agg(
            lat_sum=("lat_sum", "sum"), lat_n=("lat_n", "sum"), lon_sum=("lon_sum", "sum"), lon_n=("lon_n", "sum"),
            claims=("claims", "sum")).reset_index()
        g["actor"] = self.pairs["actor"].to_numpy()[g["pair"].to_numpy()]
        g["iso3"] = self.pairs["iso3"].to_numpy()[g["pair"].to_numpy()]
        g["lat"] = g["lat_sum"] / g["lat_n"]
        g["lon"] = g["lon_sum"] / g["lon_n"]
        g = g.sort_values(["claims", "actor", "place", "iso3"], ascending=[False, True, True, True], kind="stable")
        return g[["actor", "iso3", "place", "lat", "lon", "claims"]].reset_index(drop=True)

    def near(self, f: Filters) -> pd.DataFrame:
        """The SQL near-city query's answer: the window's months of ``news.nearby.tally`` added up."""
        from news.nearby import combine

        _, last = self._window(f)
        tallies = []
        for frame, value, keys in ((self.near_claims, "claims", ["pair", "lat", "lon"]),
                                   (self.near_names, "n", ["pair", "lat", "lon", "surface"])):
            t = self._in_window(frame, f)
            t = t[t["pair"].isin(last.index)].groupby(keys, sort=False)[value].sum().reset_index()
            code = t["pair"].to_numpy()
            tallies.append(t.assign(actor=self.pairs["actor"].to_numpy()[code], iso3=self.pairs["iso3"].to_numpy()[code]))
        return combine(*tallies)

    def narrow_for_newest(self, f: Filters, iso3: str | None, limit: int) -> Filters:
        """``f`` with its start moved up to the latest month from which on ``limit`` evidence rows exist.

        Exact for the first ``limit`` rows: they all lie in the narrowed window, and a pair with a
        claim there has the same latest claim (so the same status) in both windows.
        """
        m, _ = self._window(f)
        if iso3:
            m = m[self.pairs["iso3"].to_numpy()[m["pair"].to_numpy()] == iso3]
        per_month = m.groupby("month")["claims"].sum().sort_index(ascending=False).cumsum()
        enough = per_month[per_month >= limit]
        if enough.empty:
            return f
        start = date.fromisoformat(f"{enough.index[0]}-01")
        return replace(f, start=max(start, f.start))


def without_window(f: Filters) -> Filters:
    """``f`` without its window and status filter: what month parts are built for (and keyed on)."""
    return replace(f, start=None, end=None, statuses=())


def month_parts(store, filters: Filters | None = None, **kwargs: Any) -> MonthParts | None:
    """``MonthParts`` of the claims passing ``filters`` but its window and statuses (None when an
    article's claims for a pair fall in different months, where articles would not add up)."""
    f = without_window(Filters.of(filters, **kwargs))
    base, params = _base(f)

    def read(con: duckdb.DuckDBPyConnection) -> tuple | None:
        sql = f"""WITH {base},
        z AS (SELECT *, coalesce(month, '') AS m FROM y),
        per_article AS (
          SELECT actor, iso3, article_id, min(m) AS m, max(m) AS m_last, max(confidence) AS best
          FROM z GROUP BY ALL
        ),
        arts AS (
          SELECT actor, iso3, m, count(*) AS articles, sum(ln(1 - least(greatest(best, 0.0), 0.999))) AS lnsum,
                 bool_or(m_last <> m) AS split
          FROM per_article GROUP BY ALL
        ),
        g AS (
          SELECT actor, iso3, m, count(*) AS claims, min(date) AS first_seen, max(date) AS last_seen,
                 sum(lat) AS lat_sum, count(lat) AS lat_n, sum(lon) AS lon_sum, count(lon) AS lon_n,
                 arg_min({{'s': status}}, {LATEST_KEY}).s AS status,
                 arg_min(title, {LATEST_KEY}) AS latest_title
          FROM z GROUP BY actor, iso3, m
        )
        SELECT g.actor, g.iso3, g.m AS month, g.claims, g.first_seen, g.last_seen, g.lat_sum, g.lat_n, g.lon_sum,
               g.lon_n, g.status, g.latest_title, arts.articles, arts.lnsum, arts.split
        FROM g JOIN arts USING (actor, iso3, m)"""
        months = con.execute(sql, params).df()
        if len(months) and bool(months["split"].any()):
            return None
        months = months.drop(columns=["split"])
        places = con.execute(f"""WITH {base}
        SELECT actor, iso3, place, coalesce(month, '') AS month, count(*) AS claims, sum(lat) AS lat_sum,
               count(lat) AS lat_n, sum(lon) AS lon_sum, count(lon) AS lon_n
        FROM y WHERE place IS NOT NULL AND lat IS NOT NULL GROUP BY ALL""", params).df()
        urls = con.execute(f"""WITH {base}
        SELECT DISTINCT url FROM y WHERE url LIKE 'http://%' OR url LIKE 'https://%' ORDER BY url""", params).fetchnumpy()["url"]
        links = con.execute(f"""WITH {base}
        SELECT actor, iso3, coalesce(month, '') AS month, url, max(date) AS last_date
        FROM y WHERE url LIKE 'http://%' OR url LIKE 'https://%' GROUP BY ALL""", params).df()
        clusters = con.execute(f"""WITH {base}
        SELECT DISTINCT actor, iso3, coalesce(month, '') AS month, dense_rank() OVER (ORDER BY cluster) - 1 AS cluster_id
        FROM y""", params).df()
        # a link's id is its rank among the sorted links (a hash lookup, not a join on strings in SQL)
        links["url_id"] = pd.Index(urls).get_indexer(links.pop("url"))
        # the towns named near the claims, tallied a year of claims at a time: a tally adds up
        # over any split by month, and the claims with their sentences and the mentions of a
        # million articles at once took gigabytes of pandas rows (issue 17: <= 2 GB at 1M)
        years = [r[0] for r in con.execute(f"""WITH {base}
        SELECT DISTINCT left(coalesce(month, ''), 4) FROM y ORDER BY 1""", params).fetchall()]
        tallies = []
        for year in years:
            chunk = _near_input(con, base.replace("y AS (", "y0 AS (", 1) + ", y AS (SELECT * FROM y0 WHERE left(coalesce(month, ''), 4) = ?)",
                                [*params, year], extra=", coalesce(month, '') AS month")
            tally = _near_tally(*chunk)
            if len(tally[0]):
                tallies.append(tally)
        near_counted, near_names = ((pd.concat([t[0] for t in tallies], ignore_index=True),
                                     pd.concat([t[1] for t in tallies], ignore_index=True))
                                    if tallies else _near_tally(pd.DataFrame(), None))
        return months, places, urls, links, clusters, near_counted, near_names

    found = _read(store, read)
    if found is None:
        return None
    months, places, urls, links, clusters, near_counted, near_names = found
    # pairs by a dense integer code: the window's filters and groupings then work on ints
    pairs = months[["actor", "iso3"]].drop_duplicates().sort_values(["actor", "iso3"]).reset_index(drop=True)
    codes = pairs.assign(pair=np.arange(len(pairs), dtype=np.int64))

    def coded(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.merge(codes, on=["actor", "iso3"], how="left", sort=False)  # keeps frame's row order
        return out[["pair", *(c for c in frame.columns if c not in ("actor", "iso3"))]]

    months = coded(months).sort_values(["pair", "month"], kind="stable").reset_index(drop=True)
    # each link checked once here (what _url_list does per row on the SQL path); ids stay sorted ranks
    urls = np.asarray(urls, dtype=object)
    ok = np.fromiter((is_http_url(u) for u in urls), dtype=bool, count=len(urls))
    links = links[ok[links["url_id"].to_numpy()]] if len(links) else links
    links = links.assign(url_id=(np.cumsum(ok) - 1)[links["url_id"].to_numpy()])
    urls = urls[ok]
    by_month = lambda frame: frame.sort_values("month", kind="stable").reset_index(drop=True)  # noqa: E731
    # by pair, then month, then date and link id (newest last): a pair's links in a window are one
    # slice, and its newest ones the slice's tail (MonthParts._links)
    links = coded(links)
    links["last_date"] = pd.to_datetime(links["last_date"]).to_numpy(dtype="datetime64[D]").astype(np.int64)
    links = links.sort_values(["pair", "month", "last_date", "url_id"], ascending=[True, True, True, False],
                              kind="stable").reset_index(drop=True)
    return MonthParts(filters=f, pairs=pairs, months=months, places=coded(places), url_months=links,
                      urls=urls, cluster_months=by_month(coded(clusters)), near_claims=coded(near_counted),
                      near_names=coded(near_names))


def _near_tally(claims: pd.DataFrame, mentions: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``news.nearby.tally`` per actor × country × month of the claims ``_near_input`` read."""
    from news.nearby import near_rows, tally

    keys = ["actor", "iso3", "month", "lat", "lon"]
    near = near_rows(claims, claims if mentions is None else mentions)
    if near.empty:
        return (pd.DataFrame({c: pd.Series(dtype="float64" if c in ("lat", "lon") else "object") for c in [*keys, "claims"]}),
                pd.DataFrame({c: pd.Series(dtype="float64" if c in ("lat", "lon") else "object")
                              for c in [*keys, "surface", "n"]}))
    return tally(near, keys)


def article_detail(store, article_id: str) -> dict | None:
    """One article with its mentions (by position) and claims, or None if it is not stored."""
    def read(con: duckdb.DuckDBPyConnection) -> tuple | None:
        art = con.execute("SELECT * FROM articles WHERE id = ?", [article_id]).df()
        if art.empty:
            return None
        mentions = con.execute("SELECT * FROM mentions WHERE article_id = ? ORDER BY start", [article_id]).df()
        claims = con.execute("SELECT * FROM claims WHERE article_id = ? ORDER BY actor, iso3", [article_id]).df()
        return art, mentions, claims

    found = _store(store).read(read)
    if found is None:
        return None
    art, mentions, claims = found
    return {
        "article": art.iloc[0].to_dict(),
        "mentions": mentions.to_dict(orient="records"),
        "claims": claims.to_dict(orient="records"),
    }


def filter_options(store) -> dict:
    """What the filters can choose from: actors, countries, languages, outlets, date range."""
    def read(con: duckdb.DuckDBPyConnection) -> tuple:
        actors, countries, lo, hi = con.execute(
            "SELECT list_sort(list(DISTINCT actor)), list_sort(list(DISTINCT iso3)), min(date), max(date) FROM claims"
        ).fetchone()
        languages = [r[0] for r in con.execute(
            "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL AND language <> '' ORDER BY 1").fetchall()]
        outlets = [r[0] for r in con.execute(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL AND outlet <> '' ORDER BY 1").fetchall()]
        return actors, countries, lo, hi, languages, outlets

    actors, countries, lo, hi, languages, outlets = _store(store).read(read)
    return {
        "actors": list(actors or []),
        "countries": list(countries or []),
        "languages": languages,
        "outlets": outlets,
        "min_date": lo,
        "max_date": hi,
        "first_month": lo.strftime("%Y-%m") if lo else None,
        "last_month": hi.strftime("%Y-%m") if hi else None,
    }
