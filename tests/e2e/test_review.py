"""Reviewing in a real browser: without a token nothing can be written, with a wrong one neither,
with the right one a rejection lands in reviews/ and the map loses the country (issue 18).

Each test starts its own server on its own copy of the fixture store: the reviews written here
must not reach the other browser tests' shared store.
"""

from __future__ import annotations

import re

import pytest

from news.review.log import read_reviews
from news.store import Store
from news.store.queries import evidence_rows
from tests.e2e.conftest import dashboard
from tests.e2e.fixture_store import build
from tests.e2e.test_browser import open_app, settle

pytestmark = pytest.mark.e2e
TOKEN = "s3cret-review-token-42"
WRITE_CONTROLS = ["Save review", "Add claim", "Start reviewing", "Review a claim listed here"]


def _gnq_article(root) -> str:
    return str(evidence_rows(Store(root), countries=["GNQ"]).iloc[0]["article_id"])


def _countries_shown(page) -> int:
    metric = page.locator("[data-testid='stMetric']").filter(has_text="Countries shown").first
    return int(re.findall(r"\d+", metric.inner_text())[-1])


def _no_write_controls(page) -> None:
    for text in WRITE_CONTROLS:
        assert page.get_by_text(text, exact=True).count() == 0, text
    assert page.locator("input[type='password']").count() == 0


@pytest.fixture
def own_store(tmp_path):
    build(tmp_path)
    return tmp_path


def test_without_a_token_no_write_control_exists(page, own_store):
    article = _gnq_article(own_store)
    with dashboard(own_store) as base:
        # whatever the URL says: review-ish parameters are only notes, never a way in
        for query in ("?sel=GNQ", f"?article={article}", f"?article={article}&token={TOKEN}&review=reviewed",
                      "?review=reviewed&reviewer=ann"):
            open_app(page, base, query)
            _no_write_controls(page)
            assert TOKEN not in page.content()
    assert read_reviews(Store(own_store)).empty


def _log_in(page, name: str, token: str) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Reviewer token").fill(token)
    page.get_by_role("button", name="Start reviewing").click()
    settle(page)


def test_a_wrong_token_writes_nothing_and_the_right_one_rejects_a_claim(page, own_store):
    article = _gnq_article(own_store)
    with dashboard(own_store, env={"FOOTPRINT_REVIEW_TOKEN": TOKEN}) as base:
        open_app(page, base)
        before = _countries_shown(page)
        open_app(page, base, f"?article={article}")
        assert page.get_by_text("Start reviewing", exact=True).count() == 1
        assert page.get_by_text("Save review", exact=True).count() == 0
        _log_in(page, "ann", TOKEN + "x")
        page.get_by_text("That token does not open reviewing").first.wait_for(timeout=30_000)
        assert page.get_by_text("Save review", exact=True).count() == 0
        assert read_reviews(Store(own_store)).empty
        assert TOKEN not in page.url and TOKEN not in page.content()

        _log_in(page, "ann", TOKEN)
        page.get_by_text("Reviewing as ann").first.wait_for(timeout=30_000)
        assert TOKEN not in page.url and TOKEN not in page.content()
        form = page.locator("[data-testid='stForm']").filter(has_text="Save review").first
        form.get_by_text("Reject", exact=True).click()
        form.get_by_role("button", name="Save review").click()
        settle(page)
        page.get_by_text("Stored: rejected").first.wait_for(timeout=30_000)
        page.screenshot(path=str(own_store / "review.png"))

        reviews = read_reviews(Store(own_store))
        assert list(reviews["decision"]) == ["reject"] and list(reviews["iso3"]) == ["GNQ"]
        assert list(reviews["reviewer"]) == ["ann"] and list(reviews["reason"]) == ["not-actor"]
        assert page.get_by_text("Reviews of this article").count() == 1
        assert page.get_by_text("not this actor", exact=False).count() >= 1

        open_app(page, base)
        assert _countries_shown(page) == before - 1
        open_app(page, base, "?sel=GNQ")
        assert page.locator("li.fp-src").count() == 0
    assert TOKEN not in (own_store / "streamlit.log").read_text()
