"""Sources → Articles: files, folders, URLs and feeds, each bad one reported and skipped.

``expand`` turns what the user typed into a list of units (so a progress bar can count them);
``read_unit`` turns one unit into Articles and Skipped records. Neither writes anything: the
command line decides what to store and what to print.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from news.fetch import Fetched, FetchError, fetch, is_http_url
from news.models import Article
from news.sources.common import MAX_FILE_BYTES, Skipped, SourceError, check_bytes, decode_utf8, make_article
from news.sources.feeds import iter_feed, looks_like_feed
from news.sources.html import article_from_html
from news.sources.jsonl import iter_jsonl
from news.sources.text import article_from_text

TEXT_EXT = {".txt"}
HTML_EXT = {".html", ".htm"}
JSONL_EXT = {".jsonl"}
FEED_EXT = {".xml", ".rss", ".atom"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT | FEED_EXT

__all__ = ["Unit", "Skipped", "expand", "read_unit", "read_all"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One thing to read: a file path or a URL (``kind`` is "file", "url" or "missing")."""

    kind: str
    location: str


def expand(sources: list[str]) -> list[Unit]:
    """Files and URLs to read, folders walked (sorted, hidden and sidecar files left out)."""
    units: list[Unit] = []
    for source in sources:
        path = Path(source)
        if "://" in source:
            units.append(Unit("url", source))
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") for p in rel) and child.suffix.lower() in KNOWN_EXT:
                    units.append(Unit("file", str(child)))
        elif path.is_file():
            units.append(Unit("file", source))
        else:
            units.append(Unit("missing", source))
    return units


def read_unit(
    unit: Unit,
    *,
    default_date: date | None = None,
    fetcher: Callable[..., Fetched] = fetch,
    allow_hosts: Iterable[str] = (),
) -> Iterator[Article | Skipped]:
    """Articles from one unit; every failure becomes a Skipped carrying its reason.

    ``fetcher`` is called as ``fetcher(url)`` for a URL the user gave and with
    ``news.fetch.fetch``'s ``found_in`` and ``deadline`` keywords for a link in a feed.
    ``allow_hosts`` (``HOST[:PORT]``, from ``ingest --allow-host``) is handed to it when given.
    """
    if allow_hosts:
        fetcher = partial(fetcher, allow_hosts=tuple(allow_hosts))
    try:
        if unit.kind == "missing":
            raise SourceError("missing", "no such file or folder")
        if unit.kind == "url":
            yield from _read_url(unit.location, default_date, fetcher)
        else:
            yield from _read_file(Path(unit.location), default_date, fetcher)
    except SourceError as exc:
        yield Skipped(unit.location, exc.kind, str(exc))


def read_all(sources: list[str], **kwargs) -> Iterator[Article | Skipped]:
    for unit in expand(sources):
        yield from read_unit(unit, **kwargs)


def _read_url(url: str, default_date: date | None, fetcher) -> Iterator[Article | Skipped]:
    if not is_http_url(url):
        raise SourceError("bad URL", "only http(s) URLs are fetched")
    try:
        page = fetcher(url)
    except FetchError as exc:
        raise SourceError("fetch failed", str(exc)) from exc
    check_bytes(page.content)
    kind = page.content_type
    if looks_like_feed(page.content) or kind in ("application/rss+xml", "application/atom+xml"):
        yield from iter_feed(page.content, source=url, default_date=default_date, fetcher=fetcher)
    elif kind.startswith("text/plain"):
        try:
            text = page.content.decode(page.charset or "utf-8", errors="replace")
        except (LookupError, UnicodeError):  # the server's charset is unknown or no text codec ("rot13")
            text = page.content.decode("utf-8", errors="replace")
        yield make_article(text=text, source=url, url=page.url or url, published=default_date)
    else:
        final = page.url if is_http_url(page.url) else url
        yield article_from_html(page.content, source=url, url=final, default_date=default_date)


def _read_file(path: Path, default_date: date | None, fetcher) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if suffix in JSONL_EXT:
        yield from iter_jsonl(path, default_date=default_date)
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError("too large", f"too large ({size} bytes, limit {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError("unreadable", f"cannot read ({exc.strerror or exc})") from exc
    check_bytes(data)
    if suffix in FEED_EXT or looks_like_feed(data):
        yield from iter_feed(data, source=str(path), default_date=default_date, fetcher=fetcher)
    elif suffix in HTML_EXT or (suffix not in TEXT_EXT and data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))):
        decode_utf8(data)  # local files must be UTF-8: report, don't guess
        yield article_from_html(data, source=str(path), url=None, default_date=default_date)
    else:
        yield article_from_text(decode_utf8(data), path=path, default_date=default_date)
