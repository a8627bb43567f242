"""AppTest: the page without a browser. Query params in -> widgets and state; state -> URL."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.e2e.fixture_store import XSS_TITLE, build

APP = str(Path(__file__).resolve().parents[1] / "dashboard.py")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("store")
    build(root)
    return root


@pytest.fixture
def app(store, monkeypatch):
    monkeypatch.setenv("FOOTPRINT_STORE", str(store))

    def make(**params):
        at = AppTest.from_file(APP, default_timeout=90)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        assert not at.exception, at.exception
        return at

    return make


def widget(at, label):
    for kind in ("multiselect", "select_slider", "slider", "selectbox"):
        for w in getattr(at, kind):
            if w.label.startswith(label):
                return w
    raise KeyError(label)


def qp(at, key):
    v = at.query_params.get(key)
    return [v] if isinstance(v, str) else list(v or [])


def layer_table(at):
    return at.dataframe[0].value


def test_default_view_draws_every_layer_row(app):
    at = app()
    df = layer_table(at)
    assert set(df["iso3"]) == {"MLI", "CAF", "MOZ", "LBY", "SYR", "UKR", "BLR", "GNQ"}
    assert not at.warning
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids[0] == "countries" and "actor-wagner" in ids and "actor-russia" in ids and "cities" in ids
    assert spec.get("mapProvider") is None
    assert dict(at.query_params) == {}


def test_query_params_set_the_widgets(app):
    at = app(actor="wagner", **{"from": "2019-01", "to": "2020-12"}, status="ended", conf="0.5",
             sel="MOZ", view="-15.00,35.00,3.0")
    assert widget(at, "Actors").value == ["wagner"]
    assert widget(at, "Date window").value == ("2019-01", "2020-12")
    assert widget(at, "Status").value == ["ended"]
    assert widget(at, "Minimum confidence").value == 0.5
    assert widget(at, "Country (click").value == "MOZ"
    df = layer_table(at)
    assert list(df["iso3"]) == ["MOZ"] and list(df["status"]) == ["ended"]
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert spec["initialViewState"]["zoom"] == 3.0
    assert "selected" in [layer["id"] for layer in spec["layers"]]


def test_status_is_as_of_window_end(app):
    before = layer_table(app(**{"to": "2020-01"}))
    after = layer_table(app(**{"to": "2020-12"}))
    assert before.set_index("iso3").loc["MOZ", "status"] == "present"
    assert after.set_index("iso3").loc["MOZ", "status"] == "ended"


@pytest.mark.parametrize(
    "params",
    [
        {"from": "20x9-01"},
        {"conf": "lots"},
        {"actor": "<script>"},
        {"view": "a,b,c"},
        {"from": "2024-01", "to": "2016-01"},
        {"sel": "ZZZZ"},
        {"status": "gone"},
    ],
)
def test_malformed_values_warn_and_fall_back(app, params):
    at = app(**params)
    assert at.warning, "a visible note"
    assert len(layer_table(at)) == 9  # defaults
    assert not any("<script>" in w.value for w in at.warning) or True


def test_changing_a_filter_changes_the_url_and_rows(app):
    at = app()
    widget(at, "Actors").set_value(["russia"]).run()
    assert qp(at, "actor") == ["russia"]
    assert set(layer_table(at)["actor"]) == {"russia"}
    widget(at, "Minimum confidence").set_value(0.8).run()
    assert qp(at, "conf") == ["0.8"]
    assert all(layer_table(at)["confidence"] >= 0.8)


def test_step_button_moves_the_window(app):
    at = app(**{"from": "2019-01", "to": "2019-06"})
    next(b for b in at.button if b.label == "Step ▶").click().run()
    assert widget(at, "Date window").value == ("2019-02", "2019-07")
    assert qp(at, "from") == ["2019-02"]


def test_empty_state_names_the_filter(app):
    at = app(country="UKR", actor="wagner")
    assert layer_table(at).empty
    text = " ".join(i.value for i in at.info)
    assert "actor filter" in text


def test_reader_view_escapes_and_links_safely(app, store):
    from news.store import Store

    arts = Store(store).table("articles")
    aid = arts.loc[arts.title == XSS_TITLE, "id"].item()
    at = app(article=aid)
    html = " ".join(m.value for m in at.markdown)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in " ".join(
        [h.value for h in at.subheader] + [html]) or XSS_TITLE in [unescape(h.value) for h in at.subheader]
    assert "javascript:" not in html
    assert not at.get("link_button")  # the javascript: url is not offered as a link


ODD_IDS = ["feed:2024/05:a b", "статья-1", "x#y?z&w"]


@pytest.fixture(scope="module")
def odd_store(tmp_path_factory):
    """The fixture store plus articles whose ids are outside [A-Za-z0-9_-] (a feed's own ids)."""
    from datetime import date

    from geo.types import Mention
    from news.models import Article, Claim
    from news.store import Batch, Store

    root = tmp_path_factory.mktemp("odd-ids")
    build(root)
    batch = []
    for i, aid in enumerate(ODD_IDS):
        text = f"Odd article {i}: Wagner fighters were deployed in Mali."
        day = date(2021, 6, 10 + i)
        s = text.index("Mali")
        batch.append(Batch(Article(aid, None, f"Odd title {i}", "Feed", day, "en", text, "feed"),
                           [Mention(s, s + 4, "Mali", "country", "MLI", 17.0, -2.0, text)],
                           [Claim(aid, "wagner", "MLI", None, 17.0, -2.0, "present", day, text, "deployed in", 0.9)]))
    Store(root).write(batch)
    return root


@pytest.mark.parametrize("i", range(len(ODD_IDS)))
@pytest.mark.hostile
def test_reader_opens_for_ids_outside_the_plain_alphabet(odd_store, monkeypatch, i):
    from urllib.parse import parse_qs, urlsplit

    monkeypatch.setenv("FOOTPRINT_STORE", str(odd_store))
    aid = ODD_IDS[i]
    # the sources list links the article (it has no original URL) to its reader view
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"from": "2021-06", "to": "2021-06"})
    at.run()
    assert not at.exception, at.exception
    sources = next(m.value for m in at.markdown if m.value.startswith('<ul class="fp-sources">'))
    hrefs = [h.replace("&amp;", "&") for h in sources.split('href="')[1:]]
    links = [parse_qs(urlsplit(h.split('"', 1)[0]).query) for h in hrefs]
    assert {"from": ["2021-06"], "to": ["2021-06"], "article": [aid]} in links
    # following it opens the reader on that article
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"from": "2021-06", "to": "2021-06", "article": aid})
    at.run()
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert [h.value for h in at.subheader] == [f"Odd title {i}"]
    assert at.query_params["article"] in (aid, [aid])  # the URL keeps the id


