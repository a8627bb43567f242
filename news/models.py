"""The data contracts of DESIGN.md as plain dataclasses.

Everything between the sources and the store passes these around, so each
step can be tested on hand-made values without touching disk or network.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date, datetime

STATUSES = ("present", "ended")


@dataclass(slots=True)
class Article:
    id: str
    url: str | None
    title: str
    outlet: str
    published: date | None
    language: str
    text: str
    source: str
    ingested_at: datetime | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Claim:
    article_id: str
    actor: str
    iso3: str
    place: str | None
    lat: float
    lon: float
    status: str
    date: date | None
    evidence: str
    cue: str
    confidence: float

    def to_dict(self) -> dict:
        return asdict(self)


_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Case-, width- and whitespace-folded text, so trivially re-scraped copies share an id."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def canonical_url(url: str) -> str:
    """Drop fragments, tracking parameters and trailing slashes: one story, one id."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(("utm_", "fbclid", "gclid"))]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(sorted(query)), ""))


def article_id(url: str | None, text: str) -> str:
    """Stable id: hash of the canonical URL when there is one, else of the normalised text."""
    basis = "url:" + canonical_url(url) if url else "text:" + normalise_text(text)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

