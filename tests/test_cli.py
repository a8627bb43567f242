"""``python -m news`` run as a command, the way users and cron jobs run it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from news.models import Article, Claim
from news.store import Batch, BatchWriter, Store
from tests.fixtures.webserver import serve
from tests.test_sources import _broken

REPO = Path(__file__).resolve().parents[1]
GOOD = Path(__file__).parent / "fixtures" / "good"


def run(args: list[str], store: Path, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "FOOTPRINT_STORE": str(store), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "news", *args], cwd=REPO, env=env, input=stdin,
                          capture_output=True, text=True, timeout=timeout)


def skipped_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("skipped ")]


def summary(stderr: str) -> str:
    return [ln for ln in stderr.splitlines() if ln.startswith("ingested ")][-1]


def test_ingest_files_then_reingest_adds_nothing(tmp_path):
    store = tmp_path / "store"
    first = run(["ingest", str(GOOD)], store)
    assert first.returncode == 0, first.stderr
    assert summary(first.stderr) == "ingested 6, already known 0, skipped 0; undated 1"
    assert len(Store(store).table("articles")) == 6
    again = run(["ingest", str(GOOD)], store)
    assert again.returncode == 0
    assert summary(again.stderr).startswith("ingested 0, already known 6, skipped 0")
    assert len(Store(store).table("articles")) == 6
    assert len(list((store / "articles").glob("*.parquet"))) == 1  # nothing new written


def test_broken_inputs_one_line_each_exit_1(tmp_path):
    folder = _broken(tmp_path)
    (folder / "fine.txt").write_text("Troops at the border\n\nRussian troops were reported near the border.\n")
    result = run(["ingest", str(folder), "--date", "2024-02-02"], tmp_path / "store")
    assert result.returncode == 1
    lines = skipped_lines(result.stderr)
    assert len(lines) == 6, result.stderr
    for name in ("binary.txt", "latin1.txt", "empty.txt", "cut.html", "bad.rss", "mixed.jsonl:2"):
        assert sum(name in ln for ln in lines) == 1, name
    assert "Traceback" not in result.stderr
    assert summary(result.stderr).startswith("ingested 3, already known 0, skipped 6 (")
    arts = Store(tmp_path / "store").table("articles")
    assert {"ok-1", "ok-2"} <= set(arts.id) and len(arts) == 3
    assert {str(d)[:10] for d in arts.published} == {"2024-02-02"}  # --date fills missing dates


def test_urls_and_feeds_from_a_local_server(tmp_path):
    store = tmp_path / "store"
    with serve() as base:
        result = run(["ingest", base + "/feed.rss", base + "/feed.atom", base + "/news/tripoli-contractors.html",
                      base + "/missing", "file:///etc/hostname"], store)
    assert result.returncode == 1
    assert summary(result.stderr).startswith("ingested 2, already known 3, skipped 2 (")
    assert len(skipped_lines(result.stderr)) == 2
    arts = Store(store).table("articles").sort_values("url")
    assert [str(d)[:10] for d in arts.published] == ["2021-02-25", "2020-06-11"]
    assert all(u.startswith(base) for u in arts.url)


def test_allow_host_lets_feed_links_reach_one_more_local_port(tmp_path):
    """Links from a feed on one port to two others on 127.0.0.1: only the allowed one is read."""
    from urllib.parse import quote, urlsplit

    store = tmp_path / "store"
    with serve() as a, serve() as b, serve() as c:
        allowed, other = urlsplit(b).port, urlsplit(c).port
        result = run(["ingest", f"{a}/feed-to?base={quote(b)}", f"{a}/feed-to?base={quote(c)}",
                      "--allow-host", f"127.0.0.1:{allowed}"], store)
    assert "Traceback" not in result.stderr and result.returncode == 1
    assert summary(result.stderr).startswith("ingested 2, already known 0, skipped 2 (")
    lines = skipped_lines(result.stderr)
    assert len(lines) == 2 and all(ln.startswith(f"skipped {c}/") for ln in lines), lines
    assert all(f"refused: link to 127.0.0.1:{other} (loopback) not allowed; use --allow-host 127.0.0.1:{other}"
               in ln for ln in lines), lines
    assert all(u.startswith(b + "/") for u in Store(store).table("articles").url)
    bad = run(["ingest", a, "--allow-host", "127.0.0.1:0"], store)
    assert bad.returncode == 2 and "--allow-host" in bad.stderr and "Traceback" not in bad.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run([], tmp_path).returncode == 2
    assert run(["ingest"], tmp_path).returncode == 2
    assert run(["ingest", str(GOOD), "--date", "yesterday"], tmp_path).returncode == 2
    assert run(["frobnicate"], tmp_path).returncode == 2


def test_extract_spans_index_the_text_as_given(tmp_path):
    text = ("Subscribe to our newsletter about Libya and Syria\n"
            "Wagner fighters were deployed to Mali and later to Sudan, officials said.\n"
            "Read more: Russia in Chad")
    lines = [json.dumps({"id": "e1", "text": text, "language": "en"}), "{not json",
             json.dumps({"id": "e2", "text": "Rien à signaler.", "language": "fr"})]
    result = run(["extract"], tmp_path, stdin="\n".join(lines) + "\n")
    assert result.returncode == 1 and len(skipped_lines(result.stderr)) == 1
    out = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["e1", "e2"]
    for m in out[0]["mentions"]:
        assert text[m["start"]:m["end"]] == m["surface"]
        assert set(m) == {"iso3", "surface", "start", "end", "kind"}
    found = {m["iso3"] for m in out[0]["mentions"]}
    assert {"LBY", "SYR", "TCD"}.isdisjoint(found)  # furniture lines were masked
    for c in out[0]["claims"]:
        assert set(c) == {"actor", "iso3", "status", "place", "evidence", "cue", "confidence", "rules",
                          "as_of", "as_of_precision", "until", "background"}
        assert c["rules"]  # every claim says which rule made it


def test_layers_command(tmp_path):
    store = Store(tmp_path / "store")
    day = date(2023, 4, 1)
    store.write([Batch(Article("a", "https://example.org/a", "A title", "Wire", day, "en", "body", "t"), [],
                       [Claim("a", "wagner", "MLI", None, 17.0, -4.0, "present", day, "ev", "cue", 0.8)])])
    csv_out = run(["layers", "--actor", "wagner", "--from", "2023-01-01", "--to", "2023-12-31"], store.root)
    assert csv_out.returncode == 0, csv_out.stderr
    header, row = csv_out.stdout.splitlines()
    assert header.startswith("actor,iso3,country,status,first_seen")
    assert row.startswith("wagner,MLI,") and "https://example.org/a" in row
    geo = run(["layers", "--format", "geojson", "--store", str(store.root)], tmp_path / "elsewhere")
    feature = json.loads(geo.stdout)["features"][0]
    assert feature["properties"]["status"] == "present" and feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    empty = run(["layers", "--to", "2020-01-01"], store.root)
    assert empty.returncode == 0 and empty.stdout.splitlines()[1:] == []


@pytest.mark.hostile
def test_layers_reports_and_ignores_a_claims_file_of_the_wrong_types(tmp_path):
    """A parquet file dropped into claims/ with ``date`` as int64 and ``iso3`` as int: one warning
    line naming it, the good rows printed, exit 0; and an ingest still adds to the store."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    store = Store(tmp_path / "store")
    day = date(2023, 4, 1)
    store.write([Batch(Article("a", "https://example.org/a", "A title", "Wire", day, "en", "body", "t"), [],
                       [Claim("a", "wagner", "MLI", None, 17.0, -4.0, "present", day, "ev", "cue", 0.8)])])
    bad = store.root / "claims" / "part-99999999999999999999-dropped0.parquet"
    claims = pq.read_table(next((store.root / "claims").glob("part-*.parquet")))
    claims = claims.set_column(claims.schema.get_field_index("iso3"), "iso3", pa.array([466], pa.int64()))
    pq.write_table(claims.set_column(claims.schema.get_field_index("date"), "date", pa.array([20230401], pa.int64())),
                   bad)
    out = run(["layers", "--store", str(store.root)], tmp_path / "elsewhere")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    header, row = out.stdout.splitlines()
    assert row.startswith("wagner,MLI,") and "https://example.org/a" in row
    warned = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(warned) == 1 and warned[0].startswith("warning: ") and bad.name in warned[0], out.stderr
    story = tmp_path / "story.txt"
    story.write_text("Wagner in Libya\n\nWagner fighters are still deployed in Libya.\n", encoding="utf-8")
    more = run(["ingest", str(story), "--date", "2023-05-01", "--store", str(store.root)], tmp_path / "elsewhere")
    assert more.returncode == 0, more.stderr
    after = run(["layers", "--store", str(store.root)], tmp_path / "elsewhere")
    assert after.returncode == 0 and {"MLI", "LBY"} <= {r.split(",")[1] for r in after.stdout.splitlines()[1:]}


