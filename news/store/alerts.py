"""The ledger's changes (``news.changes``) as an Atom 1.0 feed or JSON, each change linking to its
evidence articles: the article's own URL when it has an http(s) one, else the dashboard's reader
view of it (``<dashboard>?article=<id>``, the link the page itself uses).

The feed is written with feedgen rather than by hand: Atom's required elements, date formats and
escaping are its job, and a feed reader that chokes on one of ours would silently drop alerts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd

from news.changes import Change, changes, headline
from news.ledger import as_day
from news.sources.fetch import is_http_url
from news.store import Store
from news.store.export import plain
from news.store.ledger import country_names, ledger_input

DEFAULT_DASHBOARD = "http://127.0.0.1:8501/"
FEED_ID = "urn:footprint:changes"


def reader_url(dashboard: str, article_id: str) -> str:
    """The dashboard's reader view of one article (the id percent-encoded, as the page does)."""
    return dashboard.split("?", 1)[0] + "?" + urlencode({"article": article_id})


def article_link(article: Mapping[str, Any], dashboard: str) -> str:
    url = article.get("url")
    return url if isinstance(url, str) and is_http_url(url) else reader_url(dashboard, str(article["id"]))


def store_changes(store: Store | str | os.PathLike | None, since: datetime, actors: Iterable[str] = (),
                  countries: Iterable[str] = ()) -> tuple[list[Change], dict[str, dict]]:
    """The changes since ``since`` (naive UTC) and the articles they cite, by id."""
    rows = ledger_input(store, actors, countries)
    found = changes(rows.to_dict(orient="records"), since)
    cited = {a for c in found for a in c.evidence}
    articles: dict[str, dict] = {}
    if cited:
        arts = rows[rows["article_id"].isin(cited)].drop_duplicates("article_id")
        for r in arts.to_dict(orient="records"):
            articles[str(r["article_id"])] = {"id": str(r["article_id"]), "url": r.get("url"),
                                              "title": r.get("title"), "outlet": r.get("outlet"),
                                              "published": as_day(r.get("published")),
                                              "ingested_at": r.get("ingested_at")}
    return found, articles


def _utc(value: datetime | None) -> datetime:
    return (value or datetime.now(UTC).replace(tzinfo=None)).replace(tzinfo=UTC)


def change_records(found: list[Change], articles: Mapping[str, dict], labels: Mapping[str, str],
                   dashboard: str = DEFAULT_DASHBOARD) -> list[dict]:
    """Plain records (the JSON format, and what the feed entries are built from)."""
    names = country_names()
    out = []
    for c in found:
        country = names.get(c.iso3, c.iso3)
        evidence = []
        for a in c.evidence:
            art = articles.get(a, {"id": a})
            evidence.append({"article_id": a, "link": article_link(art, dashboard),
                             "title": plain(art.get("title")), "outlet": plain(art.get("outlet")),
                             "published": plain(art.get("published"))})
        i = c.interval
        out.append({
            "id": f"{FEED_ID}:{quote(c.key, safe='/')}", "kind": c.kind, "actor": c.actor, "iso3": c.iso3,
            "country": country, "day": c.day.isoformat(), "title": headline(c, labels.get(c.actor, c.actor), country),
            "noticed": _utc(c.noticed).isoformat(),
            "first_reported": plain(i.first_reported) if i else None,
            "last_confirmed": plain(i.last_confirmed) if i else None,
            "ended": plain(i.ended) if i else None,
            "independent_sources": i.independent_sources if i else None,
            "evidence": evidence,
        })
    return out


def changes_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1)


def atom_feed(records: list[dict], since: datetime, dashboard: str = DEFAULT_DASHBOARD) -> bytes:
    """An Atom 1.0 feed, one entry per change, newest first; each entry links to its evidence."""
    from feedgen.feed import FeedGenerator  # lazy: only this command needs it

    fg = FeedGenerator()
    fg.id(f"{FEED_ID}:since:{since.isoformat()}")
    fg.title(f"Footprint: changes in the presence ledger since {since.isoformat(sep=' ', timespec='minutes')} UTC")
    fg.author({"name": "Footprint"})
    fg.link(href=dashboard, rel="alternate")
    fg.generator("Footprint")
    fg.updated(max((datetime.fromisoformat(r["noticed"]) for r in records), default=_utc(since)))
    for r in reversed(records):  # feedgen prepends: add oldest first so the feed reads newest first
        fe = fg.add_entry()
        fe.id(r["id"])
        fe.title(r["title"])
        fe.updated(datetime.fromisoformat(r["noticed"]))
        fe.category(term=r["kind"])
        for n, ev in enumerate(r["evidence"]):
            fe.link(href=ev["link"], rel="alternate" if n == 0 else "related", title=ev["title"] or ev["article_id"])
        lines = [r["title"] + "."]
        if r["first_reported"] or r["ended"]:
            lines.append(f"Interval: first reported {r['first_reported'] or 'unknown'}, last confirmed "
                         f"{r['last_confirmed'] or 'unknown'}, ended {r['ended'] or 'no'}; "
                         f"{r['independent_sources']} independent source(s).")
        lines += [f"Evidence: {ev['title'] or ev['article_id']} ({ev['outlet'] or 'unknown outlet'}, "
                  f"{ev['published'] or 'undated'}) {ev['link']}" for ev in r["evidence"]]
        fe.summary("\n".join(lines))
    return fg.atom_str(pretty=True)


def parse_since(value: str) -> datetime:
    """``--since``: a date (midnight UTC) or an ISO date-time (UTC unless it names its zone)."""
    ts = pd.Timestamp(datetime.fromisoformat(value.strip()))
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.to_pydatetime()
