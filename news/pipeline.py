"""One article in, its mentions and claims out: the composition every engine runs."""

from __future__ import annotations

from dataclasses import replace

from geo.extract import extract
from geo.gazetteer import Gazetteer
from geo.resolve import Resolver
from geo.types import Mention
from news.actors import ActorConfig
from news.models import Article, Claim
from news.presence import find_claims
from news.sources.clean import mask_furniture
from news.timeref import NO_TIME, TimeRef, background_spans, may_hold_time, time_of


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
    return mentions, timed_claims(article, mentions, find_claims(article, mentions, config))


def _place_at(claim: Claim, language: str, mentions: list[Mention]) -> int | None:
    """Where the claim's place starts in its evidence sentence (None when no mention of its
    country is found there): the named place first, and an occurrence in the main clause before
    one inside a background clause, so a country named in both is not taken for background."""
    sentence = claim.evidence
    surfaces = [m.surface for m in mentions if m.iso3 == claim.iso3 and m.sentence == sentence and m.surface]
    if claim.place:
        surfaces.sort(key=lambda s: s != claim.place)
    spans = background_spans(sentence, language)
    found = []
    for surface in surfaces:
        at = sentence.find(surface)
        while at != -1:
            if not any(lo <= at < hi for lo, hi in spans):
                return at
            found.append(at)
            at = sentence.find(surface, at + 1)
    return found[0] if found else None


def timed_claims(article: Article, mentions: list[Mention], claims: list[Claim]) -> list[Claim]:
    """The claims with the time their own sentence gives them (``news.timeref``), read once per
    (sentence, place) and only where ``may_hold_time`` or a relative clause may say something."""
    if not claims:
        return claims
    seen: dict[tuple[str, int | None], TimeRef] = {}
    out = []
    for claim in claims:
        sentence = claim.evidence or ""
        if not (may_hold_time(sentence, article.language) or any(ch in sentence for ch in ",(—–")):
            out.append(claim)
            continue
        at = _place_at(claim, article.language, mentions)
        ref = seen.get((sentence, at))
        if ref is None:
            ref = seen[(sentence, at)] = time_of(sentence, article.language, article.published, at)
        if ref == NO_TIME:
            out.append(claim)
        else:
            out.append(replace(claim, as_of=ref.as_of, as_of_precision=ref.precision, until=ref.until,
                               background=ref.background))
    return out


def _mask(text: str) -> str:
    """Furniture blanked by spaces of equal length, so spans index the text as given."""
    masked = mask_furniture(text)
    return masked if len(masked) == len(text) else text


def extract_record(record: dict) -> dict:
    """One JSONL article in, ``{"id", "mentions", "claims"}`` out (spans into the given text).

    What ``footprint extract`` writes a line for, and what ``footprint eval`` scores."""
    article = article_from_record(record)
    return record_of(article, *process(article))


def record_of(article: Article, mentions: list[Mention], claims: list[Claim]) -> dict:
    """The line ``footprint extract`` writes for an article read into ``mentions`` and ``claims``."""
    return {
        "id": article.id,
        "mentions": [{"iso3": m.iso3, "surface": m.surface, "start": m.start, "end": m.end, "kind": m.kind}
                     for m in mentions],
        "claims": [{"actor": c.actor, "iso3": c.iso3, "status": c.status, "place": c.place,
                    "evidence": c.evidence, "cue": c.cue, "confidence": c.confidence, "rules": c.rules,
                    "as_of": c.as_of.isoformat() if c.as_of else None, "as_of_precision": c.as_of_precision,
                    "until": c.until.isoformat() if c.until else None, "background": c.background}
                   for c in claims],
    }


def article_from_record(record: dict) -> Article:
    """The article a JSONL record holds, its text masked as extraction reads it: what
    ``extract_record`` processes, and what the learned layer is trained on (news/evaluate.py)."""
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
    return Article(
        id=ident, url=url, title=text_field(record, "title"), outlet=text_field(record, "outlet"),
        published=published, language=normalise_language(text_field(record, "language")) or detect_language(masked),
        text=masked, source="stdin",
    )
