"""Dashboard: the server-side cost of a filter change with 1,000 and with 100,000 articles.

Generates two stores (deterministic seed; articles, mentions and claims written through
``news.store.Store.write`` in batches of 500 like ``python -m news ingest``; 2014-2025, both
actors, 20 countries, present and ended claims, three languages, eight outlets), then times what
a rerun does after the window slider moves, uncached: the ``news.store.queries`` calls the page makes
(``layer_rows``, ``city_rows``, ``near_city_rows``, ``evidence_rows`` limited to the
``SOURCES_SHOWN`` rows drawn), the ledger's columns, the stays chart (kept, as the page keeps it, while the countries shown stay), the table shaping and the
deck JSON. ``monthly_counts`` draws the whole period for the other filters, so the page's cache
answers it on a window move: it is timed once on its own, beside the month parts. Like the page,
the first four are answered from ``queries.month_parts`` of
the other filters, which the page caches (``cached_parts``) and a window move does not change:
they are built once per store here, and that build (what a change of any other filter adds) is
printed on its own. The downloads (all evidence rows, every source link) are built on the page only when a
button is clicked, so they are built once here, last and untimed, to check that the caption's count
(``evidence_total``) is the number of rows the evidence CSV has. The peak memory (target <= 2 GiB)
is the process's before that: what a fresh session with the default filters and window moves
holds; the peak after the downloads is printed beside it. Median of 5 window positions per
store; prints both, their ratio (target <= 2) and the bytes of the deck JSON at world view
(target <= 2 MB).

Run from the repo root: ``python bench/dashboard.py [--sizes 1000 100000] [--repeat 5] [--keep DIR]
[--profile]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]

TARGET_RATIO = 2.0
TARGET_BYTES = 2_000_000
TARGET_RSS = 2 * 2**30  # the dashboard process's peak memory at 1,000,000 articles (issue 17)
DIRECT_FROM = 200_000  # stores this large are built column-wise (generate_direct)
BATCH = 500
SOURCES_SHOWN = 200  # dashboard.py's: evidence rows drawn on the page
SOURCE_LINKS = 5  # dashboard.py's: a layer row's newest links in the table (the downloads carry all)

# iso3, a city in it (lat, lon); ended claims are drawn for some of them
COUNTRIES = [
    ("MLI", "Bamako", 12.65, -8.0), ("CAF", "Bangui", 4.36, 18.56), ("LBY", "Sirte", 31.2, 16.59),
    ("SDN", "Khartoum", 15.5, 32.56), ("MOZ", "Pemba", -12.97, 40.52), ("SYR", "Latakia", 35.52, 35.79),
    ("UKR", "Bakhmut", 48.6, 38.0), ("BLR", "Minsk", 53.9, 27.57), ("MDG", "Antananarivo", -18.9, 47.5),
    ("BFA", "Ouagadougou", 12.37, -1.52), ("NER", "Niamey", 13.51, 2.11), ("VEN", "Caracas", 10.5, -66.9),
    ("GEO", "Tskhinvali", 42.23, 43.97), ("MDA", "Tiraspol", 46.84, 29.6), ("ARM", "Gyumri", 40.79, 43.85),
    ("TJK", "Dushanbe", 38.56, 68.77), ("KAZ", "Almaty", 43.24, 76.89), ("SRB", "Belgrade", 44.8, 20.46),
    ("EGY", "Cairo", 30.04, 31.24), ("GIN", "Conakry", 9.64, -13.58),
]
OUTLETS = ["Reuters", "AP", "AFP", "RFI", "Le Monde", "Meduza", "BBC", "Al Jazeera"]
LANGS = ["en", "en", "en", "fr", "ru"]
START, DAYS = date(2014, 1, 1), (date(2025, 12, 31) - date(2014, 1, 1)).days


def generate(root: Path, n: int, seed: int = 11) -> None:
    """``n`` synthetic articles with their mentions and claims, written in batches of 500."""
    from geo.types import Mention
    from news.models import Article, Claim
    from news.store import Batch, Store

    rng = random.Random(seed)
    store = Store(root)
    pending: list[Batch] = []
    for k in range(n):
        day = START + timedelta(days=rng.randrange(DAYS + 1))
        lang, outlet = rng.choice(LANGS), rng.choice(OUTLETS)
        aid = f"bench{k:09d}"
        picks = rng.sample(COUNTRIES, rng.choice((1, 1, 2)))
        sentences, mentions, claims = [], [], []
        offset = len(f"Report {k}. ")
        for iso3, city, lat, lon in picks:
            actor = rng.choice(("wagner", "russia"))
            status = "ended" if rng.random() < 0.12 else "present"
            named = rng.random() < 0.5
            place = city if named else None
            sentence = f"Forces of {actor} were reported in {city} ({iso3}), status {status}."
            s = offset + sentence.index(city)
            mentions.append(Mention(start=s, end=s + len(city), surface=city, kind="city", iso3=iso3,
                                    lat=lat, lon=lon, sentence=sentence))
            claims.append(Claim(article_id=aid, actor=actor, iso3=iso3, place=place,
                                lat=lat if named else float("nan"), lon=lon if named else float("nan"),
                                status=status, date=day, evidence=sentence, cue="were reported in",
                                confidence=round(0.4 + 0.55 * rng.random(), 3)))
            sentences.append(sentence)
            offset += len(sentence) + 1
        text = f"Report {k}. " + " ".join(sentences)
        url = f"https://example.org/{outlet.replace(' ', '-').lower()}/{k}" if rng.random() < 0.7 else None
        art = Article(id=aid, url=url, title=f"Report {k} on {picks[0][0]}", outlet=outlet, published=day,
                      language=lang, text=text, source="bench")
        pending.append(Batch(art, mentions, claims))
        if len(pending) >= BATCH:
            store.write(pending)
            pending = []
    if pending:
        store.write(pending)


def generate_direct(root: Path, n: int, seed: int = 11, chunk: int = 100_000) -> None:
    """``n`` synthetic articles as ``generate`` makes them (same countries, actors, outlets,
    languages, share of ended claims and of named places), built column-wise with numpy and
    written as one batch per ``chunk`` articles (``Store.write_tables``), as ``store compact``
    leaves a large store: through ``generate``'s 500-article batches a million articles took too
    long to build on a 2-CPU machine. A third of the articles are reprints of the one before
    (one ``cluster``), so independent sources differ from articles."""
    import numpy as np
    import pyarrow as pa

    from news.store import Store

    rng = np.random.default_rng(seed)
    store = Store(root)
    iso = np.array([c[0] for c in COUNTRIES], dtype=object)
    city = np.array([c[1] for c in COUNTRIES], dtype=object)
    lat, lon = np.array([c[2] for c in COUNTRIES]), np.array([c[3] for c in COUNTRIES])
    outlets, langs = np.array(OUTLETS, dtype=object), np.array(LANGS, dtype=object)
    for lo in range(0, n, chunk):
        m = min(chunk, n - lo)
        k = np.arange(lo, lo + m)
        ids = np.array([f"bench{i:09d}" for i in k], dtype=object)
        day = np.datetime64(START.isoformat(), "D") + rng.integers(0, DAYS + 1, m)
        outlet, lang = outlets[rng.integers(0, len(outlets), m)], langs[rng.integers(0, len(langs), m)]
        two = rng.random(m) < 1 / 3
        first = rng.integers(0, len(COUNTRIES), m)
        second = (first + rng.integers(1, len(COUNTRIES), m)) % len(COUNTRIES)  # another country
        owner = np.concatenate([np.arange(m), np.flatnonzero(two)])  # claim -> article (row in chunk)
        where = np.concatenate([first, second[two]])
        c = len(owner)
        actor = np.where(rng.random(c) < 0.5, "wagner", "russia").astype(object)
        status = np.where(rng.random(c) < 0.12, "ended", "present").astype(object)
        named = rng.random(c) < 0.5
        sentence = np.array([f"Forces of {a} were reported in {ct} ({i}), status {st}."
                             for a, ct, i, st in zip(actor, city[where], iso[where], status, strict=True)], dtype=object)
        prefix = np.array([f"Report {i}. " for i in k], dtype=object)
        start = np.array([len(prefix[o]) for o in owner]) + np.array([len(x) - len(x.split(" were reported in ")[1])
                                                                       for x in sentence])
        start[m:] += np.array([len(sentence[j]) + 1 for j in np.flatnonzero(two)], dtype=np.int64)
        texts = prefix.copy()
        texts = np.array([p + s for p, s in zip(texts, sentence[:m], strict=True)], dtype=object)
        texts[two] = np.array([t + " " + s for t, s in zip(texts[two], sentence[m:], strict=True)], dtype=object)
        reprint = (rng.random(m) < 1 / 3) & (k > 0)
        cluster = np.array([f"story{i - 1 if r else i}" for i, r in zip(k, reprint, strict=True)], dtype=object)
        urls = np.array([f"https://example.org/{o.replace(' ', '-').lower()}/{i}" for o, i in zip(outlet, k, strict=True)],
                        dtype=object)
        urls[rng.random(m) >= 0.7] = None
        pl = named.astype(bool)
        tables = {
            "articles": pa.table({
                "id": pa.array(ids, pa.string()), "url": pa.array(urls, pa.string()),
                "title": pa.array([f"Report {i} on {x}" for i, x in zip(k, iso[first], strict=True)], pa.string()),
                "outlet": pa.array(outlet, pa.string()), "published": pa.array(day, pa.date32()),
                "language": pa.array(lang, pa.string()), "text": pa.array(texts, pa.string()),
                "source": pa.array(["bench"] * m, pa.string()), "ingested_at": pa.nulls(m, pa.timestamp("us")),
                "cluster": pa.array(cluster, pa.string()), "signature": pa.nulls(m, pa.binary())}),
            "mentions": pa.table({
                "article_id": pa.array(ids[owner], pa.string()), "start": pa.array(start, pa.int64()),
                "end": pa.array(start + np.array([len(x) for x in city[where]]), pa.int64()),
                "surface": pa.array(city[where], pa.string()), "kind": pa.array(["city"] * c, pa.string()),
                "iso3": pa.array(iso[where], pa.string()), "lat": pa.array(lat[where]), "lon": pa.array(lon[where]),
                "sentence": pa.array(sentence, pa.string())}),
            "claims": pa.table({
                "article_id": pa.array(ids[owner], pa.string()), "actor": pa.array(actor, pa.string()),
                "iso3": pa.array(iso[where], pa.string()),
                "place": pa.array(np.where(pl, city[where], None), pa.string()),
                "lat": pa.array(np.where(pl, lat[where], np.nan)), "lon": pa.array(np.where(pl, lon[where], np.nan)),
                "status": pa.array(status, pa.string()), "date": pa.array(day[owner], pa.date32()),
                "evidence": pa.array(sentence, pa.string()), "cue": pa.array(["were reported in"] * c, pa.string()),
                "confidence": pa.array(np.round(0.4 + 0.55 * rng.random(c), 3)), "rules": pa.array([""] * c, pa.string()),
                "as_of": pa.nulls(c, pa.date32()), "as_of_precision": pa.nulls(c, pa.string()),
                "until": pa.nulls(c, pa.date32()), "background": pa.array(np.zeros(c, dtype=bool))}),
        }
        store.write_tables(tables)


def _filters(state):
    """The page's ``_filters`` (dashboard.py): a ViewState to ``queries.Filters``."""
    from news.store import queries

    return queries.Filters(
        actors=tuple(state.actors),
        start=pd.Period(state.start, freq="M").start_time.date(),
        end=pd.Period(state.end, freq="M").end_time.date(),
        countries=tuple(state.countries), statuses=tuple(state.statuses),
        min_confidence=state.min_confidence, languages=tuple(state.languages), outlets=tuple(state.outlets),
    )


