"""news.sources.fetch against servers on 127.0.0.1: one deadline per request, and where it may go.

Slow servers (``serve_slow``) must not hold an ingest longer than the time limits say; pages,
feeds and redirects must not send the fetcher to a loopback, private or link-local address
the user did not give or allow. Two ``serve()`` servers on two ports stand for "the user's
server" and "somewhere else on the inside".
"""

from __future__ import annotations

import socket
import time
from functools import partial
from urllib.parse import quote, urlsplit

import pytest

from news.models import Article
from news.sources import Skipped, Unit, read_all, read_unit
from news.sources.feeds import iter_feed
from news.sources.fetch import FetchError, address_kind, fetch, parse_host_port, refusal
from tests.fixtures.webserver import rss, serve, serve_slow

TRIPOLI = "/news/tripoli-contractors.html"


def _port(base: str) -> int:
    return urlsplit(base).port


# ------------------------------------------------------------------ one deadline per request


@pytest.mark.parametrize("path", ["/trickle-status", "/trickle-headers"])
@pytest.mark.hostile
def test_a_trickled_head_meets_the_deadline(path):
    """A byte a second: each wait (2.5 s allowed) is short, only the whole-request limit ends it."""
    with serve_slow() as base:
        started = time.monotonic()
        with pytest.raises(FetchError, match="too slow"):
            fetch(base + path, timeout=2.5, max_seconds=2.0)
        elapsed = time.monotonic() - started
    assert elapsed < 2.0 + 3  # the server trickles for 12 s: without the deadline this is over 10


@pytest.mark.hostile
def test_a_feed_of_silent_entries_costs_one_deadline_not_four():
    """Four entry pages that never answer, fetched together: about one per-request deadline."""
    fetcher = partial(fetch, timeout=2.5, max_seconds=1.0)
    with serve_slow() as base:
        started = time.monotonic()
        items = list(read_unit(Unit("url", base + "/feed-silent"), fetcher=fetcher))
        elapsed = time.monotonic() - started
    assert [type(i) for i in items] == [Skipped] * 4
    assert all(i.kind == "fetch failed" and "too slow" in i.reason for i in items), items
    assert elapsed < 2.5  # one after the other: 4 x 1.0 s at best (4 x 2.5 s without the deadline)


@pytest.mark.hostile
def test_a_feed_keeps_its_order_and_skips_the_silent_entry():
    """Pages come back in any order (the first is late); articles and skips go out in feed order."""
    fetcher = partial(fetch, timeout=2.5, max_seconds=1.5)
    with serve_slow() as base:
        items = list(read_unit(Unit("url", base + "/feed-mixed"), fetcher=fetcher))
    assert [type(i) for i in items] == [Article, Skipped, Article]
    assert "Al Jufra" in items[0].text and "Khartoum" in items[2].text
    assert items[1].source == base + "/silent/2" and "too slow" in items[1].reason
    assert "\n" not in items[1].line()


@pytest.mark.hostile
def test_a_feed_has_one_budget_for_all_its_entries():
    """Entries not fetched when the feed's budget runs out are skipped, with that reason."""
    fetcher = partial(fetch, timeout=10.0, max_seconds=10.0)
    with serve_slow() as base:
        feed = fetch(base + "/feed-silent")
        started = time.monotonic()
        items = list(iter_feed(feed.content, source=base + "/feed-silent", default_date=None, fetcher=fetcher,
                               max_seconds=1.0, workers=2))
        elapsed = time.monotonic() - started
    assert [i.kind for i in items] == ["fetch failed"] * 4
    assert [("too slow" in i.reason, "ran out" in i.reason) for i in items] == [(True, False)] * 2 + [(False, True)] * 2
    assert elapsed < 2.5


# ------------------------------------------------------------------ where a fetch may go


