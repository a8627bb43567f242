"""The sources list: every article reaches the reader view, and its original when it has one."""

from __future__ import annotations

import pytest

from tests.e2e.test_browser import open_app, settle

pytestmark = pytest.mark.e2e


def test_article_with_a_url_offers_the_reader_and_the_original(page, server):
    open_app(page, server, "?sel=MLI")
    item = page.locator("li.fp-src").filter(has_text="Massacre in Moura").first
    original = item.get_by_role("link", name="original ↗")
    assert original.get_attribute("href") == "https://example.org/moura"
    assert original.get_attribute("target") == "_blank"
    reader = item.get_by_role("link", name="Massacre in Moura")
    assert "article=" in (reader.get_attribute("href") or "")
    reader.click()
    page.wait_for_selector("text=Back to the map", timeout=60_000)
    settle(page)
    assert "article=" in page.url and "sel=MLI" in page.url
    assert page.get_by_role("link", name="Open the original article ↗").get_attribute("href") == \
        "https://example.org/moura"
