"""The map: Natural Earth countries as the base, one GeoJsonLayer per actor, cities on top.

``build_deck`` is pure: layer rows (docs/design.md's layer row) and country shapes in, a pydeck
``Deck`` and an index (layer id -> ISO3 per drawn feature, so a click is looked up by index)
out. No basemap (``map_provider=None``): the page needs no tile server, token or network.
Every layer has a fixed id so selections and Streamlit's message cache survive reruns.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from components.actors import ActorStyle
from components.state import DEFAULT_VIEW, MapView
from components.text import one_line
from geo import paths
from geo.colouring import colour_map, neighbours

BASE_ID = "countries"
SELECTED_ID = "selected"
CITIES_ID = "cities"
NEAR_ID = "cities-near"
SMALL_ID = "small-countries"
LABELS_ID = "country-labels"
LABEL_LANGUAGES = ("fr", "ru")  # Natural Earth's NAME_FR / NAME_RU, carried by scripts/build_shapes.py
SMALL_AREA = 2.5  # square degrees: below this a country is a few pixels at world zoom, so gets a marker
# The base: a map colouring (geo.colouring) in four light tints, neighbours never alike, over a
# pale sea (SEA: the canvas's own background, components.legend.CSS), so coasts and borders hold at every zoom
# without a drawn line. Lines were tried: a stroked base layer (tens of thousands of path
# vertices) made every redraw and every press take seconds under software WebGL, longer than the
# 250 ms a press may last to count as a click. Tints are neutral (no actor's red or blue) and 17 or more apart in RGB.
BASE_SHADES = ([237, 236, 230, 255], [215, 219, 208, 255], [233, 222, 204, 255], [244, 238, 214, 255])
SEA = (198, 216, 230)
SELECT_LINE = [20, 20, 20, 255]
SHARED_LINE = 4.0  # px: the outline of a second actor reported in a country another one fills
COUNTRIES_FILE = paths.COUNTRIES



def _dots(data: list[dict], layer_id: str, line_min: float) -> pdk.Layer:
    """Pickable pixel-sized dots (``position``, ``fill``, ``line``, ``r`` per row): the one shape
    of every marker layer (cities, near-claim towns, small countries), so their picking and
    sizing stay alike."""
    return pdk.Layer("ScatterplotLayer", data=data, id=layer_id, pickable=True, get_position="position",
                     get_fill_color="fill", get_line_color="line", get_radius="r", radius_units="'pixels'",
                     stroked=True, line_width_min_pixels=line_min)

def actor_layer_id(actor: str) -> str:
    return f"actor-{actor}"


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: the page sends a third of the bytes."""

    def to_json(self):  # same contract as pydeck's
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


# ---------------------------------------------------------------- shapes


def _round_coords(coords, ndigits: int):
    if isinstance(coords, (int, float)):
        return round(float(coords), ndigits)
    return [_round_coords(c, ndigits) for c in coords]


@lru_cache(maxsize=4)
def country_shapes(tolerance: float = 0.05, ndigits: int = 2) -> dict[str, dict]:
    """ISO3 -> {"name", "geometry" (GeoJSON dict, simplified, rounded), "lat", "lon"}.

    Uses ``geo.shapes.load_countries()`` when available, else the GeoJSON file it writes.
    Simplified once per process for the world view: the map never needs survey precision.
    ``shade`` is the country's colour in a map colouring of these very shapes (``geo.colouring``).
    """
    try:
        from geo.shapes import load_countries  # type: ignore[import-not-found]

        gdf = load_countries()
    except Exception:  # fall back to the shipped file
        import geopandas as gpd

        gdf = gpd.read_file(COUNTRIES_FILE)
    from shapely.geometry import mapping

    out: dict[str, dict] = {}
    geoms = gdf.geometry.simplify(tolerance, preserve_topology=True) if tolerance else gdf.geometry
    shades = colour_map(neighbours({str(iso3): g for iso3, g in zip(gdf["iso3"], geoms, strict=True)
                                    if g is not None and not g.is_empty}))
    for row, geom in zip(gdf.itertuples(index=False), geoms, strict=True):
        if geom is None or geom.is_empty:
            continue
        iso3 = str(row.iso3)
        g = mapping(geom)
        out[iso3] = {
            "name": str(row.name),
            **{f"name_{lang}": str(getattr(row, f"name_{lang}", None) or row.name) for lang in LABEL_LANGUAGES},
            "geometry": {"type": g["type"], "coordinates": _round_coords(g["coordinates"], ndigits)},
            "area": round(float(geom.area), 4),
            "shade": shades.get(iso3, 0),
            "lat": float(getattr(row, "label_lat", float("nan"))),
            "lon": float(getattr(row, "label_lon", float("nan"))),
        }
    return out


