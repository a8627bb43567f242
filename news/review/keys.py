"""The key a review is filed under: article, sentence and claim, never a row id or an offset.

A re-ingest of the same article gives it the same id (a hash of its URL or text), and a new
presence model that reads the same sentence gives the same evidence text; row numbers, batch
files and character offsets change with both. So a claim is known by its article id, its
sentence as normalised text, its actor and its country. The status is left out on purpose: a
correction of the status is a review of the same claim.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_sentence(text: object) -> str:
    """The sentence as compared: NFKC, case-folded, whitespace runs as one space, stripped (a
    re-scrape that changes a non-breaking space or a line break keeps its reviews)."""
    if not isinstance(text, str):
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def claim_key(article_id: object, sentence: object, actor: object, iso3: object) -> str:
    """16 hex digits of SHA-256 over the four parts: stable across Python versions and
    machines (``hash()`` is not), short enough to type on the command line."""
    parts = (str(article_id or ""), normalise_sentence(sentence), str(actor or "").strip().lower(),
             str(iso3 or "").strip().upper())
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
