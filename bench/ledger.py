"""The presence ledger's cost: how long ``news.ledger.ledger`` and ``news.changes.changes`` take per
claim row at 10,000 and 100,000 rows, and the ratio of the two sizes' per-row cost (≈ 1 means it
grows linearly). Plain rows, no store: the fold itself, what the dashboard pays once per store change.

    python bench/ledger.py [--n 100000]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta

from news.changes import changes
from news.ledger import ledger


def rows(n: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    day0, t0 = date(2014, 1, 1), datetime(2025, 1, 1)
    out = []
    for i in range(n):
        out.append({"actor": rnd.choice(["wagner", "russia"]), "iso3": f"C{rnd.randrange(60):02d}",
                    "status": "ended" if rnd.random() < 0.08 else "present",
                    "date": day0 + timedelta(days=rnd.randrange(4000)), "article_id": f"a{i}",
                    "cluster": f"c{i // 3}", "ingested_at": t0 + timedelta(seconds=i)})
    return out


def per_row(fn, data) -> float:
    start = time.perf_counter()
    fn(data)
    return (time.perf_counter() - start) / len(data) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    n = parser.parse_args().n
    small, big = rows(n // 10), rows(n)
    def recent(d: list[dict]) -> list:  # the last tenth of the rows was ingested since
        return changes(d, datetime(2025, 1, 1) + timedelta(seconds=int(len(d) * 0.9)))

    for name, fn in (("ledger", ledger), ("changes (last tenth new)", recent)):
        a, b = per_row(fn, small), per_row(fn, big)
        print(f"{name}: {a:.1f} µs/row at {len(small):,} rows, {b:.1f} µs/row at {len(big):,} rows "
              f"(ratio {b / a:.2f}; {b * len(big) / 1e6:.2f} s in all)")


if __name__ == "__main__":
    main()
