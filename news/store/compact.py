"""``footprint store compact``: merge runs of small batches into larger ones while readers read.

An ingest writes one file per table per batch (500 articles), so a store that grows by feeds
and small ingests ends up with thousands of small files, and every read lists and opens them
all. Compaction rewrites a run of consecutive small batches as one batch, and removes what
killed writers left (their temporary files, and batches without their articles file).

Why it is safe for a reader at every moment, and for the store if it is killed at any point:

1. The run's members are recorded as ``pending`` under the merged batch's name in the manifest
   (``news.store.MANIFEST``, replaced atomically), so a killed compaction can be finished or
   undone by the next one.
2. The merged batch is written as every batch is (claims, mentions, then the articles file that
   commits it; each file under a temporary name, fsynced, renamed). Its name is its first
   member's followed by ``-c<random>``, which sorts just before that member ("-" < "."): while
   both are visible a reader's "earliest copy of an id wins" picks the merged copy of every id,
   with its mentions and claims, so no row is counted twice or lost.
3. The members move from ``pending`` to ``retired`` in the manifest: readers stop listing their
   files. Only after ``grace`` seconds are the files deleted (a reader that listed them before
   has finished, or lists again: ``Store.read``). A killed compaction leaves retired files that
   the next one deletes once their grace is over.

Only one compaction runs at a time (an ``flock`` on ``.compact.lock``: stdlib, POSIX, released
by the kernel when the process dies, so a killed compaction never blocks the next). Ingests may
run meanwhile: batches they have not committed yet, and those written after the plan, are left
alone, and a run never spans one, so "earliest copy wins" keeps giving the same answer.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from news.store import (
    ADDED_LATER,
    MANIFEST,
    ORPHANS_REPORTED,
    SCHEMAS,
    TABLES,
    TMP_PREFIX,
    Store,
    owner_tag,
    read_manifest,
    writer_gone,
)
from news.store.stats import human_size

LOCK = ".compact.lock"
GRACE_SECONDS = 30.0  # a reader lists and opens its files in well under this (a dashboard copy included)
TARGET_BYTES = 128 * 1024 * 1024  # a merged batch's three files together; a batch of half this is left as is
ROW_GROUP_ROWS = 64_000  # rows buffered before a row group is written: fewer, larger groups read faster
_MERGED = "-c"


class CompactionBusy(Exception):
    """Another compaction holds the store's lock."""


@dataclass(slots=True)
class Report:
    """What a compaction did, for its one-line summary."""

    merged_batches: int = 0  # member batches merged
    merged_into: int = 0  # merged batches written
    files_before: int = 0  # visible batch files (all tables) when it started
    files_after: int = 0
    bytes_before: int = 0
    bytes_after: int = 0
    removed_temporaries: int = 0
    removed_orphans: int = 0  # batches without their articles file (killed ingests or compactions)
    deleted_retired: int = 0  # files of merged batches deleted after their grace period
    waiting_retired: int = 0  # files still within their grace period (the next compaction deletes them)
    duplicates_dropped: int = 0  # second copies of an id (racing writers) not carried into merged batches
    recovered: list[str] = field(default_factory=list)

    def summary(self) -> str:
        line = (f"compacted {self.merged_batches} batches into {self.merged_into}: "
                f"{self.files_before} files ({human_size(self.bytes_before)}) -> "
                f"{self.files_after} files ({human_size(self.bytes_after)})")
        extras = []
        if self.removed_temporaries:
            extras.append(f"removed {self.removed_temporaries} temporary files of killed runs")
        if self.removed_orphans:
            extras.append(f"removed {self.removed_orphans} batches killed before their articles file")
        if self.duplicates_dropped:
            extras.append(f"dropped {self.duplicates_dropped} second copies of an article")
        if self.deleted_retired:
            extras.append(f"deleted {self.deleted_retired} merged files")
        if self.waiting_retired:
            extras.append(f"{self.waiting_retired} merged files kept for readers until the next compaction")
        return line + ("; " + "; ".join(extras) if extras else "")


