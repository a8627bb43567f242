"""End-to-end ingest throughput (JSONL → clean → process → store) against flashgeotext.

Generates a deterministic synthetic corpus (actor names, countries, cities and filler in
English, French and Russian, of varied lengths), ingests it into a temporary store twice, as
the command line does: in one process (``run_ingest``, ``--jobs 1``) and on a process pool of
one worker per CPU (``run_ingest_pool``, ``--jobs N``), and on the same texts times
flashgeotext's bare ``GeoText().extract(text)`` (one process: it has no parallel mode). Both
sides have their lookup tables loaded once beforehand, so the figures compare steady-state
work: ours includes parsing JSON, cleaning, language, extraction, presence claims and Parquet
writes (and, for the pool, starting its workers); theirs is extraction alone.

``--ceiling`` adds a third ingest with presence switched off (``find_claims`` answering no
claims): the ratio the rest of the pipeline (reading, cleaning, extraction, the store) allows,
and so how much time presence may take for the whole to match flashgeotext.

A second single-process ingest runs on a realistic mix (``--mix-share``, default 0.1: nine
articles in ten name no actor), and the clustering overhead is measured in the same process.
Every rate is printed in wall-clock time and in CPU time (``time.process_time``: this process's
CPU, its threads included): on a shared machine the wall clock counts the time other jobs hold
the CPUs, CPU time does not, so it is the figure to compare across runs; ratios are of one run.

Run from the repo root: ``python bench/ingest.py [--n 20000] [--seed 7] [--ceiling]``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ACTORS = {
    "en": ["Wagner fighters", "Russian troops", "the Wagner Group", "Russian military instructors", "Africa Corps units"],
    "fr": ["des combattants de Wagner", "des soldats russes", "le groupe Wagner", "des instructeurs russes"],
    "ru": ["бойцы Вагнера", "российские военные", "группа Вагнера", "российские инструкторы"],
}
PLACES = {
    "en": ["Mali", "Bamako", "Libya", "Tripoli", "Sudan", "Khartoum", "the Central African Republic", "Bangui",
           "Syria", "Damascus", "Mozambique", "Burkina Faso", "Niger", "Madagascar", "Venezuela", "Belarus"],
    "fr": ["Mali", "Bamako", "la Libye", "Tripoli", "le Soudan", "la Centrafrique", "Bangui", "la Syrie",
           "le Burkina Faso", "le Niger", "Madagascar"],
    "ru": ["Мали", "Бамако", "Ливии", "Триполи", "Судане", "ЦАР", "Банги", "Сирии", "Мозамбике", "Нигере"],
}
VERBS = {
    "en": ["were deployed to", "were seen in", "arrived in", "withdrew from", "left", "are stationed in"],
    "fr": ["ont été déployés au", "ont été vus à", "sont arrivés à", "se sont retirés de", "sont présents à"],
    "ru": ["были переброшены в", "замечены в", "прибыли в", "покинули", "находятся в"],
}
# What other news says of the same places (no actor named): the bulk of a real feed.
OTHER = {
    "en": ["held talks on the price of grain", "announced a new budget", "reopened its schools after the floods",
           "signed a trade deal with its neighbours", "postponed the elections by a year"],
    "fr": ["a annoncé un nouveau budget", "a rouvert ses écoles", "a signé un accord commercial",
           "a reporté les élections"],
    "ru": ["объявили новый бюджет", "вновь открыли школы", "подписали торговое соглашение", "перенесли выборы"],
}
FILLER = {
    "en": ["Officials declined to comment.", "The report could not be independently verified.",
           "Prices of fuel rose again this week.", "The ministry published new figures on the harvest.",
           "Residents described long queues at the market.", "A spokesman said talks would continue."],
    "fr": ["Les autorités n'ont pas souhaité commenter.", "Le rapport n'a pas pu être vérifié.",
           "Les prix du carburant ont encore augmenté.", "Le ministère a publié de nouveaux chiffres."],
    "ru": ["Официальные лица отказались от комментариев.", "Эти данные не удалось проверить.",
           "Цены на топливо снова выросли.", "Министерство опубликовало новые цифры."],
}


def corpus(n: int, seed: int, actor_share: float = 1.0) -> list[dict]:
    """``n`` JSONL-ready articles, the same for the same seed.

    With the default ``actor_share`` every article may name an actor (a third of its sentences
    do): the worst case for presence. A realistic feed names one in few articles: with
    ``actor_share`` 0.1, nine articles in ten are about other things and name no actor."""
    rng = random.Random(seed)
    start = date(2017, 1, 1)
    rows = []
    for i in range(n):
        lang = rng.choices(("en", "fr", "ru"), weights=(6, 2, 2))[0]
        sentences = []
        with_actor = actor_share >= 1.0 or rng.random() < actor_share  # the default draws no number
        for _ in range(rng.randint(2, 30)):  # ~150 characters to ~4 KB
            if not with_actor and rng.random() < 0.35:
                sentences.append(f"{rng.choice(PLACES[lang]).capitalize()} {rng.choice(OTHER[lang])}.")
            elif with_actor and rng.random() < 0.35:
                sentences.append(f"{rng.choice(ACTORS[lang]).capitalize()} {rng.choice(VERBS[lang])} "
                                 f"{rng.choice(PLACES[lang])}.")
            else:
                sentences.append(rng.choice(FILLER[lang]))
        rows.append({
            "id": f"bench-{seed}-{i:06d}", "title": f"Synthetic report {i}", "outlet": f"Outlet {i % 17}",
            "date": (start + timedelta(days=rng.randrange(2900))).isoformat(), "language": lang,
            "url": f"https://example.org/bench/{seed}/{i}", "text": " ".join(sentences),
        })
    return rows


SYLLABLES = ("ka", "lo", "mi", "re", "su", "ta", "ne", "vo", "di", "ra", "po", "li", "ze", "mu", "sa", "to")


def syndicated_corpus(n: int, seed: int, dup_share: float, actor_share: float = 0.1) -> list[dict]:
    """``n`` articles in which distinct stories are worded apart and ``dup_share`` of the articles
    are lightly edited reprints of a recent story: what clustering meets in a real feed.

    ``corpus`` builds every text from a few dozen stock sentences, so unrelated articles share
    many shingles and fall into a few huge clusters (one of 1,486 in 20,000), and every lookup
    meets hundreds of candidates. Real stories on one topic share little wording (the closest
    distinct pair of tests/fixtures/syndication.jsonl estimates 0.14). Here the stock filler of
    each story is replaced by words drawn from a Zipf-weighted vocabulary of pseudo-words (so
    common words recur, as in prose); the actor and place sentences stay, so the pipeline does
    the same kind of work. A reprint is a story of the last 200 with one sentence dropped (if it
    has four or more) and a line added."""
    import re

    rows = corpus(n, seed, actor_share)
    rng = random.Random(seed + 1)
    vocab = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(30000)})
    rng.shuffle(vocab)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    stock = re.compile("|".join(re.escape(f) for f in sorted({f for fs in FILLER.values() for f in fs}, key=len,
                                                             reverse=True)))

    def own_sentence(_match) -> str:
        return " ".join(rng.choices(vocab, weights, k=rng.randint(8, 20))).capitalize() + "."

    stories: list[str] = []
    for i, row in enumerate(rows):
        if stories and rng.random() < dup_share:
            sentences = rng.choice(stories[-200:]).split(". ")
            if len(sentences) >= 4:
                del sentences[rng.randrange(len(sentences))]
            row["text"] = ". ".join(sentences) + f" Reprinted by outlet {i % 17}."
        else:
            row["text"] = stock.sub(own_sentence, row["text"])
            stories.append(row["text"])
    return rows


def _without_presence(src: Path, cpus: int) -> tuple[float, float]:
    """Seconds to ingest ``src`` in 1 process and on the pool with presence answering nothing.

    In a child process: this one has used DuckDB by now, and the pool must fork before that
    (news.ingest.pool), while the patch must reach the forked workers.
    """
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--bare", str(src), "--jobs", str(cpus)],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def _warm() -> float:
    """Seconds to load the gazetteer, the actor config and the geocoder with its shapes (once per
    process, as the CLI does)."""
    from news.ingest.pipeline import Pipeline

    t0 = time.perf_counter()
    Pipeline.from_env().warm()
    return time.perf_counter() - t0


def _ingest_both(src: Path, tmp: Path, cpus: int):
    """The pool's ingest, then one process's, each into its own store under ``tmp``: (report,
    store, wall seconds, CPU seconds) for each. The pool first: it forks its workers, which is only safe before
    this process has started DuckDB's or Arrow's threads (the single-process run's store reads
    would)."""
    from news.ingest.local import run_ingest
    from news.ingest.pool import run_ingest_pool
    from news.store import Store

    runs = []
    for name, run in (("store-pool", lambda s: run_ingest_pool([str(src)], s, jobs=cpus, err=io.StringIO(),
                                                                 progress=False)),
                      ("store", lambda s: run_ingest([str(src)], s, err=io.StringIO(), progress=False))):
        store = Store(tmp / name)
        t0, cpu = time.perf_counter(), time.process_time()
        report = run(store)
        runs.append((report, store, time.perf_counter() - t0, time.process_time() - cpu))
    return runs


def _single_ingest(rows: list[dict], tmp: Path, name: str) -> tuple[int, float, float]:
    """(articles stored, wall seconds, CPU seconds) of one single-process ingest of ``rows``."""
    from news.ingest.local import run_ingest
    from news.store import Store

    src = tmp / f"{name}.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    t0, cpu = time.perf_counter(), time.process_time()
    report = run_ingest([str(src)], Store(tmp / name), err=io.StringIO(), progress=False)
    return report.ingested, time.perf_counter() - t0, time.process_time() - cpu


def _bare(src: Path, cpus: int) -> int:
    """The child of ``_without_presence``: prints the two timings (one process, then the pool)."""
    from unittest import mock

    _warm()
    with tempfile.TemporaryDirectory(prefix="footprint-bench-bare-") as tmp, \
            mock.patch("news.pipeline.find_claims", lambda article, mentions, config=None: []):
        (_, _, pooled, _), (_, _, one, _) = _ingest_both(src, Path(tmp), cpus)
    print(one, pooled)
    return 0


def _clustering_overhead(src_rows: list[dict], runs: int = 3, stored_rows: list[dict] | None = None) -> str:
    """Syndication's share of ingest, per article, in this process: the same corpus ingested
    with clustering (signatures in ``news.syndication.sign_many``, clusters in ``Clusterer.assign_many``)
    and with both switched off, best of ``runs`` each, alternated so load drifts hit both; in
    wall-clock and in CPU time (the latter is what a loaded machine leaves comparable).

    With ``stored_rows``, every run ingests into a copy of a store already holding them (stored
    with clustering on, so their signatures are there): the clustering run then also reads the
    stored signatures back into its index, the cost that grows with the store.

    Only articles that name an actor are signed (``news.syndication.can_count``: the others can
    carry no claim, so they never count as a source); the line ends with their share. The
    "without" runs skip the gate too, so its cost is counted in clustering's share."""
    import shutil
    from unittest import mock

    from news.ingest.local import run_ingest
    from news.store import Store

    with tempfile.TemporaryDirectory(prefix="footprint-bench-synd-") as tmp:
        src = Path(tmp) / "corpus.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in src_rows), encoding="utf-8")
        base = None
        if stored_rows:
            base = Path(tmp) / "base"
            old = Path(tmp) / "stored.jsonl"
            old.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in stored_rows), encoding="utf-8")
            run_ingest([str(old)], Store(base), err=io.StringIO(), progress=False)
        best = {"with": float("inf"), "without": float("inf")}
        best_cpu = dict(best)
        for i in range(runs):
            for mode in ("without", "with"):
                patches = [] if mode == "with" else [
                    mock.patch("news.syndication.sign_many", lambda articles, actors: None),
                    mock.patch("news.syndication.Clusterer.assign_many",
                               lambda self, items: [aid for aid, _, _ in items])]
                for p in patches:
                    p.start()
                target = Path(tmp) / f"{mode}-{i}"
                if base is not None:
                    shutil.copytree(base, target)
                try:
                    t0, cpu = time.perf_counter(), time.process_time()
                    run_ingest([str(src)], Store(target), err=io.StringIO(), progress=False)
                    best[mode] = min(best[mode], time.perf_counter() - t0)
                    best_cpu[mode] = min(best_cpu[mode], time.process_time() - cpu)
                finally:
                    for p in patches:
                        p.stop()
    from news.actors import load_config
    from news.syndication import can_count

    n = len(src_rows)
    actors = load_config()
    signed = sum(can_count(r["text"], actors) for r in src_rows)  # what the gate lets through to be signed
    w, wo = 1000 * best["with"] / n, 1000 * best["without"] / n
    cw, cwo = 1000 * best_cpu["with"] / n, 1000 * best_cpu["without"] / n
    return (f"syndication clustering: {w:.3f} ms per article with, {wo:.3f} without (1 process, best of {runs}): "
            f"ratio {w / wo:.3f}, overhead {100 * (w / wo - 1):.1f}% (target <= 20%); in CPU time {cw:.3f} "
            f"with, {cwo:.3f} without: ratio {cw / cwo:.3f}, overhead {100 * (cw / cwo - 1):.1f}%"
            + (f"; ingesting into a store already holding {len(stored_rows)} articles" if stored_rows else "")
            + f"; {100 * signed / n:.0f}% of the articles name an actor and are signed")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000, help="articles to generate (default 20000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--actor-share", type=float, default=1.0,
                    help="share of articles that name an actor (default 1: the worst case; 0.1 is a realistic feed)")
    ap.add_argument("--mix-share", type=float, default=0.1,
                    help="actor share of the second, realistic ingest (default 0.1; 0 or less skips it)")
    ap.add_argument("--dup-share", type=float, default=0.3,
                    help="share of reprints in the clustering overhead's realistic corpus (default 0.3: between "
                         "the lower verbatim agency reuse Nicholls 2019 measured in UK online news and the up to "
                         "75%% agency-based Dutch online news of Boumans et al. 2018; 0 skips it)")
    ap.add_argument("--stored", type=int, default=20000,
                    help="also measure the realistic corpus's clustering overhead into a store already holding this "
                         "many articles (default 20000; 0 skips it)")
    ap.add_argument("--ceiling", action="store_true",
                    help="also ingest with presence switched off, to show what the rest allows")
    ap.add_argument("--bare", type=Path, help=argparse.SUPPRESS)  # the child of --ceiling
    ap.add_argument("--jobs", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.bare:
        return _bare(args.bare, args.jobs)

    from news.ingest.pool import available_cpus
    from news.models import Article

    rows = corpus(args.n, args.seed, args.actor_share)
    texts = [r["text"] for r in rows]
    chars = sum(map(len, texts))
    ours_load = _warm()  # load tables once

    with tempfile.TemporaryDirectory(prefix="footprint-bench-") as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        cpus = available_cpus()
        (pool_report, pool_store, pooled, _), (report, store, ours, ours_cpu) = _ingest_both(src, Path(tmp), cpus)
        claims = len(store.table("claims"))
        mix = (_single_ingest(corpus(args.n, args.seed, args.mix_share), Path(tmp), "mix")
               if args.mix_share > 0 else None)
        ceiling = _without_presence(src, cpus) if args.ceiling else None
        same = (pool_report.summary() == report.summary() and pool_report.batches == report.batches
                and len(pool_store.table("claims")) == claims)

    from flashgeotext.geotext import GeoText

    t0 = time.perf_counter()
    geotext = GeoText()
    theirs_load = time.perf_counter() - t0
    t0, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        geotext.extract(text)
    theirs, theirs_cpu = time.perf_counter() - t0, time.process_time() - cpu

    # Where our time goes, per stage, on the same texts (steady state, tables already loaded).
    from geo.extract import extract
    from news.presence import find_claims
    from news.sources.clean import clean_text

    sample = rows[: min(len(rows), 2000)]
    stages = {"clean_text": 0.0, "geo.extract": 0.0, "presence.find_claims": 0.0}
    for r in sample:
        t0 = time.perf_counter()
        body = clean_text(r["text"])
        t1 = time.perf_counter()
        mentions = extract(body, r["language"])
        t2 = time.perf_counter()
        find_claims(Article(r["id"], None, "", "", None, r["language"], body, "bench"), mentions)
        t3 = time.perf_counter()
        stages["clean_text"] += t1 - t0
        stages["geo.extract"] += t2 - t1
        stages["presence.find_claims"] += t3 - t2

    ours_rate, theirs_rate = report.ingested / ours, len(texts) / theirs
    pool_rate = pool_report.ingested / pooled
    print(f"corpus: {args.n} articles ({args.actor_share:.0%} may name an actor), {chars / 1e6:.1f} M characters, "
          f"seed {args.seed}; "
          f"CPUs: {cpus} usable ({os.cpu_count()} in the machine), load average "
          + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    print(f"{'':34} {'articles/s':>10} {'seconds':>8} {'load s':>7} {'/ flashgeotext':>15}")
    rows_out = [("footprint ingest, 1 process", ours_rate, ours, f"{ours_load:7.2f}"),
                (f"footprint ingest, {cpus} process{'es' if cpus > 1 else ''}", pool_rate, pooled, f"{'':>7}"),
                ("flashgeotext extract, 1 process", theirs_rate, theirs, f"{theirs_load:7.2f}")]
    for label, rate, secs, load in rows_out:
        print(f"{label:34} {rate:10.0f} {secs:8.2f} {load} {rate / theirs_rate:15.2f}")
    print(f"ratio ours/theirs throughput: {ours_rate / theirs_rate:.2f} in 1 process, "
          f"{pool_rate / theirs_rate:.2f} in {cpus} (target >= 1.0); pool speed-up {ours / pooled:.2f}; "
          f"pool and single-process stores alike: {same}")
    print(f"footprint ingest, 1 process, in CPU time: {report.ingested / ours_cpu:.0f} articles/s "
          f"(target >= 200; flashgeotext {len(texts) / theirs_cpu:.0f}/s: ratio "
          f"{(report.ingested / ours_cpu) / (len(texts) / theirs_cpu):.2f})")
    if mix is not None:
        done, wall, cpu_s = mix
        print(f"realistic mix ({args.mix_share:.0%} of articles may name an actor), 1 process: {done / wall:.0f} "
              f"articles/s, {done / cpu_s:.0f} in CPU time ({done} articles)")
    if ceiling is not None:
        one, many = (args.n / secs for secs in ceiling)
        # the pool's time is the single process's over its speed-up: presence fits in what the
        # speed-up times flashgeotext's time leaves after the rest of the pipeline
        budget = 1000 * (theirs * ours / pooled - ceiling[0]) / args.n
        spent = 1000 * (ours - ceiling[0]) / args.n
        print(f"without presence (find_claims off): {one:.0f} articles/s in 1 process, {many:.0f} in {cpus}: "
              f"{one / theirs_rate:.2f} / {many / theirs_rate:.2f} of flashgeotext. Presence takes {spent:.2f} ms "
              f"per article; {budget:.2f} would make {cpus} processes reach 1.0")
    per = 1000 * theirs / len(texts)
    print(f"ms per article by stage (first {len(sample)}): "
          + ", ".join(f"{k} {1000 * v / len(sample):.2f}" for k, v in stages.items())
          + f"; ours end to end {1000 * ours / report.ingested:.2f}; flashgeotext {per:.2f}"
          + " (stage times are a separate pass: noisy on a busy machine)")
    print(_clustering_overhead(src_rows=rows))
    if args.dup_share > 0:
        synd = syndicated_corpus(args.n, args.seed, args.dup_share, max(args.mix_share, 0.0))
        label = f"with distinct stories worded apart, {args.dup_share:.0%} reprints ({args.mix_share:.0%} naming an actor): "
        print(label + _clustering_overhead(synd))
        if args.stored > 0:  # the same corpus into a store that already holds others: cost per article must not grow
            stored = syndicated_corpus(args.stored, args.seed + 1000, args.dup_share, max(args.mix_share, 0.0))
            print(label + _clustering_overhead(synd, stored_rows=stored))
    print(f"stored {report.ingested} articles, {claims} claims in {report.batches} batches; "
          f"skipped {report.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
