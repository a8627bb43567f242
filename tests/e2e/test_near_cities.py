"""A town named near a claim (same article, same country) gets its own dot (issue 16, defect 12)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARGS, CHROMIUM, dashboard
from tests.e2e.fixture_store import NEAR_TOWN, add_near_article, build
from tests.e2e.test_browser import SHOTS, lonlat_to_pixel, map_pixels, open_app

pytestmark = pytest.mark.e2e
VIEW = (17.0, 0.0, 5.0)


def test_town_named_before_the_claim_has_a_dot_with_its_tooltip(tmp_path):
    build(tmp_path)
    add_near_article(tmp_path)
    from playwright.sync_api import sync_playwright

    town, lat, lon = NEAR_TOWN
    with dashboard(tmp_path) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            open_app(page, base, "?view=17.00,0.00,5.0")
            chart = page.locator("[data-testid='stDeckGlJsonChart']").first.bounding_box()
            canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
            x, y = lonlat_to_pixel(canvas, VIEW, lon, lat)
            img = map_pixels(page)
            img.save(SHOTS / "near-city.png")
            px, py = int(x - chart["x"]), int(y - chart["y"])
            ring = img.crop((px - 8, py - 8, px + 8, py + 8))
            centre = img.crop((px - 1, py - 1, px + 2, py + 2))
            dark_red = sum(1 for r, g, b in ring.get_flattened_data() if 80 <= r <= 160 and g < 70 and b < 70)
            assert dark_red > 12, ("a ring in Wagner's darkened colour at Kidal", dark_red)
            assert all(min(p) > 225 for p in centre.get_flattened_data()), "a hollow (white) centre"
            page.mouse.move(x - 30, y - 30)
            page.mouse.move(x, y, steps=6)
            page.wait_for_timeout(800)
            tip = page.locator(".deck-tooltip").first.inner_text()
            assert tip.startswith(f"{town} (MLI)") and "named near the claim" in tip, tip
            assert "city named near a claim" in page.locator("body").inner_text(), "the legend explains the ring"
        finally:
            browser.close()
