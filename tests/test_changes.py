"""What changed since a moment (news/changes.py), the ledger beside the layer rows
(news/store/ledger.py ``with_ledger``), and their page pieces (components/changes.py, timeline)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from components.changes import changes_html
from components.timeline import interval_frame, intervals_html
from news.changes import changes
from news.ledger import ledger
from news.store.alerts import article_link, parse_since, reader_url
from news.store.ledger import with_ledger

OLD, NEW, SINCE = datetime(2025, 1, 1), datetime(2025, 2, 1), datetime(2025, 1, 15)


def row(day, status="present", article="a", iso3="MLI", at=OLD, **extra):
    return {"actor": "wagner", "iso3": iso3, "status": status, "date": day, "article_id": article,
            "ingested_at": at, **extra}


BASE = [row(date(2022, 1, 1), article="p1"), row(date(2023, 6, 1), "ended", article="e1")]


def kinds(found):
    return sorted((c.kind, c.iso3, c.day.isoformat()) for c in found)


def test_nothing_ingested_since_is_no_change():
    assert changes(BASE, SINCE) == []


def test_new_pair_ended_reappeared_contradiction():
    rows = [*BASE, row(date(2024, 3, 1), article="p2", at=NEW), row(date(2024, 1, 1), article="l", iso3="LBY", at=NEW),
            row(date(2023, 6, 1), article="p3", at=NEW, cluster="other")]  # same day as the departure
    got = changes(rows, SINCE)
    assert kinds(got) == [("contradiction", "MLI", "2023-06-01"), ("new", "LBY", "2024-01-01"),
                          ("reappeared", "MLI", "2024-03-01")]
    contra = next(c for c in got if c.kind == "contradiction")
    assert set(contra.evidence) == {"e1", "p3"} and contra.noticed == NEW


def test_a_departure_of_a_known_stay():
    got = changes([row(date(2022, 1, 1), article="p1"), row(date(2023, 6, 1), "ended", article="e1", at=NEW)], SINCE)
    assert kinds(got) == [("ended", "MLI", "2023-06-01")] and got[0].evidence == ("e1",)
    # a second report of the same departure is no new change
    again = [*BASE, row(date(2023, 7, 1), "ended", article="e2", at=NEW)]
    assert changes(again, SINCE) == []


def test_a_backdated_report_is_not_a_reappearance():
    rows = [*BASE, row(date(2024, 3, 1), article="p2"), row(date(2021, 6, 1), article="old-news", at=NEW)]
    assert changes(rows, SINCE) == []  # the first stay began earlier than we knew: no alert


def test_since_parsing_and_links():
    assert parse_since("2025-01-15") == datetime(2025, 1, 15)
    assert parse_since("2025-01-15T14:00:00+02:00") == datetime(2025, 1, 15, 12, 0)
    assert reader_url("http://h:1/?x=1", "a b/c") == "http://h:1/?article=a+b%2Fc"
    assert article_link({"id": "i", "url": "javascript:alert(1)"}, "") == "?article=i"
    assert article_link({"id": "i", "url": "https://example.org/x"}, "") == "https://example.org/x"


def test_with_ledger_takes_the_stay_current_at_the_window_end():
    intervals = ledger([*BASE, row(date(2024, 3, 1), article="p2")])
    layers = pd.DataFrame({"actor": ["wagner", "wagner"], "iso3": ["MLI", "SYR"]})
    late = with_ledger(layers, intervals, date(2024, 12, 31))
    assert late.loc[0, "first_reported"] == date(2024, 3, 1) and late.loc[0, "independent_sources"] == 1
    assert late.loc[1, "first_reported"] is None and pd.isna(late.loc[1, "independent_sources"])
    early = with_ledger(layers, intervals, date(2023, 12, 31))
    assert (early.loc[0, "first_reported"], early.loc[0, "last_confirmed"]) == (date(2022, 1, 1), date(2022, 1, 1))
    assert early.loc[0, "independent_sources"] == 2


def test_changes_html_escapes_and_links_only_safe_targets():
    records = [{"kind": "new", "title": "<b>Wagner</b> in [Mali](javascript:x)", "evidence": [
        {"article_id": "a", "link": "?article=a", "title": "<script>", "outlet": "O", "published": "2024-01-01"},
        {"article_id": "b", "link": "javascript:alert(1)", "title": "T", "outlet": None, "published": None},
        {"article_id": "c", "link": "https://example.org/c", "title": "C", "outlet": None, "published": None}]}]
    out = changes_html(records, "2025-01-01")
    assert "<script>" not in out and "<b>" not in out and "javascript:" not in out
    assert 'href="?article=a" target="_self"' in out and 'href="https://example.org/c" target="_blank"' in out
    assert "No change" in changes_html([], "2025-01-01")


def test_interval_frame_follows_the_countries_and_lists_stays():
    intervals = ledger([*BASE, row(date(2024, 3, 1), article="p2"), row(date(2020, 1, 1), iso3="LBY", article="l")])
    frame = interval_frame(intervals, ["wagner"], ["MLI"], date(2025, 1, 31), {"MLI": "Mali"}, {"wagner": "Wagner"})
    assert list(frame["line"]) == ["Mali · Wagner", "Mali · Wagner"]
    assert frame["stop"].iloc[-1] == pd.Timestamp("2025-01-31")  # an open stay runs to the last report
    text = intervals_html(frame)
    assert "2022-01-01 → last confirmed 2022-01-01, ended 2023-06-01" in text
    assert "2024-03-01 → last confirmed 2024-03-01, still reported" in text
    assert interval_frame(intervals, ["russia"], ["MLI"], date(2025, 1, 31), {}, {}).empty


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["wagner", "russia"]), st.sampled_from(["MLI", "SYR", "LBY"]),
                          st.dates(date(2020, 1, 1), date(2024, 12, 31)), st.sampled_from(["present", "ended"])),
                max_size=30),
       st.one_of(st.none(), st.dates(date(2019, 6, 1), date(2025, 6, 1))))
def test_current_frame_picks_what_interval_at_picks(claims, as_of):
    """The column-wise pick of each pair's stay as of a day (a window move asks it of every stay)
    is ``interval_at``'s, on the ledger frame the page holds."""
    from news.ledger_frame import ledger_frame
    from news.store.ledger import current_frame, interval_at

    rows = [row(d, s, article=f"a{k}", iso3=c) | {"actor": a} for k, (a, c, d, s) in enumerate(claims)]
    intervals = ledger(rows)
    frame = ledger_frame(pd.DataFrame(rows, columns=list(row(date(2020, 1, 1)))))
    picked = current_frame(frame, as_of)
    want = interval_at(intervals, as_of)
    assert set(picked.index) == set(want)
    for key, i in want.items():
        got = picked.loc[key]
        assert pd.Timestamp(got["start"]).date() == i.start
        assert int(got["independent_sources"]) == i.independent_sources
