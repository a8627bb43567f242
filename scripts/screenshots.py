"""The README's screenshots, from the bundled sample: default view, a filtered view, the reader, a review.

Builds a fresh store from data/sample/briefs.jsonl in a temporary folder, serves the dashboard
on 127.0.0.1 with it, and drives Debian's chromium with Playwright to the three views, so the
pictures always show what the shipped sample gives (run it again after editing the sample).

The review picture is taken on a server started with a throwaway reviewer token: the script
enters it, confirms a claim and leaves a rejection half-filled (a review in progress).

Run from the repo root: ``python scripts/screenshots.py [--out docs] [--only NAME]``. The browser tests take
three more (docs/dashboard-*.png), but write them to a temporary folder unless
``FOOTPRINT_SCREENSHOTS=1`` is set: ``FOOTPRINT_SCREENSHOTS=1 python -m pytest tests/e2e``.
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


SAMPLE = ROOT / "data" / "sample" / "briefs.jsonl"
READER_ARTICLE = "s033"  # the article the reader view shows (JSONL ids are the article ids)
VIEWS = {
    "screenshot-default.png": "",
    "screenshot-filtered.png": "?actor=wagner&from=2021-01&to=2025-06&view=5.0,15.0,2.3",
}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 90.0) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the dashboard did not answer at {url}")


def _settle(page) -> None:
    for _ in range(2):
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=120_000)
        page.wait_for_timeout(500)


def _review_in_progress(browser, url: str, token: str, path: Path) -> None:
    """Log in as a reviewer, confirm the first claim, then fill (not save) a rejection."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(url, timeout=120_000)
    page.wait_for_selector("mark", timeout=120_000)
    _settle(page)
    page.get_by_label("Your name").fill("analyst")
    page.get_by_label("Reviewer token").fill(token)
    page.get_by_role("button", name="Start reviewing").click()
    _settle(page)
    form = page.locator("[data-testid='stForm']").filter(has_text="Save review")
    form.first.get_by_role("button", name="Save review").click()  # "Confirm" is the first choice
    _settle(page)
    form = page.locator("[data-testid='stForm']").filter(has_text="Save review").last
    form.get_by_text("Reject", exact=True).click()
    form.get_by_label("Reason (to reject)").click()
    page.get_by_role("option", name="plan or rumour").click()
    form.get_by_label("Note (optional)").fill("Only a plan: the convoy had not left yet.")
    page.get_by_text("Reviews of this article").first.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(path))
    page.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs"))
    ap.add_argument("--only", help="take only this picture (e.g. screenshot-review.png)")
    args = ap.parse_args(argv)
    token = secrets.token_urlsafe(16)  # reviewing on, for this run only

    from playwright.sync_api import sync_playwright

    from news.ingest.local import run_ingest
    from news.store import Store

    with tempfile.TemporaryDirectory(prefix="footprint-shots-") as tmp:
        store = Store(Path(tmp) / "store")
        run_ingest([str(SAMPLE)], store, err=io.StringIO(), progress=False)
        port = _free_port()
        env = {**os.environ, "FOOTPRINT_STORE": str(store.root), "FOOTPRINT_REVIEW_TOKEN": token}
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}/"
            _wait(base + "_stcore/health")
            views = {**VIEWS, "screenshot-reader.png": f"?article={READER_ARTICLE}",
                     "screenshot-review.png": f"?article={READER_ARTICLE}"}
            if args.only:
                views = {args.only: views[args.only]}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                for name, query in views.items():
                    if name == "screenshot-review.png":
                        _review_in_progress(browser, base + query, token, Path(args.out) / name)
                        print(f"wrote {Path(args.out) / name}")
                        continue
                    page = browser.new_page(viewport={"width": 1440, "height": 1000})
                    page.goto(base + query, timeout=120_000)
                    page.wait_for_selector("canvas" if "article" not in query else "mark", timeout=120_000)
                    page.wait_for_timeout(6000)  # deck.gl draws after the page settles
                    page.screenshot(path=str(Path(args.out) / name))
                    page.close()
                    print(f"wrote {Path(args.out) / name}")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
