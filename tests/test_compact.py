"""``footprint store compact`` and ``footprint store stats``: readers keep reading, a kill loses
nothing, leftovers of killed runs go, and the figures are those readers see."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from geo.types import Mention
from news.models import Article, Claim
from news.store import MANIFEST, TABLES, Batch, Store, owner_tag, read_manifest
from news.store import compact as comp

REPO = Path(__file__).resolve().parents[1]
ACTORS = ("wagner", "russia")
LANGS = ("en", "fr", "ru")


def _batch(i: int) -> Batch:
    aid = f"a{i:05d}"
    art = Article(aid, f"https://example.org/{aid}", f"Title {i}", "Wire", date(2020, 1 + i % 12, 1 + i % 28),
                  LANGS[i % 3], f"Body of {aid} " * 20, "test")
    mentions = [Mention(k, k + 4, "Mali", "country", "MLI", 17.0, -4.0, "In Mali.") for k in range(i % 3 + 1)]
    claims = [Claim(aid, ACTORS[i % 2], "MLI", None, 17.0, -4.0, "present", art.published, "Evidence", "cue", 0.7)]
    return Batch(art, mentions, claims)


def fill(store: Store, batches: int, per: int, start: int = 0) -> None:
    """``batches`` batches of ``per`` articles, as ingests write them."""
    for b in range(batches):
        store.write([_batch(start + b * per + k) for k in range(per)])


def counts(store: Store) -> tuple[int, int, int, int]:
    return store.read(lambda con: con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT id) FROM articles), "
        "(SELECT count(*) FROM mentions), (SELECT count(*) FROM claims)").fetchone())


def tables(store: Store) -> dict[str, list]:
    out = {}
    for t in TABLES:
        df = store.table(t)
        out[t] = sorted(map(repr, df.astype(str).itertuples(index=False)))
    return out


def part_files(root: Path) -> int:
    return sum(len(list((root / t).glob("part-*.parquet"))) for t in TABLES)


def test_compact_merges_small_batches_and_every_answer_stays(tmp_path):
    store = Store(tmp_path / "store")
    fill(store, 30, 10)
    before, before_counts = tables(store), counts(store)
    assert part_files(store.root) == 90
    report = comp.compact(store, grace=0)
    assert report.merged_batches == 30 and report.merged_into == 1
    assert part_files(store.root) == 3  # the old files deleted: grace 0
    assert tables(store) == before and counts(store) == before_counts == (300, 300, 600, 300)
    assert read_manifest(store.root) == {"retired": {}, "pending": {}}
    again = comp.compact(store, grace=0)  # one batch left: nothing to merge
    assert again.merged_into == 0 and tables(store) == before


def test_runs_respect_the_target_and_leave_large_batches(tmp_path):
    store = Store(tmp_path / "store")
    fill(store, 12, 10)
    one = sum(p.stat().st_size for t in TABLES for p in (store.root / t).glob("part-*.parquet")) / 12
    report = comp.compact(store, grace=0, target=int(one * 4.5))
    assert report.merged_into == 3 and report.merged_batches == 12  # runs of four
    before = tables(store)
    sizes = [sum((store.root / t / f"{p.stem}.parquet").stat().st_size for t in TABLES)
             for p in (store.root / "articles").glob("part-*.parquet")]
    # batches of half the target or more are left as they are
    assert comp.compact(store, grace=0, target=2 * min(sizes)).merged_into == 0
    assert comp.compact(store, grace=0, target=int(one * 100)).merged_batches == 3  # merged again
    assert tables(store) == before and counts(store) == (120, 120, 240, 120)


def test_an_id_stored_twice_by_racing_writers_is_kept_once_as_readers_saw_it(tmp_path):
    store = Store(tmp_path / "store")
    fill(store, 3, 5)
    twin = _batch(2)  # the same id again, with other mentions: readers keep the first batch's
    twin.mentions = twin.mentions * 5
    store.write([twin, _batch(100)])
    before, before_counts = tables(store), counts(store)
    report = comp.compact(store, grace=0)
    assert report.duplicates_dropped == 1
    assert tables(store) == before and counts(store) == before_counts
    ids = pq.read_table(next((store.root / "articles").glob("part-*.parquet"))).column("id").to_pylist()
    assert len(ids) == len(set(ids)) == 16


def test_an_older_file_without_a_later_column_is_merged_with_nulls(tmp_path):
    store = Store(tmp_path / "store")
    fill(store, 3, 4)
    old = sorted((store.root / "claims").glob("part-*.parquet"))[0]
    pq.write_table(pq.read_table(old).drop_columns(["rules"]), old)  # written before claims.rules existed
    before = tables(store)
    assert comp.compact(store, grace=0).merged_batches == 3
    assert tables(store) == before


# ----------------------------------------------------------------------------- readers meanwhile

READER = textwrap.dedent("""
    import sys, time
    from news.store import Store
    from news.store.snapshot import Snapshot
    store = Store(sys.argv[1])
    end = time.time() + float(sys.argv[2])
    while time.time() < end:
        got = store.read(lambda con: con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT id) FROM articles), "
            "(SELECT count(*) FROM mentions), (SELECT count(*) FROM claims)").fetchone())
        print(*got, flush=True)
        snap = Snapshot(sys.argv[1])  # the dashboard's copy, listed and read while files change
        print(*snap.read(lambda con: con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT id) FROM articles), "
            "(SELECT count(*) FROM mentions), (SELECT count(*) FROM claims)").fetchone()), flush=True)
