"""Stored and user text made safe to show: one line, and no Markdown or HTML left in it.

Every title, outlet, place, cue, evidence sentence, actor label and note the page shows passes
through ``md_escape`` (the article body through ``md_escape(..., lines=True)``), whether it
lands in a Markdown element (``st.subheader``, ``st.caption``, ``st.warning``) or in an
``unsafe_allow_html`` block (sources list, legend, reader). One function serves both because it
escapes with character references, which CommonMark and HTML both decode to the literal
character and neither treats as syntax (a backslash escape would show in an HTML block):

- whitespace: every run (newlines, ``\\r``, U+2028/2029, tabs, NBSP ...) becomes one space, so
  an HTML block never meets the blank line that would end it and hand the rest to Markdown;
  control characters and bidi overrides are dropped;
- HTML: ``& < > " '``;
- Markdown and Streamlit: ``\\ ` * _ { } [ ] ( ) # ! | ~ $ :`` everywhere, and a leading
  ``-``, ``+`` or ``1.``/``1)`` list marker; so no emphasis, link, image, code, heading,
  table, ``$...$`` LaTeX (Streamlit loads KaTeX only when the source has a ``$``),
  ``:color[...]`` directive or ``:material/icon:`` (matched in the source);
- what Streamlit finds in the *decoded* text (GFM autolink literals ``http://``, ``www.``,
  ``a@b.c``; ``:emoji:`` shortcodes) is broken with an invisible U+2060 WORD JOINER.

Tooltips are set as text (``{"text": ...}``): they take ``one_line`` only, never entities.
"""

from __future__ import annotations

import math
import re

WORD_JOINER = "\u2060"
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"\s+")
# controls (not whitespace, handled above), bidi embeddings/overrides/isolates, joiners we add
_DROP = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\u2060\ufeff\ud800-\udfff]")
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#!|~$:"}
_ESCAPES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#x27;"})
_LEADING_MARKER = re.compile(r"^(?:([-+])|(\d{1,9})([.)]))")
# patterns matched in decoded text: a word joiner after the colon of "://" and of ":word",
# after "@", and between "www" and "."
_DECODED = re.compile(r"(?i)(?<=:)(?=//|[\w+-])|(?<=@)|(?<=www)(?=\.)")


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def one_line(value, limit: int | None = None) -> str:
    """``value`` as one line of plain text: whitespace runs to one space, controls dropped,
    stripped; cut to ``limit`` characters with an ellipsis. None and NaN give ""."""
    if _missing(value):
        return ""
    s = _DROP.sub("", str(value))
    s = _SPACES.sub(" ", s).strip()
    if limit is not None and len(s) > limit:
        s = s[: max(limit - 1, 0)].rstrip() + "…"
    return s


def _lines(value) -> str:
    """Line breaks (any kind) kept as "\\n", every other whitespace character a space."""
    if _missing(value):
        return ""
    s = _LINE_BREAKS.sub("\n", _DROP.sub("", str(value)))
    return "".join(" " if ch.isspace() and ch != "\n" else ch for ch in s)


def md_escape(value, *, limit: int | None = None, lines: bool = False) -> str:
    """``value`` safe to show in Markdown or in an HTML block: it reads the same, renders nothing.

    One line unless ``lines``; then line breaks are kept as "\\n" for the caller to turn into
    ``<br>`` (the reader's article body, inside its HTML block).
    """
    s = _lines(value) if lines else one_line(value, limit)
    if not s:
        return ""
    s = _DECODED.sub(WORD_JOINER, s)
    out = s.translate(_ESCAPES)
    m = _LEADING_MARKER.match(out)
    if m:
        out = (f"&#{ord(m.group(1))};" if m.group(1) else f"{m.group(2)}&#{ord(m.group(3))};") + out[m.end():]
    return out
