"""Syndication: copies of one story share a cluster, distinct stories do not, on every engine,
across ingests; layer rows count independent sources beside articles; old stores still load."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news.store import SCHEMAS, Store
from news.store import queries as q
from news.syndication import Clusterer, signature

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "syndication.jsonl"
sys.path.insert(0, str(ROOT / "bench"))


def _rows() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def test_the_labelled_set_is_clustered_with_precision_and_recall_of_at_least_095() -> None:
    import syndication as bench

    from news.syndication import THRESHOLD

    rows = bench.load(FIXTURE)
    assert len(rows) >= 60 and {r["language"] for r in rows} == {"en", "fr", "ru"}
    s = bench.scores(rows, bench.predict(rows, THRESHOLD))
    assert s["precision"] >= 0.95 and s["recall"] >= 0.95, s
    assert s["fp"] + s["tp"] > 0 and s["tp"] >= 60  # the set has copies to find


def test_the_bench_prints_its_figures_as_a_command() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "syndication.py")], cwd=ROOT, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "threshold 0.40: pairwise precision 1.000 recall 1.000" in run.stdout


def test_short_texts_and_other_languages_stay_their_own_cluster() -> None:
    text = _rows()[0]["text"]
    c = Clusterer()
    assert c.assign("a", "en", signature(text)) == "a"
    assert c.assign("b", "en", signature(text)) == "a"
    assert c.assign("c", "fr", signature(text)) == "c"  # languages never share a cluster
    assert signature("Wagner fighters were seen in Mali.") is None  # too short to tell copies by
    assert c.assign("d", "en", None) == "d"


def _ingest(src: Path, store: Path, *extra: str) -> subprocess.CompletedProcess:
    run = subprocess.run([sys.executable, "-m", "news", "ingest", str(src), "--store", str(store), *extra],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    return run


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps({k: r[k] for k in ("id", "title", "outlet", "date", "language", "text")},
                                       ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", [(), ("--jobs", "2")], ids=["local", "pool"])
def test_a_reprint_ingested_later_joins_the_stored_story_and_counts_once(tmp_path: Path, engine) -> None:
    by = {(r["gold"], r["kind"]): r for r in _rows()}
    original = by[("en-bamako-instructors", "original")]
    reprint = by[("en-bamako-instructors", "reprint-new-headline")]
    edited = by[("en-bamako-instructors", "edited")]
    distinct = by[("en-bamako-followup", "distinct")]  # same actor, country and topic, a day later
    store = tmp_path / "store"
    _ingest(_write(tmp_path / "one.jsonl", [original]), store, *engine)
    _ingest(_write(tmp_path / "two.jsonl", [reprint, distinct, edited]), store, *engine)

    arts = Store(store).table("articles").set_index("id")
    assert arts.loc[reprint["id"], "cluster"] == original["id"]  # the id of the earliest stored copy
    assert arts.loc[edited["id"], "cluster"] == original["id"]
    assert arts.loc[original["id"], "cluster"] == original["id"]
    assert arts.loc[distinct["id"], "cluster"] == distinct["id"]

    counts = q.source_counts(store).set_index(["actor", "iso3"])
    russia_mali = counts.loc[("russia", "MLI")]
    assert (int(russia_mali["sources"]), int(russia_mali["articles"])) == (2, 4)
    layers = q.layer_rows(store).set_index(["actor", "iso3"])
    assert (int(layers.loc[("russia", "MLI"), "sources"]), int(layers.loc[("russia", "MLI"), "articles"])) == (2, 4)


def test_one_story_reprinted_is_one_independent_source(tmp_path: Path) -> None:
    by = {(r["gold"], r["kind"]): r for r in _rows()}
    rows = [by[("en-bamako-instructors", "original")], by[("en-bamako-instructors", "reprint-new-headline")]]
    store = tmp_path / "store"
    _ingest(_write(tmp_path / "a.jsonl", rows[:1]), store)
    _ingest(_write(tmp_path / "b.jsonl", rows[1:]), store)
    counts = q.source_counts(store).set_index(["actor", "iso3"]).loc[("russia", "MLI")]
    assert (int(counts["sources"]), int(counts["articles"])) == (1, 2)


def test_a_store_written_before_clusters_still_loads_each_article_its_own_source(tmp_path: Path) -> None:
    by = {(r["gold"], r["kind"]): r for r in _rows()}
    rows = [by[("en-bamako-instructors", "original")], by[("en-bamako-instructors", "reprint-new-headline")]]
    store = tmp_path / "store"
    _ingest(_write(tmp_path / "a.jsonl", rows), store)
    for path in (store / "articles").glob("part-*.parquet"):  # as an older Footprint wrote it
        old = pq.read_table(path).drop_columns(["cluster", "signature"])
        assert old.schema.names == [n for n in SCHEMAS["articles"].names if n not in ("cluster", "signature")]
        pq.write_table(old, path)
    layers = q.layer_rows(store).set_index(["actor", "iso3"])
    assert (int(layers.loc[("russia", "MLI"), "sources"]), int(layers.loc[("russia", "MLI"), "articles"])) == (2, 2)
    # a copy ingested now into that store is its own cluster too: old articles have no signature
    _ingest(_write(tmp_path / "c.jsonl", [by[("en-bamako-instructors", "edited")]]), store)
    assert Store(store).table("articles")["cluster"].isna().sum() == 2


def test_an_index_uses_the_bands_datasketch_would_choose_for_its_threshold() -> None:
    """The (bands, rows) pair is computed once per process (a numerical integration each time
    otherwise); every index must still split signatures exactly as datasketch would."""
    from datasketch import MinHashLSH

    from news.syndication import NUM_PERM, Clusterer

    for threshold in (0.2, 0.4, 0.6):
        own = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        index = Clusterer(threshold=threshold)._index("en")
        assert (index.b, index.r, index.hashranges) == (own.b, own.r, own.hashranges)


def _texts() -> list[str]:
    """The labelled set's texts and a synthetic corpus's (stock sentences: many near-copies)."""
    from ingest import corpus

    return [r["text"] for r in _rows()] + [r["text"] for r in corpus(400, 3)]


def test_signatures_are_the_values_datasketch_gives_for_the_same_shingles() -> None:
    """Signatures are computed in numpy on datasketch's permutations: stored ones must stay
    exactly what ``MinHash.update_batch`` gave, or old stores would no longer match new copies."""
    import numpy as np
    from datasketch import MinHash

    from news.syndication import MIN_SHINGLES, NUM_PERM, SCHEME, SEED, shingle_hashes

    signed = 0
    for text in _texts():
        shingles = shingle_hashes(text)
        if len(shingles) < MIN_SHINGLES:
            assert signature(text) is None
            continue
        theirs = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme=SCHEME)
        theirs.update_batch(shingles.tolist())
        assert signature(text) == np.asarray(theirs.hashvalues, dtype="<u4").tobytes()
        signed += 1
    assert signed >= 400


def test_a_long_text_of_few_distinct_shingles_is_still_too_short_to_sign() -> None:
    assert signature(" ".join(["Wagner fighters left Mali"] * 200)) is None  # 4 distinct shingles, 997 in all
    assert signature(" ".join(f"word{i}" for i in range(12))) is not None  # 10 distinct: enough


def test_the_index_finds_exactly_the_candidates_datasketch_lsh_finds() -> None:
    from datasketch import LeanMinHash, MinHashLSH

    from news.syndication import NUM_PERM, SCHEME, SEED, THRESHOLD, BandIndex, _bands, values

    sigs = [s for s in map(signature, _texts()) if s]
    theirs = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    ours = BandIndex(*_bands(THRESHOLD))
    shared = 0
    for i, sig in enumerate(sigs):
        lean = LeanMinHash(seed=SEED, hashvalues=values(sig), scheme=SCHEME)
        expected = set(theirs.query(lean))
        assert set(ours.query(values(sig))) == expected
        shared += len(expected) > 1
        if i % 2 == 0:  # half indexed, so some queries find nothing
            theirs.insert(str(i), lean)
            ours.insert(str(i), values(sig))
    assert shared > 10  # the corpus has texts with several candidates


def test_the_store_gives_back_only_cluster_heads_with_their_signatures_as_stored(tmp_path: Path) -> None:
    """What an ingest reads back to rebuild the index: a cluster's first member with its stored
    signature, bit for bit; the reprints that joined it, short unsigned texts and files of an
    older Footprint (no signature column) are left out."""
    import numpy as np

    from news.syndication import values

    by = {(r["gold"], r["kind"]): r for r in _rows()}
    original, reprint = by[("en-bamako-instructors", "original")], by[("en-bamako-instructors", "reprint-new-headline")]
    distinct = by[("en-bamako-followup", "distinct")]
    short = {**distinct, "id": "short-one", "text": "Wagner fighters were seen in Mali."}
    store = tmp_path / "store"
    _ingest(_write(tmp_path / "old.jsonl", [{**distinct, "id": "old-one"}]), store)
    for path in (store / "articles").glob("part-*.parquet"):  # as an older Footprint wrote it
        pq.write_table(pq.read_table(path).drop_columns(["cluster", "signature"]), path)
    _ingest(_write(tmp_path / "a.jsonl", [original, short]), store)
    _ingest(_write(tmp_path / "b.jsonl", [reprint, distinct]), store)

    blocks = list(Store(store).heads())
    ids = [i for block in blocks for i in block[0]]
    assert ids == [original["id"], distinct["id"]]  # oldest batch first; no reprint, no short text, no old file
    stored = Store(store).table("articles").set_index("id")
    assert stored.loc[reprint["id"], "cluster"] == original["id"]
    for block_ids, languages, matrix in blocks:
        assert matrix.dtype == np.uint32 and matrix.shape == (len(block_ids), 128)
        assert languages == ["en"] * len(block_ids)
        for article_id, row in zip(block_ids, matrix, strict=True):
            assert (row == values(stored.loc[article_id, "signature"])).all()


def test_the_gate_is_presences_own_test_and_an_article_it_turns_away_gets_no_claim() -> None:
    """``can_count`` says yes exactly when presence's own pass over the text (``actor_words``)
    finds a word naming an actor outright; where it says no, presence finds no claim."""
    from ingest import corpus, syndicated_corpus

    from geo.extract import extract
    from news.actors import load_config
    from news.models import Article
    from news.presence import find_claims
    from news.presence.actors import actor_words, compile_actors
    from news.syndication import can_count

    config = load_config()
    comp = compile_actors(config)
    naming = sum(b for (kind, _), b in comp.bits.items() if kind in ("names", "aliases", "demonyms", "states"))
    rows = _rows() + corpus(300, 5, 0.2) + syndicated_corpus(300, 5, 0.3, 0.1)
    counted = 0
    for r in rows:
        text, language = r["text"], r["language"]
        gate = can_count(text, config)
        assert gate == any(m & naming for m in actor_words(text, comp).masks), text
        counted += gate
        if not gate:
            article = Article(r["id"], None, "", "", None, language, text, "test")
            assert find_claims(article, extract(text, language)) == [], text
    assert 60 < counted < len(rows) - 200  # both kinds are there
    # a pointing phrase or a nickname alone names no one; a name, a demonym or a state does
    assert not can_count("They were seen in Mali. The group left Bamako in June.", config)
    assert not can_count("Музыканты дали концерт в Бамако.", config)
    assert can_count("Музыканты Вагнера замечены в Бамако.", config)
    assert can_count("Des instructeurs russes sont arrivés à Bamako.", config)
    assert can_count("Moscow has sent military instructors to Mali.", config)


NO_ACTOR = ("Bamako held talks on the price of grain with farmers from the north on Tuesday, and the "
            "agriculture office published new figures on the harvest that residents called far too low to "
            "feed the region through the dry season.")


@pytest.mark.parametrize("engine", [(), ("--jobs", "2"), ("--engine", "dask", "--workers", "1")],
                         ids=["local", "pool", "dask"])
def test_an_article_naming_no_actor_is_not_signed_and_its_copy_is_its_own_cluster(tmp_path: Path, engine) -> None:
    """Every engine applies the same gate: a story naming no actor and its reprint stay apart (they
    can carry no claim, so nothing counted changes); a story naming one still joins its reprint."""
    if "dask" in engine:
        pytest.importorskip("distributed")
    by = {(r["gold"], r["kind"]): r for r in _rows()}
    original = by[("en-bamako-instructors", "original")]
    reprint = by[("en-bamako-instructors", "reprint-new-headline")]
    plain = {**original, "id": "no-actor", "text": NO_ACTOR}
    copy = {**original, "id": "no-actor-copy", "text": NO_ACTOR + " Reprinted with permission."}
    store = tmp_path / "store"
    _ingest(_write(tmp_path / "a.jsonl", [original, plain, copy, reprint]), store, *engine)

    arts = Store(store).table("articles").set_index("id")
    assert arts.loc[reprint["id"], "cluster"] == original["id"]
    assert arts.loc["no-actor", "cluster"] == "no-actor" and arts.loc["no-actor-copy", "cluster"] == "no-actor-copy"
    assert arts.loc[["no-actor", "no-actor-copy"], "signature"].isna().all()
    assert len(arts.loc[original["id"], "signature"]) == 512
    assert signature(NO_ACTOR) is not None  # long enough: only the gate left it unsigned
    assert [i for block in Store(store).heads() for i in block[0]] == [original["id"]]


def test_a_claim_a_reviewer_adds_to_an_article_naming_no_actor_counts_it_as_one_source(tmp_path: Path) -> None:
    import csv
    import io
    import os

    by = {(r["gold"], r["kind"]): r for r in _rows()}
    plain = {**by[("en-bamako-instructors", "original")], "id": "no-actor", "text": NO_ACTOR}
    copy = {**plain, "id": "no-actor-copy", "text": NO_ACTOR + " Reprinted with permission."}
    store = tmp_path / "store"
    _ingest(_write(tmp_path / "a.jsonl", [plain, copy]), store)
    assert q.source_counts(store).empty  # no claim from the machine

    env = {**os.environ, "FOOTPRINT_STORE": str(store), "FOOTPRINT_REVIEWER": "tester"}
    sentence = NO_ACTOR.split(", and")[0]
    for article in ("no-actor", "no-actor-copy"):
        add = subprocess.run([sys.executable, "-m", "news", "review", "add", article, "--sentence", sentence,
                              "--actor", "russia", "--country", "MLI", "--status", "present"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert add.returncode == 0, add.stderr
    out = subprocess.run([sys.executable, "-m", "news", "layers", "--format", "csv"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    (row,) = [r for r in csv.DictReader(io.StringIO(out.stdout)) if (r["actor"], r["iso3"]) == ("russia", "MLI")]
    # each is its own cluster: two articles, two sources (no signature linked the copy to its story)
    assert (row["review"], int(row["articles"]), int(row["sources"])) == ("added", 2, 2)


@pytest.mark.parametrize("fold", ["as-is", "colliding"])
def test_stories_read_back_from_the_store_give_exactly_datasketchs_candidates(monkeypatch, fold) -> None:
    """The stored tier (``insert_many``: sorted 64-bit band keys) and the tier of this ingest
    (``insert``) together find exactly what ``MinHashLSH`` finds, also when band keys collide
    (a key that folds only a band's last value: its rows must still be checked value by value)."""
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    import news.syndication as syndication
    from news.syndication import NUM_PERM, SCHEME, SEED, THRESHOLD, BandIndex, _bands, values

    if fold == "colliding":
        monkeypatch.setattr(syndication, "_FOLD", np.uint64(0))
    sigs = [s for s in map(signature, _texts()) if s]
    theirs = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    ours = BandIndex(*_bands(THRESHOLD))
    stored = [i for i in range(len(sigs)) if i % 3 == 0]
    for lo in range(0, len(stored), 50):  # read back in blocks, as Store.heads gives them
        block = stored[lo:lo + 50]
        ours.insert_many([str(i) for i in block], np.stack([values(sigs[i]) for i in block]))
    for i in stored:
        theirs.insert(str(i), LeanMinHash(seed=SEED, hashvalues=values(sigs[i]), scheme=SCHEME))
    shared = 0
    for i, sig in enumerate(sigs):
        if i % 3 == 0:
            continue
        lean = LeanMinHash(seed=SEED, hashvalues=values(sig), scheme=SCHEME)
        expected = set(theirs.query(lean))
        got = ours.query(values(sig))
        assert len(got) == len(set(got)) and set(got) == expected
        shared += any(int(k) % 3 == 0 for k in expected) and any(int(k) % 3 for k in expected)
        if i % 3 == 1:  # some added during the ingest, beside the stored ones
            theirs.insert(str(i), lean)
            ours.insert(str(i), values(sig))
    assert shared > 5  # queries that meet candidates of both tiers


def _one_by_one(items: list, load=None) -> list[str]:
    clusterer = Clusterer(load)
    return [clusterer.assign(*item) for item in items]


def _in_batches(items: list, cuts: list[int], load=None) -> list[str]:
    clusterer = Clusterer(load)
    bounds = [0, *sorted(set(cuts)), len(items)]
    return [c for lo, hi in zip(bounds, bounds[1:], strict=False) for c in clusterer.assign_many(items[lo:hi])]


def _items() -> list[tuple[str, str | None, bytes | None]]:
    """The texts of ``_texts`` as articles: two languages, some unsigned, some malformed
    signatures, and an id met twice (its second meeting keeps its first cluster)."""
    items: list[tuple[str, str | None, bytes | None]] = []
    for i, text in enumerate(_texts()):
        sig = signature(text)
        if i % 17 == 5:
            sig = None
        elif i % 29 == 7 and sig:
            sig = sig[:-4]
        items.append((f"a{i}", "fr" if i % 5 == 0 else "en", sig))
    items.insert(90, items[40])
    return items


@given(cuts=st.lists(st.integers(min_value=0, max_value=460), max_size=12))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_batch_is_clustered_exactly_as_one_article_at_a_time(cuts: list[int]) -> None:
    """``assign_many`` (the committing process clusters a batch at once) gives each article the
    cluster one ``assign`` per article gives, wherever the batches are cut: an earlier article
    of the same batch counts only if it became a story, as the index would hold it."""
    items = _items()
    expected = _one_by_one(items)
    assert len(set(expected)) < len(items) - 60  # near-copies are joined: the check has work to do
    assert _in_batches(items, cuts) == expected


def test_a_batch_meets_stored_stories_as_single_articles_do() -> None:
    """With stories read back from a store (the stored tier), batches still cluster as single
    articles do: the stored tier is searched for the whole batch in one call."""
    import numpy as np

    from news.syndication import values

    items = _items()
    stored = [(aid, lang, sig) for aid, lang, sig in items[:150] if sig and len(sig) == 512]

    def load():
        for lo in range(0, len(stored), 40):
            block = stored[lo:lo + 40]
            yield ([a for a, _, _ in block], [lang for _, lang, _ in block],
                   np.stack([values(s) for _, _, s in block]))

    fresh = items[150:]
    expected = _one_by_one(fresh, load)
    assert sum(c in {a for a, _, _ in stored} for c in expected) > 20  # copies of stored stories
    for cuts in ([], [1, 2, 3], list(range(0, len(fresh), 64)), [100, 101, 250]):
        assert _in_batches(fresh, cuts, load) == expected


def test_a_batch_is_signed_exactly_as_each_text_alone() -> None:
    """``sign_many`` (a block of texts shingled and permuted as one array) gives each article the
    signature ``signature`` gives its text alone, when the gate lets it through, and None
    otherwise: across block boundaries, for a text longer than a block, for short texts, and for
    texts naming no actor."""
    from news.actors import load_config
    from news.models import Article
    from news.syndication import can_count, sign_many

    actors = load_config()
    texts = _texts()
    texts += [" ".join(texts[:60]), "Wagner fighters were seen in Mali.", "", "Wagner " * 11]
    articles = [Article(f"a{i}", None, "", "", None, "en", text, "test") for i, text in enumerate(texts)]
    sign_many(articles, actors)
    expected = [signature(t) if can_count(t, actors) else None for t in texts]
    assert [a.signature for a in articles] == expected
    assert sum(s is not None for s in expected) > 300 and expected.count(None) > 3


def test_word_hashes_are_crc32_whether_remembered_or_not(monkeypatch) -> None:
    """Known words' hashes come from a table that is cleared when full: the values stay CRC-32
    of each normalised word (what stored signatures were computed from), table or no table."""
    import re
    import unicodedata
    import zlib

    import news.syndication as syndication

    monkeypatch.setattr(syndication, "_CRC", {})
    monkeypatch.setattr(syndication, "_CRC_MAX", 50)  # cleared many times over these texts
    for text in _texts()[:120] + ["Straße ﬁn ＭＡＬＩ", ""]:
        words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())
        assert syndication._words(text) == [zlib.crc32(w.encode()) for w in words]
    assert 0 < len(syndication._CRC) <= 50 + 400