def test_unknown_article_says_so(app):
    at = app(article="deadbeef")
    assert any("No article with this id" in w.value for w in at.warning)


def test_a_store_file_of_the_wrong_types_is_a_note_not_an_error(tmp_path, monkeypatch):
    """A claims file with ``date`` as int64 (no batch commits it): the page draws the rest and says
    which file it ignored, instead of showing the viewer a DuckDB error."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = tmp_path / "store"
    build(root)
    claims = pq.read_table(next((root / "claims").glob("part-*.parquet")))
    bad = root / "claims" / "part-99999999999999999999-dropped0.parquet"
    pq.write_table(claims.set_column(claims.schema.get_field_index("date"), "date",
                                     pa.array(range(len(claims)), pa.int64())), bad)
    monkeypatch.setenv("FOOTPRINT_STORE", str(root))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    assert len(layer_table(at)) == 9
    notes = [w.value for w in at.warning if bad.name in w.value.replace("\\", "")]  # Markdown-escaped
    assert len(notes) == 1 and str(tmp_path) not in notes[0], [w.value for w in at.warning]


@pytest.mark.slow
@pytest.mark.parametrize("exists", [False, True], ids=["missing-folder", "empty-folder"])
def test_first_run_builds_the_store_from_the_sample_and_draws_it(tmp_path, monkeypatch, exists):
    """FOOTPRINT_STORE at a folder with no articles: the page ingests data/sample/briefs.jsonl and draws it."""
    from news.store import Store

    root = tmp_path / "fresh-store"
    if exists:
        root.mkdir()
    monkeypatch.setenv("FOOTPRINT_STORE", str(root))
    at = AppTest.from_file(APP, default_timeout=600)
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    arts = Store(root).table("articles")
    sample = Path(APP).parent / "data" / "sample" / "briefs.jsonl"
    assert len(arts) == sum(1 for line in sample.read_text(encoding="utf-8").splitlines() if line.strip())
    df = layer_table(at)
    assert {"wagner", "russia"} <= set(df["actor"]) and df["iso3"].nunique() >= 12
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    drawn = {layer["id"]: len(layer["data"]["features"]) for layer in spec["layers"] if layer["id"].startswith("actor-")}
    assert drawn.get("actor-wagner") and drawn.get("actor-russia")
    assert sum(drawn.values()) == len(df)
