"""Unit tests of the dashboard's components: pure functions, no Streamlit runtime."""

from __future__ import annotations

import html
import io
import json
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from components import deck as deckmod
from components.actors import actor_styles, hex_to_rgb
from components.legend import legend_html
from components.reader import highlight
from components.state import (
    DEFAULT_VIEW,
    MapView,
    Options,
    ViewState,
    default_state,
    month_range,
    parse_query,
    query_string,
    step_window,
    to_query,
)
from components.tables import (
    article_link,
    safe_url,
    shape_evidence_rows,
    shape_layer_rows,
    sources_html,
)
from components.timeline import monthly_frame, timeline_chart
from news.store.export import SHOWN_COLUMNS, layers_geojson, safe_cell, to_csv_bytes

XSS = "<img src=x onerror=alert(1)>"
OPTS = Options(
    actors=("russia", "wagner"),
    months=month_range("2014-01", "2025-12"),
    countries=("MLI", "CAF", "SYR", "BLR", "MOZ", "UKR"),
    languages=("en", "fr", "ru"),
    outlets=("Reuters", "RFI, Afrique", "Meduza"),
)


def layer_rows():
    return pd.DataFrame(
        [
            dict(actor="wagner", iso3="MLI", country="Mali", status="present", first_seen="2021-12-23",
                 last_seen="2025-06-01", articles=14, claims=20, confidence=0.81, lat=17.3, lon=-3.5,
                 latest_title=XSS, source_urls=["https://example.org/a", "javascript:alert(1)"]),
            dict(actor="wagner", iso3="MOZ", country="Mozambique", status="ended", first_seen="2019-09-10",
                 last_seen="2020-04-01", articles=3, claims=4, confidence=0.7, lat=-17.0, lon=35.0,
                 latest_title="=HYPERLINK(\"http://evil\")", source_urls=[]),
            dict(actor="russia", iso3="SYR", country="Syria", status="present", first_seen="2015-09-30",
                 last_seen="2024-12-01", articles=30, claims=41, confidence=0.9, lat=35.0, lon=38.5,
                 latest_title="Russian jets strike", source_urls=None),
        ]
    )


# ---------------------------------------------------------------- URL state


def test_default_state_round_trips_to_empty_query():
    d = default_state(OPTS)
    assert to_query(d, OPTS) == {}
    assert parse_query({}, OPTS) == (d, [])


def test_full_state_round_trips():
    s = ViewState(actors=("wagner",), start="2019-01", end="2022-06", countries=("MLI", "CAF"),
                  statuses=("ended",), min_confidence=0.55, languages=("fr",), outlets=("RFI, Afrique",),
                  selected="MLI", view=MapView(10.5, -3.25, 3.5), article="abc123")
    q = to_query(s, OPTS)
    # what st.query_params.get_all gives back: lists of strings
    params = {k: ([v] if isinstance(v, str) else v) for k, v in q.items()}
    back, notes = parse_query(params, OPTS)
    assert notes == []
    assert back == s


@pytest.mark.parametrize(
    "params, field, expected",
    [
        ({"from": ["2019-13"]}, "start", "2014-01"),
        ({"from": ["yesterday"]}, "start", "2014-01"),
        ({"to": ["2099-01"]}, "end", "2025-12"),
        ({"from": ["2022-01"], "to": ["2020-01"]}, "start", "2014-01"),
        ({"conf": ["abc"]}, "min_confidence", 0.0),
        ({"conf": ["1.5"]}, "min_confidence", 0.0),
        ({"conf": ["nan"]}, "min_confidence", 0.0),
        ({"actor": ["nobody"]}, "actors", ("russia", "wagner")),
        ({"status": ["gone"]}, "statuses", ("present", "ended")),
        ({"view": ["1,2"]}, "view", DEFAULT_VIEW),
        ({"view": ["100,0,2"]}, "view", DEFAULT_VIEW),
        ({"sel": ["<script>"]}, "selected", None),
        ({"article": ["x" * 513]}, "article", None),
        ({"country": ["XXX"]}, "countries", ()),
    ],
)
def test_malformed_values_fall_back_with_a_note(params, field, expected):
    s, notes = parse_query(params, OPTS)
    assert getattr(s, field) == expected
    assert notes, "a fallback must be visible"
    assert all("<script>" not in n for n in notes) or field == "selected"


def test_partial_lists_keep_the_valid_values():
    s, notes = parse_query({"actor": ["WAGNER", "nobody"], "country": ["mli,zzz"]}, OPTS)
    assert s.actors == ("wagner",)
    assert s.countries == ("MLI",)
    assert len(notes) == 2


def test_outlets_with_commas_survive():
    s, notes = parse_query({"outlet": ["RFI, Afrique"]}, OPTS)
    assert s.outlets == ("RFI, Afrique",) and not notes


def test_query_string_encodes_repeated_keys():
    assert query_string({"actor": ["a", "b"], "to": "2020-01"}) == "?actor=a&actor=b&to=2020-01"


def test_step_window_keeps_width_and_stops_at_the_end():
    s = ViewState(actors=("wagner",), start="2025-09", end="2025-10")
    s2, more = step_window(s, OPTS)
    assert (s2.start, s2.end, more) == ("2025-10", "2025-11", True)
    s3, more = step_window(s2, OPTS)
    assert (s3.end, more) == ("2025-12", False)
    s4, more = step_window(s3, OPTS)
    assert s4 == s3 and not more


# ---------------------------------------------------------------- colours and deck


def test_actor_styles_defaults_and_unknown_actors():
    st_ = actor_styles(["wagner", "russia", "turkey"])
    assert hex_to_rgb(st_["wagner"].colour)[0] > 150  # red-ish
    assert hex_to_rgb(st_["russia"].colour)[2] > 150  # blue-ish
    assert st_["turkey"].colour not in {st_["wagner"].colour, st_["russia"].colour}
    with pytest.raises(ValueError):
        hex_to_rgb("red")


def test_strength_grows_with_articles_and_recency():
    s_many = deckmod.strength(20, "2024-12-01", "2024-12-31", 20)
    s_few = deckmod.strength(2, "2024-12-01", "2024-12-31", 20)
    s_old = deckmod.strength(20, "2019-12-01", "2024-12-31", 20)
    assert 0 < s_few < s_many <= 1
    assert s_old < s_many
    assert deckmod.strength(0, None, None, 5) == 0


def test_ended_presence_is_drawn_distinctly():
    rgb = (214, 39, 40)
    present, ended = deckmod.fill_colour(rgb, "present", 0.1), deckmod.fill_colour(rgb, "ended", 1.0)
    assert ended[3] < present[3]
    assert deckmod.line_colour(rgb, "ended")[:3] == [*rgb]


@pytest.fixture(scope="module")
def shapes():
    return deckmod.country_shapes()


def test_country_shapes_cover_the_world(shapes):
    assert len(shapes) > 200
    assert {"MLI", "RUS", "FRA", "NOR", "SYR"} <= set(shapes)


def test_deck_has_fixed_ids_no_basemap_and_text_tooltips(shapes):
    cities = pd.DataFrame([dict(actor="wagner", place="Bamako", iso3="MLI", country="Mali", lat=12.65,
                                lon=-8.0, claims=5)])
    b = deckmod.build_deck(layer_rows(), shapes, actor_styles(), window_end="2025-06", cities=cities,
                           selected="MLI")
    spec = json.loads(b.deck.to_json())
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids == ["countries", "actor-wagner", "actor-russia", "selected", "cities", "country-labels"]
    assert spec.get("mapProvider") is None and spec.get("mapStyle") in (None, "__MAP_STYLE__")
    tip = b.deck._tooltip
    assert set(tip) == {"text", "style"}  # text, never html
    wagner = next(layer for layer in spec["layers"] if layer["id"] == "actor-wagner")
    feats = wagner["data"]["features"]
    # ended first (underneath), present on top; index follows draw order
    assert b.index["actor-wagner"] == ["MOZ", "MLI"]
    assert XSS in feats[1]["properties"]["tip"]  # kept verbatim: the tooltip shows it as text
    assert ": ended at 2025-06" in feats[0]["properties"]["tip"]
    assert feats[0]["properties"]["fill"][3] < feats[1]["properties"]["fill"][3]
    assert "\n" not in b.deck.to_json()  # compact JSON


