"""The learned layer for what the rules leave unclaimed: an actor and a country named in one
sentence, scored by a linear model over the words around them.

Why: on the labelled sets, two misses in three are an actor and a country in one sentence that
no rule connects ("des militaires russes ont suivi les putschistes au Niger", a list whose items
are split by asides, a verb no lexicon lists). Another hand rule per construction is how the
rules got here; a logistic regression over plain features of the pair reads the many small
constructions at once. Scored leave-one-set-out (``bench/accuracy.py --loso``) it adds recall at
the rules' precision, and the held-out blind sets it never saw moved the same way.

The rules keep the first word: the layer only scores pairs that no rule claimed (present or
ended), and says "present" or nothing. Its claims carry rule id ``cooccurrence`` and the model's
probability as their confidence, with the sentence as evidence, so a reader sees why and can
discount them. The model is data (``data/cooccurrence.json``, built by
``scripts/build_models.py``): scoring is a dot product, with no learning library at run
time. ``rules_only()`` turns the layer off: what it is trained and scored leave-one-set-out on.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import news.presence.cues as cues
from geo.sentences import sentence_spans
from geo.types import Mention
from news.models import Article, Claim
from news.presence.actors import ActorHit, ActorPatterns, actor_hits, actor_words
from news.presence.clauses import asserts_nothing, clause_spans

RULE = "cooccurrence"
# How the model is fitted (scripts/build_models.py, and bench/accuracy.py --loso, which must
# fit the same way): L2 strength (scikit-learn's C) and the probability a pair needs, chosen
# leave-one-set-out over 91 sets (summed F1 gain, pooled precision; the rules alone 0.866): 0.3 and
# 0.6 +1.21, 0.860; 0.3 and 0.5 +1.40, 0.855; 1.0 and 0.6 +1.37, 0.856. The bar asks precision first.
# Chosen again after every later learned part (ten folds over 115 sets, pooled F1 with all of
# them, the cross-sentence layer at 0.5 / 0.55): 0.6 0.8449 / 0.8454, 0.55 0.8458 / -, 0.5 0.8464
# / 0.8469 (P 0.872), 0.45 0.8466 / 0.8471 (P 0.869), 0.4 0.8468 (P 0.862) / -. A flat top; 0.5
# keeps pooled precision over 0.87.
STRENGTH = 0.3
THRESHOLD = 0.5
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[\w'’-]+")
_EDGES = (0, 1, 2, 3, 5, 8, 12, 20)


def bucket(n: int) -> str:
    """A count as the smallest edge it does not pass: small counts apart, large ones together."""
    return next((str(e) for e in _EDGES if n <= e), "big")


def era(actor: str, published: date | None) -> set[str]:
    """The article's era for ``actor`` as a feature ("era=wagner:2024"), none without a date.

    Why: the same words weigh differently as the years pass. Before June 2023 a paragraph on
    Wagner is mostly news of its men on the ground; after the mutiny, its founder's death and the
    Africa Corps taking over its African posts (2024, Mali in 2025), it is as often background.
    One weight per actor and era (before 2023, 2023, 2024, since 2025) lets each learned part read
    that, and no more: a set's own articles cannot be learned by eight numbers. Ten folds over
    118 sets (every tenth set held out together), pooled presence F1 with every learned part: the
    cross-sentence layer 0.8493 -> 0.8526 with it, the status check 0.8461 -> 0.8473, the
    co-occurrence layer 0.8461 -> 0.8470, the support check no change."""
    if published is None:
        return set()
    year = published.year
    span = "before2023" if year < 2023 else ("since2025" if year >= 2025 else str(year))
    return {f"era={actor}:{span}"}


def centre_eras(weights: dict[str, float], features: list[set[str]]) -> dict[str, float]:
    """``weights`` with each actor's era weights centred on their mean over the examples in
    ``features``, the mean moved to the actor's own feature ("actor=wagner").

    Why: every labelled article has a date, so a model fitted on them reads "no date" as an era it
    never saw, and an undated article lost the part of a weight the eras had taken (a takeover
    told plainly scored 0.47 undated against 0.64-0.88 dated). Every example naming an actor's
    era also names the actor, so a dated pair scores exactly as before, and an undated one gets
    the average era."""
    counts = Counter(f for fs in features for f in fs if f.startswith("era="))
    by_actor: dict[str, list[str]] = {}
    for name in counts:
        by_actor.setdefault(name[4:].split(":", 1)[0], []).append(name)
    out = dict(weights)
    for actor, names in by_actor.items():
        mean = sum(out.get(n, 0.0) * counts[n] for n in names) / sum(counts[n] for n in names)
        for n in names:
            out[n] = out.get(n, 0.0) - mean
        out["actor=" + actor] = out.get("actor=" + actor, 0.0) + mean
    return out


@dataclass(frozen=True)
class Sighting:
    """One place in the text where the pair co-occurs: a sentence, the country's mention in it,
    the actor phrase, and the features of this co-occurrence alone."""

    span: tuple[int, int]
    mention: Mention
    phrase: str
    features: frozenset[str]


@dataclass
class Pair:
    """An (actor, country) pair an article names in one sentence or more: what the model reads of
    it (``features``, pooled over every sighting) and each sighting, so a claim can quote the one
    that says it best."""

    actor: str
    iso3: str
    features: set[str] = field(default_factory=set)
    sentences: int = 0
    sightings: list[Sighting] = field(default_factory=list)

    def best(self, weights: dict[str, float]) -> Sighting:
        """The sighting whose own features the model weighs highest (the first among equals): the
        sentence a reader is shown as the claim's evidence, not merely the first one."""
        return max(self.sightings, key=lambda s: sum(weights.get(f, 0.0) for f in s.features))


