"""HTML pages (files or fetched) through trafilatura: main text, title, date, site name.

Why trafilatura: boilerplate removal on news pages is its whole job, and it reads the date
from the page's own metadata (htmldate) rather than inventing one.
"""

from __future__ import annotations

import re
from datetime import date

from news.models import Article
from news.sources.common import SourceError, make_article, parse_date

_OPEN_HTML = re.compile(rb"<html[\s>]", re.IGNORECASE)
_CLOSE_HTML = re.compile(rb"</html\s*>", re.IGNORECASE)


def check_complete(data: bytes) -> None:
    """A page that opens ``<html>`` but never closes it was cut off in transit or on disk."""
    if _OPEN_HTML.search(data[:4096]) and not _CLOSE_HTML.search(data[-4096:]):
        raise SourceError("truncated HTML", "truncated HTML (no closing </html>)")


def extract_html(html: str | bytes, url: str | None = None) -> dict:
    """trafilatura's reading of a page as a plain dict (text, title, date, sitename)."""
    import trafilatura  # lazy: a second of import time that text/JSONL ingests never need

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {k: data.get(k) for k in ("text", "title", "date", "sitename", "hostname", "url")}


def article_from_html(
    data: bytes,
    *,
    source: str,
    url: str | None,
    default_date: date | None,
    title: str | None = None,
    published: date | None = None,
    outlet: str | None = None,
) -> Article:
    """One article from a page; explicit ``title``/``published``/``outlet`` (a feed's) win."""
    check_complete(data)
    found = extract_html(data, url)
    if not (found.get("text") or "").strip():
        raise SourceError("no text", "no article text found in HTML")
    try:
        page_date = parse_date(found.get("date"))
    except SourceError:
        page_date = None  # a malformed page date is the page's problem: treat as undated
    return make_article(
        text=found["text"],
        source=source,
        title=title or found.get("title") or "",
        url=url,
        outlet=outlet or found.get("sitename") or found.get("hostname") or "",
        published=published or page_date or default_date,
    )
