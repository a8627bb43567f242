"""Natural Earth country shapes: loading, the attribute table, joins and point-in-country.

Every layer Footprint draws is keyed by ISO3 and every geocoded place needs the country it lies
in, so both questions are answered here from the one committed file, ``data/countries.geojson``
(built by ``scripts/build_shapes.py``; provenance in ``data/README.md``). Nothing needs a
network or a tile server.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import paths

COUNTRIES_PATH = paths.COUNTRIES
COUNTRIES_FULL_PATH = paths.COUNTRIES_FULL
TABLE_COLUMNS = ["iso3", "name", "name_fr", "name_ru", "continent", "subregion", "label_lat", "label_lon"]
# The shapes are simplified by ~3-4 km and the coastline may cut off a harbour; 50 km catches
# coastal cities and small islands without pulling inland points across a real border.
NEAREST_KM = 50.0
_EARTH_KM = 6371.0088


@lru_cache(maxsize=4)
def load_countries(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Return the country polygons (EPSG:4326), read once per process.

    Cached because the file is read by every request of the dashboard and by each batch of the
    pipeline; the cached frame is shared, so callers must ``.copy()`` before changing it.
    """
    gdf = gpd.read_file(Path(path) if path is not None else COUNTRIES_PATH)
    gdf = gdf.set_crs("EPSG:4326") if gdf.crs is None else gdf.to_crs("EPSG:4326")
    return gdf[[*TABLE_COLUMNS, "geometry"]].reset_index(drop=True)


@lru_cache(maxsize=2)
def _full_geometries(path: str) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        doc = json.load(handle)
    return {f["properties"]["iso3"]: f["geometry"] for f in doc["features"]}


def export_geometries(iso3s: Iterable[str], path: str | Path | None = None) -> dict[str, dict | None]:
    """Full-resolution, valid GeoJSON geometries by ISO3, for downloads and ``layers --format geojson``.

    Why not the map's shapes: those are simplified for the browser, and simplifying can make a
    border cross itself (Ukraine, Venezuela, France), which breaks ``dissolve`` and ``union_all``
    in the user's GIS. ``data/countries_full.geojson.gz`` (``scripts/build_export_shapes.py``)
    holds every Natural Earth 1:10m vertex, repaired. Read once per process (about a second);
    the dicts are shared, so callers must not change them. An unknown code maps to None.
    """
    shapes = _full_geometries(str(path if path is not None else COUNTRIES_FULL_PATH))
    return {code: shapes.get(code) for code in iso3s}


def country_table() -> pd.DataFrame:
    """Country attributes without geometry: what tables, labels and tooltips need.

    Geometry is the heavy part; most callers only want names and label points, and a plain
    DataFrame is what they can hand to DuckDB or Streamlit without dragging polygons along.
    """
    return pd.DataFrame(load_countries()[TABLE_COLUMNS]).copy()


def join_codes(df: pd.DataFrame, code_col: str = "iso3", how: str = "inner") -> gpd.GeoDataFrame:
    """Attach each row's country polygon (and country attributes it lacks) by ISO3 code.

    The rows keep their own columns and order; country columns are only added where the row
    does not already have one of that name, so a layer's own ``name`` or ``lat`` wins. With the
    default ``how="inner"`` rows whose code has no shape are dropped (nothing to draw);
    ``how="left"`` keeps them with an empty geometry.
    """
    countries = load_countries()
    extra = [c for c in countries.columns if c not in df.columns and c != "iso3"]
    right = countries[["iso3", *extra]].rename(columns={"iso3": "__iso3"})
    merged = df.merge(right, left_on=code_col, right_on="__iso3", how=how, sort=False)
    merged = merged.drop(columns="__iso3")
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=countries.crs)