def test_click_is_looked_up_by_index(shapes):
    b = deckmod.build_deck(layer_rows(), shapes, actor_styles(), window_end="2025-06")
    sel = {"indices": {"actor-wagner": [1]}, "objects": {"actor-wagner": [{"geometry": "..."}]}}
    assert deckmod.selected_iso3(sel, b.index) == "MLI"
    base = {"indices": {"countries": [b.index["countries"].index("FRA")]}}
    assert deckmod.selected_iso3(base, b.index) == "FRA"
    both = {"indices": {"countries": [0], "actor-russia": [0]}}
    assert deckmod.selected_iso3(both, b.index) == "SYR"
    assert deckmod.selected_iso3({"indices": {"actor-wagner": [99]}}, b.index) is None
    assert deckmod.selected_iso3(None, b.index) is None
    assert deckmod.selected_iso3({}, b.index) is None


def test_world_deck_is_under_two_megabytes(shapes):
    every = pd.DataFrame(
        [dict(actor=a, iso3=i, country=i, status="present", first_seen="2020-01-01", last_seen="2020-02-01",
              articles=3, claims=3, confidence=0.5, lat=0, lon=0, latest_title="t", source_urls=[])
         for a in ("wagner", "russia") for i in list(shapes)[:60]]
    )
    b = deckmod.build_deck(every, shapes, actor_styles(), window_end="2020-02")
    assert deckmod.deck_bytes(b.deck) < 2_000_000


def test_empty_rows_still_draw_the_base(shapes):
    b = deckmod.build_deck(pd.DataFrame(), shapes, actor_styles(), window_end="2020-02")
    assert [layer.id for layer in b.deck.layers] == ["countries"]


def test_legend_escapes_labels():
    from components.actors import ActorStyle

    html_ = legend_html({"x": ActorStyle("x", XSS, "#123456")}, ["x"], "2020-01")
    assert XSS not in html_ and "&lt;img" in html_


