"""Every article can be picked by outlet, and the reader says plainly why there is no link
(issue 16, defect 9): the outlet comes from the file's metadata, a sidecar, the page's site name,
``ingest --outlet`` or the link's host."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from components.reader import SAMPLE_NOTE, is_sample, no_link_note
from geo import paths
from news.models import Article
from news.sources import read_all
from news.sources.common import outlet_field, url_host, with_outlet
from news.store import Store
from news.store import queries as q
from tests.test_cli import run

TEXT = "Wagner fighters arrived in Bamako, Mali, last week, residents said."


@pytest.mark.parametrize(("record", "outlet"), [
    ({"outlet": "RFI", "publisher": "x"}, "RFI"),
    ({"publisher": "Le Monde"}, "Le Monde"),
    ({"site_name": "Meduza"}, "Meduza"),
    ({"source": {"id": None, "name": "Reuters"}}, "Reuters"),  # NewsAPI's shape
    ({"domain": "https://www.example.org/news"}, "example.org"),
    ({"outlet": "  ", "sitename": "Sahel Desk"}, "Sahel Desk"),
    ({"outlet": ["a list"], "source": 3}, ""),
    ({}, ""),
])
def test_outlet_from_metadata_fields(record, outlet):
    assert outlet_field(record) == outlet


def test_the_link_host_and_the_given_outlet_fill_only_a_blank_outlet():
    art = Article("a", "https://www.Example.org/a", "t", "", None, "en", TEXT, "f.jsonl")
    assert with_outlet(art).outlet == "example.org"
    assert with_outlet(art, "My Desk").outlet == "My Desk"  # --outlet is said by the user: it wins over a host
    assert with_outlet(Article("b", None, "t", "", None, "en", TEXT, "f.txt")).outlet == ""
    kept = Article("c", "https://example.org/c", "t", "RFI", None, "en", TEXT, "f.jsonl")
    assert with_outlet(kept, "My Desk") is kept
    assert url_host("javascript:alert(1)") == "" and url_host(None) == ""


def test_files_name_their_outlet_in_jsonl_sidecars_and_html(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": TEXT, "publisher": "Le Monde", "date": "2023-01-02"}) + "\n",
                                      encoding="utf-8")
    (tmp_path / "b.txt").write_text("A headline\n\n" + TEXT, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"site_name": "Sahel Desk"}), encoding="utf-8")
    (tmp_path / "c.html").write_text(
        '<!doctype html><html><head><meta property="og:site_name" content="The Harbour Post">'
        "<title>Mali</title></head><body><article><h1>Mali</h1><p>" + TEXT * 3 + "</p></article></body></html>",
        encoding="utf-8")
    got = {Path(a.source).name: a.outlet for a in read_all([str(tmp_path)]) if isinstance(a, Article)}
    assert got == {"a.jsonl": "Le Monde", "b.txt": "Sahel Desk", "c.html": "The Harbour Post"}


def test_the_reader_says_why_there_is_no_link():
    assert no_link_note(str(paths.SAMPLE), paths.SAMPLE) == SAMPLE_NOTE
    assert is_sample("/elsewhere/data/sample/briefs.jsonl", paths.SAMPLE)
    note = no_link_note("/home/me/mynotes.jsonl", paths.SAMPLE)
    assert note == "No original link: ingested from a local file (mynotes.jsonl)."
    assert "sample" not in note
    assert "feeds.example.org" in no_link_note("https://feeds.example.org/rss.xml", paths.SAMPLE)
    assert no_link_note(None, paths.SAMPLE) == "No original link: the source gave none."


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ingest_outlet_flag_lets_the_outlet_filter_pick_a_local_file(tmp_path, jobs):
    corpus = tmp_path / "mine.jsonl"
    corpus.write_text(
        json.dumps({"id": "mine-1", "title": "Mercenaries in Bamako", "date": "2023-05-04", "text": TEXT}) + "\n"
        + json.dumps({"id": "mine-2", "title": "Linked", "date": "2023-05-05", "url": "https://www.example.org/x",
                      "text": "Wagner troops were deployed in Bangui, the Central African Republic, officials said."})
        + "\n" + json.dumps({"id": "mine-3", "title": "Named", "date": "2023-05-06", "outlet": "RFI",
                             "text": "Wagner fighters are stationed in Libya, near Sirte, witnesses said."}) + "\n",
        encoding="utf-8")
    store = tmp_path / "store"
    out = run(["ingest", str(corpus), "--outlet", "My Desk", "--jobs", jobs], store)
    assert out.returncode == 0, out.stderr
    outlets = {r["id"]: r["outlet"] for r in Store(store).table("articles").to_dict(orient="records")}
    assert outlets == {"mine-1": "My Desk", "mine-2": "My Desk", "mine-3": "RFI"}
    assert {"My Desk", "RFI"} <= set(q.filter_options(Store(store))["outlets"])
    f = q.Filters(start=date(2023, 1, 1), end=date(2023, 12, 31))
    picked = q.layer_rows(Store(store), f, outlets=("My Desk",))
    assert set(picked["iso3"]) == {"MLI", "CAF"} and set(picked["actor"]) == {"wagner"}
    assert set(q.layer_rows(Store(store), f, outlets=("RFI",))["iso3"]) == {"LBY"}


def test_without_the_flag_a_linked_article_takes_its_host(tmp_path):
    corpus = tmp_path / "mine.jsonl"
    corpus.write_text(json.dumps({"id": "m", "date": "2023-05-05", "url": "https://www.example.org/x", "text": TEXT})
                      + "\n", encoding="utf-8")
    out = run(["ingest", str(corpus), "--jobs", "1"], tmp_path / "store")
    assert out.returncode == 0, out.stderr
    assert list(Store(tmp_path / "store").table("articles")["outlet"]) == ["example.org"]


def test_a_blank_outlet_flag_is_a_usage_error(tmp_path):
    out = run(["ingest", str(tmp_path / "none.jsonl"), "--outlet", " "], tmp_path / "store")
    assert out.returncode == 2 and "empty outlet name" in out.stderr
