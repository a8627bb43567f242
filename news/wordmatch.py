"""Word-list matching that scales with the words in a clause, not with the size of the list.

Python's ``re`` tries every branch of a long alternation at every position, so a 150-word
cue list costs ~150 comparisons per character. Here a clause is split into lowercase words
once (memoised), and single words are set lookups (``deploy\\w*`` becomes a prefix test);
only multi-word phrases go through a regex, which is then short. The object answers
``search``/``finditer``/``match``/``fullmatch`` like a compiled pattern, so callers read the
same either way.
"""

from __future__ import annotations

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
            if ws.residual_first is not None and (tok in ws.residual_first[0]
                                                  or tok.startswith(ws.residual_first[1])):
                first |= ws.bit
        masks = (hit, first)
        if len(_TOKEN_MASKS) < 200_000:
            _TOKEN_MASKS[tok] = masks
    return masks


# A search of a few words of a long text (a whole article, asked "between this place and that
# actor") looks at those words only. Indexing the whole text instead was quadratic: the small
# cache below evicts it between two such searches, and text with no sentence breaks asks
# thousands of them.
_LONG = 8192


def _too_wide(text: str, pos: int, end: int) -> bool:
    return len(text) > _LONG and (end - pos) * 2 < len(text)


def _window(text: str, pos: int, end: int) -> tuple[str, int]:
    """``text[pos:end]`` widened to whole words, and its offset: the same words as ``\\w+``
    finds there in the whole text, and the same word boundaries at both ends for the phrase
    regexes' look-arounds (a non-word character, or the string's edge, on either side)."""
    pos, end = max(0, pos), min(len(text), end)
    while pos > 0 and _TOKEN.match(text, pos - 1, pos):
        pos -= 1
    while end < len(text) and _TOKEN.match(text, end, end + 1):
        end += 1
    return text[pos:end], pos


# Small on purpose: the reuse worth having is within an article (one clause asked about by a
# dozen lists). A large cache would also serve sentences repeated across articles, which
# flatters a templated benchmark corpus and buys little on real news.
@lru_cache(maxsize=64)
def _index(text: str) -> tuple[dict[int, list[tuple[int, int]]], int, int, dict[int, list[int]]]:
    """Per set bit, the spans of the words of ``text`` that set hits, in order; the bits of
    the sets with a word hit; those of the sets whose phrase regex must run (a word that can
    start one of its phrases is there, or the set has a phrase with no leading letters); and
    per set bit, the offsets of the words that can start one of its phrases. A phrase is then
    tried only where it can start (``re.match`` there), not scanned for along the text.

    One tokenising pass per string serves every set: a search is then a look at a short list
    (most sets hit nothing, or once), not a walk over the words per set.
    """
    hits: dict[int, list[tuple[int, int]]] = {}
    starts: dict[int, list[int]] = {}
    bits = firsts = 0
    get = _TOKEN_MASKS.get
    low = text.lower()
    same = len(low) == len(text)  # lowering kept every offset (almost always): lower once
    for m in _TOKEN.finditer(low if same else text):
        tok = m.group(0) if same else m.group(0).lower()
        masks = get(tok)
        if masks is None:
            masks = _token_masks(tok)
        h, f = masks
        if h | f:
            bits |= h
            firsts |= f
            span = m.span()
            while h:
                low = h & -h
                if low in hits:
                    hits[low].append(span)
                else:
                    hits[low] = [span]
                h ^= low
            while f:
                low = f & -f
                if low in starts:
                    starts[low].append(span[0])
                else:
                    starts[low] = [span[0]]
                f ^= low
    return hits, bits, firsts | _ALWAYS_REGEX, starts


def _top_level_bar(pattern: str) -> bool:
    """Whether ``pattern`` has an alternation outside brackets (its leading letters would then
    not be the only way a match can start)."""
    depth, escaped, in_class = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


