"""The data contracts of docs/design.md as plain dataclasses.

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
Day = date  # ``Claim`` has a field named ``date``, which hides the type inside its body


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
    # Syndication (news/syndication.py): the id of the earliest stored copy of this story (its
    # own id when it has none), set when committed; and the MinHash signature of its text, set
    # where it is processed (None for a text too short to tell copies by).
    cluster: str | None = None
    signature: bytes | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Claim:
    article_id: str
    actor: str
    iso3: str
    place: str | None
    lat: float | None  # the mention's point: None when its place has none (geo.resolve)
    lon: float | None
    status: str
    date: date | None
    evidence: str
    cue: str
    confidence: float
    # Which rule put the actor there ("locative-cue", "replacement", "pointer", ...), with what
    # changed it after ("+hedged", "+actor-pointer", "+no-longer"): the reader's "why", and
    # what bench/accuracy.py scores per rule. Ids are listed in docs/rules.md.
    rules: str = ""
    # The claim's own time when its sentence gives one (news/timeref.py): ``as_of`` the first day
    # of the period named ("in 2019" -> 2019-01-01, precision "year"), ``until`` the last day of
    # an end or a closed period; ``background`` a claim told in passing ("Wagner, which has fought
    # in Libya"), which confirms nothing on the article's date. None/False when the text is silent.
    as_of: Day | None = None
    as_of_precision: str | None = None
    until: Day | None = None
    background: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Case-, width- and whitespace-folded text, so trivially re-scraped copies share an id."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


_TRACKING = ("utm_", "fbclid", "gclid")


def canonical_url(url: str) -> str:
    """One story, one id: tracking parameters, trailing slashes and in-page anchors dropped.

    What distinguishes pages is kept: a query key with no value (``news.php?123``, where the
    key *is* the story) and a route-like fragment (``#/article/1``, ``#!/story/2``: single-page
    sites route on it). Only a plain anchor (``#comments``) is the same page.
    """
    from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    items: list[tuple[str, str, bool]] = []  # (key, value, written with "=")
    for item in parts.query.split("&"):
        if not item:
            continue
        pairs = parse_qsl(item, keep_blank_values=True)
        if not pairs:
            continue
        key, value = pairs[0]
        if not key.lower().startswith(_TRACKING):
            items.append((key, value, "=" in item))
    query = "&".join(urlencode([(k, v)]) if eq else quote_plus(k) for k, v, eq in sorted(items))
    path = parts.path.rstrip("/") or "/"
    fragment = parts.fragment if parts.fragment.startswith(("/", "!")) else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, fragment))


def article_id(url: str | None, text: str) -> str:
    """Stable id: hash of the canonical URL when there is one, else of the normalised text."""
    basis = "url:" + canonical_url(url) if url else "text:" + normalise_text(text)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]

