"""The Parquet store (atomic batches, corrupt files, duplicates) and the queries over it."""

from __future__ import annotations

import os
import time
import warnings
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.types import Mention
from news.models import Article, Claim
from news.store import ADDED_BY_VIEW, COLUMNS, SCHEMAS, Batch, Chunk, Store, StoreWarning, batch_tables
from news.store import queries as q

D = date


def art(i: str, day: date | None, url: str | None = None, outlet: str = "Wire", language: str = "en") -> Article:
    return Article(i, url, f"Title {i}", outlet, day, language, f"Body of {i}", "test")


def claim(i: str, day: date | None, status: str = "present", conf: float = 0.7, actor: str = "wagner",
          iso3: str = "MLI", place: str | None = None) -> Claim:
    return Claim(i, actor, iso3, place, 17.0, -4.0, status, day, f"Evidence {i}", "cue", conf)


def mention(start: int = 0) -> Mention:
    return Mention(start, start + 4, "Mali", "country", "MLI", 17.0, -4.0, "In Mali.")


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "store")


# ------------------------------------------------------------------ store


def test_empty_store_gives_empty_frames_with_columns(store):
    for table in ("articles", "mentions", "claims"):
        df = store.table(table)
        assert df.empty and list(df.columns) == [*COLUMNS[table], *ADDED_BY_VIEW.get(table, ())]
    assert store.known_ids() == set()
    assert list(q.layer_rows(store).columns) == q.LAYER_COLUMNS
    assert list(q.evidence_rows(store).columns) == q.EVIDENCE_COLUMNS
    assert q.monthly_counts(store).empty
    assert q.filter_options(store)["actors"] == []
    assert q.article_detail(store, "nope") is None


def test_round_trip(store):
    store.write([Batch(art("a", D(2023, 1, 2)), [mention(0), mention(10)], [claim("a", D(2023, 1, 2))])])
    assert store.known_ids() == {"a"}
    assert len(store.table("mentions")) == 2
    detail = q.article_detail(store, "a")
    assert detail["article"]["title"] == "Title a"
    assert [m["start"] for m in detail["mentions"]] == [0, 10]
    assert detail["claims"][0]["actor"] == "wagner"


_days = st.one_of(st.none(), st.dates(D(1900, 1, 1), D(2100, 12, 31)))


@st.composite
def _batches(draw) -> list[Batch]:
    out = []
    for k in range(draw(st.integers(0, 6))):
        i = f"a{k}"
        day = draw(_days)
        a = Article(i, draw(st.one_of(st.none(), st.just(f"https://example.org/{k}"))), draw(st.text(max_size=5)),
                    "Wire", day, "en", draw(st.text(max_size=20)), "test")
        ms = [mention(draw(st.integers(0, 50))) for _ in range(draw(st.integers(0, 3)))]
        cs = [claim(i, draw(_days), place=draw(st.one_of(st.none(), st.just("Gao"))), conf=draw(st.floats(0, 1)))
              for _ in range(draw(st.integers(0, 3)))]
        out.append(Batch(a, ms, cs))
    return out


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_batches())
def test_batch_tables_equal_one_dict_per_row(items: list[Batch]) -> None:
    """The column-at-a-time build stores exactly the rows a dict per row would."""
    rows = {
        "articles": [it.article.to_dict() for it in items],
        "mentions": [{"article_id": it.article.id, **m.to_dict()} for it in items for m in it.mentions],
        "claims": [{**c.to_dict(), "article_id": it.article.id} for it in items for c in it.claims],
    }
    got = batch_tables(items)
    for table in ("articles", "mentions", "claims"):
        want = pa.Table.from_pylist([{c: r[c] for c in COLUMNS[table]} for r in rows[table]], schema=SCHEMAS[table])
        assert got[table].equals(want), table
    chunk = Chunk.of(items)
    assert chunk.ids() == [it.article.id for it in items]
    assert [chunk.slice(j, j + 1).tables["mentions"].num_rows for j in range(len(items))] == [len(it.mentions) for it in items]


def test_batch_files_are_written_claims_first_articles_last(store, monkeypatch):
    order = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (order.append(os.path.basename(os.path.dirname(b))), real(a, b)))
    store.write([Batch(art("a", None), [mention()], [claim("a", None)])])
    assert order == ["claims", "mentions", "articles"]


