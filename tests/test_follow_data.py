"""``follow_data``: the window of an open page when an ingest adds months (issue 16, defect 10)."""

from __future__ import annotations

from components.state import Options, default_state, follow_data, month_range, to_query

BEFORE = month_range("2015-01", "2024-12")
LATER = month_range("2015-01", "2025-03")


def test_an_end_on_the_last_month_follows_the_new_last_month():
    assert follow_data(("2015-01", "2024-12"), BEFORE, LATER) == ("2015-01", "2025-03")
    assert follow_data(("2020-06", "2024-12"), BEFORE, LATER) == ("2020-06", "2025-03")


def test_an_end_the_user_moved_stays():
    assert follow_data(("2015-01", "2023-06"), BEFORE, LATER) == ("2015-01", "2023-06")


def test_a_start_on_the_first_month_follows_earlier_data():
    earlier = month_range("2014-03", "2024-12")
    assert follow_data(("2015-01", "2020-01"), BEFORE, earlier) == ("2014-03", "2020-01")
    assert follow_data(("2016-01", "2020-01"), BEFORE, earlier) == ("2016-01", "2020-01")


def test_the_followed_window_writes_no_month_into_the_url():
    window = follow_data(("2015-01", "2024-12"), BEFORE, LATER)
    options = Options(actors=("wagner",), months=LATER)
    state = default_state(options).__class__(actors=("wagner",), start=window[0], end=window[1])
    assert to_query(state, options) == {}


def test_months_the_data_no_longer_reaches_are_clamped():
    fewer = month_range("2018-01", "2022-12")
    assert follow_data(("2015-06", "2023-06"), BEFORE, fewer) == ("2018-01", "2022-12")
    assert follow_data(("2015-01", "2024-12"), BEFORE, ()) == ("2015-01", "2024-12")
