"""Reviewed articles as labelled JSON Lines, in the labelling guide's format (docs/labelling.md).

One line per article with at least one review: ``id``, ``title``, ``outlet``, ``date``,
``language``, ``url``, ``text`` and ``gold``. ``gold.presence`` holds only what a reviewer
vouched for (confirmed, corrected and added claims, as they stand after review): unreviewed
machine claims are no label, and are listed apart under ``review.unreviewed`` for the labeller
to finish. ``gold.mentions`` is the machine's countries of the article (no reviewer checks them
yet), so an ``eval`` of this file scores presence, not countries. ``footprint eval`` reads the
file as it reads any labelled set.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pandas as pd

from news.review.apply import latest_reviews


def _day(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or pd.isna(value):
        return None
    return pd.Timestamp(value).date().isoformat()


def _triples(rows: pd.DataFrame) -> list[dict]:
    seen = sorted({(r.actor, r.iso3, r.status if isinstance(r.status, str) else "") for r in rows.itertuples()})
    return [{"actor": a, "iso3": i, "status": s} for a, i, s in seen]


def labelled_lines(articles: pd.DataFrame, mentions: pd.DataFrame, claims: pd.DataFrame,
                   reviews: pd.DataFrame) -> Iterator[str]:
    """JSON lines for the reviewed articles, by article id. ``claims`` are the reviewed view's rows
    (with ``review``) of those articles; ``mentions`` their mentions; ``reviews`` the table."""
    latest = latest_reviews(reviews)
    by_article = latest.groupby("article_id")
    for art in articles.sort_values("id").to_dict(orient="records"):
        aid = art["id"]
        if aid not in by_article.groups:
            continue
        mine = claims[claims["article_id"] == aid]
        reviewed = mine[mine["review"].notna()]
        done = by_article.get_group(aid)
        record = {
            "id": aid, "title": art.get("title"), "outlet": art.get("outlet"), "date": _day(art.get("published")),
            "language": art.get("language"), "url": art.get("url"), "text": art.get("text"),
            "gold": {"mentions": sorted(set(mentions.loc[mentions["article_id"] == aid, "iso3"].dropna())),
                     "presence": _triples(reviewed)},
            "review": {"unreviewed": _triples(mine[mine["review"].isna()]),
                       "rejected": _triples(done[done["decision"] == "reject"]),
                       "reviewers": sorted(set(done["reviewer"]))},
        }
        yield json.dumps(record, ensure_ascii=False)
