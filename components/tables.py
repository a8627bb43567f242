"""Table shaping: the layer rows the map shows, the evidence rows behind them, safe links.

Everything here is pure pandas/str work. HTML is built only from escaped text, and links
only ever point at http(s) URLs or at the dashboard's own reader view (``?article=<id>``).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from components.state import MAX_ARTICLE_ID, query_string
from components.text import md_escape
from news.sources.fetch import all_plain_links
from news.store.export import LEDGER_COLUMNS, SHOWN_COLUMNS
from news.timeref import label_of

EVIDENCE_COLUMNS = [
    "date", "actor", "iso3", "country", "status", "confidence", "outlet", "title", "url",
    "article_id", "evidence", "cue", "rules", "time", "as_of", "as_of_precision", "until", "background",
    "review",  # confirmed / corrected / added, "" when nobody reviewed the claim (news/review)
]
# the common case, decided without urlsplit: http(s), a plain host, printable ASCII, no spaces
_PLAIN_HTTP = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][\x21-\x7e]*)?", re.IGNORECASE)


def safe_url(url) -> str | None:
    """The URL if it is a plain http(s) link with a host; otherwise None (javascript:, data:, …)."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if _PLAIN_HTTP.fullmatch(u):
        return u
    if not u or any(ch.isspace() or not ch.isprintable() for ch in u):
        return None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return u


def reader_link(article_id, query: Mapping[str, str | list[str]] | None = None) -> str | None:
    """``?<current filters>&article=<id>``: the in-app reader view of one article.

    Any stored id (``query_string`` percent-encodes it); None only for no id or one longer
    than the URL state accepts.
    """
    if not isinstance(article_id, str) or not 0 < len(article_id) <= MAX_ARTICLE_ID:
        return None
    q = {k: v for k, v in (query or {}).items() if k != "article"}
    q["article"] = article_id
    return query_string(q)


def article_link(url, article_id, query=None) -> str | None:
    return safe_url(url) or reader_link(article_id, query)


def _as_list(v) -> list[str]:
    if v is None:
        return []
    if isinstance(v, float) and math.isnan(v):
        return []
    if isinstance(v, str):
        return [p for p in v.split() if p]
    try:
        return [str(x) for x in list(v) if x is not None and str(x)]
    except TypeError:
        return [str(v)]


def _safe_urls_joined(v) -> str:
    """The http(s) URLs of a cell joined by spaces (the CSV's and table's ``source_urls``)."""
    if isinstance(v, (list, tuple, np.ndarray)):
        joined = all_plain_links(v)
        if joined is not None:
            return joined
    return " ".join(u for u in _as_list(v) if safe_url(u))


