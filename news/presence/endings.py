"""The learned check on status: a pair the rules call present that the article says has ended.

Why: on the labelled sets a third of the wrong triples are right pairs with the wrong status, and
most of those are stays the rules read as present where the article also tells the end, in words
no leaving cue lists or in a clause the cue does not reach ("le groupe Wagner a annoncé que sa
« mission » au Mali était terminée et que ses hommes rentraient", "В Мали ЧВК объявила об
окончании миссии, и её сменил корпус"). A status error costs twice (a wrong triple and a missed
one); a logistic model over the words of the sentences where the actor and the country meet, and
of those that name the country, finds those ends at the article level. Scored leave-one-set-out
over 100 sets, at probability 0.6 it turned 118 present pairs to ended rightly against 17
wrongly (a cue-free rule, "an ended cue in a sentence with the pair", would be right 112 times
and wrong 788).

The rules keep the first word: only pairs every rule claim calls present are checked, and a
flipped pair keeps one claim, status ``ended``, rule id ``ended-learned``, the model's probability
as confidence and, as evidence, the sentence whose words weigh most toward an end. The model is
data (``data/endings.json``, built by ``scripts/build_models.py``); ``rules_only()`` turns it
off with the co-occurrence layer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from geo.sentences import sentence_spans
from geo.types import Mention
from news.models import Article, Claim
from news.presence.actors import ActorPatterns
from news.presence.cooccurrence import Model, era, learned_on, read_model, unclaimed_pairs

RULE = "ended-learned"
# How the model is fitted (scripts/build_models.py and the leave-one-set-out test fit the same
# way): L2 strength (scikit-learn's C) and the probability a flip needs. Chosen leave-one-set-out
# over 100 sets, right/wrong flips: C 1.0 at 0.6 118/17, at 0.5 125/24, at 0.7 96/15; C 0.3 at
# 0.6 84/12; without the country's sentences (cw=) 105/23; without any sentence words 36/11.
STRENGTH = 1.0
THRESHOLD = 0.6
_WORD = re.compile(r"[\w'’-]+")


@dataclass
class Ending:
    """What the model reads of one present pair: its features, and the sentences it may quote,
    each with the features that sentence alone gives."""

    actor: str
    iso3: str
    features: set[str] = field(default_factory=set)
    # what the rules said of the pair (``said_features``): read by the support check
    # (news/presence/support.py), not by this one
    said: set[str] = field(default_factory=set)
    sentences: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)


def _words(text: str, start: int, end: int, prefix: str) -> set[str]:
    return {prefix + w.lower() for w in _WORD.findall(text[start:end])}


def present_pairs(claims: Iterable[Claim]) -> set[tuple[str, str]]:
    """The (actor, country) pairs whose every claim says present."""
    status: dict[tuple[str, str], set[str]] = {}
    for c in claims:
        status.setdefault((c.actor, c.iso3), set()).add(c.status)
    return {pair for pair, seen in status.items() if seen == {"present"}}


def said_features(claims: Iterable[Claim]) -> set[str]:
    """What the rules said of one pair, as features: each part of each claim's rule id
    ("rule=locative-cue", "rule=hedged"), background, how many claims (capped at four) and the
    highest confidence in tenths, as the rules give it (before calibration)."""
    claims = list(claims)
    out = {"rule=" + part for c in claims for part in (c.rules or "?").split("+")}
    if any(c.background for c in claims):
        out.add("background")
    if claims:
        out.add(f"n={min(len(claims), 4)}")
        out.add(f"conf>={int(max(c.confidence for c in claims) * 10)}")
    return out


def ending_features(article: Article, mentions: list[Mention], comp: ActorPatterns,
                    pairs: Iterable[tuple[str, str]], claims: Iterable[Claim] = ()) -> list[Ending]:
    """The features of each pair in ``pairs``: the co-occurrence layer's, read over whole sentences
    with no veto (prefixed "p:"); the words of each sentence where actor and country meet ("sw=")
    and of each sentence naming the country ("cw="); the language, the actor and the article's era
    (``cooccurrence.era``). ``claims`` (the rules') fill each pair's ``said``."""
    text = article.text or ""
    wanted = set(pairs)
    by_pair: dict[tuple[str, str], list[Claim]] = {}
    for c in claims:
        by_pair.setdefault((c.actor, c.iso3), []).append(c)
    if not wanted:
        return []
    sighted = {(p.actor, p.iso3): p for p in unclaimed_pairs(article, mentions, [], comp, whole_sentences=True)}
    # each country's sentences with their words, once per article (two actors may share a country)
    spans = list(sentence_spans(text))
    starts = [a for a, _ in spans]
    naming: dict[str, dict[tuple[int, int], tuple[Mention, set[str]]]] = {}
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and m.start < spans[i][1] and spans[i] not in naming.setdefault(m.iso3, {}):
            naming[m.iso3][spans[i]] = (m, _words(text, *spans[i], "cw="))
    out = []
    for actor, iso3 in sorted(wanted):
        ending = Ending(actor, iso3, {"lang=" + (article.language or ""), "actor=" + actor,
                                      *era(actor, article.published)},
                        said_features(by_pair.get((actor, iso3), ())))
        pair = sighted.get((actor, iso3))
        if pair is None:
            ending.features.add("nosight")
        else:
            # the pair's era is the ending's own (one era feature per example: ``centre_eras``)
            ending.features.update("p:" + f for f in pair.features if not f.startswith("era="))
            for s in pair.sightings:
                words = _words(text, *s.span, "sw=")
                ending.features |= words
                ending.sentences.setdefault(s.span, set()).update(words)
                ending.mentions.setdefault(s.span, s.mention)
        for span, (m, words) in naming.get(iso3, {}).items():
            ending.features |= words
            ending.sentences.setdefault(span, set()).update(words)
            ending.mentions.setdefault(span, m)
        out.append(ending)
    return out


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The model in data/endings.json (None: the check off)."""
    from geo.paths import ENDINGS

    return read_model(ENDINGS)


def learned_endings(article: Article, mentions: list[Mention], claims: list[Claim], comp: ActorPatterns,
                    model: Model | None = None, features: list[Ending] | None = None) -> list[Claim]:
    """``claims`` with each present pair the model scores at or above its threshold turned to
    one ended claim quoting the sentence that weighs most toward an end. ``features``: the
    pairs' ``ending_features`` when the caller has them already (the support check does)."""
    model = model or (load_model() if learned_on() else None)
    if model is None:
        return claims
    text = article.text or ""
    ended: dict[tuple[str, str], Claim] = {}
    pairs = present_pairs(claims)
    if features is None:
        features = ending_features(article, mentions, comp, pairs)
    for e in features:
        if (e.actor, e.iso3) not in pairs:
            continue
        p = model.probability(e.features)
        if p < model.threshold or not e.sentences:
            continue
        span = max(e.sentences, key=lambda s: sum(model.weights.get(f, 0.0) for f in e.sentences[s]))
        m = e.mentions[span]
        cue = max(e.sentences[span], key=lambda f: model.weights.get(f, 0.0)).split("=", 1)[1]
        ended[(e.actor, e.iso3)] = Claim(
            article.id, e.actor, e.iso3, m.name if m.kind in ("city", "capital") else None, m.lat, m.lon,
            "ended", article.published, text[span[0]:span[1]].strip(), cue, round(p, 3), RULE)
    if not ended:
        return claims
    out = [c for c in claims if (c.actor, c.iso3) not in ended]
    return out + list(ended.values())
