"""``footprint ingest --watch``: feeds on 127.0.0.1 that change between rounds, answer 304 to
conditional requests, fail once, and a Ctrl-C in the middle of a round."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from news.ingest.watch import FeedListError, backoff, parse_interval, read_feed_list
from news.store import TABLES, Store

REPO = Path(__file__).resolve().parents[1]
MODIFIED = ("Mon, 01 Jan 2024 00:00:00 GMT", "Tue, 02 Jan 2024 00:00:00 GMT")
STORIES = {
    1: ("Contractors near Tripoli", "Wagner fighters were deployed to Libya near Tripoli, residents said."),
    2: ("Gold mines guarded", "Wagner guards remain in Sudan at the gold mines, officials said."),
    3: ("New base reported", "Russian troops arrived in Mali at a new base near Timbuktu, witnesses said."),
    4: ("Convoy seen", "Wagner mercenaries are deployed in the Central African Republic, a report said."),
    5: ("Airfield expanded", "Russian forces are stationed in Syria at an expanded airfield, satellite images show."),
    6: ("Slow story", "Wagner fighters were deployed to Mali near Gao, residents said."),
}


def atom(title: str, numbers: list[int]) -> bytes:
    entries = "".join(
        f"<entry><title>{STORIES[n][0]}</title><id>urn:story:{n}</id>"
        f"<link href='https://news.example.org/story/{n}'/><updated>2024-0{n % 9 + 1}-10T09:00:00Z</updated>"
        f"<content type='html'>&lt;p&gt;{STORIES[n][1]}&lt;/p&gt;</content></entry>" for n in numbers)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>{title}</title>{entries}</feed>").encode()


class Feeds(BaseHTTPRequestHandler):
    """``/a.xml`` (ETag), ``/b.xml`` (Last-Modified, a 500 on its second request), ``/slow.xml``
    (answers after 3 s). Every request's path and conditional headers are logged."""

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        server = self.server
        with server.lock:  # type: ignore[attr-defined]
            server.log.append((self.path, self.headers.get("If-None-Match"),  # type: ignore[attr-defined]
                               self.headers.get("If-Modified-Since")))
            n = sum(p == self.path for p, _, _ in server.log)  # type: ignore[attr-defined]
        kind = {"Content_Type": "application/atom+xml"}
        if self.path == "/a.xml":
            version = "a1" if n <= 2 else "a2"
            if self.headers.get("If-None-Match") == f'"{version}"':
                return self._send(304, ETag=f'"{version}"')
            return self._send(200, atom("Feed A", [1, 2] if version == "a1" else [1, 2, 3]), ETag=f'"{version}"', **kind)
        if self.path == "/b.xml":
            if n == 2:
                return self._send(500, b"oops")
            modified = MODIFIED[0] if n == 1 else MODIFIED[1]
            if self.headers.get("If-Modified-Since") == modified:
                return self._send(304)
            return self._send(200, atom("Feed B", [4] if n == 1 else [4, 5]), Last_Modified=modified, **kind)
        if self.path == "/slow.xml":
            server.slow_started.set()  # type: ignore[attr-defined]
            time.sleep(3)
            return self._send(200, atom("Slow", [6]), ETag='"s1"', **kind)
        return self._send(404)


@contextmanager
def feeds_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Feeds)
    server.lock, server.log, server.slow_started = threading.Lock(), [], threading.Event()  # type: ignore[attr-defined]
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _env(store: Path) -> dict[str, str]:
    return {**os.environ, "FOOTPRINT_STORE": str(store), "PYTHONPATH": str(REPO)}


def watch(args: list[str], store: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "news", "ingest", *args], cwd=REPO, env=_env(store),
                          capture_output=True, text=True, timeout=300)


def rounds(stderr: str) -> list[str]:
    return [ln.split(": ", 1)[1] for ln in stderr.splitlines() if ln.startswith("round ")]


