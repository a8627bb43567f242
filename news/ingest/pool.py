"""``footprint ingest --jobs N``: the local engine on N processes of this machine.

Extraction and presence are pure Python and hold the GIL, so one process uses one core. This
engine runs them in a ``ProcessPoolExecutor`` and keeps everything else as it is: the input is
planned and cut into contiguous partitions, each worker reads its partition, drops the ids the
store already holds *before* processing (a re-ingest costs reading only) and returns Arrow
``Chunk``s, and this process commits the results *in partition order* through the ordinary
``BatchWriter`` (``news.ingest.partitions`` and ``news.ingest.commit``, shared with the Dask
engine). So the store rows, the
batches, the ``skipped ...`` lines and the summary are those of ``--jobs 1``, which is the
sequential ``news.ingest.local.run_ingest`` itself.

Start method, and why the order of the first steps matters:

- **fork** (Linux): this process loads the gazetteer and the actor config first (one call of
  ``process``), then forks the workers, which inherit both already loaded (no per-worker load,
  pages shared until written). Forking a process whose DuckDB or Arrow thread pools are running
  is unsafe (a lock held by one of those threads stays held in the child), so the workers are
  forked *before* this process reads the store's known ids or writes anything, and no store is
  touched until then. A caller that has already used DuckDB or Arrow in this process (a notebook,
  a long-lived service) should pass ``start_method="spawn"`` or ``"forkserver"``.
- **spawn** (elsewhere, or on request): each worker starts a fresh interpreter and loads the
  caches in its initializer (about a second, in parallel).

Either way the workers get the client's ``Pipeline`` (its actor file and gazetteer), with each
task, so they process as the client would.

The known ids reach the workers as one snapshot, read once here after the fork and written to a
private temporary file (named with this process's pid, so that the next ingest can delete it if
this one is killed: ``clean_known_files``) that each worker loads at its first partition: the store is read once
(its first read of a file verifies every page) rather than once per worker, no worker touches
DuckDB, and every worker sees the same set, as Dask's broadcast does. Ids met in an earlier
partition of this run are dropped at commit, so the first copy in source order wins.

Failure: a worker that dies (killed, out of memory) breaks the pool; the run stops with a
``PoolError`` (one ``error:`` line from the CLI, exit 1) instead of waiting. Workers ignore
Ctrl-C (this process handles it: the workers are terminated and the batches already written stay
valid), and each watches its parent: if the parent is killed outright, they exit within a second.
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path
from typing import TextIO

from news.ingest.commit import Committer
from news.ingest.partitions import MIN_WEIGHT, partition, plan, work
from news.ingest.pipeline import Pipeline
from news.ingest.report import PROGRESS_MIN_ITEMS, IngestReport, progress_bar
from news.store import BatchWriter, Store, owner_tag, writer_gone

PARTITION_BYTES = 256 * 1024  # upper bound of raw input per partition (~250 articles, ~0.2 s of work)
PARTITIONS_PER_JOB = 8  # lower bound: enough partitions that no worker idles long at the end
PARENT_POLL_SECONDS = 0.5
KNOWN_PREFIX = "footprint-known-"  # + owner_tag(): whose file it is, for clean_known_files
# Without --jobs, the pool from this much input on. Measured with the command (bench/ingest.py's
# corpus, 2 idle cores, best of 3): 0.27 MB took 1.18 s on 2 processes vs 1.14 s on one, 0.92 MB
# 1.39 vs 1.46 s, 1.9 MB 1.98 vs 2.65 s, 9.4 MB 4.68 vs 7.28 s. Break-even is near 0.5 MB (starting
# the workers and sending results back cost about 0.2 s of CPU in all); from 1 MB the pool
# pays on an idle machine, and below it the most it could save is a few tenths of a second.
AUTO_MIN_BYTES = 1024 * 1024


class PoolError(RuntimeError):
    """The pool could not finish the run (a worker died); the message says what to do."""


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, which containers often narrow)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def input_weight(units: list) -> int:
    """The planned input in bytes as partitioning weighs it (a file at least 4 KB, a URL 64 KB),
    so a folder of many tiny files counts for its number of files, not only their bytes."""
    return sum(max(size, MIN_WEIGHT) for _, _, size in units)


def auto_jobs(units: list) -> int:
    """Worker processes for an ingest without ``--jobs``: one per CPU when the input is large
    enough for the pool to pay for itself, else 1 (the sequential engine)."""
    cpus = available_cpus()
    return cpus if cpus > 1 and input_weight(units) >= AUTO_MIN_BYTES else 1


def default_start_method() -> str:
    return "fork" if sys.platform.startswith("linux") else "spawn"


# ----------------------------------------------------------------------------- workers

_known_cache: dict[str | None, frozenset[str]] = {None: frozenset()}


def _watch_parent(parent: int) -> None:
    """Exit when the parent is gone (killed with SIGKILL, no chance to stop us): no orphans."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def _init_worker(parent: int | None, pipeline: Pipeline | None) -> None:
    """Worker start: Ctrl-C left to the parent, the parent watched, caches warmed (``pipeline``;
    None when forked from a warm parent).

    ``parent`` is the client's pid; None under forkserver, where the parent is the server
    (which exits when the client does).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the client decides
    if parent is None:
        parent = os.getppid()
    elif os.getppid() != parent:  # the client died before we got here
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="footprint-parent-watch", daemon=True).start()
    if pipeline is not None:
        pipeline.warm()


def _known(path: str | None) -> frozenset[str]:
    """The run's snapshot of stored ids, loaded once per worker."""
    if path not in _known_cache:
        with open(path, "rb") as fh:
            _known_cache.clear()  # one run's snapshot at a time
            _known_cache[None] = frozenset()
            _known_cache[path] = frozenset(pickle.load(fh))
    return _known_cache[path]


