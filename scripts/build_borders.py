"""Build ``data/borders.json``: the map's coastlines and land borders as merged line strings.

Why: the map has no tile server (offline), and its country fills are told apart by shade only
(components/deck.py: a stroked, pickable base layer made every click too slow to count). A
separate, non-pickable line layer drawn in pixels gives coasts and borders that hold at every
zoom without touching picking. Shared borders are drawn once: the countries' boundaries are
merged (``unary_union``) before they are simplified, so two neighbours never leave two nearly
parallel lines. Coasts (the boundary of all land) and land borders are kept apart so the map
can draw coasts a little stronger.

Derived from ``data/countries.geojson`` (scripts/build_shapes.py), simplified once here.
Run: ``.venv/bin/python scripts/build_borders.py`` (``--help`` for options); it prints the bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString, MultiLineString

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geo import paths  # noqa: E402

TOLERANCE = 0.1  # degrees (~10 km, 1-2 px at the Sahel preset): a line reads coarser than a fill
MIN_LENGTH = 0.5  # degrees: shorter bits (islets, slivers) are dots at the zooms the map allows
NDIGITS = 2


def _lines(geom) -> list[LineString]:
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    if isinstance(geom, MultiLineString):
        return list(geom.geoms)
    return [g for part in getattr(geom, "geoms", []) for g in _lines(part)]


def _paths(geom, tolerance: float, min_length: float) -> list[list[list[float]]]:
    merged = shapely.line_merge(geom) if not isinstance(geom, LineString) else geom
    out = []
    for line in _lines(merged.simplify(tolerance, preserve_topology=False)):
        if line.length < min_length:
            continue
        coords = [[round(x, NDIGITS), round(y, NDIGITS)] for x, y in line.coords]
        dedup = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
        if len(dedup) >= 2:
            out.append(dedup)
    return out


def build(source: Path, tolerance: float = TOLERANCE, min_length: float = MIN_LENGTH) -> dict:
    """{"coast": [path, ...], "border": [path, ...]}, each path a list of [lon, lat]."""
    gdf = gpd.read_file(source)
    polys = shapely.make_valid(gdf.geometry.values)  # the map's simplified shapes may self-touch
    land = shapely.union_all(polys)
    coast = land.boundary
    every = shapely.union_all([g.boundary for g in polys if g is not None and not g.is_empty])
    # land borders: every boundary but the coast (a hair's buffer absorbs float noise)
    borders = every.difference(coast.buffer(1e-7))
    return {"coast": _paths(coast, tolerance, min_length), "border": _paths(borders, tolerance, min_length)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=paths.COUNTRIES)
    ap.add_argument("--out", type=Path, default=paths.BORDERS)
    ap.add_argument("--tolerance", type=float, default=TOLERANCE)
    ap.add_argument("--min-length", type=float, default=MIN_LENGTH)
    args = ap.parse_args(argv)
    data = build(args.source, args.tolerance, args.min_length)
    text = json.dumps(data, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    points = sum(len(p) for ps in data.values() for p in ps)
    print(f"{args.out}: {len(text.encode()):,} bytes, {len(data['coast'])} coast and "
          f"{len(data['border'])} border lines, {points:,} points")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
