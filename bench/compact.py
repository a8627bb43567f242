"""What ``footprint store compact`` buys: reads of a store of many small batches, before and after.

Writes a synthetic store as a feed watcher leaves it (``--batches`` batches of ``--per``
articles, each with mentions and a claim), then times, before and after one compaction: a
``layers`` query straight from the files (``news.store.queries.layer_rows``), building the
dashboard's in-memory ``Snapshot``, and ``known_ids`` (what every ingest and watch round reads
first). Prints the files, bytes and each time, and the ratios before/after.

Run from the repo root: ``python bench/compact.py [--batches 400] [--per 25]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.types import Mention  # noqa: E402
from news.models import Article, Claim  # noqa: E402
from news.store import Batch, Store  # noqa: E402
from news.store.compact import compact, visible_files  # noqa: E402
from news.store.queries import layer_rows  # noqa: E402
from news.store.snapshot import Snapshot  # noqa: E402

COUNTRIES = ("MLI", "LBY", "SDN", "CAF", "SYR", "BFA", "NER", "MOZ")


def _batch(i: int) -> Batch:
    aid = f"a{i:07d}"
    day = date(2015 + i % 10, 1 + i % 12, 1 + i % 28)
    iso3 = COUNTRIES[i % len(COUNTRIES)]
    art = Article(aid, f"https://example.org/{aid}", f"Title {i}", f"Outlet {i % 40}", day, ("en", "fr", "ru")[i % 3],
                  ("Wagner fighters were reported there. " * 30), "bench")
    mentions = [Mention(k * 10, k * 10 + 4, "Mali", "country", iso3, 17.0, -4.0, "In Mali.") for k in range(4)]
    claims = [Claim(aid, ("wagner", "russia")[i % 2], iso3, None, 17.0, -4.0, "present", day, "Evidence.", "cue", 0.7)]
    return Batch(art, mentions, claims)


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def measure(store: Store) -> dict[str, float]:
    return {
        "layers query": _best(lambda: layer_rows(Store(store.root))),
        "dashboard snapshot": _best(lambda: Snapshot(store.root)),
        "known ids": _best(lambda: Store(store.root).known_ids()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=400)
    parser.add_argument("--per", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        for b in range(args.batches):
            store.write([_batch(b * args.per + k) for k in range(args.per)])
        files, size = visible_files(store)
        print(f"store: {args.batches * args.per} articles in {args.batches} batches: {files} files, {size / 1e6:.1f} MB")
        before = measure(store)
        t = time.perf_counter()
        report = compact(store, grace=0)
        took = time.perf_counter() - t
        print(f"compaction: {took:.2f}s; {report.summary()}")
        after = measure(store)
        for name in before:
            print(f"{name:20s} before {before[name] * 1000:8.1f} ms  after {after[name] * 1000:8.1f} ms  "
                  f"ratio {before[name] / after[name]:.1f}x")


if __name__ == "__main__":
    main()
