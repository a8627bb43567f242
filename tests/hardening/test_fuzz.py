"""Property fuzzing (hypothesis) of every entry point that takes outside text.

The one rule: untrusted text never raises anything but the documented, clear errors
(``SourceError`` from sources, ``ValueError`` from ``canonical_url`` on a URL that cannot be
split), and what comes out still indexes what went in (spans, masking length).

Budget: about 12,500 generated cases in total, ``deadline=None`` (CI machines stall), derandomised
so a CI failure reproduces locally; set ``HARDENING_FUZZ_SCALE`` to run more (or fewer).
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news.models import Article, article_id, canonical_url
from news.sources.common import Skipped, SourceError
from news.sources.fetch import Fetched, FetchError, is_http_url
from tests.hardening import counts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # feedparser's own notice

SCALE = float(os.environ.get("HARDENING_FUZZ_SCALE", "1"))


def budget(n: int):
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])


# Words the rules react to, and characters that break naive text handling: right-to-left and
# zero-width marks, case mappings that change length (İ, ß, ﬁ), combining marks, NUL, CRLF.
WORDS = [
    "Mali", "Wagner", "Wagner Group", "Africa Corps", "Russian", "Russia", "Moscow", "Kremlin", "troops",
    "instructors", "mercenaries", "deployed", "arrived in", "based in", "fighting in", "left", "withdrew from",
    "in", "to", "from", "with", "near", "Bamako", "Central African Republic", "CAR", "Bangui", "Congo",
    "Kinshasa", "Brazzaville", "Georgia", "Atlanta, Georgia", "Chad", "Chad Whitfield", "Lake Chad", "Niger",
    "Niger river", "Sudan", "South Sudan", "Libya", "Syria", "Ukraine", "Mozambique", "Burkina Faso",
    "there", "the country", "they", "the group", "its fighters", "could deploy", "denied", "visited",
    "The Moscow Times", "Kyiv Independent", "US officials said", "said", "but", "while", "Вагнер",
    "ЧВК «Вагнер»", "в Мали", "российские", "инструкторы", "уход из Мали", "туда", "au Mali", "russes",
    "mercenaires", "d'Agadez", "l'Ukraine", "qu'Agadez", "pro-Russian", "Guinea-Bissau", "U.S.", "Gen.",
    "St Petersburg", "т. е.", "Read more:", "Subscribe to our newsletter", "REUTERS/Stringer",
    "Dear readers", "BAMAKO (Reuters) -", ";", ",", ".", "!", "?", "…", "«", "»", "'", "’", '"', "-", "(",
    ")", "\n", "\n\n", "\r\n", "\r", " ", "  ", "\t", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
    "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00a0", "\u2028", "\u2029", "\x85", "\x0b", "\x0c",
    "İ", "ß", "ﬁ", "ǅ", "Σ", "\u0301", "\x00", "\x1b[31m", "<script>alert(1)</script>", "=HYPERLINK(1)",
    "مالي", "ואגנר", "🇲🇱", "\U0001f600", "\ud800", "\udcff",  # lone surrogates: JSON "\\ud800", bad file names
]

words = st.sampled_from(WORDS)
texty = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(words, words, words, st.text(max_size=6)), max_size=80).map("".join),
    st.lists(words, max_size=60).map(" ".join),
)


def storable(art: Article) -> None:
    """Every string an Article carries can be written as UTF-8 (Parquet's only encoding)."""
    for value in (art.id, art.url, art.title, art.outlet, art.text, art.source, art.language):
        if value is not None:
            value.encode("utf-8")


def _article(text: str, published: date | None = None) -> Article:
    return Article(id="fuzz", url=None, title="", outlet="", published=published, language="en",
                   text=text, source="fuzz")


# ------------------------------------------------------------------ geo, cleaning, presence


@budget(2000)
@given(texty, st.sampled_from([None, "en", "fr", "ru", "xx"]))
def test_extract_spans_index_the_input(text, lang):
    from geo.extract import extract

    counts.fuzzed()
    for m in extract(text, lang):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.surface
        assert m.sentence in text
        assert m.iso3 and len(m.iso3) == 3


@budget(2000)
@given(texty)
def test_mask_keeps_length_and_clean_never_raises(text):
    from news.sources.clean import clean_text, furniture_spans, mask_furniture

    counts.fuzzed()
    masked = mask_furniture(text)
    assert len(masked) == len(text)
    for s, e in furniture_spans(text):
        assert 0 <= s <= e <= len(text)
    # outside the furniture, the text is untouched
    keep = [i for i in range(len(text)) if masked[i] != " " or text[i] == " "]
    assert all(masked[i] == text[i] for i in keep)
    cleaned = clean_text(text)
    assert isinstance(cleaned, str) and cleaned == cleaned.strip()


@budget(1500)
@given(texty, st.one_of(st.none(), st.dates()))
def test_presence_on_extract_output(text, published):
    from geo.extract import extract
    from news.models import STATUSES
    from news.presence import find_claims

    counts.fuzzed()
    mentions = extract(text)
    codes = {m.iso3 for m in mentions}
    for c in find_claims(_article(text, published), mentions):
        assert c.status in STATUSES
        assert 0.0 <= c.confidence <= 1.0
        assert c.iso3 in codes
        assert c.evidence.strip() and c.evidence in text
        assert c.date == published


# ------------------------------------------------------------------ source parsers

ALLOWED = (SourceError,)


def _no_fetch(url: str, **_) -> Fetched:  # a link in a feed also gets found_in= and deadline=
    raise FetchError("network disabled in fuzzing")


@budget(800)
@given(st.one_of(texty.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=400)),
       st.sampled_from(["a.txt", "b.html", "c.xml", "d.jsonl", "e.md"]))