# ---------------------------------------------------------------- tables, links, reader


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example", False),
        ("https://", False),
        ("https://exa mple.org", False),
        (None, False),
        (float("nan"), False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_article_link_falls_back_to_reader_view():
    assert article_link(None, "abc123", {"to": "2020-01", "article": "old"}) == "?to=2020-01&article=abc123"
    assert article_link("javascript:alert(1)", "abc123") == "?article=abc123"
    assert article_link("https://x.org/a", "abc123") == "https://x.org/a"
    assert article_link(None, "") is None and article_link(None, None) is None
    assert article_link(None, "x" * 513) is None  # longer than any id the store holds


ODD_IDS = ["feed:2024/05:a b", "статья-1", "x#y?z&w", "a,b;c=d+e%20f", "../../etc", " padded ", "日本語/ニュース",
           "x" * 512]


@pytest.mark.parametrize("aid", ODD_IDS)
@pytest.mark.hostile
def test_any_stored_article_id_round_trips_through_the_url(aid):
    """Ids outside [A-Za-z0-9_-] are percent-encoded in links and decoded back whole."""
    state = ViewState(actors=OPTS.actors, start="2014-01", end="2020-06", article=aid)
    q = to_query(state, OPTS)
    assert q["article"] == aid
    qs = query_string(q)
    assert qs.isascii() and not set(qs[1:]) & set(" #/:?,") and qs.count("article=") == 1
    # Streamlit hands the script parse_qs(query string) as st.query_params
    back, notes = parse_query(parse_qs(qs[1:], keep_blank_values=True), OPTS)
    assert back == state and not notes
    # the sources list's link to the reader view (no original URL) carries the same id
    link = article_link(None, aid, to_query(state, OPTS))
    assert link and parse_qs(urlsplit(link).query)["article"] == [aid]
    out = sources_html(shape_evidence_rows(pd.DataFrame([dict(
        date="2020-01-02", actor="wagner", iso3="MLI", status="present", confidence=0.7, outlet="RFI", title="T",
        url=None, article_id=aid, evidence="E.", cue="E")]), {"to": "2020-06"}))
    href = html.unescape(out.split('href="', 1)[1].split('"', 1)[0])
    assert parse_qs(urlsplit(href).query) == {"to": ["2020-06"], "article": [aid]}


def test_shape_layer_rows_columns_order_and_urls():
    df = shape_layer_rows(layer_rows())
    assert list(df.columns) == SHOWN_COLUMNS  # the layer row, then the ledger's figures
    assert list(df["iso3"]) == ["SYR", "MLI", "MOZ"]
    assert df.loc[df.iso3 == "MLI", "source_urls"].item() == "https://example.org/a"
    assert df.loc[df.iso3 == "SYR", "source_urls"].item() == ""
    assert shape_layer_rows(None).empty


def test_csv_neutralises_formulas_and_keeps_rows():
    df = shape_layer_rows(layer_rows())
    raw = to_csv_bytes(df)
    back = pd.read_csv(io.BytesIO(raw), keep_default_na=False)
    assert len(back) == len(df)
    assert back.loc[back.iso3 == "MOZ", "latest_title"].item().startswith("'=HYPERLINK")
    assert back["lon"].tolist() == df["lon"].tolist()  # negative numbers are numbers, untouched
    for v in ("=1+1", "+1", "-cmd", "@SUM(A1)", "\tx"):
        assert safe_cell(v) == "'" + v
    assert safe_cell("Mali") == "Mali" and safe_cell(-3.5) == -3.5


def test_layers_geojson():
    df = shape_layer_rows(layer_rows())
    gj = json.loads(layers_geojson(df, {k: v["geometry"] for k, v in deckmod.country_shapes().items()}))
    assert len(gj["features"]) == 3
    assert gj["features"][0]["properties"]["iso3"] == "SYR"
    assert gj["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")


def evidence():
    return pd.DataFrame(
        [
            dict(date="2022-01-05", actor="wagner", iso3="MLI", status="present", confidence=0.8, outlet="RFI",
                 title=XSS, url="javascript:alert(1)", article_id="a1", evidence="Wagner <b>men</b> in Mali.",
                 cue="men in"),
            dict(date="2023-03-01", actor="russia", iso3="SYR", status="present", confidence=0.9, outlet="Reuters",
                 title="Strikes", url="https://example.org/s", article_id="a2", evidence="Jets struck.", cue="struck"),
        ]
    )


def test_evidence_rows_and_sources_html_are_escaped():
    df = shape_evidence_rows(evidence(), {"to": "2024-01"})
    assert list(df["article_id"]) == ["a2", "a1"]  # newest first
    assert df.loc[df.article_id == "a1", "link"].item() == "?to=2024-01&article=a1"
    assert df.loc[df.article_id == "a1", "url"].item() == ""
    out = sources_html(df, {"wagner": "Wagner"})
    assert "<img" not in out and "<b>" not in out and "javascript:" not in out
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in out
    assert 'href="https://example.org/s"' in out and 'href="?to=2024-01&amp;article=a1"' in out


def test_highlight_escapes_and_marks():
    text = "Wagner <b>men</b> in Mali. " + XSS + " Bamako."
    mentions = [{"start": text.index("Mali"), "end": text.index("Mali") + 4, "kind": "country", "iso3": "MLI"},
                {"start": 999, "end": 1000}]
    claims = [{"actor": "wagner", "status": "present", "iso3": "MLI", "evidence": "Wagner <b>men</b> in Mali.",
               "cue": "men</b> in"}]
    out = highlight(text, mentions, claims)
    assert "<img" not in out and "<b>" not in out
    assert "&lt;img src=x onerror=alert&#40;1&#41;&gt;" in out
    assert '<mark class="fp-claim"' in out and '<mark class="fp-mention"' in out and 'fp-cue' in out
    # tags are balanced
    assert out.count("<mark") == out.count("</mark>")
    assert highlight("") == ""


# ---------------------------------------------------------------- timeline


def test_monthly_frame_is_dense_and_chart_builds():
    counts = pd.DataFrame({"month": ["2020-01-01", "2020-03-01"], "actor": ["wagner", "russia"], "claims": [2, 5]})
    months = month_range("2020-01", "2020-04")
    f = monthly_frame(counts, months, ["wagner", "russia"])
    assert len(f) == 8 and f["claims"].sum() == 7
    chart = timeline_chart(f, actor_styles(), "2020-02", "2020-03")
    assert chart.to_dict()["layer"]
    assert monthly_frame(None, months, ["wagner"])["claims"].sum() == 0


def test_evidence_total_counts_the_claims_of_the_rows_shown():
    from components.tables import evidence_total

    rows = pd.DataFrame({"iso3": ["MLI", "CAF", "MLI"], "claims": [3, 4, 5]})
    assert evidence_total(rows) == 12 and evidence_total(rows, "MLI") == 8 and evidence_total(rows, "SYR") == 0
    assert evidence_total(rows.iloc[0:0]) == 0 and evidence_total(None) == 0


def test_snapshot_answers_exactly_what_the_store_answers(tmp_path):
    """The page queries an in-memory copy; every query must agree with the store's files."""
    from datetime import date

    from news.store import Store, queries
    from news.store.snapshot import Snapshot
    from tests.e2e.fixture_store import build

    build(tmp_path)
    store, snap = Store(tmp_path), Snapshot(tmp_path)
    for f in (queries.Filters(), queries.Filters(actors=("wagner",), end=date(2023, 12, 31), statuses=("ended",)),
              queries.Filters(start=date(2019, 1, 1), min_confidence=0.7, languages=("en",))):
        for fn in (queries.layer_rows, queries.monthly_counts, queries.evidence_rows, queries.city_rows):
            pd.testing.assert_frame_equal(fn(snap, f), fn(store, f), check_dtype=False)
        for iso3 in (None, "MLI"):
            pd.testing.assert_frame_equal(queries.evidence_rows(snap, f, iso3=iso3, limit=3),
                                          queries.evidence_rows(store, f, iso3=iso3, limit=3), check_dtype=False)
    assert queries.filter_options(snap) == queries.filter_options(store)
    with pytest.raises(TypeError):
        snap.write([])


def test_every_clickable_layer_is_pickable_with_a_fixed_id():
    rows = pd.DataFrame([{"actor": "wagner", "iso3": "MLI", "country": "Mali", "status": "present", "articles": 3,
                          "claims": 3, "first_seen": "2021-12-01", "last_seen": "2024-07-01", "confidence": 0.9}])
    bundle = deckmod.build_deck(rows, deckmod.country_shapes(), actor_styles(["wagner", "russia"]), window_end="2024-12")
    spec = json.loads(bundle.deck.to_json())
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert layers["actor-wagner"]["pickable"] is True and layers["countries"]["pickable"] is True
    assert bundle.index["actor-wagner"] == ["MLI"]
    assert deckmod.selected_iso3({"indices": {"actor-wagner": [0]}}, bundle.index) == "MLI"


URL_CASES = [
    [], ["https://example.org/a"], ["https://example.org/a", "http://b.example:8080/x?y=1#z", "HTTPS://C.EXAMPLE"],
    ["https://example.org/a", "javascript:alert(1)"], ["http://a b"], ["http://a http://b"], ["http://a", ""],
    ["http://a", None], [" http://a"], ["http://a\t"], ["http://[::1]/"], ["http://[x"], ["https://exa mple.org/"],
    ["https://bücher.example/"], ["ftp://example.org/f"], ["http://"], ["http://a", "http://a"], [1, "http://a"],
    ["https://example.org/" + "x" * 5000] * 300, ["http://a.b/ü"], ["http://a.b/\u2028"], ["http:///x"],
    ["http://?q"], ["http://#f"], ["HTTP://", "http://a"], ["http://a", "http:// x"], ["http://a", "https://"],
    ["hTtPs://Example.ORG:99999/p"], ["http://a:b@c/"], ["http://a/[x]"], ["httpx://a"], ["http:/a"], ["http://a\x7f"],
]


@pytest.mark.parametrize("urls", URL_CASES, ids=range(len(URL_CASES)))
def test_url_fast_paths_agree_with_the_url_by_url_checks(urls):
    """The one-regex fast paths give exactly what checking each URL gives."""
    import numpy as np

    from components.tables import _as_list, _safe_urls_joined, safe_url
    from news.sources.fetch import is_http_url
    from news.store import queries

    for cell in (urls, np.array(urls, dtype=object), tuple(urls)):
        assert _safe_urls_joined(cell) == " ".join(u for u in _as_list(cell) if safe_url(u))
        assert queries._url_list(cell) == [u for u in list(cell) if is_http_url(u)]


def test_month_parts_answer_what_the_sql_answers(tmp_path):
    """The window's fast path (news.store.queries.MonthParts) gives the SQL's layer, city, near-town
    and evidence rows."""
    from dataclasses import replace
    from datetime import date

    from news.store import queries
    from news.store.snapshot import Snapshot
    from tests.e2e.fixture_store import add_near_article, build

    build(tmp_path)
    add_near_article(tmp_path)
    snap = Snapshot(tmp_path)
    near_seen = 0
    windows = [(date(2014, 1, 1), date(2025, 12, 31)), (date(2019, 1, 1), date(2020, 12, 31)),
               (date(2020, 12, 1), date(2020, 12, 31)), (date(2015, 9, 1), date(2020, 12, 31)),
               (date(2030, 1, 1), date(2030, 1, 31))]
    for others in (queries.Filters(), queries.Filters(actors=("wagner",)),
                   queries.Filters(min_confidence=0.7, languages=("en",)), queries.Filters(countries=("MLI", "MOZ"))):
        parts = queries.month_parts(snap, others)
        assert parts is not None
        for start, end in windows:
            for statuses in ((), ("present",), ("ended",)):
                f = replace(others, start=start, end=end, statuses=statuses)
                assert parts.fits(f)
                pd.testing.assert_frame_equal(queries.layer_rows(snap, f, parts=parts), queries.layer_rows(snap, f),
                                              check_dtype=False)
                for links in (0, 1, 2, 5):  # the page's newest few links
                    pd.testing.assert_frame_equal(queries.layer_rows(snap, f, parts=parts, links=links),
                                                  queries.layer_rows(snap, f, links=links), check_dtype=False)
                want = queries.city_rows(snap, f).sort_values(["claims", "actor", "place", "iso3"],
                                                              ascending=[False, True, True, True], kind="stable")
                pd.testing.assert_frame_equal(queries.city_rows(snap, f, parts=parts), want.reset_index(drop=True),
                                              check_dtype=False)
                near = queries.near_city_rows(snap, f)
                pd.testing.assert_frame_equal(queries.near_city_rows(snap, f, parts=parts), near, check_dtype=False)
                near_seen += len(near)
                for iso3 in (None, "MOZ"):
                    for limit in (1, 3, 200):
                        pd.testing.assert_frame_equal(
                            queries.evidence_rows(snap, f, iso3=iso3, limit=limit, parts=parts),
                            queries.evidence_rows(snap, f, iso3=iso3, limit=limit), check_dtype=False)
        assert not parts.fits(replace(others, start=date(2019, 1, 2), end=date(2019, 3, 31)))  # not whole months
        assert not parts.fits(replace(others, actors=("nobody",), start=date(2019, 1, 1), end=date(2019, 3, 31)))
    assert near_seen > 0  # the near-town comparison compared rows, not only empty frames


def test_highlight_marks_each_part_of_a_compound_cue():
    """Presence cues read "actor words … cue words"; both parts are marked inside the sentence."""
    text = "The Russian mercenaries of the Wagner group have withdrawn from Mozambique. Other news."
    claims = [{"actor": "wagner", "status": "ended", "iso3": "MOZ", "evidence": text.split(". ")[0] + ".",
               "cue": "Wagner group … withdrawn"}]
    out = highlight(text, [], claims)
    assert '<mark class="fp-cue" title="cue">Wagner group</mark>' in out
    assert '<mark class="fp-cue" title="cue">withdrawn</mark>' in out
    assert out.count("<mark") == out.count("</mark>") and "Other news." in out


def test_empty_timeline_axis_counts_whole_claims():
    from components.actors import actor_styles
    from components.timeline import monthly_frame, timeline_chart

    styles = actor_styles()
    frame = monthly_frame(None, ("2020-01", "2020-02"), list(styles))
    spec = timeline_chart(frame, styles, "2020-01", "2020-02").to_dict()
    y = spec["layer"][1]["encoding"]["y"]
    assert y["axis"]["format"] == "d" and y["scale"] == {"domainMin": 0, "domainMax": 1}


def test_empty_advice_names_only_filters_that_help():
    from components.empty import explain_empty, explain_no_sources
    from components.state import Options, ViewState

    opts = Options(actors=("russia", "wagner"), months=("2020-01", "2020-02"))
    full = ViewState(actors=("russia", "wagner"), start="2020-01", end="2020-02", countries=("EGY",),
                     min_confidence=0.3)
    text = explain_empty(full, opts, lambda s: 0 if s.countries else 5)
    assert "clear the country filter" in text and "date window" not in text and "confidence" not in text
    assert "whole period" in explain_no_sources("Egypt", ViewState(actors=opts.actors, start="2020-01",
                                                                    end="2020-02"), opts, lambda s: 0)


def test_labels_take_the_page_language_and_only_reported_countries(shapes):
    assert deckmod.label_name(shapes["CAF"], "fr-FR") == "République centrafricaine"
    assert deckmod.label_name(shapes["LBY"], "ru") == "Ливия"
    assert deckmod.label_name(shapes["LBY"], "de-DE") == deckmod.label_name(shapes["LBY"], None) == "Libya"
    pts = deckmod.label_points({"LBY": [{"articles": 3}], "MLI": [{"articles": 9}]}, shapes, "en", selected="BRA")
    assert [p["text"] for p in pts] == ["Brazil", "Libya", "Mali"]
    assert pts[0]["priority"] > pts[2]["priority"] > pts[1]["priority"]  # selected, then most reported


def test_with_all_links_puts_every_link_back_for_the_downloads():
    """The page's rows carry their newest links only; the downloads get every (safe) link of each
    row and every other column as shown."""
    from components.tables import with_all_links

    shown = shape_layer_rows(layer_rows())
    every = layer_rows().assign(source_urls=[["https://a.example/1", "javascript:alert(1)", "https://a.example/2"]]
                                + [[] for _ in range(len(layer_rows()) - 1)])
    out = with_all_links(shown, every)
    first = (every["actor"].iloc[0], every["iso3"].iloc[0])
    mine = out[(out["actor"] == first[0]) & (out["iso3"] == first[1])]
    assert mine["source_urls"].tolist() == ["https://a.example/1 https://a.example/2"]
    assert (out.drop(columns=["source_urls"]).equals(shown.drop(columns=["source_urls"])))
    assert with_all_links(shown.iloc[0:0], every).empty
