"""Country labels: at Natural Earth's label point, in the page's language, for countries with
presence only (issue 16, "country labels")."""

from __future__ import annotations

import pytest

from components.deck import country_shapes
from tests.e2e.test_browser import SHOTS, lonlat_to_pixel, map_pixels, open_app

pytestmark = pytest.mark.e2e
DEFAULT = (12.0, 20.0, 1.3)


def _dark(img, x, y, half_w=40, half_h=9) -> int:
    box = img.crop((int(x - half_w), int(y - half_h), int(x + half_w), int(y + half_h)))
    return sum(1 for r, g, b in box.get_flattened_data() if r < 90 and g < 90 and b < 90)


@pytest.mark.parametrize(("locale", "libya", "spec"), [("en-US", "Libya", "Libya"), ("fr-FR", "Libye", "Libye"),
                                                       ("ru-RU", "Ливия", "\\u041b\\u0438\\u0432")])
def test_labels_name_countries_with_presence_in_the_page_language(browser, server, locale, libya, spec):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale)
    page = ctx.new_page()
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f if isinstance(f, bytes)
                                                                                    else f.encode())))
    try:
        open_app(page, server)
        img = map_pixels(page)
        img.save(SHOTS / f"labels-{locale}.png")
        chart = page.locator("[data-testid='stDeckGlJsonChart']").first.bounding_box()
        canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
        shapes = country_shapes()

        def at(iso3):
            x, y = lonlat_to_pixel(canvas, DEFAULT, shapes[iso3]["lon"], shapes[iso3]["lat"])
            return x - chart["x"], y - chart["y"]

        assert _dark(img, *at("LBY")) > 25, "Libya (reported) is labelled at its label point"
        assert _dark(img, *at("CHN")) == 0, "China (no report) is not labelled: no clutter"
        assert _dark(img, *at("BRA")) == 0, "nor Brazil"
        sent = b"".join(frames)
        assert b'"country-labels"' in sent and (libya.encode() in sent or spec.encode() in sent), \
            "the label layer carries the name in the page's language"
    finally:
        ctx.close()
