"""The presence ledger, vectorised: the same intervals as ``news.ledger.ledger``, folded with
pandas and numpy over whole columns instead of a Python loop per claim.

Why: the dashboard folds the ledger of every claim once per store change, and the reference
(``news.ledger``) costs ~18 µs a claim in Python: ~18 s at a million claims. Here the fold is a
gaps-and-islands pass over the reports sorted as the reference sorts them (per actor × country,
by day, present before ended, then article): a new interval starts at a pair's first report and at
every present report that follows an ended one; an interval's departure is its first ended report,
its later ended reports corroborate it. Everything else is a group-by over the interval number.

``news.ledger`` stays the reference: tests/test_ledger_frame.py checks with Hypothesis that
``ledger_intervals(rows) == news.ledger.ledger(rows)`` on random rows, field for field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from news.ledger import ENDED, PRESENT, Interval, as_day

# the ledger as a frame: one row per interval, in news.ledger.ledger's order
FRAME_COLUMNS = ["actor", "iso3", "first_reported", "last_confirmed", "ended", "evidence", "ended_evidence",
                 "independent_sources", "articles", "contradicted", "start", "stop"]
_NONE = np.datetime64("NaT", "D")


def _frame(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    if isinstance(rows, pd.DataFrame):
        return rows
    return pd.DataFrame.from_records(list(rows))


def _column(df: pd.DataFrame, name: str) -> pd.Series:
    if name in df.columns:
        return df[name]
    return pd.Series([None] * len(df), index=df.index, dtype=object)


def _days(col: pd.Series) -> np.ndarray:
    """A column of dates (datetime64, date objects, ISO text, missing) as ``datetime64[D]``, NaT
    where ``news.ledger.as_day`` finds no date."""
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        values = col.dt.tz_localize(None) if getattr(col.dt, "tz", None) is not None else col
        return values.to_numpy().astype("datetime64[D]")
    out = np.full(len(col), _NONE)
    present = np.flatnonzero(~col.isna().to_numpy())
    values = col.to_numpy(dtype=object)
    for i in present:  # mixed objects: the reference's own parser
        d = as_day(values[i])
        if d is not None:
            out[i] = np.datetime64(d, "D")
    return out


def _text(col: pd.Series) -> pd.Series:
    """A column as text (``str(value)``, as the reference reads it), missing values kept missing."""
    if isinstance(col.dtype, pd.StringDtype):  # text already (DuckDB's VARCHAR)
        return col
    return col.astype(object).map(lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v))


def _codes(col: pd.Series, ordered: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1: missing) and the values they stand for; ``ordered``: the codes' order is
    Python's str order (pyarrow sorts UTF-8 bytes, which is code-point order, in C++: pandas'
    ``factorize(sort=True)`` took seconds for a million article ids)."""
    codes, uniques = pd.factorize(col)
    codes = codes.astype(np.int64)
    values = np.asarray(uniques, dtype=object)
    if not ordered or len(values) == 0:
        return codes, values
    order = pc.sort_indices(pa.array(values, type=pa.string())).to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return np.where(codes >= 0, rank[codes], -1), values[order]


