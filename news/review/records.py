"""One review, built and checked before it is stored: every bad value is one clear line.

The dashboard and the command line both build reviews here, so the same checks hold whichever
way a review arrives. Stored text (reviewer, note) is free text and is escaped where shown.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from news.review.keys import claim_key
from news.review.schema import DECISIONS, MAX_NOTE, MAX_REVIEWER, REASONS, STATUSES

_ISO3 = re.compile(r"^[A-Z]{3}$")


class ReviewError(ValueError):
    """A review that cannot be stored, and why, in one line."""


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _iso3(value: Any, what: str) -> str:
    code = _text(value).upper()
    if not _ISO3.match(code):
        raise ReviewError(f"{what} must be an ISO3 country code such as MLI, not {code[:20]!r}")
    return code


def _status(value: Any, what: str) -> str:
    status = _text(value).lower()
    if status not in STATUSES:
        raise ReviewError(f"{what} must be one of {', '.join(STATUSES)}, not {status[:20]!r}")
    return status


def _actor(value: Any, actors: tuple[str, ...] | None, what: str) -> str:
    actor = _text(value).lower()
    if not actor or (actors is not None and actor not in actors):
        known = f" (known: {', '.join(actors)})" if actors else ""
        raise ReviewError(f"{what} {actor[:40]!r} is not a known actor{known}")
    return actor


def make_review(*, article_id: str, sentence: str, actor: str, iso3: str, status: str | None, decision: str,
                reviewer: str, reason: str | None = None, note: str | None = None,
                new_actor: str | None = None, new_iso3: str | None = None, new_status: str | None = None,
                actors: tuple[str, ...] | None = None, now: datetime | None = None) -> dict:
    """A row of the ``reviews`` table, or ``ReviewError``.

    ``actor``/``iso3``/``status``: the claim reviewed (for ``add``, the claim added). ``actors``:
    the known actor keys (None: any). A rejection needs a ``reason`` from ``REASONS``; a
    correction at least one ``new_*`` value that differs from the claim.
    """
    if decision not in DECISIONS:
        raise ReviewError(f"decision must be one of {', '.join(DECISIONS)}, not {str(decision)[:20]!r}")
    if not isinstance(article_id, str) or not article_id:
        raise ReviewError("a review needs the claim's article id")
    if not _text(sentence):
        raise ReviewError("a review needs the claim's sentence")
    who = _text(reviewer)
    if not who:
        raise ReviewError("a review needs a reviewer name")
    if len(who) > MAX_REVIEWER:
        raise ReviewError(f"the reviewer name is longer than {MAX_REVIEWER} characters")
    note_ = _text(note)
    if len(note_) > MAX_NOTE:
        raise ReviewError(f"the note is longer than {MAX_NOTE} characters")
    actor_ = _actor(actor, actors if decision == "add" else None, "actor")
    iso3_ = _iso3(iso3, "country")
    status_ = _status(status, "status") if (status or decision == "add") else None
    row: dict[str, Any] = {"new_actor": None, "new_iso3": None, "new_status": None, "reason": None}
    if decision == "reject":
        if reason not in REASONS:
            raise ReviewError(f"a rejection needs a reason: one of {', '.join(REASONS)}")
        row["reason"] = reason
    elif reason:
        raise ReviewError("only a rejection takes a reason")
    if decision == "correct":
        if new_actor:
            row["new_actor"] = _actor(new_actor, actors, "new actor")
        if new_iso3:
            row["new_iso3"] = _iso3(new_iso3, "new country")
        if new_status:
            row["new_status"] = _status(new_status, "new status")
        changed = (row["new_actor"] not in (None, actor_) or row["new_iso3"] not in (None, iso3_)
                   or row["new_status"] not in (None, status_))
        if not changed:
            raise ReviewError("a correction needs a new actor, country or status that differs from the claim")
    elif new_actor or new_iso3 or new_status:
        raise ReviewError("only a correction takes a new actor, country or status")
    when = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    return {
        "key": claim_key(article_id, sentence, actor_, iso3_),
        "article_id": article_id,
        "sentence": " ".join(sentence.split()),
        "actor": actor_,
        "iso3": iso3_,
        "status": status_,
        "decision": decision,
        **row,
        "note": note_ or None,
        "reviewer": who,
        "reviewed_at": when,
    }
