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
starts from) are kept as a table: the join is then paid once per store change, not per query.

At a million articles (issue 17: the dashboard's process within 2 GB) the copy is kept small:
- the claims are held once, in that joined table (``claim_rows_all``, a left join marking the
  claims with an article); ``claims`` and ``claim_rows`` are views over it, so a claim whose
  article is missing is still a claim and still no claim row, as on the store;
- the joined table is sorted by claim date, so a window's filter skips the row groups outside
  it (DuckDB's min/max per row group): the newest evidence rows read a few row groups;
- the database is DuckDB's compressed in-memory kind (``ATTACH ':memory:' (COMPRESS)``):
  repeated texts (actor, country, status, outlet, language, cue; a sentence per claim and its
  mention) are dictionary- and FSST-compressed, about a seventh of the plain tables' size.
"""

from __future__ import annotations

import os
import threading

import duckdb
import pyarrow as pa

from news.store import ADDED_BY_VIEW, COLUMNS, TABLES, Store
from news.store.queries import CLAIM_ROWS_SQL

DB = "snapshot"  # the compressed in-memory database the copy lives in
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
            out = {}
            for table in TABLES:
                names = [*COLUMNS[table], *ADDED_BY_VIEW.get(table, ())]
                cols = ", ".join(f'"{c}"' for c in names if c not in LEFT_OUT.get(table, ()))
                out[table] = src.sql(f"SELECT {cols} FROM {table}").to_arrow_table()
            return out

        self._db.execute(f"ATTACH ':memory:' AS {DB} (COMPRESS)")
        self._db.execute(f"USE {DB}")
        tables = store.read(copy)
        for table in ("articles", "mentions"):
            self._db.from_arrow(tables.pop(table)).create(table)
        claims = tables.pop("claims")
        claim_columns = ", ".join(f'"{c}"' for c in claims.column_names)
        self._db.register("_claims", claims)
        joined = CLAIM_ROWS_SQL.replace("FROM claims c JOIN articles a", "FROM _claims c LEFT JOIN articles a", 1)
        assert joined != CLAIM_ROWS_SQL
        self._db.execute(f"""CREATE TABLE claim_rows_all AS
            {joined.replace('SELECT c.*', 'SELECT a.id IS NOT NULL AS article_found, c.*', 1)}
            ORDER BY c.date NULLS LAST""")
        self._db.unregister("_claims")
        del claims
        self._db.execute(f"CREATE VIEW claims AS SELECT {claim_columns} FROM claim_rows_all")
        self._db.execute("CREATE VIEW claim_rows AS SELECT * EXCLUDE (article_found) FROM claim_rows_all WHERE article_found")
        self._db.execute("CHECKPOINT")  # compresses what the statements above wrote
        (reviewed,) = self._db.execute("SELECT count(*) FROM claims WHERE review IS NOT NULL").fetchone() or (0,)
        self.has_reviews = bool(reviewed)  # lets the layer query skip the review marks
        self.ignored = dict(store.ignored)  # the files left out of the copy, for the page to name

    def __repr__(self) -> str:
        return f"Snapshot({str(self.root)!r})"

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the copy: its own connection to the shared in-memory database."""
        with self._lock:
            con = self._db.cursor()
        con.execute(f"USE {DB}")  # a cursor starts in the (empty) default database
        return con

    def write(self, batch):  # a snapshot is read-only
        raise TypeError("a Snapshot is read-only: write to the Store")
