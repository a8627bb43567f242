"""The presence ledger: per actor and country, when a presence was first reported, last
confirmed and ended, on whose word, and where independent sources disagree.

Pure functions over plain rows (mappings: a claim joined to its article, as
``news.store.queries.ledger_input`` gives them, or dicts in a test). Why a ledger and not the
layer rows' window counts: a presence that began years before the window is not "first seen"
inside it, one wire story reprinted twenty times is one source, and a departure followed by a
later report is two stays, not one.

What each row contributes (``reports``):

- Its **day** is the claim's ``date`` (the article's publication date; ``published`` when a row
  has no ``date``). A row with ``as_of`` on or before that day ("since 2021", "in 2019") also
  reports on ``as_of``: the text places the fact there. A future ``as_of`` is ignored.
- A **background** row ("Wagner, which has fought in Libya") does not report on its article's
  day: it reports only on its ``as_of`` when it has one, and otherwise on no day at all.
- A row whose ``until`` lies before its day ("until June", "from 2018 to 2020") reports on
  ``until`` instead of its day: the text says it no longer held when it was written. The end of
  a point ("in 2019": ``as_of`` 2019-01-01, ``until`` 2019-12-31, ``as_of_precision`` year) is
  not a report: the text says when, not until when. These are news.timeref's semantics
  (``confirms_on_article_date``; docs/design.md, "Time inside the text").
- A row without any day cannot be placed in time and is left out.
- Rows without ``cluster`` count their article as its own cluster; without ``background``, as
  not background; without ``as_of``/``until``, as told at the article's date.

What the reports do, per actor and country, in day order (on one day present before ended, so a
departure reported the same day as a presence closes it, as ``news.store.queries`` reads it):

- a **present** report *confirms*: it opens an interval when none is open (``first_reported``)
  and moves ``last_confirmed`` to its day;
- an **ended** report *closes* the open interval (``ended`` = its day, ``ended_evidence`` = its
  article); with no interval open it corroborates the last departure (its article joins that
  interval's ``ended_evidence``), or, before any presence report, makes an interval of its own
  with no presence dates (``first_reported`` and ``last_confirmed`` empty): a departure is
  news even when the arrival was never reported;
- a present report after a departure opens a **new** interval (a reappearance).

**Independent sources** of an interval: the distinct clusters (syndication: one story and its
reprints are one cluster) of its articles, confirming and departure alike. ``articles`` is the
distinct article count. A **contradiction** is a month in which independent sources (claims
from at least two clusters) say present and ended for the pair; an interval lists every such
month its span (first day to departure, or to last confirmation) touches, so the analyst sees
it where the disagreement sits. A departure reported mid-month after a presence reported
earlier that month by another source is flagged too: the ledger shows where to look, the reader
decides.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

PRESENT, ENDED = "present", "ended"


@dataclass(frozen=True, slots=True)
class Report:
    """One claim placed on one day: what the ledger is folded from."""

    actor: str
    iso3: str
    status: str
    day: date
    article_id: str
    cluster: str


@dataclass(frozen=True, slots=True)
class Interval:
    """One stay of an actor in a country, from first report to departure (or last confirmation)."""

    actor: str
    iso3: str
    first_reported: date | None
    last_confirmed: date | None
    ended: date | None
    evidence: tuple[str, ...]  # confirming articles, first report first, each once
    ended_evidence: tuple[str, ...]  # the departure's articles, each once
    independent_sources: int
    articles: int
    contradicted: tuple[str, ...]  # months ("YYYY-MM") with present and ended from independent sources

    @property
    def start(self) -> date:
        """The interval's first day: its first report, or its departure when it has only that."""
        day = self.first_reported or self.ended
        assert day is not None  # an interval holds at least one report
        return day

    @property
    def stop(self) -> date:
        """The interval's last day: its departure, else its last confirmation."""
        day = self.ended or self.last_confirmed
        assert day is not None
        return day


LEDGER_FIELDS = [
    "actor", "iso3", "country", "first_reported", "last_confirmed", "ended", "ended_evidence",
    "independent_sources", "articles", "contradicted",
]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def _value(row: Mapping[str, Any], key: str) -> Any:
    value = row.get(key)
    return None if _missing(value) else value


def as_day(value: Any) -> date | None:
    """A date from a date, datetime, pandas Timestamp or ISO text; None when there is none."""
    if _missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "date") and callable(value.date):  # pandas Timestamp, numpy datetime64 wrappers
        return value.date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _flag(value: Any) -> bool:
    return False if _missing(value) else bool(value)


def reports(row: Mapping[str, Any]) -> list[Report]:
    """The days one claim row reports on (see the module's docstring), as ``Report``s."""
    actor, iso3, status, article = (_value(row, k) for k in ("actor", "iso3", "status", "article_id"))
    if actor is None or iso3 is None or status not in (PRESENT, ENDED) or article is None:
        return []
    told = as_day(_value(row, "date")) or as_day(_value(row, "published"))
    as_of, until = as_day(_value(row, "as_of")), as_day(_value(row, "until"))
    background = _flag(_value(row, "background"))
    days: list[date] = []
    if as_of is not None and (told is None or as_of <= told):
        days.append(as_of)
    # an end the text gives ("until June", "from 2018 to 2020"), not the end of a point ("in 2019")
    if until is not None and told is not None and until < told and not _point(as_of, _value(row, "as_of_precision"), until):
        days.append(until)
    # news.timeref.confirms_on_article_date: not background, and its own time still runs then
    if told is not None and not background and (until is None or until >= told):
        days.append(told)
    cluster = _value(row, "cluster")
    source = str(cluster) if cluster is not None and str(cluster) else str(article)
    return [Report(str(actor), str(iso3), status, d, str(article), source) for d in sorted(set(days))]


