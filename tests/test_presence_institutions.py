"""A country named as the owner of a state organ ("US Treasury sanctions", "U.S. officials") is the
one who acts or speaks, not a place anyone is in. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.presence_claims import claims

# the rules' own cases: the learned layer is measured over the labelled sets (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize("text", [
    "Meroe Gold has operated a plant near the river town of Abidiya, and US Treasury sanctions call it a Wagner front.",
    "Wagner fighters guard a mine near the town of Bria, and US intelligence reports put their number at 1,500.",
])
def test_a_country_owning_a_state_organ_is_no_place(text: str) -> None:
    assert not {c for c in claims(text) if c[1] == "USA"}
