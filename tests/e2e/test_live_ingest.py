"""An open page follows a new ingest: no reload, no click (issue 16, defect 10).

The page is opened on its own store; the CLI then ingests an article of a later month about a
country the store did not hold. Within a bounded wait the same page shows that country and a
window that reaches the new month, and its URL names no month the user did not choose.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.e2e.conftest import ARGS, CHROMIUM, REPO, dashboard
from tests.e2e.fixture_store import build
from tests.e2e.test_browser import open_app, settle

pytestmark = pytest.mark.e2e

LATER = {
    "id": "live1", "title": "Russian instructors arrive in Madagascar", "outlet": "Live test", "date": "2025-03-10",
    "language": "en", "url": None,
    "text": "Russian military instructors arrived in Madagascar this week, the defence ministry said. "
            "The instructors will train the presidential guard.",
}


def _rows_heading(page) -> str:
    return page.locator("h3").filter(has_text="Layer rows").first.inner_text()


def _window_text(page) -> str:
    return page.locator("[data-testid='stSidebar'] [data-testid='stSlider']").first.inner_text()


def test_open_page_shows_a_new_ingest_without_reload(tmp_path):
    store = tmp_path / "store"
    build(store)
    from playwright.sync_api import sync_playwright

    with dashboard(store) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            open_app(page, base)
            before = _rows_heading(page)
            assert "2024-12" in _window_text(page) and "2025-03" not in _window_text(page)
            assert LATER["title"] not in page.locator("body").inner_text()
            src = tmp_path / "later.jsonl"
            src.write_text(json.dumps(LATER) + "\n", encoding="utf-8")
            proc = subprocess.run([sys.executable, "-m", "news", "ingest", str(src), "--store", str(store)],
                                  cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
            assert proc.returncode == 0, proc.stderr
            # no reload, no interaction: the page's own timer notices the commit
            page.wait_for_function(
                """before => [...document.querySelectorAll('h3')].some(
                     h => /Layer rows/.test(h.innerText) && h.innerText !== before)""",
                arg=before, timeout=45_000)
            settle(page)
            after = _rows_heading(page)
            n = lambda text: int(text.split("(")[1].split(")")[0])  # noqa: E731
            assert n(after) == n(before) + 1, (before, after)
            assert "2025-03" in _window_text(page), "the window's end followed the new month"
            assert LATER["title"] in page.locator("body").inner_text(), "its article is among the sources"
            assert "from=" not in page.url and "to=" not in page.url, page.url
        finally:
            browser.close()
