"""A cheap "cannot match" test for regexes that are long alternations of phrases.

Python's ``re`` tries every branch of an alternation at every position of the text, so a
40-phrase furniture pattern over a 4 KB line costs more than extracting its places. Each
branch of such a pattern has a literal run of characters that any match must contain
("donat" in ``donat(e|ion)``); when a text contains none of them, the pattern cannot match,
and ``str.__contains__`` answers that in a few microseconds. The runs are read from the
pattern itself (``re``'s own parser), so the prefilter follows every edit of the pattern;
a pattern it cannot read gets no prefilter, never a wrong one.
"""

from __future__ import annotations

import re

try:  # the parser behind re.compile; private, hence the fallback to "always run the regex"
    import re._parser as _sre_parse  # type: ignore[import-not-found]
    from re._constants import BRANCH, LITERAL, SUBPATTERN  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other Python versions
    _sre_parse = None

MIN_ANCHOR = 1
# Characters that ``re.IGNORECASE`` matches to an ASCII letter but ``str.lower`` does not turn
# into one (long s, Kelvin sign, dotted and dotless i, Angstrom sign): with one of them in the
# text, the prefilter steps aside.
_ODD_FOLDS = ("\u017f", "\u212a", "\u0130", "\u0131", "\u212b")


def _longest_literal(items) -> str:
    best, run = "", []
    for op, av in items:
        if op is LITERAL:
            run.append(chr(av))
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    if len(run) > len(best):
        best = "".join(run)
    return best


def _branch_anchors(items) -> list[str] | None:
    """Literals of which any match must contain one: for an alternation, one per alternative;
    for a sequence, the most selective of its literal run and its required groups."""
    items = list(items)
    if len(items) == 1 and items[0][0] is SUBPATTERN:
        return _branch_anchors(items[0][1][3])
    if len(items) == 1 and items[0][0] is BRANCH:
        out = []
        for alt in items[0][1][1]:
            anchors = _branch_anchors(alt)
            if anchors is None:
                return None
            out.extend(anchors)
        return out
    options = []
    run = _longest_literal(items)
    if len(run) >= MIN_ANCHOR:
        options.append([run])
    for op, av in items:  # groups and alternations the sequence must pass through
        if op is SUBPATTERN or op is BRANCH:
            sub = _branch_anchors([(op, av)])
            if sub:
                options.append(sub)
    return max(options, key=lambda anchors: min(map(len, anchors))) if options else None


class Prefilter:
    """``might_match(text)`` is False only when ``pattern`` cannot match anywhere in ``text``."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.fold = bool(pattern.flags & re.IGNORECASE)
        anchors = None
        if _sre_parse is not None:
            try:
                anchors = _branch_anchors(_sre_parse.parse(pattern.pattern, pattern.flags))
            except Exception:  # an unreadable pattern simply gets no prefilter
                anchors = None
        if anchors is not None and self.fold:
            anchors = [a.lower() for a in anchors]
            if any(a.upper().lower() != a for a in anchors):
                anchors = None  # case folding we would not reproduce with str.lower
        self.anchors = tuple(sorted(set(anchors), key=len)) if anchors else None

    def might_match(self, text: str) -> bool:
        if self.anchors is None:
            return True
        if self.fold:
            if not text.isascii():
                for c in _ODD_FOLDS:
                    if c in text:
                        return True
            text = text.lower()
        # Plain loops, not any() over a generator: a line that holds no anchor tests all of
        # them (some forty for the furniture pattern), and resuming a generator for each costs
        # more than the substring test itself.
        for anchor in self.anchors:
            if anchor in text:
                return True
        return False

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.might_match(text) else None