# ----------------------------------------------------------------------------- the lock


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the store's compaction lock, or raise CompactionBusy at once."""
    import fcntl  # POSIX, as the rest of the store's process checks (os.kill(pid, 0))

    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise CompactionBusy(f"another compaction of {root} is running") from exc
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# ----------------------------------------------------------------------------- the manifest


def write_manifest(root: Path, manifest: dict) -> None:
    """Replace the manifest atomically (a reader sees the old one or the new one, whole)."""
    tmp = root / f"{TMP_PREFIX}{owner_tag()}-{MANIFEST.lstrip('.')}"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, root / MANIFEST)


def _batch_files(root: Path, name: str) -> list[Path]:
    return [root / table / f"{name}.parquet" for table in TABLES]


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return False


def _recover(root: Path, manifest: dict, report: Report) -> None:
    """Finish or undo what a killed compaction left ``pending``.

    Merged batch committed (its articles file exists): its members are retired now, as the
    killed run would have done. Not committed: its partial files are deleted; the members,
    never touched, stay as they are.
    """
    now = time.time()
    for merged, members in list(manifest["pending"].items()):
        if (root / "articles" / f"{merged}.parquet").exists():
            for member in members:
                manifest["retired"].setdefault(member, now)
        else:
            for path in _batch_files(root, merged):
                _unlink(path)
        del manifest["pending"][merged]
        report.recovered.append(merged)
    if report.recovered:
        write_manifest(root, manifest)


def _delete_retired(root: Path, manifest: dict, grace: float, report: Report) -> None:
    """Delete the files of retired batches retired at least ``grace`` seconds ago.

    Claims and mentions before the articles file, as an ingest writes them in reverse: killed
    half-way, a retired batch is still listed in the manifest, so it is finished next time.
    """
    now, changed = time.time(), False
    for name, when in sorted(manifest["retired"].items()):
        try:
            due = now - float(when) >= grace
        except (TypeError, ValueError):
            due = True
        if not due:
            report.waiting_retired += sum(p.exists() for p in _batch_files(root, name))
            continue
        for table in ("claims", "mentions", "articles"):
            report.deleted_retired += _unlink(root / table / f"{name}.parquet")
        del manifest["retired"][name]
        changed = True
    if changed:
        write_manifest(root, manifest)


# ----------------------------------------------------------------------------- leftovers


def _pending_names(root: Path) -> set[str]:
    """Batches an ingest may be writing: named by a temporary file, or with claims or mentions
    files and no articles file (yet)."""
    names: set[str] = set()
    committed = {p.stem for p in (root / "articles").glob("part-*.parquet")}
    for table in TABLES:
        folder = root / table
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if entry.name.startswith(TMP_PREFIX) and "-part-" in entry.name:
                names.add("part-" + entry.name.split("-part-", 1)[1].removesuffix(".parquet"))
            elif table != "articles" and entry.name.startswith("part-") and entry.stem not in committed:
                names.add(entry.stem)
    return names


