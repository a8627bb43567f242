"""Brushing or clicking the timeline sets the date window, and so the link's from= and to=.

A real mouse drag (down, moves, up) across the monthly chart and across the presence-over-time
chart; a click on one month's bar. Each checks the URL, the sidebar's window and the map's rows.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.fixture_store import ROWS
from tests.e2e.test_browser import open_app, settle

pytestmark = pytest.mark.e2e
CHARTS = "[data-testid='stVegaLiteChart']"


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _plot_box(page, index: int) -> dict:
    """The chart's drawing area (Vega's background rect of the data view), in page pixels."""
    chart = page.locator(CHARTS).nth(index)
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = chart.locator("canvas, svg").first.bounding_box()
    assert box and box["width"] > 200, box
    return box


def _drag(page, x0: float, x1: float, y: float) -> None:
    page.mouse.move(x0, y)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, y, steps=6)
    page.mouse.move(x1, y, steps=6)
    page.mouse.up()


def _window_changes(page, before: str) -> None:
    page.wait_for_function("(b) => location.search !== b && location.search.includes('from=')", arg=before,
                           timeout=20_000)
    settle(page)


def test_drag_on_the_monthly_chart_sets_the_window(page, server):
    open_app(page, server)
    assert "from=" not in page.url and "to=" not in page.url
    box = _plot_box(page, 0)
    y = box["y"] + box["height"] * 0.55
    # a third of the plot, well inside it (the y axis is at the left)
    x0, x1 = box["x"] + box["width"] * 0.45, box["x"] + box["width"] * 0.75
    _drag(page, x0, x1, y)
    _window_changes(page, "")
    q = _query(page)
    start, end = q["from"][0], q["to"][0]
    first, last = min(r[6] for r in ROWS).strftime("%Y-%m"), max(r[6] for r in ROWS).strftime("%Y-%m")
    assert first < start < end < last, q
    # about the third of the period dragged over (the plot's edges hold the axis and padding)
    span = _months(start, end) / _months(first, last)
    assert 0.2 < span < 0.45, (q, span)
    # the sidebar's slider shows the same window
    slider = page.locator("[data-testid='stSidebar'] [data-testid='stSlider']").first.inner_text()
    assert start in slider and end in slider, slider


def _months(a: str, b: str) -> int:
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:]) - int(a[5:]) + 1


def _rows(page) -> int:
    text = page.get_by_text("Layer rows (").first.inner_text()
    return int(text.split("(")[1].split(")")[0])


def test_drag_on_presence_over_time_sets_the_window(page, server):
    open_app(page, server)
    before = _rows(page)
    box = _plot_box(page, 1)
    # the stays chart's country names sit at the left: drag across the right half of the plot
    y = box["y"] + box["height"] * 0.4
    _drag(page, box["x"] + box["width"] * 0.85, box["x"] + box["width"] * 0.97, y)  # right to left works too
    _window_changes(page, "")
    q = _query(page)
    # the right eighth of the stays' axis (2015 to 2024): recent months only
    assert "2021-01" < q["from"][0] < q.get("to", ["9999"])[0], q
    assert _rows(page) < before, "the layer rows follow the new window"


@pytest.fixture
def western_page(browser):
    """A reader west of Greenwich: local months start hours after UTC ones."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, timezone_id="America/Los_Angeles")
    yield ctx.new_page()
    ctx.close()


def test_click_on_a_month_bar_makes_it_the_window(western_page, server):
    page = western_page
    open_app(page, server)
    _plot_box(page, 0)
    bars = page.locator(CHARTS).nth(0).locator("path[aria-roledescription='bar']")
    # the month bars with claims (the others are zero high); click the middle one
    boxes = [b for b in (bars.nth(i).bounding_box() for i in range(bars.count())) if b and b["height"] > 2]
    assert boxes, "the monthly chart draws bars"
    box = sorted(boxes, key=lambda b: b["x"])[len(boxes) // 2]
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    _window_changes(page, "")
    q = _query(page)
    assert q["from"] == q["to"], q
    assert q["from"][0] in {r[6].strftime("%Y-%m") for r in ROWS}, "a month with claims"
    # the map and table now show that month only
    assert _rows(page) >= 1
