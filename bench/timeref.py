"""Time inside the text on the labelled sets: how many claims get a time, a sample to read, and
what reading it costs.

Processes every article of ``tests/fixtures/*.jsonl`` (or the files given) with the pipeline,
counts the claims that get ``as_of``, ``until`` or ``background``, prints ``--sample`` of them
(seeded) with the words read, for reading by eye, and times ``news.pipeline.process`` with and
without the time step (``timed_claims``) over the same articles: a ratio, not an assertion.

Run from the repo root: ``python bench/timeref.py [--sample 40] [--seed 3] [FILES...]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from news import pipeline, timeref  # noqa: E402
from news.models import Article  # noqa: E402
from news.sources.common import parse_date  # noqa: E402
from news.timeref import describe, time_of  # noqa: E402


def _articles(paths: list[Path]) -> list[Article]:
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            try:
                published = parse_date(r.get("date"))
            except Exception:
                published = None
            out.append(Article(str(r.get("id")), None, r.get("title") or "", r.get("outlet") or "", published,
                               r.get("language") or "en", r.get("text") or "", path.name))
    return out


def _timed(articles: list[Article], with_time: bool) -> tuple[float, list]:
    original = pipeline.timed_claims
    timeref._parse_lowered.cache_clear()  # each round reads its dates afresh, as an ingest would
    if not with_time:
        pipeline.timed_claims = lambda article, mentions, claims: claims  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        found = [(a, pipeline.process(a)[1]) for a in articles]
        return time.perf_counter() - start, found
    finally:
        pipeline.timed_claims = original


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds (the best is kept)")
    args = ap.parse_args()
    files = args.files or sorted((ROOT / "tests" / "fixtures").glob("*.jsonl"))
    articles = _articles(files)
    pipeline.process(articles[0])  # load the gazetteer and actors before timing
    _timed(articles[:20], True)  # and dateparser's language data
    rounds = [(_timed(articles, False)[0], _timed(articles, True)) for _ in range(args.rounds)]  # interleaved
    without = min(r[0] for r in rounds)
    with_secs, found = min((r[1] for r in rounds), key=lambda r: r[0])
    claims = [(a, c) for a, cs in found for c in cs]
    timed = [(a, c) for a, c in claims if c.as_of or c.until or c.background]
    by = {"as_of": sum(c.as_of is not None for _, c in claims), "until": sum(c.until is not None for _, c in claims),
          "background": sum(c.background for _, c in claims)}
    print(f"{len(articles)} articles, {len(claims)} claims; with a time or background: {len(timed)} "
          f"({len(timed) / max(len(claims), 1):.1%}): as_of {by['as_of']}, until {by['until']}, "
          f"background {by['background']}")
    print(f"process() per article: {1000 * without / len(articles):.2f} ms without the time step, "
          f"{1000 * with_secs / len(articles):.2f} ms with it: ratio {with_secs / without:.3f}")
    rng = random.Random(args.seed)
    sample = rng.sample(timed, min(args.sample, len(timed)))
    print(f"\nsample of {len(sample)} (article date | claim | label | words read | sentence):")
    for a, c in sample:
        ref = time_of(c.evidence, a.language, a.published)
        label = describe(c.as_of, c.as_of_precision, c.until, c.background)
        print(f"- {a.published} | {c.actor} {c.iso3} {c.status} | {label} | {ref.time_text!r} | {c.evidence[:200]}")


if __name__ == "__main__":
    main()
