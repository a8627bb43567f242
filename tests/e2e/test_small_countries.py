"""Small countries stay visible at world zoom: a marker at their label point."""

from __future__ import annotations

import pytest

from components.deck import country_shapes
from tests.e2e.test_browser import RED, count_hue, lonlat_to_pixel, map_pixels, open_app

pytestmark = pytest.mark.e2e
DEFAULT = (12.0, 20.0, 1.3)


def test_small_country_gets_a_marker_at_world_zoom(page, server):
    gnq = country_shapes()["GNQ"]  # Equatorial Guinea: Wagner in the fixture, ~2 square degrees
    open_app(page, server)
    chart = page.locator("[data-testid='stDeckGlJsonChart']").first.bounding_box()
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    x, y = lonlat_to_pixel(canvas, DEFAULT, gnq["lon"], gnq["lat"])
    img = map_pixels(page)
    px, py = int(x - chart["x"]), int(y - chart["y"])
    spot = img.crop((px - 9, py - 9, px + 9, py + 9))
    assert count_hue(spot, RED) > 80, ("a red marker at Equatorial Guinea's label point", count_hue(spot, RED))
    page.mouse.move(x - 20, y - 20)
    page.mouse.move(x, y, steps=6)
    page.wait_for_timeout(800)
    assert page.locator(".deck-tooltip").first.inner_text().startswith("Equatorial Guinea")