def _task(pieces: list, known_path: str | None, default_date: date | None,
          allow_hosts: tuple[str, ...] = (), pipeline: Pipeline | None = None) -> list[tuple]:
    return work(pieces, _known(known_path), default_date, allow_hosts, pipeline)


def _started() -> int:
    return os.getpid()


# ----------------------------------------------------------------------------- client


def _write_known(known: set[str]) -> str | None:
    if not known:
        return None
    fd, path = tempfile.mkstemp(prefix=f"{KNOWN_PREFIX}{owner_tag()}-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(list(known), fh, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError as exc:
        os.unlink(path)
        raise PoolError(f"cannot write the stored ids for the workers to {path} ({exc.strerror or exc})") from exc
    return path


def clean_known_files(folder: str | os.PathLike | None = None) -> list[Path]:
    """Delete the known-id files (``_write_known``) of runs that are gone; returns them.

    A run deletes its own when it ends, but a killed one (SIGKILL, out of memory, power) cannot,
    and each left a copy of every stored id in the temporary folder. The name carries the
    writer's pid, so a running ingest's file is never taken (``news.store.writer_gone``); only
    this user's files are looked at. ``folder`` defaults to the system's temporary folder.
    """
    removed, now = [], time.time()
    uid = getattr(os, "getuid", lambda: None)()
    for entry in Path(folder or tempfile.gettempdir()).glob(f"{KNOWN_PREFIX}*.pickle"):
        with contextlib.suppress(OSError):  # gone already, or not ours to delete
            st = entry.lstat()
            if (uid is None or st.st_uid == uid) and writer_gone(entry.name[len(KNOWN_PREFIX):], st.st_mtime, now):
                entry.unlink()
                removed.append(entry)
    return removed


_stopped_mid_work = False


def stopped_mid_work() -> bool:
    """Whether a pool was stopped with work in flight in this process (the command line then exits with ``os._exit``).

    A worker terminated while it sends a result leaves half a message in the result pipe; the
    executor's manager thread then waits in ``recv`` for the rest forever, and the interpreter's
    exit handler joins that thread: the process would hang after its last line. Seen under load
    on Ctrl-C; the command line then ends with ``os._exit`` once its output is flushed.
    """
    return _stopped_mid_work


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop at once: cancel what is queued and terminate the workers (a run left half-way is
    resumed by running it again; every batch written is whole)."""
    global _stopped_mid_work
    _stopped_mid_work = True
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        proc.terminate()
    for proc in processes:
        proc.join(5)


def _drive(pool: ProcessPoolExecutor, committer: Committer, window: int, args: tuple,
           done: Callable[[int], object]) -> None:
    """Keep up to ``window`` partitions submitted and not yet committed; commit as they allow."""
    parts = committer.parts
    running: dict[Future, int] = {}
    submitted = 0
    while committer.committed < len(parts):
        while submitted < len(parts) and submitted - committer.committed < window:
            running[pool.submit(_task, parts[submitted], *args)] = submitted
            submitted += 1
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for fut in sorted(finished, key=running.__getitem__):
            result = fut.result()  # an exception raised by the work itself comes with its traceback
            committer.receive(running.pop(fut), result)
            done(1)


def run_ingest_pool(
    sources: list[str],
    store: Store,
    *,
    jobs: int,
    default_date: date | None = None,
    batch_size: int = 500,
    err: TextIO = sys.stderr,
    progress: bool | None = None,
    partitions: int | None = None,
    start_method: str | None = None,
    units: list | None = None,
    allow_hosts: Sequence[str] = (),
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """``news.ingest.local.run_ingest`` on ``jobs`` worker processes: same report, rows and skip lines.

    ``partitions`` overrides how many pieces the input is cut into (tests use it to force many);
    ``units`` is ``plan(sources, fsspec=False)`` when the caller already has it; ``pipeline``
    processes each article (default: ``Pipeline.from_env()``).
    """
    import multiprocessing

    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    units = plan(sources, fsspec=False) if units is None else units
    if progress is None:
        progress = err.isatty() or len(units) >= PROGRESS_MIN_ITEMS
    if partitions is None:
        partitions = max(PARTITIONS_PER_JOB * jobs, math.ceil(input_weight(units) / PARTITION_BYTES))
    parts = partition(units, partitions)
    jobs = max(1, min(jobs, len(parts)))
    window = 2 * jobs + 2  # partitions in flight or waiting for an earlier one: memory stays bounded

    method = start_method or default_start_method()
    pipeline = pipeline or Pipeline.from_env()
    if method == "fork":
        pipeline.warm()  # inherited by the workers
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method), initializer=_init_worker,
                               initargs=(None if method == "forkserver" else os.getpid(),
                                         None if method == "fork" else pipeline))
    report = IngestReport()
    writer = BatchWriter(store, batch_size)
    known_path: str | None = None
    bar = None
    try:
        pool.submit(_started)  # with fork, this forks every worker now, before the store is touched
        known = store.known_ids()
        known_path = _write_known(known)
        bar, say = progress_bar(len(parts), err, progress, "part")

        committer = Committer(parts, report, writer, known, say)
        _drive(pool, committer, window, (known_path, default_date, tuple(allow_hosts), pipeline), bar.update)
        writer.flush()
        report.settle(committer.repeats, store, say)
    except KeyboardInterrupt:  # Ctrl-C: the workers ignore it; stop them and keep what is written
        _stop(pool)
        report.interrupt(writer)
    except BrokenProcessPool as exc:  # from a result, or from submit once the pool knows
        _stop(pool)
        raise PoolError("a worker process ended unexpectedly (killed, or out of memory?); the batches "
                        "written before are intact: rerun to add the rest") from exc
    except BaseException:
        _stop(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        report.batches = writer.batches
        if bar is not None:
            bar.close()
        if known_path:
            try:
                os.unlink(known_path)
            except OSError:
                pass
    return report