def test_orphan_mentions_and_claims_are_invisible(store):
    """A batch killed after its claims/mentions but before its articles file leaves no trace."""
    store.write([Batch(art("a", D(2023, 1, 1)), [mention()], [claim("a", D(2023, 1, 1))])])
    for path in (store.root / "articles").glob("*.parquet"):
        path.unlink()
    assert store.table("claims").empty and store.table("mentions").empty
    store.write([Batch(art("a", D(2023, 1, 1)), [mention()], [claim("a", D(2023, 1, 1))])])  # the rerun
    assert len(store.table("claims")) == 1 and len(store.table("mentions")) == 1


def test_same_article_in_two_batches_counts_once(store):
    for _ in range(2):  # e.g. two racing writers
        store.write([Batch(art("a", D(2023, 1, 1)), [mention()], [claim("a", D(2023, 1, 1))])])
    assert len(store.table("articles")) == 1
    assert len(store.table("claims")) == 1 and len(store.table("mentions")) == 1


def test_leftover_tmp_ignored_silently_and_corrupt_files_with_a_warning(store):
    """Readers skip temporaries without a word (the next ingest deletes those left over: a
    warning on every command could not be acted on), and warn once about an unreadable file."""
    store.write([Batch(art("a", D(2023, 1, 1)), [], [claim("a", D(2023, 1, 1))])])
    folder = store.root / "articles"
    tmp = folder / ".tmp-part-00000000000000000001-deadbeef.parquet"
    tmp.write_bytes(b"PAR1 half written")
    old = time.time() - 3600
    os.utime(tmp, (old, old))
    (folder / "part-00000000000000000002-cafebabe.parquet").write_bytes(b"PAR1 this is not parquet at all")
    fresh = Store(store.root)
    with pytest.warns(StoreWarning) as record:
        ids = fresh.known_ids()
        df = fresh.table("articles")
    assert ids == {"a"} and len(df) == 1
    messages = [str(w.message) for w in record]
    assert len(messages) == 1 and "unreadable" in messages[0] and "cafebabe" in messages[0]
    # warned once per file per Store, not on every read
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fresh.table("articles")


def test_batch_temporaries_are_named_after_their_writer(store, monkeypatch):
    """``.tmp-<pid>@<host>-``: what lets the next ingest tell a killed writer's file from a running one's."""
    from news.store import owner_tag, writer_gone

    moved = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (moved.append(os.path.basename(a)), real(a, b)))
    store.write([Batch(art("a", None), [mention()], [claim("a", None)])])
    assert len(moved) == 3 and all(m.startswith(f".tmp-{owner_tag()}-part-") for m in moved), moved
    now = time.time()
    assert not writer_gone(f"{owner_tag()}-part-x.parquet", now - 86400, now)  # alive: however old
    assert not writer_gone("part-x.parquet", now - 60, now)  # no pid: by age only
    assert writer_gone("part-x.parquet", now - 7200, now)
    assert not writer_gone("0@elsewhere-part-x.parquet", now - 60, now)  # another host's pid means nothing here


def test_fresh_tmp_file_is_ignored_silently(store):
    (store.root / "articles").mkdir(parents=True)
    (store.root / "articles" / ".tmp-part-x.parquet").write_bytes(b"in progress")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert store.table("articles").empty


def _bad_claims(store: Store, variant: str) -> Path:
    """A claims file written by something else: one column of the wrong type, missing, or extra.

    ``orphan-date-int64`` sits in a file no batch commits (an orphan): the views' join never
    needs its rows, but DuckDB may still read it; the others sit in a committed batch.
    """
    day = D(2023, 5, 5)
    good = batch_tables([Batch(art("z", day), [], [claim("z", day, iso3="CAF")])])
    claims = good["claims"]
    if variant.endswith("date-int64"):
        claims = claims.set_column(claims.schema.get_field_index("date"), "date", pa.array([20230505], pa.int64()))
    elif variant == "iso3-int":
        claims = claims.set_column(claims.schema.get_field_index("iso3"), "iso3", pa.array([140], pa.int64()))
    elif variant == "missing-cue":
        claims = claims.drop_columns(["cue"])
    elif variant == "extra-filename":  # DuckDB's own column name: the union would be ambiguous
        claims = claims.append_column("filename", pa.array(["x.parquet"]))
    orphan = variant.startswith("orphan")
    name = "part-99999999999999999999-0rphan00" if orphan else "part-99999999999999999999-badtype0"
    path = store.root / "claims" / f"{name}.parquet"
    pq.write_table(claims, path)
    if not orphan:
        pq.write_table(good["articles"], store.root / "articles" / f"{name}.parquet")
    return path