# ---------------------------------------------------------------- colour scale


def _to_date(v) -> date | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    try:
        ts = pd.Timestamp(v)
    except (ValueError, TypeError):
        return None
    return None if pd.isna(ts) else ts.date()


def independent(row: dict) -> int:
    """A layer row's independent sources (syndication clusters), or its articles for a row
    made without them: what the map's strength follows, so twenty reprints of one wire story
    weigh as one source."""
    v = row.get("sources")
    if v is None or pd.isna(v):
        v = row.get("articles")
    return max(int(v or 0), 0)


def strength(articles: int, last_seen, window_end, max_articles: int) -> float:
    """0..1: more independent sources and more recent reporting weigh more.

    Sources (``independent``; the parameter keeps its old name) count on a log scale against the
    most-reported row shown; recency halves the weight for every year between the last report
    and the window's end.
    """
    a = max(int(articles or 0), 0)
    volume = math.log1p(a) / math.log1p(max(max_articles, 1)) if a else 0.0
    last, end = _to_date(last_seen), _to_date(window_end)
    age_years = max((end - last).days, 0) / 365.25 if last and end else 0.0
    recency = 0.5 ** age_years
    return round(min(1.0, volume * (0.35 + 0.65 * recency)), 4)


def fill_colour(rgb: tuple[int, int, int], status: str, s: float) -> list[int]:
    """Present: alpha 70..230 by strength. Ended: faint wash, the outline carries the colour."""
    if status == "ended":
        return [*rgb, 45]
    return [*rgb, int(round(70 + 160 * max(0.0, min(1.0, s))))]


def line_colour(rgb: tuple[int, int, int], status: str) -> list[int]:
    if status == "ended":
        return [*rgb, 255]
    return [255, 255, 255, 200]


# ---------------------------------------------------------------- tooltips


def _clean(v, limit: int = 160) -> str:
    """Plain, one-line, bounded text. Tooltips are set as text, never as HTML: no escaping."""
    return one_line(v, limit)


def _d(v) -> str:
    d = _to_date(v)
    return d.isoformat() if d else "unknown"


def _actor_lines(row: dict, style: ActorStyle, window_end: str) -> list[str]:
    n_src, n_art, n_cl = independent(row), int(row.get("articles") or 0), int(row.get("claims") or 0)
    conf = row.get("confidence")
    conf_s = f", confidence {float(conf):.2f}" if conf is not None and not pd.isna(conf) else ""
    lines = [
        f"{_clean(style.label)}: {_clean(row.get('status'))} at {window_end}",
        f"{sources_phrase(n_src, n_art)}, {n_cl} claim{'s' * (n_cl != 1)}{conf_s}",
        f"First reported {_d(row.get('first_seen'))} (ever) · last seen {_d(row.get('last_seen'))}",
    ]
    lines[1:] = _ledger_lines(row) or lines[1:]
    title = _clean(row.get("latest_title"))
    if title:
        lines.append(f"Latest: {title}")
    review = _clean(row.get("review"))
    if review:  # the review states of its claims (news/review): an analyst's word, not the machine's
        lines.append(f"Reviewed: {review}")
    return lines


def sources_phrase(sources: int, articles: int) -> str:
    """"3 independent sources (7 articles)": what the tooltip and the table say."""
    return (f"{sources} independent source{'s' * (sources != 1)} "
            f"({articles} article{'s' * (articles != 1)})")


def _ledger_lines(row: dict) -> list[str]:
    """The presence ledger's figures of the row (news/store/ledger.py ``with_ledger``), when it has
    them: independent sources beside articles, the first report ever and, when the actor left
    and came back, when the current stay began, its last confirmation, and the months where
    independent sources contradict each other."""
    if not _clean(row.get("first_reported")) and not _clean(row.get("independent_sources")):
        return []
    n_art, n_cl = int(row.get("articles") or 0), int(row.get("claims") or 0)
    n_win = independent(row)  # the window's independent sources (syndication)
    src = row.get("independent_sources")
    n_src = int(src) if src is not None and not pd.isna(src) and str(src) != "" else 0
    conf = row.get("confidence")
    conf_s = f", confidence {float(conf):.2f}" if conf is not None and not pd.isna(conf) else ""
    lines = [
        f"{sources_phrase(n_win, n_art)}, {n_cl} claim{'s' * (n_cl != 1)} in the window{conf_s}",
        f"First reported {_d(row.get('first_seen'))} (ever)"
        + (f"; this stay since {_d(stay)}" if (stay := row.get("first_reported")) is not None
           and _d(stay) not in ("unknown", _d(row.get("first_seen"))) else "")
        + f" · last confirmed {_d(row.get('last_confirmed'))}",
        f"This stay: {n_src} independent source{'s' * (n_src != 1)} · contradicted: "
        + (_clean(row.get("contradicted")) or "no"),
    ]
    return lines