# What the layer never reads past in a clause: a negation, a plan or condition, a leaving cue. Why:
# the rules read their scope clause by clause; a bag of words cannot, and a guess of "present"
# over "n'a jamais combattu en Syrie" or "ont quitté Bambari" is the error users notice first.
_VETO = (cues.NEGATION, cues.MODAL, cues.ENDED)


def _sentence_flags(sentence: str) -> list[str]:
    """The cue classes a sentence holds, named: a cue word read anywhere in the sentence is a
    hint the model weighs, not the rules' clause-bound decision."""
    flags = []
    present = cues.first_present(sentence)
    if present is not None:
        flags += ["cue_present", "cue=" + present.group(0).lower()[:25]]
    for name, pattern in (("cue_ended", cues.ENDED), ("cue_neg", cues.NEGATION), ("cue_modal", cues.MODAL),
                          ("cue_hedge", cues.HEDGE)):
        if pattern.search(sentence):
            flags.append(name)
    return flags


def _pair_features(text: str, s_start: int, s_end: int, hit: ActorHit, m: Mention) -> Iterator[str]:
    """What one co-occurrence of the actor phrase ``hit`` and the mention ``m`` looks like: their
    order and distance, the words between them (when few), around the country and after the
    actor phrase, and the kinds of both."""
    if hit.start < m.start:
        between, order = _WORD.findall(text[hit.end:m.start]), "a<c"
    else:
        between, order = _WORD.findall(text[m.end:hit.start]), "c<a"
    yield "order=" + order
    yield "dist=" + bucket(len(between))
    if len(between) <= 10:
        yield from ("btw=" + w.lower() for w in between)
    before = _WORD.findall(text[max(s_start, m.start - 30):m.start])
    if before:
        yield "prev=" + before[-1].lower()
    if len(before) > 1:
        yield "prev2=" + " ".join(before[-2:]).lower()
    yield from ("win=" + w.lower() for w in before[-4:])
    yield from ("hwin=" + w.lower() for w in _WORD.findall(text[hit.end:min(s_end, hit.end + 40)])[:4])
    after = _WORD.findall(text[m.end:min(s_end, m.end + 20)])
    yield "next=" + (after[0].lower() if after else "<end>")
    yield "via=" + hit.via
    yield "kind=" + m.kind
    yield "hw=" + hit.text.lower()[:30]


def _clauses(text: str, actor_at: int, place_at: int, spans: list[tuple[int, int]],
             free: list[tuple[int, int]]) -> tuple[str, ...] | None:
    """Whether the layer reads an actor and a place of one sentence together, and how: in one
    clause free of a veto cue (no feature), or in two such clauses parted only by punctuation
    ("clause=other": a colon or dash the clause splitter cut at, "Wagner's reach is wide: its men
    have shadowed the junta in Mali"); None when either sits in a clause with a denial, a plan or
    a departure, or when a semicolon or a word ("while", "mais", "а") parts them: those join two
    statements, often about another force ("Russian instructors drilled in Sudan, while the army
    of Chad watched").

    Why across clauses at all: leave-one-set-out over 100 sets, summed F1 82.773 -> 82.902,
    pooled precision 0.859 -> 0.858, recall 0.786 -> 0.789. Crossing any boundary but a
    semicolon scored the same (82.922) and was dropped for the guesses it allows."""
    if any(a <= actor_at < b and a <= place_at < b for a, b in spans):
        return () if any(a <= actor_at < b and a <= place_at < b for a, b in free) else None
    if not (any(a <= actor_at < b for a, b in free) and any(a <= place_at < b for a, b in free)):
        return None
    lo, hi = sorted((actor_at, place_at))
    if any(";" in text[b:c] or _LETTER.search(text, b, c) for (_, b), (c, _) in pairwise(spans)
           if lo <= b and c <= hi):
        return None
    return ("clause=other",)


