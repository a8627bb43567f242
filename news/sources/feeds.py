"""RSS and Atom feeds through feedparser: one article per entry.

An entry that carries its full text (``content``) is used as is; one that carries only a
summary is a teaser, so we fetch the linked page and read it like any other HTML page, keeping
the feed's title and date (the feed is the publisher's own statement of when). Those pages are
fetched a few at a time, within one time budget for the whole feed, and read in feed order.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from functools import partial

from news.models import Article
from news.sources.common import Skipped, SourceError, make_article, plausible_date
from news.sources.fetch import Fetched, FetchError, is_http_url
from news.sources.html import article_from_html

_FEED_ROOT = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|rdf:RDF)[\s>]", re.S | re.I)
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|tr)>|<br\s*/?>", re.I)

FEED_WORKERS = 4  # entry pages fetched at once: slow servers overlap, a long feed is no flood
FEED_SECONDS = 180.0  # one feed's entry pages, all together (three times fetch.MAX_SECONDS)


def looks_like_feed(data: bytes) -> bool:
    """True when the document's root element is rss, feed (Atom) or rdf:RDF (RSS 1.0)."""
    return bool(_FEED_ROOT.match(data.lstrip(b"\xef\xbb\xbf")[:4096]))


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment from a feed, one line per block element."""
    import lxml.html

    if "<" not in fragment:
        return fragment
    marked = _BLOCK_END.sub(lambda m: m[0] + "\n", fragment)
    try:
        return lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    except Exception:  # lxml raises a zoo of parser errors on junk fragments
        return re.sub(r"<[^>]+>", " ", fragment)


def _entry_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return plausible_date(date(value.tm_year, value.tm_mon, value.tm_mday))
            except (SourceError, ValueError, TypeError, AttributeError):
                continue  # year 0 or 9999: the entry's problem, read as undated like an HTML page's
    return None


def _in_order(calls: list[Callable[[], Fetched] | None], workers: int) -> Iterator[Future[Fetched] | None]:
    """Each call's future (None where there is no call), in order, run on ``workers`` threads.

    Why threads and a window: entries that never answer then cost one deadline together rather
    than one each, and at most ``2 * workers`` pages are held ahead of the one being read,
    however long the feed. On close, calls not yet started are cancelled; running ones end by
    their own deadline.
    """
    if not any(calls):
        yield from calls
        return
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="footprint-feed")
    ahead: deque[Future[Fetched] | None] = deque()
    try:
        for i in range(len(calls)):
            while i + len(ahead) < len(calls) and len(ahead) < 2 * workers:
                call = calls[i + len(ahead)]
                ahead.append(None if call is None else pool.submit(call))
            yield ahead.popleft()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def iter_feed(
    data: bytes,
    *,
    source: str,
    default_date: date | None,
    fetcher: Callable[..., Fetched],
    max_seconds: float = FEED_SECONDS,
    workers: int = FEED_WORKERS,
) -> Iterator[Article | Skipped]:
    """Articles (and Skipped) from a feed document, one per entry, in the feed's order.

    An entry with only a summary has its page fetched as ``fetcher(link, found_in=source,
    deadline=...)`` (``news.sources.fetch.fetch``'s keywords): the link is held to the address policy
    for links found in ``source``, and every entry page shares one ``max_seconds`` budget from
    the moment the feed is read, so a feed of pages that never answer ends. An entry whose
    page is not fetched in time is skipped with that reason, like any failed fetch.
    """
    import feedparser  # lazy: only feeds need it

    parsed = feedparser.parse(data)
    problem = getattr(parsed, "bozo_exception", None) if parsed.bozo else None
    # An encoding mismatch is feedparser's note, not a broken feed; anything else (not
    # well-formed XML) means whatever its loose parser salvaged cannot be trusted.
    if problem is not None and "Encoding" not in type(problem).__name__:
        reason = str(problem).splitlines()[0][:120] if str(problem) else type(problem).__name__
        yield Skipped(source, "unreadable feed", f"feed does not parse ({reason})")
        return
    if not parsed.entries:
        yield Skipped(source, "empty feed", "feed has no entries", error=False)
        return
    feed_outlet = (parsed.feed.get("title") or "").strip()
    deadline = time.monotonic() + max_seconds

    def fetch_page(link: str) -> Fetched:
        if time.monotonic() >= deadline:
            raise FetchError(f"not fetched: the feed's {max_seconds:g}s for its entry pages ran out")
        return fetcher(link, found_in=source, deadline=deadline)

    fulls = [html_fragment_text("\n".join(c.get("value", "") for c in entry.get("content") or [])).strip()
             for entry in parsed.entries]
    calls = [partial(fetch_page, entry.get("link")) if not full and is_http_url(entry.get("link")) else None
             for entry, full in zip(parsed.entries, fulls, strict=True)]
    pages = _in_order(calls, workers)
    try:
        for number, (entry, full, page) in enumerate(zip(parsed.entries, fulls, pages, strict=True), start=1):
            link = entry.get("link")
            where = link if is_http_url(link) else f"{source}#{number}"
            title = html_fragment_text(entry.get("title") or "").strip()
            when = _entry_date(entry)
            try:
                if full:
                    yield make_article(
                        text=full, source=source, title=title, url=link, outlet=feed_outlet,
                        published=when or default_date,
                    )
                elif page is not None:
                    try:
                        fetched = page.result()
                    except FetchError as exc:
                        raise SourceError("fetch failed", str(exc)) from exc
                    yield article_from_html(
                        fetched.content, source=source, url=fetched.url if is_http_url(fetched.url) else link,
                        default_date=default_date, title=title or None, published=when,
                        outlet=None,
                    )
                else:
                    summary = html_fragment_text(entry.get("summary") or "").strip()
                    yield make_article(
                        text=summary, source=source, title=title, url=None, outlet=feed_outlet,
                        published=when or default_date,
                    )
            except SourceError as exc:
                yield Skipped(where, exc.kind, str(exc))
    finally:
        pages.close()
