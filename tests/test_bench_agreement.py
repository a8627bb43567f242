"""bench/agreement.py: the second readers' labels line up with their sets, the comparison counts
what it says, and the bench runs as a command (its figures are printed, not asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from agreement import SECOND, compare, second_labels  # noqa: E402

from news.evaluate import load_labelled  # noqa: E402

SETS = sorted(p.stem for p in SECOND.glob("*.jsonl"))


def _row(rid: str, lang: str, *triples: tuple[str, str, str]) -> dict:
    return {"id": rid, "language": lang, "text": "",
            "gold": {"mentions": sorted({t[1] for t in triples}),
                     "presence": [{"actor": a, "iso3": i, "status": s} for a, i, s in triples]}}


def test_every_second_label_file_covers_its_set_and_is_well_formed() -> None:
    assert len(SETS) >= 3
    for name in SETS:
        rows = load_labelled(ROOT / "tests" / "fixtures" / f"{name}.jsonl")
        second = second_labels(name)
        assert [r["id"] for r in rows] == list(second), name
        for row in second.values():
            mentions = set(row["gold"]["mentions"])
            assert {p["iso3"] for p in row["gold"]["presence"]} <= mentions, row["id"]
            assert all(p["actor"] in {"wagner", "russia"} and p["status"] in {"present", "ended"}
                       for p in row["gold"]["presence"]), row["id"]


def test_disagreement_is_left_out_of_both_sides_of_the_agreed_score() -> None:
    a = _row("x", "en", ("wagner", "MLI", "present"), ("russia", "SYR", "present"))
    b = _row("x", "en", ("wagner", "MLI", "present"), ("russia", "SYR", "ended"))
    # the tool has the agreed triple and one of the two disputed ones
    counts = compare([a], {"x": b}, {"x": {("wagner", "MLI", "present"), ("russia", "SYR", "ended")}})
    assert counts[("all", "B vs A")].prf()[2] == pytest.approx(0.5)
    assert counts[("all", "pairs B vs A")].prf()[2] == 1.0
    agreed = counts[("all", "tool vs A∧B")]
    assert (agreed.tp, agreed.fp, agreed.fn) == (1, 0, 0)  # the disputed SYR counts on neither side
    assert counts[("all", "tool vs A")].fp == 1 and counts[("all", "tool vs B")].fp == 0
    assert counts[("en", "B vs A")].tp == 1


def test_the_bench_runs_as_a_command() -> None:
    out = subprocess.run([sys.executable, "bench/agreement.py", "--sets", SETS[0]], cwd=ROOT,
                         capture_output=True, text=True, timeout=600, check=True).stdout
    assert f"{SETS[0]}" in out and "B vs A" in out and "tool vs A∧B" in out and "over 1 sets:" in out
