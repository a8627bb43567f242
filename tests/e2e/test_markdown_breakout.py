"""A stored title, outlet or evidence sentence cannot break out into Markdown in a real browser.

A blank line ends an HTML block in Markdown: before the fix, a title with ``\\n\\n![x](http://…)``
turned the rest of the sources list into Markdown, so every viewer's browser fetched the image
(and rendered LaTeX, ``:red[]``, icons and autolinks). One page load with a hostile store (the
map, its notes, legend and sources list), then a click into the hostile article's reader view:
every request the page makes is logged and must stay on 127.0.0.1.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlsplit

import pytest

from geo.types import Mention
from news.models import Article, Claim
from news.store import Batch, Store
from tests.e2e.conftest import ARGS, CHROMIUM, dashboard
from tests.e2e.fixture_store import build

pytestmark = pytest.mark.e2e
HOST = "203.0.113.9"  # TEST-NET-3: never routed; any request to it is a leak
PAYLOAD = (f"\n\n![x](http://{HOST}/pixel.png) $x^2$ :red[alarm] :material/home: "
           f"<img src=http://{HOST}/a.png> http://{HOST}/x <script>alert(1)</script>")
SENTENCE = "Wagner fighters were deployed in Mali."
NOTE = f"![n](http://{HOST}/note.png)"  # a URL value echoed by a fallback note
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# what a Markdown payload would have become, inside any element that renders Markdown
RENDERED = (f".katex, img, script, [data-testid='stIconMaterial'], .stMarkdownColoredText, "
            f".stMarkdownColoredBackground, a[href*='{HOST}']")
TEXT_ELEMENTS = ("[data-testid='stMarkdownContainer'], [data-testid='stCaptionContainer'], "
                 "[data-testid='stHeading'], [data-testid='stAlert']")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("breakout-store")
    build(root)
    text = SENTENCE + PAYLOAD + f"\r\r![r](http://{HOST}/r.png)"
    day = date(2025, 1, 15)  # the newest claim: first in the sources list
    art = Article("hostile", None, "Hostile title" + PAYLOAD, "Hostile outlet" + PAYLOAD, day, "en", text, "e2e")
    s = text.index("Mali")
    claim = Claim("hostile", "wagner", "MLI", "Gao" + PAYLOAD, 16.27, -0.04, "present", day, SENTENCE + PAYLOAD,
                  "fighters … deployed in", 0.95)
    Store(root).write([Batch(art, [Mention(s, s + 4, "Mali", "country", "MLI", 17.0, -2.0, SENTENCE)], [claim])])
    with dashboard(root) as base:
        yield base


@pytest.fixture(scope="module")
def page(hostile_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        pg = ctx.new_page()
        pg.requests, pg.dialogs = [], []
        pg.on("request", lambda r: pg.requests.append(r.url))
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        yield pg
        browser.close()


def settle(page):
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(1500)  # images, fonts and KaTeX would load by now
    page.wait_for_selector(IDLE, timeout=90_000)


def off_host(urls):
    return [u for u in urls if not u.startswith(("data:", "blob:"))
            and urlsplit(u).hostname not in ("127.0.0.1", "localhost")]


def check_inert(page, where):
    assert not off_host(page.requests), f"{where}: requests left the machine: {off_host(page.requests)[:5]}"
    srcs = page.evaluate("() => [...document.images].map(i => i.src)")
    assert not off_host(srcs), f"{where}: off-host images {off_host(srcs)}"
    assert page.locator(".katex, .katex-display, math").count() == 0, f"{where}: LaTeX was rendered"
    rendered = page.evaluate(
        """([texts, rendered]) => [...document.querySelectorAll(texts)]
             .flatMap(e => [...e.querySelectorAll(rendered)]).map(e => e.outerHTML.slice(0, 200))""",
        [TEXT_ELEMENTS, RENDERED])
    assert rendered == [], f"{where}: Markdown/HTML rendered from stored text: {rendered[:5]}"
    assert not page.dialogs, page.dialogs
    body = page.locator("body").inner_text().replace("\u2060", "")
    for literal in ("$x^2$", ":red[alarm]", ":material/home:", f"![x](http://{HOST}/pixel.png)", "<script>"):
        assert literal in body, f"{where}: {literal!r} is not shown as text"


@pytest.mark.hostile
def test_hostile_store_fetches_nothing_and_renders_no_markdown(page, hostile_server):
    page.goto(f"{hostile_server}/?conf={quote(NOTE)}")
    page.wait_for_selector("li.fp-src", timeout=90_000)
    settle(page)
    check_inert(page, "map page")
    note = page.locator("[data-testid='stAlert']").first.inner_text().replace("\u2060", "")
    assert NOTE in note, note
    first = page.locator("li.fp-src").first
    assert first.locator(".fp-title").inner_text().replace("\u2060", "").startswith("Hostile title ![x](")
    assert 1 < page.locator("li.fp-src").count() <= page.locator("li.fp-src blockquote.fp-ev").count()

    page.requests.clear()
    first.locator(".fp-title a").click()
    page.wait_for_selector("text=Back to the map", timeout=90_000)
    page.wait_for_selector("mark.fp-claim", timeout=30_000)
    settle(page)
    assert "article=hostile" in page.url
    heading = page.locator("[data-testid='stHeading']").filter(has_text="Hostile title").first.inner_text()
    assert heading.replace("\u2060", "").startswith("Hostile title ![x](http")
    check_inert(page, "reader view")