def countries_for_points(
    lats: Sequence[float | None], lons: Sequence[float | None], max_km: float = NEAREST_KM
) -> list[str | None]:
    """ISO3 of the country containing each point, or of the nearest one within ``max_km``.

    Points exactly inside a polygon are resolved with a spatial join. The simplified coastline
    misses some ports (Latakia, for one), so points that fall outside every
    polygon get the nearest country if its edge is within ``max_km`` (great-circle distance);
    farther points (open sea) and missing coordinates give ``None``.
    """
    if len(lats) != len(lons):
        raise ValueError("lats and lons must have the same length")
    lat = np.asarray([np.nan if v is None else float(v) for v in lats], dtype=float)
    lon = np.asarray([np.nan if v is None else float(v) for v in lons], dtype=float)
    result: list[str | None] = [None] * len(lat)
    ok = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180))
    if ok.size == 0:
        return result
    countries = load_countries()
    points = gpd.GeoDataFrame(
        {"_i": ok}, geometry=gpd.points_from_xy(lon[ok], lat[ok]), crs=countries.crs
    )
    joined = gpd.sjoin(points, countries[["iso3", "geometry"]], how="left", predicate="within")
    # A point on a shared border matches both sides; keep the first so the answer is stable.
    joined = joined[~joined["_i"].duplicated(keep="first")]
    for i, code in zip(joined["_i"], joined["iso3"], strict=True):
        result[int(i)] = code if isinstance(code, str) else None
    for i in ok:
        if result[int(i)] is None:
            result[int(i)] = _nearest_country(countries, float(lat[i]), float(lon[i]), max_km)
    return result


def _nearest_country(countries: gpd.GeoDataFrame, lat: float, lon: float, max_km: float) -> str | None:
    """The closest country whose border is within ``max_km`` of the point, else ``None``.

    Degrees are not kilometres (a degree of longitude shrinks towards the poles), so the spatial
    index is only used to find candidates in a box wide enough for ``max_km``; the choice is
    made on the haversine distance to each candidate's nearest edge point.
    """
    dlat = max_km / 111.0
    dlon = max_km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    box = shapely.box(lon - dlon, lat - dlat, lon + dlon, lat + dlat)
    candidates = countries.sindex.query(box, predicate="intersects")
    point = shapely.Point(lon, lat)
    best: tuple[float, str] | None = None
    for idx in candidates:
        row = countries.iloc[int(idx)]
        line = shapely.shortest_line(point, row.geometry)
        x, y = line.coords[-1]
        km = _haversine_km(lat, lon, y, x)
        if km <= max_km and (best is None or km < best[0]):
            best = (km, row["iso3"])
    return best[1] if best else None


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(min(1.0, a)))


# A place filed under one country but drawn a little across its border: the shapes are simplified
# by ~3-4 km and border towns (Kobani, Tinzaouaten) sit on the line. Farther in is another country.
BORDER_KM = 10.0


def points_in_countries(
    lats: Sequence[float], lons: Sequence[float], iso3s: Sequence[str], border_km: float = BORDER_KM
) -> list[bool]:
    """Whether each point can be a place of its country ``iso3s[i]``, by the shapes.

    One spatial join for all points: a point inside its own country, or inside another within
    ``border_km`` of its own, passes; a point inside another country farther than that fails
    (a geocoder's answer for a namesake abroad). A point in no country at all (open sea, a
    harbour the simplified coastline cut off) and a country without a shape cannot be judged,
    and pass.
    """
    if not (len(lats) == len(lons) == len(iso3s)):
        raise ValueError("lats, lons and iso3s must have the same length")
    if not len(lats):
        return []
    countries = load_countries()
    points = gpd.GeoDataFrame(
        {"_i": np.arange(len(lats))}, geometry=gpd.points_from_xy(lons, lats), crs=countries.crs
    )
    joined = gpd.sjoin(points, countries[["iso3", "geometry"]], how="left", predicate="within")
    found: dict[int, set[str]] = {}
    for i, code in zip(joined["_i"], joined["iso3"], strict=True):
        if isinstance(code, str):
            found.setdefault(int(i), set()).add(code)
    shapes = dict(zip(countries["iso3"], countries.geometry, strict=True))
    ok = []
    for i, (lat, lon, iso3) in enumerate(zip(lats, lons, iso3s, strict=True)):
        inside = found.get(i)
        if not inside or iso3 in inside or iso3 not in shapes:
            ok.append(True)
            continue
        x, y = shapely.shortest_line(shapely.Point(lon, lat), shapes[iso3]).coords[-1]
        ok.append(_haversine_km(float(lat), float(lon), y, x) <= border_km)
    return ok
