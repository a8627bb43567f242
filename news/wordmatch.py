"""Word-list matching that scales with the words in a clause, not with the size of the list.

Python's ``re`` tries every branch of a long alternation at every position, so a 150-word
cue list costs ~150 comparisons per character. Here a clause is split into lowercase words
once (memoised), and single words are set lookups (``deploy\\w*`` becomes a prefix test);
only multi-word phrases go through a regex, which is then short. The object answers
``search``/``finditer``/``match``/``fullmatch`` like a compiled pattern, so callers read the
same either way.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

_TOKEN = re.compile(r"\w+")
_WORD = re.compile(r"\w+")
_STEM = re.compile(r"(\w+)\\w\*")
_OPTIONAL_END = re.compile(r"(\w+)(\w)\?")


class WordMatch:
    """The match-object subset callers use: ``group(0)``, ``start()``, ``end()``."""

    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def group(self, _: int = 0) -> str:
        return self._text[self._start:self._end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[tuple[str, int, int], ...], list[int]]:
    toks = tuple((m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text))
    return toks, [t[1] for t in toks]


# Every WordSet gets a bit; a token's mask says which sets it hits (or starts a phrase of),
# and a string's mask is the OR of its tokens'. Cue lists are searched on the same clause a
# dozen times and mostly find nothing: with the masks, "nothing" costs one AND.
_SETS: list[WordSet] = []
_TOKEN_MASKS: dict[str, tuple[int, int]] = {}
_ALWAYS_REGEX = 0  # sets with a phrase that starts with a pattern: the regex must always run


def _token_masks(tok: str) -> tuple[int, int]:
    masks = _TOKEN_MASKS.get(tok)
    if masks is None:
        hit = first = 0
        for ws in _SETS:
            if ws._is_hit(tok):
                hit |= ws.bit
            if ws.residual_first and tok in ws.residual_first:
                first |= ws.bit
        masks = (hit, first)
        if len(_TOKEN_MASKS) < 200_000:
            _TOKEN_MASKS[tok] = masks
    return masks


@lru_cache(maxsize=4096)
def _string_masks(text: str) -> tuple[int, int]:
    hit = first = 0
    for tok in {t[0] for t in _tokens(text)[0]}:
        h, f = _token_masks(tok)
        hit |= h
        first |= f
    return hit, first | _ALWAYS_REGEX


class WordSet:
    def __init__(self, parts: tuple[str, ...]) -> None:
        exact: set[str] = set()
        prefixes: list[str] = []
        residual: list[str] = []
        for p in parts:
            if _WORD.fullmatch(p):
                exact.add(p.lower())
            elif (m := _STEM.fullmatch(p)) is not None:
                prefixes.append(m.group(1).lower())
            elif (m := _OPTIONAL_END.fullmatch(p)) is not None:
                exact.update({m.group(1).lower(), (m.group(1) + m.group(2)).lower()})
            else:
                residual.append(p)
        self.exact = frozenset(exact)
        self.prefixes = tuple(prefixes)
        self.residual = (re.compile(r"(?<![\w])(?:" + "|".join(residual) + r")(?![\w])", re.IGNORECASE)
                         if residual else None)
        # First words of the multi-word phrases: the regex runs only when one occurs.
        firsts: set[str] | None = set()
        for p in residual:
            m = re.match(r"(\w+)(?=[\s'’])", p)
            if m is None or not _WORD.fullmatch(m.group(1)):
                firsts = None  # a phrase that starts with a pattern: always try the regex
                break
            firsts.add(m.group(1).lower())
        self.residual_first = firsts
        self._memo: dict[str, bool] = {}
        global _ALWAYS_REGEX
        self.bit = 1 << len(_SETS)
        _SETS.append(self)
        if self.residual is not None and firsts is None:
            _ALWAYS_REGEX |= self.bit
        _TOKEN_MASKS.clear()  # masks computed before this set existed do not know its bit
        _string_masks.cache_clear()

    def _is_hit(self, tok: str) -> bool:
        hit = self._memo.get(tok)
        if hit is None:
            hit = tok in self.exact or bool(self.prefixes and tok.startswith(self.prefixes))
            if len(self._memo) < 100_000:
                self._memo[tok] = hit
        return hit

    def _word_hits(self, text: str, pos: int, endpos: int):
        is_hit = self._is_hit
        toks, starts = _tokens(text)
        for i in range(bisect.bisect_left(starts, pos), len(toks)):
            tok, a, b = toks[i]
            if b > endpos:
                break
            if is_hit(tok):
                yield a, b

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        hits = list(self._word_hits(text, pos, end))
        if self.residual is not None:
            hits += [(m.start(), m.end()) for m in self.residual.finditer(text, pos, end)]
            hits.sort(key=lambda h: (h[0], -h[1]))
        last = -1
        for a, b in hits:
            if a >= last:  # like re: matches do not overlap
                last = b
                yield WordMatch(text, a, b)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> WordMatch | None:
        if not pos and endpos is None:
            hit, first = _string_masks(text)
            if not (hit | first) & self.bit:
                return None
        end = len(text) if endpos is None else endpos
        memo = self._memo
        toks, starts = _tokens(text)
        first = None
        firsts = self.residual_first
        need_regex = self.residual is not None and firsts is None
        for i in range(bisect.bisect_left(starts, pos) if pos else 0, len(toks)):
            tok, a, b = toks[i]
            if b > end:
                break
            if not need_regex and firsts and tok in firsts:
                need_regex = True
            hit = memo.get(tok)
            if hit is None:
                hit = self._is_hit(tok)
            if hit:
                first = (a, b)
                break
        if need_regex:
            m = self.residual.search(text, pos, end)
            if m is not None and (first is None or m.start() < first[0]
                                  or (m.start() == first[0] and m.end() > first[1])):
                first = (m.start(), m.end())
        return WordMatch(text, *first) if first else None

    def has_word(self, word: str) -> bool:
        """Whether one lowercase word is in the list (no tokenising)."""
        return word in self.exact or bool(self.prefixes and word.startswith(self.prefixes))

    def match(self, text: str) -> WordMatch | None:
        m = self.search(text)
        return m if m is not None and m.start() == 0 else None

    def fullmatch(self, text: str) -> WordMatch | None:
        m = self.search(text)
        return m if m is not None and m.start() == 0 and m.end() == len(text) else None