@dataclass(frozen=True)
class _Sentence:
    """One sentence that names an actor and a country, as both layers read it."""

    start: int
    end: int
    hits: list[ActorHit]
    mentions: list[Mention]
    shared: list[str]  # the sentence's own features
    clauses: list[tuple[int, int]]
    free: list[tuple[int, int]]  # the clauses with no veto cue


_LAST_WALK: dict[str, tuple[tuple, list[_Sentence], dict[str, set[int]]]] = {}


def _walk(text: str, mentions: list[Mention], comp: ActorPatterns) -> list[_Sentence]:
    """The sentences of ``text`` that name an actor (pronouns resolved as the rules resolve them)
    and a country and assert something. Kept for the last article: the status and support checks,
    this layer and the cross-sentence layer all read it within one ``find_claims`` (a second walk
    cost +1.6 ms on a long article)."""
    return _walked(text, mentions, comp)[0]


def actor_sentences(text: str, mentions: list[Mention], comp: ActorPatterns) -> dict[str, set[int]]:
    """For each actor, the indexes (in ``sentence_spans(text)``) of the sentences that name it,
    pronouns resolved as the rules resolve them: read in the same walk as ``_walk``."""
    return _walked(text, mentions, comp)[1]


def _walked(text: str, mentions: list[Mention], comp: ActorPatterns) -> tuple[list[_Sentence], dict[str, set[int]]]:
    key = (text, id(comp), tuple((m.start, m.iso3) for m in mentions))
    cached = _LAST_WALK.get("last")
    if cached is not None and cached[0] == key:
        return cached[1], cached[2]
    words = actor_words(text, comp)
    out: list[_Sentence] = []
    named: dict[str, set[int]] = {}
    first = True
    mi = 0
    last: str | None = None  # the actor named last, and the one the sentence before opened on
    subject: str | None = None
    for k, (s_start, s_end) in enumerate(sentence_spans(text)):
        in_sentence = []
        while mi < len(mentions) and mentions[mi].start < s_end:
            if mentions[mi].start >= s_start:
                in_sentence.append(mentions[mi])
            mi += 1
        opening, first = first, False
        mask = words.between(s_start, s_end)
        if not mask:
            continue
        sentence = text[s_start:s_end]
        # "they", "the group", "il" point to the actor named last, as the rules read them
        hits = [h for h in actor_hits(sentence, s_start, comp, last, mask, subject) if h.actor]
        if hits:
            last, subject = hits[-1].actor, min(hits, key=lambda h: h.start).actor
            for h in hits:
                named.setdefault(h.actor, set()).add(k)
        if not hits or not in_sentence or asserts_nothing(sentence):
            continue  # (a question asserts nothing)
        shared = _sentence_flags(sentence) + ["niso=" + bucket(len({m.iso3 for m in in_sentence}))]
        if opening:
            shared.append("first_sent")
        clauses = clause_spans(sentence, s_start)
        free = [(a, b) for a, b in clauses if not any(words.search(text, a, b) for words in _VETO)]
        out.append(_Sentence(s_start, s_end, hits, in_sentence, shared, clauses, free))
    _LAST_WALK["last"] = (key, out, named)  # one assignment: another thread sees the old or the new
    return out, named


