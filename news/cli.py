"""The ``footprint`` command (and its alias ``python -m news``): ingest sources into the store,
extract JSONL, print layers, serve the dashboard, score a labelled sample.

The command line is the I/O edge: it turns arguments into calls of the pure pieces
(``news.sources`` → ``news.pipeline.process`` → ``news.store``) and their outcomes into one
line per problem, a closing summary and an exit status (0 all good, 1 something was skipped
for an error, 2 usage error), so scripts and cron jobs can rely on it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Callable, Iterable
from datetime import date
from typing import TextIO

from news.ingest import local
from news.ingest.pipeline import Pipeline
from news.ingest.pool import PoolError, stopped_mid_work
from news.ingest.report import BATCH_SIZE, IngestReport
from news.sources.common import MAX_FILE_BYTES
from news.sources.jsonl import bounded_lines
from news.store import ENV_VAR as ENV_STORE
from news.store import Store


def _one_line_warnings(stream: TextIO) -> None:
    """Store warnings (a corrupt file ignored) as one ``warning: ...`` line each."""

    def show(message, category, filename, lineno, file=None, line=None):
        print(f"warning: {message}", file=stream, flush=True)

    warnings.showwarning = show


# ----------------------------------------------------------------------------- extract


def run_extract(lines: Iterable[tuple[int, bytes | None]], out: TextIO, err: TextIO) -> int:
    """``extract`` over numbered raw lines (``bounded_lines``): each bad one is a skip line."""
    from news.pipeline import extract_record
    from news.sources.common import SourceError, load_json

    failed = 0
    for number, raw in lines:
        if raw is not None and not raw.strip():
            continue
        try:
            if raw is None:
                raise SourceError("too large", f"line too large (over {MAX_FILE_BYTES} bytes)")
            record = load_json(raw.decode("utf-8", errors="replace"))
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            result = extract_record(record)
        except (SourceError, ValueError, TypeError, RecursionError) as exc:
            print(f"skipped stdin:{number}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                  file=err)
            failed += 1
            continue
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 1 if failed else 0


# ----------------------------------------------------------------------------- arguments


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def _article_date(value: str) -> date:
    """A date to stamp on articles: readable and plausible (a year 9999 typo is refused)."""
    from news.sources.common import SourceError, plausible_date

    try:
        return plausible_date(_iso_date(value))
    except SourceError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _checked(check: Callable[[str], object]) -> Callable[[str], str]:
    """An argparse type: ``value`` stripped, when ``check`` (which raises ValueError) takes it, so a
    typo is a usage error at once, not a skip line per source later."""

    def parse(value: str) -> str:
        try:
            check(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from exc
        return value.strip()

    return parse


def _outlet_name(value: str) -> None:
    if not value.strip():
        raise ValueError("an empty outlet name")
    if len(value) > 200 or any(not ch.isprintable() for ch in value):
        raise ValueError("an outlet name is one printable line of at most 200 characters")


_outlet = _checked(_outlet_name)  # ``--outlet NAME``: one printable line


def _allow_host(value: str) -> str:
    """``HOST[:PORT]`` for ``--allow-host``."""
    from news.sources.fetch import parse_host_port

    return _checked(parse_host_port)(value)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port (1-65535): {value!r}")
    return port


def _interval(value: str) -> float:
    """``--every``: 30s, 15m, 1h (or 1.5h) as seconds."""
    from news.ingest.watch import parse_interval

    try:
        return parse_interval(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _rounds(value: str) -> int:
    try:
        rounds = int(value)
    except ValueError:
        rounds = -1
    if rounds < 0:
        raise argparse.ArgumentTypeError(f"not a number of rounds (0 or more): {value!r}")
    return rounds


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < 10**7:
        raise argparse.ArgumentTypeError(f"not a number of seconds (0 or more): {value!r}")
    return seconds


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number < 10**7:
        raise argparse.ArgumentTypeError(f"not a positive number: {value!r}")
    return number


def _nominatim_url(value: str) -> str:
    """An http(s) base URL for ``--nominatim-url``."""
    from geo.geocode import split_url

    return _checked(split_url)(value)


def _since(value: str):
    """``--since`` for ``changes``: a date or an ISO date-time, as naive UTC."""
    from news.store.alerts import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date or date-time (YYYY-MM-DD[THH:MM[:SS][+HH:MM]]): {value!r}") from exc


def _actor_labels() -> dict[str, str]:
    """Actor labels from the actor file (keys when it cannot be read: the output still works)."""
    from news.actors import ActorConfigError, load_actors

    try:
        return {key: actor.label for key, actor in load_actors().items()}
    except (OSError, ActorConfigError):
        return {}


def build_parser(prog: str = "footprint") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Footprint: news in, presence map out.")
    sub = parser.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", help="read files, folders, URLs and feeds into the store")
    ing.add_argument("sources", nargs="*", metavar="SOURCE", help="file, folder, http(s) URL or feed")
    ing.add_argument("--store", help="store folder (default $FOOTPRINT_STORE or data/store)")
    ing.add_argument("--date", type=_article_date, help="publication date for sources that carry none")
    ing.add_argument("--outlet", type=_outlet, metavar="NAME",
                     help="outlet of articles whose source names none (no outlet field, sidecar or site name); "
                          "without it, such articles with a link take its host (example.org)")
    ing.add_argument("--follow-links", action="store_true",
                     help="in folders, read symbolic links that lead outside the folder (default: skip them)")
    ing.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=argparse.SUPPRESS)
    ing.add_argument("--engine", choices=["local", "dask"], default="local", help="where to process (default local)")
    ing.add_argument("--jobs", type=int, help="local: worker processes (default: one per CPU for a large input, "
                                              "else 1; 1 = a single process)")
    ing.add_argument("--scheduler", help="dask: scheduler address (default: a local cluster)")
    ing.add_argument("--workers", type=int, help="dask: local cluster worker processes (default: CPU count)")
    ing.add_argument("--partitions", type=int, help="dask: number of partitions of the input")
    ing.add_argument("--allow-host", dest="allow_hosts", action="append", default=[], type=_allow_host,
                     metavar="HOST[:PORT]", help="let redirects and feed links reach this loopback, private or "
                                                 "link-local host (repeatable; no PORT: any port); the URLs "
                                                 "you give are fetched wherever they are")

    ing.add_argument("--geocoder", choices=["offline", "nominatim"], default="offline",
                     help="where place mentions get their points: the offline gazetteer (default) or "
                          "Nominatim (one request a second, answers cached on disk; User-Agent from "
                          "$FOOTPRINT_USER_AGENT or [geocoder] user_agent in the config file)")
    ing.add_argument("--nominatim-url", type=_nominatim_url, metavar="URL",
                     help="Nominatim server for --geocoder nominatim (default the public "
                          "https://nominatim.openstreetmap.org)")

    ing.add_argument("--watch", metavar="FEEDS.txt",
                     help="poll the feeds listed in this file (one URL a line, # comments) every --every, "
                          "with conditional requests, until Ctrl-C (or --rounds)")
    ing.add_argument("--every", type=_interval, default=None, metavar="INTERVAL",
                     help="with --watch: time between rounds, as 30s, 15m or 1h (default 15m)")
    ing.add_argument("--rounds", type=_rounds, default=0, metavar="N",
                     help="with --watch: stop after N rounds (default 0: until Ctrl-C)")

    sto = sub.add_parser("store", help="look after the store: compact it, print its statistics")
    sto_sub = sto.add_subparsers(dest="store_command", required=True)
    comp = sto_sub.add_parser("compact", help="merge small batch files into larger ones (readers keep reading) "
                                              "and remove what killed ingests left")
    comp.add_argument("--store", help="store folder (default $FOOTPRINT_STORE or data/store)")
    comp.add_argument("--grace", type=_seconds, default=None, metavar="SECONDS",
                      help="wait this long before deleting the merged files, for readers that listed them "
                           "(default 30; 0: delete at once)")
    comp.add_argument("--target-mb", type=_positive, default=None, metavar="MB",
                      help="size of a merged batch, its three files together (default 128)")
    stat = sto_sub.add_parser("stats", help="counts and sizes: articles, claims, mentions, files, bytes, dates, "
                                            "actors, languages")
    stat.add_argument("--store", help="store folder (default $FOOTPRINT_STORE or data/store)")
    stat.add_argument("--format", choices=["text", "json"], default="text")

    sub.add_parser("extract", help="JSONL articles on stdin → mentions and claims JSONL on stdout")

    lay = sub.add_parser("layers", help="print layer rows (actor × country) as CSV or GeoJSON")
    lay.add_argument("--actor", action="append", default=[], help="repeatable; default all")
    lay.add_argument("--from", dest="start", type=_iso_date)
    lay.add_argument("--to", dest="end", type=_iso_date)
    lay.add_argument("--country", action="append", default=[], help="ISO3, repeatable")
    lay.add_argument("--status", action="append", default=[], choices=["present", "ended"])
    lay.add_argument("--min-confidence", type=float, default=0.0)
    lay.add_argument("--store")
    lay.add_argument("--format", choices=["csv", "geojson"], default="csv")

    led = sub.add_parser("ledger", help="print the presence ledger: per actor and country, each stay from first "
                                        "report to last confirmation or departure")
    led.add_argument("--actor", action="append", default=[], help="repeatable; default all")
    led.add_argument("--country", action="append", default=[], metavar="ISO3", help="repeatable; default all")
    led.add_argument("--format", choices=["csv", "json"], default="csv")
    led.add_argument("--store")

    chg = sub.add_parser("changes", help="what the articles ingested since a moment changed in the ledger "
                                         "(new actor-country pairs, departures, reappearances, contradictions), "
                                         "as an Atom feed or JSON")
    chg.add_argument("--since", required=True, type=_since, metavar="DATE",
                     help="ingest time: YYYY-MM-DD (midnight UTC) or an ISO date-time (UTC unless it has a zone)")
    chg.add_argument("--format", choices=["atom", "json"], default="atom")
    chg.add_argument("--actor", action="append", default=[], help="repeatable; default all")
    chg.add_argument("--country", action="append", default=[], metavar="ISO3", help="repeatable; default all")
    chg.add_argument("--dashboard-url", default=None, metavar="URL",
                     help="where articles without a link of their own are read (default http://127.0.0.1:8501/)")
    chg.add_argument("--store")

    srv = sub.add_parser("serve", help="start the dashboard (streamlit run, headless)")
    srv.add_argument("--port", type=_port, default=8501, help="default 8501")
    srv.add_argument("--address", default="127.0.0.1",
                     help="address to listen on (default 127.0.0.1: this machine only)")
    srv.add_argument("--store", help="store folder (default $FOOTPRINT_STORE or the default store)")
    srv.add_argument("--review-token-file", metavar="PATH",
                     help="turn reviewing on: reviewers enter the token this file holds (else "
                          "$FOOTPRINT_REVIEW_TOKEN; without either the page is read-only)")

    ev = sub.add_parser("eval", help="score a labelled JSONL sample: country and presence P/R/F1 by language")
    ev.add_argument("file", metavar="FILE", nargs="?",
                    help="JSON Lines in the labelling guide's format (id, language, text, "
                         "gold: {mentions, presence: [{actor, iso3, status}]})")
    ev.add_argument("--reviews", action="store_true",
                    help="instead of a file: the machine's precision on the store's reviewed claims, per actor "
                         "and language, and recall where reviewers added missed claims")
    ev.add_argument("--store", help="store folder for --reviews")
    _review_parser(sub)
    return parser


def _review_parser(sub) -> None:
    """``footprint review list|confirm|reject|correct|add|export`` (news/review/commands.py)."""
    from news.review.commands import REASONS, default_reviewer

    rev = sub.add_parser("review", help="list, confirm, reject, correct or add presence claims; export reviews")
    acts = rev.add_subparsers(dest="action", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", help="store folder (default $FOOTPRINT_STORE or the default store)")
    writer = argparse.ArgumentParser(add_help=False)
    writer.add_argument("--reviewer", default=default_reviewer(),
                        help="who reviews (default $FOOTPRINT_REVIEWER, else $USER)")
    writer.add_argument("--note", help="a free-text note kept with the review")
    ls = acts.add_parser("list", parents=[common], help="claims with their key and review state (tab-separated)")
    ls.add_argument("--article", help="one article's claims")
    ls.add_argument("--actor", action="append", default=[])
    ls.add_argument("--country", action="append", default=[], help="ISO3, repeatable")
    ls.add_argument("--reviewed", action="store_true", help="only reviewed claims")
    ls.add_argument("--history", action="store_true", help="every review ever stored, oldest first")
    for name, text in (("confirm", "confirm a claim"), ("reject", "reject a claim (it leaves the map)"),
                       ("correct", "correct a claim's actor, country or status")):
        act = acts.add_parser(name, parents=[common, writer], help=text)
        act.add_argument("key", help="the claim's key (first column of `review list`)")
        if name == "reject":
            act.add_argument("--reason", required=True, choices=list(REASONS))
        if name == "correct":
            act.add_argument("--actor", dest="new_actor")
            act.add_argument("--country", dest="new_country", help="ISO3")
            act.add_argument("--status", dest="new_status", choices=["present", "ended"])
    add = acts.add_parser("add", parents=[common, writer], help="add a claim the machine missed")
    add.add_argument("article", help="the article's id")
    add.add_argument("--sentence", required=True, help="the sentence of the article that makes the claim")
    add.add_argument("--actor", required=True)
    add.add_argument("--country", required=True, help="ISO3")
    add.add_argument("--status", required=True, choices=["present", "ended"])
    exp = acts.add_parser("export", parents=[common], help="reviewed articles as labelled JSONL (docs/labelling.md)")
    exp.add_argument("--out", help="file to write (default stdout)")


def serve(args: argparse.Namespace) -> int:
    """``streamlit run`` on the installed dashboard.py, in the folder that holds it (so its
    .streamlit/config.toml applies); paths given relative to the caller's folder are made
    absolute first. On POSIX the process becomes Streamlit, so signals reach it directly."""
    from geo import paths

    env = dict(os.environ)
    if args.store:
        env[ENV_STORE] = args.store
    if args.review_token_file:
        from news.review.token import TOKEN_FILE_ENV, TokenError, read_token_file

        try:
            read_token_file(args.review_token_file)  # refused now, not when the first reviewer tries
        except TokenError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        # the path, never the token, goes to the server's environment
        env[TOKEN_FILE_ENV] = os.path.abspath(args.review_token_file)
    for name in (ENV_STORE, "FOOTPRINT_ACTORS", "FOOTPRINT_GEOCODE_CACHE"):
        if env.get(name):
            env[name] = os.path.abspath(env[name])
    command = [sys.executable, "-m", "streamlit", "run", str(paths.DASHBOARD),
               "--server.headless", "true", "--server.port", str(args.port), "--server.address", args.address,
               "--browser.gatherUsageStats", "false"]
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.chdir(paths.ROOT)
        os.execve(sys.executable, command, env)
    import subprocess

    try:
        return subprocess.call(command, cwd=paths.ROOT, env=env)
    except KeyboardInterrupt:
        return 130


def evaluate_file(path: str, out: TextIO, err: TextIO) -> int:
    """``eval``: the scores of a labelled file, or one error line (exit 2) when it cannot be read."""
    from news.evaluate import LabelError, evaluate, load_labelled

    try:
        rows = load_labelled(path)
    except (OSError, UnicodeDecodeError, LabelError) as exc:
        print(f"error: {exc}", file=err)
        return 2
    if not rows:
        print(f"error: {path}: no articles", file=err)
        return 2
    out.write(evaluate(rows).table() + "\n")
    return 0


def tidy(store: Store, err: TextIO) -> None:
    """Before an ingest: delete what killed runs left (their temporary files in the store, the
    pool's known-id files) and name, once per store, the batches they left without a commit
    record. Only ``ingest`` does this: it is the command that writes, and the one a killed run
    is followed by; ``layers`` and the dashboard only read and say nothing of either."""
    from news.ingest.pool import clean_known_files

    removed = len(store.clean_temporaries()) + len(clean_known_files())
    if removed:
        print(f"note: removed {removed} temporary file{'s' * (removed > 1)} left by interrupted ingests", file=err)
    orphans = store.new_orphan_batches()
    if orphans:
        shown = ", ".join(orphans[:3]) + (f" and {len(orphans) - 3} more" if len(orphans) > 3 else "")
        print(f"warning: ignoring {len(orphans)} batch{'es' * (len(orphans) > 1)} an interrupted ingest left without "
              f"its articles file: {shown} (their claims/mentions files may be deleted while no ingest runs; "
              "said once)", file=err)


def _pipeline(args: argparse.Namespace) -> Pipeline:
    """The pipeline of an ``ingest``: the actor file of the environment, the geocoder of the
    arguments, and for Nominatim the User-Agent of the configuration (read here, once, so the
    workers need no environment)."""
    if args.geocoder != "nominatim":
        return Pipeline.from_env(outlet=args.outlet)
    from geo.geocode import PUBLIC_NOMINATIM, configured_user_agent

    return Pipeline.from_env(geocoder="nominatim", nominatim_url=args.nominatim_url or PUBLIC_NOMINATIM,
                             user_agent=configured_user_agent(), outlet=args.outlet)


def _run_local(args: argparse.Namespace, store: Store, pipeline: Pipeline) -> IngestReport:
    """The local engine: ``local.run_ingest`` itself for ``--jobs 1``, a process pool for more, and
    without ``--jobs`` the pool only when the input is large enough to repay starting it."""
    if args.jobs == 1:
        return local.run_ingest(args.sources, store, default_date=args.date, batch_size=args.batch_size,
                                follow_links=args.follow_links, allow_hosts=args.allow_hosts, pipeline=pipeline)
    from news.ingest import pool
    from news.ingest.partitions import plan

    planned = plan(args.sources, fsspec=False, follow_links=args.follow_links)
    jobs = args.jobs or pool.auto_jobs(planned)
    if jobs == 1:
        return local.run_ingest(args.sources, store, default_date=args.date, batch_size=args.batch_size,
                                units=[unit for unit, _, _ in planned], allow_hosts=args.allow_hosts,
                                pipeline=pipeline)
    return pool.run_ingest_pool(args.sources, store, jobs=jobs, default_date=args.date, batch_size=args.batch_size,
                                units=planned, allow_hosts=args.allow_hosts, pipeline=pipeline)


def _watch(args: argparse.Namespace) -> int:
    """``ingest --watch``: rounds over the feeds file until Ctrl-C or ``--rounds``."""
    from news.ingest.watch import DEFAULT_EVERY, FeedListError, watch

    store = Store(args.store)
    tidy(store, sys.stderr)
    try:
        return watch(args.watch, store, every=DEFAULT_EVERY if args.every is None else args.every,
                     rounds=args.rounds, default_date=args.date, batch_size=args.batch_size,
                     allow_hosts=args.allow_hosts, pipeline=_pipeline(args), err=sys.stderr)
    except FeedListError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None, prog: str = "footprint") -> int:
    try:
        code = _main(argv, prog)
    except KeyboardInterrupt:  # Ctrl-C outside the ingest loops (those report what they stored)
        print("interrupted: every batch written before is intact; run the same command again to "
              "continue", file=sys.stderr)
        code = 130
    if stopped_mid_work():  # the normal exit could wait forever on the stopped pool
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def run_store(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``store compact`` and ``store stats``."""
    store = Store(args.store)
    if args.store_command == "stats":
        from news.store.stats import format_stats, store_stats

        out.write(format_stats(store_stats(store), args.format) + "\n")
        return 0
    from news.store import compact

    if not store.root.is_dir():
        print(f"error: no store at {store.root}", file=err)
        return 2
    grace = compact.GRACE_SECONDS if args.grace is None else args.grace
    target = compact.TARGET_BYTES if args.target_mb is None else int(args.target_mb * 1024 * 1024)
    try:
        report = compact.compact(store, grace=grace, target=max(target, 1),
                                 say=lambda line: print(line, file=err, flush=True))
    except compact.CompactionBusy as exc:
        print(f"error: {exc}; try again when it has finished", file=err)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the store is whole (merged batches published, the rest untouched); "
              "the next compaction finishes the job", file=err)
        return 130
    except OSError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"error: cannot compact {store.root} ({reason}); the store is whole: nothing was deleted that "
              "was not merged first", file=err)
        return 1
    print(report.summary(), file=err)
    return 0


