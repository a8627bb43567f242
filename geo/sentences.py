"""Sentence spans for news text in English, French and Russian.

A regex splitter that knows the abbreviations news uses ("U.S.", "Gen.", "C. Africa",
"St Petersburg", "т. е."): a wrong split cuts an actor from its place, so this matters
more for presence than a general-purpose tokenizer's finesse.
"""

from __future__ import annotations

import re

_ABBREV = {
    "u.s", "u.k", "u.n", "gen", "col", "lt", "maj", "capt", "sgt", "mr", "mrs", "ms", "dr", "st", "prof",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc",
    "c", "m", "mme", "mlle", "pr", "gén", "т", "г", "гг", "им", "ул", "e.g", "i.e", "approx", "est", "inc", "corp",
    "a", "d.r", "rep", "sen", "gov", "adm", "brig", "cpl", "pvt", "fr",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"'»”)\]]*\s+|\n\s*\n|\n(?=[^\n])")
_WORD_BEFORE = re.compile(r"(\S+)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; together they cover every non-space character."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        piece = text[start:m.start() + 1]
        word = _WORD_BEFORE.search(piece.rstrip(".!?…\"'»”)]"))
        token = word.group(1).lower().rstrip(".") if word else ""
        if "\n" not in m.group(0) and m.group(0).strip().startswith(".") and (
            token in _ABBREV or (len(token) == 1 and token.isalpha())
        ):
            continue
        nxt = text[end:end + 1]
        if "\n" not in m.group(0) and nxt and nxt.islower():
            continue
        if text[start:m.start()].strip():
            spans.append(_trim(text, start, m.start() + len(m.group(0).rstrip())))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


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
