"""The ``reviews/`` table: its columns, the decisions and the reasons a rejection may give.

Kept apart from the code that reads and writes it so that ``news.store`` can check review files
against it (as it checks every table's files) without importing anything else of the review.
"""

from __future__ import annotations

import pyarrow as pa

TABLE = "reviews"
DECISIONS = ("confirm", "reject", "correct", "add")
# what a claim shows once its latest review is applied (the ``review`` column everywhere)
STATES = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected", "add": "added"}
# the short list a rejection picks from: stored as the code, shown as the label
REASONS = {
    "not-actor": "not this actor",
    "not-country": "not this country",
    "plan-or-rumour": "plan or rumour",
    "not-on-ground": "not on the ground",
    "wrong-status": "wrong status",
}
STATUSES = ("present", "ended")
MAX_NOTE = 500
MAX_REVIEWER = 80

# ``actor``, ``iso3`` and ``status`` are the claim as reviewed (the machine's, or the added one);
# with ``article_id`` and ``sentence`` they make the ``key`` (news.review.keys). ``new_*`` hold a
# correction. Times are UTC.
REVIEW_SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("article_id", pa.string()),
        ("sentence", pa.string()),
        ("actor", pa.string()),
        ("iso3", pa.string()),
        ("status", pa.string()),
        ("decision", pa.string()),
        ("new_actor", pa.string()),
        ("new_iso3", pa.string()),
        ("new_status", pa.string()),
        ("reason", pa.string()),
        ("note", pa.string()),
        ("reviewer", pa.string()),
        ("reviewed_at", pa.timestamp("us")),
    ]
)
COLUMNS = REVIEW_SCHEMA.names
