"""``ingest --engine dask`` against the local engine: same store rows, same skip lines, same summary.

The corpus is generated here (deterministic, a few hundred short articles in en/fr/ru) and mixes
what partitioning could get wrong: a JSONL file big enough to be split into blocks, with a bad
line past the first block (its line number must be the file's) and a repeated id; the same
article in two files (the first in source order must win); text files with sidecars, an HTML
page, a binary file and an undated note.
"""

from __future__ import annotations

import io
import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from news.store import Store
from tests.engine_cases import assert_same_rows, outcome, run

pytest.importorskip("distributed")


ACTORS = ["Wagner fighters", "Russian troops", "Russian military instructors", "The Wagner Group"]
VERBS = ["were deployed to", "were seen in", "arrived in", "withdrew from", "remain stationed in"]
PLACES = ["Mali", "Bamako", "Libya", "Sudan", "the Central African Republic", "Bangui", "Syria",
          "Mozambique", "Burkina Faso", "Niger", "Madagascar", "Venezuela"]
FILLER = ["Officials declined to comment.", "The claim could not be checked.", "Markets were calm.",
          "A spokesman said talks would go on.", "Local radio carried the story in the evening."]
FR = ["Des combattants de Wagner ont été vus à Bamako.", "Des soldats russes sont arrivés en Libye.",
      "Le rapport n'a pas pu être vérifié."]
RU = ["Бойцы Вагнера замечены в Мали.", "Российские военные прибыли в Ливию.", "Эти данные не удалось проверить."]


def _text(rng: random.Random, lang: str) -> str:
    if lang == "fr":
        return " ".join(rng.choice(FR) for _ in range(rng.randint(2, 5)))
    if lang == "ru":
        return " ".join(rng.choice(RU) for _ in range(rng.randint(2, 5)))
    out = []
    for _ in range(rng.randint(2, 7)):
        if rng.random() < 0.45:
            out.append(f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(PLACES)}.")
        else:
            out.append(rng.choice(FILLER))
    return " ".join(out)


def make_corpus(root: Path, n: int = 300, seed: int = 11) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True)
    start = date(2018, 1, 1)
    records = []
    for i in range(n):
        lang = rng.choices(("en", "fr", "ru"), weights=(6, 2, 2))[0]
        rec = {"id": f"gen-{i:04d}", "title": f"Report {i}", "outlet": f"Outlet {i % 7}",
               "date": (start + timedelta(days=rng.randrange(2000))).isoformat(), "language": lang,
               "text": _text(rng, lang)}
        if i % 5 == 0:
            rec.pop("id")
            rec["url"] = f"https://example.org/news/{i}?utm_source=x"
        records.append(rec)
    lines = [json.dumps(r, ensure_ascii=False) for r in records[:240]]
    lines.insert(200, '{"id": "broken", "text": ')  # a bad line far into the file
    lines.insert(210, json.dumps(records[3]))  # a repeat inside the same file
    (root / "a-archive.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The same article (by id) again in a later file, with another source: the first must win.
    (root / "b-more.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records[240:280] + [records[11]])
                                       + "\n", encoding="utf-8")
    notes = root / "notes"
    notes.mkdir()
    for i, rec in enumerate(records[280:]):
        path = notes / f"note-{i:02d}.txt"
        path.write_text(f"Field note {i}\n\n{rec['text']}\n", encoding="utf-8")
        if i % 3 == 0:
            path.with_suffix(".json").write_text(json.dumps({"date": rec["date"], "outlet": "Sidecar"}))
    (notes / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>Bangui report</title></head><body><article><h1>Bangui report</h1>"
        "<p>Russian instructors were seen in Bangui, the capital of the Central African Republic, on Monday. "
        "Witnesses said the convoy drove north towards Bambari.</p></article></body></html>", encoding="utf-8")
    (notes / "zz-binary.txt").write_bytes(bytes(range(256)) * 4)
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("dask") / "corpus")


@pytest.fixture(scope="module")
def local_run(corpus):
    store = corpus.parent / "local-store"
    result = run(["ingest", str(corpus)], store)
    assert result.returncode == 1, result.stderr  # the binary file is an error skip
    return store, result