@pytest.mark.parametrize("variant", ["orphan-date-int64", "date-int64", "iso3-int", "missing-cue", "extra-filename"])
@pytest.mark.hostile
def test_a_file_whose_columns_do_not_match_its_table_is_reported_once_and_ignored(store, variant):
    from news.store.snapshot import Snapshot

    store.write([Batch(art("a", D(2023, 1, 2), "https://example.org/a"), [mention()], [claim("a", D(2023, 1, 2))])])
    bad = _bad_claims(store, variant)
    fresh = Store(store.root)
    with pytest.warns(StoreWarning) as record:
        claims = fresh.table("claims")
        layers = q.layer_rows(fresh)
    assert list(claims.article_id) == ["a"]
    assert [(r.actor, r.iso3) for r in layers.itertuples()] == [("wagner", "MLI")]
    lines = [str(w.message) for w in record if bad.name in str(w.message)]
    assert len(lines) == 1 and "\n" not in lines[0] and "claims" in lines[0], lines
    # every query the dashboard asks, on the snapshot it asks them of: the good rows, no error
    with pytest.warns(StoreWarning):
        snap = Snapshot(store.root)
    assert snap.ignored == {f"claims/{bad.name}": snap.ignored[f"claims/{bad.name}"]}
    assert "claims" in snap.ignored[f"claims/{bad.name}"]
    assert q.filter_options(snap)["countries"] == ["MLI"]
    assert len(q.layer_rows(snap)) == 1 and len(q.monthly_counts(snap)) == 1
    assert list(q.evidence_rows(snap, limit=200).article_id) == ["a"]
    assert q.month_parts(snap) is not None
    # and the store still takes more
    fresh.write([Batch(art("b", D(2023, 2, 2)), [], [claim("b", D(2023, 2, 2), iso3="LBY")])])
    assert set(q.layer_rows(fresh).iso3) == {"MLI", "LBY"}


def test_compatible_column_types_are_accepted(store):
    """Other widths of the same kind (int32, large strings, nanosecond timestamps) union fine: kept."""
    day = D(2023, 1, 2)
    store.write([Batch(art("a", day), [mention()], [claim("a", day)])])
    t = batch_tables([Batch(art("b", day), [mention(5)], [claim("b", day)])])
    name = "part-99999999999999999999-widths00"
    mentions = t["mentions"].cast(pa.schema([f.with_type(pa.int32()) if f.name in ("start", "end") else f
                                             for f in t["mentions"].schema]))
    articles = t["articles"].cast(pa.schema([f.with_type(pa.large_string()) if f.type == pa.string()
                                             else f.with_type(pa.timestamp("ns")) if f.name == "ingested_at" else f
                                             for f in t["articles"].schema]))
    pq.write_table(t["claims"], store.root / "claims" / f"{name}.parquet")
    pq.write_table(mentions, store.root / "mentions" / f"{name}.parquet")
    pq.write_table(articles, store.root / "articles" / f"{name}.parquet")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sorted(Store(store.root).table("mentions").start) == [0, 5]
        assert len(q.layer_rows(Store(store.root))) == 1


def test_a_store_written_before_claims_had_rules_still_reads(store):
    """Claims files without the ``rules`` column (every store written before it existed): no
    file is ignored, the column reads as NULL there, and new batches beside them carry it."""
    day = D(2023, 1, 2)
    old = batch_tables([Batch(art("a", day), [mention()], [claim("a", day)])])
    name = "part-00000000000000000001-oldstore"
    for table, data in old.items():
        (store.root / table).mkdir(parents=True, exist_ok=True)
        pq.write_table(data.drop_columns(["rules"]) if table == "claims" else data,
                       store.root / table / f"{name}.parquet")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "ignoring store file" warning
        claims = Store(store.root).table("claims")
        assert len(claims) == 1 and claims.rules.isna().all()
        assert q.evidence_rows(Store(store.root)).rules.isna().all()
    new = Claim("b", "wagner", "MLI", None, 17.0, -4.0, "present", day, "Evidence b", "cue", 0.8, "locative-cue")
    Store(store.root).write([Batch(art("b", day), [mention()], [new])])
    rules = Store(store.root).table("claims").set_index("article_id").rules
    assert pd.isna(rules["a"]) and rules["b"] == "locative-cue"


