"""The review page's pure logic: who may write, what a claim and a review look like on the page,
which sentences a missed claim can be added from. No Streamlit here (dashboard.py wires it).

Every stored value shown (actor, country, status, reason, note, reviewer) goes through
``components.text.md_escape``: a reason or a correction may come from a store file written by
anyone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from components.state import REVIEW_FILTERS
from components.text import md_escape, one_line
from geo.sentences import sentence_spans
from news.review.schema import REASONS, STATES
from news.review.token import token_matches

FILTER_LABELS = dict(zip(REVIEW_FILTERS, ("Machine and reviewed", "Machine only", "Reviewed only"), strict=True))
DECISION_LABELS = {"confirm": "Confirm", "reject": "Reject", "correct": "Correct"}
MAX_SENTENCES = 200


def may_write(server_token: str | None, session_ok: bool) -> bool:
    """Writing needs both: a server started with a token, and this session having entered it.
    Nothing in the URL counts."""
    return bool(server_token) and session_ok is True


def unlock(entered: object, server_token: str | None) -> bool:
    """Whether the token a reviewer entered opens this session (constant-time comparison)."""
    return token_matches(entered, server_token)


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and value != value) and value is not pd.NA


def claim_summary(claim: Mapping[str, Any], labels: Mapping[str, str] | None = None,
                  names: Mapping[str, str] | None = None) -> str:
    """"Wagner · Mali (MLI) · present · confirmed": one escaped line for a claim's review form."""
    labels, names = labels or {}, names or {}
    actor, iso3 = claim.get("actor"), claim.get("iso3")
    country = f"{names.get(iso3, iso3)} ({iso3})" if iso3 in names else iso3
    parts = [labels.get(actor, actor), country, claim.get("status"),
             claim.get("review") if _given(claim.get("review")) else "not reviewed"]
    return " · ".join(md_escape(p) for p in parts if _given(p) and str(p))


def review_line(review: Mapping[str, Any], labels: Mapping[str, str] | None = None) -> str:
    """One stored review as an escaped line: what was decided, by whom, when, why."""
    labels = labels or {}
    state = STATES.get(str(review.get("decision")), str(review.get("decision")))
    what = f"{labels.get(review.get('actor'), review.get('actor'))} · {review.get('iso3')}"
    if review.get("decision") == "correct":
        fix = [f"{c} → {review.get(f'new_{c}')}" for c in ("actor", "iso3", "status") if _given(review.get(f"new_{c}"))]
        what += f" ({', '.join(fix)})"
    reason = review.get("reason")
    why = REASONS.get(reason, reason) if _given(reason) else ""
    when = pd.Timestamp(review["reviewed_at"]).strftime("%Y-%m-%d %H:%M") if _given(review.get("reviewed_at")) else ""
    parts = [f"{state}: {what}", why, f"by {review.get('reviewer')}" if _given(review.get("reviewer")) else "",
             when, f"“{review.get('note')}”" if _given(review.get("note")) else ""]
    return " · ".join(md_escape(p) for p in parts if p)


def sentences_with_mentions(text: str, mentions: list[dict]) -> list[str]:
    """The article's highlighted sentences (those holding a place mention): what a missed claim
    can be added from. One line each, in text order."""
    text = text or ""
    starts = sorted(int(m["start"]) for m in mentions if _given(m.get("start")))
    out: list[str] = []
    for s, e in sentence_spans(text):
        if any(s <= p < e for p in starts):
            line = one_line(text[s:e])
            if line and line not in out:
                out.append(line)
        if len(out) >= MAX_SENTENCES:
            break
    return out


def country_choices(current: str | None, countries: list[str] | tuple[str, ...]) -> list[str]:
    """The countries a correction may pick, the claim's own first."""
    rest = [c for c in countries if c != current]
    return [current, *rest] if current else rest
