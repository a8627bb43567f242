"""Downloads: CSV of exactly the rows shown (formula-safe), GeoJSON of the layers."""

from __future__ import annotations

import json
import math

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A string cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    return neutralise_frame(df).to_csv(index=False, lineterminator="\n").encode("utf-8")


def _plain(v):
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NaT:
        return None
    if hasattr(v, "item"):
        try:
            return v.item()
        except (ValueError, AttributeError):
            pass
    return v


def layers_geojson(rows: pd.DataFrame, shapes: dict[str, dict]) -> bytes:
    """The shown layer rows as a FeatureCollection (one feature per actor × country)."""
    feats = []
    for r in rows.to_dict(orient="records"):
        shape = shapes.get(r.get("iso3"))
        feats.append(
            {
                "type": "Feature",
                "geometry": shape["geometry"] if shape else None,
                "properties": {k: _plain(v) for k, v in r.items()},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False).encode("utf-8")
