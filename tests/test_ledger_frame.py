"""The vectorised ledger (news/ledger_frame.py) against the reference (news/ledger.py): the same
intervals, field for field, on random rows, as plain dicts and as the frame the store gives."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from news.ledger import ledger
from news.ledger_frame import ledger_frame, ledger_intervals

DAY0 = date(2015, 1, 1)
COLUMNS = ["actor", "iso3", "status", "date", "published", "article_id", "background", "as_of", "until",
           "as_of_precision", "cluster"]
day = st.integers(0, 900).map(lambda n: DAY0 + timedelta(days=n))
row = st.fixed_dictionaries({
    "actor": st.sampled_from(["wagner", "russia", "Wagner"]),
    "iso3": st.sampled_from(["MLI", "LBY", "CAF"]),
    "status": st.sampled_from(["present", "ended", "present", "unknown"]),
    "date": st.one_of(st.none(), day),
    "published": st.one_of(st.none(), day),
    "article_id": st.sampled_from([f"a{n}" for n in range(15)]),
    "background": st.one_of(st.none(), st.booleans()),
    "as_of": st.one_of(st.none(), day, day.map(lambda d: date(d.year, 1, 1)), day.map(lambda d: d.replace(day=1))),
    "until": st.one_of(st.none(), day, day.map(lambda d: date(d.year, 12, 31))),
    "as_of_precision": st.one_of(st.none(), st.sampled_from(["year", "month", "day"])),
})
# a cluster is a property of an article (syndication); sometimes none, sometimes empty
rows_strategy = st.tuples(st.sampled_from([None, "", "mod"]), st.lists(row, max_size=60)).map(
    lambda t: [{**r, "cluster": f"c{int(r['article_id'][1:]) % 4}" if t[0] == "mod" else t[0]} for r in t[1]])


@settings(max_examples=400, deadline=None)
@given(rows_strategy)
def test_fast_ledger_equals_the_reference_on_random_rows(rows):
    assert ledger_intervals(rows) == ledger(rows)


@settings(max_examples=150, deadline=None)
@given(rows_strategy)
def test_fast_ledger_equals_the_reference_on_a_store_like_frame(rows):
    """Dates as datetime64 columns and missing values as NaN/NaT, as DuckDB's ``.df()`` gives them."""
    df = pd.DataFrame.from_records(rows, columns=COLUMNS)
    for c in ("date", "published", "as_of", "until"):
        df[c] = pd.to_datetime(df[c])
    assert ledger_intervals(df) == ledger(df.to_dict(orient="records"))


def test_empty_and_bad_rows_give_an_empty_ledger():
    assert ledger_intervals([]) == []
    assert ledger_frame([{"actor": None, "iso3": "MLI", "status": "present", "article_id": "a", "date": DAY0}]).empty


def test_a_known_case_field_for_field():
    rows = [
        {"actor": "wagner", "iso3": "MLI", "status": "ended", "date": date(2021, 1, 5), "article_id": "z"},
        {"actor": "wagner", "iso3": "MLI", "status": "present", "date": date(2022, 1, 1), "article_id": "a", "cluster": "k"},
        {"actor": "wagner", "iso3": "MLI", "status": "present", "date": date(2022, 3, 1), "article_id": "b", "cluster": "k"},
        {"actor": "wagner", "iso3": "MLI", "status": "ended", "date": date(2022, 3, 20), "article_id": "c"},
        {"actor": "wagner", "iso3": "MLI", "status": "present", "date": date(2023, 1, 1), "article_id": "d"},
    ]
    got = ledger_intervals(rows)
    assert got == ledger(rows)
    assert [(i.first_reported, i.ended, i.independent_sources, i.contradicted) for i in got] == [
        (None, date(2021, 1, 5), 1, ()),
        (date(2022, 1, 1), date(2022, 3, 20), 2, ("2022-03",)),
        (date(2023, 1, 1), None, 1, ()),
    ]


def test_store_ledger_equals_the_reference_on_a_bench_store(tmp_path):
    """The column-wise fold on a store read through DuckDB (bench/dashboard.py's column-wise
    store: reprints share a cluster) gives the reference's intervals."""
    import importlib.util
    from pathlib import Path

    from news.store.ledger import ledger_input, store_ledger

    path = Path(__file__).resolve().parents[1] / "bench" / "dashboard.py"
    spec = importlib.util.spec_from_file_location("bench_dashboard", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.generate_direct(tmp_path / "store", 3000, chunk=1000)
    rows = ledger_input(tmp_path / "store")
    assert len(rows) > 3000 and rows["cluster"].nunique() < rows["article_id"].nunique()
    got = store_ledger(tmp_path / "store")
    assert got == ledger(rows.to_dict(orient="records"))
    assert any(i.independent_sources < i.articles for i in got)


@settings(max_examples=100, deadline=None)
@given(rows_strategy, st.integers(1, 4))
def test_timeline_rows_from_the_frame_equal_those_from_intervals(rows, limit):
    """components.timeline.interval_frame: the page's stays chart rows, from the ledger frame
    (column-wise) and from Interval objects, are the same."""
    from components.timeline import interval_frame

    frame = ledger_frame(rows)
    args = (["wagner", "russia"], ["MLI", "LBY"], date(2017, 6, 30), {"MLI": "Mali"}, {"wagner": "Wagner"})
    fast = interval_frame(frame, *args, limit=limit)
    slow = interval_frame(ledger(rows), *args, limit=limit)
    assert len(fast) == len(slow)
    if len(slow):
        pd.testing.assert_frame_equal(fast.astype(object).where(fast.notna(), None),
                                      slow.astype(object).where(slow.notna(), None), check_dtype=False)