# ------------------------------------------------------------------ queries


@pytest.fixture
def mali(store):
    """Wagner in Mali: present 2022, more presence 2023, departure reported 2024-06-01."""
    store.write([
        Batch(art("a1", D(2022, 3, 1), "https://example.org/a1"), [], [claim("a1", D(2022, 3, 1), conf=0.6)]),
        Batch(art("a2", D(2023, 5, 1), "javascript:alert(1)"), [], [claim("a2", D(2023, 5, 1), conf=0.6)]),
        Batch(art("a3", D(2024, 6, 1), None, outlet="O'Brien; DROP TABLE claims; --"), [],
              [claim("a3", D(2024, 6, 1), "ended", 0.9)]),
        Batch(art("r1", D(2023, 2, 1), "http://example.org/r1", language="fr"), [],
              [claim("r1", D(2023, 2, 1), actor="russia", iso3="CAF", place="Bangui")]),
    ])
    return store


def _row(df, actor="wagner", iso3="MLI"):
    rows = df[(df.actor == actor) & (df.iso3 == iso3)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_status_as_of_window_end(mali):
    assert _row(q.layer_rows(mali)).status == "ended"
    assert _row(q.layer_rows(mali, start="2022-01-01", end="2024-12-31")).status == "ended"
    before = _row(q.layer_rows(mali, end=D(2023, 12, 31)))
    assert before.status == "present"
    assert before.claims == 2 and str(before.last_seen)[:10] == "2023-05-01"


def test_same_day_tie_ended_wins(store):
    store.write([
        Batch(art("p", D(2024, 1, 1)), [], [claim("p", D(2024, 1, 1), "present")]),
        Batch(art("e", D(2024, 1, 1)), [], [claim("e", D(2024, 1, 1), "ended")]),
    ])
    assert _row(q.layer_rows(store)).status == "ended"


def test_latest_title_is_the_claim_the_status_comes_from(store):
    """Several articles on the last day: the title is the one the status is taken from, every time."""
    day = D(2024, 1, 1)
    store.write([Batch(art(i, day), [], [claim(i, day, "ended" if i == "m" else "present")]) for i in "zmab"])
    assert _row(q.layer_rows(store)).latest_title == "Title m"  # ended wins the day
    store.write([Batch(art(i, D(2024, 2, 1)), [], [claim(i, D(2024, 2, 1))]) for i in "yc"])
    for _ in range(3):
        row = _row(q.layer_rows(store))
        assert (row.status, row.latest_title) == ("present", "Title c")  # then the smallest article id


def test_evidence_limit_is_the_head_and_layer_claims_count_it(store):
    """The page draws the first rows (limit) and counts the rest from the layer rows' claims."""
    from components.tables import evidence_total, shape_layer_rows

    batches = []
    for k in range(40):
        day = D(2020 + k % 3, 1 + k % 12, 1 + k % 3)  # many articles share a day
        claims = [claim(f"a{k:02d}", day, "ended" if k % 7 == 0 else "present", conf=0.3 + (k % 5) / 10,
                        actor=("wagner", "russia")[k % 2], iso3=("MLI", "CAF", "SYR")[k % 3])]
        if k % 4 == 0:  # a second sentence on the same pair in the same article
            claims.append(Claim(f"a{k:02d}", claims[0].actor, claims[0].iso3, None, 1.0, 2.0, "present", day,
                                f"Another sentence {k}", "cue", 0.5))
        batches.append(Batch(art(f"a{k:02d}", day, f"https://example.org/{k}"), [], claims))
    store.write(batches)
    for f in (q.Filters(), q.Filters(statuses=("present",)), q.Filters(start=D(2021, 1, 1), min_confidence=0.5),
              q.Filters(actors=("wagner",), end=D(2021, 6, 30), statuses=("ended",))):
        for iso3 in (None, "MLI", "ZZZ"):
            full = q.evidence_rows(store, f, iso3=iso3)
            for limit in (0, 1, 7, 200):
                pd.testing.assert_frame_equal(q.evidence_rows(store, f, iso3=iso3, limit=limit),
                                              full.head(limit).reset_index(drop=True), check_dtype=False)
            assert evidence_total(shape_layer_rows(q.layer_rows(store, f)), iso3) == len(full)


def test_month_parts_refuse_an_article_whose_claims_span_months(store):
    """Articles add up over months only when an article's claims share a month: else no parts (SQL path)."""
    store.write([Batch(art("x", D(2024, 1, 31)), [], [claim("x", D(2024, 1, 31)), claim("x", D(2024, 2, 1))])])
    assert q.month_parts(store) is None
    assert _row(q.layer_rows(store, start=D(2024, 1, 1), end=D(2024, 2, 29), parts=None)).articles == 1


def test_layer_rows_newest_links_first(store):
    """``links=N``: the N links of the newest claims, newest first (ties by link), on both paths;
    a link reported again later counts at its latest date; ``links=None`` keeps every link sorted."""
    days = [D(2024, 3, 5), D(2024, 1, 9), D(2024, 3, 5), D(2024, 2, 1), D(2024, 5, 2)]
    urls = ["https://b.example/", "https://z.example/", "https://a.example/", "https://y.example/",
            "https://z.example/"]
    store.write([Batch(art(f"n{i}", d, u), [], [claim(f"n{i}", d)]) for i, (d, u) in enumerate(zip(days, urls, strict=True))])
    f = q.Filters(start=D(2024, 1, 1), end=D(2024, 12, 31))
    parts = q.month_parts(store)
    for p in (parts, None):
        assert _row(q.layer_rows(store, f, parts=p, links=3)).source_urls == [
            "https://z.example/", "https://a.example/", "https://b.example/"]
        assert _row(q.layer_rows(store, f, parts=p, links=0)).source_urls == []
        assert _row(q.layer_rows(store, f, parts=p)).source_urls == sorted(set(urls))
        # a window ending before z's second report: z at its first date, last
        early = replace(f, end=D(2024, 3, 31))
        assert _row(q.layer_rows(store, early, parts=p, links=9)).source_urls == [
            "https://a.example/", "https://b.example/", "https://y.example/", "https://z.example/"]


def test_month_parts_drop_the_links_the_sql_path_drops(store):
    """Links that pass the SQL's LIKE 'http%' but are no http(s) URL with a host are left out on both paths."""
    urls = ["http://", "https:///path", "http://[x", "https://ok.example/a", "http://ok.example/b c", None]
    store.write([Batch(art(f"u{i}", D(2024, 1 + i, 1), u), [], [claim(f"u{i}", D(2024, 1 + i, 1))])
                 for i, u in enumerate(urls)])
    f = q.Filters(start=D(2024, 1, 1), end=D(2024, 12, 31))
    parts = q.month_parts(store)
    fast, slow = q.layer_rows(store, f, parts=parts), q.layer_rows(store, f)
    assert _row(fast).source_urls == _row(slow).source_urls == ["http://ok.example/b c", "https://ok.example/a"]
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False)


