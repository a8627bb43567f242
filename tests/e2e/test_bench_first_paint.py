"""bench/first_paint.py run as a command, one fresh session: it must keep working (the README's
first-paint figures come from it), but its times are not asserted (never timed tests)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def test_first_paint_bench_measures_the_dashboard_and_the_bare_map() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "first_paint.py"), "--sessions", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    assert re.search(r"fresh session 1: [\d.]+ s \(canvas in the page at [\d.]+ s\); bare map [\d.]+ s", out), out
    assert re.search(r"fresh sessions: median [\d.]+ s, max [\d.]+ s; target <= 3 s", out), out
    assert re.search(r"bare map \(bench/bare_map.py.*median [\d.]+ s, cold [\d.]+ s; dashboard/bare map \d+\.\d\d", out), out