def test_watch_rounds_conditional_requests_backoff_and_restart(tmp_path):
    store = tmp_path / "store"
    with feeds_server() as (server, base):
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"# my feeds\n{base}/a.xml\n\n{base}/b.xml  # the flaky one\nnot a url\n{base}/a.xml\n")
        out = watch(["--watch", str(feeds), "--every", "1s", "--rounds", "4"], store)
        assert out.returncode == 1, out.stderr  # a feed failed once
        assert "Traceback" not in out.stderr
        assert f"skipped {feeds}:5: not an http(s) URL (not a url)" in out.stderr
        assert rounds(out.stderr) == [
            "2 changed, 0 not modified, 0 failed, 0 backing off; ingested 3, already known 0, skipped 0",
            "0 changed, 1 not modified, 1 failed, 0 backing off; ingested 0, already known 0, skipped 0",
            "1 changed, 0 not modified, 0 failed, 1 backing off; ingested 1, already known 2, skipped 0",
            "1 changed, 1 not modified, 0 failed, 0 backing off; ingested 1, already known 1, skipped 0",
        ]
        assert f"skipped {base}/b.xml: fetch failed (HTTP 500 " in out.stderr
        assert "failed 1 time in a row, next try in 2s" in out.stderr
        a = [(inm, ims) for p, inm, ims in server.log if p == "/a.xml"]
        b = [(inm, ims) for p, inm, ims in server.log if p == "/b.xml"]
        assert a == [(None, None), ('"a1"', None), ('"a1"', None), ('"a2"', None)]
        assert b == [(None, None), (None, MODIFIED[0]), (None, MODIFIED[0])]  # none in round 3: backing off
        articles = Store(store).table("articles")
        assert sorted(articles.title) == sorted(STORIES[n][0] for n in range(1, 6))
        assert articles.id.is_unique
        assert len(Store(store).table("claims")) >= 5
        state = json.loads((store / ".watch.json").read_text())
        assert state[f"{base}/a.xml"]["etag"] == '"a2"'
        assert state[f"{base}/b.xml"]["last_modified"] == MODIFIED[1]
        assert state[f"{base}/b.xml"]["failures"] == 0
        mark = len(server.log)
        again = watch(["--watch", str(feeds), "--rounds", "1"], store)  # a restart remembers the validators
        assert again.returncode == 0, again.stderr
        assert rounds(again.stderr) == [
            "0 changed, 2 not modified, 0 failed, 0 backing off; ingested 0, already known 0, skipped 0"]
        assert sorted(server.log[mark:]) == sorted([("/a.xml", '"a2"', None), ("/b.xml", None, MODIFIED[1])])
    assert len(Store(store).table("articles")) == 5


