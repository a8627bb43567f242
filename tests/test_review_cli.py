"""``footprint review ...`` and ``footprint eval --reviews`` run as commands (issue 18), and what a
kill does to stored reviews."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from news.review.log import read_reviews
from news.store import Store, StoreWarning
from tests.e2e.fixture_store import build
from tests.test_cli import _corpus

REPO = Path(__file__).resolve().parents[1]
TYPICAL = REPO / "tests" / "fixtures" / "typical.jsonl"


def run(args: list[str], store: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "FOOTPRINT_STORE": str(store), "PYTHONPATH": str(REPO), "FOOTPRINT_REVIEWER": "tester"}
    return subprocess.run([sys.executable, "-m", "news", *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=timeout)


def listed(store: Path, *args: str) -> list[dict]:
    out = run(["review", "list", *args], store)
    assert out.returncode == 0, out.stderr
    return list(csv.DictReader(io.StringIO(out.stdout), delimiter="\t", quoting=csv.QUOTE_NONE))


def claims(store: Path, country: str | None = None) -> list[dict]:
    """The claims as ``review list`` prints them, read in this process (setup, not the thing tested:
    each command costs seconds on a loaded machine)."""
    from news.review.commands import claim_rows

    rows = claim_rows(Store(store))
    if country:
        rows = rows[rows["iso3"] == country]
    return [{**r, "review": r["review"] or ""} for r in rows.astype(object).where(rows.notna(), None)
            .to_dict(orient="records")]


def layers(store: Path) -> list[dict]:
    out = run(["layers", "--format", "csv"], store)
    assert out.returncode == 0, out.stderr
    return list(csv.DictReader(io.StringIO(out.stdout)))


@pytest.fixture
def store(tmp_path) -> Path:
    build(tmp_path / "store")
    return tmp_path / "store"


def test_reject_then_confirm_the_same_claim_the_later_wins_and_history_stays(store):
    (gnq,) = listed(store, "--country", "GNQ")
    assert gnq["review"] == "" and gnq["actor"] == "wagner"
    out = run(["review", "reject", gnq["key"], "--reason", "not-actor", "--note", "Malabo is Russia's"], store)
    assert out.returncode == 0, out.stderr
    assert "GNQ" not in {r["iso3"] for r in layers(store)}
    assert listed(store, "--country", "GNQ") == []

    assert run(["review", "confirm", gnq["key"]], store).returncode == 0  # a rejection can be undone
    rows = {(r["actor"], r["iso3"]): r for r in layers(store)}
    assert rows[("wagner", "GNQ")]["review"] == "confirmed"
    assert rows[("wagner", "MLI")]["review"] == ""
    history = listed(store, "--history")
    assert [h["decision"] for h in history] == ["reject", "confirm"]
    assert history[0]["reason"] == "not-actor" and history[0]["reviewer"] == "tester"
    assert history[0]["note"] == "Malabo is Russia's"


def test_correct_and_add_show_in_csv_and_geojson(store):
    moz = [r for r in claims(store, "MOZ") if r["status"] == "ended"][0]
    assert run(["review", "correct", moz["key"], "--status", "present", "--country", "TZA"], store).returncode == 0
    bgd = claims(store, "GNQ")[0]
    add = run(["review", "add", bgd["article_id"], "--sentence", bgd["evidence"], "--actor", "russia",
               "--country", "GNQ", "--status", "present"], store)
    assert add.returncode == 0, add.stderr
    rows = {(r["actor"], r["iso3"]): r for r in layers(store)}
    assert rows[("wagner", "TZA")]["review"] == "corrected" and rows[("wagner", "TZA")]["status"] == "present"
    assert rows[("russia", "GNQ")]["review"] == "added"
    assert rows[("wagner", "MOZ")]["status"] == "present"  # its "ended" claim moved to Tanzania
    geo = json.loads(run(["layers", "--format", "geojson"], store).stdout)
    marks = {(f["properties"]["actor"], f["properties"]["iso3"]): f["properties"]["review"] for f in geo["features"]}
    assert marks[("russia", "GNQ")] == "added" and marks[("wagner", "TZA")] == "corrected"
    assert marks[("wagner", "CAF")] == ""
    # the corrected claim is reviewed again under its first key
    (tza,) = listed(store, "--country", "TZA")
    assert tza["key"] == moz["key"] and tza["review"] == "corrected"


def test_bad_input_is_one_line_and_stores_nothing(store):
    (gnq,) = claims(store, "GNQ")
    cases = [
        (["review", "confirm", "0000000000000000"], "no claim with key"),
        (["review", "correct", gnq["key"], "--status", "present"], "a correction needs"),
        (["review", "correct", gnq["key"], "--actor", "nobody"], "not a known actor"),
        (["review", "correct", gnq["key"], "--country", "Mali"], "ISO3"),
        (["review", "add", gnq["article_id"], "--sentence", "Not in the text at all.", "--actor", "russia",
          "--country", "GNQ", "--status", "present"], "not in the article"),
        (["review", "add", "no-such-article", "--sentence", "x", "--actor", "russia", "--country", "GNQ",
          "--status", "present"], "no article"),
        (["review", "confirm", gnq["key"], "--reviewer", " "], "reviewer"),
    ]
    for args, words in cases:
        out = run(args, store)
        assert out.returncode == 2, (args, out.stderr)
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], (args, out.stderr)
    out = run(["review", "reject", gnq["key"]], store)  # the reason is required: a usage error
    assert out.returncode == 2 and "--reason" in out.stderr
    assert read_reviews(Store(store)).empty


def test_export_writes_labelled_jsonl_that_eval_reads(store, tmp_path):
    mli = claims(store, "MLI")
    assert run(["review", "confirm", mli[0]["key"]], store).returncode == 0
    assert run(["review", "reject", mli[1]["key"], "--reason", "plan-or-rumour"], store).returncode == 0
    target = tmp_path / "reviewed.jsonl"
    out = run(["review", "export", "--out", str(target)], store)
    assert out.returncode == 0 and "exported 2 reviewed articles" in out.stderr, out.stderr
    lines = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert {"id", "title", "outlet", "date", "language", "url", "text", "gold"} <= set(lines[0])
    by_id = {x["id"]: x for x in lines}
    confirmed = by_id[mli[0]["article_id"]]
    assert confirmed["gold"]["presence"] == [{"actor": "wagner", "iso3": "MLI", "status": mli[0]["status"]}]
    rejected = by_id[mli[1]["article_id"]]
    assert rejected["gold"]["presence"] == [] and rejected["review"]["rejected"][0]["iso3"] == "MLI"
    scored = run(["eval", str(target)], store)
    assert scored.returncode == 0, scored.stderr
    assert "presence" in scored.stdout.lower()


def test_eval_reviews_prints_precision_per_actor_and_language(store):
    assert run(["eval", "--reviews"], store).returncode == 2  # no reviews yet: one error line
    gnq = claims(store, "GNQ")[0]  # a French article
    syr = claims(store, "SYR")[0]
    assert run(["review", "confirm", gnq["key"]], store).returncode == 0
    assert run(["review", "reject", syr["key"], "--reason", "not-on-ground"], store).returncode == 0
    assert run(["review", "add", gnq["article_id"], "--sentence", gnq["evidence"], "--actor", "russia", "--country",
                "GNQ", "--status", "present"], store).returncode == 0
    out = run(["eval", "--reviews"], store)
    assert out.returncode == 0, out.stderr
    table = {ln.split()[0] + (" " + ln.split()[1] if ln.split()[0] in ("actor", "language") else ""): ln.split()
             for ln in out.stdout.splitlines()[2:-1]}
    assert table["all"][1:] == ["0.500", "0.500", "1", "1", "1"]  # one right, one wrong, one missed
    assert table["actor wagner"][2:] == ["1.000", "1.000", "1", "0", "0"]
    assert table["actor russia"][2:] == ["0.000", "0.000", "0", "1", "1"]
    assert table["language fr"][2:] == ["1.000", "0.500", "1", "0", "1"]
    assert "reviewed claims: 3 in 2 articles" in out.stdout


def test_reviews_survive_reingesting_and_a_rebuilt_store(tmp_path):
    first = tmp_path / "first"
    assert run(["ingest", str(TYPICAL)], first).returncode in (0, 1)
    found = listed(first)
    assert found, "typical.jsonl gives claims"
    gone = found[0]
    assert run(["review", "reject", gone["key"], "--reason", "wrong-status"], first).returncode == 0
    again = run(["ingest", str(TYPICAL)], first)  # the same articles once more: nothing new
    assert "ingested 0" in again.stderr
    assert gone["key"] not in {c["key"] for c in claims(first)}
    # a store rebuilt from the same articles (other batch files, other rows) takes the same reviews
    second = tmp_path / "second"
    assert run(["ingest", str(TYPICAL), "--jobs", "1", "--batch-size", "3"], second).returncode in (0, 1)
    assert gone["key"] in {c["key"] for c in claims(second)}
    shutil.copytree(first / "reviews", second / "reviews")
    left = listed(second)
    assert gone["key"] not in {c["key"] for c in left} and len(left) == len(found) - 1


WRITER = """
import sys
from news.review.log import append_reviews
from news.review.records import make_review
from news.store import Store
store = Store(sys.argv[1])
i = 0
while True:
    review = make_review(article_id="a%d" % i, sentence="Sentence %d." % i, actor="wagner", iso3="MLI",
                         status="present", decision="confirm", reviewer="loop")
    append_reviews(store, [review])
    print(review["key"], flush=True)
    i += 1
