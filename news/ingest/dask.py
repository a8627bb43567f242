"""``footprint ingest --engine dask``: the same ingest, with reading and processing on Dask.

What runs where, and why:

- **Client** (the ``python -m news`` process): expands the sources into units (files, URLs,
  fsspec URLs), splits large JSONL files into byte-range blocks at line boundaries, groups the
  pieces into contiguous partitions, reads ``store.known_ids()`` once and broadcasts it.
- **Workers**: read their partition's pieces with ``news.sources.read_unit`` (or the JSONL
  reader on a block), drop ids the store already holds (and repeats within the partition)
  *before* the heavy work, and run ``news.pipeline.process`` on the rest. The gazetteer and
  the actor config are loaded once per worker process (their ``lru_cache``), warmed at worker
  start by :class:`WarmCaches`.
- **Client again**: results stream back with ``as_completed`` through a bounded window of
  partitions in flight, and are *committed in partition order* through the ordinary
  ``BatchWriter``. Workers send their articles back as Arrow columns (``news.store.Chunk``), not
  as Python objects, so the client's share is dropping ids an earlier partition already gave,
  slicing at batch boundaries and writing Parquet: about 0.07 ms per article against a worker's
  1.4 ms (bench/scale.py),
  which is what lets two workers on two cores come near twice one. Store writes stay on the
  client on purpose: the store's atomicity (tmp name + rename, articles file last) and its
  idempotence (known ids dropped, first copy of an id wins) are exactly those of the local
  engine, and committing in source order makes the outcome identical to a local run: the same
  article wins when two sources carry the same id, the same batches of ``batch_size`` are
  written, the same ``skipped ...`` lines are printed in the same order, and the same summary
  closes the run.

Planning and the workers' share (``news.ingest.partitions``) and the in-order commit
(``news.ingest.commit``) are shared with the local process pool (``news.ingest.pool``,
``ingest --jobs N``), so both engines equal a
sequential run for the same reasons.

Memory stays bounded: at most ``window`` partitions are in flight or waiting to be committed,
and a committed partition's results are released at once.

fsspec: a source ``proto://...`` whose protocol fsspec knows (``file://``, ``memory://``,
``s3://`` with s3fs installed, ...) other than http(s) is listed on the client and read on the
workers through fsspec; the workers must be able to reach it (``memory://`` is per process, so
only an in-process cluster sees it). The store must be a local or shared POSIX folder: it is
written with ``os.replace`` and read with DuckDB on local paths.
"""

from __future__ import annotations

import math
import os
import re
import sys
import uuid
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from news.ingest.commit import Committer
from news.ingest.partitions import partition, plan, work
from news.ingest.pipeline import Pipeline
from news.ingest.report import PROGRESS_MIN_ITEMS, IngestReport, progress_bar
from news.store import BatchWriter, Store

PARTITION_BYTES = 32 * 1024 * 1024  # default upper bound of raw input per partition
PARTITIONS_PER_THREAD = 16  # default lower bound: enough pieces to balance the tail
PLUGIN_NAME = "footprint-warm-caches"


class EngineError(ValueError):
    """A usage problem of the Dask engine (message says what); the CLI exits with status 2."""


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - dask is a pinned requirement
    WorkerPlugin = object  # type: ignore[assignment,misc]


class WarmCaches(WorkerPlugin):
    """Load the gazetteer and the actor config once per worker process, at worker start.

    Both are ``lru_cache``d per process, so every task on the worker reuses them; warming here
    moves the load out of the first task and fails a worker early if the data is missing.
    ``pipeline`` is the client's (the same one every task carries).
    """

    name = PLUGIN_NAME

    def __init__(self, pipeline: Pipeline | None = None) -> None:
        self.pipeline = pipeline or Pipeline()

    def setup(self, worker=None) -> None:
        self.pipeline.warm()


