"""The store connection's ``claims`` view with the reviews applied (``news.review.apply``).

``news.store.Store.connect`` names the machine's claims ``machine_claims`` and calls
``install`` with the files of ``reviews/``. Without reviews, ``claims`` is ``machine_claims``
with NULL ``review`` and ``claim_key``. With them, only the claims of reviewed articles go
through ``apply_reviews`` (a few rows per review); every other claim passes through in SQL.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from news.review.apply import apply_reviews, latest_reviews
from news.review.schema import COLUMNS


def install(con: duckdb.DuckDBPyConnection, review_files: list[str]) -> None:
    """Create the temp view ``claims`` on ``con`` (which has ``machine_claims`` and ``articles``)."""
    sql = "SELECT *, NULL::VARCHAR AS review, NULL::VARCHAR AS claim_key FROM machine_claims"
    if not review_files:
        con.execute(f"CREATE TEMP VIEW claims AS {sql}")
        return
    cols = ", ".join(f'"{c}"' for c in COLUMNS)
    # oldest file first: the order written
    reviews = con.execute(f"SELECT {cols} FROM read_parquet(?::VARCHAR[], filename = true, union_by_name = true) "
                          "ORDER BY filename", [review_files]).df()
    latest = latest_reviews(reviews)
    ids = sorted(set(latest["article_id"]))
    con.execute("CREATE TEMP TABLE _reviewed_ids AS SELECT unnest(?::VARCHAR[]) AS id", [ids])
    machine = con.execute("SELECT * FROM machine_claims WHERE article_id IN (SELECT id FROM _reviewed_ids)").df()
    published = dict(con.execute("SELECT id, published FROM articles WHERE id IN (SELECT id FROM _reviewed_ids)")
                     .fetchall())
    applied = apply_reviews(machine, latest, published)
    schema = con.sql("SELECT * FROM machine_claims LIMIT 0").to_arrow_table().schema
    schema = schema.append(pa.field("review", pa.string())).append(pa.field("claim_key", pa.string()))
    table = pa.Table.from_pandas(applied[schema.names], schema=schema, preserve_index=False)
    con.register("_reviewed_arrow", table)
    con.execute("CREATE TEMP TABLE _reviewed_claims AS SELECT * FROM _reviewed_arrow")
    con.unregister("_reviewed_arrow")
    con.execute(f"""CREATE TEMP VIEW claims AS
        {sql} WHERE article_id NOT IN (SELECT id FROM _reviewed_ids)
        UNION ALL BY NAME SELECT * FROM _reviewed_claims""")
