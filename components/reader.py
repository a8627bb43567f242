"""The reader view: one article, its mentions and claims highlighted, all text escaped."""

from __future__ import annotations

import math
import os
from pathlib import PurePath
from urllib.parse import urlsplit

import pandas as pd

from components.text import md_escape, one_line
from news.timeref import label_of

MENTION_CLASS = "fp-mention"
CLAIM_CLASS = "fp-claim"
CUE_CLASS = "fp-cue"
CUE_JOIN = "…"
CLAIM_COLUMNS = ("actor", "iso3", "place", "status", "time", "confidence", "cue", "rules", "evidence")


SAMPLE_NOTE = "No original link: this is a brief written for the sample corpus."


def is_sample(source: object, sample: str | os.PathLike[str]) -> bool:
    """Whether an article was read from the bundled sample (``data/sample/briefs.jsonl``), by
    the ``source`` the store keeps: the same file, or one whose last two path parts are the
    sample's (a checkout moved, or the copy installed with the package)."""
    if not isinstance(source, str) or not source or "://" in source:
        return False
    try:
        if os.path.realpath(source) == os.path.realpath(sample):
            return True
    except (OSError, ValueError):
        return False
    return PurePath(source).parts[-2:] == PurePath(sample).parts[-2:]


def no_link_note(source: object, sample: str | os.PathLike[str]) -> str:
    """Why the reader offers no original link, said plainly and truthfully: the sample's briefs
    were written for it; anything else was read from a local file, or from a feed or page whose
    entry gave no address of its own. Names are escaped (``md_escape``): the caption is Markdown."""
    if is_sample(source, sample):
        return SAMPLE_NOTE
    src = source if isinstance(source, str) else ""
    if "://" in src:
        try:
            host = urlsplit(src).hostname or src
        except ValueError:
            host = src
        return f"No original link: read from {md_escape(host)}, which gave this article no address of its own."
    if src:
        return f"No original link: ingested from a local file ({md_escape(PurePath(src).name)})."
    return "No original link: the source gave none."


def _spans_of(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], 0
    if not needle:
        return out
    while True:
        j = text.find(needle, i)
        if j < 0:
            return out
        out.append((j, j + len(needle)))
        i = j + len(needle)


def highlight(text: str, mentions: list[dict] | None = None, claims: list[dict] | None = None) -> str:
    """``text`` as escaped HTML with <mark> around mentions, claim sentences and their cues.

    One line of HTML (line breaks become ``<br>``), every piece through ``md_escape``.

    Mentions come with character offsets; claims carry their evidence sentence and cue, found
    in the text by search. Overlaps are fine: each character gets every class that covers it,
    and the text is cut at every boundary, so tags never interleave.
    """
    text = text or ""
    n = len(text)
    spans: list[tuple[int, int, str, str]] = []  # start, end, class, title
    for m in mentions or []:
        try:
            s, e = int(m.get("start")), int(m.get("end"))
        except (TypeError, ValueError):
            continue
        if 0 <= s < e <= n:
            label = " ".join(str(x) for x in (m.get("kind"), m.get("iso3")) if x and not (isinstance(x, float) and math.isnan(x)))
            spans.append((s, e, MENTION_CLASS, label))
    for c in claims or []:
        actor, status = c.get("actor") or "", c.get("status") or ""
        ev = str(c.get("evidence") or "")
        for s, e in _spans_of(text, ev.strip()):
            spans.append((s, e, CLAIM_CLASS, f"claim: {actor} {status} {c.get('iso3') or ''}".strip()))
            # a cue is "actor words … cue words" (news.presence): each part is marked where it stands
            for part in str(c.get("cue") or "").split(CUE_JOIN):
                for cs, ce in _spans_of(text[s:e], part.strip()):
                    spans.append((s + cs, s + ce, CUE_CLASS, "cue"))
    cuts = sorted({0, n, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = md_escape(text[a:b], lines=True)
        cover = [(cls, title) for s, e, cls, title in spans if s <= a and b <= e]
        # outermost first: claim sentence, then mention, then cue
        order = {CLAIM_CLASS: 0, MENTION_CLASS: 1, CUE_CLASS: 2}
        for cls, title in sorted(cover, key=lambda x: order[x[0]], reverse=True):
            piece = f'<mark class="{cls}" title="{md_escape(title)}">{piece}</mark>'
        out.append(piece)
    # every line break is a <br>: a blank line (also "\r\r") would end the HTML block it is shown in
    return "".join(out).replace("\n", "<br>")


def article_meta(article: dict) -> str:
    """"outlet · YYYY-MM-DD · language" for the reader's caption, each part through ``md_escape``."""
    published = article.get("published")
    day = pd.Timestamp(published).date().isoformat() if published is not None and not pd.isna(published) else "undated"
    parts = (md_escape(article.get("outlet")), day, md_escape(article.get("language")))
    return " · ".join(p for p in parts if p)


def claims_frame(claims: list[dict]) -> pd.DataFrame:
    """The reader's claims table: its text columns one line each (a grid shows text as text)."""
    df = pd.DataFrame(claims)
    if len(df):
        df["time"] = [label_of(c) for c in claims]  # "as of 2019", "since 2021" (news/timeref.py)
    cols = [c for c in CLAIM_COLUMNS if c in df]
    df = df[cols].copy()
    for c in cols:
        if c != "confidence":
            df[c] = df[c].map(one_line)
    return df
