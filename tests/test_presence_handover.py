"""A handover: the force that hands its positions over leaves; the one it hands them to stays.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.presence_claims import claims

# the rules' own cases: the learned layer is measured over the labelled sets (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_only")


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


def test_a_coordinated_leaving_verb_ends_the_stay_just_named() -> None:
    got = claims("The bloc's only mission saw Russian paratroopers fly into Kazakhstan in January 2022 "
                 "and leave within a fortnight.")
    assert got == {("russia", "KAZ", "ended")}


def test_a_stay_before_withdrawing_ended() -> None:
    got = claims("Wagner fought Islamist insurgents in Mozambique for several months in 2019 before withdrawing.")
    assert ("wagner", "MOZ", "ended") in got


def test_an_ended_episode_does_not_end_a_stay_reported_elsewhere() -> None:
    # the bombers came and went; the troops the article reports are there now
    got = claims("About a hundred Russian troops are now stationed in Venezuela, officials said. In December "
                 "two Russian bombers flew to Venezuela for an exercise and returned home within days.")
    assert got == {("russia", "VEN", "present")}


def test_a_facility_given_up_ends_the_stay_in_its_country() -> None:
    got = claims("Russia gave up the Cam Ranh Bay naval base in Vietnam in 2002 and closed the Lourdes "
                 "listening station in Cuba the year before.")
    assert {("russia", "VNM", "ended"), ("russia", "CUB", "ended")} <= got
    assert not {c for c in got if c[2] == "present"}


def test_closing_something_else_is_no_departure() -> None:
    got = claims("Russian troops closed the road to the airport in Mali for two days.")
    assert ("russia", "MLI", "ended") not in got


@pytest.mark.parametrize("text, lang", [
    ("Last summer the Africa Corps took over Wagner's operations in Mali.", "en"),
    ("Russia's Africa Corps has since taken over the Wagner Group's bases in Mali.", "en"),
    ("Au Mali, l'Africa Corps prend le relais de Wagner dès le mois de juin.", "fr"),
    ("Au Mali, le groupe Wagner a combattu trois ans avant de céder la place à l'Africa Corps.", "fr"),
])
def test_a_takeover_of_the_old_force_s_work_is_a_replacement(text: str, lang: str) -> None:
    assert claims(text, lang) == {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}


@pytest.mark.parametrize("text", [
    # what is taken over is no actor's: the state took over Wagner's networks at home, not in Ukraine
    "The Africa Corps is stretched by the front in Ukraine, and recruits are scarce since the state took "
    "over Wagner's networks.",
    # the possessor is a pointer, and the actor after it is another clause's
    "After Prigozhin was killed, the Africa Corps took over the group's men in Libya, which has since "
    "supplied Russian units in Mali.",
])
def test_took_over_needs_the_old_force_as_its_object_s_owner(text: str) -> None:
    got = claims(text)
    assert not any(status == "ended" for _, _, status in got)