"""


def test_sigkill_while_writing_reviews_loses_no_stored_review(tmp_path):
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(store)], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    done = [proc.stdout.readline().strip() for _ in range(40)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with warnings.catch_warnings():
        warnings.simplefilter("error", StoreWarning)  # no file of the table is torn
        keys = list(read_reviews(Store(store))["key"])
    assert set(done) <= set(keys), "every review reported written is stored"
    assert len(keys) == len(set(keys))
    assert run(["review", "list", "--history"], store).returncode == 0


def test_sigkill_of_an_ingest_keeps_the_reviews_and_their_effect(store, tmp_path):
    (gnq,) = claims(store, "GNQ")
    assert run(["review", "reject", gnq["key"], "--reason", "not-country"], store).returncode == 0
    corpus = tmp_path / "corpus"
    _corpus(corpus, 1500)
    env = {**os.environ, "FOOTPRINT_STORE": str(store), "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "news", "ingest", str(corpus), "--date", "2023-01-01",
                             "--jobs", "1", "--batch-size", "100"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    before = len(list((store / "articles").glob("part-*.parquet")))
    deadline = time.time() + 240
    while time.time() < deadline and len(list((store / "articles").glob("part-*.parquet"))) <= before:
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reviews = read_reviews(Store(store))
    assert list(reviews["key"]) == [gnq["key"]] and list(reviews["decision"]) == ["reject"]
    assert "GNQ" not in {r["iso3"] for r in layers(store)}
