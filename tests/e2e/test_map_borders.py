"""Coasts and borders hold at every zoom: a line layer in pixels over the shaded countries.

The map has no tile server; neighbours used to be told apart by shade alone, which fades at
world zoom and tells a coast from the sea only by the fill's edge. Counts the line's grey
pixels (between the base's light shades and the labels' near-black) where no actor fills a
country, at world zoom and zoomed on Europe, and saves both pictures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_browser import map_pixels, open_app

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / ".cache" / "shots"


def line_pixels(img, box=None) -> int:
    """Neutral greys of the coast and border colours (components/deck.py COAST_LINE, BORDER_LINE)
    blended on the light base: darker than every base shade (212 and up), lighter than text."""
    if box:
        img = img.crop(box)
    return sum(1 for r, g, b in img.get_flattened_data()
               if 70 <= r <= 200 and max(r, g, b) - min(r, g, b) < 24)


@pytest.mark.parametrize("name,query,least", [
    ("world", "", 3000),
    # Western Europe: no fixture country is filled or labelled there, so only lines are grey
    ("europe", "?view=47.00,8.00,4.0", 3000),
])
def test_coasts_and_borders_are_drawn(page, server, name, query, least):
    open_app(page, server, query)
    img = map_pixels(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    img.save(SHOTS / f"borders-{name}.png")
    assert line_pixels(img) > least, f"coasts and borders drawn at {name} zoom"
    assert not page.offhost
