"""A date is not a plan: the month May is not the modal "may" (which makes a clause a plan and
drops its places). Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.presence_claims import claims

# the rules' own cases: the learned layer is measured over the labelled sets (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize(("text", "expected"), [
    ("In late May, Wagner fighters arrived in Mali.", ("wagner", "MLI", "present")),
    ("On 3 May Russian instructors landed in Niger.", ("russia", "NER", "present")),
    ("Since May, Russian military advisers have been stationed in Burkina Faso.", ("russia", "BFA", "present")),
])
def test_the_month_may_is_no_plan(text: str, expected: tuple) -> None:
    assert expected in claims(text)


def test_the_modal_may_is_still_a_plan() -> None:
    assert not claims("Wagner fighters may soon deploy to Niger.")