class WordSet:
    def __init__(self, parts: tuple[str, ...]) -> None:
        self.parts = parts  # as written in news.presence.cues: the definition the fast paths must equal
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
        # What the first word of a phrase match can be: the regex runs only when one occurs.
        # A phrase starts at a word start (the look-behind), with its leading letters L: the
        # word is L itself when a separator follows L in the pattern ("in fact", "n't",
        # "là-bas"), else a word that starts with L ("pull\w* out", "уш[её]л\w*").
        firsts: tuple[frozenset[str], tuple[str, ...]] | None = None
        if residual:
            words: set[str] = set()
            starts: set[str] = set()
            for p in residual:
                m = re.match(r"\w+", p)
                lead, rest = (m.group(0).lower(), p[m.end():]) if m else ("", p)
                if rest[:1] in ("?", "*", "{"):
                    lead = lead[:-1]  # "liées? ...": the last letter may be missing
                if not lead or _top_level_bar(p):
                    words = starts = set()
                    break  # a phrase that starts with a pattern: always try the regex
                (words if rest[:1] in ("", " ", "'", "’", "-") else starts).add(lead)
            if words or starts:
                firsts = (frozenset(words), tuple(sorted(starts)))
        self.residual_first = firsts
        self._memo: dict[str, bool] = {}
        global _ALWAYS_REGEX
        self.bit = 1 << len(_SETS)
        _SETS.append(self)
        if self.residual is not None and firsts is None:
            _ALWAYS_REGEX |= self.bit
        _TOKEN_MASKS.clear()  # masks computed before this set existed do not know its bit
        _index.cache_clear()

    def _is_hit(self, tok: str) -> bool:
        hit = self._memo.get(tok)
        if hit is None:
            hit = tok in self.exact or bool(self.prefixes and tok.startswith(self.prefixes))
            if len(self._memo) < 100_000:
                self._memo[tok] = hit
        return hit

    def _word_hits(self, text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
        """Spans of the single words of ``text[pos:endpos]`` in the set (whole tokens only)."""
        spans = _index(text)[0].get(self.bit)
        if not spans:
            return []
        if not pos and endpos >= len(text):
            return spans
        return [(a, b) for a, b in spans if a >= pos and b <= endpos]

    def _needs_regex(self, text: str) -> bool:
        return self.residual is not None and bool(_index(text)[2] & self.bit)

    def _phrase_hits(self, text: str, pos: int, end: int, first_only: bool = False) -> list[tuple[int, int]]:
        """Spans of phrase matches in ``text[pos:end]``, each tried at the words that can start
        it (every phrase starts at a word start: the regex's look-behind). Sets whose phrases
        can start anywhere scan with the regex."""
        if self.residual_first is None:
            found = self.residual.finditer(text, pos, end)
            if first_only:
                m = next(found, None)
                return [] if m is None else [m.span()]
            return [m.span() for m in found]
        out = []
        match = self.residual.match
        for a in _index(text)[3].get(self.bit, ()):
            if a < pos:
                continue
            if a >= end:
                break
            m = match(text, a, end)
            if m is not None:
                out.append(m.span())
                if first_only:
                    break
        return out

    def spans(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int]]:
        """``(start, end)`` of what ``finditer`` yields, without match objects (a shared list:
        read it, do not change it)."""
        end = len(text) if endpos is None else endpos
        if _too_wide(text, pos, end):
            sub, offset = _window(text, pos, end)
            return [(a + offset, b + offset) for a, b in self.spans(sub, pos - offset, end - offset)]
        if not self.may_occur(text):
            return []
        hits = self._word_hits(text, pos, end)
        if not self._needs_regex(text):
            return hits  # word hits never overlap
        hits = hits + self._phrase_hits(text, pos, end)
        hits.sort(key=lambda h: (h[0], -h[1]))
        out = []
        last = -1
        for a, b in hits:
            if a >= last:  # like re: matches do not overlap
                last = b
                out.append((a, b))
        return out

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        for a, b in self.spans(text, pos, endpos):
            yield WordMatch(text, a, b)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> WordMatch | None:
        end = len(text) if endpos is None else endpos
        if _too_wide(text, pos, end):
            sub, offset = _window(text, pos, end)
            found = self.search(sub, pos - offset, end - offset)
            return None if found is None else WordMatch(text, found.start() + offset, found.end() + offset)
        if not self.may_occur(text):
            return None
        first = None
        for a, b in self._word_hits(text, pos, end):
            first = (a, b)
            break
        if self._needs_regex(text):
            for a, b in self._phrase_hits(text, pos, end, first_only=True):
                if first is None or a < first[0] or (a == first[0] and b > first[1]):
                    first = (a, b)
        return WordMatch(text, *first) if first else None

    def may_occur(self, text: str) -> bool:
        """False when no word of ``text`` can start a match: one cached mask test, so a caller
        can skip searching the pieces of a text (cut at other places) that holds no cue word."""
        _, bits, firsts, _ = _index(text)
        return bool((bits | firsts) & self.bit)

    def has_word(self, word: str) -> bool:
        """Whether one lowercase word is in the list (no tokenising)."""
        return word in self.exact or bool(self.prefixes and word.startswith(self.prefixes))

    def match(self, text: str) -> WordMatch | None:
        """The longest match at offset 0; only the first word is looked at, so a string
        asked once (the words after a place) is not indexed whole."""
        first = None
        t = _TOKEN.match(text)
        if t is not None and self._is_hit(t.group(0).lower()):
            first = (0, t.end())
        if self.residual is not None:
            r = self.residual.match(text)
            if r is not None and (first is None or r.end() > first[1]):
                first = (0, r.end())
        return WordMatch(text, *first) if first else None

    def fullmatch(self, text: str) -> WordMatch | None:
        m = self.search(text)
        return m if m is not None and m.start() == 0 and m.end() == len(text) else None
