"""Presence in lists, ranges and relative clauses (issue 14, round two), on sentences written here."""

from __future__ import annotations

import pytest

from geo.extract import extract
from news.models import Article
from news.presence import find_claims


def claims(text: str, lang: str) -> set[tuple[str, str, str]]:
    art = Article("t", None, "", "", None, lang, text, "test")
    return {(c.actor, c.iso3, c.status) for c in find_claims(art, extract(text, lang))}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # both ends of a range are places the actor is in; nothing is said of the countries between
        ("Wagner contractors have been active from Libya to the Central African Republic.", "en",
         {("wagner", "LBY", "present"), ("wagner", "CAF", "present")}),
        ("Les paramilitaires de Wagner sont présents de la Libye à la Centrafrique.", "fr",
         {("wagner", "LBY", "present"), ("wagner", "CAF", "present")}),
        ("Наёмники «Вагнера» действуют от Ливии до Мозамбика.", "ru",
         {("wagner", "LBY", "present"), ("wagner", "MOZ", "present")}),
    ],
)
def test_range_places_both_ends(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


def test_departure_from_is_not_a_range() -> None:
    """A leaving cue's "from" keeps its meaning: the country left is ended, the other present."""
    got = claims("Wagner fighters withdrew from Mozambique to Libya in 2020.", "en")
    assert ("wagner", "MOZ", "ended") in got
