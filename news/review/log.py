"""The ``reviews/`` table on disk: append a review the moment it is made, read the history.

Append-only and atomic like the ingest tables (``news.store.Store.append``: a hidden temporary,
fsynced, renamed into place), one file per review action: a process killed at any moment leaves
every review it finished whole and no half file anyone reads. Nothing is ever rewritten; a later
review of the same claim supersedes an earlier one when applied (``news.review.apply``).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from news.review.schema import COLUMNS, REVIEW_SCHEMA, TABLE
from news.store import Store


def append_reviews(store: Store, reviews: list[dict]) -> str | None:
    """Store ``reviews`` (rows from ``news.review.records.make_review``) as one file; its name."""
    if not reviews:
        return None
    return store.append(TABLE, pa.Table.from_pylist(reviews, schema=REVIEW_SCHEMA))


def read_reviews(store: Store) -> pd.DataFrame:
    """Every stored review, oldest file first (the order written), rows in file order."""
    files = store.files(TABLE)
    if not files:
        return REVIEW_SCHEMA.empty_table().to_pandas()
    tables = [pq.read_table(f).select(COLUMNS).cast(REVIEW_SCHEMA) for f in files]
    return pa.concat_tables(tables).to_pandas()
