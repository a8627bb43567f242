"""The "what changed since" view: the ledger's changes (``news.store.alerts.change_records``) as
an escaped HTML list, each with links to its evidence articles.

Every stored value passes through ``md_escape``; links are the article's http(s) URL (opened in a
new tab) or the page's own reader view (``?article=<id>``, same tab), nothing else.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from components.tables import safe_url
from components.text import md_escape

KIND_LABELS = {"new": "new", "ended": "ended", "reappeared": "back", "contradiction": "contradicted"}


def _link(href: str) -> tuple[str, str] | None:
    """(href, target attributes) for an evidence link, or None when it is neither kind we allow."""
    if href.startswith("?article="):
        return href, ' target="_self"'
    url = safe_url(href)
    if url:
        return url, ' target="_blank" rel="noopener noreferrer nofollow"'
    return None


def changes_html(records: list[Mapping], since: str, limit: int = 100) -> str:
    """One entry per change, newest first: a kind badge, the headline, the evidence links."""
    if not records:
        return (f'<p class="fp-changes-none">No change in the ledger from articles ingested since '
                f'{md_escape(since)}.</p>')
    items = []
    for r in records[:limit]:
        kind = str(r.get("kind"))
        links = []
        for ev in r.get("evidence") or []:
            found = _link(str(ev.get("link") or ""))
            label = md_escape(ev.get("title")) or md_escape(ev.get("article_id")) or "(untitled)"
            meta = " · ".join(x for x in (md_escape(ev.get("outlet")), md_escape(ev.get("published"))) if x)
            text = f"{label}" + (f" ({meta})" if meta else "")
            links.append(f'<a href="{html.escape(found[0], quote=True)}"{found[1]}>{text}</a>' if found else text)
        items.append(
            f'<li class="fp-change fp-change-{html.escape(kind)}" data-kind="{html.escape(kind)}">'
            f'<span class="fp-kind">{md_escape(KIND_LABELS.get(kind, kind))}</span> '
            f'<span class="fp-head">{md_escape(r.get("title"))}</span>'
            f'<div class="fp-ev-links">{" · ".join(links)}</div></li>'
        )
    more = f"<p>… and {len(records) - limit} more (footprint changes lists them all).</p>" if len(records) > limit else ""
    return '<ul class="fp-changes">' + "".join(items) + "</ul>" + more
