"""When an open page redraws after an ingest (components/refresh.py)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from components.refresh import LONGEST_STALE, Pending, refresh_due


def ticks(drawn, fingerprints, every=5.0):
    """Feed one fingerprint per tick; return the tick numbers that redraw (the page is then
    drawn from that tick's fingerprint)."""
    pending, redraws = None, []
    for i, fp in enumerate(fingerprints):
        due, pending = refresh_due(drawn, fp, pending, i * every)
        if due:
            redraws.append(i)
            drawn = fp
    return redraws


def test_an_unchanged_store_never_redraws():
    assert ticks("a", ["a"] * 50) == []


def test_a_finished_ingest_redraws_on_the_next_quiet_tick():
    # the commit lands before tick 1; tick 2 sees the same store: the ingest is over
    assert ticks("a", ["a", "b", "b", "b", "b"]) == [2]


def test_an_ingest_that_keeps_committing_redraws_at_most_once_per_bound():
    changing = [f"v{i}" for i in range(60)]  # a new batch every tick for five minutes
    redraws = ticks("v0", changing, every=5.0)
    assert redraws, "a long ingest still shows progress"
    gaps = [b - a for a, b in pairwise([0, *redraws])]
    assert all(g * 5.0 >= LONGEST_STALE for g in gaps), gaps
    assert len(redraws) <= 300 / LONGEST_STALE + 1


def test_a_change_undone_before_the_next_tick_redraws_nothing():
    # a compaction may swap files and leave the listing as it was drawn
    assert ticks("a", ["a", "b", "a", "a"]) == []


def test_the_first_sighting_time_is_kept_while_the_store_changes():
    due, pending = refresh_due("a", "b", None, 10.0)
    assert not due and pending == Pending("b", 10.0)
    due, pending = refresh_due("a", "c", pending, 15.0)
    assert not due and pending == Pending("c", 10.0)
    due, pending = refresh_due("a", "d", pending, 10.0 + LONGEST_STALE)
    assert due and pending is None


@given(st.lists(st.sampled_from("abcd"), max_size=40))
def test_a_redraw_always_shows_data_newer_than_the_page(fps):
    drawn, pending = "a", None
    for i, fp in enumerate(fps):
        due, pending = refresh_due(drawn, fp, pending, i * 5.0)
        if due:
            assert fp != drawn
            drawn = fp
    # and once the store rests on one value for two ticks past a sighting, the page shows it
    for j in range(2):
        due, pending = refresh_due(drawn, "z", pending, (len(fps) + j) * 5.0)
        if due:
            drawn = "z"
    assert drawn == "z"
