"""The presence tests' one question of the rules: which (actor, country, status) triples a text
gives, through the extractor and ``find_claims`` exactly as ingest calls them."""

from __future__ import annotations

from geo.extract import extract
from news.models import Article
from news.presence import find_claims


def claims(text: str, lang: str = "en") -> set[tuple[str, str, str]]:
    art = Article("t", None, "", "", None, lang, text, "test")
    return {(c.actor, c.iso3, c.status) for c in find_claims(art, extract(text, lang))}