def test_layers_of_an_undated_text_file(tmp_path):
    # a .txt without --date or sidecar: dates are empty (not "NaT"), the title is its headline
    story = tmp_path / "story.txt"
    story.write_text("Wagner stays in Mali\n\nWagner fighters are still deployed in Mali.\n", encoding="utf-8")
    store = tmp_path / "store"
    assert run(["ingest", str(story)], store).returncode == 0
    csv_out = run(["layers"], store)
    header, row = csv_out.stdout.splitlines()
    values = dict(zip(header.split(","), row.split(","), strict=True))
    assert (values["first_seen"], values["last_seen"], values["latest_title"]) == ("", "", "Wagner stays in Mali")
    props = json.loads(run(["layers", "--format", "geojson"], store).stdout)["features"][0]["properties"]
    assert props["first_seen"] is None and props["latest_title"] == "Wagner stays in Mali"
    assert "NaT" not in csv_out.stdout


def _dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _age(path: Path, seconds: float = 7200) -> Path:
    old = time.time() - seconds
    os.utime(path, (old, old))
    return path


def _story(tmp_path: Path, country: str = "Libya") -> Path:
    story = tmp_path / f"story-{country}.txt"
    story.write_text(f"Wagner in {country}\n\nWagner fighters are still deployed in {country}.\n", encoding="utf-8")
    return story


