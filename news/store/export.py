"""The one export module: layer rows as CSV and GeoJSON, for ``footprint layers --format`` and
for the dashboard's downloads alike.

One list of layer-row columns (``LAYER_COLUMNS``, the data contract's Layer row) and one
neutraliser of spreadsheet formulas (``safe_cell``): titles and sentences come from anywhere on
the web, and a CSV opened in a spreadsheet must not turn ``=HYPERLINK(...)`` in a headline into
a live formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd

LAYER_COLUMNS = [
    "actor", "iso3", "country", "status", "first_seen", "last_seen", "sources", "articles", "claims",
    "confidence", "lat", "lon", "latest_title", "source_urls",
    "review",  # the review states of the row's claims ("confirmed, corrected"), "" when none (news/review)
]
# The presence ledger's figures of each layer row's current interval (news/store/ledger.py
# ``with_ledger``): what the table, the tooltip and both downloads show beside the window's counts.
LEDGER_COLUMNS = ["first_reported", "last_confirmed", "independent_sources", "contradicted"]
SHOWN_COLUMNS = [*LAYER_COLUMNS, *LEDGER_COLUMNS]
# Cells a spreadsheet would run as formulas start with one of these (tab and CR included).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A string cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def plain(value: Any) -> Any:
    """JSON/CSV-friendly scalar: ISO dates, None for NaN/NaT, numpy scalars as Python ones."""
    if value is None or (isinstance(value, (float, date)) and value != value):
        return None  # NaN, and pandas' NaT (a datetime whose isoformat() answers "NaT")
    if hasattr(value, "isoformat"):
        try:
            return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else value.isoformat()
        except ValueError:
            return None
    if hasattr(value, "item"):
        try:
            return value.item()
        except (ValueError, AttributeError):
            pass
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell and column name passed through ``safe_cell``."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(safe_cell)
    out.columns = [safe_cell(str(c)) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """Rows as the dashboard shows them (already plain values), as a formula-safe CSV."""
    return safe_frame(df).to_csv(index=False, lineterminator="\n").encode("utf-8")


def layers_csv(rows: pd.DataFrame) -> str:
    """Layer rows as queried (``news.store.queries.layer_rows``) as a formula-safe CSV: dates ISO,
    the source URLs joined by spaces."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([safe_cell(str(c)) for c in rows.columns])
    for record in rows.to_dict(orient="records"):
        record["source_urls"] = " ".join(record.get("source_urls") or [])
        writer.writerow(["" if (v := plain(x)) is None else safe_cell(v) for x in record.values()])
    return buf.getvalue()


def _country_geometries(rows: pd.DataFrame) -> dict[str, dict | None] | None:
    """Full-resolution, valid country polygons by ISO3 (``geo.shapes.export_geometries``); None
    when the shape file cannot be read (the rows then fall back to their label points)."""
    try:
        from geo.shapes import export_geometries

        return export_geometries(rows["iso3"].dropna().unique())
    except (OSError, ValueError, KeyError):
        return None


def layers_geojson(rows: pd.DataFrame, geometries: Mapping[str, dict | None] | None = None) -> str:
    """Layer rows as a FeatureCollection, one feature per actor × country: the country's polygon
    (from ``geometries`` by ISO3, else the full-resolution valid shapes of ``geo.shapes``), else
    its label point."""
    if geometries is None and len(rows):
        geometries = _country_geometries(rows)
    features = []
    for record in rows.to_dict(orient="records"):
        props = {k: (list(v) if k == "source_urls" and not isinstance(v, str) and v is not None else plain(v))
                 for k, v in record.items()}
        geometry = (geometries or {}).get(record.get("iso3"))
        if geometry is None and props.get("lat") is not None and props.get("lon") is not None:
            geometry = {"type": "Point", "coordinates": [props["lon"], props["lat"]]}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