def _reports(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """``news.ledger.reports`` of every row at once, as integer codes: actor, iso3, ended, day,
    article, cluster (and the values behind the codes)."""
    actor, iso3, article = (_text(_column(df, k)) for k in ("actor", "iso3", "article_id"))
    cluster = _text(_column(df, "cluster"))
    cluster = cluster.where(cluster.notna() & (cluster != ""), article)  # no cluster: the article is its own
    status = _column(df, "status")
    is_present = (status == PRESENT).fillna(False).to_numpy(dtype=bool)
    is_ended = (status == ENDED).fillna(False).to_numpy(dtype=bool)
    actor_c, actors = _codes(actor)
    iso3_c, isos = _codes(iso3)
    art_c, arts = _codes(article)
    clu_c, _ = _codes(cluster, ordered=False)
    keep = (actor_c >= 0) & (iso3_c >= 0) & (art_c >= 0) & (is_present | is_ended)
    told = _days(_column(df, "date"))
    published = _days(_column(df, "published"))
    told = np.where(np.isnat(told), published, told)
    as_of, until = _days(_column(df, "as_of")), _days(_column(df, "until"))
    bg = _column(df, "background")
    unset = bg.isna().to_numpy()
    background = np.zeros(len(df), dtype=bool) if unset.all() else \
        bg.astype(object).where(~unset, False).map(bool).to_numpy(dtype=bool)
    precision = _column(df, "as_of_precision").astype(object).to_numpy()

    has_told, has_as_of, has_until = ~np.isnat(told), ~np.isnat(as_of), ~np.isnat(until)
    # news.ledger._point: as_of..until is one named period ("in 2019"), which is not an end
    year_end = (as_of.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1
    month_end = (as_of.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1
    point = has_as_of & np.where(precision == "year", until == year_end,
                                 np.where(precision == "month", until == month_end, until == as_of))
    on_as_of = keep & has_as_of & (~has_told | (as_of <= told))
    on_until = keep & has_until & has_told & (until < told) & ~point
    on_told = keep & has_told & ~background & (~has_until | (until >= told))
    # a row reports on a day once (the reference's set of days): as_of can fall on until or told
    on_until &= ~(on_as_of & (until == as_of))
    on_told &= ~(on_as_of & (as_of == told))

    rows = np.concatenate([np.flatnonzero(m) for m in (on_as_of, on_until, on_told)])
    day = np.concatenate([d[m] for m, d in ((on_as_of, as_of), (on_until, until), (on_told, told))])
    out = pd.DataFrame({"row": rows, "day": day.astype("datetime64[D]").astype(np.int64)})
    r = rows
    out["actor"], out["iso3"], out["article"], out["cluster"] = actor_c[r], iso3_c[r], art_c[r], clu_c[r]
    out["ended"] = is_ended[r]
    return out, {"actor": actors, "iso3": isos, "article": arts}


def ledger_frame(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Every interval of every actor × country as a frame (``FRAME_COLUMNS``; dates ``datetime64``,
    evidence and contradicted months as tuples), ordered as ``news.ledger.ledger`` orders them."""
    r, names = _reports(_frame(rows))
    if r.empty:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[s]" if c in ("first_reported", "last_confirmed", "ended",
                                                                          "start", "stop") else object)
                             for c in FRAME_COLUMNS})
    # codes whose order is Python's str order, so one integer sort gives the reference's order
    actor_c, iso3_c, art_c, clu_c, ended, day = (r[c].to_numpy() for c in ("actor", "iso3", "article", "cluster",
                                                                          "ended", "day"))
    actors, isos, arts = names["actor"], names["iso3"], names["article"]
    order = np.lexsort((art_c, ended, day, iso3_c, actor_c))
    actor_c, iso3_c, art_c, clu_c, ended, day = (a[order] for a in (actor_c, iso3_c, art_c, clu_c, ended, day))
    pair = actor_c.astype(np.int64) * (len(isos) + 1) + iso3_c
    n = len(pair)
    new = np.ones(n, dtype=bool)
    new[1:] = (pair[1:] != pair[:-1]) | (~ended[1:] & ended[:-1])  # gaps and islands
    iid = np.cumsum(new) - 1
    k = int(iid[-1]) + 1
    heads = np.flatnonzero(new)

    present = ~ended
    big, small = np.iinfo(np.int64).max, np.iinfo(np.int64).min
    first = np.full(k, big)
    np.minimum.at(first, iid[present], day[present])
    last = np.full(k, small)
    np.maximum.at(last, iid[present], day[present])
    gone = np.full(k, big)
    np.minimum.at(gone, iid[ended], day[ended])
    has_p = first != big
    has_e = gone != big

    def distinct(codes: np.ndarray, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(interval, code) pairs, first occurrence each, in fold order."""
        i, c = (iid, codes) if mask is None else (iid[mask], codes[mask])
        _, first_at = np.unique(i * (int(codes.max(initial=0)) + 1) + c, return_index=True)
        first_at.sort()
        return i[first_at], c[first_at]

    n_sources = np.bincount(distinct(clu_c)[0], minlength=k)
    n_articles = np.bincount(distinct(art_c)[0], minlength=k)

    def lists(mask: np.ndarray) -> list[tuple[str, ...]]:
        i, c = distinct(art_c, mask)
        names = arts[c]
        cuts = np.searchsorted(i, np.arange(k + 1))
        return [tuple(names[cuts[j]:cuts[j + 1]].tolist()) for j in range(k)]

    # contradictions: months of a pair with present and ended from at least two clusters
    month = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    pm = pd.DataFrame({"pair": pair, "month": month, "ended": ended, "cluster": clu_c})
    by = pm.groupby(["pair", "month"], sort=True)
    said = pd.DataFrame({"p": by["ended"].min() == 0, "e": by["ended"].max() == 1, "n": by["cluster"].nunique()})
    bad = said[said["p"] & said["e"] & (said["n"] >= 2)].index.to_frame(index=False)
    span = 1 << 32
    bad_key = bad["pair"].to_numpy(dtype=np.int64) * span + bad["month"].to_numpy(dtype=np.int64)
    start = np.where(has_p, first, gone)
    stop = np.where(has_e, gone, last)
    as_month = lambda d: d.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)  # noqa: E731
    ipair = pair[heads]
    lo = np.searchsorted(bad_key, ipair * span + as_month(start), side="left")
    hi = np.searchsorted(bad_key, ipair * span + as_month(stop), side="right")
    bad_names = np.datetime_as_string(bad["month"].to_numpy(dtype=np.int64).astype("datetime64[M]"), unit="M")
    contradicted = [tuple(bad_names[a:b].tolist()) for a, b in zip(lo, hi, strict=True)]

    def dates(values: np.ndarray, ok: np.ndarray) -> np.ndarray:
        return np.where(ok, values, np.iinfo(np.int64).min).astype("datetime64[D]")  # min: NaT

    return pd.DataFrame({
        "actor": actors[actor_c[heads]], "iso3": isos[iso3_c[heads]],
        "first_reported": dates(first, has_p), "last_confirmed": dates(last, has_p), "ended": dates(gone, has_e),
        "evidence": lists(present), "ended_evidence": lists(ended),
        "independent_sources": n_sources, "articles": n_articles, "contradicted": contradicted,
        "start": dates(start, np.ones(k, dtype=bool)), "stop": dates(stop, np.ones(k, dtype=bool)),
    }, columns=FRAME_COLUMNS)


def _day(value: Any) -> date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def intervals(frame: pd.DataFrame) -> list[Interval]:
    """A ledger frame as ``news.ledger.Interval``s (what the CLI, the alerts and the timeline take)."""
    return [Interval(actor=r.actor, iso3=r.iso3, first_reported=_day(r.first_reported),
                     last_confirmed=_day(r.last_confirmed), ended=_day(r.ended), evidence=r.evidence,
                     ended_evidence=r.ended_evidence, independent_sources=int(r.independent_sources),
                     articles=int(r.articles), contradicted=r.contradicted)
            for r in frame.itertuples(index=False)]


def ledger_intervals(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[Interval]:
    """``news.ledger.ledger(rows)``, computed column-wise."""
    return intervals(ledger_frame(rows))