@pytest.mark.hostile
def test_ingest_removes_what_killed_runs_left_and_keeps_a_live_writers_temp(tmp_path):
    """A killed pool ingest leaves its known-ids pickle in the temp folder and a ``.tmp-`` file in
    the store: the next ingest deletes those whose writer is gone, and only those."""
    from news.store import owner_tag

    dead, live = owner_tag(_dead_pid()), owner_tag(os.getpid())
    temp = tmp_path / "tmp"
    temp.mkdir()
    store = Store(tmp_path / "store")
    store.write([Batch(Article("a", None, "A", "Wire", date(2023, 1, 1), "en", "body", "t"), [], [])])
    name = "part-00000000000000000001-deadbeef.parquet"
    # (file, written two hours ago)
    gone = [(temp / f"footprint-known-{dead}-k2j4h5g6.pickle", False),
            (temp / "footprint-known-k2j4h5g6.pickle", True),  # from before pids were in the name
            (store.root / "articles" / f".tmp-{dead}-{name}", False),
            (store.root / "claims" / f".tmp-{name}", True)]
    kept = [(temp / f"footprint-known-{live}-a1b2c3d4.pickle", True),  # a running ingest's, however old
            (temp / "footprint-known-fresh123.pickle", False),
            (store.root / "mentions" / f".tmp-{live}-{name}", True),
            (store.root / "articles" / ".tmp-part-00000000000000000002-cafebabe.parquet", False)]
    for path, old in gone + kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"left over")
        if old:
            _age(path)
    env_tmp = {**os.environ, "TMPDIR": str(temp)}
    out = subprocess.run([sys.executable, "-m", "news", "ingest", str(_story(tmp_path)), "--date", "2023-05-01",
                          "--jobs", "1"], cwd=REPO, env={**env_tmp, "FOOTPRINT_STORE": str(store.root),
                                                         "PYTHONPATH": str(REPO)},
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert [p.name for p, _ in gone if p.exists()] == []
    assert [p.name for p, _ in kept if not p.exists()] == []
    assert "4 temporary files" in out.stderr and "warning:" not in out.stderr, out.stderr


@pytest.mark.hostile
def test_an_orphan_batch_is_reported_once_not_on_every_command(tmp_path):
    """A batch killed before its articles file (its commit record) leaves claims and mentions
    files and a temporary: ``layers`` says nothing of them, the next ingest removes the
    temporary and names the orphan batch once, and later ingests do not repeat it."""
    store = Store(tmp_path / "store")
    day = date(2023, 4, 1)
    store.write([Batch(Article("a", "https://example.org/a", "A title", "Wire", day, "en", "body", "t"), [],
                       [Claim("a", "wagner", "MLI", None, 17.0, -4.0, "present", day, "ev", "cue", 0.8)])])
    orphan = store.write([Batch(Article("b", None, "B", "Wire", day, "en", "body", "t"), [],
                                [Claim("b", "wagner", "LBY", None, 27.0, 17.0, "present", day, "ev", "cue", 0.8)])])
    committed = store.root / "articles" / f"{orphan}.parquet"
    committed.rename(store.root / "articles" / f".tmp-{orphan}.parquet")  # killed before the rename
    for path in store.root.rglob("*"):
        if path.is_file():
            _age(path)
    stderr = ""
    for _ in range(2):
        out = run(["layers"], store.root)
        assert out.returncode == 0 and out.stdout.splitlines()[1].startswith("wagner,MLI,"), out.stderr
        stderr += out.stderr
    assert stderr.count("warning:") <= 1, stderr
    first = run(["ingest", str(_story(tmp_path)), "--date", "2023-05-01", "--jobs", "1"], store.root)
    assert first.returncode == 0, first.stderr
    named = [ln for ln in first.stderr.splitlines() if orphan in ln]
    assert len(named) == 1 and named[0].startswith("warning: "), first.stderr
    assert not list(store.root.rglob(".tmp-*"))
    assert {p.stem for p in store.root.rglob(f"{orphan}.parquet")} == {orphan}  # not deleted: compaction's job
    again = run(["ingest", str(_story(tmp_path, "Mali")), "--date", "2023-05-01", "--jobs", "1"], store.root)
    assert again.returncode == 0 and orphan not in again.stderr, again.stderr
    assert "warning:" not in run(["layers"], store.root).stderr


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    countries = ["Mali", "Libya", "Sudan", "Syria", "Mozambique", "Madagascar"]
    for i in range(n):
        (folder / f"story{i:05d}.txt").write_text(
            f"Item {i}\n\nReport number {i}: observers said foreign units were seen in {countries[i % 6]} "
            f"during week {i % 52}, and residents described convoy {i}.\n", encoding="utf-8")


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_completes_without_duplicates(tmp_path):
    corpus = tmp_path / "corpus"
    _corpus(corpus, 3000)
    killed = tmp_path / "killed"
    env = {**os.environ, "FOOTPRINT_STORE": str(killed), "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "news", "ingest", str(corpus), "--date", "2023-01-01"],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 240
    while time.time() < deadline and not list((killed / "articles").glob("part-*.parquet")):
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = len(Store(killed).table("articles"))
    assert 0 < partial < 3000, "the kill should land after the first batch and before the end"
    rerun = run(["ingest", str(corpus), "--date", "2023-01-01"], killed)
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun.stderr).startswith(f"ingested {3000 - partial}, already known {partial},")
    clean = tmp_path / "clean"
    assert run(["ingest", str(corpus), "--date", "2023-01-01"], clean).returncode == 0
    a, b = Store(killed), Store(clean)
    ids = a.table("articles").id
    assert ids.is_unique and len(ids) == 3000
    assert set(ids) == set(b.table("articles").id)
    assert len(a.table("mentions")) == len(b.table("mentions"))
    assert len(a.table("claims")) == len(b.table("claims"))


def test_layers_csv_neutralises_formulas():
    import pandas as pd

    from news.store.export import layers_csv

    rows = pd.DataFrame([{"actor": "wagner", "latest_title": '=HYPERLINK("http://x","click")',
                          "source_urls": ["https://a.example/1"]}])
    out = layers_csv(rows)
    assert "'=HYPERLINK" in out and "\n=HYPERLINK" not in out and ",=HYPERLINK" not in out


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a background CI shell may have set it to ignored


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_mid_ingest_says_what_was_stored_and_the_rerun_completes(tmp_path, jobs):
    corpus = tmp_path / "corpus"
    _corpus(corpus, 3000)
    store = tmp_path / "store"
    env = {**os.environ, "FOOTPRINT_STORE": str(store), "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "news", "ingest", str(corpus), "--date", "2023-01-01",
                             "--jobs", jobs, "--batch-size", "100"], cwd=REPO, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=_default_sigint)
    deadline = time.time() + 240
    while time.time() < deadline and not list((store / "articles").glob("part-*.parquet")):
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group, workers included
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:  # hung: leave no process behind for the rest of the suite
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    (line,) = [ln for ln in err.splitlines() if ln.startswith("interrupted: ")]
    stored = len(Store(store).table("articles"))
    assert 0 < stored < 3000, "the interruption should land after the first batch and before the end"
    assert line.startswith(f"interrupted: ingested {stored}, already known 0,"), line
    assert "run the same command again" in line
    rerun = run(["ingest", str(corpus), "--date", "2023-01-01", "--jobs", jobs], store)
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun.stderr).startswith(f"ingested {3000 - stored}, already known {stored},")
    ids = Store(store).table("articles").id
    assert ids.is_unique and len(ids) == 3000


