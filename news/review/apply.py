"""Reviews over claim rows: a pure function, the one place their meaning is decided.

Every read path (map layers, evidence, exports, the reader, ``footprint layers``) reads claims
through the store connection's ``claims`` view, which ``news.review.view`` builds with
``apply_reviews``; so a review means the same thing everywhere:

- the latest review of a key wins (``latest_reviews``); the older ones stay in the table;
- ``reject``: the claim leaves;
- ``confirm``: the claim stays, marked ``confirmed``;
- ``correct``: the claim's actor, country and/or status are replaced, marked ``corrected``;
- ``add``: a claim the machine missed appears, marked ``added``, dated by its article.

A reviewed claim carries confidence 1.0 (an analyst's word is not the rule's estimate, and the
minimum-confidence filter must not hide it) and the rule id ``review``. A confirmed or corrected
claim the presence model no longer makes (a new model, a re-ingest) is still shown, from its
review: reviews outlive the model. Rows get two columns: ``review`` (the state, None when not
reviewed) and ``claim_key`` (the key of the review that shaped the row, for reviewing it again).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd

from news.review.keys import claim_key
from news.review.schema import COLUMNS, STATES

REVIEWED_CONFIDENCE = 1.0
REVIEW_RULE = "review"
EXTRA_COLUMNS = ("review", "claim_key")


def latest_reviews(reviews: pd.DataFrame) -> pd.DataFrame:
    """One row per key: its latest review, by time and then by the order written (``reviews``
    comes oldest file first, rows in file order)."""
    if reviews is None or reviews.empty:
        return pd.DataFrame(columns=COLUMNS)
    r = reviews.reset_index(drop=True).assign(_order=range(len(reviews)))
    r = r.sort_values(["reviewed_at", "_order"], kind="stable").groupby("key", sort=False).tail(1)
    return r.drop(columns=["_order"]).sort_values(["article_id", "key"], kind="stable").reset_index(drop=True)


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA


def _corrected(row: dict, review: Mapping[str, Any]) -> dict:
    for col in ("actor", "iso3", "status"):
        if _given(review.get(f"new_{col}")):
            row[col] = review[f"new_{col}"]
    return row


def _from_review(review: Mapping[str, Any], columns: list[str], published: date | None) -> dict:
    row: dict[str, Any] = {c: None for c in columns}
    row.update(article_id=review["article_id"], actor=review["actor"], iso3=review["iso3"],
               status=review.get("status") or "present", date=published, evidence=review["sentence"], cue="",
               lat=float("nan"), lon=float("nan"))
    return row


def apply_reviews(claims: pd.DataFrame, latest: pd.DataFrame, published: Mapping[str, date | None]) -> pd.DataFrame:
    """``claims`` (machine rows, of the reviewed articles or more) with the ``latest`` reviews
    applied, plus the ``review`` and ``claim_key`` columns.

    ``published``: the date of every stored article the reviews name; a review of an article
    not stored adds nothing (its article was never ingested here, or is gone).
    A loop over rows: it runs on the claims of reviewed articles only, a few per review.
    """
    columns = [c for c in claims.columns if c not in EXTRA_COLUMNS]
    by_key = {r["key"]: r for r in latest.to_dict(orient="records")} if len(latest) else {}
    out: list[dict] = []
    seen: set[str] = set()
    for row in claims[columns].to_dict(orient="records"):
        key = claim_key(row.get("article_id"), row.get("evidence"), row.get("actor"), row.get("iso3"))
        review = by_key.get(key)
        if review is None:
            out.append({**row, "review": None, "claim_key": None})
            continue
        seen.add(key)
        decision = review["decision"]
        if decision == "reject":
            continue
        if decision == "correct":
            row = _corrected(row, review)
        elif decision == "add" and _given(review.get("status")):
            row["status"] = review["status"]
        out.append({**row, "confidence": REVIEWED_CONFIDENCE, "rules": REVIEW_RULE, "review": STATES[decision],
                    "claim_key": key})
    for key, review in by_key.items():
        if key in seen or review["decision"] == "reject" or review["article_id"] not in published:
            continue
        row = _from_review(review, columns, published[review["article_id"]])
        if review["decision"] == "correct":
            row = _corrected(row, review)
        out.append({**row, "confidence": REVIEWED_CONFIDENCE, "rules": REVIEW_RULE,
                    "review": STATES[review["decision"]], "claim_key": key})
    if not out:
        return pd.DataFrame({c: pd.Series(dtype=claims[c].dtype) for c in columns}).assign(review=None, claim_key=None)
    return pd.DataFrame(out, columns=[*columns, *EXTRA_COLUMNS])


def row_key(row: Mapping[str, Any]) -> str:
    """The key to file a new review of a shown claim under: the key of the review that shaped
    it (a corrected claim is still the machine's claim), else its own."""
    key = row.get("claim_key")
    if isinstance(key, str) and key:
        return key
    return claim_key(row.get("article_id"), row.get("evidence"), row.get("actor"), row.get("iso3"))


def identity(row: Mapping[str, Any], latest: pd.DataFrame) -> dict:
    """The claim a shown row stands for, as a review must name it (article, sentence, actor,
    country, status): for a reviewed row the claim as first reviewed (its key's), not as shown."""
    key = row_key(row)
    if len(latest):
        hit = latest[latest["key"] == key]
        if len(hit):
            r = hit.iloc[-1]
            return {"article_id": r["article_id"], "sentence": r["sentence"], "actor": r["actor"], "iso3": r["iso3"],
                    "status": r["status"] if _given(r["status"]) else None, "key": key}
    return {"article_id": row.get("article_id"), "sentence": row.get("evidence"), "actor": row.get("actor"),
            "iso3": row.get("iso3"), "status": row.get("status"), "key": key}