@pytest.mark.parametrize("address, kind", [
    ("10.0.0.1", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"),
    ("::1", "loopback"), ("fe80::1", "link-local"), ("fe80::1%eth0", "link-local"), ("fc00::1", "private"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:169.254.169.254", "link-local"), ("::ffff:10.1.2.3", "private"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("240.0.0.1", "reserved"), ("100.64.0.1", "not global"),
    ("8.8.8.8", None), ("2001:4860:4860::8888", None), ("::ffff:8.8.8.8", None),
])
@pytest.mark.hostile
def test_address_kind(address, kind):
    assert address_kind(address) == kind


def test_parse_host_port():
    assert parse_host_port("127.0.0.1:8081") == ("127.0.0.1", 8081)
    assert parse_host_port("Intranet.Example.") == ("intranet.example", None)
    assert parse_host_port("[::1]:80") == ("::1", 80)
    assert parse_host_port("::1") == ("::1", None)
    for bad in ("", "host:0", "host:x", "host:65536", "[::1", "a/b", "[::1]x"):
        with pytest.raises(ValueError):
            parse_host_port(bad)


def test_refusal_names_the_host_the_kind_and_the_way_out():
    origin = ("127.0.0.1", 8080)
    assert refusal("127.0.0.1", 8080, ["127.0.0.1"], origin=origin) is None  # the user's own server
    assert refusal("127.0.0.1", 8081, ["127.0.0.1"], origin=origin) == (
        "127.0.0.1:8081 (loopback) not allowed; use --allow-host 127.0.0.1:8081")
    assert refusal("127.0.0.1", 8081, ["127.0.0.1"], origin=origin, allowed=[("127.0.0.1", 8081)]) is None
    assert refusal("127.0.0.1", 8081, ["127.0.0.1"], origin=origin, allowed=[("127.0.0.1", None)]) is None
    assert refusal("127.0.0.1", 8081, ["127.0.0.1"], origin=origin, allowed=[("127.0.0.1", 8082)]) is not None
    # a name: judged by every address it resolves to, allowed by the name or by the address
    assert refusal("news.example", 80, ["93.184.216.34"], origin=None) is None
    assert refusal("News.Example", 80, ["93.184.216.34", "10.0.0.5"], origin=None) == (
        "news.example:80 (10.0.0.5, private) not allowed; use --allow-host news.example:80")
    assert refusal("news.example", 80, ["10.0.0.5"], origin=None, allowed=[("news.example", None)]) is None
    assert refusal("news.example", 80, ["10.0.0.5"], origin=None, allowed=[("10.0.0.5", 80)]) is None
    assert refusal("metadata", 80, ["169.254.169.254"], origin=("news.example", 80)).startswith(
        "metadata:80 (169.254.169.254, link-local)")
    assert refusal("::1", 81, ["::1"], origin=None) == "[::1]:81 (loopback) not allowed; use --allow-host [::1]:81"


@pytest.mark.hostile
def test_a_redirect_to_another_port_is_refused_unless_allowed():
    with serve() as a, serve() as b:
        there = f"/redirect?to={quote(b + TRIPOLI)}"
        with pytest.raises(FetchError) as caught:
            fetch(a + there)
        port = _port(b)
        assert str(caught.value) == (f"refused: redirect to 127.0.0.1:{port} (loopback) not allowed; "
                                     f"use --allow-host 127.0.0.1:{port}")
        for allow in (f"127.0.0.1:{port}", "127.0.0.1"):
            got = fetch(a + there, allow_hosts=[allow])
            assert got.url == b + TRIPOLI and b"Al Jufra" in got.content


def test_a_redirect_on_the_same_host_and_port_is_followed():
    with serve() as a:
        for to in (TRIPOLI, a + TRIPOLI):
            got = fetch(a + "/redirect?to=" + quote(to))
            assert got.url == a + TRIPOLI and b"Al Jufra" in got.content


@pytest.mark.hostile
def test_redirects_are_counted():
    with serve() as a:
        chain = [a + TRIPOLI]  # chain[k] takes k redirects to reach the page
        for _ in range(6):
            chain.append(a + "/redirect?to=" + quote(chain[-1]))
        assert b"Al Jufra" in fetch(chain[5]).content
        with pytest.raises(FetchError, match="too many redirects"):
            fetch(chain[6])


@pytest.mark.hostile
def test_feed_links_to_another_port_are_refused_unless_allowed():
    with serve() as a, serve() as b:
        feed = f"{a}/feed-to?base={quote(b)}"
        items = list(read_all([feed]))
        assert [type(i) for i in items] == [Skipped, Skipped]
        port = _port(b)
        for item in items:
            assert item.kind == "fetch failed"
            assert item.reason == (f"refused: link to 127.0.0.1:{port} (loopback) not allowed; "
                                   f"use --allow-host 127.0.0.1:{port}")
        items = list(read_all([feed], allow_hosts=[f"127.0.0.1:{port}"]))
        assert [type(i) for i in items] == [Article, Article]
        assert all(i.url.startswith(b) for i in items)
        # links on the feed's own host and port are the user's server: followed
        assert [type(i) for i in read_all([a + "/feed.rss"])] == [Article, Article]


@pytest.mark.hostile
def test_links_in_a_local_feed_file_have_no_home_host(tmp_path):
    with serve() as a:
        path = tmp_path / "feed.xml"
        path.write_bytes(rss(a))
        items = list(read_all([str(path)]))
        assert [i.reason.split(" (")[0] for i in items] == ["refused: link to 127.0.0.1:" + str(_port(a))] * 2
        assert [type(i) for i in read_all([str(path)], allow_hosts=["127.0.0.1"])] == [Article, Article]


def test_the_socket_goes_to_the_address_that_was_judged(monkeypatch):
    """A name is resolved once per hop: a second answer (DNS rebinding to loopback) is never used."""
    import news.sources.fetch

    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])
    looked_up, connected = [], []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        looked_up.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    def connect(addresses, target, timeout, deadline):
        connected.append([a[4][0] for a in addresses])
        raise FetchError("cannot connect (no network in tests)")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(news.sources.fetch, "_connect", connect)
    with serve() as a:
        with pytest.raises(FetchError, match="no network"):
            fetch(f"http://rebind.example:{_port(a)}{TRIPOLI}", found_in=a + "/feed.rss")
    assert looked_up == ["rebind.example"] and connected == [["93.184.216.34"]]
