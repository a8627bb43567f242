""""First reported" is the first report ever, not the first inside the window."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.e2e.test_browser import lonlat_to_pixel, open_app

pytestmark = pytest.mark.e2e


def test_first_reported_is_the_first_report_overall(page, server):
    # Mali: first reported 2021-12-23; the window starts in 2023, where its first report is 2023-06-10
    open_app(page, server, "?from=2023-01&view=15.00,0.00,3.0")
    box = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    x, y = lonlat_to_pixel(box, (15.0, 0.0, 3.0), -4.0, 17.0)
    page.mouse.move(x - 30, y - 20)
    page.mouse.move(x, y, steps=8)
    page.wait_for_timeout(800)
    tip = page.locator(".deck-tooltip").first.inner_text()
    assert "First reported 2021-12-23" in tip, tip
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download layer rows (CSV)").click()
    rows = pd.read_csv(dl.value.path(), keep_default_na=False, dtype=str)
    mali = rows[(rows.iso3 == "MLI") & (rows.actor == "wagner")]
    assert list(mali["first_seen"]) == ["2021-12-23"], mali