def test_ctrl_c_mid_round_abandons_the_feed_and_keeps_the_store_whole(tmp_path):
    store = tmp_path / "store"
    with feeds_server() as (server, base):
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"{base}/a.xml\n{base}/slow.xml\n")
        proc = subprocess.Popen([sys.executable, "-m", "news", "ingest", "--watch", str(feeds), "--every", "1h"],
                                cwd=REPO, env=_env(store), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            assert server.slow_started.wait(240), "the watch never asked the slow feed"
            proc.send_signal(signal.SIGINT)  # while the slow feed is being fetched
            _, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 130, err
        assert "Traceback" not in err and "KeyboardInterrupt" not in err
        assert err.splitlines()[-1] == ("interrupted: stopped in round 1; 2 articles stored by this run, every batch "
                                        "written is intact; a feed not finished is fetched whole next time")
        assert sorted(Store(store).table("articles").title) == [STORIES[1][0], STORIES[2][0]]
        assert not [p for t in TABLES if (store / t).is_dir() for p in (store / t).iterdir()
                    if not p.name.startswith("part-")]  # no temporaries
        names = {t: {p.stem for p in (store / t).glob("part-*.parquet")} for t in TABLES}
        assert names["claims"] <= names["articles"] and names["mentions"] <= names["articles"]  # no partial batch
        state = json.loads((store / ".watch.json").read_text())
        assert state[f"{base}/a.xml"]["etag"] == '"a1"' and f"{base}/slow.xml" not in state
        # a Ctrl-C while waiting for the next round: the same line, nothing more stored
        proc = subprocess.Popen([sys.executable, "-m", "news", "ingest", "--watch", str(feeds), "--every", "1h"],
                                cwd=REPO, env=_env(store), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            assert proc.stderr is not None
            line = ""
            while not line.startswith("round 1 "):
                line = proc.stderr.readline()
                assert line, "the watch ended without a round line"
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 130, err
        assert line.split(": ", 1)[1].startswith("1 changed, 1 not modified, 0 failed, 0 backing off; ingested 1,")
        assert "interrupted: stopped in round 1; 1 articles stored by this run" in err
    ids = Store(store).table("articles").id
    assert ids.is_unique and len(ids) == 3


def test_usage_errors(tmp_path):
    store = tmp_path / "store"
    (tmp_path / "empty.txt").write_text("# nothing yet\n")
    for args in (["--watch", str(tmp_path / "missing.txt")], ["--watch", str(tmp_path / "empty.txt")],
                 ["--watch", str(tmp_path / "empty.txt"), "--every", "soon"], ["x.txt", "--every", "1m"],
                 ["--watch", str(tmp_path / "empty.txt"), "--jobs", "2"]):
        out = watch(args, store)
        assert out.returncode == 2, (args, out.stderr)
        assert "Traceback" not in out.stderr and "error: " in out.stderr.strip().splitlines()[-1]


def test_intervals_feed_lists_and_backoff(tmp_path):
    assert [parse_interval(t) for t in ("30s", "15m", "1h", "1.5h", " 2M ")] == [30, 900, 3600, 5400, 120]
    for bad in ("", "15", "0s", "m", "-1m", "1d", "9999h"):
        with pytest.raises(ValueError):
            parse_interval(bad)
    listed = tmp_path / "feeds.txt"
    listed.write_text("https://a.example/feed\n# c\nftp://x\nhttps://a.example/feed\nhttp://b.example/rss # b\n")
    assert read_feed_list(listed) == (["https://a.example/feed", "http://b.example/rss"],
                                      [f"skipped {listed}:3: not an http(s) URL (ftp://x)"])
    listed.write_bytes(b"\x00\x01binary")
    with pytest.raises(FeedListError):
        read_feed_list(listed)
    assert [backoff(n, 900) for n in (1, 2, 3)] == [1800, 3600, 7200]
    assert backoff(40, 900) == 6 * 3600 and backoff(3, 86400) == 86400


WIRE = ("Russian military instructors have taken over a former French base outside the town of Menaka, "
        "according to residents and two local officials, who said several armoured vehicles and a "
        "helicopter arrived at the site over the weekend. The instructors, who the officials said belong "
        "to the Africa Corps, began patrols along the road to the Niger border on Monday. The army "
        "confirmed a joint exercise but gave no numbers. Local traders said the market had been closed "
        "for two days while the convoy passed, and that families living near the base had been told to "
        "keep away from the perimeter fence until further notice.")
REPRINT = WIRE.replace("on Monday", "early on Monday").replace("two local officials", "two officials") + \
    " This story was first published by a partner agency."
OTHER = ("Gold traders in the eastern city of Bria said that Wagner guards had taken control of a second "
         "mining site, turning away artisanal miners who had worked the pits for years. A community leader "
         "said the guards arrived in pick-up trucks and set up a checkpoint at the only bridge into the "
         "area. Aid workers reported that several hundred people had left for the provincial capital, "
         "where food prices have doubled since the spring, and that schools near the mines were shut.")


def _long_atom(title: str, entries: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f"<entry><title>{t}</title><id>urn:{i}</id><link href='https://{title.lower()}.example/{i}'/>"
                   f"<updated>2024-05-10T09:00:00Z</updated><content type='html'>&lt;p&gt;{text}&lt;/p&gt;"
                   f"</content></entry>" for i, t, text in entries)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>{title}</title>"
            f"{body}</feed>").encode()


class Syndicated(BaseHTTPRequestHandler):
    """``/wire.xml``: a story and an unrelated one; ``/paper.xml``: the first story lightly edited."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        feeds = {"/wire.xml": _long_atom("Wire", [("w1", "Instructors take over base", WIRE),
                                                  ("w2", "Guards seize mine", OTHER)]),
                 "/paper.xml": _long_atom("Paper", [("p1", "Russian instructors at Menaka base", REPRINT)])}
        body = feeds.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/atom+xml")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")


def test_watched_reprints_share_a_cluster_and_every_article_has_its_outlet(tmp_path):
    store = tmp_path / "store"
    server = ThreadingHTTPServer(("127.0.0.1", 0), Syndicated)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"{base}/wire.xml\n{base}/paper.xml\n")
        out = watch(["--watch", str(feeds), "--rounds", "1"], store)
        assert out.returncode == 0, out.stderr
    finally:
        server.shutdown()
        server.server_close()
    articles = Store(store).table("articles").set_index("title")
    assert len(articles) == 3
    wire, reprint, other = (articles.loc[t] for t in ("Instructors take over base", "Russian instructors at Menaka base",
                                                      "Guards seize mine"))
    assert wire.cluster and wire.cluster == reprint.cluster, "a reprint is one independent source with its wire"
    assert other.cluster and other.cluster != wire.cluster
    assert all(isinstance(o, str) and o for o in articles.outlet), list(articles.outlet)
