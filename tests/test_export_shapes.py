"""The GeoJSON export holds valid, full-resolution country shapes (issue 16, defect 6).

The map keeps its simplified shapes; a download is for analysis, so ``dissolve`` and
``union_all`` must work on it in the user's GIS.
"""

from __future__ import annotations

import json
from datetime import date

import geopandas as gpd
import pandas as pd
import shapely

from components import deck as deckmod
from components.tables import shape_layer_rows
from geo import shapes
from news.models import Article, Claim
from news.store import Batch, Store
from news.store.export import layers_geojson
from tests.test_cli import run

# The three the issue names (they crossed themselves in the download), and others of every size.
CODES = ["UKR", "VEN", "FRA", "RUS", "SYR", "LBY", "MLI", "CAF", "SDN", "GNQ", "NOR", "USA", "CAN", "IDN"]


def rows(codes: list[str]) -> pd.DataFrame:
    return shape_layer_rows(pd.DataFrame({
        "actor": ["wagner" if i % 2 else "russia" for i in range(len(codes))], "iso3": codes,
        "status": "present", "first_seen": "2022-01-01", "last_seen": "2022-06-01", "articles": 1, "claims": 1,
        "confidence": 0.8, "lat": 0.0, "lon": 0.0,
    }))


def frame(text: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame.from_features(json.loads(text)["features"], crs="EPSG:4326")


def test_every_export_shape_is_valid_and_dissolves():
    every = sorted(shapes.country_table()["iso3"])
    gdf = frame(layers_geojson(rows(every)))
    assert len(gdf) == len(every) and gdf.geometry.notna().all()
    invalid = [(c, shapely.is_valid_reason(g)) for c, g in zip(gdf["iso3"], gdf.geometry, strict=True) if not g.is_valid]
    assert invalid == []
    assert set(gdf.geom_type) <= {"Polygon", "MultiPolygon"}
    dissolved = gdf.dissolve(by="actor")
    assert len(dissolved) == 2 and dissolved.is_valid.all()
    world = gdf.union_all()
    # neighbours barely overlap: full-resolution borders are shared, not crossed
    assert world.is_valid and world.area > 0.99 * gdf.area.sum()


def test_export_shapes_are_full_resolution_and_the_map_keeps_its_simplified_ones():
    exported = frame(layers_geojson(rows(CODES))).set_index("iso3")
    drawn = deckmod.country_shapes()
    base = shapes.load_countries().set_index("iso3")
    for code in ("UKR", "VEN", "FRA"):
        full = exported.geometry[code]
        map_shape = shapely.geometry.shape(drawn[code]["geometry"])
        # every Natural Earth 1:10m vertex: many times those of the shipped, simplified file
        assert shapely.get_num_coordinates(full) > 5 * shapely.get_num_coordinates(base.geometry[code])
        assert shapely.get_num_coordinates(map_shape) < shapely.get_num_coordinates(base.geometry[code])
        # the same country: the simplified outline covers nearly the same ground
        assert full.symmetric_difference(base.geometry[code]).area < 0.05 * full.area


def test_an_unknown_code_falls_back_to_its_label_point():
    df = rows(["MLI"]).assign(iso3="XXA", lat=12.5, lon=-8.0)
    feature = json.loads(layers_geojson(df))["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-8.0, 12.5]}


def test_layers_command_geojson_exports_valid_full_shapes(tmp_path):
    store = Store(tmp_path / "store")
    day = date(2023, 4, 1)
    store.write([Batch(Article(f"a{c}", None, "t", "Wire", day, "en", "body", "t"), [],
                       [Claim(f"a{c}", "russia", c, None, None, None, "present", day, "ev", "cue", 0.8)])
                 for c in ("UKR", "VEN", "FRA")])
    out = run(["layers", "--format", "geojson"], store.root)
    assert out.returncode == 0, out.stderr
    gdf = frame(out.stdout)
    assert sorted(gdf["iso3"]) == ["FRA", "UKR", "VEN"] and gdf.is_valid.all()
    assert gdf.dissolve(by="actor").is_valid.all() and gdf.union_all().is_valid
    base = shapes.load_countries().set_index("iso3")
    ukr = gdf.set_index("iso3").geometry["UKR"]
    assert shapely.get_num_coordinates(ukr) > 5 * shapely.get_num_coordinates(base.geometry["UKR"])
