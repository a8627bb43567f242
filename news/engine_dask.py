"""``python -m news ingest --engine dask``: the same ingest, with reading and processing on Dask.

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

Memory stays bounded: at most ``window`` partitions are in flight or waiting to be committed,
and a committed partition's results are released at once.

fsspec: a source ``proto://...`` whose protocol fsspec knows (``file://``, ``memory://``,
``s3://`` with s3fs installed, ...) other than http(s) is listed on the client and read on the
workers through fsspec; the workers must be able to reach it (``memory://`` is per process, so
only an in-process cluster sees it). The store must be a local or shared POSIX folder: it is
written with ``os.replace`` and read with DuckDB on local paths.
"""

from __future__ import annotations

import io
import math
import os
import re
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from news.sources import JSONL_EXT, KNOWN_EXT, Skipped, Unit, expand, read_unit
from news.store import Batch, BatchWriter, Chunk, Store

PARTITION_BYTES = 32 * 1024 * 1024  # default upper bound of raw input per partition
PARTITIONS_PER_THREAD = 16  # default lower bound: enough pieces to balance the tail
URL_WEIGHT = 64 * 1024  # a URL's unknown size, for partitioning
MIN_WEIGHT = 4 * 1024
PLUGIN_NAME = "footprint-warm-caches"


class EngineError(ValueError):
    """A usage problem of the Dask engine (message says what); the CLI exits with status 2."""


@dataclass(frozen=True, slots=True)
class Piece:
    """One unit, or a byte range of one JSONL file (``start``/``end``; ``end`` None = to EOF).

    ``fs_url`` is set for fsspec sources; ``name`` is how sources and skip lines name it.
    """

    unit: Unit
    name: str
    weight: int
    fs_url: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def is_block(self) -> bool:
        return self.start is not None


# ----------------------------------------------------------------------------- client: planning


def _fsspec_protocol(source: str) -> str | None:
    """The fsspec protocol of ``source`` when fsspec should read it (not http(s))."""
    if "://" not in source:
        return None
    proto = source.split("://", 1)[0].lower()
    if proto in ("http", "https"):
        return None
    try:
        from fsspec.registry import known_implementations, registry
    except ImportError:
        return None
    return proto if proto in known_implementations or proto in registry else None


def _expand_fsspec(source: str) -> list[tuple[Unit, str | None, int]]:
    """Like ``expand`` for one fsspec URL: (unit, fs_url, size); folders walked and sorted."""
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(source)
        proto = source.split("://", 1)[0]
        if fs.isdir(path):
            out = []
            for child, info in sorted(fs.find(path, detail=True).items()):
                rel = child[len(path.rstrip("/")) + 1:].split("/") if child.startswith(path.rstrip("/")) else [child]
                if info.get("type") != "file" or any(p.startswith(".") for p in rel):
                    continue
                if os.path.splitext(child)[1].lower() not in KNOWN_EXT:
                    continue
                url = fs.unstrip_protocol(child) if hasattr(fs, "unstrip_protocol") else f"{proto}://{child}"
                out.append((Unit("file", url), url, int(info.get("size") or 0)))
            return out
        if fs.isfile(path):
            return [(Unit("file", source), source, int(fs.size(path) or 0))]
        return [(Unit("missing", source), None, 0)]
    except ImportError as exc:  # e.g. s3:// without s3fs
        return [(Unit("unsupported:" + str(exc).splitlines()[0][:120], source), None, 0)]
    except Exception as exc:  # noqa: BLE001 - a bad source is one skip, never a crash
        return [(Unit("unsupported:" + (str(exc).splitlines() or [type(exc).__name__])[0][:120], source), None, 0)]


def plan(sources: list[str]) -> list[tuple[Unit, str | None, int]]:
    """Every unit to read in the local engine's order, with its fsspec URL and size."""
    units: list[tuple[Unit, str | None, int]] = []
    for source in sources:
        if _fsspec_protocol(source):
            units.extend(_expand_fsspec(source))
            continue
        for unit in expand([source]):
            size = URL_WEIGHT
            if unit.kind == "file":
                try:
                    size = os.stat(unit.location).st_size
                except OSError:
                    size = 0
            units.append((unit, None, size))
    return units