def unclaimed_pairs(article: Article, mentions: Iterable[Mention], claims: Iterable[Claim],
                    comp: ActorPatterns, whole_sentences: bool = False) -> list[Pair]:
    """Every (actor, country) pair named in one sentence that no claim covers, with its features.

    ``mentions`` are extraction's (``geo.extract``), ``claims`` the rules' for the same article.
    A pair is skipped when the country is the actor's home. With ``whole_sentences`` a sentence
    is read as one clause with no veto: what the status check (``news.presence.endings``) needs,
    since a departure is told in the very clauses this layer leaves alone."""
    text = article.text or ""
    mentions = sorted(mentions, key=lambda m: m.start)
    claims = list(claims)
    claimed = {(c.actor, c.iso3) for c in claims}
    per_actor = Counter(c.actor for c in claims)
    claimed_countries = {c.iso3 for c in claims}
    per_country = Counter(m.iso3 for m in mentions)
    pairs: dict[tuple[str, str], Pair] = {}
    for sent in _walk(text, mentions, comp):
        s_start, s_end = sent.start, sent.end
        # the clauses free of a denial, a plan, a departure: the rules' to read, never a guess
        spans, free = ([(s_start, s_end)],) * 2 if whole_sentences else (sent.clauses, sent.free)
        for hit in sent.hits:
            for m in sent.mentions:
                key = (hit.actor, m.iso3)
                if m.iso3 in comp.home.get(hit.actor, ()) or key in claimed:
                    continue
                where = _clauses(text, hit.start, m.start, spans, free)
                if where is None:
                    continue
                local = frozenset((*_pair_features(text, s_start, s_end, hit, m), *sent.shared, *where))
                pair = pairs.get(key)
                if pair is None:
                    pair = pairs[key] = Pair(hit.actor, m.iso3)
                if not pair.sightings or pair.sightings[-1].span != (s_start, s_end):
                    pair.sentences += 1
                pair.sightings.append(Sighting((s_start, s_end), m, hit.text, local))
                pair.features.update(local)
    language = article.language or ""
    for pair in pairs.values():
        pair.features.update((
            "nco=" + bucket(pair.sentences), "lang=" + language, "actor=" + pair.actor,
            "isocount=" + bucket(per_country[pair.iso3]), "actorclaims=" + bucket(per_actor[pair.actor])))
        pair.features |= era(pair.actor, article.published)
        if pair.iso3 in claimed_countries:
            pair.features.add("other_claims_iso")
        if not per_actor[pair.actor]:
            pair.features.add("actor_unclaimed")
    return list(pairs.values())


@dataclass(frozen=True)
class Model:
    """A logistic model over binary features: P(the pair is a presence the article asserts)."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, features: Iterable[str]) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def read_model(path: Path) -> Model | None:
    """A model file as the build scripts write it; None (that layer off) when it is missing or
    unreadable, so the rules still run on a damaged install."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Model({str(k): float(v) for k, v in data["weights"].items()},
                     float(data["intercept"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The model in data/cooccurrence.json (None: the layer off)."""
    from geo.paths import COOCCURRENCE

    return read_model(COOCCURRENCE)


_OFF = {"on": False}


def learned_on() -> bool:
    """Whether the learned layers run: not inside ``rules_only()``."""
    return not _OFF["on"]


@contextmanager
def rules_only() -> Iterator[None]:
    """The rules' claims alone inside the block, with neither learned layer (this one and
    ``news.presence.endings``): what both are trained and scored on."""
    before, _OFF["on"] = _OFF["on"], True
    try:
        yield
    finally:
        _OFF["on"] = before  # nested blocks leave the outer one in force


def learned_claims(article: Article, mentions: list[Mention], claims: list[Claim], comp: ActorPatterns,
                   model: Model | None = None) -> list[Claim]:
    """Present claims for the unclaimed pairs the model scores at or above its threshold."""
    model = model or (load_model() if learned_on() else None)
    if model is None:
        return []
    text = article.text or ""
    out = []
    for pair in unclaimed_pairs(article, mentions, claims, comp):
        p = model.probability(pair.features)
        if p < model.threshold:
            continue
        best = pair.best(model.weights)
        m, (a, b) = best.mention, best.span
        out.append(layer_claim(article, pair.actor, m, text[a:b].strip(), f"{best.phrase} … {m.surface}", p, RULE))
    return out


def layer_claim(article: Article, actor: str, mention: Mention, evidence: str, cue: str, probability: float,
                rule: str) -> Claim:
    """A learned layer's claim: present, in the mention's country, at the mention's town when it
    names one, with the model's probability as confidence and the layer's rule id, so a reader
    sees that a model, not a rule, made it (this layer and ``news.presence.crosssentence``)."""
    m = mention
    return Claim(article.id, actor, m.iso3, m.name if m.kind in ("city", "capital") else None, m.lat, m.lon,
                 "present", article.published, evidence, cue, round(probability, 3), rule)
