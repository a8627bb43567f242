"""A user's own file in the dashboard (issue 16, defect 9): ingested with ``footprint ingest
--outlet``, its outlet is offered and picked by the outlet filter, and its reader view says
plainly that it came from a local file, not that it is a sample brief."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.e2e.conftest import ARGS, CHROMIUM, REPO, dashboard
from tests.e2e.test_browser import open_app

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("own-file")
    corpus = root / "field_notes.jsonl"
    corpus.write_text(json.dumps({"id": "own-1", "title": "Mercenaries seen in Bamako", "date": "2023-05-04",
                                  "text": "Wagner fighters arrived in Bamako, Mali, last week, residents said."})
                      + "\n", encoding="utf-8")
    store = root / "store"
    done = subprocess.run([sys.executable, "-m", "news", "ingest", str(corpus), "--outlet", "Field Desk",
                           "--store", str(store), "--jobs", "1"], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    with dashboard(store) as base:
        yield base


def test_own_file_outlet_is_picked_and_the_reader_says_it_has_no_link(own_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_app(page, own_server, "?outlet=Field%20Desk")
            outlet_box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
                has_text="Outlet")
            assert "Field Desk" in outlet_box.inner_text()
            assert page.get_by_text("Layer rows (1)").count() == 1
            source = page.locator("li.fp-src").first
            assert "Field Desk" in source.locator(".fp-meta").inner_text()
            source.get_by_role("link", name="Mercenaries seen in Bamako").click()
            page.wait_for_selector("text=Back to the map", timeout=60_000)
            page.wait_for_selector("text=No original link", timeout=30_000)
            body = page.locator("[data-testid='stMain']").inner_text()
            assert "No original link: ingested from a local file (field_notes.jsonl)." in body
            assert "sample corpus" not in body
            assert "Field Desk" in body  # the reader's caption: outlet · date · language
        finally:
            browser.close()
