"""What every source kind shares: the skip record, byte checks, and building an Article.

Why one place: the rules that make the store trustworthy (clean text, id from canonical URL
or text, http(s)-only links, no invented dates, a language among en/fr/ru) must not differ by
where an article came from.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from news.models import Article, article_id
from news.sources.clean import clean_text
from news.sources.fetch import is_http_url
from news.sources.lang import detect_language, normalise_language

MAX_FILE_BYTES = 5 * 1024 * 1024
MIN_YEAR, MAX_YEAR = 1900, 2100  # dates outside are typos, not news


class SourceError(Exception):
    """A source (or one item in it) that cannot become an article.

    ``kind`` is the short category used in the closing summary, the message the full reason.
    """

    def __init__(self, kind: str, reason: str | None = None) -> None:
        super().__init__(reason or kind)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Skipped:
    """One source we did not ingest, and why. ``error`` False means a notice (e.g. empty feed)."""

    source: str
    kind: str
    reason: str
    error: bool = True

    def line(self) -> str:
        """One terminal line: untrusted bytes (a server's status line, a file name) cannot break
        it in two or smuggle escape sequences into the user's terminal."""
        return f"skipped {printable(self.source)}: {printable(self.reason)}"


def printable(value: str) -> str:
    """``value`` on one line with control and format characters (ESC, RTL overrides) escaped."""
    return "".join(
        " " if ch in "\n\r\t" else ch if ch.isprintable() else ascii(ch)[1:-1] for ch in value
    )


def regular_size(path: Path, limit: int | None = MAX_FILE_BYTES) -> int:
    """The size of a regular file of at most ``limit`` bytes; SourceError for a FIFO, device or
    socket, which would block a read forever or never end (checked before opening: opening a
    FIFO already blocks)."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise SourceError("special file", "not a regular file (a pipe, device or socket): refused")
    if limit is not None and st.st_size > limit:
        raise SourceError("too large", f"too large ({st.st_size} bytes, limit {MAX_FILE_BYTES})")
    return st.st_size


def read_regular(path: Path) -> bytes:
    """A regular file's bytes, at most MAX_FILE_BYTES of them, whatever its size claims.

    Why a bounded read and not the size check alone: kernel files (``/proc``, ``/sys``) say
    they hold 0 bytes and then give any amount. One that says 0 and gives bytes is refused.
    """
    size = regular_size(path)
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if size == 0 and data:
        raise SourceError("special file", "a kernel or pseudo file (says 0 bytes, gives more): refused")
    if len(data) > MAX_FILE_BYTES:
        raise SourceError("too large", f"too large (over {MAX_FILE_BYTES} bytes)")
    return data


def check_bytes(data: bytes) -> None:
    """Refuse binary or empty content early, with a reason a person can act on."""
    if not data.strip():
        raise SourceError("empty", "empty file")
    head = data[:8192]
    if b"\x00" in head:
        raise SourceError("binary", "binary content (NUL bytes), not text")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(head) * 0.05:
        raise SourceError("binary", "binary content (control characters), not text")


def decode_utf8(data: bytes) -> str:
    """UTF-8 (with or without BOM) or a SourceError naming the first bad byte.

    Why not guess latin-1/cp1251: a wrong guess silently garbles names, and names are exactly
    what we extract. Better to say so and let the user re-encode the file.
    """
    check_bytes(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise SourceError("not UTF-8", f"not UTF-8 (byte 0x{bad:02x} at offset {exc.start}); re-encode as UTF-8") from exc


def load_json(data: str | bytes, what: str = "JSON", kind: str = "bad JSON") -> object:
    """``json.loads``, with every way a value can fail to load as one SourceError.

    Why more than JSONDecodeError: an integer of more than 4,300 digits raises a plain
    ValueError, and deep nesting a RecursionError. Either, uncaught, ended the whole ingest with
    a traceback, lost the batch in progress and did the same on the same line at every rerun.
    """
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise SourceError(kind, f"bad {what} ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise SourceError(kind, f"bad {what} (nested too deeply)") from exc
    except ValueError as exc:
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise SourceError(kind, f"bad {what} ({reason})") from exc


def text_field(record: dict, key: str) -> str:
    """A metadata field as one string: text as given, a number written out, anything else
    (a list, an object, a bool) as nothing. ``str()`` of any JSON value is no title: a nested
    list renders as brackets (or fails past the recursion limit)."""
    value = record.get(key)
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


# Where files from elsewhere keep the outlet, in order of preference: our own field, Open Graph's
# name (``og:site_name``, trafilatura's ``sitename``), schema.org's ``publisher``, then the names
# news dumps use (NewsAPI's ``source: {"name": ...}``, GDELT's ``domain``).
OUTLET_FIELDS = ("outlet", "site_name", "sitename", "publisher", "source", "source_name", "domain")


def outlet_field(record: dict) -> str:
    """The outlet a record's metadata names, or "": the first of ``OUTLET_FIELDS`` that holds text,
    or an object with a ``name`` (a URL given there counts by its host)."""
    for key in OUTLET_FIELDS:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            value = value.strip()
            return url_host(value) if is_http_url(value) else value
    return ""


def url_host(url: str | None) -> str:
    """``example.org`` for ``https://www.example.org/a``: the outlet a bare link names; "" for no link."""
    if not is_http_url(url):
        return ""
    try:
        host = (urlsplit(str(url).strip()).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def with_outlet(article: Article, given: str | None = None) -> Article:
    """``article`` with an outlet when its source named none: ``given`` (``ingest --outlet``), else
    its link's host. Without any, the outlet stays blank and the outlet filter cannot pick it."""
    if article.outlet:
        return article
    outlet = scrub((given or "").strip()) or url_host(article.url)
    return replace(article, outlet=outlet) if outlet else article


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> date | None:
    """A date from ``YYYY-MM-DD`` (optionally followed by a time), a date or datetime; else None.

    Raises SourceError for a value that is present but unreadable, so a typo is reported rather
    than turned into "undated".
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return plausible_date(value.date())
    if isinstance(value, date):
        return plausible_date(value)
    if isinstance(value, str):
        day = _iso_day(value)
        if day is not None:
            return plausible_date(day)
    raise SourceError("bad date", f"unreadable date {str(value)[:40]!r} (want YYYY-MM-DD)")


@lru_cache(maxsize=8192)
def _iso_day(value: str) -> date | None:
    """The day a ``YYYY-MM-DD`` string starts with, None if it has none.

    Memoised because a corpus repeats its dates (20,000 articles over eight years name some
    3,000 days), and matching and building each one again cost more than the lookup.
    """
    match = _ISO_DATE.match(value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    return None


def plausible_date(day: date) -> date:
    """``day`` if a news article can carry it, else SourceError.

    Why a range: a typo'd year (0001, 9999) is a valid date that stretches the dashboard's
    timeline over millennia (one slider step per month) and breaks pandas' nanosecond
    timestamps (years 1677-2262), so it is reported like any other unreadable date.
    """
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise SourceError("bad date", f"implausible date {day.isoformat()} (years {MIN_YEAR}-{MAX_YEAR} only)")
    return day


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(value: str) -> str:
    """``value`` with lone surrogates (JSON ``"\\ud800"``, undecodable file names) as U+FFFD.

    Python strings may hold them; UTF-8, and so Parquet, cannot: one such character would fail
    the whole batch at write time and lose every good article in it.

    Why the probes first: almost no text holds one, and ``isascii`` (free: CPython records it)
    or a strict UTF-8 encode (which fails on surrogates and nothing else) says so several
    times faster than the regex scan of an article body.
    """
    if value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)
    return value


def make_article(
    *,
    text: str,
    source: str,
    title: str = "",
    url: str | None = None,
    outlet: str = "",
    published: date | None = None,
    language: str | None = None,
    id: str | None = None,
) -> Article:
    """Clean, identify and label one article; SourceError if nothing is left to read."""
    body = scrub(clean_text(text))
    if not body.strip():
        raise SourceError("no text", "no article text")
    link = scrub(url.strip()) if is_http_url(url) else None
    lang = normalise_language(language) or detect_language(body)
    return Article(
        id=scrub(str(id)) if id else article_id(link, body),
        url=link,
        title=scrub((title or "").strip()),
        outlet=scrub((outlet or "").strip()),
        published=published,
        language=lang,
        text=body,
        source=scrub(source),
        ingested_at=datetime.now(UTC).replace(tzinfo=None),
    )
