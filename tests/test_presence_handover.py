"""A handover: the force that hands its positions over leaves; the one it hands them to stays.
Sentences written for these tests."""

from __future__ import annotations

from geo.extract import extract
from news.models import Article
from news.presence import find_claims


def claims(text: str, lang: str = "en") -> set[tuple[str, str, str]]:
    art = Article("t", None, "", "", None, lang, text, "test")
    return {(c.actor, c.iso3, c.status) for c in find_claims(art, extract(text, lang))}


def test_the_receiver_of_a_handover_is_not_the_one_leaving() -> None:
    # the receiver is named far from "handed" (a long object between): it still only receives
    got = claims("The group handed its positions around the ruined city to regular Russian army units "
                 "and pulled its fighters out of Ukraine.")
    assert ("russia", "UKR", "ended") not in got


def test_a_receiver_after_a_place_named_first_does_not_take_the_departure() -> None:
    got = claims("Wagner fought for Bakhmut in eastern Ukraine before handing its positions to regular "
                 "Russian troops and pulling its men out of Ukraine altogether.")
    assert ("russia", "UKR", "ended") not in got


def test_the_force_that_hands_over_and_pulls_out_has_left() -> None:
    # "in late May" between the handover and the departure is a date, not a modal "may"
    got = claims("Wagner's men fought for Bakhmut before handing their positions to regular Russian army "
                 "units in late May and pulling out of Ukraine altogether.")
    assert ("wagner", "UKR", "ended") in got
