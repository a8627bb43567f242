"""Coasts and borders hold at every zoom (issue 16): neighbours never share a base tint, and the
land never looks like the sea.

The map has no tile server and draws no border lines (a stroked base made presses too slow to
count as clicks under software WebGL: components/deck.py, BASE_SHADES). So a border is where one
tint meets another, and a coast where a tint meets the sea. The test walks along borders of
countries no actor fills in the sample (Argentina/Chile, Brazil/Bolivia, China/Mongolia at world
zoom; Chad/Cameroon, Mauritania/Senegal closer in) and along coasts (Brazil's, Australia's, Mauritania's), at world zoom and at a
Sahel zoom, and compares the pixels a few pixels away on each side of the line: they must differ
as two tints do. Before the map colouring, one border in four had the same grey on both sides.
Both pictures are saved to SHOTS to be looked at.
"""

from __future__ import annotations

import math

import pytest
from shapely.geometry import shape
from shapely.ops import unary_union

from components.deck import BASE_SHADES, SEA, country_shapes
from tests.e2e.test_browser import SHOTS, lonlat_to_pixel, map_pixels, open_app

pytestmark = pytest.mark.e2e
WORLD = (12.0, 20.0, 1.3)  # components.state.DEFAULT_VIEW
SAHEL = (15.0, 0.0, 3.6)  # lat, lon, zoom: Mauritania's coast to Chad
NEAR = 0.05  # degrees: a stretch of one outline this close to a neighbour's is their border
TINTS = [tuple(t[:3]) for t in BASE_SHADES]
APART = 12  # RGB distance: the closest two tints (or a tint and the sea) are 17 or more apart


def _dist(p, q) -> float:
    return math.dist(p, q)


def _known(p) -> tuple[int, int, int] | None:
    """The base tint or the sea a pixel shows (within a little antialiasing), else None."""
    for c in (*TINTS, SEA):
        if _dist(p, c) <= 5:
            return c
    return None


def border_line(a: str, b: str):
    """The stretch of ``a``'s outline that runs along ``b``'s, as the map draws both."""
    shapes = country_shapes()
    return shape(shapes[a]["geometry"]).boundary.intersection(shape(shapes[b]["geometry"]).buffer(NEAR))


def coast_line(a: str):
    """The stretch of ``a``'s outline that touches no other country: its coast."""
    shapes = country_shapes()
    others = unary_union([shape(s["geometry"]).buffer(NEAR) for iso, s in shapes.items() if iso != a])
    return shape(shapes[a]["geometry"]).boundary.difference(others)


def _parts(geom):
    return [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "LineString" and not g.is_empty]


def sides(img, canvas, chart, view, geom, step_px: float, side_px: float):
    """At points every ``step_px`` along ``geom`` inside the picture, the colours ``side_px``
    away on either side, across the line, where both are a base tint or the sea (labels, markers
    and actors' fills are skipped)."""
    w, h = img.size
    out = []

    def px(lon, lat):
        x, y = lonlat_to_pixel(canvas, view, lon, lat)
        return x - chart["x"], y - chart["y"]

    for part in _parts(geom):
        length = sum(math.dist(px(*p), px(*q)) for p, q in zip(part.coords, part.coords[1:], strict=False))
        for k in range(1, int(length // step_px)):
            d = k * step_px / length * part.length
            (x, y), (xa, ya), (xb, yb) = (px(*part.interpolate(t).coords[0])
                                          for t in (d, max(d - 0.05, 0.0), min(d + 0.05, part.length)))
            norm = math.hypot(xb - xa, yb - ya) or 1.0
            nx, ny = -(yb - ya) / norm, (xb - xa) / norm
            pts = [(round(x + s * side_px * nx), round(y + s * side_px * ny)) for s in (-1, 1)]
            if not all(4 < u < w - 4 and 4 < v < h - 4 for u, v in pts):
                continue
            got = [_known(img.getpixel(p)) for p in pts]
            if None not in got:
                out.append((got[0], got[1]))
    return out


def _picture(page, server, view, name):
    open_app(page, server, "" if view == WORLD else f"?view={view[0]:.2f},{view[1]:.2f},{view[2]:.1f}")
    page.wait_for_timeout(1000)
    img = map_pixels(page)
    img.save(SHOTS / f"borders-{name}.png")
    chart = page.locator("[data-testid='stDeckGlJsonChart']").first.bounding_box()
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.bounding_box()
    return img, canvas, chart


@pytest.mark.parametrize(("name", "view", "lines"), [
    ("world", WORLD, [("border", "ARG", "CHL"), ("border", "BRA", "BOL"), ("border", "CHN", "MNG"),
               ("coast", "BRA", None), ("coast", "AUS", None)]),
    ("sahel", SAHEL, [("border", "TCD", "CMR"), ("border", "MRT", "SEN"), ("coast", "MRT", None)]),
])
def test_borders_and_coasts_hold_at_every_zoom(page, server, name, view, lines):
    img, canvas, chart = _picture(page, server, view, name)
    for kind, a, b in lines:
        geom = border_line(a, b) if kind == "border" else coast_line(a)
        pairs = sides(img, canvas, chart, view, geom, step_px=5.0 if view == WORLD else 14.0,
                      side_px=3.0 if view == WORLD else 6.0)
        what = f"{a}/{b} border" if b else f"{a}'s coast"
        assert len(pairs) >= 3, f"the {what} is in the {name} picture ({len(pairs)} points)"
        apart = [p for p in pairs if _dist(*p) >= APART]
        assert len(apart) >= 0.8 * len(pairs), f"the {what} shows at {name} zoom: {pairs}"
        if kind == "coast":
            assert all(SEA in p for p in apart), f"one side of the {what} is the sea: {pairs}"
    assert not page.offhost