def _point(as_of: date | None, precision: Any, until: date) -> bool:
    """Whether ``as_of``..``until`` is one period the text named ("in 2019": a year, "en mars
    2022": a month), which says when, not until when: it reports on its first day only."""
    if as_of is None:
        return False
    if precision == "year":
        return until == date(as_of.year, 12, 31)
    if precision == "month":
        nxt = date(as_of.year + (as_of.month == 12), as_of.month % 12 + 1, 1)
        return until == date.fromordinal(nxt.toordinal() - 1)
    return until == as_of


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def contradicted_months(reports_: Iterable[Report]) -> set[str]:
    """Months in which independent sources say present and ended (of one actor × country)."""
    said: dict[str, dict[str, set[str]]] = defaultdict(lambda: {PRESENT: set(), ENDED: set()})
    for r in reports_:
        said[_month(r.day)][r.status].add(r.cluster)
    return {m for m, s in said.items() if s[PRESENT] and s[ENDED] and len(s[PRESENT] | s[ENDED]) >= 2}


class _Open:
    """An interval being folded."""

    def __init__(self) -> None:
        self.first: date | None = None
        self.last: date | None = None
        self.ended: date | None = None
        self.evidence: dict[str, None] = {}  # ordered set
        self.ended_evidence: dict[str, None] = {}
        self.clusters: set[str] = set()


def _fold(pair_reports: list[Report]) -> list[_Open]:
    order = sorted(pair_reports, key=lambda r: (r.day, r.status != PRESENT, r.article_id))
    done: list[_Open] = []
    current: _Open | None = None
    for r in order:
        if r.status == PRESENT:
            if current is None:
                current = _Open()
                current.first = r.day
            current.last = r.day
            current.evidence.setdefault(r.article_id)
            current.clusters.add(r.cluster)
        elif current is not None:  # a departure closes the open stay
            current.ended = r.day
            current.ended_evidence.setdefault(r.article_id)
            current.clusters.add(r.cluster)
            done.append(current)
            current = None
        else:  # no stay open: it corroborates the last departure, or is a departure on its own
            if not done:
                done.append(_Open())
                done[-1].ended = r.day
            done[-1].ended_evidence.setdefault(r.article_id)
            done[-1].clusters.add(r.cluster)
    if current is not None:
        done.append(current)
    return done


def ledger(rows: Iterable[Mapping[str, Any]]) -> list[Interval]:
    """Every interval of every actor × country, by actor, country, then time."""
    by_pair: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for row in rows:
        for r in reports(row):
            by_pair[(r.actor, r.iso3)].append(r)
    out: list[Interval] = []
    for (actor, iso3), pair_reports in sorted(by_pair.items()):
        months = contradicted_months(pair_reports)
        for it in _fold(pair_reports):
            start = it.first or it.ended
            stop = it.ended or it.last
            assert start is not None and stop is not None
            touched = tuple(sorted(m for m in months if _month(start) <= m <= _month(stop)))
            articles = set(it.evidence) | set(it.ended_evidence)
            out.append(Interval(actor=actor, iso3=iso3, first_reported=it.first, last_confirmed=it.last,
                                ended=it.ended, evidence=tuple(it.evidence), ended_evidence=tuple(it.ended_evidence),
                                independent_sources=len(it.clusters), articles=len(articles), contradicted=touched))
    return out


def select(intervals: Iterable[Interval], actors: Iterable[str] = (), countries: Iterable[str] = ()) -> list[Interval]:
    """The intervals of the given actors and countries (empty: all)."""
    a, c = {x.lower() for x in actors}, {x.upper() for x in countries}
    return [i for i in intervals if (not a or i.actor.lower() in a) and (not c or i.iso3.upper() in c)]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def record(interval: Interval, country: str | None = None) -> dict[str, Any]:
    """One interval as a plain record with ``LEDGER_FIELDS`` (dates ISO, lists as lists)."""
    return {
        "actor": interval.actor, "iso3": interval.iso3, "country": country or interval.iso3,
        "first_reported": _iso(interval.first_reported), "last_confirmed": _iso(interval.last_confirmed),
        "ended": _iso(interval.ended), "ended_evidence": list(interval.ended_evidence),
        "independent_sources": interval.independent_sources, "articles": interval.articles,
        "contradicted": list(interval.contradicted),
    }


def current(intervals: Iterable[Interval]) -> dict[tuple[str, str], Interval]:
    """Each actor × country's latest interval (the one a map row as of today describes)."""
    latest: dict[tuple[str, str], Interval] = {}
    for i in intervals:
        key = (i.actor, i.iso3)
        if key not in latest or latest[key].start <= i.start:
            latest[key] = i
    return latest
