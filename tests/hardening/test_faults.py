"""Faults: kill -9 at random points of an ingest, corrupt batch files, a full disk.

Kill runs are randomised; the seed is printed in the closing summary line and can be fixed
with ``HARDENING_SEED=<n>`` to replay a failure. Disk full is simulated twice: in-process by a
writer that fills half a file and raises ENOSPC (always), and for real on a 200 KB tmpfs
(only where the test may mount one, i.e. as root; skipped otherwise).
"""

from __future__ import annotations

import errno
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from news.store import Store
from tests.hardening import counts

REPO = Path(__file__).resolve().parents[2]
PLACES = ["Mali", "Bamako", "the Central African Republic", "Bangui", "Libya", "Sudan", "Syria", "Mozambique",
          "Burkina Faso", "Niger"]
KILL_RUNS = int(os.environ.get("HARDENING_KILL_RUNS", "3"))


def env_for(store: Path) -> dict[str, str]:
    return {**os.environ, "FOOTPRINT_STORE": str(store), "PYTHONPATH": str(REPO)}


def ingest(sources: list[Path], store: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "news", "ingest", *map(str, sources), *extra], cwd=REPO,
                          env=env_for(store), capture_output=True, text=True, timeout=timeout)


def corpus(folder: Path, n: int, seed: int = 1) -> Path:
    """``n`` JSONL articles (and a few text files) whose claims vary, deterministic for ``seed``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as handle:
        for i in range(n):
            p, q = rng.choice(PLACES), rng.choice(PLACES)
            handle.write(json.dumps({
                "id": f"k-{i}", "date": f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "outlet": "Wire", "url": f"https://wire.example/k/{i}",
                "text": f"Wagner fighters were deployed in {p}, report {i} said. Russian instructors arrived in {q} "
                        f"in week {i % 52}. " + "Markets were calm. " * rng.randint(1, 20),
            }) + "\n")
    for i in range(20):
        (folder / f"note-{i:02d}.txt").write_text(
            f"Convoy {i}\n\nWagner fighters left {rng.choice(PLACES)} in convoy {i}, witnesses said.\n", encoding="utf-8")
    return folder


def tables(store: Path) -> dict[str, list[tuple]]:
    """Each table as a sorted list of rows (a multiset: duplicates would show), ingested_at left out."""
    out = {}
    for name in ("articles", "mentions", "claims"):
        frame = Store(store).table(name).drop(columns=["ingested_at"], errors="ignore")
        frame = frame.astype(object).where(pd.notna(frame), None)
        out[name] = sorted(tuple(str(v) for v in row) for row in frame.itertuples(index=False))
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    root = tmp_path_factory.mktemp("faults")
    source = corpus(root / "corpus", 900)
    store = root / "reference"
    started = time.monotonic()
    done = ingest([source], store, "--batch-size", "40", "--date", "2023-03-03")
    assert done.returncode == 0, done.stderr
    return {"root": root, "source": source, "tables": tables(store), "seconds": time.monotonic() - started}


def test_kill_9_at_random_points_then_rerun_gives_the_same_store(reference):
    seed = int(os.environ.get("HARDENING_SEED") or random.randrange(2**32))
    counts.COUNTS["seed"] = seed
    print(f"kill seed {seed} (HARDENING_SEED={seed} replays it)")
    rng = random.Random(seed)
    span = reference["seconds"]
    for run in range(KILL_RUNS):
        store = reference["root"] / f"killed-{run}-{uuid.uuid4().hex[:6]}"
        for _ in range(rng.randint(1, 3)):  # one to three kills before the rerun that completes
            proc = subprocess.Popen(
                [sys.executable, "-m", "news", "ingest", str(reference["source"]), "--batch-size", "40",
                 "--date", "2023-03-03"], cwd=REPO, env=env_for(store),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.05, span * 1.05))
            alive = proc.poll() is None
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if alive:
                counts.kill_survived()
        final = ingest([reference["source"]], store, "--batch-size", "40", "--date", "2023-03-03")
        assert final.returncode == 0, (seed, run, final.stderr[-2000:])
        assert "Traceback" not in final.stderr
        got = tables(store)
        for name, rows in reference["tables"].items():
            assert got[name] == rows, f"seed {seed} run {run}: {name} differs ({len(got[name])} vs {len(rows)} rows)"


def _batches(store: Path) -> list[str]:
    return sorted(p.stem for p in (store / "articles").glob("part-*.parquet"))


def _rot(path: Path, column: str) -> None:
    """Scramble the data pages of ``column`` but leave the footer intact (bit rot, a bad copy)."""
    meta = pq.ParquetFile(path).metadata
    col = meta.row_group(0).column(meta.schema.names.index(column))
    start = col.dictionary_page_offset or col.data_page_offset
    data = bytearray(path.read_bytes())
    for i in range(start + 30, start + col.total_compressed_size - 2):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def test_corrupt_batch_files_are_reported_and_only_that_batch_ignored(tmp_path):
    source = corpus(tmp_path / "corpus", 60)
    store = tmp_path / "store"
    assert ingest([source], store, "--batch-size", "20").returncode == 0
    full = tables(store)
    names = _batches(store)
    assert len(names) == 4
    half = store / "articles" / f"{names[0]}.parquet"  # half-written: cut in the middle
    half.write_bytes(half.read_bytes()[: half.stat().st_size // 2])
    _rot(store / "claims" / f"{names[1]}.parquet", "evidence")  # footer fine, pages not
    (store / "mentions" / f"{names[2]}.parquet").write_bytes(b"")  # zero bytes
    bad = [half.name, f"{names[1]}.parquet", f"{names[2]}.parquet"]
    counts.hostile(3)

    out = subprocess.run([sys.executable, "-m", "news", "layers"], cwd=REPO, env=env_for(store),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    warned = [ln for ln in out.stderr.splitlines() if ln.startswith("warning: ")]
    assert len(warned) == 3 and all(sum(b in ln for ln in warned) == 1 for b in bad), warned
    assert out.stdout.count("\n") > 1  # the rest of the store still answers

    with pytest.warns(UserWarning):
        got = tables(store)
    assert len(got["articles"]) == len(full["articles"]) - 20  # batch 0 gone (its articles file is the commit)
    assert set(got["claims"]) < set(full["claims"]) and set(got["mentions"]) < set(full["mentions"])
    from news.store import queries

    with pytest.warns(UserWarning):
        assert len(queries.evidence_rows(Store(store))) > 0

    # Rerunning re-ingests the batch whose commit record was lost; the rest is already known.
    rerun = ingest([source], store, "--batch-size", "20")
    assert rerun.returncode == 0, rerun.stderr
    assert "ingested 20, already known 60," in rerun.stderr
    assert sum(ln.startswith("warning: ") for ln in rerun.stderr.splitlines()) <= 3


def _assert_intact_after_disk_full(store: Path, source: Path, reference: dict[str, list[tuple]]) -> None:
    assert not list(store.rglob(".tmp-*")), "a half-written temporary was left behind"
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no file of the store is unreadable
        partial = tables(store)
    assert set(partial["articles"]) <= set(reference["articles"])


def test_disk_full_in_process_is_reported_not_a_corrupt_store(tmp_path, monkeypatch):
    from news import cli
    from news import store as store_module

    source = corpus(tmp_path / "corpus", 120)
    store_dir = tmp_path / "store"
    ref_dir = tmp_path / "ref"
    assert ingest([source], ref_dir, "--batch-size", "30").returncode == 0
    reference = tables(ref_dir)

    real = store_module.pq.write_table
    writes = {"n": 0}

    def filling_writer(table, where, **kwargs):
        writes["n"] += 1
        if writes["n"] > 7:  # the disk fills up in the third batch (3 files a batch), at its mentions
            buf = io.BytesIO()
            real(table, buf, **kwargs)
            Path(where).write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(table, where, **kwargs)

    monkeypatch.setattr(store_module.pq, "write_table", filling_writer)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    code = cli.main(["ingest", str(source), "--store", str(store_dir), "--batch-size", "30"])
    monkeypatch.undo()
    lines = err.getvalue().splitlines()
    assert code == 1
    assert [ln for ln in lines if ln.startswith("error: ")] == [lines[-1]]
    assert "No space left on device" in lines[-1] and "rerun" in lines[-1]
    _assert_intact_after_disk_full(store_dir, source, reference)
    assert len(tables(store_dir)["articles"]) == 60  # two whole batches kept
    rerun = ingest([source], store_dir, "--batch-size", "30")
    assert rerun.returncode == 0 and tables(store_dir) == reference
    counts.hostile()


def test_disk_full_on_a_real_tiny_tmpfs(tmp_path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        source = corpus(tmp_path / "corpus", 1200)
        ref_dir = tmp_path / "ref"
        assert ingest([source], ref_dir, "--batch-size", "100").returncode == 0
        reference = tables(ref_dir)
        store = mnt / "store"
        full = ingest([source], store, "--batch-size", "100")
        assert full.returncode == 1 and "Traceback" not in full.stderr, full.stderr[-2000:]
        assert full.stderr.splitlines()[-1].startswith("error: cannot write to the store"), full.stderr
        assert "No space left on device" in full.stderr
        _assert_intact_after_disk_full(store, source, reference)
        subprocess.run(["mount", "-o", "remount,size=64m", str(mnt)], check=True)
        rerun = ingest([source], store, "--batch-size", "100")
        assert rerun.returncode == 0, rerun.stderr
        assert tables(store) == reference
        counts.hostile()
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


def test_two_overlapping_ingests_end_with_the_same_store(reference):
    """Two cron runs that overlap write some articles twice; readers must still count them once."""
    store = reference["root"] / f"overlap-{uuid.uuid4().hex[:6]}"
    cmd = [sys.executable, "-m", "news", "ingest", str(reference["source"]), "--batch-size", "40",
           "--date", "2023-03-03"]
    procs = [subprocess.Popen(cmd, cwd=REPO, env=env_for(store), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and "Traceback" not in err, err[-2000:]
    assert tables(store) == reference["tables"]
    counts.hostile()