""")


def test_readers_querying_during_compactions_always_get_the_full_count(tmp_path):
    store = Store(tmp_path / "store")
    fill(store, 80, 5)
    full = counts(store)
    assert full == (400, 400, sum(i % 3 + 1 for i in range(400)), 400)
    one = sum(p.stat().st_size for t in TABLES for p in (store.root / t).glob("part-*.parquet")) / 80
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(store.root), "12"], cwd=REPO, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    time.sleep(2)  # the readers are reading
    merged = 0
    # generations: runs of 3, then merged batches merged again, ...; grace 0, so files vanish under readers
    for factor in (3.5, 8, 20, 200):
        merged += comp.compact(store, grace=0, target=int(one * factor),
                               fault=lambda _step: time.sleep(0.01)).merged_into
    assert merged >= 4
    lines = []
    for proc in readers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        lines += out.split()
    seen = [tuple(map(int, line)) for line in zip(*[iter(lines)] * 4, strict=True)]
    assert len(seen) > 10
    assert set(seen) == {full}
    assert part_files(store.root) == 3


# ----------------------------------------------------------------------------- killed at any point


def _steps(tmp_path: Path) -> list[str]:
    """Every point at which a compaction of the standard store calls its fault hook."""
    store = Store(tmp_path / "dry")
    fill(store, 3, 5)
    seen: list[str] = []
    comp.compact(store, grace=0, target=10**9, fault=seen.append)
    return seen


class Boom(BaseException):
    pass


def test_a_compaction_failing_at_any_step_loses_nothing_and_the_next_finishes(tmp_path):
    steps = _steps(tmp_path)
    assert steps[0] == "pending" and steps[-1] == "published" and len(steps) == 14
    for n, step in enumerate(steps):
        store = Store(tmp_path / f"s{n}")
        fill(store, 3, 5)
        before = tables(store)

        calls: list[str] = []

        def fail(at: str, n: int = n, calls: list[str] = calls) -> None:
            calls.append(at)
            if len(calls) == n + 1:
                raise Boom(at)

        with pytest.raises(Boom):
            comp.compact(store, grace=0, target=10**9, fault=fail)
        assert tables(store) == before, step  # readers, right after the failure
        report = comp.compact(Store(store.root), grace=0, target=10**9)
        assert tables(store) == before, step
        assert part_files(store.root) == 3, step
        assert read_manifest(store.root) == {"retired": {}, "pending": {}}
        ids = Store(store.root).table("articles").id
        assert ids.is_unique and len(ids) == 15
        assert report.merged_into + len(report.recovered) + report.deleted_retired >= 1


KILLER = textwrap.dedent("""
    import os, signal, sys
    from news.store import Store
    from news.store import compact
    calls = []
    def fault(step):
        calls.append(step)
        if len(calls) == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)
    compact.compact(Store(sys.argv[1]), grace=0, target=10**9, fault=fault)