def _main(argv: list[str] | None, prog: str) -> int:
    args = build_parser(prog).parse_args(argv)
    _one_line_warnings(sys.stderr)
    if args.command == "store":
        return run_store(args, sys.stdout, sys.stderr)
    if args.command == "ingest":
        if args.watch is None and not args.sources:
            print("error: give at least one SOURCE, or --watch FEEDS.txt", file=sys.stderr)
            return 2
        if args.watch is None and (args.every is not None or args.rounds):
            print("error: --every and --rounds go with --watch FEEDS.txt", file=sys.stderr)
            return 2
        if args.batch_size < 1:
            print("error: --batch-size must be at least 1", file=sys.stderr)
            return 2
        if args.jobs is not None and args.engine == "dask":
            print("error: --jobs is for the local engine (with --engine dask use --workers)", file=sys.stderr)
            return 2
        if args.jobs is not None and args.jobs < 1:
            print("error: --jobs must be at least 1", file=sys.stderr)
            return 2
        if args.engine != "dask" and any(v is not None for v in (args.scheduler, args.workers, args.partitions)):
            print("error: --scheduler, --workers and --partitions need --engine dask", file=sys.stderr)
            return 2
        if args.nominatim_url and args.geocoder != "nominatim":
            print("error: --nominatim-url needs --geocoder nominatim", file=sys.stderr)
            return 2
        if args.watch is not None:
            if args.sources or args.engine != "local" or args.jobs not in (None, 1):
                print("error: --watch reads its feeds file only, in one process (no SOURCE, --engine or --jobs)",
                      file=sys.stderr)
                return 2
            return _watch(args)
        store = Store(args.store)
        pipeline = _pipeline(args)  # built once, handed to the engine and its workers
        tidy(store, sys.stderr)
        if args.engine == "dask":
            from news.ingest.dask import EngineError, run_ingest_dask

            try:
                report = run_ingest_dask(args.sources, store, default_date=args.date, batch_size=args.batch_size,
                                         scheduler=args.scheduler, workers=args.workers, partitions=args.partitions,
                                         follow_links=args.follow_links, allow_hosts=args.allow_hosts,
                                         pipeline=pipeline)
            except EngineError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
        else:
            try:
                report = _run_local(args, store, pipeline)
            except PoolError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 1
            except OSError as exc:  # disk full, read-only or vanished store folder
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                print(f"error: cannot write to the store {store.root} ({reason}); batches written before are "
                      "intact, the one in progress was not stored: fix this and rerun to add the rest",
                      file=sys.stderr)
                return 1
        print(report.summary(), file=sys.stderr)
        if report.interrupted:
            return 130  # the shell's code for a run stopped by Ctrl-C
        return 1 if report.errors else 0
    if args.command == "extract":
        return run_extract(bounded_lines(sys.stdin.buffer), sys.stdout, sys.stderr)
    if args.command == "layers":
        from news.store.export import layers_csv, layers_geojson
        from news.store.ledger import store_ledger_frame, with_ledger
        from news.store.queries import layer_rows

        store = Store(args.store)
        rows = layer_rows(store, actors=args.actor, start=args.start, end=args.end,
                          countries=args.country, statuses=args.status, min_confidence=args.min_confidence)
        # the ledger's figures of each row's stay as of --to, as the dashboard's downloads carry them
        rows = with_ledger(rows, store_ledger_frame(store, args.actor, args.country), args.end)
        sys.stdout.write(layers_csv(rows) if args.format == "csv" else layers_geojson(rows) + "\n")
        return 0
    if args.command == "ledger":
        from news.store.ledger import ledger_csv, ledger_json, ledger_records, store_ledger

        records = ledger_records(store_ledger(Store(args.store), args.actor, args.country))
        sys.stdout.write(ledger_csv(records) if args.format == "csv" else ledger_json(records) + "\n")
        return 0
    if args.command == "changes":
        from news.sources.fetch import is_http_url
        from news.store.alerts import (
            DEFAULT_DASHBOARD,
            atom_feed,
            change_records,
            changes_json,
            store_changes,
        )

        dashboard = args.dashboard_url or DEFAULT_DASHBOARD
        if not is_http_url(dashboard):
            print(f"error: --dashboard-url must be an http(s) URL: {dashboard!r}", file=sys.stderr)
            return 2
        found, articles = store_changes(Store(args.store), args.since, args.actor, args.country)
        records = change_records(found, articles, _actor_labels(), dashboard)
        if args.format == "json":
            sys.stdout.write(changes_json(records) + "\n")
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(atom_feed(records, args.since, dashboard))
        print(f"{len(records)} change{'s' * (len(records) != 1)} since {args.since.isoformat(sep=' ')} UTC",
              file=sys.stderr)
        return 0
    if args.command == "serve":
        return serve(args)
    if args.command == "eval":
        if args.reviews:
            from news.review.commands import run_eval

            if args.file:
                print("error: eval takes a FILE or --reviews, not both", file=sys.stderr)
                return 2
            return run_eval(Store(args.store), sys.stdout, sys.stderr)
        if not args.file:
            print("error: eval needs a FILE (or --reviews)", file=sys.stderr)
            return 2
        return evaluate_file(args.file, sys.stdout, sys.stderr)
    if args.command == "review":
        from news.review import commands

        store = Store(args.store)
        if args.action == "list":
            return commands.run_list(store, args, sys.stdout)
        if args.action == "export":
            return commands.run_export(store, args.out, sys.stdout, sys.stderr)
        return commands.run_decide(store, args, sys.stdout, sys.stderr)
    return 2  # pragma: no cover - argparse rejects unknown commands
