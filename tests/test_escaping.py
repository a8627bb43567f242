"""Stored text shown by the dashboard: one line, and no Markdown or HTML survives.

Streamlit renders ``st.markdown``/``st.caption``/``st.subheader``/``st.warning`` as Markdown
(with its own ``:color[...]``, ``:material/icon:``, ``$...$`` LaTeX, emoji shortcodes and GFM
autolinks found in the decoded text), and an ``unsafe_allow_html`` block stays HTML only until
its first blank line: a blank line in a title turns the rest of the sources list into Markdown.
Pure functions, no Streamlit runtime.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from components.actors import ActorStyle
from components.legend import legend_html
from components.reader import highlight
from components.tables import shape_evidence_rows, sources_html
from components.text import md_escape, one_line

BREAK = "\n\n"
PAYLOADS = [
    "![x](http://203.0.113.9/pixel.png)",
    "$x^2$",
    "$$\\int x$$",
    ":red[alarm]",
    ":blue-background[bg]",
    ":material/home:",
    ":smile:",
    "<img src=http://203.0.113.9/a.png>",
    "<script>alert(1)</script>",
    "http://203.0.113.9/x",
    "HTTPS://203.0.113.9/y",
    "www.example.com",
    "write to spy@example.com",
    "<http://203.0.113.9/z>",
    "**bold** __strong__ *em* _em_ ~~strike~~ ~s~",
    "`code` ``more``",
    "[link](http://203.0.113.9/l) [ref][1]\n\n[1]: http://203.0.113.9/r",
    "# heading",
    "### heading",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "3) item",
    "2024. A year",
    "> quote",
    "---",
    "| a | b |",
    "\\*escaped\\* \\",
    "&amp; &#58; &lt;",
    "{#id .class}",
    'say "hi" it\'s',
    "x^2^ ==mark==",
]
SPECIALS = set("\\`*_{}[]()#!|~$:<>\"'&")
ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
WHITESPACE = "\n\r\r\n\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000"
# what Streamlit's Markdown (GFM autolink literals, remark-emoji) looks for in the decoded text
DECODED_PATTERNS = re.compile(r"(?i)https?://|www\.|[\w.+-]@[\w-]|:[\w+-]+:|:material/")


def raw_chars(escaped: str) -> str:
    """The characters of ``escaped`` that are not part of a character reference."""
    return ENTITY.sub("", escaped)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("prefix", ["", "Title", "Title" + BREAK, "Outlet\r\r", "x\u2028\u2029"])
@pytest.mark.hostile
def test_md_escape_leaves_no_markdown_or_html(prefix, payload):
    value = prefix + payload
    out = md_escape(value)
    rest = raw_chars(out)
    assert not SPECIALS & set(rest), (value, out)
    # one line, no run of spaces, nothing a block rule could start with
    assert not re.search(r"[\n\r\u2028\u2029\x0b\x0c\x85]", out) and "  " not in out and out == out.strip()
    assert not re.match(r"(?:[-+*>=]|\d+[.)])", out), out
    # the text reads the same once the browser decodes it (word joiners are invisible)
    decoded = html.unescape(out)
    assert decoded.replace("\u2060", "") == one_line(value)
    assert not DECODED_PATTERNS.search(decoded), decoded


def test_one_line_collapses_every_kind_of_whitespace():
    value = "a" + "".join(f"{w}{chr(ord('b') + i % 20)}" for i, w in enumerate(WHITESPACE)) + "  \t end \n"
    out = one_line(value)
    assert "  " not in out and out == out.strip() and out.endswith(" end")
    assert all(ch == " " or not ch.isspace() for ch in out)
    assert one_line("Headline\n\n![x](http://h/p.png)") == "Headline ![x](http://h/p.png)"
    assert one_line("a\r\rb\u2028\u2029c\xa0\xa0d") == "a b c d"


def test_one_line_drops_controls_and_bidi_overrides_and_handles_missing_values():
    assert one_line("a\x00b\x1bc\u202ed\u2066e\x7f") == "abcde"
    assert one_line(None) == "" and one_line(float("nan")) == "" and one_line(pd.NA) == ""
    assert one_line(12) == "12"
    assert one_line("x" * 50, limit=10) == "x" * 9 + "…"
    assert md_escape(None) == "" and md_escape("") == ""


def test_md_escape_keeps_ordinary_text_readable():
    out = md_escape("Des mercenaires russes arrivent à Bamako")
    assert out == "Des mercenaires russes arrivent à Bamako"
    assert md_escape("Вагнер в ЦАР — 2023") == "Вагнер в ЦАР — 2023"
    assert html.unescape(md_escape("Tinzaouaten: Wagner's convoy (ambushed)")) == "Tinzaouaten: Wagner's convoy (ambushed)"


# ---------------------------------------------------------------- the sources list stays one HTML block


class Tree(HTMLParser):
    """Element paths and text of a fragment; fails on unbalanced tags."""

    VOID = {"br", "img", "hr", "input", "meta", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.paths: list[str] = []
        self.tags: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class")
        name = f"{tag}.{cls}" if cls else tag
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(name)
            self.paths.append(" > ".join(self.stack))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1].split(".")[0] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data):
        self.texts.append(data)


def parse(fragment: str) -> Tree:
    t = Tree()
    t.feed(fragment)
    t.close()
    assert not t.stack, t.stack
    return t


def hostile_rows():
    return pd.DataFrame([
        dict(date="2024-05-01", actor="wagner", iso3="MLI", status="present", confidence=0.8,
             outlet="Evil outlet" + BREAK + ":red[alarm] <img src=http://203.0.113.9/a.png>",
             title="Headline" + BREAK + "![x](http://203.0.113.9/pixel.png) $x^2$",
             url=None, article_id="a1", evidence="Wagner in Mali." + BREAK + ":material/home: http://203.0.113.9/x",
             cue="in"),
        dict(date="2023-03-01", actor="russia", iso3="SYR", status="present", confidence=0.9, outlet="Reuters",
             title="Strikes", url="https://example.org/s", article_id="a2", evidence="Jets struck.", cue="struck"),
    ])


@pytest.mark.hostile
def test_sources_list_with_a_blank_line_in_a_title_keeps_its_structure():
    out = sources_html(shape_evidence_rows(hostile_rows(), {"to": "2024-12"}), {"wagner": "Wagner\n\n*W*"})
    # CommonMark ends an HTML block at its first blank line: the list must hold no line break at all
    assert not re.search(r"[\n\r]", out), out
    tree = parse(out)
    assert "img" not in tree.tags and "script" not in tree.tags
    assert tree.paths == [
        "ul.fp-sources",
        "ul.fp-sources > li.fp-src",
        "ul.fp-sources > li.fp-src > div.fp-meta",
        "ul.fp-sources > li.fp-src > div.fp-title",
        "ul.fp-sources > li.fp-src > div.fp-title > a",
        "ul.fp-sources > li.fp-src > div.fp-cm",
        "ul.fp-sources > li.fp-src > blockquote.fp-ev",
    ] * 1 + [
        "ul.fp-sources > li.fp-src",
        "ul.fp-sources > li.fp-src > div.fp-meta",
        "ul.fp-sources > li.fp-src > div.fp-title",
        "ul.fp-sources > li.fp-src > div.fp-title > a",
        "ul.fp-sources > li.fp-src > div.fp-title > a.fp-orig",  # the reader view and the original
        "ul.fp-sources > li.fp-src > div.fp-cm",
        "ul.fp-sources > li.fp-src > blockquote.fp-ev",
    ]
    text = "".join(tree.texts).replace("\u2060", "")
    assert "Headline ![x](http://203.0.113.9/pixel.png) $x^2$" in text
    assert "Evil outlet :red[alarm] <img src=http://203.0.113.9/a.png>" in text
    assert "Wagner in Mali. :material/home: http://203.0.113.9/x" in text
    assert "Wagner *W*" in text
    # nothing Markdown or Streamlit would act on is left in the source
    assert not SPECIALS - {"&", "<", ">", '"', "="} & set(raw_chars(re.sub(r"<[^>]*>", "", out)))
    assert "$" not in out and ":material/" not in out


@pytest.mark.hostile
def test_reader_body_with_carriage_returns_stays_one_html_block():
    text = "Wagner fighters in Mali.\r\r![x](http://203.0.113.9/r.png)\u2028$x^2$\n\n:red[alarm]\r\n<b>x</b>"
    claims = [{"actor": "wagner", "status": "present", "iso3": "MLI", "evidence": "Wagner fighters in Mali.",
               "cue": "fighters in"}]
    out = highlight(text, [{"start": 19, "end": 23, "kind": "country", "iso3": "MLI"}], claims)
    assert not re.search(r"[\n\r\u2028\u2029]", out), out
    tree = parse(f'<div class="fp-article">{out}</div>')
    assert "img" not in tree.tags and "b" not in tree.tags
    assert out.count("<br>") == 6
    assert "$" not in out and ":" not in raw_chars(re.sub(r"<[^>]*>", "", out))
    assert "".join(tree.texts).replace("\u2060", "").startswith("Wagner fighters in Mali.![x](http://203.0.113.9/r.png)")


def test_legend_labels_are_one_line_and_inert():
    out = legend_html({"x": ActorStyle("x", "Label\n\n![x](http://203.0.113.9/l.png) :red[a]", "#123456")},
                      ["x"], "2020-01")
    assert "\n" not in out
    tree = parse(out)
    assert "img" not in tree.tags
    assert "[" not in raw_chars(re.sub(r"<[^>]*>", "", out)) and "Label ![x]" in "".join(tree.texts)


def test_reader_meta_and_claims_table_are_one_line():
    from components.reader import article_meta, claims_frame

    meta = article_meta({"outlet": "Evil" + BREAK + "![x](http://203.0.113.9/m.png)", "published": "2024-05-01",
                         "language": "en\n\n:red[x]"})
    assert "\n" not in meta and "[" not in raw_chars(meta) and ":" not in raw_chars(meta)
    assert html.unescape(meta).replace("\u2060", "") == "Evil ![x](http://203.0.113.9/m.png) · 2024-05-01 · en :red[x]"
    assert article_meta({"outlet": None, "published": None, "language": ""}) == "undated"
    df = claims_frame([{"actor": "wagner", "iso3": "MLI", "place": "Gao\n\nx", "status": "present",
                        "confidence": 0.9, "cue": "a\u2028b", "evidence": "E\r\rF", "article_id": "a"}])
    assert list(df.columns) == ["actor", "iso3", "place", "status", "time", "confidence", "cue", "evidence"]
    assert df.iloc[0].to_dict() == {"actor": "wagner", "iso3": "MLI", "place": "Gao x", "status": "present",
                                    "time": "", "confidence": 0.9, "cue": "a b", "evidence": "E F"}


def test_tooltips_are_one_line_text():
    from components import deck as deckmod

    row = {"country": "Mali\n\nx", "iso3": "MLI", "status": "present", "articles": 2, "claims": 3,
           "latest_title": "T\u2028\u2029<b>t</b>\r\r![x](http://h/p.png)\x00"}
    tip = deckmod.row_tooltip(row, ActorStyle("wagner", "W\n\nG", "#d62728"), "2024-05")
    lines = tip.split("\n")
    assert lines[0] == "Mali x" and lines[1] == "W G: present at 2024-05" and len(lines) == 6
    assert lines[4] == "Latest: T <b>t</b> ![x](http://h/p.png)"  # text, not HTML: shown verbatim
