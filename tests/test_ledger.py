"""The presence ledger (news/ledger.py): cases a reader can check by hand, then properties."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from news.ledger import Interval, current, ledger, record, reports, select


def row(day, status="present", article="a", actor="wagner", iso3="MLI", **extra):
    return {"actor": actor, "iso3": iso3, "status": status, "date": day, "article_id": article, **extra}


def test_one_stay_from_first_report_to_departure():
    got = ledger([row(date(2022, 1, 10), article="a1"), row(date(2022, 8, 1), article="a2"),
                  row(date(2023, 6, 15), "ended", article="a3")])
    assert len(got) == 1
    i = got[0]
    assert (i.first_reported, i.last_confirmed, i.ended) == (date(2022, 1, 10), date(2022, 8, 1), date(2023, 6, 15))
    assert i.evidence == ("a1", "a2") and i.ended_evidence == ("a3",)
    assert i.articles == 3 and i.independent_sources == 3 and i.contradicted == ()


def test_a_report_after_a_departure_opens_a_new_interval():
    got = ledger([row(date(2022, 1, 10), article="a1"), row(date(2023, 6, 15), "ended", article="a2"),
                  row(date(2024, 3, 2), article="a3")])
    assert [(i.first_reported, i.ended) for i in got] == [(date(2022, 1, 10), date(2023, 6, 15)),
                                                          (date(2024, 3, 2), None)]
    assert current(got)[("wagner", "MLI")].evidence == ("a3",)


def test_copies_of_one_story_are_one_independent_source():
    rows = [row(date(2022, 1, 10), article="wire", cluster="wire"),
            row(date(2022, 1, 11), article="reprint", cluster="wire"),
            row(date(2022, 2, 1), article="own", cluster="own")]
    (i,) = ledger(rows)
    assert (i.articles, i.independent_sources) == (3, 2)
    # without the cluster column each article is its own source
    (j,) = ledger([{k: v for k, v in r.items() if k != "cluster"} for r in rows])
    assert (j.articles, j.independent_sources) == (3, 3)


def test_present_and_ended_from_independent_sources_in_one_month_is_a_contradiction():
    rows = [row(date(2023, 5, 1), article="a0"),
            row(date(2023, 6, 2), article="a1", cluster="x"),
            row(date(2023, 6, 20), "ended", article="a2", cluster="y")]
    (i,) = ledger(rows)
    assert i.contradicted == ("2023-06",)
    # the same source saying both (one story and its copy) is no contradiction
    same = [rows[0], rows[1], {**rows[2], "cluster": "x"}]
    assert ledger(same)[0].contradicted == ()


def test_contradicted_month_shows_on_both_intervals_it_touches():
    rows = [row(date(2023, 6, 2), "ended", article="e", cluster="x"),
            row(date(2023, 1, 1), article="p0"),
            row(date(2023, 6, 25), article="p1", cluster="y")]
    got = ledger(rows)
    assert [i.contradicted for i in got] == [("2023-06",), ("2023-06",)]


def test_background_claims_do_not_confirm_on_the_article_date():
    rows = [row(date(2022, 1, 10), article="a1"),
            row(date(2024, 5, 1), article="bg", background=True)]
    (i,) = ledger(rows)
    assert i.last_confirmed == date(2022, 1, 10) and "bg" not in i.evidence


def test_as_of_in_the_past_places_the_report_there():
    rows = [row(date(2024, 5, 1), article="a1", as_of=date(2019, 1, 1), background=True)]
    (i,) = ledger(rows)
    assert (i.first_reported, i.last_confirmed) == (date(2019, 1, 1), date(2019, 1, 1))
    # told as current ("since 2019"): first reported then, and confirmed on the article's day
    (j,) = ledger([{**rows[0], "background": False}])
    assert (j.first_reported, j.last_confirmed) == (date(2019, 1, 1), date(2024, 5, 1))
    # an as_of after the article's date is not a report (a plan, or a misread date)
    (k,) = ledger([row(date(2024, 5, 1), as_of=date(2026, 1, 1))])
    assert k.first_reported == date(2024, 5, 1)


def test_until_in_the_past_is_the_last_confirmation():
    (i,) = ledger([row(date(2024, 5, 1), as_of=date(2021, 1, 1), until=date(2023, 6, 1))])
    assert (i.first_reported, i.last_confirmed) == (date(2021, 1, 1), date(2023, 6, 1))


def test_a_point_in_the_past_reports_on_its_first_day_only():
    # "In 2019 Wagner fighters were in Libya", written in 2024 (news.timeref: a point, year precision)
    (i,) = ledger([row(date(2024, 5, 1), as_of=date(2019, 1, 1), until=date(2019, 12, 31), as_of_precision="year")])
    assert (i.first_reported, i.last_confirmed) == (date(2019, 1, 1), date(2019, 1, 1))
    # "left in June 2023" (a month) dates the departure, not the article
    got = ledger([row(date(2022, 1, 1), article="p"),
                  row(date(2024, 5, 1), "ended", article="e", as_of=date(2023, 6, 1), until=date(2023, 6, 30),
                      as_of_precision="month")])
    assert got[0].ended == date(2023, 6, 1)
    # a point that reaches the article's date still confirms on it ("in 2024", written in 2024)
    (k,) = ledger([row(date(2024, 5, 1), as_of=date(2024, 1, 1), until=date(2024, 12, 31), as_of_precision="year")])
    assert k.last_confirmed == date(2024, 5, 1)


def test_a_departure_without_an_arrival_is_an_interval_of_its_own():
    got = ledger([row(date(2020, 4, 2), "ended", article="e1"), row(date(2020, 5, 2), "ended", article="e2"),
                  row(date(2021, 1, 1), article="p")])
    assert [(i.first_reported, i.ended, i.ended_evidence) for i in got] == [
        (None, date(2020, 4, 2), ("e1", "e2")), (date(2021, 1, 1), None, ())]


def test_same_day_present_and_ended_closes_the_stay():
    (i,) = ledger([row(date(2023, 6, 1), "ended", article="e"), row(date(2023, 6, 1), article="p")])
    assert (i.first_reported, i.last_confirmed, i.ended) == (date(2023, 6, 1), date(2023, 6, 1), date(2023, 6, 1))


def test_pandas_rows_with_missing_values_and_bad_rows():
    df = pd.DataFrame([row(pd.Timestamp("2022-01-10"), article="a1", cluster=None, as_of=pd.NaT, background=pd.NA),
                       row(None, article="undated"), row(date(2022, 2, 1), status="rumoured", article="odd"),
                       {"actor": None, "iso3": "MLI", "status": "present", "date": date(2022, 1, 1), "article_id": "x"}])
    (i,) = ledger(df.to_dict(orient="records"))
    assert i.evidence == ("a1",) and i.independent_sources == 1
    assert reports({"actor": "wagner", "iso3": "MLI", "status": "present", "published": "2022-03-04",
                    "article_id": "p"})[0].day == date(2022, 3, 4)


def test_select_and_record():
    got = ledger([row(date(2022, 1, 1)), row(date(2022, 1, 1), actor="russia", iso3="SYR", article="b")])
    assert [i.iso3 for i in select(got, actors=["Wagner"])] == ["MLI"]
    assert [i.actor for i in select(got, countries=["syr"])] == ["russia"]
    rec = record(got[0], "Syria")
    assert rec["country"] == "Syria" and rec["first_reported"] == "2022-01-01" and rec["contradicted"] == []


# ---------------------------------------------------------------- properties

DAY0 = date(2015, 1, 1)
rows_strategy = st.lists(
    st.fixed_dictionaries({
        "actor": st.sampled_from(["wagner", "russia"]),
        "iso3": st.sampled_from(["MLI", "LBY"]),
        "status": st.sampled_from(["present", "ended"]),
        "date": st.one_of(st.none(), st.integers(0, 3000).map(lambda n: DAY0 + timedelta(days=n))),
        "article_id": st.sampled_from([f"a{n}" for n in range(12)]),
        "background": st.one_of(st.none(), st.booleans()),
        "as_of": st.one_of(st.none(), st.integers(0, 3000).map(lambda n: DAY0 + timedelta(days=n))),
        "until": st.one_of(st.none(), st.integers(0, 3000).map(lambda n: DAY0 + timedelta(days=n))),
        "as_of_precision": st.one_of(st.none(), st.sampled_from(["year", "month", "day"])),
    }),
    max_size=30,
)
# a cluster is a property of an article (syndication): with clusters, article aN is in cluster c(N mod 3)
rows_strategy = st.tuples(st.booleans(), rows_strategy).map(
    lambda t: [{**r, "cluster": f"c{int(r['article_id'][1:]) % 3}" if t[0] else None} for r in t[1]])


def _by_pair(intervals: list[Interval]) -> dict[tuple[str, str], list[Interval]]:
    out: dict[tuple[str, str], list[Interval]] = {}
    for i in intervals:
        out.setdefault((i.actor, i.iso3), []).append(i)
    return out


@settings(max_examples=300, deadline=None)
@given(rows_strategy)
def test_intervals_of_one_pair_never_overlap(rows):
    for pair in _by_pair(ledger(rows)).values():
        for a, b in zip(pair, pair[1:], strict=False):
            assert a.ended is not None, "only the last interval of a pair may be open"
            assert a.stop < b.start


@settings(max_examples=300, deadline=None)
@given(rows_strategy)
def test_first_reported_is_never_after_last_confirmed(rows):
    for i in ledger(rows):
        assert (i.first_reported is None) == (i.last_confirmed is None)
        if i.first_reported is not None:
            assert i.first_reported <= i.last_confirmed
        if i.ended is not None and i.last_confirmed is not None:
            assert i.last_confirmed <= i.ended


@settings(max_examples=300, deadline=None)
@given(rows_strategy)
def test_every_interval_evidence_is_in_the_input(rows):
    given_ = {(r["actor"], r["iso3"], r["status"], r["article_id"]) for r in rows}
    clusters = {r["cluster"] or r["article_id"] for r in rows}
    for i in ledger(rows):
        assert i.evidence or i.ended_evidence
        assert all((i.actor, i.iso3, "present", a) in given_ for a in i.evidence)
        assert all((i.actor, i.iso3, "ended", a) in given_ for a in i.ended_evidence)
        assert 1 <= i.independent_sources <= min(i.articles, len(clusters))
        assert i.articles == len(set(i.evidence) | set(i.ended_evidence))
        assert all(i.start.strftime("%Y-%m") <= m <= i.stop.strftime("%Y-%m") for m in i.contradicted)


@settings(max_examples=200, deadline=None)
@given(rows_strategy)
def test_row_order_does_not_change_the_ledger(rows):
    assert ledger(rows) == ledger(list(reversed(rows)))
