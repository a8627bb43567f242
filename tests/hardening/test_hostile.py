"""Hostile inputs through ``python -m news ingest``, run as a command into a store in tmp.

Good articles go in first; then the whole hostile corpus (files from ``corpus.build`` and URLs
from ``corpus.HostileServer``) in one run. Each hostile input must give one clear line (or be
ingested, for the odd-but-valid ones), the run must end with its summary and no traceback, and
every row stored before must still be there, unchanged.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from news.store import Store
from tests.hardening import counts
from tests.hardening.corpus import URLS, HostileServer, build

REPO = Path(__file__).resolve().parents[2]
GOOD = REPO / "tests" / "fixtures" / "good"


def run(args: list[str], store: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "FOOTPRINT_STORE": str(store), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "news", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout, errors="backslashreplace")


def snapshot(store: Path) -> dict[str, set[tuple]]:
    """Each table as a set of rows (``ingested_at`` left out: it is when, not what)."""
    out = {}
    for name in ("articles", "mentions", "claims"):
        frame = Store(store).table(name).drop(columns=["ingested_at"], errors="ignore")
        frame = frame.astype(object).where(pd.notna(frame), None)
        out[name] = {tuple(str(v) for v in row) for row in frame.itertuples(index=False)}
    return out


def _good_jsonl(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "good.jsonl"
    rows = [{"id": f"good-{i}", "date": f"2022-{i % 12 + 1:02d}-15", "outlet": "Wire",
             "url": f"https://wire.example/{i}",
             "text": f"Wagner fighters were deployed in Mali near Bamako, report {i} said. "
                     f"Russian instructors arrived in the Central African Republic in week {i}."}
            for i in range(40)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    store = root / "store"
    first = run(["ingest", str(GOOD), str(_good_jsonl(root / "good"))], store)
    assert first.returncode == 0, first.stderr
    before = snapshot(store)
    expect = build(root / "corpus")
    with HostileServer() as base:
        urls = {base + path: words for path, words in URLS.items()}
        result = run(["ingest", str(root / "corpus"), *urls], store)
    counts.hostile(len(expect) + len(urls))
    return {"store": store, "before": before, "after": snapshot(store), "result": result,
            "expect": expect, "urls": urls, "root": root}


def test_run_ends_with_a_summary_and_no_traceback(hostile_run):
    result = hostile_run["result"]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 1  # something was skipped for an error
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("ingested "), lines[-3:]
    for line in lines:
        assert line.startswith(("skipped ", "warning: ", "ingested ")), line
        assert line.isprintable(), repr(line)  # no escape sequences or RTL overrides reach the terminal


def test_each_hostile_file_gets_one_clear_line(hostile_run):
    skipped = [ln for ln in hostile_run["result"].stderr.splitlines() if ln.startswith("skipped ")]
    corpus = str(hostile_run["root"] / "corpus")
    for name, words in hostile_run["expect"].items():
        mine = [ln for ln in skipped if ln.startswith(f"skipped {corpus}/{name}")]
        if name == "dates.jsonl":  # one line per bad line
            assert [":1:" in ln or ":2:" in ln for ln in mine] == [True, True], mine
        elif words is None:
            assert mine == [], (name, mine)
        elif words == "":
            assert len(mine) <= 1, (name, mine)
        else:
            assert len(mine) == 1 and words in mine[0], (name, mine)


def test_each_hostile_url_gets_one_clear_line(hostile_run):
    skipped = [ln for ln in hostile_run["result"].stderr.splitlines() if ln.startswith("skipped ")]
    for url, words in hostile_run["urls"].items():
        mine = [ln for ln in skipped if ln.startswith(f"skipped {url}:")]
        if words is None:
            assert mine == [], (url, mine)
        else:
            assert len(mine) == 1 and words in mine[0], (url, mine)


def test_nothing_stored_before_is_lost(hostile_run):
    before, after = hostile_run["before"], hostile_run["after"]
    for table in before:
        assert before[table] <= after[table], f"{table}: {len(before[table] - after[table])} rows lost"
    assert len(before["articles"]) == 46 and len(before["claims"]) > 40


def test_odd_but_valid_inputs_are_stored_faithfully(hostile_run):
    arts = Store(hostile_run["store"]).table("articles").set_index("id")
    rtl = arts.loc["rtl-names"]
    assert rtl.title == "\u202eLAM ni rengaW\u202c \u200bhidden\u200b"  # stored as given: escaping is the view's job
    assert rtl.outlet.startswith("\u200fואגנר")
    assert arts.loc["lone-surrogate"].text.endswith("\ufffd") and arts.loc["lone-surrogate"].title == "x\ufffd"
    assert pd.isna(arts.loc["payloads"].url)  # javascript: links are never stored
    assert {"mid-1", "mid-3"} <= set(arts.index) and "mid-2" not in arts.index
    dated = arts[arts.source.str.endswith("dates.xml")]
    assert len(dated) == 2 and dated.published.isna().all()  # year 0 / 9999: undated, not a crash
    assert not arts.text.str.contains("root:x:0:0").any()  # the XXE entity was not resolved
    assert arts.text.str.endswith("Bamako said. Charset.").sum() == 1  # the rot13 charset page
    stored = pd.concat([arts.published.dropna(), Store(hostile_run["store"]).table("claims").date.dropna()])
    assert all(1900 <= pd.Timestamp(d).year <= 2100 for d in stored)


def test_dashboard_queries_survive_the_hostile_store(hostile_run):
    from news.store import queries

    store = Store(hostile_run["store"])
    options = queries.filter_options(store)
    assert options["first_month"] and len(options["first_month"]) == 7
    rows = queries.layer_rows(store)
    assert len(rows) and set(rows.actor) <= {"wagner", "russia"}
    assert all(u.startswith(("http://", "https://")) for urls in rows.source_urls for u in urls)


def test_a_dripping_server_meets_the_time_limit():
    """Each byte arrives within the socket timeout; only the whole-body limit stops it."""
    import time

    from news.sources.fetch import FetchError, fetch

    counts.hostile()
    with HostileServer() as base:
        started = time.monotonic()
        with pytest.raises(FetchError, match="too slow"):
            fetch(base + "/drip", timeout=2.0, max_seconds=2.0)
    assert time.monotonic() - started < 6
