"""Build ``data/countries_full.geojson.gz``: valid, full-resolution country shapes for exports.

Why a second file: the map sends its shapes to the browser, so they are simplified (and the
deck rounds them again), and simplifying a border line by line can make a polygon cross itself
(Ukraine, Venezuela and France did in the GeoJSON download), after which ``dissolve`` and
``union_all`` fail in the user's GIS. A download is for analysis, not drawing: it gets every
vertex of the same Natural Earth 1:10m source ``scripts/build_shapes.py`` reads (same codes, same
names), repaired with ``shapely.make_valid`` (the source itself has one invalid unit, Egypt) and
snapped to a 0.00001° grid (~1 m, far finer than a 1:10m map) with ``shapely.set_precision``,
which keeps polygons valid. Gzipped, because the text is ~11 MB and compresses to ~4 MB.

Run: ``.venv/bin/python scripts/build_export_shapes.py`` (``--help`` for options).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_shapes  # noqa: E402  (a sibling script, not a package: the one reader of the source)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "data" / "countries_full.geojson.gz"
DECIMALS = 5  # 0.00001° is ~1 m: every vertex of a 1:10m map survives


def polygons_only(geom: shapely.Geometry) -> shapely.Geometry:
    """The polygonal part of a repaired shape: ``make_valid`` may return a collection holding
    stray lines or points where a ring touched itself, which a country's area does not need."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def repair(gdf: gpd.GeoDataFrame, decimals: int = DECIMALS) -> gpd.GeoDataFrame:
    """Every shape valid, polygonal and snapped to the grid; asserts the result is valid."""
    geoms = [polygons_only(g) for g in shapely.make_valid(gdf.geometry.values)]
    snapped = shapely.set_precision(geoms, 10.0**-decimals)
    out = gdf.set_geometry(gpd.GeoSeries(snapped, crs=gdf.crs, index=gdf.index))
    bad = list(out.loc[~out.geometry.is_valid | out.geometry.is_empty, "iso3"])
    assert not bad, f"shapes still invalid or empty after repair: {bad}"
    return out


def build(out: Path, decimals: int = DECIMALS) -> dict:
    zip_path = build_shapes.source_zip()
    source = build_shapes.load_source(zip_path)
    shaped = repair(source, decimals)
    text = build_shapes.to_geojson(shaped, decimals)
    # Round-trip check: what is written (rounded to ``decimals``) must still be valid.
    back = gpd.GeoDataFrame.from_features(json.loads(text)["features"])
    bad = list(back.loc[~back.geometry.is_valid, "iso3"])
    assert not bad, f"written shapes invalid: {bad}"
    # mtime=0 and no file name in the header: the same input gives the same bytes.
    data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    return {
        "features": len(shaped),
        "vertices": int(shapely.get_num_coordinates(shaped.geometry.values).sum()),
        "repaired": sorted(source.loc[~source.geometry.is_valid, "iso3"]),
        "bytes_gzip": len(data),
        "bytes_text": len(text.encode("utf-8")),
        "source": f"{build_shapes.PACKAGE}=={metadata.version(build_shapes.PACKAGE)}",
        "natural_earth": build_shapes.natural_earth_version(zip_path),
        "out": str(out),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--decimals", type=int, default=DECIMALS, help="coordinate decimals (5 is ~1 m)")
    args = parser.parse_args(argv)
    print(json.dumps(build(args.out, args.decimals), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
