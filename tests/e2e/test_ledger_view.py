"""The presence ledger in the page: tooltip fields, the "what changed since" view from the URL,
and the timeline's stays per country and actor (issue 17 "The ledger", "Alerts"; issue 16
"Presence over time")."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.e2e.test_browser import lonlat_to_pixel, open_app

pytestmark = pytest.mark.e2e


def _hover_mali(page):
    box = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    x, y = lonlat_to_pixel(box, (15.0, 0.0, 3.0), -4.0, 17.0)
    page.mouse.move(x - 30, y - 20)
    page.mouse.move(x, y, steps=8)
    page.wait_for_timeout(800)
    return page.locator(".deck-tooltip").first.inner_text()


def test_tooltip_and_downloads_carry_the_ledger_fields(page, server):
    # fixture_store: Wagner in Mali from 2021-12-23, gone 2023-06-10, back 2024-07-28
    open_app(page, server, "?view=15.00,0.00,3.0")
    tip = _hover_mali(page)
    assert "First reported 2021-12-23 (ever); this stay since 2024-07-28 · last confirmed 2024-07-28" in tip, tip
    assert "This stay: 1 independent source · contradicted: no" in tip, tip
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download layer rows (CSV)").click()
    rows = pd.read_csv(dl.value.path(), keep_default_na=False, dtype=str)
    mali = rows[(rows.iso3 == "MLI") & (rows.actor == "wagner")].iloc[0]
    assert (mali.first_reported, mali.last_confirmed, mali.independent_sources, mali.contradicted) == (
        "2024-07-28", "2024-07-28", "1", "")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download layers (GeoJSON)").click()
    import json

    features = json.loads(open(dl.value.path(), encoding="utf-8").read())["features"]
    props = next(f["properties"] for f in features
                 if f["properties"]["iso3"] == "MLI" and f["properties"]["actor"] == "wagner")
    assert props["first_reported"] == "2024-07-28" and props["independent_sources"] == 1
    assert props["contradicted"] == ""


def test_window_end_picks_the_stay_of_that_time(page, server):
    open_app(page, server, "?to=2022-12&view=15.00,0.00,3.0")
    tip = _hover_mali(page)
    # as of 2022-12 the first stay is current: no "this stay since", last confirmed at Moura
    assert "First reported 2021-12-23 (ever) · last confirmed 2022-03-30" in tip, tip
    # the stay's sources count its departure's article too; the window counts its own articles
    assert "2 independent sources (2 articles), 3 claims in the window" in tip, tip
    assert "This stay: 3 independent sources · contradicted: no" in tip, tip


def test_changes_view_from_the_url(page, server):
    open_app(page, server, "?since=2025-01-15")  # the fixture store was ingested that day at noon
    assert page.get_by_role("heading", name="What changed since 2025-01-15").is_visible()
    entries = page.locator("li.fp-change")
    kinds = {entries.nth(i).get_attribute("data-kind") for i in range(entries.count())}
    assert {"new", "ended", "reappeared"} <= kinds, kinds
    back = page.locator("li.fp-change[data-kind='reappeared']").filter(has_text="Mali")
    assert back.count() == 1 and "again" in back.inner_text()
    # its evidence link opens the reader view of the article, in the page
    link = back.locator("a").first
    assert link.get_attribute("href").startswith("?article=")
    # the date input shows the link's date, and the link keeps it
    assert "since=2025-01-15" in page.url
    link.click()
    page.wait_for_selector("text=Back to the map", timeout=60_000)
    assert page.get_by_text("Tinzaouaten: Wagner convoy ambushed").first.is_visible()


def test_changes_view_with_nothing_new_and_a_bad_date(page, server):
    open_app(page, server, "?since=2999-01-01")
    assert page.get_by_text("No change in the ledger from articles ingested since 2999-01-01").is_visible()
    open_app(page, server, "?since=yesterday")
    assert page.get_by_text("'since=yesterday' is not a date").is_visible()
    assert page.locator("li.fp-change").count() == 0
    assert page.get_by_text("Traceback").count() == 0


def test_timeline_draws_the_stays_and_follows_the_selected_country(page, server):
    open_app(page, server)
    stays = page.locator("ul.fp-stays li.fp-stay")
    lines = [stays.nth(i).inner_text() for i in range(stays.count())]
    assert any(t.startswith("Mozambique · Wagner") and "2019-09-15 → last confirmed 2019-09-15, ended 2020-04-02"
               in t for t in lines), lines
    assert len(lines) >= 8, lines
    assert page.locator("[data-testid='stVegaLiteChart']").count() == 2  # counts, then stays
    open_app(page, server, "?sel=MLI")
    assert page.get_by_text("Presence over time in Mali").is_visible()
    stays = page.locator("ul.fp-stays li.fp-stay")
    assert stays.count() == 1
    text = stays.first.inner_text()
    assert text.startswith("Mali · Wagner"), text
    assert "2021-12-23 → last confirmed 2022-03-30, ended 2023-06-10" in text, text
    assert "2024-07-28 → last confirmed 2024-07-28, still reported" in text, text


def test_changes_view_is_empty_the_day_after_the_ingest(page, server):
    open_app(page, server, "?since=2025-01-16")
    assert page.get_by_text("No change in the ledger from articles ingested since 2025-01-16").is_visible()