def test_file_reader_on_any_bytes(tmp_path_factory, data, name):
    """The whole file path of ``news.sources``: bytes on disk with any of the known names."""
    from news.sources import Unit, read_unit

    counts.fuzzed()
    folder = tmp_path_factory.mktemp("f", numbered=True)
    path = folder / name
    path.write_bytes(data)
    for item in read_unit(Unit("file", str(path)), default_date=None, fetcher=_no_fetch):
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Article):
            storable(item)
            assert item.text.strip() and (item.url is None or is_http_url(item.url))


@budget(800)
@given(texty, st.one_of(st.none(), st.dates()))
def test_text_source(text, default):
    from news.sources.text import article_from_text

    counts.fuzzed()
    try:
        art = article_from_text(text, path=Path("/nonexistent/fuzz.txt"), default_date=default)
    except ALLOWED:
        return
    storable(art)
    assert art.text.strip() and art.published == default
    assert len(art.title) <= 200 or art.title == "fuzz"


HTML_TEMPLATES = [
    "<html><head><title>{t}</title><meta property='article:published_time' content='{d}'></head>"
    "<body><article><h1>{t}</h1><p>{b}</p><p>{b}</p></article></body></html>",
    "<!DOCTYPE html><html><body><div>{b}<div>{t}</div><p>{b}</p></body></html>",
    "<html><body><p>{b}</p>",  # truncated
    "<p>{b}</p><script>{t}</script><p>{b}</p>",
    "{b}",
]
dates_text = st.one_of(st.sampled_from(["0000-01-01", "9999-12-31", "2021-02-30", "2022-06-01", "", "x"]),
                       st.text(max_size=12))


@budget(250)
@given(st.sampled_from(HTML_TEMPLATES), texty, texty, dates_text, st.sampled_from(["utf-8", "latin-1", "raw"]))
def test_html_source(template, title, body, day, encoding):
    from news.sources.html import article_from_html

    counts.fuzzed()
    page = template.format(t=title, b=body, d=day)
    data = page.encode("utf-8", "surrogatepass") if encoding == "raw" else page.encode(encoding, "replace")
    try:
        art = article_from_html(data, source="fuzz", url="http://example.org/a", default_date=None)
    except ALLOWED:
        return
    storable(art)
    assert art.text.strip()
    assert art.published is None or 1900 <= art.published.year <= 2100


CHARSETS = [None, "utf-8", "latin-1", "cp1251", "utf-16", "foo", "rot13", "base64", "idna", "zlib_codec", ""]
CONTENT_TYPES = ["text/plain", "text/html", "application/rss+xml", "application/atom+xml", "application/json",
                 "image/png", ""]


@budget(500)
@given(st.one_of(texty.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300),
                 st.sampled_from(HTML_TEMPLATES).map(lambda t: t.format(t="T", b=" ".join(WORDS[:20]), d="2021-01-01")
                                                     .encode())),
       st.sampled_from(CONTENT_TYPES), st.sampled_from(CHARSETS),
       st.sampled_from(["http://x.example/a", "javascript:alert(1)", "", "http://[bad"]))
def test_url_reader_on_any_response(body, content_type, charset, final_url):
    """What a server controls: body, media type, charset and where it redirected to."""
    from news.sources import Unit, read_unit

    counts.fuzzed()

    def fetcher(url: str, **_) -> Fetched:
        return Fetched(final_url, body, content_type, charset)

    for item in read_unit(Unit("url", "http://x.example/a"), default_date=None, fetcher=fetcher):
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Article):
            storable(item)
            assert item.url is None or is_http_url(item.url)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texty, dates_text),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values, "title": json_values, "outlet": json_values, "date": json_values,
        "language": json_values, "url": st.one_of(json_values, st.sampled_from(
            ["http://[bad", "javascript:alert(1)", "data:text/html,x", "https://ok.example/a?utm_x=1#f",
             "http://exa mple.org/\x00", "HTTP://EXAMPLE.ORG"])),
        "text": st.one_of(texty, json_values),
    },
)


@budget(1000)
@given(st.one_of(records.map(json.dumps), json_values.map(json.dumps), st.text(max_size=80)))
def test_jsonl_lines(tmp_path_factory, line):
    from news.sources.jsonl import iter_jsonl

    counts.fuzzed()
    path = tmp_path_factory.mktemp("j", numbered=True) / "x.jsonl"
    good = json.dumps({"id": "good-1", "text": "Wagner fighters were deployed in Mali."})
    path.write_bytes("\n".join([good, line, good.replace("good-1", "good-2")]).encode("utf-8", "surrogatepass"))
    items = list(iter_jsonl(path, default_date=None))
    ids = [i.id for i in items if isinstance(i, Article)]
    assert "good-1" in ids and "good-2" in ids  # a bad line in the middle loses nothing around it
    for item in items:
        if isinstance(item, Article):
            storable(item)
            assert item.url is None or is_http_url(item.url)
            assert item.published is None or 1900 <= item.published.year <= 2100


FEED_DATES = st.one_of(
    st.sampled_from(["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
                     "Mon, 01 Jan 0000 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "2022-02-30T00:00:00Z",
                     "2021-06-01T10:00:00+14:00", "", "yesterday"]),
    st.text(max_size=20),
)
feed_links = st.one_of(st.sampled_from(["http://[bad", "javascript:alert(1)", "", "https://x.example/a",
                                        "data:,x"]), st.text(max_size=20))


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@budget(500)
@given(st.sampled_from(["rss", "atom"]), texty, texty, FEED_DATES, feed_links, st.booleans(), st.booleans())
def test_feed_source(kind, title, body, day, link, escape, full):
    from news.sources.feeds import iter_feed

    counts.fuzzed()
    t, b, d, li = (_esc(x) if escape else x for x in (title, body, day, link))
    if kind == "rss":
        content = f"<content:encoded>{b}</content:encoded>" if full else f"<description>{b}</description>"
        xml = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
               f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{t}</title>'
               f"<item><title>{t}</title><link>{li}</link><pubDate>{d}</pubDate>{content}</item></channel></rss>")
    else:
        content = f'<content type="html">{b}</content>' if full else f"<summary>{b}</summary>"
        xml = (f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{t}</title><entry><title>{t}</title>'
               f'<link href="{li}"/><updated>{d}</updated>{content}</entry></feed>')
    for item in iter_feed(xml.encode("utf-8", "surrogatepass"), source="fuzz", default_date=None,
                          fetcher=_no_fetch):
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Article):
            storable(item)
            assert item.url is None or is_http_url(item.url)
            assert item.published is None or 1900 <= item.published.year <= 2100