def _missing_text(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def _day(v) -> str:
    if v is None:
        return ""
    try:
        ts = pd.Timestamp(v)
    except (ValueError, TypeError):
        return str(v)
    return "" if pd.isna(ts) else ts.date().isoformat()


def fill_countries(rows: pd.DataFrame | None, shapes: Mapping[str, dict]) -> pd.DataFrame | None:
    """Country name and label point from the shapes wherever the rows lack them."""
    if rows is None or len(rows) == 0 or "iso3" not in rows.columns:
        return rows
    df = rows.copy()
    names = df["iso3"].map(lambda i: shapes.get(i, {}).get("name"))
    df["country"] = df["country"].where(df["country"].notna(), names) if "country" in df else names
    for col in ("lat", "lon"):
        if col in df.columns and df[col].isna().any():
            df[col] = df[col].where(df[col].notna(), df["iso3"].map(lambda i, c=col: shapes.get(i, {}).get(c)))
    return df


def restrict_to_layers(rows: pd.DataFrame | None, layers: pd.DataFrame) -> pd.DataFrame:
    """Only rows whose (actor, iso3) is a layer row shown: the table, cities and CSVs follow the map."""
    if rows is None or len(rows) == 0:
        return pd.DataFrame() if rows is None else rows
    if not len(layers):
        return rows.iloc[0:0].reset_index(drop=True)
    keys = pd.MultiIndex.from_arrays([layers["actor"].astype(object), layers["iso3"].astype(object)])
    mask = pd.MultiIndex.from_arrays([rows["actor"].astype(object), rows["iso3"].astype(object)]).isin(keys)
    return rows.loc[mask].reset_index(drop=True)


def at_least(layers: pd.DataFrame | None, min_confidence: float) -> pd.DataFrame | None:
    """The layer rows whose combined confidence (the figure the table and tooltip show) reaches
    ``min_confidence``: the filter acts on that figure, never on single claims."""
    if layers is None or len(layers) == 0 or not min_confidence or "confidence" not in layers.columns:
        return layers
    conf = pd.to_numeric(layers["confidence"], errors="coerce").fillna(0.0)
    return layers.loc[conf.round(3) >= round(float(min_confidence), 3)].reset_index(drop=True)


def with_first_reported(layers: pd.DataFrame | None, overall: pd.DataFrame | None) -> pd.DataFrame | None:
    """``first_seen`` of each layer row replaced by its pair's first report overall (``overall``:
    the same query from the first month of the store), never later than the one in the window."""
    if layers is None or len(layers) == 0 or overall is None or len(overall) == 0:
        return layers
    first = (overall.assign(_f=pd.to_datetime(overall["first_seen"], errors="coerce"))
             .groupby(["actor", "iso3"])["_f"].min())
    df = layers.copy()
    mine = pd.to_datetime(df["first_seen"], errors="coerce")
    keys = pd.MultiIndex.from_arrays([df["actor"].astype(object), df["iso3"].astype(object)])
    earlier = pd.Series(first.reindex(keys).to_numpy(), index=df.index)
    df["first_seen"] = earlier.where(earlier.notna() & (mine.isna() | (earlier < mine)), mine)
    return df


def with_all_links(shown: pd.DataFrame, layers: pd.DataFrame | None) -> pd.DataFrame:
    """``shown`` (shaped layer rows carrying only their newest links) with every link of each row
    from ``layers`` (the same query with ``links=None``), as the CSV and GeoJSON carry them.

    The page asks for a few links per row on every window move (a pair's links number hundreds
    of thousands at a million articles); the downloads, built only on a click, ask for all and
    keep every other figure as the page shows it.
    """
    if shown is None or len(shown) == 0 or layers is None or len(layers) == 0:
        return shown
    every = {(a, i): u for a, i, u in zip(layers["actor"], layers["iso3"], layers["source_urls"], strict=True)}
    df = shown.copy()
    df["source_urls"] = [_safe_urls_joined(every.get((a, i))) for a, i in zip(df["actor"], df["iso3"], strict=True)]
    return df


def evidence_total(layers: pd.DataFrame, selected: str | None = None) -> int:
    """How many evidence rows stand behind the layer rows shown, without fetching them.

    An evidence row is a claim of a layer row (same filters, same actor × country pairs), so the
    sum of ``claims`` over the rows shown (of the selected country, when one is) is their number:
    the page counts what it does not draw for free.
    """
    if layers is None or len(layers) == 0:
        return 0
    rows = layers[layers["iso3"] == selected] if selected else layers
    return int(pd.to_numeric(rows["claims"], errors="coerce").fillna(0).sum())


def shape_layer_rows(rows: pd.DataFrame | None, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The layer rows as shown and downloaded: fixed columns, stable order, plain values.

    Sorted by actor then independent sources and articles (descending) then country; dates ISO; source URLs joined
    by spaces, keeping only http(s) ones (the sample's briefs have none).
    """
    if rows is None or len(rows) == 0:
        return pd.DataFrame(columns=SHOWN_COLUMNS)
    df = rows.copy()
    for c in SHOWN_COLUMNS:
        if c not in df.columns:
            df[c] = None
    df = df[SHOWN_COLUMNS]
    df["first_seen"] = df["first_seen"].map(_day)
    df["last_seen"] = df["last_seen"].map(_day)
    df["articles"] = pd.to_numeric(df["articles"], errors="coerce").fillna(0).astype(int)
    # the presence ledger's figures (news/store/ledger.py with_ledger); empty where a row has none
    df["first_reported"] = df["first_reported"].map(_day)
    df["last_confirmed"] = df["last_confirmed"].map(_day)
    df["independent_sources"] = pd.to_numeric(df["independent_sources"], errors="coerce").astype("Int64")
    df["contradicted"] = df["contradicted"].map(lambda v: "" if _missing_text(v) else str(v))
    assert list(df.columns[-len(LEDGER_COLUMNS):]) == LEDGER_COLUMNS
    # rows made before syndication clusters: every article its own source
    df["sources"] = pd.to_numeric(df["sources"], errors="coerce").fillna(df["articles"]).astype(int)
    df["claims"] = pd.to_numeric(df["claims"], errors="coerce").fillna(0).astype(int)
    df["confidence"] = pd.to_numeric(df["confidence"], errors="coerce").round(3)
    df["lat"] = pd.to_numeric(df["lat"], errors="coerce").round(4)
    df["lon"] = pd.to_numeric(df["lon"], errors="coerce").round(4)
    df["source_urls"] = df["source_urls"].map(_safe_urls_joined)
    df["latest_title"] = df["latest_title"].map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v))
    df["country"] = df["country"].fillna(df["iso3"]).astype(str)
    df["review"] = df["review"].fillna("").astype(str)
    df = df.sort_values(["actor", "sources", "articles", "country"], ascending=[True, False, False, True],
                        kind="stable")
    return df.reset_index(drop=True)


def shape_evidence_rows(rows: pd.DataFrame | None, query=None) -> pd.DataFrame:
    """Evidence rows, newest first, with a ``link`` column (http(s) or the reader view) and a
    ``reader`` column (always the reader view, when the article has an id)."""
    cols = [*EVIDENCE_COLUMNS, "link", "reader"]
    if rows is None or len(rows) == 0:
        return pd.DataFrame(columns=cols)
    df = rows.copy()
    for c in EVIDENCE_COLUMNS:
        if c not in df.columns:
            df[c] = None
    df["time"] = [label_of(r) for r in df.to_dict(orient="records")]  # "as of 2019" (news/timeref.py)
    for c in ("as_of", "until"):
        df[c] = df[c].map(_day)
    df["date"] = df["date"].map(_day)
    df["url"] = df["url"].map(lambda u: safe_url(u) or "")
    df["link"] = [article_link(u, a, query) or "" for u, a in zip(df["url"], df["article_id"], strict=True)]
    df["reader"] = [reader_link(a, query) or "" for a in df["article_id"]]
    df["confidence"] = pd.to_numeric(df["confidence"], errors="coerce").round(3)
    df["review"] = df["review"].fillna("").astype(str)
    # an article's sentences stay together (the sources list shows them under one entry)
    df = df[cols].sort_values(["date", "article_id", "actor", "iso3"], ascending=[False, True, True, True],
                              kind="stable")
    return df.reset_index(drop=True)


def sources_html(rows: pd.DataFrame, labels: Mapping[str, str] | None = None, limit: int = 200) -> str:
    """The evidence rows as an escaped HTML list, one entry per article: date · outlet, the linked
    title, then each of its sentences (actor · country · status · confidence, and the sentence).

    Every value is one line (``md_escape``): Markdown ends an HTML block at a blank line, and a
    blank line in a title would hand the rest of the list to Markdown. The list holds no line
    break at all.
    """
    labels = labels or {}
    groups: dict[object, list[dict]] = {}
    for n, r in enumerate(rows.head(limit).to_dict(orient="records")):
        aid = r.get("article_id")
        key = aid if isinstance(aid, str) and aid else ("row", n)
        groups.setdefault(key, []).append(r)
    items = []
    for group in groups.values():
        r = group[0]
        # the title opens the reader view; an http(s) original gets its own link beside it
        reader = r.get("reader") or ""
        if not (reader.startswith("?") and "article=" in reader):
            reader = ""
        original = safe_url(r.get("url")) or safe_url(r.get("link")) or ""
        link = reader or original
        title = md_escape(r.get("title")) or "(untitled)"
        external = not reader and bool(original)
        target = ' target="_blank" rel="noopener noreferrer nofollow"' if external else ' target="_self"'
        a = f'<a href="{html.escape(link, quote=True)}"{target}>{title}</a>' if link else title
        where = " ↗" if external else ""
        if reader and original:
            where = (f' · <a class="fp-orig" href="{html.escape(original, quote=True)}" target="_blank" '
                     'rel="noopener noreferrer nofollow">original ↗</a>')
        n = len(group)
        meta = " · ".join(x for x in (md_escape(r.get("date")) or "undated", md_escape(r.get("outlet")),
                                       f"{n} sentences" if n > 1 else "") if x)
        parts = ['<li class="fp-src">', f'<div class="fp-meta">{meta}</div>', f'<div class="fp-title">{a}{where}</div>']
        for c in group:
            claim = " · ".join(
                x
                for x in (
                    md_escape(labels.get(c.get("actor"), c.get("actor"))),
                    md_escape(c.get("country") or c.get("iso3")),
                    md_escape(c.get("status")),
                    md_escape(c.get("review")),  # reviewed claims say so (news/review)
                )
                if x
            )
            told = c.get("time")
            if isinstance(told, str) and told:  # the claim's own time, from its sentence
                claim += f' · <span class="fp-when" title="the time the sentence gives">{md_escape(told)}</span>'
            conf = c.get("confidence")
            conf_s = f" · confidence {float(conf):.2f}" if conf is not None and not pd.isna(conf) else ""
            rules = c.get("rules")
            if isinstance(rules, str) and rules:  # why the claim was made (news/models.py Claim.rules)
                conf_s += f' · <span class="fp-why" title="the rule that made this claim">{md_escape(rules)}</span>'
            parts.append(f'<div class="fp-cm">{claim}{conf_s}</div>'
                         f'<blockquote class="fp-ev">{md_escape(c.get("evidence"))}</blockquote>')
        parts.append("</li>")
        items.append("".join(parts))
    return '<ul class="fp-sources">' + "".join(items) + "</ul>"
