"""Sentence spans for news text in English, French and Russian.

A regex splitter that knows the abbreviations news uses ("U.S.", "Gen.", "C. Africa",
"St Petersburg", "т. е."): a wrong split cuts an actor from its place, so this matters
more for presence than a general-purpose tokenizer's finesse.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ABBREV = {
    "u.s", "u.k", "u.n", "gen", "col", "lt", "maj", "capt", "sgt", "mr", "mrs", "ms", "dr", "st", "prof",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc",
    "c", "m", "mme", "mlle", "pr", "gén", "т", "г", "гг", "им", "ул", "e.g", "i.e", "approx", "est", "inc", "corp",
    "a", "d.r", "rep", "sen", "gov", "adm", "brig", "cpl", "pvt", "fr",
}
# A sentence ends at final punctuation (with closing quotes) before space, at a blank line, or
# at a line break. Written to start with one character class so that ``re`` scans for it with
# its fast charset prefix; the equivalent alternation was a third of extraction's time.
_ABBREV_MAX = max(map(len, _ABBREV))
# The longest sentence Footprint will treat as one. Real news sentences stay under ~600
# characters (the longest in every labelled set is 354); text with no punctuation, or with
# lowercase after every full stop, would otherwise be one sentence as long as the article, and
# every mention stores its sentence and presence reads a sentence in quadratic time: a 200 KB
# article took 2.5 GB. Longer runs are cut at a space, so work and storage stay linear.
MAX_SENTENCE = 1000
_OPENERS = "(\"'«“"
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=[.!?…])[.!?…]*[\"'»”)\]]*\s+|(?<=\n)\s*\n|(?<=\n)(?=[^\n]))")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; together they cover every non-space character."""
    return list(_spans(text))


@lru_cache(maxsize=16)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    """Cached: extraction and presence both ask for the same article's sentences.

    Written for speed (a dense article has a boundary every dozen words): string methods
    instead of slices where possible, and the trimming loops inline.
    """
    spans: list[tuple[int, int]] = []
    append = spans.append
    find, rfind = text.find, text.rfind
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        ms, end = m.span()
        first = text[ms]
        if first != "\n" and find("\n", ms, end) < 0:
            if first == ".":
                space = rfind(" ", start, ms)
                k = ms - _ABBREV_MAX - 1
                # a word whose last _ABBREV_MAX + 1 characters survive the lstrip is too long
                if k <= space or text[k] in _OPENERS:
                    token = text[space + 1:ms].lower().lstrip(_OPENERS)
                    if token in _ABBREV or (len(token) == 1 and token.isalpha()):
                        continue
            if end < n and text[end].islower():
                continue
        if ms > start:
            a, b = start, end
            while b > a and text[b - 1].isspace():
                b -= 1
            while a < b and text[a].isspace():
                a += 1
            if b - a > MAX_SENTENCE:
                spans.extend(_chop(text, a, b))
            elif b > a:
                append((a, b))
        start = end
    if start < n and text[start:].strip():
        a, b = _trim(text, start, n)
        spans.extend(_chop(text, a, b) if b - a > MAX_SENTENCE else [(a, b)])
    return tuple(spans)


def _chop(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most MAX_SENTENCE characters, cut at the last space
    in each piece's second half (mid-word only when a piece has no space there)."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, limit)
        cut = cut if cut > start else limit
        pieces.append(_trim(text, start, cut))
        start = _trim(text, cut, end)[0]
    if end > start:
        pieces.append((start, end))
    return [p for p in pieces if p[1] > p[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_at(spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the sentence containing character ``pos`` (binary search)."""
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo
