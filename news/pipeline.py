"""One article in, its mentions and claims out: the composition every engine runs."""

from __future__ import annotations

from geo.extract import extract
from geo.types import Mention
from news.clean import clean_text
from news.models import Article, Claim
from news.presence import find_claims


def process(article: Article) -> tuple[list[Mention], list[Claim]]:
    """Mentions and claims of an article whose ``text`` is already clean."""
    mentions = extract(article.text, article.language)
    return mentions, find_claims(article, mentions)


__all__ = ["process", "clean_text", "extract", "find_claims"]
