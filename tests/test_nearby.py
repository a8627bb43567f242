"""``news.nearby``: which towns count as named near a claim (issue 16, defect 12)."""

from __future__ import annotations

import math

import pandas as pd

from news.nearby import AFTER, BEFORE, near_places, without_claimed

LEAD = "Fighting broke out in Kidal on Monday. "
CLAIM = "Wagner fighters were seen in Mali alongside the army."
TEXT = LEAD + CLAIM


def _mention(text, surface, kind, iso3, lat, lon, sentence, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return {"article_id": "a1", "start": start, "end": start + len(surface), "surface": surface, "kind": kind,
            "iso3": iso3, "lat": lat, "lon": lon, "sentence": sentence}


def _claim(evidence=CLAIM, place=None, lat=math.nan, lon=math.nan, iso3="MLI", actor="wagner", article="a1"):
    return {"article_id": article, "actor": actor, "iso3": iso3, "place": place, "lat": lat, "lon": lon,
            "evidence": evidence}


def _frames(text, mentions, claims):
    return pd.DataFrame(claims), pd.DataFrame(mentions)


def test_a_town_in_the_sentence_before_the_claim_is_near():
    m = [_mention(TEXT, "Kidal", "city", "MLI", 18.44, 1.41, LEAD.strip()),
         _mention(TEXT, "Mali", "country", "MLI", 17.0, -4.0, CLAIM)]
    got = near_places(*_frames(TEXT, m, [_claim()]))
    assert got.to_dict(orient="records") == [
        {"actor": "wagner", "iso3": "MLI", "place": "Kidal", "lat": 18.44, "lon": 1.41, "claims": 1}]


def test_a_town_in_the_claims_own_sentence_without_a_place_is_near():
    sent = "Russian instructors arrived in Madagascar, the ministry in Antananarivo said."
    m = [_mention(sent, "Madagascar", "country", "MDG", -19.0, 46.0, sent),
         _mention(sent, "Antananarivo", "capital", "MDG", -18.9, 47.5, sent)]
    got = near_places(*_frames(sent, m, [_claim(evidence=sent, iso3="MDG", actor="russia")]))
    assert list(got["place"]) == ["Antananarivo"]


def test_far_towns_other_countries_regions_and_the_own_place_are_not_near():
    filler = "x" * (BEFORE + 1) + ". "
    after_far = " " + "y" * (AFTER + 1) + " Gao is quiet."
    text = "Kidal was calm. " + filler + "Niamey was calm. Menaka was calm. " + CLAIM.replace("Mali", "Mali at Tessalit") + after_far
    claim_sentence = CLAIM.replace("Mali", "Mali at Tessalit")
    m = [
        _mention(text, "Kidal", "city", "MLI", 18.44, 1.41, "Kidal was calm."),  # too far before
        _mention(text, "Niamey", "capital", "NER", 13.5, 2.1, "Niamey was calm."),  # another country
        _mention(text, "Menaka", "region", "MLI", 15.9, 2.4, "Menaka was calm."),  # a region
        _mention(text, "Mali", "country", "MLI", 17.0, -4.0, claim_sentence),
        _mention(text, "Tessalit", "city", "MLI", 20.2, 1.01, claim_sentence),  # the claim's own place
        _mention(text, "Gao", "city", "MLI", 16.27, -0.04, "Gao is quiet."),  # too far after
    ]
    got = near_places(*_frames(text, m, [_claim(evidence=claim_sentence, place="Tessalit", lat=20.2, lon=1.01)]))
    assert got.empty, got


def test_a_town_just_after_the_claim_is_near_and_counts_each_claim_once():
    text = CLAIM + " The town of Gao was then reinforced. Gao again."
    m = [_mention(text, "Mali", "country", "MLI", 17.0, -4.0, CLAIM),
         _mention(text, "Gao", "city", "MLI", 16.27, -0.04, "The town of Gao was then reinforced."),
         _mention(text, "Gao", "city", "MLI", 16.27, -0.04, "Gao again.", nth=1)]
    got = near_places(*_frames(text, m, [_claim()]))
    assert got[["place", "claims"]].to_dict(orient="records") == [{"place": "Gao", "claims": 1}]


def test_a_claim_whose_sentence_has_no_mention_gets_nothing():
    m = [_mention(TEXT, "Kidal", "city", "MLI", 18.44, 1.41, LEAD.strip())]
    assert near_places(*_frames(TEXT, m, [_claim()])).empty


def test_points_with_a_claims_own_dot_are_left_to_that_dot():
    near = pd.DataFrame([{"actor": "wagner", "iso3": "MLI", "place": "Kidal", "lat": 18.44, "lon": 1.41, "claims": 1},
                         {"actor": "wagner", "iso3": "MLI", "place": "Gao", "lat": 16.27, "lon": -0.04, "claims": 2}])
    claimed = pd.DataFrame([{"actor": "wagner", "iso3": "MLI", "place": "Kidal", "lat": 18.45, "lon": 1.40, "claims": 3},
                            {"actor": "russia", "iso3": "MLI", "place": "Gao", "lat": 16.27, "lon": -0.04, "claims": 1}])
    assert list(without_claimed(near, claimed)["place"]) == ["Gao"]


def test_the_store_query_finds_the_town_and_follows_the_filters(tmp_path):
    from news.store import queries
    from news.store.snapshot import Snapshot
    from tests.e2e.fixture_store import NEAR_TOWN, add_near_article, build

    build(tmp_path)
    add_near_article(tmp_path)
    snap = Snapshot(tmp_path)
    got = queries.near_city_rows(snap)
    assert got[["actor", "iso3", "place", "claims"]].to_dict(orient="records") == [
        {"actor": "wagner", "iso3": "MLI", "place": NEAR_TOWN[0], "claims": 1}]
    assert queries.near_city_rows(snap, actors=["russia"]).empty
    assert queries.near_city_rows(snap, end="2023-10-31").empty  # the article is of 2023-11
    assert queries.near_city_rows(tmp_path).equals(got)  # the Store answers as the Snapshot does


def test_month_parts_give_the_near_towns_the_sql_gives_on_a_bench_store(tmp_path):
    """``near_city_rows`` through ``MonthParts`` (the page's window move) equals the SQL path's
    answer, row for row and in order, over windows, status filters and other filters, on
    bench/dashboard.py's store (many towns, many ties in the claim counts)."""
    import importlib.util
    from dataclasses import replace
    from datetime import date
    from pathlib import Path

    from news.store import queries
    from news.store.snapshot import Snapshot

    path = Path(__file__).resolve().parents[1] / "bench" / "dashboard.py"
    spec = importlib.util.spec_from_file_location("bench_dashboard", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.generate(tmp_path / "store", 600)
    snap = Snapshot(tmp_path / "store")
    seen = 0
    for others in (queries.Filters(), queries.Filters(actors=("wagner",), languages=("en", "fr")),
                   queries.Filters(min_confidence=0.6, outlets=("AFP", "RFI", "BBC"))):
        parts = queries.month_parts(snap, others)
        assert parts is not None
        for start, end in ((date(2014, 1, 1), date(2025, 12, 31)), (date(2016, 3, 1), date(2019, 8, 31)),
                           (date(2020, 2, 1), date(2020, 2, 29)), (date(2031, 1, 1), date(2031, 1, 31))):
            for statuses in ((), ("present",), ("ended",)):
                f = replace(others, start=start, end=end, statuses=statuses)
                want = queries.near_city_rows(snap, f)
                pd.testing.assert_frame_equal(queries.near_city_rows(snap, f, parts=parts), want, check_dtype=False)
                seen += len(want)
    assert seen > 100
