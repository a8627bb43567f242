"""What changed in the ledger since a moment: the alerts of ``footprint changes`` and of the
dashboard's "what changed since" view.

"Since" is **ingest time** (``articles.ingested_at``, UTC): a watcher asks "what did the articles
that came in since yesterday change?", and an article published last year but ingested today is
news to them. Report time would hide it (and every backdated claim would rewrite the past alerts).

The ledger of every row (``after``) is compared with the ledger of the rows ingested before the
moment (``before``; rows without an ingest time count as before). Four kinds of change:

- ``new``: an actor × country pair the ledger did not hold;
- ``ended``: an interval that now has a departure, where no interval of ``before`` overlapping it
  had one;
- ``reappeared``: an interval after a departure that overlaps no interval of ``before`` (the
  actor is reported again after leaving);
- ``contradiction``: a month newly contradicted (present and ended from independent sources).

Intervals are matched by overlap, not by their first day: a late, backdated report that moves a
stay's first report earlier is not a reappearance. Each change names its evidence articles (for
a contradiction, every article of the pair in that month, both sides) and when it was noticed
(the latest ingest time among the new articles behind it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from news.ledger import Interval, ledger, reports

KINDS = ("new", "ended", "reappeared", "contradiction")


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # one of KINDS
    actor: str
    iso3: str
    day: date  # what the change is about: first report, departure, reappearance, first of the month
    evidence: tuple[str, ...]  # article ids
    noticed: datetime | None  # latest ingest time of the new articles behind it
    interval: Interval | None  # the interval it concerns (None for a contradiction)

    @property
    def key(self) -> str:
        """Stable across runs: the same change gets the same feed entry id."""
        when = self.day.strftime("%Y-%m") if self.kind == "contradiction" else self.day.isoformat()
        return f"{self.kind}/{self.actor}/{self.iso3}/{when}"


def ingest_time(value: Any) -> datetime | None:
    """A naive UTC datetime from a stored ``ingested_at`` (None when missing)."""
    if value is None:
        return None
    ts = pd.Timestamp(value) if not isinstance(value, pd.Timestamp) else value
    if pd.isna(ts):
        return None
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.to_pydatetime()


def _overlaps(a: Interval, b: Interval) -> bool:
    return a.start <= b.stop and b.start <= a.stop


def changes(rows: Iterable[Mapping[str, Any]], since: datetime) -> list[Change]:
    """The ledger's changes brought by the rows ingested at or after ``since`` (naive UTC)."""
    rows = list(rows)
    when = {str(r["article_id"]): ingest_time(r.get("ingested_at")) for r in rows if r.get("article_id") is not None}
    new = {a for a, t in when.items() if t is not None and t >= since}
    if not new:
        return []
    old_rows = [r for r in rows if str(r.get("article_id")) not in new]
    before: dict[tuple[str, str], list[Interval]] = defaultdict(list)
    for i in ledger(old_rows):
        before[(i.actor, i.iso3)].append(i)
    after: dict[tuple[str, str], list[Interval]] = defaultdict(list)
    for i in ledger(rows):
        after[(i.actor, i.iso3)].append(i)

    def noticed(articles: Iterable[str]) -> datetime | None:
        times = [t for a in articles if a in new and (t := when.get(a)) is not None]
        return max(times) if times else None

    def fresh(articles: Iterable[str]) -> tuple[str, ...]:
        found = tuple(a for a in articles if a in new)
        return found or tuple(articles)

    by_month: dict[tuple[str, str, str], dict[str, None]] | None = None  # built when a contradiction needs it

    out: list[Change] = []
    for pair, intervals in after.items():
        old = before.get(pair, [])
        if not old:
            every = [a for i in intervals for a in (*i.evidence, *i.ended_evidence)]
            first = intervals[0]
            out.append(Change("new", *pair, first.start, fresh(dict.fromkeys(every)), noticed(every), first))
        for k, i in enumerate(intervals):
            matched = [j for j in old if _overlaps(i, j)]
            if i.ended is not None and not any(j.ended is not None for j in matched):
                out.append(Change("ended", *pair, i.ended, fresh(i.ended_evidence), noticed(i.ended_evidence), i))
            if k >= 1 and not matched:
                out.append(Change("reappeared", *pair, i.start, fresh(i.evidence), noticed(i.evidence), i))
        was = {m for j in old for m in j.contradicted}
        for month in sorted({m for i in intervals for m in i.contradicted} - was):
            by_month = by_month if by_month is not None else _month_articles(rows)
            articles = tuple(by_month[(*pair, month)])
            out.append(Change("contradiction", *pair, date.fromisoformat(f"{month}-01"), articles, noticed(articles),
                              None))
    out = [c for c in out if c.noticed is not None]  # a change no new article brought is not news
    out.sort(key=lambda c: (c.noticed or datetime.min, c.actor, c.iso3, KINDS.index(c.kind), c.day), reverse=True)
    return out


def _month_articles(rows: list[Mapping[str, Any]]) -> dict[tuple[str, str, str], dict[str, None]]:
    """Every pair's articles by the month they report on (one pass over the rows)."""
    found: dict[tuple[str, str, str], dict[str, None]] = defaultdict(dict)
    for r in rows:
        for rep in reports(r):
            found[(rep.actor, rep.iso3, rep.day.strftime("%Y-%m"))].setdefault(rep.article_id)
    return found


def headline(change: Change, actor_label: str, country: str) -> str:
    """One line a reader of the feed understands without the dashboard."""
    if change.kind == "new":
        return f"{actor_label} reported in {country} for the first time (first report {change.day.isoformat()})"
    if change.kind == "ended":
        return f"{actor_label} reported to have left {country} ({change.day.isoformat()})"
    if change.kind == "reappeared":
        return f"{actor_label} reported in {country} again ({change.day.isoformat()}) after a departure"
    month = change.day.strftime("%Y-%m")
    return f"Independent sources contradict each other on {actor_label} in {country} in {month}"