def country_tooltip(rows: list[dict], styles: dict[str, ActorStyle], window_end: str) -> str:
    """One country's tooltip: every actor reported there, each with its status and figures."""
    first = rows[0]
    lines = [_clean(first.get("country") or first.get("iso3"))]
    for r in rows:
        style = styles.get(r.get("actor")) or ActorStyle(str(r.get("actor")), str(r.get("actor")), "#777777")
        lines.extend(_actor_lines(r, style, window_end))
    lines.append("Click to see the sources")
    return "\n".join(lines)


def row_tooltip(row: dict, style: ActorStyle, window_end: str) -> str:
    """The tooltip of a country where one actor is reported."""
    return country_tooltip([{**row, "actor": style.key}], {style.key: style}, window_end)


# ---------------------------------------------------------------- deck


def base_shade(shape: dict) -> list[int]:
    """The base tint of a country (``country_shapes``' ``shade``: its colour in the map colouring)."""
    return list(BASE_SHADES[int(shape.get("shade", 0)) % len(BASE_SHADES)])


@dataclass
class DeckBundle:
    deck: pdk.Deck
    index: dict[str, list[str]]  # layer id -> ISO3 of each feature, in draw order


def _feature(geometry: dict, props: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _records(rows: pd.DataFrame | None) -> list[dict]:
    if rows is None or len(rows) == 0:
        return []
    return rows.to_dict(orient="records")


def _city_layer(layer_id: str, recs: list[dict], styles: dict[str, ActorStyle],
                hollow: bool) -> tuple[pdk.Layer | None, list[str]]:
    """Dots for places: filled for a claim's own place, a ring for a town named near a claim."""
    pts, isos = [], []
    for c in recs:
        style = styles.get(c.get("actor"))
        if style is None or pd.isna(c.get("lat")) or pd.isna(c.get("lon")):
            continue
        n = int(c.get("claims") or 1)
        head = f"{_clean(c.get('place'))} ({_clean(c.get('country') or c.get('iso3'))})"
        what = (f"named near the claim: in the same article, close to {n} claim{'s' * (n != 1)} "
                "(not in the claim itself)" if hollow else f"{n} claim{'s' * (n != 1)} naming this place")
        pts.append({
            "position": [round(float(c["lon"]), 3), round(float(c["lat"]), 3)],
            "fill": [255, 255, 255, 235] if hollow else [*style.rgb, 235],
            # a ring in the actor's colour, darkened so it holds on that actor's own fill too
            "line": [*(int(v * 0.55) for v in style.rgb), 255] if hollow else [255, 255, 255, 255],
            "r": round(3 + 2.2 * math.log1p(n), 1),
            "tip": f"{head}\n{_clean(style.label)}: {what}",
        })
        isos.append(str(c.get("iso3")))
    if not pts:
        return None, []
    return _dots(pts, layer_id, 2 if hollow else 1), isos


def label_name(shape: dict, locale: str | None) -> str:
    """The country's name in the page's language (``fr-FR`` -> NAME_FR) where Natural Earth has
    one, else its English name."""
    lang = (locale or "").split("-")[0].split("_")[0].lower()
    return str(shape.get(f"name_{lang}") or shape["name"]) if lang in LABEL_LANGUAGES else str(shape["name"])


def label_points(by_country: dict[str, list[dict]], shapes: dict[str, dict], locale: str | None,
                 selected: str | None = None) -> list[dict]:
    """One label per country with presence (and the selected one), at Natural Earth's label point.

    ``priority``: the most-reported countries win where labels would overlap (deck.gl's
    CollisionFilterExtension hides the others until the user zooms in), so the world view is
    never a heap of names.
    """
    out = []
    for iso in sorted(set(by_country) | ({selected} if selected in shapes else set())):
        shp = shapes.get(iso)
        if not shp or pd.isna(shp.get("lat")) or pd.isna(shp.get("lon")):
            continue
        articles = sum(int(r.get("articles") or 0) for r in by_country.get(iso, []))
        out.append({"position": [round(shp["lon"], 3), round(shp["lat"], 3)],
                    "text": _clean(label_name(shp, locale), 40),
                    "priority": min(articles, 999) + (1000 if iso == selected else 0),
                    # a small country's marker sits on its label point: the name goes under it
                    "offset": [0, 16] if shp.get("area", SMALL_AREA) < SMALL_AREA else [0, 0]})
    return out


def build_deck(
    rows: pd.DataFrame | None,
    shapes: dict[str, dict],
    styles: dict[str, ActorStyle],
    *,
    window_end: str,
    view: MapView = DEFAULT_VIEW,
    selected: str | None = None,
    cities: pd.DataFrame | None = None,
    near: pd.DataFrame | None = None,
    locale: str | None = None,
    height: int = 520,
) -> DeckBundle:
    """The deck for these layer rows. ``rows`` has docs/design.md's layer-row columns.

    ``cities``: places the claims name (filled dots); ``near``: towns named near a claim in the
    same article (``news.nearby``), drawn as rings so the two are never taken for each other.
    """
    recs = _records(rows)
    end_of_window = pd.Period(window_end, freq="M").end_time.date() if window_end else None
    max_articles = max((independent(r) for r in recs), default=1)

    base_iso = sorted(shapes)
    base_feats = [
        _feature(shapes[i]["geometry"], {"tip": f"{_clean(shapes[i]['name'])}\nNo reports in this window",
                                         "fill": base_shade(shapes[i])})
        for i in base_iso
    ]
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            data={"type": "FeatureCollection", "features": base_feats},
            id=BASE_ID,
            pickable=True,
            stroked=False,  # see BASE_SHADES: a stroke here makes every click too slow to count
            filled=True,
            get_fill_color="properties.fill",
        )
    ]
    index: dict[str, list[str]] = {BASE_ID: base_iso}

    # every actor of a country in one tooltip; where several are reported, the first actor (in
    # the styles' order, the legend's) fills the country and each other one draws a thick outline
    by_country: dict[str, list[dict]] = {}
    for actor in styles:
        for r in recs:
            if r.get("actor") == actor and r.get("iso3") in shapes:
                by_country.setdefault(r["iso3"], []).append(r)
    tips = {iso: country_tooltip(rs, styles, window_end) for iso, rs in by_country.items()}
    filler = {iso: rs[0].get("actor") for iso, rs in by_country.items()}

    # ended first, then present, so present presence is drawn on top
    for actor, style in styles.items():
        mine = [r for r in recs if r.get("actor") == actor and r.get("iso3") in shapes]
        if not mine:
            continue
        mine.sort(key=lambda r: (r.get("status") != "ended", independent(r)))
        feats, isos = [], []
        for r in mine:
            st_ = str(r.get("status") or "present")
            s = strength(independent(r), r.get("last_seen"), end_of_window, max_articles)
            shared = filler[r["iso3"]] != actor
            feats.append(
                _feature(
                    shapes[r["iso3"]]["geometry"],
                    {
                        "tip": tips[r["iso3"]],
                        "fill": [*style.rgb, 0] if shared else fill_colour(style.rgb, st_, s),
                        "line": [*style.rgb, 255] if shared else line_colour(style.rgb, st_),
                        "w": SHARED_LINE if shared else (2.5 if st_ == "ended" else 0.8),
                    },
                )
            )
            isos.append(r["iso3"])
        lid = actor_layer_id(actor)
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data={"type": "FeatureCollection", "features": feats},
                id=lid,
                pickable=True,
                stroked=True,
                filled=True,
                get_fill_color="properties.fill",
                get_line_color="properties.line",
                get_line_width="properties.w",
                line_width_units="'pixels'",
                auto_highlight=True,
                highlight_color=[255, 255, 255, 60],
            )
        )
        index[lid] = isos

    # small countries vanish at world zoom: a marker at their label point, one ring per actor
    # (the first actor, which fills, outermost), with the country's tooltip and selection
    marks, mark_isos = [], []
    for iso, rs in by_country.items():
        shp = shapes[iso]
        if shp.get("area", SMALL_AREA) >= SMALL_AREA or pd.isna(shp.get("lat")) or pd.isna(shp.get("lon")):
            continue
        for k, r in enumerate(rs):
            style = styles[r["actor"]]
            ended = str(r.get("status")) == "ended"
            marks.append({
                "position": [round(shp["lon"], 3), round(shp["lat"], 3)],
                "fill": [255, 255, 255, 230] if ended else [*style.rgb, 235],
                "line": [*style.rgb, 255] if ended else [255, 255, 255, 255],
                "r": max(7 - 3 * k, 3),
                "tip": tips[iso],
            })
            mark_isos.append(iso)
    if marks:
        layers.append(
            _dots(marks, SMALL_ID, 1.5)
        )
        index[SMALL_ID] = mark_isos

    if selected and selected in shapes:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data={"type": "FeatureCollection", "features": [_feature(shapes[selected]["geometry"], {})]},
                id=SELECTED_ID,
                pickable=False,
                stroked=True,
                filled=False,
                get_line_color=SELECT_LINE,
                line_width_min_pixels=2.5,
            )
        )

    for layer_id, recs_, hollow in ((NEAR_ID, _records(near), True), (CITIES_ID, _records(cities), False)):
        layer, isos = _city_layer(layer_id, recs_, styles, hollow)
        if layer is not None:
            layers.append(layer)
            index[layer_id] = isos

    labels = label_points(by_country, shapes, locale, selected)
    if labels:
        layers.append(
            pdk.Layer(
                "TextLayer",
                data=labels,
                id=LABELS_ID,
                pickable=False,
                get_position="position",
                get_text="text",
                get_size=12,
                size_units="'pixels'",
                get_color=[30, 30, 30, 255],
                font_family="'Helvetica Neue, Arial, sans-serif'",
                font_weight=600,
                # a white halo keeps the name legible on any fill (needs the SDF font atlas)
                font_settings={"sdf": True},
                outline_width=3,
                outline_color=[255, 255, 255, 230],
                get_pixel_offset="offset",
                get_text_anchor="'middle'",
                get_alignment_baseline="'center'",
                character_set="'auto'",  # names in Cyrillic and with accents, not ASCII alone
                extensions=[{"@@type": "CollisionFilterExtension"}],
                collision_enabled=True,
                get_collision_priority="priority",
                collision_test_props={"sizeScale": 1.3},  # a little room around each name
            )
        )

    deck = CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(
            latitude=view.latitude, longitude=view.longitude, zoom=view.zoom, min_zoom=0.5, max_zoom=10
        ),
        map_provider=None,
        tooltip={"text": "{tip}", "style": {"whiteSpace": "pre-line", "fontSize": "12px", "maxWidth": "360px"}},
        height=height,
    )
    return DeckBundle(deck, index)


