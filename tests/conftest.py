"""Hooks for the whole suite."""

from __future__ import annotations

import pytest

from tests.hardening.counts import COUNTS


def pytest_runtest_logreport(report):
    """Tests marked ``hostile`` outside tests/hardening count in its closing line too (one per
    case that passed): the defences of fetch, the store and the page are tested beside their
    code, and the hardening line says how many hostile inputs the run tried in all."""
    if report.when == "call" and report.passed and "hostile" in report.keywords and "hardening" not in report.nodeid:
        COUNTS["hostile"] += 1


@pytest.fixture
def rules_only():
    """The presence rules without the learned layer (news/presence/cooccurrence.py): what a rule's
    own cases pin down. The layer is measured over the labelled sets (tests/test_cooccurrence.py),
    where its guesses are counted right and wrong, not sentence by sentence."""
    from news.presence import rules_only as off

    with off():
        yield


@pytest.fixture(scope="session")
def learned_sets():
    """Every labelled set (tests/fixtures) read once by the rules alone, with each learned part's
    examples (``news.evaluate.learned_sets``): what the slow tests of the five learned parts fit
    and score leave-one-set-out, read once per run instead of once per test."""
    from pathlib import Path

    from news.evaluate import learned_sets as read

    return read(Path(__file__).parent / "fixtures")