def _split_points(piece_unit: Unit, fs_url: str | None, size: int, block: int) -> list[int]:
    """Offsets where lines start, about ``block`` bytes apart (0 first)."""
    points = [0]
    if size <= block:
        return points
    if fs_url:
        import fsspec

        opener = fsspec.open(fs_url, "rb")
    else:
        opener = open(piece_unit.location, "rb")  # noqa: SIM115 - closed by the with below
    with opener as fh:
        for k in range(1, math.ceil(size / block)):
            target = k * block
            if target <= points[-1]:
                continue
            fh.seek(target - 1)
            fh.readline()  # to the end of the line that holds byte target-1
            pos = fh.tell()
            if pos >= size:
                break
            if pos > points[-1]:
                points.append(pos)
    return points


def partition(units: list[tuple[Unit, str | None, int]], n: int) -> list[list[Piece]]:
    """Pieces grouped into about ``n`` contiguous partitions of similar input size."""
    total = sum(max(size, MIN_WEIGHT) for _, _, size in units) or 1
    target = max(MIN_WEIGHT, math.ceil(total / max(1, n)))
    pieces: list[Piece] = []
    for unit, fs_url, size in units:
        name = fs_url or (str(Path(unit.location)) if unit.kind == "file" else unit.location)
        is_jsonl = unit.kind == "file" and os.path.splitext(unit.location)[1].lower() in JSONL_EXT
        if is_jsonl and (size > target or fs_url):
            try:
                points = _split_points(unit, fs_url, size, target)
            except OSError:
                points = None
            if points is not None:
                bounds = [*points, None]
                for start, end in zip(bounds[:-1], bounds[1:], strict=True):
                    weight = (end if end is not None else size) - start
                    pieces.append(Piece(unit, name, max(weight, MIN_WEIGHT), fs_url, start, end))
                continue
        pieces.append(Piece(unit, name, max(size, MIN_WEIGHT) if unit.kind == "file" else URL_WEIGHT, fs_url))
    parts: list[list[Piece]] = []
    current: list[Piece] = []
    weight = 0
    for piece in pieces:
        current.append(piece)
        weight += piece.weight
        if weight >= target:
            parts.append(current)
            current, weight = [], 0
    if current:
        parts.append(current)
    return parts


# ----------------------------------------------------------------------------- workers


