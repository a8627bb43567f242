"""What every ingest engine must give alike, for the engine tests (local pool, Dask): the
command run as a user runs it, the lines it prints, and the store rows it leaves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from news.store import Store

REPO = Path(__file__).resolve().parents[1]


def run(args: list[str], store: Path, timeout: float = 240, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "FOOTPRINT_STORE": str(store), "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "news", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def outcome(stderr: str) -> list[str]:
    """Skip lines in order, then the summary: what every engine must print alike."""
    return [ln for ln in stderr.splitlines() if ln.startswith(("skipped ", "ingested "))]


def tables(store: Path, drop=("ingested_at",)) -> dict[str, pd.DataFrame]:
    out = {}
    for name in ("articles", "mentions", "claims"):
        df = Store(store).table(name).drop(columns=list(drop), errors="ignore")
        if "signature" in df.columns:  # DuckDB gives BLOBs as bytearray, which pandas cannot sort
            df["signature"] = df["signature"].map(lambda b: bytes(b) if isinstance(b, (bytes, bytearray)) else None)
        out[name] = df.sort_values(list(df.columns)).reset_index(drop=True)
    return out


def assert_same_rows(a: Path, b: Path, drop=("ingested_at",)) -> None:
    ta, tb = tables(a, drop), tables(b, drop)
    for name in ta:
        pd.testing.assert_frame_equal(ta[name], tb[name], check_dtype=True, obj=name)
