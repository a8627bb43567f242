"""An actor named inside an aside about another is not the subject: "the Africa Corps, created to take
over the Wagner Group's operations, has deployed personnel to Mali" puts the Africa Corps in Mali,
not Wagner. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.presence_claims import claims

# the rules' own cases: the learned layer is measured over the labelled sets (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize(("text", "lang"), [
    ("The Africa Corps, created to take over the operations of the Wagner Group after its founder died, "
     "has already deployed personnel to Niger.", "en"),
    ("About a hundred Russian soldiers arrived in Niger in January, the first unit of the Africa Corps, "
     "the successor to the Wagner Group's operations on the continent.", "en"),
    ("L'Africa Corps, appelé à prendre la relève de Wagner sur le continent, a déployé des instructeurs "
     "au Niger.", "fr"),
])
def test_the_actor_inside_an_aside_is_not_placed(text: str, lang: str) -> None:
    got = claims(text, lang)
    assert ("russia", "NER", "present") in got
    assert ("wagner", "NER", "present") not in got
