"""Strip page furniture from scraped plain text before extraction.

Scraped articles carry donation appeals, newsletter boxes, "Read more" links, related
headlines, cookie notes and photo captions. Their countries are not what the article
says (GUIDE: furniture is not a mention), so they are cut as whole lines: the cleaner
never edits inside a sentence, which keeps spans of the remaining text meaningful.
"""

from __future__ import annotations

import re

from news.prefilter import Prefilter

# A line that starts like this is a link to another story.
_LINK_PREFIX = re.compile(
    r"^\s*(you (might|may) also like|more (stories|from|coverage)|related (stories|coverage|articles)|"
    r"more on this( story)?|read more|read also|also read|related|see also|recommended|watch|listen|"
    r"lire aussi|à lire aussi|a lire aussi|voir aussi|lire également|à lire également|à voir|"
    r"sur le même sujet|dans la même rubrique|"
    r"читайте также|читать также|смотрите также|по теме|также читайте|ещё по теме|материалы по теме)"
    r"\b\s*[:：\-–—]?",
    re.IGNORECASE,
)
# The prefix alone on its line ("Read more:", "Sur le même sujet :", "Читайте также:") heads a list:
# the lines under it, up to the next blank line, are the headlines of other stories, whose
# countries the article does not name (hidden_j: 27 of its 41 country false hits sat there).
_LIST_HEAD_REST = re.compile(r"^[\s:：\-–—.…]*$")
# Phrases that only furniture uses: appeals, subscriptions, consent, blocking notices.
_FURNITURE = re.compile(
    r"(support (us|our|independent)|your support|we need your help|donat(e|ion)|"
    r"sign up|subscribe|newsletter|(our|daily|weekly|free) briefing|mailbox|inbox|privacy policy|cookies?\b|"
    r"consent settings|every contribution|your contribution|make a contribution|"
    r"ad-free|disabled all ads|remind me later|never miss|don't miss|ne manquez|не пропустите|is (blocked|banned) in|banned in russia|"
    r"[\"“«]undesirable[\"”»]|undesirable organi[sz]ation|[\"“«]foreign agent[\"”»]|"
    r"abonnez-vous|inscrivez-vous|soutenez|faites un don|newsletter|"
    r"подпишитесь|поддержите нас|пожертвован|рассылк|заблокирован|признан[аоы]? в россии|[«\"“]нежелательн|нежелательн\w*\s+организац|"
    r"иноагент|иностранн(ым|ого) агент)",
    re.IGNORECASE,
)
# Photo credits mark captions: "REUTERS/Stringer", "AP Photo", "Name / AFP", "Getty Images".
_CREDIT = re.compile(
    r"(REUTERS/|Reuters/|AP Photo|/ ?AFP\b|\bAFP\b|Getty Images|\bEPA\b|\bTASS\b|Photo:|Photo :|Фото:|Фото :|Caption:|Légende :|©|"
    r"\bSputnik\b|\bRIA Novosti\b|Anadolu|Shutterstock)"
)
# A line that opens a donation box: everything after it belongs to the box.
# Both above are long alternations: most lines are ruled out by a substring test first.
_FURNITURE_PF, _CREDIT_PF = Prefilter(_FURNITURE), Prefilter(_CREDIT)
_BOX_START = re.compile(r"^\s*(a message from|dear readers?|chers lecteurs|chère lectrice|дорогие читатели)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…»\"”]\s*$")


def _is_furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    # The rules below only ask "at most 80 words?" (and 40, 3): splitting off 81 pieces answers
    # that exactly, without making a string of every word of a one-line 4 KB article.
    words = len(stripped.split(None, 80))
    if _LINK_PREFIX.match(stripped):
        return True
    if words <= 80 and _FURNITURE_PF.search(stripped):
        return True
    if words <= 40 and _CREDIT_PF.search(stripped):
        return True
    if stripped.isupper():
        return False  # a dateline ("BAMAKO") or a shouted headline is article text
    if words <= 3 and not _SENTENCE_END.search(stripped) and not any(c.isdigit() for c in stripped):
        # UI labels: "Support us", "Once", "Monthly", "×", "Continue"
        return not stripped[:1].isupper() or words <= 2
    return False


def _is_list_head(line: str) -> bool:
    """A link prefix with nothing after it ("Read more:", "More on this story"): a list follows."""
    stripped = line.strip()
    head = _LINK_PREFIX.match(stripped)
    return head is not None and _LIST_HEAD_REST.match(stripped[head.end():]) is not None


def _is_headline(line: str) -> bool:
    """Another story's headline in a list of links: a line of at most 16 words that does not end
    a sentence. What a list of links may go on with after a blank line; a paragraph of the
    article (a sentence, or longer) ends the list."""
    stripped = line.strip()
    return len(stripped.split(None, 16)) <= 16 and not _SENTENCE_END.search(stripped)


def _is_label(line: str) -> bool:
    """Short and not a statement: a button, a teaser question, a heading inside a box."""
    stripped = line.strip()
    return len(stripped.split()) <= 8 and not stripped.endswith((".", "»", "\"", "”"))


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the furniture lines in ``text`` (whole lines, newline excluded).

    Lines are judged one by one, then by block: in a run of lines with no blank line between
    them, if most are furniture its other short lines are too ("Tired of pop-ups?" above "Support
    us"); full sentences keep their own verdict.
    """
    lines: list[tuple[int, int, bool]] = []  # start, end, furniture
    pos = 0
    in_box = in_list = gap = strict = False
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if not in_box and _BOX_START.match(body):
            in_box = True
        if not body.strip():
            gap = gap or in_list  # a list of links may go on after a blank line, with another headline
            in_list = False
        elif gap or (strict and in_list):
            # "Читайте также:", a blank line, then headlines: past a blank line the list goes on
            # only line by line, while each line reads as a headline (a paragraph ends it)
            gap, strict = False, True
            in_list = _is_headline(body)
        lines.append((pos, pos + len(body), in_box or in_list or _is_furniture(body)))
        if _is_list_head(body):
            in_list, gap, strict = True, False, False
        pos += len(line)
    spans: list[tuple[int, int]] = []
    block: list[tuple[int, int, bool]] = []
    for item in [*lines, (0, 0, False)]:
        start, end, _ = item
        if end > start and text[start:end].strip():
            block.append(item)
            continue
        if block:
            whole = len(block) >= 2 and sum(f for _, _, f in block) * 2 >= len(block)
            spans.extend((a, b) for a, b, f in block
                         if f or (whole and _is_label(text[a:b])))
            block = []
    return spans


def mask_furniture(text: str) -> str:
    """The text with furniture blanked by spaces: same length, so spans still index the input.

    Built from slices (spans come in order and never overlap), and most texts have no furniture
    at all: they come back as they are, not exploded into a list of characters and rejoined.
    """
    spans = furniture_spans(text)
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for s, e in spans:
        parts += (text[pos:s], " " * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def clean_text(text: str) -> str:
    """The article body without furniture lines and with tidy paragraph breaks."""
    masked = mask_furniture(text.replace("\r\n", "\n"))
    lines = [ln.rstrip() for ln in masked.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln.strip():
            out.append(ln.strip())
        elif out and out[-1] != "":
            out.append("")
    return "\n".join(out).strip()