def cache_stats() -> dict:
    """This process's cache counters (run on each worker with ``client.run``)."""
    from geo.gazetteer import load_gazetteer
    from news.actors import load_config

    gaz, cfg = load_gazetteer.cache_info(), load_config.cache_info()
    return {"pid": os.getpid(), "gazetteer_loads": gaz.misses, "gazetteer_hits": gaz.hits,
            "config_loads": cfg.misses, "config_hits": cfg.hits}


# ----------------------------------------------------------------------------- client: running


def _client(scheduler: str | None, workers: int | None, stack):
    from distributed import Client, LocalCluster

    if scheduler:
        return stack.enter_context(Client(scheduler))
    import logging

    n = workers or os.cpu_count() or 1
    # Worker logs stay quiet (shutdown races log heartbeat tracebacks); a worker that dies
    # still surfaces on the client, as the task's error.
    cluster = stack.enter_context(LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                               dashboard_address=None, silence_logs=logging.CRITICAL))
    return stack.enter_context(Client(cluster))


def run_ingest_dask(
    sources: list[str],
    store: Store,
    *,
    default_date: date | None = None,
    batch_size: int = 500,
    err: TextIO = sys.stderr,
    progress: bool | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    partitions: int | None = None,
    client=None,
    follow_links: bool = False,
    allow_hosts: Sequence[str] = (),
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """``news.ingest.local.run_ingest`` on Dask: same report, same store rows, same skip lines.

    ``client`` (a ``distributed.Client``) is used as given; else one is made for ``scheduler``,
    or for a LocalCluster of ``workers`` processes (default: the CPU count). ``pipeline``
    processes each article (default: ``Pipeline.from_env()``), sent to the workers with each task.
    """
    from contextlib import ExitStack

    if re.match(r"[A-Za-z][A-Za-z0-9+.-]+:/", str(store.root)):  # s3://b/x arrives as Path("s3:/b/x")
        raise EngineError("the store must be a local or shared folder (fsspec paths are for sources)")
    if partitions is not None and partitions < 1:
        raise EngineError("--partitions must be at least 1")
    if workers is not None and workers < 1:
        raise EngineError("--workers must be at least 1")

    units = plan(sources, follow_links=follow_links)
    if progress is None:
        progress = err.isatty() or len(units) >= PROGRESS_MIN_ITEMS

    report = IngestReport()
    with ExitStack() as stack:
        from distributed import as_completed

        client = client or _client(scheduler, workers, stack)
        pipeline = pipeline or Pipeline.from_env()
        client.register_plugin(WarmCaches(pipeline), name=PLUGIN_NAME)
        threads = max(1, sum(client.nthreads().values()))
        if partitions is None:
            total = sum(size for _, _, size in units)
            partitions = max(PARTITIONS_PER_THREAD * threads, math.ceil(total / PARTITION_BYTES))
        parts = partition(units, partitions)
        window = max(4, 3 * threads)

        known = store.known_ids()
        [known_f] = client.scatter([frozenset(known)], broadcast=True, hash=False)
        writer = BatchWriter(store, batch_size)

        bar, say = progress_bar(len(parts), err, progress, "part")
        stack.callback(bar.close)
        committer = Committer(parts, report, writer, known, say)

        run_id = uuid.uuid4().hex[:12]  # task keys unique on a shared scheduler
        ahead = as_completed()
        index: dict = {}
        submitted = 0

        def submit_more() -> None:
            nonlocal submitted
            while submitted < len(parts) and submitted - committer.committed < window:
                fut = client.submit(work, parts[submitted], known_f, default_date, tuple(allow_hosts), pipeline, pure=False,
                                    key=f"footprint-ingest-{run_id}-{submitted}")
                index[fut.key] = submitted
                ahead.add(fut)
                submitted += 1

        submit_more()
        while committer.committed < len(parts):
            fut = next(ahead)
            i = index.pop(fut.key)
            result = fut.result()  # a worker-side bug surfaces here with its traceback
            fut.release()
            bar.update(1)
            committer.receive(i, result)
            submit_more()
        writer.flush()
        report.settle(committer.repeats, store, say)
        report.batches = writer.batches
    return report
