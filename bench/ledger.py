"""The presence ledger's cost: how long ``news.ledger.ledger`` (the reference),
``news.ledger_frame.ledger_frame`` (the column-wise fold the dashboard and the commands use, over
the frame the store gives) and ``news.changes.changes`` take per claim row at a tenth of ``--n``
and at ``--n`` rows, and the ratio of the two sizes' per-row cost (≈ 1 means it grows linearly).
Plain rows, no store: the fold itself, what the dashboard pays once per store change. CPU time,
not wall time: the machine is shared.

    python bench/ledger.py [--n 100000]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta

import pandas as pd

from news.changes import changes
from news.ledger import ledger
from news.ledger_frame import ledger_frame


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
    start = time.process_time()
    fn(data)
    return (time.process_time() - start) / len(data) * 1e6


def framed(data: list[dict]) -> pd.DataFrame:
    """The rows as DuckDB's ``.df()`` gives them to the dashboard (dates as datetime64)."""
    df = pd.DataFrame.from_records(data)
    df["date"] = pd.to_datetime(df["date"])
    return df


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    n = parser.parse_args().n
    small, big = rows(n // 10), rows(n)
    def recent(d: list[dict]) -> list:  # the last tenth of the rows was ingested since
        return changes(d, datetime(2025, 1, 1) + timedelta(seconds=int(len(d) * 0.9)))

    fast: dict[str, float] = {}
    for name, fn, a_in, b_in in (("ledger (reference, news/ledger.py)", ledger, small, big),
                                 ("ledger_frame (column-wise)", ledger_frame, framed(small), framed(big)),
                                 ("changes (last tenth new)", recent, small, big)):
        a, b = per_row(fn, a_in), per_row(fn, b_in)
        fast[name] = b
        print(f"{name}: {a:.1f} µs/row at {len(a_in):,} rows, {b:.1f} µs/row at {len(b_in):,} rows "
              f"(ratio {b / a:.2f}; {b * len(b_in) / 1e6:.2f} s CPU in all)")
    ref, col = fast["ledger (reference, news/ledger.py)"], fast["ledger_frame (column-wise)"]
    print(f"column-wise ledger: {ref / col:.1f}x faster than the reference at {len(big):,} rows")


if __name__ == "__main__":
    main()
