"""bench/ingest.py run as a command on a small corpus: it must keep working (it is what the
ingest figures in the README come from), but its numbers are not asserted (never timed tests)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ingest_bench_runs_and_prints_its_ratios_and_ceiling() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "ingest.py"), "--n", "300", "--stored", "300", "--ceiling"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    assert re.search(r"ratio ours/theirs throughput: \d+\.\d\d in 1 process, \d+\.\d\d in \d+", out)
    assert "pool and single-process stores alike: True" in out
    assert re.search(r"without presence \(find_claims off\): \d+ articles/s in 1 process, \d+ in \d+", out)
    assert re.search(r"stored 300 articles, \d+ claims", out)
    assert re.search(r"syndication clustering: [\d.]+ ms per article with, [\d.]+ without .*ratio \d+\.\d+", out)
    assert re.search(r"in CPU time [\d.]+ with, [\d.]+ without: ratio \d+\.\d+, overhead -?[\d.]+%", out)
    assert re.search(r"with distinct stories worded apart, 30% reprints \(10% naming an actor\): syndication "
                     r"clustering: [\d.]+ ms per article with, [\d.]+ without .*in CPU time [\d.]+ with", out)
    assert re.search(r"30% reprints \(10% naming an actor\): syndication clustering: .*overhead -?[\d.]+%; "
                     r"ingesting into a store already holding 300 articles", out)
    assert re.search(r"ingesting into a store already holding 300 articles; \d+% of the articles name an actor and "
                     r"are signed", out)
    assert re.search(r"footprint ingest, 1 process, in CPU time: \d+ articles/s", out)
    assert re.search(r"realistic mix \(10% of articles may name an actor\), 1 process: \d+ articles/s, \d+ in CPU "
                     r"time \(300 articles\)", out)
