"""``footprint ingest --watch FEEDS.txt --every 15m``: poll a list of feeds, round after round.

Why these rules:
- **Conditional requests.** Each feed's ``ETag`` and ``Last-Modified`` are sent back as
  ``If-None-Match`` / ``If-Modified-Since``; a 304 costs the server and us no entries. They are
  remembered in the store (``.watch.json``, hidden from readers), so a restart asks the same.
- **Validators only after the articles.** A feed's validators are saved once its new articles
  are written: killed or stopped in between, the next round fetches the feed whole and drops
  the ids already stored, so nothing is missed and nothing is stored twice.
- **Backoff.** A feed that fails waits ``every * 2**failures`` (capped at ``BACKOFF_CAP`` or one
  interval, whichever is longer) before its next try, remembered across restarts too; one
  success resets it. The other feeds keep their rhythm.
- **Ctrl-C.** The first SIGINT asks the loop to stop at the next article, feed or second of
  sleep; the feed in progress is abandoned without a partial batch (its articles not yet
  written are fetched again next time), and the run ends with one line and status 130. A second
  Ctrl-C stops at once (as any ingest: a batch is either whole or invisible).
- **Never twice.** The store's ids are read at the start of every round (another ingest may
  have added some) and every id written is added to them.

The feeds and their entry pages go through ``news.sources.fetch`` and ``news.sources.feeds``
with their deadlines and address checks: a feed's own URL is the user's and may be on this
machine; its links are held to the address policy.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from news.ingest.pipeline import Pipeline, settler
from news.ingest.report import BATCH_SIZE
from news.sources import Skipped
from news.sources.common import SourceError, check_bytes, decode_utf8, read_regular
from news.sources.feeds import iter_feed, looks_like_feed
from news.sources.fetch import Fetched, FetchError, fetch, is_http_url
from news.store import TMP_PREFIX, Batch, BatchWriter, Store, owner_tag
from news.syndication import Clusterer

DEFAULT_EVERY = 15 * 60.0
BACKOFF_CAP = 6 * 3600.0
STATE = ".watch.json"
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smh])", re.I)
_UNIT = {"s": 1, "m": 60, "h": 3600}


class FeedListError(Exception):
    """The feeds file cannot be used (missing, unreadable, no feed in it)."""


class Stop(Exception):
    """Ctrl-C was pressed: abandon the feed in progress."""


def parse_interval(text: str) -> float:
    """``30s``, ``15m``, ``1h`` (``1.5h``) as seconds; ValueError otherwise."""
    found = _INTERVAL.fullmatch(text.strip())
    seconds = float(found[1]) * _UNIT[found[2].lower()] if found else 0.0
    if not 0 < seconds <= 7 * 24 * 3600:
        raise ValueError(f"not an interval (such as 30s, 15m or 1h, at most a week): {text!r}")
    return seconds


def read_feed_list(path: str | os.PathLike) -> tuple[list[str], list[str]]:
    """The feed URLs of a feeds file (one a line; blank lines and ``#`` comments ignored; a
    repeated URL read once) and a skip line for each line that is not an http(s) URL."""
    name = str(path)
    try:
        data = read_regular(Path(path))
        check_bytes(data)
        text = decode_utf8(data)
    except OSError as exc:
        raise FeedListError(f"cannot read the feeds file {name} ({exc.strerror or exc})") from exc
    except SourceError as exc:
        raise FeedListError(f"cannot read the feeds file {name} ({exc})") from exc
    urls: list[str] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if not is_http_url(line) or any(c.isspace() for c in line):
            shown = "".join(c if c.isprintable() else "?" for c in line[:80])
            problems.append(f"skipped {name}:{number}: not an http(s) URL ({shown})")
        elif line not in urls:
            urls.append(line)
    if not urls:
        raise FeedListError(f"no feed URL in {name}" + (f" ({len(problems)} lines are not URLs)" if problems else ""))
    return urls, problems


# ----------------------------------------------------------------------------- state


@dataclass(slots=True)
class FeedState:
    """What is remembered of one feed between rounds and runs."""

    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # in a row
    retry_at: float = 0.0  # time.time() before which a failed feed is not asked again
    last_error: str | None = None

    def conditional(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def load_state(root: Path) -> dict[str, FeedState]:
    """The feeds' state saved in the store (empty when none, or unreadable: the feeds are then
    fetched whole once, which stores nothing twice)."""
    try:
        raw = json.loads((root / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    states: dict[str, FeedState] = {}
    if isinstance(raw, dict):
        for url, value in raw.items():
            with contextlib.suppress(TypeError, ValueError):
                states[str(url)] = FeedState(**value)
    return states


def save_state(root: Path, states: dict[str, FeedState]) -> None:
    """Replace the state file atomically (a kill leaves the old one or the new one)."""
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f"{TMP_PREFIX}{owner_tag()}-{STATE.lstrip('.')}"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump({url: asdict(s) for url, s in states.items()}, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, root / STATE)


def backoff(failures: int, every: float) -> float:
    """Seconds a feed that failed ``failures`` times in a row waits: doubling, capped."""
    return min(every * 2 ** min(failures, 32), max(every, BACKOFF_CAP))


def _duration(seconds: float) -> str:
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds / size:g}{unit}" if seconds % size == 0 else f"{seconds / size:.1f}{unit}"
    return f"{seconds:g}s"


# ----------------------------------------------------------------------------- rounds


@dataclass(slots=True)
class RoundReport:
    number: int
    changed: int = 0  # feeds fetched whole (200)
    not_modified: int = 0  # 304
    failed: int = 0
    waiting: int = 0  # backing off, not asked this round
    ingested: int = 0
    known: int = 0
    skipped: Counter = field(default_factory=Counter)

    def line(self) -> str:
        text = (f"round {self.number} at {time.strftime('%H:%M:%S')}: {self.changed} changed, "
                f"{self.not_modified} not modified, {self.failed} failed, {self.waiting} backing off; "
                f"ingested {self.ingested}, already known {self.known}, skipped {sum(self.skipped.values())}")
        if self.skipped:
            text += " (" + ", ".join(f"{n} {kind}" for kind, n in self.skipped.most_common()) + ")"
        return text


class Watcher:
    """The feeds of a feeds file, their state, and one round at a time into ``store``."""

    def __init__(self, feeds_file: str, store: Store, *, every: float, pipeline: Pipeline,
                 batch_size: int = BATCH_SIZE, default_date: date | None = None,
                 allow_hosts: Sequence[str] = (), err: TextIO = sys.stderr,
                 fetcher: Callable[..., Fetched] = fetch, stopping: Callable[[], bool] = lambda: False) -> None:
        self.feeds_file, self.store, self.every = feeds_file, store, every
        self.pipeline, self.prepare = pipeline, pipeline.prepare
        self.batch_size, self.default_date, self.err = batch_size, default_date, err
        self.fetcher = partial(fetcher, allow_hosts=tuple(allow_hosts)) if allow_hosts else fetcher
        self.stopping = stopping
        self.urls, problems = read_feed_list(feeds_file)  # FeedListError: the caller's usage error
        self._say_all(problems)
        self.states = load_state(store.root)
        self.stored = 0  # articles written by this run

    def _say(self, text: str) -> None:
        print(text, file=self.err, flush=True)

    def _say_all(self, lines: list[str]) -> None:
        for line in lines:
            self._say(line)

    def _check(self) -> None:
        if self.stopping():
            raise Stop

    def reload(self) -> None:
        """Read the feeds file again (it may be edited while watching); keep the old list if
        it cannot be read now."""
        try:
            urls, problems = read_feed_list(self.feeds_file)
        except FeedListError as exc:
            self._say(f"warning: {exc}; keeping the {len(self.urls)} feeds read before")
            return
        self.urls = urls
        self._say_all(problems)

    def round(self, number: int) -> RoundReport:
        """Ask every feed that is due; raises Stop (after saving what was done) on Ctrl-C."""
        report = RoundReport(number)
        known = self.store.known_ids()
        # read anew each round, like the ids: another ingest may have stored stories meanwhile
        clusterer = Clusterer(self.store.heads)
        for url in self.urls:
            self._check()
            self._feed(url, self.states.setdefault(url, FeedState()), known, report, clusterer)
        self.states = {u: s for u, s in self.states.items() if u in self.urls}
        save_state(self.store.root, self.states)
        return report

    def _fail(self, url: str, state: FeedState, reason: str, report: RoundReport) -> None:
        state.failures += 1
        wait = backoff(state.failures, self.every)
        state.retry_at = time.time() + wait
        state.last_error = reason[:300]
        report.failed += 1
        self._say(f"skipped {url}: {reason}; failed {state.failures} time{'s' * (state.failures > 1)} in a row, "
                  f"next try in {_duration(wait)}")
        save_state(self.store.root, self.states)

    def _feed(self, url: str, state: FeedState, known: set[str], report: RoundReport,
              clusterer: Clusterer) -> None:
        if state.retry_at and time.time() + self.every / 2 < state.retry_at:
            report.waiting += 1
            return
        try:
            page = self.fetcher(url, conditional=state.conditional())
        except FetchError as exc:
            self._fail(url, state, f"fetch failed ({exc})", report)
            return
        self._check()
        if page.status == 304:
            report.not_modified += 1
            state.failures, state.retry_at, state.last_error = 0, 0.0, None
            save_state(self.store.root, self.states)
            return
        if not (looks_like_feed(page.content) or page.content_type in ("application/rss+xml", "application/atom+xml")):
            self._fail(url, state, "not a feed (no rss, feed or rdf:RDF root)", report)
            return
        writer = BatchWriter(self.store, self.batch_size, settler(self.pipeline, clusterer))
        ingested = already = 0
        skipped: Counter = Counter()
        for item in iter_feed(page.content, source=url, default_date=self.default_date, fetcher=self.fetcher):
            self._check()  # abandons the feed: what the writer holds is not written
            if isinstance(item, Skipped):
                if item.source == url and item.error:  # the feed itself
                    self._fail(url, state, item.reason, report)
                    return
                self._say(item.line())
                if item.error:
                    skipped[item.kind] += 1
                continue
            if item.id in known:
                already += 1
                continue
            # as a file ingest does (news/ingest/local.py): the outlet, mentions and claims here,
            # the signature and cluster when the writer writes, so a reprint counts once
            item, mentions, claims = self.prepare(item)
            writer.add(Batch(item, mentions, claims))
            known.add(item.id)
            ingested += 1
        try:
            writer.flush()
        finally:
            self.stored += writer.written
        report.changed += 1
        report.ingested += ingested
        report.known += already
        report.skipped.update(skipped)
        # the validators last: saved, they say "everything up to here is stored"
        state.etag, state.last_modified = page.etag, page.last_modified
        state.failures, state.retry_at, state.last_error = 0, 0.0, None
        save_state(self.store.root, self.states)


def watch(feeds_file: str, store: Store, *, every: float = DEFAULT_EVERY, rounds: int = 0,
          default_date: date | None = None, batch_size: int = BATCH_SIZE, allow_hosts: Sequence[str] = (),
          pipeline: Pipeline | None = None, err: TextIO = sys.stderr,
          fetcher: Callable[..., Fetched] = fetch) -> int:
    """Rounds every ``every`` seconds (``rounds`` of them, 0 = until Ctrl-C); the exit status:
    0, 1 when a feed failed or an entry was skipped for an error, 130 when stopped by Ctrl-C."""
    asked: list[bool] = []

    def on_sigint(signum: int, frame: Any) -> None:
        asked.append(True)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a second Ctrl-C stops at once

    watcher = Watcher(feeds_file, store, every=every, pipeline=pipeline or Pipeline.from_env(),
                      batch_size=batch_size, default_date=default_date, allow_hosts=allow_hosts, err=err,
                      fetcher=fetcher, stopping=lambda: bool(asked))
    print(f"watching {len(watcher.urls)} feed{'s' * (len(watcher.urls) != 1)} every {_duration(every)}"
          f"{f' for {rounds} rounds' if rounds else ''} into {store.root} (Ctrl-C to stop)", file=err, flush=True)
    try:
        previous = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:  # not the main thread (an embedding program): it handles its own signals
        previous = None
    problems = False
    number = 0
    try:
        while not rounds or number < rounds:
            number += 1
            started = time.monotonic()
            if number > 1:
                watcher.reload()
            report = watcher.round(number)
            print(report.line(), file=err, flush=True)
            problems |= bool(report.failed or report.skipped)
            if rounds and number >= rounds:
                break
            next_at = started + every  # a round that overran is followed at once, never by a burst
            while time.monotonic() < next_at:
                if asked:
                    raise Stop
                time.sleep(min(0.2, next_at - time.monotonic()))
            if asked:
                raise Stop
    except Stop:
        print(f"interrupted: stopped in round {number}; {watcher.stored} articles stored by this run, every batch "
              "written is intact; a feed not finished is fetched whole next time", file=err, flush=True)
        return 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return 1 if problems else 0