def rerun(store, state, options, shapes, styles, *, parts=None, ledger=None, monthly: bool = False,
          downloads: bool = False, timed: dict | None = None, stays: dict | None = None) -> dict:
    """What dashboard.py's ``main`` computes on the server for ``state``, with every cache cold
    but those a window move keeps: ``parts`` (the other filters' month parts) and ``stays``
    (the page's ``cached_stays``, keyed on the actors and countries shown; a dict filled here)."""
    from components import deck as deckmod
    from components.state import to_query
    from components.tables import (
        evidence_total,
        fill_countries,
        restrict_to_layers,
        shape_evidence_rows,
        shape_layer_rows,
        sources_html,
        with_all_links,
        with_first_reported,
    )
    from components.timeline import interval_frame
    from news.nearby import without_claimed
    from news.store import queries
    from news.store.export import layers_geojson, to_csv_bytes
    from news.store.ledger import with_ledger

    clock = [time.perf_counter()]

    def lap(name: str) -> None:
        now = time.perf_counter()
        if timed is not None:
            timed[name] = timed.get(name, 0.0) + now - clock[0]
        clock[0] = now

    f = _filters(state)
    layer_rows = queries.layer_rows(store, f, parts=parts, links=SOURCE_LINKS)
    # the page's first_seen: the layer rows from the first month to the window's end (a new end: a
    # new query); no links, as the page asks
    overall = queries.layer_rows(store, _filters(replace(state, start=options.months[0])), parts=parts, links=0)
    lap("layer_rows")
    layer_rows = with_first_reported(layer_rows, overall)
    if ledger is not None:  # the ledger's columns of each row's stay as of the window's end
        layer_rows = with_ledger(layer_rows, ledger, pd.Period(state.end, freq="M").end_time.date())
    lap("ledger_columns")
    shown = shape_layer_rows(fill_countries(layer_rows, shapes))
    lap("shaping")
    cities = queries.city_rows(store, f, parts=parts)
    lap("city_rows")
    cities = restrict_to_layers(cities, shown)
    near = without_claimed(restrict_to_layers(queries.near_city_rows(store, f, parts=parts), shown), cities)
    lap("near_city_rows")
    bundle = deckmod.build_deck(shown, shapes, styles, window_end=state.end, view=state.view,
                                selected=state.selected, cities=cities, near=near)
    deck_json = bundle.deck.to_json()
    lap("deck")
    if monthly:  # cached on the page for a window move (it draws the whole period): timed apart
        full = replace(state, start=options.months[0], end=options.months[-1])
        queries.monthly_counts(store, _filters(full))
        lap("monthly_counts")
    if ledger is not None:  # the "presence over time" chart: the stays of the countries shown
        where = [state.selected] if state.selected else sorted(set(shown["iso3"]))
        key = (tuple(state.actors), tuple(where))
        if stays is None or key not in stays:
            t0 = time.perf_counter()
            found = interval_frame(ledger, state.actors, where, pd.Period(options.months[-1], freq="M").end_time.date(),
                                   {}, {})
            if stays is not None:
                stays[key] = found
                stays.setdefault("built", []).append(time.perf_counter() - t0)
        lap("ledger_chart")
    evidence = queries.evidence_rows(store, f, iso3=state.selected, limit=SOURCES_SHOWN, parts=parts)
    lap("evidence_rows")
    evidence = restrict_to_layers(evidence, shown)
    n_evidence = evidence_total(shown, state.selected)  # the caption's count, from the layer rows
    shown_evidence = shape_evidence_rows(fill_countries(evidence, shapes), to_query(state, options))
    page_html = sources_html(shown_evidence, {k: s.label for k, s in styles.items()}, limit=SOURCES_SHOWN)
    lap("shaping")
    out = {"deck_bytes": len(deck_json), "layers": len(shown), "evidence": n_evidence, "html": len(page_html)}
    if downloads:  # built by the page only when a download button is clicked (dashboard.evidence_csv)
        every = restrict_to_layers(queries.evidence_rows(store, f, iso3=state.selected), shown)
        assert len(every) == n_evidence, (len(every), n_evidence)
        linked = with_all_links(shown, queries.layer_rows(store, f, parts=parts))  # dashboard.layers_with_links
        out["downloads"] = (len(to_csv_bytes(linked)) + len(layers_geojson(linked, {k: v["geometry"] for k, v in shapes.items()}).encode())
                            + len(to_csv_bytes(shape_evidence_rows(fill_countries(every, shapes)))))
    return out


