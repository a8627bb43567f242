"""Scale-out: ``ingest --engine dask`` with one and with two worker processes.

Generates a deterministic corpus (``bench/ingest.py``'s generator: en/fr/ru, 150 characters to
4 KB) as one JSONL file, which the engine splits into line-aligned blocks, and ingests it into a
fresh store on a LocalCluster of 1 and then 2 worker processes (``threads_per_worker=1``: the
work is pure Python and holds the GIL). For each it prints articles/s, the peak RSS of each
worker (psutil, sampled on the workers every 0.25 s with ``client.run``), then the speed-up and,
from the measured worker-seconds per article, the worker-hours a 10-million-article archive
needs. Cluster start and cache warm-up are outside the timings; reading, cleaning, extraction,
presence, the transfer of results and the client's Parquet writes are inside.

Run from the repo root: ``python bench/scale.py [--n 50000] [--seed 7] [--partitions N]``.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ARCHIVE = 10_000_000


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def _spin(_=None) -> float:
    t0, x = time.perf_counter(), 0
    for i in range(5_000_000):
        x += i
    return time.perf_counter() - t0


def effective_cores() -> float:
    """How many cores two busy processes really get right now (2.0 on an idle 2-core machine)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin, [0, 1]))  # start-up outside the timing
        one = min(_spin() for _ in range(2))
        t0 = time.perf_counter()
        list(pool.map(_spin, [0, 1]))
        return 2 * one / (time.perf_counter() - t0)


def _cpu() -> float:
    import psutil

    t = psutil.Process().cpu_times()
    return t.user + t.system


def _run(src: Path, store_dir: Path, workers: int, partitions: int | None) -> dict:
    from distributed import Client, LocalCluster

    from news.ingest.dask import PLUGIN_NAME, WarmCaches, run_ingest_dask
    from news.ingest.pipeline import Pipeline
    from news.store import Store

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        client.register_plugin(WarmCaches(Pipeline.from_env()), name=PLUGIN_NAME)  # warm, untimed
        peak: dict[str, int] = {}
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                try:
                    for addr, rss in client.run(_rss).items():
                        peak[addr] = max(peak.get(addr, 0), rss)
                except Exception:  # a missed sample is not a result
                    pass
                stop.wait(0.25)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        store = Store(store_dir)
        cpu0 = client.run(_cpu)
        t0, c0 = time.perf_counter(), time.process_time()
        report = run_ingest_dask([str(src)], store, client=client, partitions=partitions,
                                 err=io.StringIO(), progress=False)
        elapsed, client_cpu = time.perf_counter() - t0, time.process_time() - c0
        worker_cpu = sum(v - cpu0.get(k, 0.0) for k, v in client.run(_cpu).items())
        stop.set()
        sampler.join()
    return {"workers": workers, "seconds": elapsed, "ingested": report.ingested, "errors": report.errors,
            "batches": report.batches, "peak": sorted(peak.values()), "client_cpu": client_cpu,
            "worker_cpu": worker_cpu}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50000, help="articles to generate (default 50000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--partitions", type=int, help="partitions per run (default: the engine's choice)")
    args = ap.parse_args(argv)

    from bench.ingest import corpus
    from news.store import Store

    rows = corpus(args.n, args.seed)
    with tempfile.TemporaryDirectory(prefix="footprint-scale-") as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        size = src.stat().st_size
        del rows
        cores_before = effective_cores()
        runs = [_run(src, Path(tmp) / f"store-{w}", w, args.partitions) for w in (1, 2)]
        cores_after = effective_cores()
        same = len(Store(Path(tmp) / "store-1").known_ids() ^ Store(Path(tmp) / "store-2").known_ids()) == 0

    print(f"corpus: {args.n} articles, {size / 1e6:.1f} MB JSONL, seed {args.seed}; {os.cpu_count()} CPUs")
    print(f"{'workers':>7} {'articles/s':>11} {'seconds':>8} {'worker CPU s':>12} {'client CPU s':>12}"
          "  peak RSS per worker (MB)")
    for r in runs:
        rate = r["ingested"] / r["seconds"]
        peaks = ", ".join(f"{p / 2**20:.0f}" for p in r["peak"]) or "n/a"
        print(f"{r['workers']:>7} {rate:11.0f} {r['seconds']:8.1f} {r['worker_cpu']:12.1f} {r['client_cpu']:12.1f}"
              f"  {peaks}")
    one, two = runs
    speedup = one["seconds"] / two["seconds"]
    print(f"speed-up 2 workers / 1 worker: {speedup:.2f} (target >= 1.6 on 2 cores)")
    print(f"same article ids in both stores: {same}; skipped {one['errors']} / {two['errors']}")
    for r in runs:
        per = r["workers"] * r["seconds"] / r["ingested"]  # worker-seconds (wall) per article
        cpu = r["worker_cpu"] / r["ingested"]
        hours = ARCHIVE * per / 3600
        print(f"from the {r['workers']}-worker run: {1000 * per:.2f} worker-ms (wall) per article, "
              f"{1000 * cpu:.2f} ms CPU -> {ARCHIVE / 1e6:.0f} M articles need {hours:.1f} worker-hours "
              f"({ARCHIVE * cpu / 3600:.1f} at the CPU cost; {hours / 32:.1f} h wall on 32 workers)")
    print(f"client: {1000 * two['client_cpu'] / two['ingested']:.2f} ms CPU per article (results in, Parquet out), "
          "so one client keeps up with about "
          f"{two['worker_cpu'] / max(two['client_cpu'], 1e-9):.0f} workers")
    print(f"effective cores for two busy processes: {cores_before:.2f} before, {cores_after:.2f} after; "
          f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())} (other processes lower the speed-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
