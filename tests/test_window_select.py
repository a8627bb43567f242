"""A timeline selection (as Streamlit 1.67 hands it back) becomes the date window."""

from __future__ import annotations

import pandas as pd

from components.actors import actor_styles
from components.state import month_range
from components.timeline import monthly_frame, timeline_chart
from components.window_select import BRUSH, PICK, selection_key, window_from_selection

MONTHS = month_range("2015-09", "2024-12")


def ms(day: str) -> float:
    return pd.Timestamp(day, tz="UTC").value / 1e6


def test_a_brush_covers_every_month_it_touches():
    # what the browser sent for a drag on the monthly chart (epoch ms at the dragged pixels)
    sel = {"brush": {"utcyearmonth_date": [1564157383783, 1657720410810]}, "pick": {}}
    assert window_from_selection(sel, MONTHS) == ("2019-07", "2022-07")
    assert window_from_selection({"brush": {"start": [ms("2023-06-30T23:59"), ms("2023-06-01")]}}, MONTHS) \
        == ("2023-06", "2023-06")


def test_a_brush_dragged_right_to_left_or_as_dates_reads_the_same():
    assert window_from_selection({"brush": {"x": [ms("2022-03-15"), ms("2020-01-02")]}}, MONTHS) == ("2020-01", "2022-03")
    assert window_from_selection({"brush": {"x": ["2020-01-02", "2022-03-15T10:00:00.000Z"]}}, MONTHS) \
        == ("2020-01", "2022-03")


def test_a_brush_past_the_data_is_clamped_and_one_beside_it_ignored():
    assert window_from_selection({"brush": {"x": [ms("2010-01-01"), ms("2016-02-01")]}}, MONTHS) == ("2015-09", "2016-02")
    assert window_from_selection({"brush": {"x": [ms("2024-11-01"), ms("2031-01-01")]}}, MONTHS) == ("2024-11", "2024-12")
    assert window_from_selection({"brush": {"x": [ms("2030-01-01"), ms("2031-01-01")]}}, MONTHS) is None


def test_a_click_on_a_bar_is_its_month_and_shift_clicks_span():
    one = {"brush": {}, "pick": [{"utcyearmonth_date": "2021-12-01T00:00:00.000Z"}]}
    assert window_from_selection(one, MONTHS) == ("2021-12", "2021-12")
    two = {"pick": [{"utcyearmonth_date": "2023-02-01T00:00:00.000Z"}, {"utcyearmonth_date": ms("2019-09-01")}]}
    assert window_from_selection(two, MONTHS) == ("2019-09", "2023-02")


def test_empty_or_malformed_selections_leave_the_window():
    for sel in (None, {}, {"brush": {}, "pick": {}}, {"pick": [{}]}, {"brush": {"x": [1]}},
                {"brush": {"x": ["soon", "later"]}}, {"brush": {"x": [float("nan"), 1e300]}},
                {"brush": {"x": [True, False]}}, {"brush": "2020"}, {"pick": "2020-01"}, {"pick": [None, 3]}):
        assert window_from_selection(sel, MONTHS) is None, sel
    assert window_from_selection({"pick": [{"m": "2020-01"}]}, ()) is None


def test_selection_key_tells_new_selections_apart():
    a = {"brush": {"x": [1, 2]}, "pick": {}}
    assert selection_key(a) == selection_key({"pick": {}, "brush": {"x": [1, 2]}})
    assert selection_key(a) != selection_key({"brush": {"x": [1, 3]}, "pick": {}})
    assert selection_key(None) is None and selection_key({}) is None


def test_the_monthly_chart_carries_both_selections_on_utc_months():
    frame = monthly_frame(None, ("2020-01", "2020-02"), ["wagner"])
    spec = timeline_chart(frame, actor_styles(["wagner"]), "2020-01", "2020-02").to_dict()
    params = {p["name"]: p["select"] for p in spec["params"]}
    assert params[BRUSH] == {"type": "interval", "encodings": ["x"]}
    assert params[PICK] == {"type": "point", "encodings": ["x"]}
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    assert bars["encoding"]["x"]["timeUnit"] == "utcyearmonth"