def selected_iso3(selection: dict | None, index: dict[str, list[str]]) -> str | None:
    """The ISO3 a map click picked, looked up by index (never from the picked object)."""
    if not selection:
        return None
    indices = selection.get("indices") or {}
    # prefer actor layers and cities over the base layer when several report a pick
    for lid in sorted(indices, key=lambda k: k == BASE_ID):
        picked = indices.get(lid) or []
        isos = index.get(lid) or []
        for i in picked:
            if isinstance(i, int) and 0 <= i < len(isos):
                return isos[i]
    return None


def deck_bytes(deck: pdk.Deck) -> int:
    """Bytes of the spec Streamlit sends for this deck (its JSON plus the tooltip)."""
    tip = getattr(deck, "_tooltip", None)
    return len(deck.to_json().encode("utf-8")) + (len(json.dumps(tip).encode("utf-8")) if tip else 0)


def view_pixel(box: dict, view: tuple[float, float, float], lon: float, lat: float) -> tuple[float, float]:
    """Where (lon, lat) is drawn in a canvas ``box`` (x, y, width, height) showing ``view`` (lat,
    lon, zoom): web mercator around the view's centre, deck.gl's 512-px world. For the browser
    tests and benches that press or read a country by its coordinates."""
    lat0, lon0, zoom = view
    size = 512 * 2 ** zoom

    def merc(lo: float, la: float) -> tuple[float, float]:
        y = math.log(math.tan(math.pi / 4 + math.radians(la) / 2))
        return (lo + 180) / 360 * size, (1 - y / math.pi) / 2 * size

    (x, y), (x0, y0) = merc(lon, lat), merc(lon0, lat0)
    return box["x"] + box["width"] / 2 + (x - x0), box["y"] + box["height"] / 2 + (y - y0)