def _clean_root_temporaries(root: Path) -> int:
    """Temporaries of the manifest left by a killed compaction (``write_manifest``)."""
    removed, now = 0, time.time()
    for entry in root.glob(f"{TMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            if writer_gone(entry.name[len(TMP_PREFIX):], entry.stat().st_mtime, now):
                entry.unlink()
                removed += 1
    return removed


def _remove_orphans(store: Store, report: Report) -> None:
    """Delete the claims and mentions files of batches killed before their articles file, once
    old enough that no running ingest can be writing them (``Store.orphan_batches``)."""
    orphans = store.orphan_batches()
    for name in orphans:
        for table in ("claims", "mentions"):
            _unlink(store.root / table / f"{name}.parquet")
    report.removed_orphans += len(orphans)
    if orphans:  # they are gone: no need to remember having named them
        marker = store.root / ORPHANS_REPORTED
        with contextlib.suppress(OSError):
            kept = [b for b in marker.read_text(encoding="utf-8").split() if b not in set(orphans)]
            marker.write_text("".join(f"{b}\n" for b in kept), encoding="utf-8")


# ----------------------------------------------------------------------------- planning


@dataclass(slots=True)
class Member:
    name: str
    size: int  # bytes of its files, all tables


def plan(store: Store, target: int = TARGET_BYTES) -> list[list[Member]]:
    """Runs of consecutive (in name order) committed small batches to merge, each of at most
    ``target`` bytes and two batches or more.

    A run ends at a large batch (half the target or more: rewriting it gains little), at a batch
    an ingest may still be writing (``_pending_names``), and at a batch with a file readers
    ignore (unreadable, or columns not of its table: it is left for a person to look at, never
    deleted by us).
    """
    root = store.root
    retired = frozenset(read_manifest(root)["retired"])
    readable = {t: {p.stem for p in store.files(t, retired)} for t in TABLES}
    stops = _pending_names(root)
    committed = sorted(readable["articles"])
    events = sorted([(n, "batch") for n in committed] + [(n, "stop") for n in stops if n not in readable["articles"]])
    runs: list[list[Member]] = []
    run: list[Member] = []
    total = 0

    def close() -> None:
        nonlocal run, total
        if len(run) >= 2:
            runs.append(run)
        run, total = [], 0

    for name, kind in events:
        if kind == "stop":
            close()
            continue
        files = _batch_files(root, name)
        bad = any(p.exists() and p.stem not in readable[t] for t, p in zip(TABLES, files, strict=True))
        size = sum(p.stat().st_size for p in files if p.exists())
        if bad or size >= target / 2:
            close()
            continue
        if total + size > target:
            close()
        run.append(Member(name, size))
        total += size
    close()
    return runs


# ----------------------------------------------------------------------------- merging


def _conformed(table: pa.Table, name: str) -> pa.Table:
    """``table`` with exactly its table's columns and types (an older file may lack an
    ``ADDED_LATER`` column, or hold another width of the same kind)."""
    schema = SCHEMAS[name]
    cols = []
    for fld in schema:
        if fld.name in table.column_names:
            cols.append(table.column(fld.name).cast(fld.type, safe=False))
        elif fld.name in ADDED_LATER[name]:
            cols.append(pa.nulls(table.num_rows, fld.type))
        else:  # pragma: no cover - plan() leaves out files readers would ignore
            raise ValueError(f"{name} file without {fld.name}")
    return pa.Table.from_arrays(cols, schema=schema)


class _Writer:
    """One merged file: a temporary written in large row groups, fsynced, then renamed."""

    def __init__(self, root: Path, table: str, name: str) -> None:
        folder = root / table
        folder.mkdir(parents=True, exist_ok=True)
        self.final = folder / f"{name}.parquet"
        self.tmp = folder / f"{TMP_PREFIX}{owner_tag()}-{name}.parquet"
        self.table = table
        self.buffer: list[pa.Table] = []
        self.buffered = 0
        self.rows = 0
        self.writer = pq.ParquetWriter(self.tmp, SCHEMAS[table], compression="zstd")

    def add(self, data: pa.Table) -> None:
        if data.num_rows:
            self.buffer.append(data)
            self.buffered += data.num_rows
            self.rows += data.num_rows
        if self.buffered >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self.writer.write_table(pa.concat_tables(self.buffer), row_group_size=max(self.buffered, 1))
        self.buffer, self.buffered = [], 0

    def commit(self) -> None:
        self._flush()
        self.writer.close()
        with open(self.tmp, "rb") as handle:
            os.fsync(handle.fileno())
        if self.rows or self.table == "articles":
            os.replace(self.tmp, self.final)
        else:  # no rows: no file, as an ingest writes none
            self.tmp.unlink()

    def abandon(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()
        with contextlib.suppress(OSError):
            self.tmp.unlink()


def merged_name(first: str) -> str:
    """The merged batch's name: its first member's and a random suffix, so it sorts just before
    that member (see the module's docstring, point 2)."""
    return f"{first}{_MERGED}{uuid.uuid4().hex[:8]}"


def merge(root: Path, members: list[Member], name: str, report: Report,
          fault: Callable[[str], None] = lambda _step: None) -> None:
    """Write ``members`` as the batch ``name``: claims, mentions, then articles (the commit).

    Of an id held by several members only the first member's copy is kept, with that member's
    mentions and claims: what readers choose. ``fault`` is called between steps (tests kill
    or raise there)."""
    kept: list[pa.Array] = []  # per member, the ids whose copy is its own
    seen: set[str] = set()
    for m in members:
        ids = pq.read_table(root / "articles" / f"{m.name}.parquet", columns=["id"]).column("id").to_pylist()
        own = []
        for aid in ids:
            if aid not in seen:
                seen.add(aid)
                own.append(aid)
        report.duplicates_dropped += len(ids) - len(own)
        kept.append(pa.array(own, pa.string()))
    for table in ("claims", "mentions", "articles"):
        key = "id" if table == "articles" else "article_id"
        out = _Writer(root, table, name)
        try:
            for m, own in zip(members, kept, strict=True):
                path = root / table / f"{m.name}.parquet"
                if not path.exists():
                    continue
                data = _conformed(pq.read_table(path), table)
                data = data.filter(pc.is_in(data.column(key), value_set=own))
                if table == "articles":  # one row per id, as readers see it
                    data = data.take(_first_rows(data.column("id").to_pylist()))
                out.add(data)
                fault(f"{table}:{m.name}")
            out.commit()
        except BaseException:
            out.abandon()
            raise
        fault(f"{table} written")


def _first_rows(ids: list[str]) -> list[int]:
    seen: set[str] = set()
    rows = []
    for i, aid in enumerate(ids):
        if aid not in seen:
            seen.add(aid)
            rows.append(i)
    return rows


# ----------------------------------------------------------------------------- the command


def visible_files(store: Store) -> tuple[int, int]:
    """Number and bytes of the batch files readers list now (all tables)."""
    retired = frozenset(read_manifest(store.root)["retired"])
    n = size = 0
    for table in TABLES:
        for path in store.files(table, retired):
            with contextlib.suppress(OSError):
                size += path.stat().st_size
                n += 1
    return n, size


def compact(store: Store, *, grace: float = GRACE_SECONDS, target: int = TARGET_BYTES,
            wait: Callable[[float], None] = time.sleep, say: Callable[[str], None] = lambda _line: None,
            fault: Callable[[str], None] = lambda _step: None) -> Report:
    """Compact ``store`` (see the module docstring); raises CompactionBusy if one already runs.

    After publishing, waits out ``grace`` (with ``wait``) and deletes the merged batches' old
    files; interrupted while waiting, those files stay retired and the next compaction deletes
    them. ``say`` gets progress lines; ``fault(step)`` is for tests.
    """
    root = store.root
    report = Report()
    with locked(root):
        manifest = read_manifest(root)
        _recover(root, manifest, report)
        report.removed_temporaries = len(store.clean_temporaries()) + _clean_root_temporaries(root)
        _remove_orphans(store, report)
        report.files_before, report.bytes_before = visible_files(store)
        _delete_retired(root, manifest, grace, report)
        for run in plan(store, target):
            name = merged_name(run[0].name)
            manifest["pending"][name] = [m.name for m in run]
            write_manifest(root, manifest)
            fault("pending")
            merge(root, run, name, report, fault)
            now = time.time()
            for m in run:
                manifest["retired"][m.name] = now
            del manifest["pending"][name]
            write_manifest(root, manifest)
            fault("published")
            report.merged_batches += len(run)
            report.merged_into += 1
        report.files_after, report.bytes_after = visible_files(store)
        waiting = sum(p.exists() for name in manifest["retired"] for p in _batch_files(root, name))
        if waiting and grace > 0:
            say(f"waiting {grace:g}s before deleting {waiting} merged files (readers may still hold them; "
                "Ctrl-C leaves them to the next compaction)")
            wait(grace)
        report.waiting_retired = 0
        _delete_retired(root, manifest, grace, report)
    return report
