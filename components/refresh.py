"""When an open page redraws itself after an ingest: once the store is quiet, or at the latest
after a bound.

The page polls the store's fingerprint every few seconds (``dashboard._watch_store``). Redrawing
on every change made an ingest that commits a batch every second rerun every open page every
tick: each rerun reads the store anew, so under a long ingest pages never came to rest (the load
bench's page loads went from 3 s to over 30 s). A user wants the new data soon after an ingest,
not a page that redraws through it. So: redraw when the fingerprint differs from the one the
page was drawn from and has not changed since the previous tick (the ingest has paused or
ended), or when the page has been out of date for ``longest`` seconds (a long ingest still shows
progress).

Pure: the caller keeps the returned ``Pending`` between ticks (in its session) and passes the
clock in.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

LONGEST_STALE = 60.0  # seconds an open page may lag a store that keeps changing


@dataclass(frozen=True)
class Pending:
    """A change the page has seen but not yet drawn: the fingerprint at the last tick, and when
    the page first saw the store differ from what it shows."""

    seen: Hashable
    since: float


def refresh_due(drawn: Hashable, now_fp: Hashable, pending: Pending | None, now: float,
                longest: float = LONGEST_STALE) -> tuple[bool, Pending | None]:
    """(redraw now?, what to keep for the next tick).

    ``drawn`` is the fingerprint the page was drawn from, ``now_fp`` the store's at this tick.
    """
    if now_fp == drawn:
        return False, None  # nothing new (or an ingest's change was undone, as a compaction may)
    if pending is None:
        return False, Pending(now_fp, now)  # first sight of a change: wait one tick for quiet
    if now_fp == pending.seen or now - pending.since >= longest:
        return True, None
    return False, Pending(now_fp, pending.since)  # still changing: keep the first sighting's time