def test_status_filter_applies_to_window_end_status(mali):
    assert set(q.layer_rows(mali, statuses=["ended"]).actor) == {"wagner"}
    assert set(q.layer_rows(mali, statuses=["present"]).actor) == {"russia"}
    # evidence follows the pair's status: all of wagner's Mali sentences, none of russia's
    ev = q.evidence_rows(mali, q.Filters(statuses=("ended",)))
    assert sorted(ev.article_id) == ["a1", "a2", "a3"]
    assert set(q.monthly_counts(mali, statuses=["present"]).actor) == {"russia"}


def test_layer_row_contents(mali):
    row = _row(q.layer_rows(mali))
    assert row.articles == 3 and row.claims == 3
    assert row.source_urls == ["https://example.org/a1"]  # null and javascript: urls left out
    assert row.latest_title == "Title a3"
    assert row.confidence == pytest.approx(1 - 0.4 * 0.4 * 0.1, abs=1e-3)  # noisy-or
    assert row.country and row.lat == row.lat  # a name and a label point


def test_min_confidence_and_other_filters(mali):
    assert _row(q.layer_rows(mali, min_confidence=0.8)).claims == 1
    assert set(q.layer_rows(mali, languages=["fr"]).actor) == {"russia"}
    assert set(q.layer_rows(mali, countries=["CAF"]).iso3) == {"CAF"}
    assert q.layer_rows(mali, actors=["nobody"]).empty


