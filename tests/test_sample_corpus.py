"""Checks on the shipped sample corpus, data/sample/briefs.jsonl (stdlib only, but for the last
test, which ingests it and reads the statuses the default view shows)."""

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "data" / "sample" / "briefs.jsonl"
FIELDS = {"id", "title", "outlet", "date", "language", "url", "text"}

# A country counts as named if any of its spellings (en / fr / ru stems) appears in a brief.
COUNTRIES = {
    "Ukraine": ["Ukrain", "Украин", "Crimea", "Donbas"],
    "Syria": ["Syria", "Syrie", "Сири"],
    "Libya": ["Libya", "Libye", "Ливи"],
    "Sudan": ["Sudan", "Soudan", "Судан"],
    "Central African Republic": ["Central African Republic", "Centrafrique", "ЦАР"],
    "Madagascar": ["Madagascar", "Мадагаскар"],
    "Mozambique": ["Mozambique", "Мозамбик"],
    "Mali": ["Mali", "Мали"],
    "Burkina Faso": ["Burkina", "Буркина"],
    "Niger": ["Niger", "Нигер"],
    "Belarus": ["Belarus", "Bélarus", "Беларус", "Белорус"],
    "Venezuela": ["Venezuela", "Венесуэл"],
    "Equatorial Guinea": ["Equatorial Guinea", "Guinée équatoriale"],
    "Kazakhstan": ["Kazakhstan", "Казахстан"],
    "Armenia": ["Armenia", "Армени"],
    "Azerbaijan": ["Azerbaijan", "Азербайджан", "Karabakh", "Карабах"],
    "Georgia": ["Georgia", "Géorgie", "Abkhaz", "Абхази"],
    "Tajikistan": ["Tajikistan", "Таджикистан"],
}


def _load():
    rows = []
    with CORPUS.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            assert line.strip(), f"blank line {n}"
            rows.append(json.loads(line))
    return rows


@pytest.fixture(scope="module")
def briefs():
    return _load()


def test_parses_and_is_big_enough(briefs):
    assert len(briefs) >= 80


def test_fields(briefs):
    for b in briefs:
        assert set(b) == FIELDS, b.get("id")
        for key in FIELDS - {"url"}:
            assert isinstance(b[key], str) and b[key].strip(), (b["id"], key)


def test_ids_unique(briefs):
    ids = [b["id"] for b in briefs]
    assert len(ids) == len(set(ids))


def test_url_always_null(briefs):
    assert all(b["url"] is None for b in briefs)


def test_no_links_in_text(briefs):
    for b in briefs:
        for key in ("title", "text", "outlet"):
            assert not re.search(r"https?:|www\.", b[key], re.I), (b["id"], key)


def test_outlet_is_credited_as_paraphrase(briefs):
    for b in briefs:
        assert re.fullmatch(r"Footprint sample \(after .+\)", b["outlet"]), b["id"]


def test_dates_in_range(briefs):
    for b in briefs:
        d = date.fromisoformat(b["date"])
        assert date(2014, 1, 1) <= d <= date(2025, 12, 31), b["id"]
    years = {b["date"][:4] for b in briefs}
    assert len(years) >= 10  # the timeline has shape


def test_languages(briefs):
    langs = Counter(b["language"] for b in briefs)
    assert set(langs) <= {"en", "fr", "ru"}
    assert langs["fr"] >= 10
    assert langs["ru"] >= 8


def test_brief_length(briefs):
    for b in briefs:
        assert 60 <= len(b["text"].split()) <= 140, b["id"]


def test_countries_named(briefs):
    named = {
        country
        for country, spellings in COUNTRIES.items()
        if any(s in b["title"] + " " + b["text"] for b in briefs for s in spellings)
    }
    assert len(named) >= 12, sorted(named)


def test_sample_store_tells_the_stories_it_was_written_for(tmp_path):
    """The default view (whole period, status as of its end) must show the departures the sample
    narrates: Wagner out of Mozambique (2020) and Belarus (2024), Wagner out of Mali while
    Russia's Africa Corps stays, Wagner still in the Central African Republic."""
    import io

    from news.ingest.local import run_ingest
    from news.store import Store, queries

    store = Store(tmp_path / "store")
    report = run_ingest([str(CORPUS)], store, err=io.StringIO(), progress=False)
    assert report.errors == 0
    status = {(r.actor, r.iso3): r.status for r in queries.layer_rows(store).itertuples()}
    assert status[("wagner", "MOZ")] == "ended"
    assert status[("wagner", "BLR")] == "ended"
    assert status[("wagner", "MLI")] == "ended" and status[("russia", "MLI")] == "present"
    assert status[("wagner", "CAF")] == "present"


def test_sample_holds_syndicated_copies_counted_as_one_source(tmp_path):
    """s104-s106 are copies of s047, s049 and s043 (new headline, dateline, byline, a sentence
    added or dropped, "Partager cet article"): each joins its original's cluster, so those
    pairs show fewer independent sources than articles."""
    import io

    from news.ingest.local import run_ingest
    from news.store import Store, queries

    store = Store(tmp_path / "store")
    run_ingest([str(CORPUS)], store, err=io.StringIO(), progress=False)
    cluster = Store(store.root).table("articles").set_index("id")["cluster"]
    assert (cluster["s104"], cluster["s105"], cluster["s106"]) == ("s047", "s049", "s043")
    assert (cluster != cluster.index).sum() == 3  # no other brief taken for a copy
    rows = queries.layer_rows(store)
    assert (rows["sources"] < rows["articles"]).any()
    assert (rows["sources"] <= rows["articles"]).all()
