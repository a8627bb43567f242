"""Counters the hardening suite fills and its conftest prints at the end of the run."""

from __future__ import annotations

from collections import Counter

COUNTS: Counter = Counter()  # fuzzed, hostile, kills, errors


def fuzzed(n: int = 1) -> None:
    COUNTS["fuzzed"] += n


def hostile(n: int = 1) -> None:
    COUNTS["hostile"] += n


def kill_survived(n: int = 1) -> None:
    COUNTS["kills"] += n


def error(n: int = 1) -> None:
    COUNTS["errors"] += n
