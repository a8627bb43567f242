"""What reviews cost a read of the store: ``layers`` (a fresh ``Store.connect`` per query, what the
command line pays) and building the page's ``Snapshot``, with 0, 100 and 1,000 reviews, as ratios
taken in the same run (seconds swing with the machine's load).

    python bench/review.py [--articles 20000]

Reviews touch only the claims of reviewed articles (news/review/view.py), so the cost should
grow with the reviews, not with the store.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from news.models import Article, Claim, article_id
from news.review.log import append_reviews
from news.review.records import make_review
from news.store import Batch, Store
from news.store.queries import layer_rows
from news.store.snapshot import Snapshot

COUNTRIES = ["MLI", "CAF", "LBY", "SYR", "SDN", "BFA", "NER", "MOZ", "UKR", "BLR"]


def build(root: Path, n: int) -> list[Claim]:
    rng = random.Random(7)
    store, batch, claims = Store(root), [], []
    for i in range(n):
        text = f"Report {i}. Wagner fighters were seen in {COUNTRIES[i % 10]} on patrol {i}."
        aid = article_id(None, text)
        day = date(2018, 1, 1) + timedelta(days=rng.randrange(2500))
        art = Article(id=aid, url=None, title=f"t{i}", outlet="o", published=day, language="en", text=text,
                      source="bench")
        claim = Claim(article_id=aid, actor=rng.choice(["wagner", "russia"]), iso3=COUNTRIES[i % 10], place=None,
                      lat=float("nan"), lon=float("nan"), status="present", date=day, evidence=text.split(". ")[1],
                      cue="seen in", confidence=0.7)
        claims.append(claim)
        batch.append(Batch(article=art, mentions=[], claims=[claim]))
        if len(batch) == 5000:
            store.write(batch)
            batch = []
    store.write(batch)
    return claims


def timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "store"
        claims = build(root, args.articles)
        base_layers = timed(lambda: layer_rows(Store(root)))
        base_snap = timed(lambda: Snapshot(root))
        print(f"{args.articles:,} articles, 0 reviews: layers {base_layers * 1000:.0f} ms, "
              f"snapshot {base_snap * 1000:.0f} ms")
        done = 0
        for target in (100, 1000):
            reviews = [make_review(article_id=c.article_id, sentence=c.evidence, actor=c.actor, iso3=c.iso3,
                                   status=c.status, decision=("reject", "confirm")[i % 2],
                                   reason="not-actor" if i % 2 == 0 else None, reviewer="bench")
                       for i, c in enumerate(claims[done:target], start=done)]
            for review in reviews:  # one file per review, as the page and the command line write them
                append_reviews(Store(root), [review])
            done = target
            lay, snap = timed(lambda: layer_rows(Store(root))), timed(lambda: Snapshot(root))
            print(f"{target:,} reviews: layers {lay * 1000:.0f} ms ({lay / base_layers:.2f}x), "
                  f"snapshot {snap * 1000:.0f} ms ({snap / base_snap:.2f}x)")


if __name__ == "__main__":
    main()