class _Block:
    """A path-like over bytes already read: what ``iter_jsonl`` needs (``open`` and ``str``)."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.data = name, data

    def open(self, mode: str = "rb") -> io.BytesIO:
        return io.BytesIO(self.data)

    def __str__(self) -> str:
        return self.name


def _read_block(piece: Piece, default_date: date | None) -> tuple[Iterator, int]:
    from news.sources.jsonl import iter_jsonl

    if piece.fs_url:
        import fsspec

        opener = fsspec.open(piece.fs_url, "rb")
    else:
        opener = open(piece.unit.location, "rb")  # noqa: SIM115
    try:
        with opener as fh:
            fh.seek(piece.start or 0)
            data = fh.read() if piece.end is None else fh.read(piece.end - (piece.start or 0))
    except OSError as exc:
        return iter([Skipped(piece.name, "unreadable", f"cannot read ({exc.strerror or exc})")]), 0
    return iter_jsonl(_Block(piece.name, data), default_date=default_date), data.count(b"\n")


def _read_fsspec_file(piece: Piece, default_date: date | None) -> Iterator:
    """A non-JSONL fsspec file: copied (with a text file's sidecar) to a temporary folder and
    read by ``read_unit``, then renamed back to its URL in sources and skip lines."""
    import fsspec

    from news.sources.common import MAX_FILE_BYTES

    url = piece.fs_url
    fs, path = fsspec.core.url_to_fs(url)
    try:
        size = fs.size(path) or 0
        if size > MAX_FILE_BYTES:
            yield Skipped(piece.name, "too large", f"too large ({size} bytes, limit {MAX_FILE_BYTES})")
            return
        with tempfile.TemporaryDirectory(prefix="footprint-fs-") as tmp:
            base = path.rstrip("/").rsplit("/", 1)[-1]
            local = Path(tmp) / base
            local.write_bytes(fs.cat_file(path))
            stem = path[: len(path) - len(os.path.splitext(path)[1])]
            for sidecar in (stem + ".json", path + ".json"):
                try:
                    if fs.isfile(sidecar):
                        (Path(tmp) / sidecar.rsplit("/", 1)[-1]).write_bytes(fs.cat_file(sidecar))
                except OSError:
                    pass
            for item in read_unit(Unit("file", str(local)), default_date=default_date):
                if isinstance(item, Skipped):
                    yield Skipped(item.source.replace(str(local), url, 1), item.kind,
                                  item.reason.replace(str(local), url), item.error)
                else:
                    item.source = item.source.replace(str(local), url, 1)
                    yield item
    except OSError as exc:
        yield Skipped(piece.name, "unreadable", f"cannot read ({exc.strerror or exc})")


def _read_piece(piece: Piece, default_date: date | None) -> tuple[Iterator, int]:
    if piece.unit.kind.startswith("unsupported:"):
        reason = piece.unit.kind.split(":", 1)[1]
        return iter([Skipped(piece.name, "unsupported", f"cannot open with fsspec ({reason})")]), 0
    if piece.is_block:
        return _read_block(piece, default_date)
    if piece.fs_url:
        return _read_fsspec_file(piece, default_date), 0
    return read_unit(piece.unit, default_date=default_date), 0


def work(pieces: list[Piece], known: frozenset[str], default_date: date | None) -> list[tuple]:
    """One partition on a worker: per piece, (skips, processed ``Chunk`` or None, store-known
    count, lines).

    An id the store holds, or one met earlier in this partition, is counted and dropped before
    any processing, as the local engine does. The articles go back as Arrow columns (a
    ``Chunk``), so the client only slices and writes them.
    """
    from news.pipeline import process

    seen: set[str] = set()
    out = []
    for piece in pieces:
        skips: list[Skipped] = []
        done: list[Batch] = []
        dropped = 0
        items, lines = _read_piece(piece, default_date)
        for item in items:
            if isinstance(item, Skipped):
                skips.append(item)
            elif item.id in known or item.id in seen:
                dropped += 1
            else:
                seen.add(item.id)
                mentions, claims = process(item)
                done.append(Batch(item, list(mentions), list(claims)))
        out.append((skips, Chunk.of(done) if done else None, dropped, lines))
    return out


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - dask is a pinned requirement
    WorkerPlugin = object  # type: ignore[assignment,misc]


class WarmCaches(WorkerPlugin):
    """Load the gazetteer and the actor config once per worker process, at worker start.

    Both are ``lru_cache``d per process, so every task on the worker reuses them; warming here
    moves the load out of the first task and fails a worker early if the data is missing.
    ``FOOTPRINT_ACTORS`` of the client, when set, is applied so workers use the same actors.
    """

    name = PLUGIN_NAME

    def __init__(self, actors_path: str | None = None) -> None:
        self.actors_path = actors_path

    def setup(self, worker=None) -> None:
        from geo.gazetteer import load_gazetteer
        from news.actors import load_config

        if self.actors_path and os.environ.get("FOOTPRINT_ACTORS") != self.actors_path:
            os.environ["FOOTPRINT_ACTORS"] = self.actors_path
            load_config.cache_clear()  # a long-lived worker may have loaded another file
        from news.models import Article
        from news.pipeline import process

        load_gazetteer()
        load_config()
        process(Article("warm-up", None, "", "", None, "en", "Wagner fighters were seen in Mali.", "warm-up"))


def cache_stats() -> dict:
    """This process's cache counters (run on each worker with ``client.run``)."""
    from geo.gazetteer import load_gazetteer
    from news.actors import load_config

    gaz, cfg = load_gazetteer.cache_info(), load_config.cache_info()
    return {"pid": os.getpid(), "gazetteer_loads": gaz.misses, "gazetteer_hits": gaz.hits,
            "config_loads": cfg.misses, "config_hits": cfg.hits}


# ----------------------------------------------------------------------------- client: running


def _renumber(entries: list, piece: Piece, offset: int) -> list:
    """Skip lines of a JSONL block numbered from the file's first line, as the local engine."""
    if not offset:
        return entries
    prefix = piece.name + ":"
    fixed = []
    for e in entries:
        if isinstance(e, Skipped) and e.source.startswith(prefix) and e.source[len(prefix):].isdigit():
            e = Skipped(f"{prefix}{int(e.source[len(prefix):]) + offset}", e.kind, e.reason, e.error)
        fixed.append(e)
    return fixed


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
):
    """``news.cli.run_ingest`` on Dask: same report, same store rows, same skip lines.

    ``client`` (a ``distributed.Client``) is used as given; else one is made for ``scheduler``,
    or for a LocalCluster of ``workers`` processes (default: the CPU count).
    """
    from contextlib import ExitStack

    from tqdm import tqdm

    from news.cli import PROGRESS_MIN_ITEMS, IngestReport

    if re.match(r"[A-Za-z][A-Za-z0-9+.-]+:/", str(store.root)):  # s3://b/x arrives as Path("s3:/b/x")
        raise EngineError("the store must be a local or shared folder (fsspec paths are for sources)")
    if partitions is not None and partitions < 1:
        raise EngineError("--partitions must be at least 1")
    if workers is not None and workers < 1:
        raise EngineError("--workers must be at least 1")

    units = plan(sources)
    if progress is None:
        progress = err.isatty() or len(units) >= PROGRESS_MIN_ITEMS

    report = IngestReport()
    with ExitStack() as stack:
        from distributed import as_completed

        client = client or _client(scheduler, workers, stack)
        client.register_plugin(WarmCaches(os.environ.get("FOOTPRINT_ACTORS")), name=PLUGIN_NAME)
        threads = max(1, sum(client.nthreads().values()))
        if partitions is None:
            total = sum(size for _, _, size in units)
            partitions = max(PARTITIONS_PER_THREAD * threads, math.ceil(total / PARTITION_BYTES))
        parts = partition(units, partitions)
        window = max(4, 3 * threads)

        known = store.known_ids()
        [known_f] = client.scatter([frozenset(known)], broadcast=True, hash=False)
        writer = BatchWriter(store, batch_size)

        def say(text: str) -> None:
            if progress:
                bar.write(text, file=err)
            else:
                print(text, file=err, flush=True)

        bar = tqdm(total=len(parts), file=err, disable=not progress, unit="part", leave=False,
                   mininterval=0.5 if err.isatty() else 10.0, dynamic_ncols=True)
        stack.callback(bar.close)
        line_offset: dict[str, int] = {}

        def commit(pieces: list[Piece], result: list) -> None:
            for piece, (skips, chunk, dropped, lines) in zip(pieces, result, strict=True):
                if piece.is_block:
                    offset = line_offset.get(piece.name, 0) if piece.start else 0
                    skips = _renumber(skips, piece, offset)
                    line_offset[piece.name] = offset + lines
                report.known += dropped
                for entry in skips:
                    say(entry.line())
                    (report.skipped if entry.error else report.notices)[entry.kind] += 1
                if chunk is None:
                    continue
                ids = chunk.ids()
                keep = [aid not in known for aid in ids]  # met in an earlier partition of this run
                report.known += keep.count(False)
                known.update(ids)
                chunk = chunk.keep(keep)
                writer.add_chunk(chunk)
                report.ingested += len(chunk)
                report.undated += chunk.undated()

        run_id = uuid.uuid4().hex[:12]  # task keys unique on a shared scheduler
        ahead = as_completed()
        index: dict = {}
        done: dict[int, list] = {}
        submitted = committed = 0

        def submit_more() -> None:
            nonlocal submitted
            while submitted < len(parts) and submitted - committed < window:
                fut = client.submit(work, parts[submitted], known_f, default_date, pure=False,
                                    key=f"footprint-ingest-{run_id}-{submitted}")
                index[fut.key] = submitted
                ahead.add(fut)
                submitted += 1

        submit_more()
        while committed < len(parts):
            fut = next(ahead)
            i = index.pop(fut.key)
            done[i] = fut.result()  # a worker-side bug surfaces here with its traceback
            fut.release()
            bar.update(1)
            while committed in done:
                commit(parts[committed], done.pop(committed))
                committed += 1
            submit_more()
        writer.flush()
        report.batches = writer.batches
    return report
