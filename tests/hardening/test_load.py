"""The load bench in its CI form: 3 browser sessions for 15 s while an ingest writes.

``python bench/load.py`` (20 sessions, a minute) is the full run; this one proves the harness
and the zero-error target on every CI run. Needs Debian's chromium (skipped without it).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hardening import counts

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.e2e
def test_dashboard_under_load_while_ingesting():
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is absent")
    done = subprocess.run([sys.executable, "bench/load.py", "--sessions", "3", "--seconds", "15"], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    print(done.stdout)
    served = re.search(r"sessions served (\d+)/(\d+), runs (\d+)", done.stdout)
    assert served, done.stdout + done.stderr[-2000:]
    counts.COUNTS["sessions"] += int(served[1])
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert "errors 0" in done.stdout
