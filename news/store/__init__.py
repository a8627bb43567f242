"""The store: an append-only Parquet dataset (articles/, mentions/, claims/) read with DuckDB.

Why these rules:
- One file per ingest batch per table, written under a hidden ``.tmp-<pid>@<host>-`` name and
  ``os.replace``d into place: readers never see half a file, and a crash leaves at most a
  hidden leftover. Readers skip such files without a word (they may be a running ingest's, and
  the reader can do nothing about them); the next ingest deletes those whose writer is gone
  (``Store.clean_temporaries``), telling them from a concurrent writer's by the pid in the name.
- The three files of a batch share a name (``part-<batch>.parquet``). Claims and mentions are
  written first and the articles file last, and readers take mentions/claims only from batches
  whose articles file exists. So an article id in ``articles/`` implies its mentions and claims
  are whole, and the leftovers of a batch killed half-way are invisible; the rerun writes that
  batch again under a new name with no duplicate. Such an orphan batch (claims or mentions
  files and no articles file) is kept: the next ingest names it once, remembering it in
  ``.orphans-reported`` in the store, and neither ``layers`` nor the dashboard mention it, since
  it changes no answer and a warning on every command would teach users to ignore warnings.
- If two writers race and store the same article twice, readers keep the copy from the
  earliest batch (and only that batch's mentions/claims), so counts never double.
- ``footprint store compact`` (``news.store.compact``) merges runs of small batches into one
  batch named so that it sorts just before its first member: while both are visible, "earliest
  copy wins" picks the merged copy of every id, so a reader never counts a row twice. The
  members are then listed in ``.compaction.json`` (``retired_batches``) and readers skip them;
  their files are deleted after a grace period, and a reader whose files vanished under it
  lists them again (``Store.read``).
- A file whose footer cannot be read, or whose columns do not match its table (a column
  missing, of another kind, or one the table does not have), is reported once as a warning and
  ignored: one bad file must not take the whole store (or the dashboard) down. DuckDB unions
  the files of a table by name, so a single file with ``date`` as an integer, even one no batch
  commits, fails every query of that table; an extra column may clash with the ``filename`` the
  views add, or with another file's.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import time
import uuid
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from geo import paths
from geo.types import Mention
from news.models import Article, Claim
from news.review import view as review_view
from news.review.schema import REVIEW_SCHEMA
from news.review.schema import TABLE as REVIEWS

DEFAULT_STORE = paths.DEFAULT_STORE
ENV_VAR = "FOOTPRINT_STORE"
TABLES = ("articles", "mentions", "claims")
TMP_PREFIX = ".tmp-"
# A temporary file whose writer cannot be asked (no pid in its name, or written on another host
# sharing the store) is left over once this old: writing one batch file takes seconds. The same
# age makes claims/mentions without their articles file an orphan batch rather than one in progress.
STALE_SECONDS = 3600.0
ORPHANS_REPORTED = ".orphans-reported"
MANIFEST = ".compaction.json"  # batches a compaction merged into others: see retired_batches
READ_ATTEMPTS = 4  # a read whose files vanished (a compaction removed them) lists them again this often
_HOST = re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname())[:64] or "localhost"
_OWNER = re.compile(r"(\d+)@([A-Za-z0-9._]+)-")

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("outlet", pa.string()),
            ("published", pa.date32()),
            ("language", pa.string()),
            ("text", pa.string()),
            ("source", pa.string()),
            ("ingested_at", pa.timestamp("us")),
            ("cluster", pa.string()),
            ("signature", pa.binary()),
        ]
    ),
    "mentions": pa.schema(
        [
            ("article_id", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("surface", pa.string()),
            ("kind", pa.string()),
            ("iso3", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("sentence", pa.string()),
        ]
    ),
    "claims": pa.schema(
        [
            ("article_id", pa.string()),
            ("actor", pa.string()),
            ("iso3", pa.string()),
            ("place", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("status", pa.string()),
            ("date", pa.date32()),
            ("evidence", pa.string()),
            ("cue", pa.string()),
            ("confidence", pa.float64()),
            ("rules", pa.string()),
            ("as_of", pa.date32()),
            ("as_of_precision", pa.string()),
            ("until", pa.date32()),
            ("background", pa.bool_()),
        ]
    ),
}
# Analysts' reviews of claims (news/review): not an ingest table, written one review at a time.
SCHEMAS[REVIEWS] = REVIEW_SCHEMA
COLUMNS = {name: schema.names for name, schema in SCHEMAS.items()}
# Columns a connection's view adds to a table as read: each claim's review state and the key of
# the review that shaped it (news/review/apply.py), NULL on claims nobody reviewed.
ADDED_BY_VIEW: dict[str, tuple[str, ...]] = {"claims": ("review", "claim_key")}
# Columns added after stores were first written: a file without one still belongs to its table
# (the column reads as NULL there), so a store written by an older Footprint keeps working.
# (claims' time columns: news/timeref.py; a claim stored before them has no time of its own.)
# An article without ``cluster`` is its own cluster (news/syndication.py).
ADDED_LATER: dict[str, frozenset[str]] = {"articles": frozenset({"cluster", "signature"}), "mentions": frozenset(),
                                          "claims": frozenset({"rules", "as_of", "as_of_precision", "until",
                                                               "background"}),
                                          REVIEWS: frozenset()}

# The kinds of Arrow type a stored column may have: other widths of the same kind (int32, large
# strings, nanosecond timestamps, written by another tool) union with ours; another kind does not.
_KINDS: tuple[tuple[str, Callable[[pa.DataType], bool]], ...] = (
    ("string", lambda t: pa.types.is_string(t) or pa.types.is_large_string(t)
     or getattr(pa.types, "is_string_view", lambda _: False)(t)),
    ("integer", pa.types.is_integer),
    ("float", pa.types.is_floating),
    ("date", pa.types.is_date),
    ("timestamp", lambda t: pa.types.is_timestamp(t) and t.tz is None),
    ("boolean", pa.types.is_boolean),
    ("binary", lambda t: pa.types.is_binary(t) or pa.types.is_large_binary(t)),
)


_SQL_TYPES = {pa.string(): "VARCHAR", pa.float64(): "DOUBLE", pa.int64(): "BIGINT", pa.date32(): "DATE",
              pa.bool_(): "BOOLEAN", pa.binary(): "BLOB"}


def _kind(dtype: pa.DataType) -> str | None:
    return next((name for name, test in _KINDS if test(dtype)), None)


def schema_problem(schema: pa.Schema, table: str) -> str | None:
    """What keeps a file of ``schema`` out of ``table`` (None when it fits), in a few words.

    Every column of the table must be there, of the same kind (``_KINDS``), and no other: a
    missing column would be NULL in every row the file holds, and a column of another kind or
    an unknown one can make the union of the table's files fail for all of them.
    """
    expected = SCHEMAS[table]
    found = {field.name: field.type for field in schema}
    problems = []
    missing = [name for name in expected.names if name not in found and name not in ADDED_LATER[table]]
    if missing:
        problems.append(f"no {', '.join(missing)} column{'s' * (len(missing) > 1)}")
    for field in expected:
        got = found.get(field.name)
        if got is not None and _kind(got) != _kind(field.type):
            problems.append(f"{field.name} is {got}, not {field.type}")
    extra = [name for name in found if name not in expected.names]
    if extra:
        problems.append(f"unexpected column{'s' * (len(extra) > 1)} {', '.join(extra)}")
    if not problems:
        return None
    text = "; ".join(problems)
    return text if len(text) <= 200 else text[:197] + "..."


_VERDICTS: dict[tuple[str, int, int], tuple[bool, str]] = {}  # (path, size, mtime) -> (readable, why not)


class StoreWarning(UserWarning):
    """A store file we ignore (unreadable, or its columns do not match its table)."""


def owner_tag(pid: int | None = None) -> str:
    """``<pid>@<host>``, put in a temporary file's name so that a later run can tell whether its
    writer is still running (a pid says nothing about a process on another host)."""
    return f"{os.getpid() if pid is None else pid}@{_HOST}"


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this host (someone else's counts: signal 0 is refused)."""
    if pid <= 0:  # 0 and negatives would name process groups
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, another user's
        return True
    return True


