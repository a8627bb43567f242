"""Load: N concurrent browser sessions on the dashboard while an ingest writes to its store.

Starts ``streamlit run dashboard.py`` on 127.0.0.1 against a fresh store (the e2e fixture store),
keeps an ingest writing new batches into that store the whole time, and drives N Playwright
pages in one Chromium (Debian's /usr/bin/chromium), each loading the dashboard again and again
with its own random filters in the URL (actors, countries, window, status) for a bounded time.
Each session carries its own minimum confidence (0.01, 0.02, ...) as a marker: after every
run the page's URL must still hold that session's value, so views stay their own.

A "run" is one page load with new query parameters until the script is idle: a new session
and a full script run (Streamlit's rerun), timed from navigation. Errors: Python exceptions
shown on the page, JS page errors, timeouts, a view that is not the session's own, tracebacks
in the server log, failed ingest rounds.

Run from the repo root: ``python bench/load.py [--sessions 20] [--seconds 60]``; CI runs
``--sessions 3 --seconds 15``. Exit status 1 when any error was counted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-gpu"]
COUNTRIES = ["MLI", "CAF", "MOZ", "LBY", "SYR", "SDN", "UKR"]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(store: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "FOOTPRINT_STORE": str(store)}
    log = open(log_path, "w")  # closed with the process
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(base + "/_stcore/health", timeout=2).read() == b"ok":
                return proc, base
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("streamlit did not become healthy:\n" + log_path.read_text()[-2000:])


class Writer(threading.Thread):
    """Ingest rounds of fresh articles into the store until stopped (as a command, like cron)."""

    def __init__(self, store: Path, folder: Path) -> None:
        super().__init__(daemon=True)
        self.store, self.folder = store, folder
        self.rounds = self.failures = self.articles = 0
        self.stop = threading.Event()

    def run(self) -> None:
        env = {**os.environ, "FOOTPRINT_STORE": str(self.store)}
        while not self.stop.is_set():
            path = self.folder / f"round-{self.rounds}.jsonl"
            with open(path, "w", encoding="utf-8") as handle:
                for i in range(40):
                    n = self.rounds * 40 + i
                    place = ["Mali", "the Central African Republic", "Libya", "Sudan", "Mozambique"][n % 5]
                    handle.write(json.dumps({
                        "id": f"load-{n}", "date": f"20{18 + n % 7}-{n % 12 + 1:02d}-15", "outlet": "Load Wire",
                        "url": f"https://load.example/{n}",
                        "text": f"Wagner fighters were deployed in {place}, report {n} said.",
                    }) + "\n")
            done = subprocess.run([sys.executable, "-m", "news", "ingest", str(path), "--batch-size", "10"],
                                  cwd=ROOT, env=env, capture_output=True, text=True)
            self.rounds += 1
            if done.returncode != 0:
                self.failures += 1
                print(f"ingest round failed: {done.stderr[-500:]}", file=sys.stderr)
            else:
                self.articles += 40


def random_query(rng: random.Random, marker: str) -> dict[str, list[str]]:
    q: dict[str, list[str]] = {"conf": [marker]}
    if rng.random() < 0.5:
        q["actor"] = [rng.choice(["wagner", "russia"])]
    if rng.random() < 0.5:
        q["country"] = rng.sample(COUNTRIES, rng.randint(1, 3))
    if rng.random() < 0.4:
        q["status"] = [rng.choice(["present", "ended"])]
    if rng.random() < 0.4:
        y1 = rng.randint(2015, 2021)
        q["from"], q["to"] = [f"{y1}-01"], [f"{rng.randint(y1, 2024)}-12"]
    if rng.random() < 0.2:
        q["sel"] = [rng.choice(COUNTRIES)]
    return q


async def session(browser, base: str, number: int, deadline: float, seed: int, stats: dict) -> None:
    rng = random.Random(seed * 1000 + number)
    marker = f"{(number + 1) / 100:.2f}"  # this session's own min confidence (0.01, 0.02, ...)
    ctx = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await ctx.new_page()
    page.on("pageerror", lambda exc: stats["errors"].update(["js error"]))
    page.on("dialog", lambda d: (stats["errors"].update(["dialog"]), asyncio.ensure_future(d.dismiss())))
    try:
        while time.monotonic() < deadline:
            query = random_query(rng, marker)
            started = time.monotonic()
            try:
                await page.goto(base + "/?" + urlencode(query, doseq=True), wait_until="domcontentloaded",
                                timeout=90_000)
                await page.wait_for_selector(IDLE, timeout=90_000)
                await page.wait_for_timeout(300)  # a rerun may follow (URL written back, slider init)
                await page.wait_for_selector(IDLE, timeout=90_000)
            except Exception as exc:  # Playwright's TimeoutError and closed-page errors
                stats["errors"].update([f"timeout/{type(exc).__name__}"])
                continue
            stats["times"].append(time.monotonic() - started)
            stats["runs"] += 1
            if await page.locator("[data-testid='stException']").count():
                stats["errors"].update(["exception on page"])
            conf = await page.evaluate("() => new URLSearchParams(location.search).get('conf')")
            if conf is None or abs(float(conf) - float(marker)) > 1e-9:  # the page writes 0.10 as 0.1
                stats["errors"].update(["view not its own"])
                # which half lost it: the sidebar's slider (the session's state) or only the URL
                slider = await page.locator("[data-testid='stSidebar'] [data-testid='stSlider']").filter(
                    has_text="Minimum confidence").first.inner_text(timeout=5_000)
                print(f"session {number}: expected conf={marker}, page shows conf={conf}; url {page.url}; "
                      f"slider reads {' '.join(slider.split())!r}", file=sys.stderr)
        stats["sessions"] += 1
    finally:
        await ctx.close()


async def drive(base: str, sessions: int, seconds: float, seed: int) -> dict:
    from playwright.async_api import async_playwright

    stats = {"times": [], "runs": 0, "sessions": 0, "errors": Counter()}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        warm = await browser.new_page()  # first run loads shapes and fills caches: not a user's wait
        started = time.monotonic()
        await warm.goto(base + "/", timeout=180_000)
        await warm.wait_for_selector(IDLE, timeout=180_000)
        stats["warmup"] = time.monotonic() - started
        await warm.close()
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(session(browser, base, i, deadline, seed, stats) for i in range(sessions)))
        await browser.close()
    return stats


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _fixture_builder():
    """tests/e2e/fixture_store.py's ``build``, loaded by path: the bench runs from an installed
    package, where the repository's tests/ is no importable package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fixture_store", ROOT / "tests" / "e2e" / "fixture_store.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--no-ingest", action="store_true", help="do not write while serving")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is absent: install Debian's chromium to run the load bench", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    build = _fixture_builder()

    with tempfile.TemporaryDirectory(prefix="footprint-load-") as tmp:
        root = Path(tmp)
        store = root / "store"
        build(store)
        proc, base = start_dashboard(store, root / "streamlit.log")
        writer = Writer(store, root)
        try:
            if not args.no_ingest:
                writer.start()
            stats = asyncio.run(drive(base, args.sessions, args.seconds, seed))
        finally:
            writer.stop.set()
            if writer.is_alive():
                writer.join(120)
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        log = (root / "streamlit.log").read_text(errors="replace")
    errors = stats["errors"]
    if log.count("Traceback"):
        errors["server traceback"] += log.count("Traceback")
    if writer.failures:
        errors["ingest round failed"] += writer.failures
    times = stats["times"]
    print(f"load: {args.sessions} concurrent sessions for {args.seconds:g}s, seed {seed}, "
          f"ingest {'off' if args.no_ingest else f'on ({writer.rounds} rounds, {writer.articles} articles written)'}")
    print(f"warm-up (first run, caches cold) {stats.get('warmup', float('nan')):.1f}s; "
          f"sessions served {stats['sessions']}/{args.sessions}, runs {stats['runs']}")
    print(f"rerun time (page load with new params to idle): p50 {percentile(times, 50):.2f}s  "
          f"p95 {percentile(times, 95):.2f}s  max {max(times, default=float('nan')):.2f}s")
    total = sum(errors.values())
    detail = ", ".join(f"{n} {k}" for k, n in errors.most_common())
    print(f"errors {total}" + (f" ({detail})" if detail else ""))
    return 1 if total or stats["sessions"] < args.sessions else 0


if __name__ == "__main__":
    sys.exit(main())
