"""A read-only, in-memory copy of the store for the page's queries.

``news.store.Store.connect`` builds views over every batch file and deduplicates articles on
each query: right for a store an ingest may be writing, but every query then pays for listing,
opening and joining hundreds of Parquet files (at 100,000 articles, over half a second each,
before any filtering). The page asks four questions per rerun of data that changes only when an
ingest commits a batch, so it copies the deduplicated tables once per store fingerprint into an
in-memory DuckDB database and runs ``news.store.queries`` against that.

``Snapshot`` is a ``Store`` whose ``connect`` returns a cursor on the copy, so every function of
``news.store.queries`` works on it unchanged and answers exactly what it answers on the store.
Article texts are left out (only the reader needs them, for one article: ask the ``Store``).
The claims joined to their articles (``news.store.queries.CLAIM_ROWS_SQL``, which every page query
starts from) are kept as a table too: the join is then paid once per store change, not per query.
"""

from __future__ import annotations

import os
import threading

import duckdb
import pyarrow as pa

from news.store import COLUMNS, TABLES, Store
from news.store.queries import CLAIM_ROWS_SQL

LEFT_OUT = {"articles": ("text", "signature")}  # the reader asks the Store; only ingest compares signatures


class Snapshot(Store):
    """The store's articles (without text), mentions and claims as they were when built."""

    has_claim_rows = True  # news.queries uses the table below instead of its own view

    def __init__(self, root: str | os.PathLike | None = None) -> None:
        super().__init__(root)
        self._db = duckdb.connect()
        self._lock = threading.Lock()
        store = Store(self.root)

        def copy(src: duckdb.DuckDBPyConnection) -> dict[str, pa.Table]:
            # through Store.read: a compaction removing files mid-copy means copying again
            return {table: src.sql("SELECT " + ", ".join(f'"{c}"' for c in COLUMNS[table]
                                                        if c not in LEFT_OUT.get(table, ()))
                                   + f" FROM {table}").to_arrow_table() for table in TABLES}

        for table, data in store.read(copy).items():
            self._db.from_arrow(data).create(table)
        self._db.execute(f"CREATE TABLE claim_rows AS {CLAIM_ROWS_SQL}")
        self.ignored = dict(store.ignored)  # the files left out of the copy, for the page to name

    def __repr__(self) -> str:
        return f"Snapshot({str(self.root)!r})"

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the copy: its own connection to the shared in-memory database."""
        with self._lock:
            return self._db.cursor()

    def write(self, batch):  # a snapshot is read-only
        raise TypeError("a Snapshot is read-only: write to the Store")