""")


@pytest.mark.parametrize("at", [1, 5, 12, 13, 14])  # see _steps: pending, ..., articles written, published
def test_kill_9_mid_compaction_then_the_command_completes_it(tmp_path, at):
    store = Store(tmp_path / "store")
    fill(store, 3, 5)
    before = tables(store)
    env = {**os.environ, "PYTHONPATH": str(REPO), "FOOTPRINT_STORE": str(store.root)}
    killed = subprocess.run([sys.executable, "-c", KILLER, str(store.root), str(at)], cwd=REPO, env=env,
                            capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert tables(Store(store.root)) == before  # whole for readers while nobody has cleaned up
    done = subprocess.run([sys.executable, "-m", "news", "store", "compact", "--grace", "0"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("compacted "), done.stderr
    assert tables(Store(store.root)) == before
    assert part_files(store.root) == 3
    leftovers = [p.name for t in TABLES for p in (store.root / t).iterdir() if p.name.startswith(".")]
    assert leftovers == [] and not list(store.root.glob(".tmp-*"))


# ----------------------------------------------------------------------------- leftovers and the command


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _age(path: Path, seconds: float = 7200) -> Path:
    old = time.time() - seconds
    os.utime(path, (old, old))
    return path


def run(args: list[str], store: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "FOOTPRINT_STORE": str(store), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "news", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)


def test_compact_command_removes_killed_batches_keeps_a_live_writers_files(tmp_path):
    store = Store(tmp_path / "store")
    fill(store, 4, 5)
    before = tables(store)
    claims = store.root / "claims"
    dead = claims / f".tmp-{owner_tag(_dead_pid())}-part-00000000000000000001-deadbeef.parquet"
    dead.write_bytes(b"half a file")
    live = claims / f".tmp-{owner_tag()}-part-99999999999999999999-live0000.parquet"  # this test is alive
    live.write_bytes(b"being written")
    orphan = next(claims.glob("part-*.parquet"))
    killed = claims / "part-00000000000000000002-0bad0bad.parquet"  # a batch killed before its articles file
    killed.write_bytes(orphan.read_bytes())
    _age(killed)
    young = claims / "part-99999999999999999998-young000.parquet"  # maybe an ingest writing it now
    young.write_bytes(orphan.read_bytes())
    out = run(["store", "compact", "--grace", "0"], store.root)
    assert out.returncode == 0, out.stderr
    (line,) = out.stderr.splitlines()
    assert line.startswith("compacted 4 batches into 1: ")
    assert "removed 1 temporary files of killed runs" in line and "removed 1 batches killed before" in line
    assert not dead.exists() and not killed.exists()
    assert live.exists() and young.exists()
    assert tables(store) == before


def test_compact_command_waits_out_the_grace_and_a_second_one_is_refused(tmp_path):
    store = Store(tmp_path / "store")
    fill(store, 3, 5)
    with comp.locked(store.root):
        busy = run(["store", "compact"], store.root)
    assert busy.returncode == 1 and busy.stderr.startswith("error: another compaction of "), busy.stderr
    started = time.monotonic()
    out = run(["store", "compact", "--grace", "1.5"], store.root)
    assert out.returncode == 0 and time.monotonic() - started >= 1.5, out.stderr
    assert out.stderr.splitlines()[0].startswith("waiting 1.5s before deleting 9 merged files")
    assert "deleted 9 merged files" in out.stderr
    assert part_files(store.root) == 3
    assert run(["store", "compact", "--grace", "-1"], store.root).returncode == 2
    assert run(["store", "compact", "--store", str(tmp_path / "none")], store.root).returncode == 2


def test_ctrl_c_while_waiting_leaves_the_old_files_to_the_next_compaction(tmp_path):
    store = Store(tmp_path / "store")
    fill(store, 3, 5)
    before = tables(store)
    env = {**os.environ, "FOOTPRINT_STORE": str(store.root), "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "news", "store", "compact", "--grace", "600"], cwd=REPO,
                            env=env, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stderr is not None
    assert proc.stderr.readline().startswith("waiting 600s")
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130 and err.startswith("interrupted: the store is whole"), err
    assert "Traceback" not in err
    assert part_files(store.root) == 12 and tables(store) == before  # retired, still on disk, not read
    assert len(read_manifest(store.root)["retired"]) == 3
    manifest = json.loads((store.root / MANIFEST).read_text())
    manifest["retired"] = {k: 0 for k in manifest["retired"]}  # as if retired long ago
    (store.root / MANIFEST).write_text(json.dumps(manifest))
    out = run(["store", "compact", "--grace", "600"], store.root)
    assert out.returncode == 0 and "deleted 9 merged files" in out.stderr, out.stderr
    assert part_files(store.root) == 3 and tables(store) == before


def test_stats_command_text_and_json(tmp_path):
    store = Store(tmp_path / "store")
    fill(store, 4, 6)
    out = run(["store", "stats", "--format", "json"], store.root)
    assert out.returncode == 0, out.stderr
    stats = json.loads(out.stdout)
    assert (stats["articles"], stats["mentions"], stats["claims"]) == (24, 48, 24)
    assert stats["tables"]["articles"]["files"] == 4 and stats["tables"]["claims"]["files"] == 4
    assert stats["bytes"] == sum(p.stat().st_size for t in TABLES for p in (store.root / t).glob("part-*"))
    assert stats["published"] == {"first": "2020-01-01", "last": "2020-12-24", "undated": 0}
    assert stats["actors"] == {"russia": {"claims": 12, "articles": 12, "countries": 1},
                               "wagner": {"claims": 12, "articles": 12, "countries": 1}}
    assert stats["languages"] == {"en": 8, "fr": 8, "ru": 8}
    text = run(["store", "stats"], store.root)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[1] == "articles   24 (published 2020-01-01 to 2020-12-24; 0 undated)"
    assert lines[4].startswith("on disk    ") and "in 12 batch files: articles 4 (" in lines[4]
    assert "wagner: 12 claims in 12 articles, 1 countries" in text.stdout
    assert run(["store", "compact", "--grace", "0"], store.root).returncode == 0
    after = json.loads(run(["store", "stats", "--format", "json"], store.root).stdout)
    assert after["tables"]["articles"]["files"] == 1
    assert {k: after[k] for k in ("articles", "mentions", "claims", "actors", "languages", "published")} == \
        {k: stats[k] for k in ("articles", "mentions", "claims", "actors", "languages", "published")}
    empty = json.loads(run(["store", "stats", "--format", "json"], tmp_path / "empty").stdout)
    assert empty["articles"] == 0 and empty["bytes"] == 0 and empty["published"]["first"] is None


def test_a_reader_whose_files_were_merged_and_deleted_lists_again(tmp_path):
    store = Store(tmp_path / "store")
    fill(store, 5, 4)
    full = counts(store)
    stale = store.connect()  # listed before the compaction
    comp.compact(Store(store.root), grace=0)
    with pytest.raises(duckdb.IOException):  # what a reader without Store.read meets
        stale.execute("SELECT count(*) FROM mentions").fetchone()
    stale.close()
    fill(store, 5, 4, start=1000)
    calls: list[int] = []

    def query(con):
        calls.append(1)
        if len(calls) == 1:  # listed; the files go before the query opens them
            comp.compact(Store(store.root), grace=0)
        return con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT id) FROM articles), "
                           "(SELECT count(*) FROM mentions), (SELECT count(*) FROM claims)").fetchone()

    assert store.read(query) == counts(store) and len(calls) == 2
    assert counts(store)[0] == full[0] * 2


def test_known_ids_of_an_ingest_survive_a_compaction_between_listing_and_reading(tmp_path, monkeypatch):
    store = Store(tmp_path / "store")
    fill(store, 4, 3)
    real_files = Store.files
    done: list[int] = []

    def files_then_compact(self, table, retired=None):
        listed = real_files(self, table, retired)
        if not done:
            done.append(1)
            comp.compact(Store(self.root), grace=0)
        return listed

    monkeypatch.setattr(Store, "files", files_then_compact)
    assert len(store.known_ids()) == 12 and done
