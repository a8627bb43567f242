"""``footprint ledger`` and ``footprint changes`` run as commands on a store built with ``ingest``."""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from tests.test_cli import run

# Written for these tests: short wire-style briefs the presence rules read as present / ended.
FIRST = [
    {"id": "mli-arrive", "title": "Wagner in Mali", "outlet": "Wire A", "date": "2022-01-10", "language": "en",
     "url": "https://example.org/mli-arrive",
     "text": "Wagner fighters are deployed in Mali, officials said on Monday."},
    {"id": "mli-arrive-fr", "title": "Les mercenaires russes au Mali", "outlet": "Journal B", "date": "2022-02-01",
     "language": "fr", "text": "Les mercenaires de Wagner sont déployés au Mali, selon des responsables."},
    {"id": "mli-leave", "title": "Wagner leaves Mali", "outlet": "Wire B", "date": "2023-06-15", "language": "en",
     "text": "Wagner has withdrawn from Mali, its commanders said."},
    {"id": "caf-arrive", "title": "Instructors in Bangui", "outlet": "Wire A", "date": "2021-02-01", "language": "en",
     "text": "Wagner instructors are deployed in the Central African Republic, officials said."},
]
SECOND = [
    {"id": "mli-back", "title": "Wagner back", "outlet": "Wire C", "date": "2024-03-02", "language": "en",
     "text": "Wagner fighters are back in Mali, residents of Gao said."},
    {"id": "mli-still", "title": "Still there", "outlet": "Paper D", "date": "2023-06-02", "language": "en",
     "text": "Wagner fighters are still deployed in Mali, a local official said."},
    {"id": "caf-leave", "title": "Wagner leaves the CAR", "outlet": "Wire C", "date": "2024-02-01", "language": "en",
     "url": "https://example.org/caf-leave",
     "text": "Wagner has withdrawn from the Central African Republic, its commanders said."},
    {"id": "lby", "title": "Russians in Libya", "outlet": "Wire D", "date": "2024-04-02", "language": "en",
     "url": "https://example.org/lby", "text": "Russian troops are deployed in Libya, officials said."},
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def two_ingests(tmp_path_factory):
    """A store from two ingests, and an ingest time between them."""
    root = tmp_path_factory.mktemp("ledger")
    store = root / "store"
    first = run(["ingest", str(_jsonl(root / "first.jsonl", FIRST))], store)
    assert first.returncode == 0, first.stderr
    time.sleep(0.05)
    between = datetime.now(UTC).replace(tzinfo=None)
    time.sleep(0.05)
    second = run(["ingest", str(_jsonl(root / "second.jsonl", SECOND))], store)
    assert second.returncode == 0, second.stderr
    return store, between


def test_ledger_csv_has_the_fields_and_the_intervals(two_ingests):
    store, _ = two_ingests
    out = run(["ledger"], store)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert list(rows[0]) == ["actor", "iso3", "country", "first_reported", "last_confirmed", "ended",
                             "ended_evidence", "independent_sources", "articles", "contradicted"]
    mali = [r for r in rows if r["iso3"] == "MLI"]
    # arrival, a departure, then a reappearance: two intervals
    assert [(r["first_reported"], r["last_confirmed"], r["ended"]) for r in mali] == [
        ("2022-01-10", "2023-06-02", "2023-06-15"), ("2024-03-02", "2024-03-02", "")]
    assert mali[0]["ended_evidence"] == "mli-leave"
    assert mali[0]["articles"] == "4" and mali[0]["independent_sources"] == "4"  # no clusters: one each
    assert mali[0]["contradicted"] == "2023-06"  # Paper D says present, Wire B says gone, same month
    assert mali[1]["contradicted"] == ""
    assert mali[0]["country"] == "Mali"
    caf = [r for r in rows if r["iso3"] == "CAF"]
    assert [(r["first_reported"], r["ended"]) for r in caf] == [("2021-02-01", "2024-02-01")]


def test_ledger_json_and_filters(two_ingests):
    store, _ = two_ingests
    out = run(["ledger", "--actor", "russia", "--format", "json", "--store", str(store)], store.parent / "nowhere")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert [(r["actor"], r["iso3"], r["first_reported"], r["ended"]) for r in got] == [
        ("russia", "LBY", "2024-04-02", None)]
    assert got[0]["contradicted"] == [] and got[0]["ended_evidence"] == []
    only_caf = json.loads(run(["ledger", "--country", "caf", "--format", "json"], store).stdout)
    assert {r["iso3"] for r in only_caf} == {"CAF"}


def test_ledger_of_an_empty_store_is_a_header(tmp_path):
    out = run(["ledger"], tmp_path / "empty")
    assert out.returncode == 0 and out.stdout.strip().startswith("actor,iso3,country")
    assert out.stdout.count("\n") == 1


def test_changes_atom_feed_reads_back_with_feedparser(two_ingests):
    store, between = two_ingests
    out = run(["changes", "--since", between.isoformat(), "--format", "atom", "--dashboard-url",
               "http://127.0.0.1:8600/"], store)
    assert out.returncode == 0, out.stderr
    feed = feedparser.parse(out.stdout)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    kinds = {(e.tags[0].term, e.id.split("/")[2]) for e in feed.entries}
    # Libya is new; the CAR ended; Mali reappeared and its June 2023 is newly contradicted
    assert kinds == {("new", "LBY"), ("ended", "CAF"), ("reappeared", "MLI"), ("contradiction", "MLI")}
    by_kind = {e.tags[0].term: e for e in feed.entries}
    assert [link.href for link in by_kind["ended"].links] == ["https://example.org/caf-leave"]
    assert [link.href for link in by_kind["reappeared"].links] == ["http://127.0.0.1:8600/?article=mli-back"]
    hrefs = {link.href for link in by_kind["contradiction"].links}
    assert hrefs == {"http://127.0.0.1:8600/?article=mli-leave", "http://127.0.0.1:8600/?article=mli-still"}
    assert "2023-06" in by_kind["contradiction"].title
    assert "Libya" in by_kind["new"].title
    assert "4 changes since" in out.stderr


def test_changes_json_and_nothing_since_now(two_ingests):
    store, between = two_ingests
    got = json.loads(run(["changes", "--since", between.isoformat(), "--format", "json", "--actor", "wagner",
                          "--country", "MLI"], store).stdout)
    assert sorted(c["kind"] for c in got) == ["contradiction", "reappeared"]
    # before the first ingest, everything is news; after the last, nothing is
    everything = json.loads(run(["changes", "--since", "2000-01-01", "--format", "json"], store).stdout)
    assert {("new", "MLI"), ("new", "CAF"), ("new", "LBY"), ("ended", "CAF")} <= {
        (c["kind"], c["iso3"]) for c in everything}
    later = run(["changes", "--since", "2999-01-01", "--format", "atom"], store)
    assert later.returncode == 0 and feedparser.parse(later.stdout).entries == []


def test_changes_bad_arguments_are_one_line(two_ingests):
    store, _ = two_ingests
    bad = run(["changes", "--since", "yesterday"], store)
    assert bad.returncode == 2 and "not a date" in bad.stderr and "Traceback" not in bad.stderr
    url = run(["changes", "--since", "2024-01-01", "--dashboard-url", "javascript:alert(1)"], store)
    assert url.returncode == 2 and url.stderr.strip().startswith("error: --dashboard-url")


def test_ledger_places_claims_at_their_own_time(tmp_path):
    # news/timeref.py reads the time in the sentence; the ledger places the reports there
    rows = [{"id": "since", "title": "t", "outlet": "o", "date": "2024-05-01", "language": "en",
             "text": "Wagner has been in Mali since 2021, officials said."},
            {"id": "point", "title": "t", "outlet": "o", "date": "2024-05-01", "language": "en",
             "text": "In 2019 Wagner fighters were deployed in Libya, officials said."}]
    store = tmp_path / "store"
    assert run(["ingest", str(_jsonl(tmp_path / "t.jsonl", rows))], store).returncode == 0
    got = {r["iso3"]: r for r in json.loads(run(["ledger", "--format", "json"], store).stdout)}
    # "since 2021": begun then, still so on the article's date
    assert (got["MLI"]["first_reported"], got["MLI"]["last_confirmed"]) == ("2021-01-01", "2024-05-01")
    # "in 2019": reported for 2019, not confirmed in 2024
    assert (got["LBY"]["first_reported"], got["LBY"]["last_confirmed"]) == ("2019-01-01", "2019-01-01")


WIRE = ("Wagner fighters are deployed in Mali, officials said on Monday. The deployment began in December near "
        "the capital Bamako, according to two diplomats who asked not to be named. The government in Bamako has "
        "denied hiring the group and says Russian instructors are there under a state agreement. Western "
        "governments have condemned the arrival and warned of sanctions against those who work with the company.")


def test_a_reprint_is_one_independent_source_in_the_ledger(tmp_path):
    rows = [{"id": "wire", "title": "Wagner fighters deployed in Mali", "outlet": "Wire A", "date": "2022-01-10",
             "language": "en", "text": WIRE},
            {"id": "reprint", "title": "Russian mercenaries arrive in Mali, diplomats say", "outlet": "Daily B",
             "date": "2022-01-11", "language": "en", "text": WIRE + " Share this article."}]
    store = tmp_path / "store"
    assert run(["ingest", str(_jsonl(tmp_path / "w.jsonl", rows))], store).returncode == 0
    (mali,) = json.loads(run(["ledger", "--actor", "wagner", "--format", "json"], store).stdout)
    assert (mali["articles"], mali["independent_sources"]) == (2, 1)  # articles.cluster: one story
    assert (mali["first_reported"], mali["last_confirmed"]) == ("2022-01-10", "2022-01-11")


def test_layers_command_carries_the_ledger_columns(two_ingests):
    """``footprint layers`` (CSV and GeoJSON) carries what the dashboard's downloads carry: each
    row's stay as of ``--to`` (first reported, last confirmed, independent sources, contradicted)."""
    store, _ = two_ingests
    out = run(["layers", "--actor", "wagner", "--format", "csv"], store)
    assert out.returncode == 0, out.stderr
    rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    assert list(next(iter(rows.values())))[-4:] == ["first_reported", "last_confirmed", "independent_sources",
                                                    "contradicted"]
    # Mali's current stay is the reappearance: one source, first reported in March 2024
    assert (rows["MLI"]["first_reported"], rows["MLI"]["last_confirmed"], rows["MLI"]["independent_sources"],
            rows["MLI"]["contradicted"]) == ("2024-03-02", "2024-03-02", "1", "")
    assert (rows["CAF"]["first_reported"], rows["CAF"]["independent_sources"]) == ("2021-02-01", "2")
    # as of the end of 2023 Mali's stay is the first one, with its contradicted month
    early = run(["layers", "--actor", "wagner", "--to", "2023-12-31", "--format", "geojson"], store)
    assert early.returncode == 0, early.stderr
    props = {f["properties"]["iso3"]: f["properties"] for f in json.loads(early.stdout)["features"]}
    assert (props["MLI"]["first_reported"], props["MLI"]["last_confirmed"], props["MLI"]["independent_sources"],
            props["MLI"]["contradicted"]) == ("2022-01-10", "2023-06-02", 4, "2023-06")
    assert "CAF" in props and props["CAF"]["first_reported"] == "2021-02-01"
