"""The presence tests' questions of the rules: which (actor, country, status) triples a text
gives, through the extractor and ``find_claims`` exactly as ingest calls them; and what the rules
alone say of an article, which the learned parts' tests feed to each part by hand."""

from __future__ import annotations

from geo.extract import extract
from geo.types import Mention
from news.models import Article, Claim
from news.presence import find_claims, rules_only


def claims(text: str, lang: str = "en") -> set[tuple[str, str, str]]:
    art = Article("t", None, "", "", None, lang, text, "test")
    return {(c.actor, c.iso3, c.status) for c in find_claims(art, extract(text, lang))}


def article(text: str, language: str = "en", title: str | None = None) -> Article:
    """A test article with nothing but its text, language and title."""
    return Article(id="t", url=None, title=title, outlet=None, published=None, language=language, text=text,
                   source="test")


def read_by_rules(text: str, language: str = "en", title: str | None = None) -> tuple[Article, list[Mention],
                                                                                        list[Claim]]:
    """The article, its mentions and the rules' claims with every learned part off: what
    ``find_claims`` hands each learned part."""
    art = article(text, language, title)
    mentions = extract(text, language)
    with rules_only():
        return art, mentions, find_claims(art, mentions)