def test_values_are_bound_not_formatted(mali):
    """An outlet full of SQL is just a string to match."""
    hostile = "O'Brien; DROP TABLE claims; --"
    ev = q.evidence_rows(mali, outlets=[hostile])
    assert list(ev.article_id) == ["a3"]
    assert len(q.evidence_rows(mali)) == 4  # nothing was dropped
    assert q.evidence_rows(mali, iso3="x' OR '1'='1").empty


def test_undated_claims_only_without_window(store):
    store.write([Batch(art("u", None), [], [claim("u", None)])])
    assert len(q.layer_rows(store)) == 1
    assert q.layer_rows(store, start="2000-01-01").empty


def test_monthly_evidence_cities_options(mali):
    monthly = q.monthly_counts(mali, actors=["wagner"])
    assert list(monthly.month) == ["2022-03", "2023-05", "2024-06"]
    ev = q.evidence_rows(mali, iso3="MLI")
    assert list(ev.article_id) == ["a3", "a2", "a1"]  # newest first
    assert ev.url.isna().sum() == 2  # the javascript: link is not passed on
    assert list(q.city_rows(mali).place) == ["Bangui"]
    opts = q.filter_options(mali)
    assert opts["actors"] == ["russia", "wagner"] and opts["languages"] == ["en", "fr"]
    assert opts["min_date"] == D(2022, 3, 1) and opts["last_month"] == "2024-06"


def test_filters_reject_unknown_names():
    with pytest.raises(TypeError):
        q.Filters.of(actor=["wagner"])


def test_month_parts_count_a_cluster_once_across_its_months(store):
    """A syndication cluster reported in several months is one source in any window holding any
    of them, on both paths (month parts count a cluster's row only where its previous month with
    the pair falls before the window)."""
    from dataclasses import replace as dc_replace

    days = [D(2024, 1, 5), D(2024, 3, 5), D(2024, 5, 5), D(2024, 3, 9), D(2024, 6, 1)]
    clusters = ["s1", "s1", "s1", "s2", None]
    store.write([Batch(dc_replace(art(f"c{i}", d), cluster=c), [], [claim(f"c{i}", d)])
                 for i, (d, c) in enumerate(zip(days, clusters, strict=True))])
    parts = q.month_parts(store)
    for (start, end), want in {((1, 12), 3), ((2, 4), 2), ((4, 5), 1), ((6, 6), 1), ((1, 1), 1), ((2, 2), 0)}:
        f = q.Filters(start=D(2024, start, 1), end=(pd.Period(f"2024-{end:02d}", freq="M").end_time.date()))
        fast, slow = q.layer_rows(store, f, parts=parts), q.layer_rows(store, f)
        assert (len(fast) and int(_row(fast).sources)) == (len(slow) and int(_row(slow).sources)) == want


@pytest.mark.parametrize("as_chunk", [False, True])
@pytest.mark.parametrize("after", ["claims", "articles"])
def test_ctrl_c_as_a_batch_lands_counts_what_the_store_holds(store, monkeypatch, as_chunk, after):
    """Ctrl-C right after one of a batch's files is in place (what a user's Ctrl-C on seeing the
    first batch does): the interrupted run's summary counts the batch if and only if its articles
    file, the commit record, landed. Raised from inside the write rather than sent as a signal, so
    the test does not depend on which thread the kernel gives a process's signal to."""
    from news.ingest.report import IngestReport
    from news.store import BatchWriter

    real = store._write_table

    def write_then_interrupt(table, name, data):
        real(table, name, data)
        if table == after:
            raise KeyboardInterrupt

    monkeypatch.setattr(store, "_write_table", write_then_interrupt)
    writer = BatchWriter(store, size=2)
    items = [Batch(art(x, D(2023, 1, 1)), [mention()], [claim(x, D(2023, 1, 1))]) for x in "ab"]
    with pytest.raises(KeyboardInterrupt):
        if as_chunk:
            writer.add_chunk(Chunk.of(items))
        else:
            for item in items:
                writer.add(item)
    report = IngestReport()
    report.interrupt(writer)
    stored = len(store.table("articles"))
    assert stored == (2 if after == "articles" else 0)
    assert (report.ingested, report.unstored, writer.batches) == (stored, 2 - stored, stored // 2)
