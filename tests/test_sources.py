"""Sources → Articles: each file kind, feeds, URLs, the language guess, and bad input."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from news.models import Article
from news.sources import Skipped, expand, read_all
from news.sources.feeds import looks_like_feed
from news.sources.fetch import FetchError, fetch, is_http_url
from news.sources.lang import detect_language, normalise_language
from news.sources.text import split_title
from tests.fixtures.webserver import serve

GOOD = Path(__file__).parent / "fixtures" / "good"


def _split(items):
    arts = [i for i in items if isinstance(i, Article)]
    skips = [i for i in items if isinstance(i, Skipped)]
    return arts, skips


# ------------------------------------------------------------------ language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The soldiers were seen in the north of the country after the talks.", "en"),
        ("Les soldats ont été vus dans le nord du pays après les discussions avec l'armée.", "fr"),
        ("Солдаты были замечены на севере страны после переговоров.", "ru"),
        ("", "en"),
        ("12345 !!!", "en"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_normalise_language():
    assert normalise_language("FR-fr") == "fr"
    assert normalise_language("de") is None
    assert normalise_language(None) is None


# ------------------------------------------------------------------ files


def test_split_title_takes_a_heading_but_not_a_sentence():
    assert split_title("Headline here\n\nBody text follows.")[0] == "Headline here"
    assert split_title("This is a sentence, not a title.\nMore.")[0] is None
    assert split_title("Only one line")[0] is None  # nothing after it: it is the body


def test_good_fixtures_become_articles():
    arts, skips = _split(list(read_all([str(GOOD)])))
    assert skips == []
    by_source = {}
    for a in arts:
        by_source.setdefault(Path(a.source).name, []).append(a)
    assert len(by_source["articles.jsonl"]) == 3
    txt = by_source["mali_patrol.txt"][0]
    assert txt.title == "Patrols near Menaka draw fresh scrutiny"
    assert txt.published == date(2023, 8, 14)
    assert txt.outlet == "Sahel Desk" and txt.url == "https://example.org/sahel/menaka-patrols"
    assert "newsletter" not in txt.text  # page furniture cleaned away
    assert txt.text.startswith("Patrols near Menaka")  # the headline stays in the body: its places count
    undated = by_source["undated_note.txt"][0]
    assert undated.published is None  # no sidecar, no --date: undated, not "today"
    html = by_source["bangui_page.html"][0]
    assert html.title.startswith("Advisers stay on in Bangui")
    assert html.outlet == "The Continental Ledger"
    assert html.published == date(2022, 11, 3)
    assert "presidential guards" in html.text and "Home" not in html.text
    langs = {a.id: a.language for a in by_source["articles.jsonl"]}
    assert langs == {"jl-001": "en", "jl-002": "fr", "jl-003": "ru"}


def test_default_date_only_fills_missing_dates():
    arts, _ = _split(list(read_all([str(GOOD)], default_date=date(2020, 1, 1))))
    dates = {Path(a.source).name: a.published for a in arts if not a.source.endswith(".jsonl")}
    assert dates["undated_note.txt"] == date(2020, 1, 1)
    assert dates["mali_patrol.txt"] == date(2023, 8, 14)


def test_ids_are_stable_across_reads():
    first = sorted(a.id for a in read_all([str(GOOD)]) if isinstance(a, Article))
    second = sorted(a.id for a in read_all([str(GOOD)]) if isinstance(a, Article))
    assert first == second and len(set(first)) == len(first)


def _broken(tmp: Path) -> Path:
    d = tmp / "broken"
    d.mkdir()
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "latin1.txt").write_bytes("Un été à Gao, où des soldats étrangers".encode("latin-1"))
    (d / "empty.txt").write_bytes(b"")
    (d / "cut.html").write_bytes(b"<!DOCTYPE html><html><head><title>Half a page</title></head><body><p>Fighters were")
    (d / "bad.rss").write_bytes(b"<rss><channel><item><title>unclosed")
    (d / "mixed.jsonl").write_text(
        '{"id": "ok-1", "text": "Russian troops were reported in Syria near Latakia."}\n'
        '{"id": "bad", "text": \n'
        '{"id": "ok-2", "text": "Wagner fighters were reported in Mozambique in 2019."}\n',
        encoding="utf-8",
    )
    return d


def test_broken_inputs_each_give_one_reason(tmp_path):
    arts, skips = _split(list(read_all([str(_broken(tmp_path))])))
    assert sorted(a.id for a in arts) == ["ok-1", "ok-2"]
    reasons = {Path(s.source.split(":")[0]).name: s.kind for s in skips}
    assert reasons == {
        "binary.txt": "binary",
        "latin1.txt": "not UTF-8",
        "empty.txt": "empty",
        "cut.html": "truncated HTML",
        "bad.rss": "unreadable feed",
        "mixed.jsonl": "bad JSON line",
    }
    assert all(s.error for s in skips)
    assert any(s.source.endswith("mixed.jsonl:2") for s in skips)


def test_oversized_file_is_skipped(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (1024 * 1024 + 10))
    _, skips = _split(list(read_all([str(big)])))
    assert [s.kind for s in skips] == ["too large"]


def test_missing_path_and_bad_scheme(tmp_path):
    _, skips = _split(list(read_all([str(tmp_path / "nope.txt"), "ftp://example.org/x", "file:///etc/passwd"])))
    assert [s.kind for s in skips] == ["missing", "bad URL", "bad URL"]


def test_expand_skips_hidden_and_sidecars(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.md").write_text("x")
    assert [Path(u.location).name for u in expand([str(tmp_path)])] == ["a.txt"]


def test_feed_detected_by_content():
    assert looks_like_feed(b'<?xml version="1.0"?>\n<rss version="2.0"><channel>')
    assert looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert not looks_like_feed(b"<!DOCTYPE html><html>")


# ------------------------------------------------------------------ network


def test_fetch_handles_gzip_and_caps_bombs():
    with serve() as base:
        got = fetch(base + "/gzipped.html")
        assert b"Tripoli" in got.content
        with pytest.raises(FetchError, match="too large"):
            fetch(base + "/bomb.html")
        with pytest.raises(FetchError, match="HTTP 404"):
            fetch(base + "/missing")
        with pytest.raises(FetchError, match="302|non-http"):
            fetch(base + "/to-file")
    with pytest.raises(FetchError, match="http"):
        fetch("file:///etc/passwd")
    assert gzip  # imported for the fixture server's sake


def test_is_http_url():
    assert is_http_url("https://example.org/a")
    assert not is_http_url("javascript:alert(1)")
    assert not is_http_url("http://")
    assert not is_http_url(None)


# Pieces of links and near-links: schemes in any case, the "//" and what may follow it, brackets
# (urlsplit raises on a lone one), characters urlsplit strips or deletes, and non-ASCII.
_URL_PIECES = ["http", "https", "HTTP", "hTtPs", "ftp", "javascript", "mailto", ":", "//", "/", "?", "#", "[", "]",
               "[::1]", "example.org", "a", ":80", "@", " ", "\t", "\n", "\r", "\x00", "\x01", "\x7f", "\x85",
               "\u00a0", "é", "ｅxample", "\uff0f", "\ufeff", "%20", "-", "."]


_pieces = st.lists(st.sampled_from(_URL_PIECES) | st.text(max_size=3), max_size=6).map("".join)
_links = st.tuples(st.sampled_from(["", " ", "\t", "\x01"]), st.sampled_from(["http", "https", "HTTP", "hTtPs", "ftp", ""]),
                   st.sampled_from(["://", ":", ":/", ":///", "://?", "://#", "//", ""]),
                   st.sampled_from(["", "a", "[", "]", "[::1]", "é", "\uff0f", "\u2100", "@"]), _pieces).map("".join)


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(_links | _pieces)
def test_is_http_url_equals_its_urlsplit_definition(value: str) -> None:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value.strip())
        want = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    except ValueError:
        want = False
    assert is_http_url(value) == (bool(value) and want)


def test_feeds_fetch_pages_behind_summaries():
    with serve() as base:
        arts, skips = _split(list(read_all([base + "/feed.rss", base + "/feed.atom", base + "/feed-as-html"])))
    assert skips == []
    assert len(arts) == 6 and len({a.id for a in arts}) == 2  # same two stories thrice
    tripoli = next(a for a in arts if "tripoli" in (a.url or ""))
    assert tripoli.published == date(2020, 6, 11)
    assert "Al Jufra" in tripoli.text  # the full page, not the feed's teaser
    assert tripoli.outlet == "Harbour Gazette"


def test_url_pages_and_failures():
    with serve() as base:
        arts, skips = _split(list(read_all([base + "/news/khartoum-mining.html", base + "/missing"])))
    assert [a.title for a in arts] == ["Mining concessions under review in Sudan"]
    assert arts[0].published == date(2021, 2, 25)
    assert [s.kind for s in skips] == ["fetch failed"]


# ------------------------------------------------------------------ JSONL fast paths equal the first reading

def _iter_jsonl_by_definition(path: Path, default_date: date | None):
    """``iter_jsonl`` as first written: every line stripped and decoded as utf-8-sig."""
    import json

    from news.sources.common import MAX_FILE_BYTES, SourceError
    from news.sources.jsonl import article_from_record

    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                if len(raw) > MAX_FILE_BYTES:
                    raise SourceError("too large", "line too large")
                try:
                    line = raw.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    raise SourceError("not UTF-8", f"not UTF-8 (byte offset {exc.start})") from exc
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SourceError("bad JSON line", f"bad JSON ({exc.msg} at column {exc.colno})") from exc
                yield article_from_record(record, source=str(path), default_date=default_date)
            except SourceError as exc:
                yield Skipped(where, exc.kind, str(exc))


_RECORD = b'{"id": "x", "text": "Wagner fighters arrived in Mali.", "date": "2023-01-02", "url": "https://e.org/a"}'
_JSONL_PIECES = [_RECORD, _RECORD, b"\xef\xbb\xbf", b"\xef\xbb", b"\xff", b"\xc3", b"\xc3\xa9", b" ", b"\t", b"\x0b",
                 b"\x0c", b"\r", b"\x1c", b"\xa0", b"{", b"}", b'"', b"[]", b"null", b'"\\ud800"', b"\x00",
                 b'{"text": "\\ud800 Mali", "date": "9999-01-01"}', b'{"text": " "}', b'{"text": "a", "date": "2023-02-30"}']


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.sampled_from(_JSONL_PIECES), max_size=4).map(b"".join), max_size=6))
def test_iter_jsonl_equals_its_first_definition(tmp_path_factory, lines: list[bytes]) -> None:
    from dataclasses import replace

    from news.sources.jsonl import iter_jsonl

    path = tmp_path_factory.mktemp("jsonl") / "a.jsonl"
    path.write_bytes(b"\n".join(lines))

    def plain(items):  # the stamp of ingestion is the one field that differs from run to run
        return [replace(i, ingested_at=None) if isinstance(i, Article) else i for i in items]

    want = plain(_iter_jsonl_by_definition(path, date(2020, 1, 1)))
    assert plain(iter_jsonl(path, default_date=date(2020, 1, 1))) == want


_surrogates = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"])


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.lists(st.text(max_size=4) | _surrogates | st.sampled_from(["é", "Мали", "\U0001f600", "a"]),
                max_size=8).map("".join))
def test_scrub_equals_replacing_every_surrogate(value: str) -> None:
    from news.sources.common import _SURROGATE, scrub

    assert scrub(value) == _SURROGATE.sub("\ufffd", value)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.sampled_from(["2023-01-02", " 2023-01-02T10:00", "2023-02-30", "0001-01-01", "9999-12-31", "2023-1-2",
                        "２０２３-０１-０２", "", "yesterday"]) | st.text(max_size=12))
def test_parse_date_remembered_days_equal_fresh_ones(value: str) -> None:
    import re

    from news.sources.common import SourceError, parse_date, plausible_date

    def fresh(v: str):
        m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", v)
        if v == "":
            return None
        try:
            return ("ok", plausible_date(date(int(m[1]), int(m[2]), int(m[3]))))
        except (TypeError, ValueError):
            return ("error", f"unreadable date {v[:40]!r} (want YYYY-MM-DD)")
        except SourceError as exc:
            return ("error", str(exc))

    def cached(v: str):
        try:
            day = parse_date(v)
        except SourceError as exc:
            return ("error", str(exc))
        return None if day is None else ("ok", day)

    assert cached(value) == cached(value) == fresh(value)
