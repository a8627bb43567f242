"""PLACEHOLDER while presence lands: same signature as the real one."""
from __future__ import annotations

from geo.types import Mention
from news.models import Article, Claim


def find_claims(article: Article, mentions: list[Mention]) -> list[Claim]:
    return []