@budget(200)
@given(st.binary(max_size=300))
def test_feed_source_raw_bytes(data):
    from news.sources.feeds import iter_feed

    counts.fuzzed()
    for item in iter_feed(b"<rss>" + data, source="fuzz", default_date=None, fetcher=_no_fetch):
        assert isinstance(item, Article | Skipped)


# ------------------------------------------------------------------ URLs and ids

urls = st.one_of(
    st.text(max_size=60),
    st.builds(lambda s, h, p, q: f"{s}://{h}{p}?{q}",
              st.sampled_from(["http", "HTTPS", "javascript", "data", "file", "ftp", ""]),
              st.one_of(st.text(max_size=15), st.sampled_from(["[::1]", "[bad", "a:99999", "xn--p1ai", "ex.org"])),
              st.text(max_size=15), st.text(max_size=15)),
)


@budget(1000)
@given(urls, texty)
def test_urls_and_ids(url, text):
    counts.fuzzed()
    assert is_http_url(url) in (True, False)  # never raises: it guards every stored link
    try:
        canon = canonical_url(url)
    except ValueError:  # documented by urllib: a URL that cannot be split (e.g. "http://[x")
        return
    assert canonical_url(canon) == canonical_url(canon)
    try:
        ident = article_id(url or None, text)
    except UnicodeEncodeError:  # a lone surrogate: make_article scrubs them before it asks for an id
        assert any("\ud800" <= ch <= "\udfff" for ch in (url or "") + text)
        return
    assert len(ident) == 16 and ident == article_id(url or None, text)
    if is_http_url(url):
        assert canonical_url(url).split(":", 1)[0] in ("http", "https")


# ------------------------------------------------------------------ URL parameters (components.state)

SQL = ["'; DROP TABLE claims; --", "1 OR 1=1", "\" OR \"\"=\"", "MLI') UNION SELECT * FROM articles --",
       "%27%3B", "\\x00", "${jndi:ldap://x}", "<script>alert(1)</script>", "NaN", "inf", "-0", "1e309",
       "2021-13", "0000-00", "9999-12", "٢٠٢١-٠٦", "MLI,CAF,,", "A" * 5000, "mli", "ß", "\u202eILM"]
param_values = st.lists(st.one_of(st.sampled_from(SQL), st.text(max_size=30)), max_size=4)


@budget(2000)
@given(st.dictionaries(
    st.one_of(st.sampled_from(["actor", "from", "to", "country", "status", "conf", "lang", "outlet", "sel",
                               "view", "article"]), st.text(max_size=8)),
    st.one_of(param_values, st.sampled_from(SQL)), max_size=8),
    st.booleans())
def test_url_parameters_give_valid_state(params, with_countries):
    from components.state import Options, default_state, parse_query

    counts.fuzzed()
    options = Options(actors=("wagner", "russia"), months=("2021-01", "2021-02", "2021-03"),
                      countries=("MLI", "CAF", "SYR") if with_countries else (),
                      languages=("en", "fr"), outlets=("Harbour Gazette",))
    state, notes = parse_query(params, options)
    assert set(state.actors) <= set(options.actors) and state.actors
    assert state.start in options.months and state.end in options.months and state.start <= state.end
    assert all(len(c) == 3 and c.isascii() and c.isupper() for c in state.countries)
    if options.countries:
        assert set(state.countries) <= set(options.countries)
    assert set(state.statuses) <= {"present", "ended"} and state.statuses
    assert 0.0 <= state.min_confidence <= 1.0
    assert set(state.languages) <= set(options.languages) and set(state.outlets) <= set(options.outlets)
    assert state.selected is None or (len(state.selected) == 3 and state.selected.isascii())
    assert -85 <= state.view.latitude <= 85 and 0 <= state.view.zoom <= 12
    assert all(isinstance(n, str) and len(n) < 600 for n in notes)
    if not notes:
        # nothing dropped: only known keys with valid values, or nothing at all
        assert state == default_state(options) or set(params) & {"actor", "from", "to", "country", "status",
                                                                   "conf", "lang", "outlet", "sel", "view",
                                                                   "article"}
