"""Where both actors are reported (Libya in the fixture): one tooltip names both, and both colours
stay readable (one fills, the other outlines) instead of blending into an unexplained purple."""

from __future__ import annotations

import pytest

from components.actors import actor_styles
from tests.e2e.test_browser import BLUE, RED, count_hue, map_pixels, open_app

pytestmark = pytest.mark.e2e
LIBYA_VIEW = "?view=27.00,17.00,4.0"


def purple(img):
    """Pixels where red and blue blend: neither hue dominates."""
    return sum(1 for r, g, b in img.get_flattened_data() if r > 90 and b > 90 and g < 120 and abs(r - b) < 70)


def test_tooltip_names_every_actor_in_the_country(page, server):
    labels = {k: s.label for k, s in actor_styles().items()}
    open_app(page, server, LIBYA_VIEW)
    box = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx - 40, cy - 20)
    page.mouse.move(cx, cy, steps=8)
    page.wait_for_timeout(1000)
    tip = page.locator(".deck-tooltip").first.inner_text()
    assert tip.startswith("Libya"), tip
    assert f"{labels['wagner']}: present" in tip and f"{labels['russia']}: present" in tip, tip


def test_both_actors_readable_where_they_overlap(page, server):
    labels = {k: s.label for k, s in actor_styles().items()}
    open_app(page, server, LIBYA_VIEW)
    img = map_pixels(page)
    red, blue, mixed = count_hue(img, RED), count_hue(img, BLUE), purple(img)
    assert red > 5000, ("Wagner fills Libya", red)
    assert blue > 1000, ("Russia outlines Libya in its own blue", blue)
    assert mixed < 500, ("no blended purple", mixed)
    legend = page.locator(".fp-legend").first.inner_text()
    assert f"{labels['wagner']} fills the country, {labels['russia']} draws the thick outline" in legend, legend
