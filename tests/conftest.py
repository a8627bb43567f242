"""Hooks for the whole suite."""

from __future__ import annotations

from tests.hardening.counts import COUNTS


def pytest_runtest_logreport(report):
    """Tests marked ``hostile`` outside tests/hardening count in its closing line too (one per
    case that passed): the defences of fetch, the store and the page are tested beside their
    code, and the hardening line says how many hostile inputs the run tried in all."""
    if report.when == "call" and report.passed and "hostile" in report.keywords and "hardening" not in report.nodeid:
        COUNTS["hostile"] += 1