def test_ctrl_c_while_reading_stdin_is_one_line(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "news", "extract"], cwd=REPO, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_default_sigint)
    proc.stdin.write(json.dumps({"id": "a", "text": "Wagner fighters were seen in Mali."}) + "\n")
    proc.stdin.flush()
    assert json.loads(proc.stdout.readline())["id"] == "a"  # running, now blocked on stdin
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip().splitlines() == [err.strip()] and err.startswith("interrupted: "), err


def test_interrupted_summary_counts_what_the_writer_wrote(tmp_path):
    # Ctrl-C can land after a batch is written and before the running count of its last article
    # is taken: the summary must still say what the store holds
    from news.ingest.report import IngestReport

    store = Store(tmp_path / "store")
    writer, report = BatchWriter(store, 2), IngestReport()
    day = date(2023, 1, 1)
    for i, published in enumerate([day, None, day]):
        writer.add(Batch(Article(f"a{i}", None, "t", "o", published, "en", "body", "t"), [], []))
        if i == 0:
            report.ingested += 1  # the second add wrote the batch; its count never came
    report.interrupt(writer)
    assert (report.ingested, report.undated, report.unstored) == (2, 1, 1)
    assert len(Store(store.root).table("articles")) == 2


def test_a_named_site_is_stored_at_its_point(tmp_path):
    """`footprint ingest` of an article naming Russia's air base in Syria, and no actor word near
    it: the store holds Russia present in Syria at the site's point (the map draws it there)."""
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "site-1", "date": "2025-03-02", "language": "en",
                                  "text": "LATAKIA - Syrian officers met the commanders at the Hmeimim air base "
                                          "on Tuesday, two residents said."}) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    result = run(["ingest", str(corpus)], store)
    assert result.returncode == 0, result.stderr
    claims = Store(store).table("claims")
    row = claims[claims["rules"] == "facility"].iloc[0]
    assert (row["actor"], row["iso3"], row["status"], row["place"]) == ("russia", "SYR", "present", "Hmeimim air base")
    assert (round(row["lat"], 3), round(row["lon"], 3)) == (35.401, 35.949)
