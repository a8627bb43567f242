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


def test_one_entry_per_article_with_its_sentences_under_it(page, server):
    open_app(page, server, "?sel=MLI")
    items = page.locator("li.fp-src").filter(has_text="Massacre in Moura")
    assert items.count() == 1, "one entry for the article"
    quotes = items.first.locator("blockquote.fp-ev").all_inner_texts()
    assert len(quotes) == 2 and quotes[1].startswith("Sentence 1b"), quotes
    titles = page.locator("li.fp-src .fp-title").all_inner_texts()
    assert len(titles) == len(set(titles)), titles