def writer_gone(tagged: str, mtime: float, now: float) -> bool:
    """Whether the temporary whose name goes on with ``tagged`` (after its prefix) is left over.

    With this host's ``owner_tag`` only when that process has ended, however old the file (a
    long ingest's file is never taken from under it); without one, or from another host, when it
    is older than ``STALE_SECONDS``. A reused pid keeps a leftover until that process ends.
    """
    owner = _OWNER.match(tagged)
    if owner and owner.group(2) == _HOST:
        return not pid_alive(int(owner.group(1)))
    return now - mtime > STALE_SECONDS


def _manifest_text(root: Path) -> str | None:
    try:
        return (root / MANIFEST).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None


def read_manifest(root: Path, text: str | None = None) -> dict:
    """The compaction manifest of the store at ``root`` (or its ``text``, already read):
    ``{"retired": {batch: when}, "pending": {merged batch: [its members]}}``, empty when there
    is none (or it cannot be read)."""
    try:
        data = json.loads(_manifest_text(root) if text is None else text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return {"retired": {}, "pending": {}}
    if not isinstance(data, dict):
        return {"retired": {}, "pending": {}}
    retired, pending = data.get("retired"), data.get("pending")
    return {"retired": retired if isinstance(retired, dict) else {},
            "pending": pending if isinstance(pending, dict) else {}}


def retired_batches(root: Path, text: str | None = None) -> frozenset[str]:
    """Batches whose rows a compaction has put in a merged batch: readers skip their files.

    Why a list rather than deleting them at once: a reader that listed the files before the
    merged batch was published may still open them. A lost or unreadable manifest costs speed,
    never correctness: the merged batch sorts before its members, so it wins every id anyway.
    """
    return frozenset(str(b) for b in read_manifest(root, text)["retired"])


def vanished(exc: BaseException) -> bool:
    """Whether a read failed because a file it listed is gone (a compaction removed it)."""
    if isinstance(exc, FileNotFoundError):
        return True
    text = str(exc)
    return isinstance(exc, duckdb.IOException) and ("No files found" in text or "No such file" in text)


T = TypeVar("T")


def resolve_store(path: str | os.PathLike | None = None) -> Path:
    """``--store`` if given, else ``$FOOTPRINT_STORE``, else ``data/store`` in the repo."""
    if path:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else DEFAULT_STORE


@dataclass(slots=True)
class Batch:
    """What one article contributes to a write: the article and what was found in it."""

    article: Article
    mentions: list[Mention]
    claims: list[Claim]


class Store:
    """A store folder. Cheap to create; every read lists the files afresh (an ingest may be
    writing), remembering only which files it already found unreadable.

    ``ignored`` maps each file it ignored (as ``table/name`` inside the store) to why: what the
    dashboard shows its viewer, who has no terminal for the warnings and no business with the
    server's paths.
    """

    def __init__(self, root: str | os.PathLike | None = None) -> None:
        self.root = resolve_store(root)
        self._verdicts: dict[tuple[str, int, int], tuple[bool, str]] = {}
        self._warned: set[str] = set()
        self.ignored: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    # -- reading ---------------------------------------------------------------------------

    def files(self, table: str, retired: frozenset[str] | None = None) -> list[Path]:
        """Readable, visible parquet files of ``table``, oldest batch first, without those of
        ``retired`` batches (default: the manifest's now; a caller listing several tables reads
        it once and passes it, so all its tables agree)."""
        folder = self.root / table
        if not folder.is_dir():
            return []
        if retired is None:
            retired = retired_batches(self.root)
        good = []
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith(".") or entry.suffix != ".parquet" or entry.stem in retired:
                continue
            if not entry.is_file():
                continue
            if self._readable(entry, table):
                good.append(entry)
        return good

    def _listing(self) -> dict[str, list[Path]]:
        """Every table's files, listed between two equal readings of the compaction manifest.

        Why twice: a compaction that published and deleted between the listing of two tables
        would leave the reader with one table's old files and not the other's. With the same
        manifest before and after, nothing was published meanwhile: the files listed were all
        there, or were merged before the first reading (and are skipped).
        """
        for _ in range(READ_ATTEMPTS):
            before = _manifest_text(self.root)
            retired = retired_batches(self.root, before)
            listed = {table: self.files(table, retired) for table in TABLES}
            if _manifest_text(self.root) == before:
                break
        return listed

    def _warn(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            warnings.warn(message, StoreWarning, stacklevel=3)

    def _ignore(self, path: Path, why: str) -> None:
        """Report ``path`` once (a warning naming it, and ``ignored``); the caller skips it."""
        name = f"{path.parent.name}/{path.name}"
        self.ignored.setdefault(name, why.replace(str(path), name))  # pyarrow's messages may hold the path
        self._warn(str(path), f"ignoring store file {path}: {why}")

    def _readable(self, path: Path, table: str) -> bool:
        try:
            st = path.stat()
        except OSError:
            return False
        key = (str(path), st.st_size, st.st_mtime_ns)
        found = self._verdicts.get(key) or _VERDICTS.get(key)
        if found is None:
            if not path.exists():  # removed by a compaction since it was listed: not a bad file
                return False
            try:
                handle = pq.ParquetFile(path)
                problem = schema_problem(handle.schema_arrow, table)  # the footer only: cheap
                if problem:
                    found = (False, f"its columns do not match the {table} table ({problem})")
                else:
                    # Decompress every page once: a file whose footer is fine but whose data is not
                    # (bit rot, a bad copy) would otherwise fail every query that reads the table.
                    for group in range(handle.num_row_groups):
                        handle.read_row_group(group)
                    found = (True, "")
            except Exception as exc:  # pyarrow raises several types for torn files
                found = (False, f"unreadable ({_first_line(exc)})")
            # Batch files are never rewritten, so a verdict on (path, size, mtime) holds for the process.
            _VERDICTS[key] = self._verdicts[key] = found
        if not found[0]:
            self._ignore(path, found[1])
        return found[0]

    def connect(self) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with views ``articles``, ``mentions``, ``claims``.

        The views read the files valid right now; pass values to queries as bound parameters.
        A compaction may remove those files later: run queries through ``read`` to retry then.
        """
        listed = self._listing()
        con = duckdb.connect()
        for table in TABLES:
            files = [str(p) for p in listed[table]]
            if files:
                rel = con.read_parquet(files, filename=True, union_by_name=True)
                absent = [c for c in COLUMNS[table] if c in ADDED_LATER[table] and c not in rel.columns]
                if absent:  # no file has it yet: NULL, of the contract's type
                    rel = rel.project(", ".join(["*", *(f'NULL::{_SQL_TYPES[SCHEMAS[table].field(c).type]} AS "{c}"'
                                                        for c in absent)]))
            else:
                empty = SCHEMAS[table].empty_table().append_column("filename", pa.array([], pa.string()))
                rel = con.from_arrow(empty)
            rel.create_view(f"_{table}_files")
        cols = {t: ", ".join(f'"{c}"' for c in COLUMNS[t]) for t in TABLES}
        # First copy of each article id wins; its batch is the file's stem (part-<batch>).
        con.execute(
            f"""CREATE TEMP VIEW _articles_b AS
            SELECT {cols['articles']}, parse_filename(filename, true) AS batch FROM (
              SELECT *, row_number() OVER (PARTITION BY id ORDER BY filename) AS _rn FROM _articles_files
            ) WHERE _rn = 1"""
        )
        con.execute(f"CREATE TEMP VIEW articles AS SELECT {cols['articles']} FROM _articles_b")
        for table in ("mentions", "claims"):
            select = ", ".join(f't."{c}"' for c in COLUMNS[table])
            name = "machine_claims" if table == "claims" else table
            con.execute(
                f"""CREATE TEMP VIEW {name} AS SELECT {select} FROM _{table}_files t
                JOIN _articles_b a ON t.article_id = a.id AND parse_filename(t.filename, true) = a.batch"""
            )
        # ``claims`` is the machine's claims with the analysts' reviews applied (news/review/apply.py):
        # every reader of the store sees the same reviewed claims, with ``review`` and ``claim_key``
        review_view.install(con, [str(p) for p in self.files(REVIEWS)])
        return con

    def read(self, query: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """``query(connection)`` on a fresh ``connect``; listed again if a file it listed vanished.

        Why: a compaction deletes the files of the batches it merged once its grace period is
        over; a reader that listed them before can then fail to open one. The merged batch was
        published before, so listing again finds every row once.
        """
        for attempt in range(READ_ATTEMPTS):
            con = None
            try:
                con = self.connect()  # read_parquet opens the footers here already
                return query(con)
            except Exception as exc:
                if attempt == READ_ATTEMPTS - 1 or not vanished(exc):
                    raise
            finally:
                if con is not None:
                    con.close()
        raise AssertionError("unreachable")  # pragma: no cover

    def table(self, name: str) -> pd.DataFrame:
        """A whole table as a DataFrame (empty, with the contract columns, on an empty store)."""
        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}")
        return self.read(lambda con: con.execute(f"SELECT * FROM {name}").df())

    def known_ids(self) -> set[str]:
        """Ids of the articles stored (complete batches only).

        A file a compaction removed meanwhile is made up for by listing again: its rows are in
        the merged batch, published before it was removed.
        """
        ids: set[str] = set()
        done: set[Path] = set()
        for _ in range(READ_ATTEMPTS):
            gone = False
            for path in self.files("articles"):
                if path in done:
                    continue
                try:
                    ids.update(pq.read_table(path, columns=["id"]).column("id").to_pylist())
                    done.add(path)
                except Exception as exc:
                    if vanished(exc) or not path.exists():
                        gone = True
                        continue
                    self._ignore(path, f"unreadable ({_first_line(exc)})")
            if not gone:
                break
        return ids

    def heads(self) -> Iterable[tuple[list[str], list[str | None], np.ndarray]]:
        """The stored cluster heads (articles whose cluster is their own id, with a signature),
        one block per batch file, oldest first: ``(ids, languages, signatures)`` with the
        signatures as the rows of a ``(n, NUM_PERM)`` uint32 matrix. What
        ``news.syndication.Clusterer`` indexes at the start of an ingest.

        Why this shape: the index holds heads only, so reprints are dropped here, in Arrow,
        before any Python row exists; and the signatures come out as one matrix (a cast to a
        fixed-size binary and a view of its buffer), not one ``bytes`` per row, so reading the
        index back costs a little per stored story instead of a Python round per article.
        Files written before signatures existed hold none and are not read past their footer.
        """
        from news.syndication import NUM_PERM  # the store knows the width, syndication what it means

        width = 4 * NUM_PERM
        cols = ["id", "language", "cluster", "signature"]
        for path in self.files("articles"):
            try:
                # one open per file (its footer parsed once), read on this thread: a batch file is
                # small, so opening it twice and waking Arrow's thread pool cost more than its
                # columns (a third of the read's CPU time, paid per file at every ingest start)
                with pq.ParquetFile(path) as parquet:
                    if "signature" not in parquet.schema_arrow.names:
                        continue
                    data = parquet.read(columns=cols, use_threads=False)
            except Exception as exc:
                if not (vanished(exc) or not path.exists()):  # a compaction merged it: its rows are in the merged batch
                    self._ignore(path, f"unreadable ({_first_line(exc)})")
                continue
            sig, cluster, ids = data.column("signature"), data.column("cluster"), data.column("id")
            head = pc.and_(pc.fill_null(pc.equal(pc.binary_length(sig), width), False),
                           pc.fill_null(pc.or_kleene(pc.is_null(cluster), pc.equal(cluster, ids)), False))
            data = data.filter(head)
            if not data.num_rows:
                continue
            fixed = data.column("signature").combine_chunks().cast(pa.binary(width))
            matrix = np.frombuffer(fixed.buffers()[1], dtype="<u4", count=NUM_PERM * len(fixed),
                                   offset=width * fixed.offset).reshape(-1, NUM_PERM)
            yield data.column("id").to_pylist(), data.column("language").to_pylist(), matrix

    # -- what killed writers leave ---------------------------------------------------------

    def clean_temporaries(self) -> list[Path]:
        """Delete the ``.tmp-`` files of writers that are gone (``writer_gone``); returns them.

        For the start of an ingest: a killed one leaves its half-written file behind, and nobody
        else would ever remove it. Readers never delete (the dashboard may not own the store).
        """
        removed, now = [], time.time()
        for table in (*TABLES, REVIEWS):
            folder = self.root / table
            if not folder.is_dir():
                continue
            for entry in folder.iterdir():
                if not entry.name.startswith(TMP_PREFIX):
                    continue
                with contextlib.suppress(OSError):  # gone already (another cleaner), or not ours to delete
                    if writer_gone(entry.name[len(TMP_PREFIX):], entry.stat().st_mtime, now):
                        entry.unlink()
                        removed.append(entry)
        return removed

    def orphan_batches(self) -> list[str]:
        """Batches with claims or mentions files and no articles file (their commit record), older
        than ``STALE_SECONDS`` (a younger one may be a running ingest's): left by a killed ingest,
        invisible to readers, and rewritten under another name by the rerun."""
        committed = {p.stem for p in (self.root / "articles").glob("part-*.parquet")}
        committed |= retired_batches(self.root)  # a compaction deleting them: not an ingest's leftovers
        found, now = set(), time.time()
        for table in ("mentions", "claims"):
            for path in (self.root / table).glob("part-*.parquet"):
                with contextlib.suppress(OSError):
                    if path.stem not in committed and now - path.stat().st_mtime > STALE_SECONDS:
                        found.add(path.stem)
        return sorted(found)

    def new_orphan_batches(self) -> list[str]:
        """``orphan_batches`` not returned before for this store, then remembered as returned.

        They are kept (deleting them is left to compaction, when no writer runs) and change no
        answer, so naming them once is enough. The list lives in the store itself, so it holds
        for every user and machine of the store; if it cannot be written they are named again.
        """
        marker = self.root / ORPHANS_REPORTED
        try:
            seen = set(marker.read_text(encoding="utf-8").split())
        except OSError:
            seen = set()
        new = [b for b in self.orphan_batches() if b not in seen]
        if new:
            with contextlib.suppress(OSError), open(marker, "a", encoding="utf-8") as handle:
                handle.write("".join(f"{b}\n" for b in new))
        return new

    # -- writing ---------------------------------------------------------------------------

    def write(self, batch: Iterable[Batch], name: str | None = None) -> str | None:
        """Append one batch atomically; returns its name (None when there was nothing to write).

        The caller is expected to have dropped known ids (``known_ids``): the store stays
        append-only and never rewrites a file to deduplicate.
        """
        items = list(batch)
        if not items:
            return None
        return self.write_tables(batch_tables(items), name)

    def write_tables(self, tables: dict[str, pa.Table], name: str | None = None) -> str | None:
        """Append one batch given as Arrow tables (``batch_tables``' shape) atomically, under
        ``name`` (``part_name()``) when the caller must later ask whether it landed."""
        if tables["articles"].num_rows == 0:
            return None
        name = name or part_name()
        # Order matters: the articles file is the commit record of the batch.
        self._write_table("claims", name, tables["claims"])
        self._write_table("mentions", name, tables["mentions"])
        self._write_table("articles", name, tables["articles"])
        return name

    def committed(self, name: str) -> bool:
        """Whether the batch ``name`` landed: its articles file, the batch's commit record, is in place."""
        return (self.root / "articles" / f"{name}.parquet").exists()

    def append(self, table: str, data: pa.Table) -> str:
        """Append ``data`` to ``table`` as one new file, atomically (what ``reviews/`` takes: a
        review is written the moment it is made, not in an ingest batch); returns its name."""
        if table not in SCHEMAS or table in TABLES:
            raise ValueError(f"append is for tables outside ingest batches, not {table!r}")
        name = part_name()
        self._write_table(table, name, data.cast(SCHEMAS[table]))
        return name

    def _write_table(self, table: str, name: str, data: pa.Table) -> None:
        if not data.num_rows and table != "articles":
            return
        folder = self.root / table
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{name}.parquet"
        tmp = folder / f"{TMP_PREFIX}{owner_tag()}-{name}.parquet"  # whose: see clean_temporaries
        try:
            pq.write_table(data, tmp, compression="zstd")
            with open(tmp, "rb") as handle:  # durable before visible: survive power loss, not just kill
                os.fsync(handle.fileno())
            os.replace(tmp, final)
        except BaseException:
            with contextlib.suppress(OSError):  # a disk-full half file would only take space and warn later
                tmp.unlink()
            raise


def part_name() -> str:
    """A new store file's name: time first, so files sort in the order they were written."""
    return f"part-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"


def _first_line(exc: BaseException) -> str:
    """An exception's first line, short enough for a one-line warning."""
    return (str(exc).splitlines() or [type(exc).__name__])[0][:160]


def empty_frame(table: str) -> pd.DataFrame:
    """An empty DataFrame with the contract columns of ``table``."""
    return SCHEMAS[table].empty_table().to_pandas()


_GETTERS = {t: [(c, attrgetter(c)) for c in COLUMNS[t] if c != "article_id"] for t in TABLES}


def _table(name: str, rows: list, article_ids: list[str] | None = None) -> pa.Table:
    cols: dict[str, list] = {} if article_ids is None else {"article_id": article_ids}
    for col, get in _GETTERS[name]:
        cols[col] = list(map(get, rows))
    return pa.Table.from_pydict(cols, schema=SCHEMAS[name])


def _found(items: list[Batch], attr: str) -> tuple[list, list[str]]:
    """Every article's mentions (or claims) in article order, and the article id of each."""
    rows: list = []
    ids: list[str] = []
    for it in items:
        found = getattr(it, attr)
        if found:
            rows += found
            ids += [it.article.id] * len(found)
    return rows, ids


def batch_tables(items: list[Batch]) -> dict[str, pa.Table]:
    """The three tables of some processed articles, built a column at a time.

    Column lists and ``from_pydict`` cost a fraction of a dict per row and ``from_pylist``;
    at tens of thousands of articles a minute the store write was a fifth of an ingest. Each
    column is one ``map`` of an attrgetter (its loop runs in C) and the article id column is
    repeated per article, not unpacked from (id, row) pairs.
    Mentions and claims come grouped by article, in article order (what ``Chunk`` relies on).
    """
    return {
        "articles": _table("articles", [it.article for it in items]),
        "mentions": _table("mentions", *_found(items, "mentions")),
        "claims": _table("claims", *_found(items, "claims")),
    }


@dataclass(slots=True)
class Chunk:
    """Processed articles as Arrow tables plus where each article's mentions and claims start.

    What a Dask worker sends back instead of Python objects: it pickles as a few buffers, so the
    client's share of an ingest is slicing and writing, not rebuilding ~40 objects per article.
    ``mention_offsets[i]:mention_offsets[i + 1]`` are article ``i``'s mention rows (same for claims).
    """

    tables: dict[str, pa.Table]
    mention_offsets: list[int]
    claim_offsets: list[int]

    @classmethod
    def of(cls, items: list[Batch]) -> Chunk:
        m_off, c_off = [0], [0]
        for it in items:
            m_off.append(m_off[-1] + len(it.mentions))
            c_off.append(c_off[-1] + len(it.claims))
        return cls(batch_tables(items), m_off, c_off)

    def __len__(self) -> int:
        return self.tables["articles"].num_rows

    def ids(self) -> list[str]:
        return self.tables["articles"].column("id").to_pylist()

    def undated(self) -> int:
        return self.tables["articles"].column("published").null_count

    def unplaced(self) -> int:
        """Mentions without a point (their place was not geocoded)."""
        return self.tables["mentions"].column("lat").null_count

    def slice(self, i: int, j: int) -> Chunk:
        m0, m1, c0, c1 = self.mention_offsets[i], self.mention_offsets[j], self.claim_offsets[i], self.claim_offsets[j]
        return Chunk({"articles": self.tables["articles"].slice(i, j - i),
                      "mentions": self.tables["mentions"].slice(m0, m1 - m0),
                      "claims": self.tables["claims"].slice(c0, c1 - c0)},
                     [o - m0 for o in self.mention_offsets[i:j + 1]], [o - c0 for o in self.claim_offsets[i:j + 1]])

    def keep(self, mask: list[bool]) -> Chunk:
        """Only the articles whose ``mask`` entry is true, with their mentions and claims."""
        if all(mask):
            return self
        parts = [self.slice(i, i + 1) for i, k in enumerate(mask) if k]
        return concat_chunks(parts) if parts else self.slice(0, 0)


def concat_chunks(chunks: list[Chunk]) -> Chunk:
    m_off, c_off = [0], [0]
    for ch in chunks:
        m_off += [m_off[-1] + o for o in ch.mention_offsets[1:]]
        c_off += [c_off[-1] + o for o in ch.claim_offsets[1:]]
    tables = {t: pa.concat_tables([ch.tables[t] for ch in chunks]) for t in TABLES}
    return Chunk(tables, m_off, c_off)


class BatchWriter:
    """Collects processed articles and writes them ``size`` at a time, counting batches.

    Both ingest engines commit through it (the local one article by article, the Dask one a
    worker's ``Chunk`` at a time, cut at the same article boundaries), so the batches, and
    "a kill loses at most the batch in progress", are the same for each.
    """

    def __init__(self, store: Store, size: int, settle: Callable[[list[Article]], None] | None = None) -> None:
        self.store, self.size = store, size
        # What articles added one by one still need, done a batch at a time just before they are
        # written: the local engine signs and clusters them there (whole-batch numpy passes, not a
        # dozen small calls per article between two articles' presence work).
        self.settle = settle
        self.pending: list[Batch] = []
        self.chunks: list[Chunk] = []
        self.chunked = 0  # articles held in self.chunks
        # (batches, articles, undated articles, mentions without a point) in the batches written:
        # what an interrupted run stored. One tuple, so that Ctrl-C cannot land between its parts.
        self.totals: tuple[int, int, int, int] = (0, 0, 0, 0)
        # the batch being written, with the totals once it is: Ctrl-C can land between the batch's
        # last file and the count (``recover`` then asks the store whether it landed)
        self.in_flight: tuple[str, tuple[int, int, int, int]] | None = None

    @property
    def batches(self) -> int:
        return self.totals[0]

    @property
    def written(self) -> int:
        return self.totals[1]

    @property
    def written_undated(self) -> int:
        return self.totals[2]

    @property
    def written_unplaced(self) -> int:
        return self.totals[3]

    def recover(self) -> None:
        """After an interruption: count the batch that was being written if it landed, so the
        summary says what the store holds ("ingested 0 ... 0 batches written" over a stored
        batch was CI's failure when Ctrl-C came right after the articles file)."""
        if self.in_flight is not None:
            name, after = self.in_flight
            if self.store.committed(name):
                self.pending, self.chunks, self.chunked = [], [], 0
                self.totals = after
            self.in_flight = None

    def add(self, batch: Batch) -> None:
        self.pending.append(batch)
        if len(self.pending) + self.chunked >= self.size:
            self.flush()

    def _settle_pending(self) -> None:
        """``settle`` the pending articles, in the order they were added."""
        if self.settle is not None and self.pending:
            self.settle([b.article for b in self.pending])

    def add_chunk(self, chunk: Chunk) -> None:
        if self.pending:
            self._settle_pending()
            self.chunks.append(Chunk.of(self.pending))
            self.chunked += len(self.pending)
            self.pending = []
        i = 0
        while i < len(chunk):
            j = min(len(chunk), i + self.size - self.chunked)
            self.chunks.append(chunk.slice(i, j))
            self.chunked += j - i
            i = j
            if self.chunked >= self.size:
                self.flush()

    def held(self) -> tuple[int, int]:
        """Articles added but not yet written, and how many of them are undated: what an
        interrupted run counted as ingested but did not store."""
        return (len(self.pending) + self.chunked,
                sum(b.article.published is None for b in self.pending) + sum(c.undated() for c in self.chunks))

    def held_unplaced(self) -> int:
        """Mentions without a point among the articles ``held`` counts."""
        return (sum(m.lat is None for b in self.pending for m in b.mentions)
                + sum(c.unplaced() for c in self.chunks))

    def flush(self) -> None:
        self._settle_pending()
        if not (self.chunks or self.pending):
            return
        count, undated = self.held()  # what is about to be written: held() reads the lists cleared below
        batches, written, written_undated, written_unplaced = self.totals
        name = part_name()
        self.in_flight = (name, (batches + 1, written + count, written_undated + undated,
                                 written_unplaced + self.held_unplaced()))
        if self.chunks:
            chunks = self.chunks + [Chunk.of(self.pending)] if self.pending else self.chunks
            self.store.write_tables(concat_chunks(chunks).tables, name)
        else:
            self.store.write(self.pending, name)
        self.pending, self.chunks, self.chunked = [], [], 0
        self.totals = self.in_flight[1]
        self.in_flight = None