def test_dask_store_equals_local_and_reingest_adds_nothing(corpus, local_run):
    local_store, local = local_run
    store = corpus.parent / "dask-store"
    args = ["ingest", str(corpus), "--engine", "dask", "--workers", "2", "--partitions", "9", "--batch-size", "64"]
    result = run(args, store)
    assert result.returncode == local.returncode, result.stderr
    assert "Traceback" not in result.stderr
    assert outcome(result.stderr) == outcome(local.stderr)
    summary = outcome(local.stderr)[-1]
    assert summary.startswith("ingested 301, already known 2, skipped 2 ("), summary
    assert any(line.endswith("a-archive.jsonl:201: bad JSON (Expecting value at column 27)") or
               "a-archive.jsonl:201:" in line for line in outcome(result.stderr))
    assert_same_rows(local_store, store)
    arts = Store(store).table("articles").set_index("id")
    assert arts.loc["gen-0011", "source"].endswith("a-archive.jsonl")  # first in source order won

    files = sorted((store / "articles").glob("*.parquet"))
    again = run(args, store)
    assert again.returncode == local.returncode, again.stderr
    assert outcome(again.stderr)[-1].startswith("ingested 0, already known 303, skipped 2")
    assert sorted((store / "articles").glob("*.parquet")) == files  # nothing new written
    assert_same_rows(local_store, store)


def test_existing_scheduler_loads_gazetteer_once_per_worker(corpus, local_run):
    import logging

    from distributed import Client, LocalCluster

    from news.ingest.dask import cache_stats

    local_store, local = local_run
    store = corpus.parent / "scheduler-store"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        # Partitions small enough that every worker processes many articles.
        result = run(["ingest", str(corpus), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                      "--partitions", "20"], store)
        assert result.returncode == 1, result.stderr
        assert outcome(result.stderr) == outcome(local.stderr)
        stats = client.run(cache_stats)
        assert len(stats) == 2
        for s in stats.values():
            assert s["gazetteer_loads"] == 1, stats
            assert s["config_loads"] == 1, stats
        # Per-article lookups hit the per-process cache: one load, hundreds of uses.
        assert sum(s["gazetteer_hits"] for s in stats.values()) >= 301, stats
        assert len({s["pid"] for s in stats.values()}) == 2
        again = run(["ingest", str(corpus), "--engine", "dask", "--scheduler", cluster.scheduler_address], store)
        assert outcome(again.stderr)[-1].startswith("ingested 0, already known 303")
        assert all(s["gazetteer_loads"] == 1 for s in client.run(cache_stats).values())
    assert_same_rows(local_store, store)


def test_fsspec_sources_memory_and_file_urls(tmp_path):
    """``memory://`` (in-process cluster: the memory filesystem is per process) and ``file://``
    sources give the rows a plain path gives, with the URL as the article's source."""
    import fsspec
    from distributed import Client, LocalCluster

    from news.ingest.dask import run_ingest_dask
    from news.ingest.local import run_ingest

    corpus = make_corpus(tmp_path / "corpus", n=60, seed=3)
    local = tmp_path / "local"
    run_ingest([str(corpus)], Store(local), err=io.StringIO(), progress=False)
    mem = fsspec.filesystem("memory")
    for path in sorted(corpus.rglob("*")):
        if path.is_file():
            mem.pipe_file(f"/fp-test/{path.relative_to(corpus).as_posix()}", path.read_bytes())
    try:
        with LocalCluster(n_workers=2, processes=False, dashboard_address=None) as cluster, Client(cluster) as client:
            for url in ("memory://fp-test", corpus.as_uri()):
                err = io.StringIO()
                store = tmp_path / url.split(":")[0]
                report = run_ingest_dask([url], Store(store), client=client, partitions=5, err=err, progress=False)
                assert report.ingested == 61 and report.errors == 2, err.getvalue()
                assert "zz-binary.txt: binary content" in err.getvalue()
                assert_same_rows(local, store, drop=("ingested_at", "source"))
                sources = Store(store).table("articles").source
                assert all(s.startswith(url.split("://")[0] + "://") for s in sources), sources.head()
    finally:
        mem.rm("/fp-test", recursive=True)


def test_usage_errors(tmp_path):
    result = run(["ingest", str(tmp_path), "--partitions", "3"], tmp_path / "s")
    assert result.returncode == 2 and "need --engine dask" in result.stderr
    result = run(["ingest", str(tmp_path), "--engine", "dask", "--store", "s3://bucket/store"], tmp_path / "s")
    assert result.returncode == 2 and "local or shared folder" in result.stderr
