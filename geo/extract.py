"""PLACEHOLDER while the gazetteer lands: same signature as the real one."""
from __future__ import annotations

from geo.types import Mention


def extract(text: str, language: str | None = None) -> list[Mention]:
    return []
