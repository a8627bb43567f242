"""Markdown injection in the dashboard: untrusted text must not make the browser fetch anything.

Found by the hardening work, filed for the dashboard's owner (these tests do not edit it):
a fallback note repeats the bad URL value through ``st.warning`` and the reader shows an
article's title and outlet through ``st.subheader``/``st.caption``, all of which render
Markdown, so ``![x](http://host/p.png)`` becomes an <img> the viewer's browser loads (a link
that beacons whoever opens it; an ingested title that does the same in the reader). xfail until
the dashboard escapes Markdown there; marked e2e (needs Debian's chromium).
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from geo.types import Mention
from news.models import Article, Claim
from news.store import Batch, Store
from tests.hardening import counts

REPO = Path(__file__).resolve().parents[2]
BEACON = "http://127.0.0.2:9/"


def _load_bench():
    spec = importlib.util.spec_from_file_location("footprint_load_bench", REPO / "bench" / "load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def beacons(tmp_path_factory):
    """{query: [off-host URLs the page requested]} for a note and a reader page with Markdown payloads."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is absent")
    from playwright.sync_api import sync_playwright

    from tests.e2e.fixture_store import build

    load = _load_bench()
    root = tmp_path_factory.mktemp("md")
    store = root / "store"
    build(store)
    text = "Wagner fighters were deployed in Mali."
    art = Article("mdtitle", None, f"![t]({BEACON}title.png) **bold**", f"![o]({BEACON}outlet.png)",
                  date(2022, 1, 1), "en", text, "hardening")
    claim = Claim("mdtitle", "wagner", "MLI", None, 17.0, -2.0, "present", date(2022, 1, 1), text, "deployed", 0.9)
    Store(store).write([Batch(art, [Mention(33, 37, "Mali", "country", "MLI", 17.0, -2.0, text, "Mali")], [claim])])
    proc, base = load.start_dashboard(store, root / "streamlit.log")
    seen: dict[str, list[str]] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=load.CHROMIUM, args=load.ARGS)
            page = browser.new_page()
            hits: list[str] = []
            page.on("request", lambda r: hits.append(r.url) if r.url.startswith(BEACON) else None)
            for query in (f"/?conf=![x]({BEACON}c.png)", "/?article=mdtitle"):
                hits.clear()
                page.goto(base + query)
                page.wait_for_selector(load.IDLE, timeout=90_000)
                page.wait_for_timeout(2000)
                page.wait_for_selector(load.IDLE, timeout=90_000)
                seen[query] = list(hits)
                counts.hostile()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(20)
    return seen


@pytest.mark.e2e

def test_a_url_value_in_a_note_fetches_nothing(beacons):
    assert beacons[f"/?conf=![x]({BEACON}c.png)"] == []


@pytest.mark.e2e

def test_an_article_title_in_the_reader_fetches_nothing(beacons):
    assert beacons["/?article=mdtitle"] == []
