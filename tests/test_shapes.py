"""The committed country shapes and the joins built on them.

These guard the promises other modules lean on: the file stays small enough for the browser,
every feature has a unique code, the awkward -99 countries are present, and points land in the
right country even where simplification shaved the coast.
"""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest

from geo import shapes


def test_file_fits_the_size_budget() -> None:
    assert shapes.COUNTRIES_PATH.stat().st_size <= 1_500_000


def test_iso3_codes_are_unique_three_letter_codes() -> None:
    doc = json.loads(shapes.COUNTRIES_PATH.read_text(encoding="utf-8"))
    codes = [f["properties"]["iso3"] for f in doc["features"]]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 3 and c.isalpha() and c.isupper() for c in codes)


def test_load_countries_is_cached_and_geographic() -> None:
    gdf = shapes.load_countries()
    assert isinstance(gdf, gpd.GeoDataFrame)
    assert gdf.crs.to_epsg() == 4326
    assert shapes.load_countries() is gdf
    assert gdf.geometry.is_valid.all()


@pytest.mark.parametrize("code", ["FRA", "NOR", "KOS", "RUS", "UKR", "SYR", "LBY", "SDN"])
def test_codes_that_iso_a3_lacks_are_present(code: str) -> None:
    assert code in set(shapes.country_table()["iso3"])


def test_dependencies_do_not_steal_their_sovereigns_code() -> None:
    table = shapes.country_table().set_index("iso3")
    assert table.loc["FRA", "name"] == "France"
    assert table.loc["AUS", "name"] == "Australia"
    assert table.loc["BRA", "name"] == "Brazil"


def test_country_table_has_three_languages_and_label_points() -> None:
    table = shapes.country_table()
    assert list(table.columns) == shapes.TABLE_COLUMNS
    assert "geometry" not in table.columns
    rows = table.set_index("iso3")
    assert tuple(rows.loc["MLI", ["name", "name_fr", "name_ru"]]) == ("Mali", "Mali", "Мали")
    assert rows.loc["CAF", "name"] == "Central African Republic"
    assert rows.loc["CAF", "name_fr"] == "République centrafricaine"
    assert rows.loc["CAF", "name_ru"] == "Центральноафриканская Республика"
    assert rows.loc["CAF", "continent"] == "Africa"
    assert 2 < rows.loc["CAF", "label_lat"] < 11 and 14 < rows.loc["CAF", "label_lon"] < 28


def test_country_table_is_a_copy() -> None:
    table = shapes.country_table()
    table.loc[:, "name"] = "changed"
    assert "changed" not in set(shapes.country_table()["name"])


def test_points_in_capitals_and_on_the_coast() -> None:
    lats = [12.6392, 4.3947, 34.89, 35.52, 44.6, None, 35.0]
    lons = [-8.0029, 18.5582, 35.89, 35.78, 33.52, 10.0, 18.0]
    got = shapes.countries_for_points(lats, lons)
    # Bamako, Bangui, Tartus, Latakia (outside the simplified coast), Sevastopol, missing, open sea
    assert got == ["MLI", "CAF", "SYR", "SYR", "UKR", None, None]


def test_nearest_fallback_respects_the_distance_limit() -> None:
    # Latakia's harbour lies just off the simplified coastline: found within 50 km, not within 0.
    assert shapes.countries_for_points([35.52], [35.78]) == ["SYR"]
    assert shapes.countries_for_points([35.52], [35.78], max_km=0.0) == [None]


def test_countries_for_points_checks_lengths_and_handles_empty() -> None:
    assert shapes.countries_for_points([], []) == []
    with pytest.raises(ValueError):
        shapes.countries_for_points([1.0], [])


def test_join_codes_attaches_polygons_and_keeps_row_columns() -> None:
    layer = pd.DataFrame({"actor": ["wagner", "russia", "wagner"], "iso3": ["MLI", "XXX", "CAF"], "name": ["a", "b", "c"]})
    joined = shapes.join_codes(layer)
    assert isinstance(joined, gpd.GeoDataFrame)
    assert list(joined["iso3"]) == ["MLI", "CAF"]
    assert list(joined["name"]) == ["a", "c"]  # the row's own column wins
    assert list(joined["name_fr"]) == ["Mali", "République centrafricaine"]
    assert joined.crs.to_epsg() == 4326
    assert joined.geometry.notna().all()

    kept = shapes.join_codes(layer.rename(columns={"iso3": "code"}), code_col="code", how="left")
    assert len(kept) == 3 and kept.geometry.isna().sum() == 1
