"""One article in, its mentions and claims out: the composition every engine runs."""

from __future__ import annotations

from geo.extract import extract
from geo.gazetteer import Gazetteer
from geo.resolve import Resolver
from geo.types import Mention
from news.actors import ActorConfig
from news.models import Article, Claim
from news.presence import find_claims
from news.sources.clean import mask_furniture


def process(article: Article, gazetteer: Gazetteer | None = None,
            config: ActorConfig | None = None, resolver: Resolver | None = None) -> tuple[list[Mention], list[Claim]]:
    """Mentions and claims of an article whose ``text`` is already clean (with the default
    gazetteer and actors unless given: ``news.ingest.pipeline.Pipeline`` gives them).

    With a ``resolver`` (``geo.resolve``) the mentions get their points from its geocoder,
    checked against the shapes, before presence reads them; without one they keep the
    gazetteer's points extraction gave them."""
    mentions = extract(article.text, article.language, gazetteer)
    if resolver is not None:
        mentions, _ = resolver.resolve(mentions)
    return mentions, find_claims(article, mentions, config)


def _mask(text: str) -> str:
    """Furniture blanked by spaces of equal length, so spans index the text as given."""
    masked = mask_furniture(text)
    return masked if len(masked) == len(text) else text


def extract_record(record: dict) -> dict:
    """One JSONL article in, ``{"id", "mentions", "claims"}`` out (spans into the given text).

    What ``footprint extract`` writes a line for, and what ``footprint eval`` scores."""
    from news.models import article_id
    from news.sources.common import parse_date, text_field
    from news.sources.lang import detect_language, normalise_language

    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("no 'text' field")
    masked = _mask(text)
    url = record.get("url") if isinstance(record.get("url"), str) else None
    ident = text_field(record, "id") or article_id(url, text)
    try:
        published = parse_date(record.get("date"))
    except Exception:
        published = None
    article = Article(
        id=ident, url=url, title=text_field(record, "title"), outlet=text_field(record, "outlet"),
        published=published, language=normalise_language(text_field(record, "language")) or detect_language(masked),
        text=masked, source="stdin",
    )
    mentions, claims = process(article)
    return {
        "id": ident,
        "mentions": [{"iso3": m.iso3, "surface": m.surface, "start": m.start, "end": m.end, "kind": m.kind}
                     for m in mentions],
        "claims": [{"actor": c.actor, "iso3": c.iso3, "status": c.status, "place": c.place,
                    "evidence": c.evidence, "cue": c.cue, "confidence": c.confidence, "rules": c.rules}
                   for c in claims],
    }

