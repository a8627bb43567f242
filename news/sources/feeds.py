"""RSS and Atom feeds through feedparser: one article per entry.

An entry that carries its full text (``content``) is used as is; one that carries only a
summary is a teaser, so we fetch the linked page and read it like any other HTML page, keeping
the feed's title and date (the feed is the publisher's own statement of when).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

from news.fetch import Fetched, FetchError, is_http_url
from news.models import Article
from news.sources.common import Skipped, SourceError, make_article, plausible_date
from news.sources.html import article_from_html

_FEED_ROOT = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|rdf:RDF)[\s>]", re.S | re.I)
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|tr)>|<br\s*/?>", re.I)


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


def iter_feed(
    data: bytes,
    *,
    source: str,
    default_date: date | None,
    fetcher: Callable[[str], Fetched],
) -> Iterator[Article | Skipped]:
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
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        where = link if is_http_url(link) else f"{source}#{number}"
        title = html_fragment_text(entry.get("title") or "").strip()
        when = _entry_date(entry)
        try:
            contents = [c.get("value", "") for c in entry.get("content") or []]
            full = html_fragment_text("\n".join(contents)).strip()
            if full:
                yield make_article(
                    text=full, source=source, title=title, url=link, outlet=feed_outlet,
                    published=when or default_date,
                )
            elif is_http_url(link):
                try:
                    page = fetcher(link)
                except FetchError as exc:
                    raise SourceError("fetch failed", str(exc)) from exc
                yield article_from_html(
                    page.content, source=source, url=page.url if is_http_url(page.url) else link,
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
