"""The furniture prefilter may only ever skip a regex that cannot match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from news.prefilter import Prefilter
from news.sources.clean import _CREDIT, _FURNITURE

PATTERNS = [_FURNITURE, _CREDIT, re.compile(r"(is (blocked|banned) in|cookies?\b|x{2,})", re.I),
            re.compile(r"colou?r|grey|gray"), re.compile(r"(?:a|b)c")]
# Pieces of matching and near-matching text, so random joins hit the patterns often.
PIECES = ["Support us", "support our", "donation", "Donate", "is blocked in", "is banned in", "IS BANNED IN",
          "cookie", "Cookies", "newsletter", "Подпишитесь", "признана в России", "REUTERS/", "Reuters/", "AFP",
          "/AFP", "© ", "Фото:", "«undesirable»", "undesirable organization", "colour", "color", "gray", "ac",
          "bc", "xx", "X", "blocked", "banned", " in ", "Mali", "ſupport us", "\u212aookie", "İnbox", " ", ".", "\n"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=12))
def test_never_skips_a_match(parts: list[str]) -> None:
    text = "".join(parts)
    for pattern in PATTERNS:
        pf = Prefilter(pattern)
        if pattern.search(text):
            assert pf.might_match(text), (pattern.pattern[:40], text)
        assert bool(pf.search(text)) == bool(pattern.search(text))


def test_anchors_are_selective() -> None:
    pf = Prefilter(_FURNITURE)
    assert pf.anchors is not None and min(map(len, pf.anchors)) >= 4  # "is (blocked|banned) in" gives "locked"/"anned"
    assert not pf.might_match("Wagner fighters were seen near Bamako on Tuesday, officials said.")
    assert pf.might_match("Please SUPPORT US today")
    assert Prefilter(_CREDIT).anchors is not None


def test_required_literals_and_patterns_without_any() -> None:
    pf = Prefilter(re.compile(r"\w+ly"))  # every match ends in "ly"
    assert pf.anchors == ("ly",)
    assert pf.might_match("quickly") and not pf.might_match("slow")
    bare = Prefilter(re.compile(r"[a-z]+"))  # no literal every match must hold: no prefilter
    assert bare.anchors is None and bare.might_match("anything")
