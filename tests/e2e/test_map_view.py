"""The map view in the link: Streamlit 1.67 reports no pan or zoom to the app, so the view is
chosen from presets; the chosen view goes to the URL and a shared link comes back with it."""

from __future__ import annotations

import pytest
from PIL import ImageChops, ImageStat

from tests.e2e.test_browser import RED, count_hue, map_pixels, open_app, pick_option

pytestmark = pytest.mark.e2e


def _diff(a, b) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def _pick_view(page, name):
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Map view")
    pick_option(page, box, name)


def test_view_preset_is_written_to_the_url_and_the_link_restores_it(page, browser, server):
    open_app(page, server)
    world = map_pixels(page)
    _pick_view(page, "Sahel and Libya")
    page.wait_for_function("() => new URLSearchParams(location.search).get('view') === '19.00,5.00,3.4'",
                           timeout=20_000)
    page.wait_for_timeout(1500)
    sahel = map_pixels(page)
    assert _diff(world, sahel) > 5, "the map moved to the preset"
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = ctx.new_page()
    try:
        open_app(fresh, server, "?" + page.url.split("?", 1)[1])
        restored = map_pixels(fresh)
        assert _diff(sahel, restored) < 2, "the shared link shows the same view"
        box = fresh.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Map view")
        assert box.locator("input").input_value() == "Sahel and Libya"
    finally:
        ctx.close()


def test_a_link_with_a_custom_view_restores_it(page, server):
    open_app(page, server, "?view=27.00,17.00,4.0")  # centred on Libya, close in
    img = map_pixels(page)
    w, h = img.size
    centre = img.crop((w // 2 - 40, h // 2 - 40, w // 2 + 40, h // 2 + 40))
    assert count_hue(centre, RED) > 3000, "Libya (Wagner's fill) is under the centre"
    assert "view=27.00%2C17.00%2C4.0" in page.url or "view=27.00,17.00,4.0" in page.url
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Map view")
    assert box.locator("input").input_value() == "Custom (from the link)"