def bench_store(root: Path, repeat: int, profile: bool = False, snapshot: bool = True,
                downloads: bool = True) -> tuple[float, dict, list[float]]:
    from components import deck as deckmod
    from components.actors import actor_styles
    from components.state import Options, default_state, month_range
    from news.store import Store, queries
    from news.store.ledger import store_ledger_frame
    from news.store.snapshot import Snapshot

    t0 = time.perf_counter()
    store = Snapshot(root) if snapshot else Store(root)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    ledger = store_ledger_frame(store)  # the page's cached_ledger: once per store change
    ledger_built = time.perf_counter() - t0
    raw = queries.filter_options(store)
    shapes = deckmod.country_shapes()
    options = Options(actors=tuple(raw["actors"]), months=month_range(raw["first_month"], raw["last_month"]),
                      countries=tuple(sorted(set(raw["countries"]) | set(shapes))),
                      languages=tuple(raw["languages"]), outlets=tuple(raw["outlets"]))
    styles = actor_styles(list(options.actors))
    base = default_state(options)
    # warm-up: imports, shapes, the OS file cache; what a fresh session's first rerun computes
    # (the downloads are not: the page builds them on a click, measured last, below)
    stays: dict = {}  # the page's cached_stays: filled by the first rerun, kept by window moves
    info = rerun(store, base, options, shapes, styles, ledger=ledger, monthly=True, stays=stays)
    # the page's cached_parts: built when a filter other than the window changes, then shared by
    # every window move (the moves below keep the other filters)
    t0 = time.perf_counter()
    parts = queries.month_parts(store, queries.without_window(_filters(base)))
    info["parts"] = time.perf_counter() - t0
    t0 = time.perf_counter()  # the page's cached_monthly: the whole period, so not redone on a window move
    queries.monthly_counts(store, _filters(replace(base, start=options.months[0], end=options.months[-1])))
    info["monthly"] = time.perf_counter() - t0
    times = []
    for i in range(repeat):
        # the slider moves: a different window each time (nothing cached on the page would match)
        state = replace(base, start=options.months[12 * i], end=options.months[-1 - 7 * i])
        t0 = time.perf_counter()
        rerun(store, state, options, shapes, styles, parts=parts, ledger=ledger, stays=stays)
        times.append(time.perf_counter() - t0)
    if profile:
        import cProfile
        import pstats

        pr = cProfile.Profile()
        pr.enable()
        rerun(store, base, options, shapes, styles, parts=parts, ledger=ledger, stays=stays)
        pr.disable()
        pstats.Stats(pr).sort_stats("cumulative").print_stats(25)
    info["built"] = built
    info["ledger_built"], info["intervals"] = ledger_built, len(ledger)
    steps: dict[str, list[float]] = {}
    for i in range(repeat):
        timed: dict[str, float] = {}
        rerun(store, replace(base, start=options.months[12 * i], end=options.months[-1 - 7 * i]), options, shapes,
              styles, parts=parts, ledger=ledger, timed=timed, stays=stays)
        for k, v in timed.items():
            steps.setdefault(k, []).append(v)
    info["steps"] = {k: statistics.median(v) for k, v in steps.items()}
    info["stays_built"] = stays.get("built", [])
    import resource

    # the page's peak: a fresh session, default filters, window moves (ru_maxrss: KiB on Linux)
    info["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    # then the three downloads clicked (every evidence row, every link): checked, and their peak
    info["downloads"], info["downloads_built"], info["peak_rss_downloads"] = 0, 0.0, info["peak_rss"]
    if not downloads:
        return statistics.median(times), info, times
    t0 = time.perf_counter()
    info["downloads"] = rerun(store, base, options, shapes, styles, parts=parts, ledger=ledger,
                              downloads=True)["downloads"]
    info["downloads_built"] = time.perf_counter() - t0
    info["peak_rss_downloads"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return statistics.median(times), info, times


def child(root: Path, repeat: int, profile: bool, snapshot: bool, downloads: bool = True) -> None:
    """One store measured in this process, as the dashboard's would hold it; prints one JSON line
    with the timings and the process's peak RSS (``ru_maxrss``, KiB on Linux)."""
    import json

    med, info, times = bench_store(root, repeat, profile, snapshot=snapshot, downloads=downloads)
    print("RESULT " + json.dumps({"median": med, "times": times, "info": info}), flush=True)


def measure(root: Path, args) -> tuple[float, dict, list[float]]:
    """``child`` in a fresh process: its peak memory is the dashboard-like process's alone."""
    import json
    import subprocess
    import sys

    cmd = [sys.executable, __file__, "--child", str(root), "--repeat", str(args.repeat)]
    cmd += ["--profile"] * args.profile + ["--files"] * args.files + ["--no-downloads"] * args.no_downloads
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"the measuring process failed: {out.stderr.strip().splitlines()[-1:]}")
    print("".join(ln + "\n" for ln in out.stdout.splitlines() if not ln.startswith("RESULT ")), end="")
    found = json.loads(next(ln for ln in out.stdout.splitlines() if ln.startswith("RESULT "))[7:])
    return found["median"], found["info"], found["times"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the generated stores under this folder")
    ap.add_argument("--profile", action="store_true", help="cProfile one rerun on each store")
    ap.add_argument("--files", action="store_true",
                    help="query the store's files (news.store.Store) instead of the page's in-memory Snapshot")
    ap.add_argument("--direct-from", type=int, default=DIRECT_FROM, metavar="N",
                    help=f"build stores of N articles or more column-wise (generate_direct) rather than in "
                         f"ingest's 500-article batches (default {DIRECT_FROM:,})")
    ap.add_argument("--no-downloads", action="store_true",
                    help="skip building the three downloads after the timed moves (minutes at 1M articles)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child, args.repeat, args.profile, snapshot=not args.files, downloads=not args.no_downloads)
        return 0

    tmp = None if args.keep else tempfile.TemporaryDirectory(prefix="footprint-bench-")
    base = args.keep or Path(tmp.name)
    results = {}
    try:
        for n in args.sizes:
            root = base / f"store-{n}"
            if not (root / "articles").is_dir():
                t0 = time.perf_counter()
                (generate_direct if n >= args.direct_from else generate)(root, n, args.seed)
                how = "column-wise" if n >= args.direct_from else "in batches of 500"
                print(f"generated {n:,} articles {how} in {time.perf_counter() - t0:.1f} s -> {root}", flush=True)
            med, info, times = measure(root, args)
            results[n] = (med, info)
            print(f"{n:>9,} articles: window move median {med * 1000:7.1f} ms "
                  f"(runs {', '.join(f'{t * 1000:.0f}' for t in times)} ms); {info['layers']} layer rows, "
                  f"{info['evidence']:,} evidence rows; deck JSON {info['deck_bytes']:,} bytes", flush=True)
            if not args.files:
                print(f"          snapshot built once per store change in {info['built'] * 1000:.0f} ms")
            print(f"          ledger ({info['intervals']:,} intervals) built once per store change in "
                  f"{info['ledger_built'] * 1000:.0f} ms")
            print(f"          month parts built once per change of another filter in {info['parts'] * 1000:.0f} ms, "
                  f"monthly counts in {info['monthly'] * 1000:.0f} ms")
            print(f"          stays chart built {len(info['stays_built'])} time(s) (once per change of the countries "
                  f"shown), {', '.join(f'{t * 1000:.0f}' for t in info['stays_built'])} ms")
            print("          median per step: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in info["steps"].items()))
            rss_ok = info["peak_rss"] <= TARGET_RSS
            print(f"          peak RSS of the measuring process {info['peak_rss'] / 2**20:,.0f} MiB "
                  f"(target <= {TARGET_RSS / 2**30:g} GiB) {'OK' if rss_ok else 'ABOVE TARGET'}; "
                  f"after the three downloads are clicked {info['peak_rss_downloads'] / 2**20:,.0f} MiB "
                  f"(built in {info['downloads_built']:.1f} s, {info['downloads']:,} bytes)", flush=True)
    finally:
        if tmp is not None:
            tmp.cleanup()
    ok = all(info["peak_rss"] <= TARGET_RSS for _, info in results.values())
    small = min(results)
    for large in sorted(results):
        if large == small:
            continue
        ratio = results[large][0] / results[small][0]
        ok &= ratio <= TARGET_RATIO
        print(f"ratio {large:,} / {small:,}: {ratio:.2f} (target <= {TARGET_RATIO:g}) "
              f"{'OK' if ratio <= TARGET_RATIO else 'ABOVE TARGET'}")
    world = max(info["deck_bytes"] for _, info in results.values())
    ok &= world <= TARGET_BYTES
    print(f"deck JSON at world view: {world:,} bytes (target <= {TARGET_BYTES:,}) {'OK' if world <= TARGET_BYTES else 'ABOVE TARGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
