"""Sources → Articles: files, folders, URLs and feeds, each bad one reported and skipped.

``expand`` turns what the user typed into a list of units (so a progress bar can count them);
``read_unit`` turns one unit into Articles and Skipped records. Neither writes anything: the
command line decides what to store and what to print.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from news.models import Article
from news.sources.common import (
    Skipped,
    SourceError,
    check_bytes,
    decode_utf8,
    make_article,
    read_regular,
    regular_size,
)
from news.sources.feeds import iter_feed, looks_like_feed
from news.sources.fetch import Fetched, FetchError, is_http_url
from news.sources.fetch import fetch as fetch_url  # as another name: news.sources.fetch stays the module
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


def expand(sources: list[str], *, follow_links: bool = False) -> list[Unit]:
    """Files and URLs to read, folders walked (sorted, hidden and sidecar files left out).

    A symbolic link inside a folder that leads out of it (``story.txt -> /etc/passwd``) is not
    followed unless ``follow_links``: a folder of articles someone else assembled must not read
    the rest of the machine into the store. It becomes a "link" unit, reported and skipped.
    Links that stay inside the folder are read like the files they point to.
    """
    units: list[Unit] = []
    for source in sources:
        path = Path(source)
        if "://" in source:
            units.append(Unit("url", source))
        elif path.is_dir():
            units.extend(_walk(path, follow_links))
        elif path.is_file() or path.exists():  # a FIFO or device given by name: read_unit refuses it
            units.append(Unit("file", source))
        else:
            units.append(Unit("missing", source))
    return units


def _walk(folder: Path, follow_links: bool) -> list[Unit]:
    root = folder.resolve()
    units: list[Unit] = []
    seen: set[str] = set()  # real folders walked: followed links can loop
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=follow_links):
        here = Path(dirpath)
        real = os.path.realpath(here)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if not follow_links:
            for d in [d for d in dirnames if (here / d).is_symlink()]:
                dirnames.remove(d)
                if not _inside(here / d, root):
                    units.append(Unit("link", str(here / d)))
        for name in filenames:
            child = here / name
            if name.startswith(".") or child.suffix.lower() not in KNOWN_EXT:
                continue
            if not follow_links and child.is_symlink() and not _inside(child, root):
                units.append(Unit("link", str(child)))
            else:
                units.append(Unit("file", str(child)))
    return sorted(units, key=lambda u: Path(u.location).relative_to(folder).parts)


def _inside(link: Path, root: Path) -> bool:
    try:
        return link.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a loop of links
        return False


def read_unit(
    unit: Unit,
    *,
    default_date: date | None = None,
    fetcher: Callable[..., Fetched] = fetch_url,
    allow_hosts: Iterable[str] = (),
) -> Iterator[Article | Skipped]:
    """Articles from one unit; every failure becomes a Skipped carrying its reason.

    ``fetcher`` is called as ``fetcher(url)`` for a URL the user gave and with
    ``news.sources.fetch.fetch``'s ``found_in`` and ``deadline`` keywords for a link in a feed.
    ``allow_hosts`` (``HOST[:PORT]``, from ``ingest --allow-host``) is handed to it when given.
    """
    if allow_hosts:
        fetcher = partial(fetcher, allow_hosts=tuple(allow_hosts))
    try:
        if unit.kind == "missing":
            raise SourceError("missing", "no such file or folder")
        if unit.kind == "link":
            raise SourceError("link", "symbolic link out of the folder, not followed (--follow-links to read it)")
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
        try:
            regular_size(path, limit=None)  # a corpus file: the size limit is per line
        except OSError as exc:
            raise SourceError("unreadable", f"cannot read ({exc.strerror or exc})") from exc
        yield from iter_jsonl(path, default_date=default_date)
        return
    try:
        data = read_regular(path)
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
