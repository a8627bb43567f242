"""What a clause's rules read besides the clause's own words, as small typed records.

The rules used to pass these as long lists of loose arguments (up to eleven); a record names
each part once, with its type, and lets a helper take what it reads as one argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from geo.types import Mention
from news.models import Article
from news.presence.actors import ActorHit, ActorPatterns
from news.presence.enumerations import Locatives
from news.wordmatch import WordMatch

# a cue found by a word list (``news.wordmatch``) or a regex: the rules read its words and start
CueMatch = WordMatch | re.Match[str]


class Target(NamedTuple):
    """A place a rule puts an actor in, before the clause-wide checks (negation, hedges) decide
    on the claim: the place, ``present`` or ``ended``, the cue words, a confidence, the rule id."""

    place: Mention
    status: str
    cue: str
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """What the rules of a clause read beyond the clause: its article and sentence, and the places
    named so far. ``text`` is the article's text (every offset indexes it); ``mentions`` are the
    sentence's places and ``history`` those of the article before them, for pointers (the list
    grows as the article is read: clauses later in the sentence see the earlier ones' places)."""

    article: Article
    text: str
    sentence: str
    start: int
    mentions: list[Mention]
    history: list[Mention]
    comp: ActorPatterns
    # the country named by the heading of the section the sentence is in (``section_topic``)
    topic: Mention | None = None


@dataclass(frozen=True, slots=True)
class ClauseContext:
    """One clause as its rules read it, once the clause-wide facts are known: ``clause`` is
    ``text[start:end]`` (after a framing visit is cut off), ``hits`` its actor phrases,
    ``mentions`` its places (those before a plan only, when it holds one), ``present_cue`` its
    presence cue, ``negated`` whether it holds a negation, ``may_end`` whether a leaving word
    may occur in it, and ``locative_at(i)`` whether its i-th place is in a locative position."""

    text: str
    clause: str
    start: int
    end: int
    hits: list[ActorHit]
    mentions: list[Mention]
    present_cue: CueMatch | None
    negated: bool
    may_end: bool
    locative_at: Locatives
