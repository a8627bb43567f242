"""Downloads in a real browser: file names that carry the filters, every file following the
selected country (issue 16, defect 13), and GeoJSON shapes a GIS can dissolve (defect 6)."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from tests.e2e.test_browser import open_app, pick_option

pytestmark = pytest.mark.e2e


def _select_country(page, label):
    box = page.locator("[data-testid='stSelectbox']").filter(has_text="Country (click one on the map)")
    pick_option(page, box, label)


def _download(page, name):
    with page.expect_download() as dl:
        page.get_by_role("button", name=name).click()
    return dl.value


def test_download_names_carry_the_filters_and_every_file_follows_the_selected_country(page, server):
    open_app(page, server, "?actor=wagner&from=2018-01&to=2024-12&conf=0.5&outlet=Reuters")
    _select_country(page, "Mali (MLI)")
    page.wait_for_function("() => new URLSearchParams(location.search).get('sel') === 'MLI'", timeout=20_000)
    stem = "wagner_country-MLI_conf-0.50_outlet-reuters_2018-01_2024-12"

    layers = _download(page, "Download layer rows (CSV)")
    assert layers.suggested_filename == f"footprint_layers_{stem}.csv"
    rows = pd.read_csv(layers.path(), keep_default_na=False, dtype=str)
    assert len(rows) == 1 and set(rows["iso3"]) == {"MLI"}  # the layer table shows MLI, CAF and MOZ

    evidence = _download(page, "Download evidence rows (CSV)")
    assert evidence.suggested_filename == f"footprint_evidence_{stem}.csv"
    sentences = pd.read_csv(evidence.path(), keep_default_na=False, dtype=str)
    assert len(sentences) >= 2 and set(sentences["iso3"]) == {"MLI"} and set(sentences["outlet"]) == {"Reuters"}

    shapes = _download(page, "Download layers (GeoJSON)")
    assert shapes.suggested_filename == f"footprint_layers_{stem}.geojson"
    features = json.loads(open(shapes.path(), encoding="utf-8").read())["features"]
    assert [f["properties"]["iso3"] for f in features] == ["MLI"]

    # the buttons say what the files hold
    labels = page.locator("[data-testid='stDownloadButton'] button").all_inner_texts()
    assert any("1 row, Mali only" in t for t in labels), labels
    assert any(f"{len(sentences)} sentences, Mali only" in t for t in labels), labels


def test_geojson_download_is_valid_full_resolution_and_dissolves(page, server):
    open_app(page, server, "?to=2024-12")  # every fixture country: Mali, Libya, Syria, Ukraine ...
    got = _download(page, "Download layers (GeoJSON)")
    gdf = gpd.read_file(got.path())
    assert {"UKR", "SYR", "LBY", "MLI"} <= set(gdf["iso3"])
    bad = [(c, shapely.is_valid_reason(g)) for c, g in zip(gdf["iso3"], gdf.geometry, strict=True) if not g.is_valid]
    assert bad == []
    assert gdf.dissolve(by="actor").is_valid.all() and gdf.union_all().is_valid
    ukraine = gdf.loc[gdf["iso3"] == "UKR"].geometry.iloc[0]
    assert shapely.get_num_coordinates(ukraine) > 2500  # the 1:10m border (2,992 points), not the map's (299)
