"""A scraped page, furniture and all, ingested as a user would: the command line on a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from news.store import Store

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "tests" / "fixtures" / "scraped" / "lavrov_style_page.txt"


def test_scraped_page_gives_presence_in_both_countries_and_nothing_for_critics_or_home(tmp_path: Path) -> None:
    env = {**os.environ, "FOOTPRINT_STORE": str(tmp_path / "store")}
    run = subprocess.run([sys.executable, "-m", "news", "ingest", str(PAGE)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    store = Store(tmp_path / "store")
    (title,) = store.table("articles")["title"]
    assert title == "Moscow Says Wagner Stays in Mali and C. Africa"  # not the close button
    claims = store.table("claims")
    assert set(zip(claims.actor, claims.iso3, claims.status, strict=True)) == {
        ("wagner", "MLI", "present"), ("wagner", "CAF", "present"),
        ("russia", "MLI", "present"), ("russia", "CAF", "present"),
    }
    mentions = set(store.table("mentions")["iso3"])
    assert mentions == {"RUS", "MLI", "CAF", "FRA"}  # Georgia, Latvia, Ukraine sit in furniture only
