"""Which sentences put an actor on the ground in a country, present or ended.

Rule-based on purpose: every claim must lead a reader back to the sentence and the words
that made it (``evidence`` and ``cue``), and a rule can be read, tested and argued with.

Per sentence, split into clauses (";", "but", "while"), a claim needs:
1. an actor: a name ("Wagner", "Africa Corps"), a demonym next to a force noun
   ("Russian instructors"), a state with a force noun in the clause ("Moscow sent
   instructors"), or a phrase pointing back to the last actor named ("the group");
2. a place: a country mention in a locative position ("in Mali", "reached Libya",
   "Malian troops"), or a phrase pointing back to one ("there", "the country", "туда");
   never the actor's home, a speaker ("US officials said"), or a border ("with Algeria");
3. a presence cue (deployed, fighting, based, trains...) or a leaving cue whose object is
   the country ("left Mozambique", "уход из Мали");
4. no plan, conditional, visit or negation in the clause ("could deploy", "denied that").
Per article, a pair that has an ``ended`` claim is ended: a report of departure outranks
the background sentences about the stay it ends.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import ahocorasick

from geo.extract import boundary_form
from geo.sentences import sentence_spans
from geo.types import Mention
from news.actors import ActorConfig, load_config, word_pattern
from news.models import Article, Claim
from news.presence import cues
from news.presence.calibration import calibrate as _calibrate
from news.presence.calibration import learned_confidences, raw_confidences

LOCATIVE_WINDOW = 4  # words between a locative preposition and the country


@dataclass(slots=True)
class ActorHit:
    actor: str
    start: int
    end: int
    text: str
    via: str  # "name" | "force" | "state" | "anaphora"


@dataclass(frozen=True)
class _Compiled:
    names: dict[str, re.Pattern]
    forces: dict[str, re.Pattern]
    demonyms: dict[str, re.Pattern]
    states: dict[str, re.Pattern]
    anaphora: re.Pattern | None
    home: dict[str, tuple[str, ...]]
    # the key word of every actor phrase, as " word " (or " prefix" for a word ending in *),
    # valued (key length, bits of the patterns it can start): a cheap skip for most clauses
    first_automaton: ahocorasick.Automaton | None = None
    # which pattern a key word can start: ("names"|"demonyms"|"states"|"anaphora", actor) -> bit
    bits: dict[tuple[str, str], int] = field(default_factory=dict)
    # the same tables as (bit, key, pattern[, force pattern]) rows, for the per-clause loops
    name_rows: tuple = ()
    demonym_rows: tuple = ()
    state_rows: tuple = ()


_COMPILED: dict[int, tuple[ActorConfig, _Compiled]] = {}


def _compile(config: ActorConfig) -> _Compiled:
    """Compiled patterns, once per config object (configs are loaded once and cached)."""
    cached = _COMPILED.get(id(config))
    if cached is not None and cached[0] is config:
        return cached[1]
    comp = _compile_uncached(config)
    _COMPILED[id(config)] = (config, comp)
    return comp


def _compile_uncached(config: ActorConfig) -> _Compiled:
    def pats(attr: str) -> dict[str, re.Pattern]:
        out = {}
        for key, actor in config.actors.items():
            p = word_pattern(getattr(actor, attr))
            if p is not None:
                out[key] = p
        return out

    bits: dict[tuple[str, str], int] = {}
    masks: dict[str, int] = {}  # automaton key -> bits of the patterns it can start
    groups: list[tuple[tuple[str, str], tuple[str, ...]]] = [(("anaphora", ""), tuple(config.anaphora))]
    for k, actor in config.actors.items():
        groups += [(("names", k), actor.names), (("demonyms", k), actor.demonyms), (("states", k), actor.states)]
    for group, phrases in groups:
        bit = bits.setdefault(group, 1 << len(bits))
        for phrase in phrases:
            words = re.findall(r"\w+\*?", phrase)
            if not words:
                continue
            # the longest word is the rarest: "group" for "the group", "kremlin" for "the Kremlin"
            key = max(words, key=lambda w: len(w.rstrip("*"))).lower()
            if key.endswith("*") or (key == words[-1].lower() and phrase.endswith("*")):
                akey = f" {key.rstrip('*')}"
            else:
                akey = f" {key} "
            masks[akey] = masks.get(akey, 0) | bit
    auto = ahocorasick.Automaton()
    for akey, mask in masks.items():
        auto.add_word(akey, (len(akey), mask))
    auto.make_automaton()
    names, forces, demonyms, states = pats("names"), pats("forces"), pats("demonyms"), pats("states")
    return _Compiled(names, forces, demonyms, states,
                     word_pattern(config.anaphora), {k: a.home for k, a in config.actors.items()},
                     auto if masks else None, bits,
                     tuple((bits[("names", k)], k, p) for k, p in names.items()),
                     tuple((bits[("demonyms", k)], k, p, forces[k]) for k, p in demonyms.items() if k in forces),
                     tuple((bits[("states", k)], k, p, forces[k]) for k, p in states.items() if k in forces))


def _actor_word_starts(text: str, comp: _Compiled) -> tuple[list[int], list[int]]:
    """Offsets of the words that could belong to an actor phrase, in order, and for each the
    bits (``_Compiled.bits``) of the patterns it could belong to.

    One automaton pass over the boundary form extraction already made (cached), instead of
    splitting the article into lowercase tokens: the boundary form splits on every non-word
    character, so it finds at least every word the tokens would. A pattern can match in a
    clause only if its key word is there, so a clause runs only the patterns its words name.
    """
    if comp.first_automaton is None or not text:
        return [], []
    padded = " " + boundary_form(text) + " "
    found: dict[int, int] = {}
    # a key " w" ends at padded index e; its word starts at padded[e - len + 2] = text[e - len + 1]
    for e, (n, mask) in comp.first_automaton.iter(padded):
        found[e - n + 1] = found.get(e - n + 1, 0) | mask
    starts = sorted(found)
    return starts, [found[a] for a in starts]


def _mask_between(starts: list[int], masks: list[int], a: int, b: int) -> int:
    """The pattern bits of the key words that start in ``[a, b)`` (0: no actor word there)."""
    mask = 0
    for i in range(bisect.bisect_left(starts, a), len(starts)):
        if starts[i] >= b:
            break
        mask |= masks[i]
    return mask


def _actor_hits(clause: str, offset: int, comp: _Compiled, last_actor: str | None, mask: int = -1) -> list[ActorHit]:
    """Actor phrases of a clause. A hit with actor "" names another armed group ("Bear, a small
    Russian private military company"): it claims nothing, and words pointing back ("its
    fighters") then point at that group, not at the actor named before it."""
    hits = _actor_hits_raw(clause, offset, comp, last_actor, mask)
    if len({h.actor for h in hits if h.actor}) > 1:
        # Two actors: the one inside an apposition is not the subject ("Africa Corps, the force
        # created to take over Wagner's operations, said ...").
        masked = cues.APPOSITION.sub(lambda m: " " * len(m.group(0)), clause)
        if masked != clause:
            return _actor_hits_raw(masked, offset, comp, None, mask)
    return hits


def _actor_hits_raw(clause: str, offset: int, comp: _Compiled, last_actor: str | None,
                    mask: int = -1) -> list[ActorHit]:
    """Actor phrases in a clause; ``mask`` (from ``_mask_between``) says which patterns can match."""
    hits: list[ActorHit] = []
    for bit, key, pat in comp.name_rows:
        if not mask & bit:
            continue
        for m in pat.finditer(clause):
            other = _PMC_NAMED.match(clause, m.end()) if _GENERIC_PMC.fullmatch(m.group(0)) else None
            if other and not _actor_named(other, comp):  # "ЧВК «Редут»": another company
                hits.append(ActorHit("", offset + m.start(), offset + other.end(), clause[m.start():other.end()],
                                     "other"))
                continue
            hits.append(ActorHit(key, offset + m.start(), offset + m.end(), m.group(0), "name"))
    # demonym + force noun within two words ("Russian military instructors", "instructeurs russes")
    best: dict[int, ActorHit] = {}
    for bit, key, dpat, fpat in comp.demonym_rows:
        if not mask & bit:
            continue
        for d in dpat.finditer(clause):
            after = clause[d.end():d.end() + 60]
            before = clause[max(0, d.start() - 60):d.start()]
            # only the first force noun after can qualify: a later one has at least as many
            # words and stops before it
            f = fpat.search(after)
            if f is not None and len(after[:f.start()].split()) <= 2 and not _STOPS.search(after, 0, f.start()):
                span = f.end() - f.start()
                prev = best.get(d.start())
                company = _COMPANY_NAMED.match(clause, d.end() + f.end())
                named = _actor_named(company, comp) if company else None
                if named:
                    continue  # "российской частной военной компании «Вагнер»": the name says who
                if named is not None or (_COMPANY.search(f.group(0)) and _apposed_to_other(clause, d.start(), comp)):
                    best[d.start()] = ActorHit("", offset + d.start(), offset + d.end() + f.end(),
                                               clause[d.start():d.end() + f.end()], "other")
                elif prev is None or span > prev.end - prev.start:
                    best[d.start()] = ActorHit(key, offset + d.end() + f.start(), offset + d.end() + f.end(),
                                               clause[d.start():d.end() + f.end()], "force")
            for f in fpat.finditer(before):
                gap = before[f.end():]
                if len(gap.split()) <= 1 and not _STOPS.search(gap) and d.start() not in best:
                    best[d.start()] = ActorHit(key, offset + d.start() - len(before) + f.start(), offset + d.end(),
                                               clause[d.start() - len(before) + f.start():d.end()], "force")
    hits.extend(best.values())
    for bit, key, spat, fpat in comp.state_rows:
        if not mask & bit or not fpat.search(clause):
            continue
        for m in spat.finditer(clause):
            if clause[m.end():m.end() + 2] in ("'s", "’s"):
                window = _OWNED_FORCE.match(clause, m.end() + 2)  # the three words after "Russia's"
                owned = fpat.search(clause, m.end() + 2, window.end()) if window else None
                if owned:  # "Russia's air base", "Russia's own troops": its forces, not the state
                    hits.append(ActorHit(key, offset + m.start(), offset + owned.end(),
                                         clause[m.start():owned.end()], "force"))
                continue
            if _AFTER_PREPOSITION.search(clause, max(0, m.start() - 12), m.start()):
                continue  # "missions for Russia have flown into ...": not the one who acts
            following = " ".join(clause[m.end():].split()[:5])
            owns = _STATE_HAS.match(clause, m.end())  # "Moscow already has military instructors in Mali"
            if not (cues.STATE_VERB.match(clause[m.end():]) or cues.PRESENT.search(following)
                    or cues.ENDED.search(following) or (owns and fpat.search(clause, owns.end(), owns.end() + 30))):
                continue
            hits.append(ActorHit(key, offset + m.start(), offset + m.end(), m.group(0), "state"))
    if comp.anaphora is not None and last_actor and not hits and mask & comp.bits[("anaphora", "")]:
        for m in comp.anaphora.finditer(clause):
            if m.group(0).lower() == "ils" and not hits and not clause.startswith(" y ", m.end()):
                continue
            hits.append(ActorHit(last_actor, offset + m.start(), offset + m.end(), m.group(0), "anaphora"))
    if len(hits) < 2:
        return hits
    # a wagner name inside a demonym phrase ("Russia's Wagner Group") is wagner only
    names = [h for h in hits if h.via == "name"]
    return [h for h in hits if h.via == "name" or not any(n.start - 12 <= h.start < n.end and n.actor != h.actor
                                                           for n in names)]


# A country named as the owner of an office ("the US Treasury", "US intelligence documents", "the
# UK Foreign Office", "EU sanctions"): not a place that "the country" can point back to.
_INSTITUTION_AFTER = re.compile(
    r"\s+(?:Treasury|State\s+Department|Department|Congress|Senate|Pentagon|Foreign\s+Office|Foreign\s+Ministry|"
    r"Defen[cs]e\s+(?:Department|Ministry|Secretary)|intelligence|sanctions|officials?|diplomats?|embassy|envoy|"
    r"administration|government|lawmakers|Africa\s+Command|AFRICOM)\b")


# A company's own name after the word for it: quoted ("«Редут»"), or a capitalised Latin word.
_NAME_AFTER = r"\s*(?:[«\"“]\s*(?P<quoted>[\w-]+)|(?P<plain>[A-Z][\w-]+))"
# "ЧВК", "PMC": the generic word, an actor's name only when no other company's name follows it
_GENERIC_PMC = re.compile(r"ЧВК|PMC", re.IGNORECASE)
_PMC_NAMED = re.compile(_NAME_AFTER)
# "частной военной компании «Редут»", "contractors of the company Redut"
_COMPANY_NAMED = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?i:компани\w*|company|société|firm)" + _NAME_AFTER)
# a relative pronoun; a coordinator opening the next verb phrase
_RELATIVE = r"(?:which|who|qui|который|которые|которая)"
_AND_BUT = r"(?<!\w)(?:and|but|et|mais|и|но)\s+"
_STATE_HAS = re.compile(r"(?:\s*,\s*" + _RELATIVE + r")?\s+(?:already\s+|still\s+|also\s+|now\s+|encore\s+)?"
                        r"(?:has|had|have|keeps|maintains|a|possède|maintient|garde|имеет|держит|сохраняет)\s+"
                        r"(?:encore\s+|still\s+|toujours\s+)?(?:\w+\s+){0,3}?", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r",\s*" + _RELATIVE + r"\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ACTOR_IN_POINTER = re.compile(r"\s+(?:(?:in|inside|в|dans)\s+(?:the country|this country|этой стране|стране|"
                               r"le pays|ce pays)|there|там|là-bas)(?!\w)", re.IGNORECASE)
_AFTER_CONNECTIVE = re.compile(r"(?<!\w)(?:after|since|following|before|when|as|après|depuis|avant|lorsque|"
                               r"после|до|когда)(?!\w)", re.IGNORECASE)
_THAT = re.compile(r"(?<!\w)(?:that|que|qu['’]|что)(?!\w)", re.IGNORECASE)
_COMPANY = re.compile(r"compan|contractor|firm", re.IGNORECASE)
# "Bear, a small Russian private military company": the name the apposition describes
_APPOSED_NAME = re.compile(r"(?<![\w'’-])([A-ZА-ЯЁ][\w'’-]*(?:\s+[A-ZА-ЯЁ][\w'’-]*){0,3})[»\"”]?\s*,\s+"
                           r"(?:a|an|another|une?|autre)\s+(?:[\w-]+\s+){0,3}$")
# capitalised at a sentence start, they make a run of capitals no company's name
_NOT_NAME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "meanwhile", "however", "separately", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "on", "in", "by", "last", "since", "en", "le",
}


def _actor_named(name: re.Match | str, comp: _Compiled) -> str:
    """The actor one of whose names ``name`` (a string, or a ``_NAME_AFTER`` match) holds; ""
    for another company ("Редут", "Bear")."""
    if isinstance(name, re.Match):
        name = name.group("quoted") or name.group("plain")
    return next((key for key, p in comp.names.items() if p.search(name)), "")


def _apposed_to_other(clause: str, at: int, comp: _Compiled) -> bool:
    """Whether the company phrase starting at ``clause[at]`` describes a named group that is no
    actor's: "Bear, a small Russian private military company, said it was withdrawing its
    fighters" is about Bear. "Wagner, a Russian private military company" stays Wagner."""
    m = _APPOSED_NAME.search(clause, max(0, at - 80), at)
    if m is None:
        return False
    name = m.group(1)
    if any(w.lower() in _NOT_NAME_WORDS for w in name.split()):
        return False  # 'On Thursday, a Russian private military company said'
    return not _actor_named(name, comp)


_TO_NOT_MOTION = {
    "road", "route", "highway", "corridor", "way", "flights", "counterweight", "threat", "aid", "assistance", "support", "ally", "rival", "answer", "access", "close",
    "next", "loyal", "sold", "sells", "selling", "delivered", "supplied", "ties", "relations", "loans", "credit",
    "challenge", "alternative", "partner", "exports", "shipments", "risk", "danger", "message", "letter",
}
_OWNER_NOUNS = {
    "контингенты", "контингент", "контингента", "войска", "войск", "армии", "армия", "силы", "сил",
    "подразделения", "troops", "forces", "army", "contingents", "contingent", "troupes", "armée",
}
_TRANSIT_WORDS = {"via", "through", "transiting", "par", "через"}
_CLAUSE_WORDS = {"où", "where", "when", "que", "qui", "quand", "lorsque", "which", "who", "где", "когда", "что"}
_SPEECH_WORDS = {
    "told", "said", "says", "speaking", "spoke", "addressing", "testified", "briefing", "interview",
    "déclaré", "dit", "affirmé", "assuré", "devant", "заявил", "заявила", "сказал", "сказала", "сообщил",
    "выступая",
}
_INSTITUTION_NOUNS = {"think", "university", "institute", "court", "newspaper", "conference", "forum", "summit"}
_NEXT_WORD = re.compile(r"[\s'’-]*(\w+)")


def _word_after_place(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end, end + 30)
    return m.group(1).lower() if m else ""


def _is_locative(text: str, m: Mention, clause_start: int) -> bool:
    before = text[max(clause_start, m.start - 60):m.start]
    tail = before.rstrip().lower()
    if tail.endswith("according to") or _beyond_border(tail) or _is_speaker(text, m):
        return False
    if m.kind == "demonym":
        after = " ".join(text[m.end:m.end + 40].split()[:3])
        if cues.TERRITORY_AFTER.match(after.lower()):
            return True
        near_before = " ".join(before.split()[-3:])
        force = cues.LOCAL_FORCE.search(after) or cues.LOCAL_FORCE.search(near_before)
        lead = " ".join(before.split()[-6:])
        return bool(force and (cues.COMPANION.search(lead) or cues.TRAINS.search(lead)))
    if _MODIFIER_COMPOUND.match(text, m.end):
        return False  # "US-backed protests", "Russia-led alliance": a modifier, not a place
    words = [w.strip("«»\"'(),").lower() for w in before.split()[-LOCATIVE_WINDOW:]]
    if tail[-1:] in (".", ";", ":"):
        return False
    if words and words[-1] in _TRANSIT_WORDS:
        return False  # "flown to Caracas via Havana": passed through
    if words and words[-1] in _OWNER_NOUNS:
        return False  # "контингенты Белоруссии": the country's own men, not where they are
    if not _SPEECH_WORDS.isdisjoint(words):
        return False  # "told a conference in Rome", "said in Washington": where it was said
    if _word_after_place(text, m.end) in _INSTITUTION_NOUNS:
        return False  # "a researcher at a Washington think tank", "a Paris court"
    for i, w in enumerate(words):
        if not cues.LOCATIVE.has_word(w):
            continue
        if w == "to" and i and words[i - 1] in _TO_NOT_MOTION and not (words[i - 1] == "next" and m.kind != "country"):
            continue  # "a counterweight to Turkey", "a threat to Mali": not a destination; "next to Niamey" is
        if not _CLAUSE_WORDS.isdisjoint(words[i + 1:]):
            continue  # "au moment où la France ...": the preposition governs another noun
        if w in _GENITIVE and (i == 0 or (words[i - 1] not in _PLACE_NOUNS and words[i - 1] != "out")):
            if i and cues.LOCAL_FORCE.has_word(words[i - 1]) and cues.TRAINS.search(" ".join(words[:i - 1])):
                return True  # "training soldiers of the Central African Republic"
            continue  # "the government of Chad" names a state; "the city of Gyumri" a place
        return True
    return False


def _beyond_border(tail: str) -> bool:
    """Whether the lowered text before a place ends "border with", "у границы с": the country
    beyond a border is neither where the actor is nor what "the country" points back to.
    BORDER_BEFORE's Latin-script phrases are suffix tests: an end-anchored regex is tried by
    ``re`` at every position."""
    return tail.endswith(_BORDER_TAILS) or ("границ" in tail and bool(cues.BORDER_BEFORE.search(tail)))


def _is_speaker(text: str, m: Mention, cities: bool = False) -> bool:
    """"US officials said", "Mali's government denied": a country named as the one speaking (with
    ``cities``, a capital too: "Paris affirme", "Moscou répète")."""
    return m.kind not in (("demonym",) if cities else ("city", "demonym")) and bool(
        cues.SPEAKER_AFTER.match(_UNTIL_STOP.match(text, m.end, m.end + 60).group(0)))


_BORDER_TAILS = ("border with", "borders with", "frontier with", "frontiers with", "frontière avec", "frontières avec")
_GENITIVE = {"of", "de", "du"}
_PLACE_NOUNS = {
    "city", "town", "village", "region", "province", "capital", "port", "outskirts", "suburbs", "centre",
    "center", "north", "south", "east", "west", "territory", "areas", "area", "district", "parts", "part",
    "ville", "région", "capitale", "nord", "sud", "est", "ouest", "territoire", "base", "aérienne", "navale",
}
_MODIFIER_COMPOUND = re.compile(
    r"-(?:backed|led|brokered|made|supplied|funded|allied|aligned|friendly|born|trained|sponsored|style|"
    r"linked|affiliated|owned)\b", re.IGNORECASE)


def _ended_target(text: str, m: Mention, clause_start: int, may_end: bool = True) -> str | None:
    """The leaving cue that has this country as its object, if any ("withdrew from Mali").

    ``may_end`` False (the clause holds no leaving word) skips the search before the place.
    """
    if m.kind not in ("country", "region"):
        return None  # leaving a city is a move inside the country, not a departure
    if text.startswith(("'s", "’s"), m.end) and cues.PART_OF.match(text[m.end:m.end + 40]):
        return None  # "out of the CAR's northeast": still in the country
    before = text[max(clause_start, m.start - 45):m.start]
    if _ends_with_word(before, _DESTINATION_WORDS):
        return None  # "left for Libya", "withdrew to Jufra": where they went, not what they left
    found = None
    if may_end:
        found = _leaving_cue_before(before, lambda between: len(between.split()) <= 4 and not _COMMA.search(between)
                                    and not _INNER_PREP.search(between))
    if found is None and may_end and _COMMA_LOCATOR.search(before, max(0, len(before) - 16)):
        # "a quitté la base navale de Cam Ranh, au Vietnam": the country locates the place left
        found = _leaving_cue_before(text[max(clause_start, m.start - 90):m.start], lambda between: len(
            between.split()) <= 10 and between.count(",") == 1 and _LOCATOR_TAIL.search(between) is not None)
    if found is None and may_end:
        # "completion of its mission in Mali": the inner "in" belongs to the mission
        found = _leaving_cue_before(before, lambda between: len(between.split()) <= 4
                                    and _MISSION.search(between) is not None and not _COMMA.search(between))
    if found is None and may_end and _FROM_BEFORE.search(before, max(0, len(before) - 14)):
        # "the withdrawal of its peacekeeping contingent from Azerbaijan": what leaves is named
        # between the cue and "from"
        found = _leaving_cue_before(text[max(clause_start, m.start - 70):m.start], lambda between: len(
            between.split()) <= 7 and not _COMMA.search(between) and not _INNER_PREP.search(between))
    if found is None and _ends_with_word(before, _FROM_WORDS):
        after = text[m.end:m.end + 30]
        c = cues.ENDED.search(after)
        if c and len(after[:c.start()].split()) <= 2:
            found = c.group(0)  # "из Мали не уходят"
    if found is None and _MISSION_IN.search(before, max(0, len(before) - 30)):
        over = _OVER_AFTER.match(text, m.end, m.end + 60)
        if over is not None:
            found = over.group(1)  # "the group's mission in Mali is complete", "миссия в Мали завершена"
    if found and cues.ORDERED.search(text[clause_start:m.start]):
        return None
    return found


_MISSION_IN = re.compile(r"(?:mission|operations|deployment|миссия|операция)[»\"”]?\s+(?:in|au|en|в|на)\s+(?:the\s+)?$",
                         re.IGNORECASE)
_OVER_AFTER = re.compile(r"\s+(?:(?:is|was|has been|had been|are|were|est|a été|était)\s+(?:now\s+)?)?"
                         r"(complete|completed|over|finished|ended|accomplished|terminée|achevée|accomplie|"
                         r"завершена|окончена|закончена)(?!\w)", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?<!\w)(?:from|out of|из)\s+(?:the\s+)?$", re.IGNORECASE)
_STOPS = re.compile(r"[,.;:]")
_MOVED_WITHIN = re.compile(r"(?<!\w)(?:left|leav\w+|abandon\w*|quitt\w*|ont quitté|покида\w*|покину\w*|оставил\w*|"
                           r"withdr\w*|pull\w* back|retir\w*|отош\w*|отвел\w*)"
                           r"\s+(?:\w+\s+){0,3}?(?:(?:from|des|de la|du|de|с|со)\s+)?(?:(?:their|its|the|leurs?|les|ses|свои)\s+)?"
                           r"(?:positions?|front\w*|front lines?|lignes de front|outposts?|позици\w*|фронт\w*|"
                           r"передов\w*)(?!\w)", re.IGNORECASE)
_ORIGIN = re.compile(r"\s+(?:from|из|venus? d[eu']|originaires? d[eu'])\s*$", re.IGNORECASE)
_OWNED_FORCE = re.compile(r"(?:\s+[\w-]+){1,3}")
_AFTER_PREPOSITION = re.compile(r"(?<!\w)(?:for|of|with|from|by|against|to|pour|avec|contre|par|для|против)\s+$",
                                re.IGNORECASE)
_COMMA = re.compile(r"[,;]")
# Between a place and a later actor: the place belongs to another noun ("companies in the UAE that
# traded gold to finance Wagner's operations") or to another event ("reached Jufra after flying from
# Russia and stopping at the Russian air base")
_RELATIVE_AFTER_PLACE = re.compile(r"\s*,?\s*(?:that|" + _RELATIVE + r")(?!\w)", re.IGNORECASE)
_OTHER_EVENT = re.compile(r"(?<!\w)(?:after|before|while)\s+\w+ing(?!\w)", re.IGNORECASE)


def _not_the_actors_place(text: str, m: Mention, hit: ActorHit, mentions: list[Mention]) -> bool:
    if _OTHER_EVENT.search(text, m.end, hit.start):
        return True
    return any(m.start <= x.start and x.end <= hit.start and _RELATIVE_AFTER_PLACE.match(text, x.end)
               for x in mentions)


# ", which also", ", qui", ", которые": the place is the relative's subject ("Mali and Burkina Faso,
# which also rely on Russian instructors")
_RELATIVE_COMMA = re.compile(r",\s*" + _RELATIVE + r"\b", re.IGNORECASE)
_UNTIL_STOP = re.compile(r"[^.;!?\n]*")
_FROM_WORDS = ("from", "out of", "из", "du", "de")
_COMMA_LOCATOR = re.compile(r",\s*(?:in|au|aux|en|à|в|во)\s+(?:the\s+)?$", re.IGNORECASE)
_LOCATOR_TAIL = re.compile(r"^[^,;]*\b(?:base|airbase|port|facility|station|centre|center|camp|city|town|"
                           r"базу|базы|порт|город)\b[^,;]*,\s*(?:in|au|aux|en|à|в|во)\s+(?:the\s+)?$", re.IGNORECASE)
_DESTINATION_WORDS = ("for", "to", "towards", "toward", "into", "pour", "vers")


def _few_words(between: str) -> bool:
    return len(between.split()) <= 3


def _leaving_cue_before(s: str, ok: Callable[[str], bool] = _few_words) -> str | None:
    """The last leaving cue in ``s`` whose words up to the end of ``s`` pass ``ok`` (by default:
    three words at most, "left the country", "a quitté le pays"), or None."""
    found = None
    for c in cues.ENDED.finditer(s):
        if ok(s[c.end():]):
            found = c.group(0)
    return found


def _ends_with_word(before: str, words: tuple[str, ...]) -> bool:
    """Whether ``before`` ends (trailing space aside) with one of ``words`` as whole words;
    a string test instead of a ``...\\s*$`` regex, which ``re`` tries at every position."""
    tail = before.rstrip().lower()
    for w in words:
        if tail.endswith(w) and (len(tail) == len(w) or tail[-len(w) - 1].isspace()):
            return True
    return False


_MISSION = re.compile(r"mission|operation|deployment|presence|миссии|операции|присутстви", re.IGNORECASE)
_INNER_PREP = re.compile(r"(?<!\w)(?:in|at|near|à|в|на)(?!\w)", re.IGNORECASE)


def find_claims(article: Article, mentions: list[Mention], config: ActorConfig | None = None) -> list[Claim]:
    """Presence claims of one article; ``mentions`` index ``article.text``."""
    cfg = config or load_config()
    comp = _compile(cfg)
    text = article.text or ""
    raw: list[Claim] = []
    last_actor: str | None = None
    history: list[Mention] = []  # country mentions seen so far, for "there" / "the country"
    named: set[str] = set()  # actors named so far (not by anaphora)
    mentions = sorted(mentions, key=lambda m: m.start)
    # One pass over the article finds every word that could name an actor; clauses without one
    # (most of them in real news) skip the per-clause rules entirely.
    starts, masks = _actor_word_starts(text, comp)
    anaphora_bit = comp.bits.get(("anaphora", ""), 0)  # identity claims need an anaphora phrase
    mi = ai = 0
    n_mentions, n_starts = len(mentions), len(starts)
    for s_start, s_end in sentence_spans(text):
        sent_mentions = []
        while mi < n_mentions and mentions[mi].start < s_end:
            if mentions[mi].start >= s_start:
                sent_mentions.append(mentions[mi])
            mi += 1
        while ai < n_starts and starts[ai] < s_start:
            ai += 1
        if ai == n_starts or starts[ai] >= s_end:
            # no word that could name an actor: nothing to claim, and identity and request
            # claims need an actor named in the sentence too
            history.extend(sent_mentions)
            continue
        sentence = text[s_start:s_end]
        if sentence.endswith("?") or _CHECKED_CLAIM.match(sentence):
            # a question asserts nothing ("Остались ли вагнеровцы в Белоруссии?", "Will Wagner stay?");
            # its places and actor still count for what points back to them
            asked = _actor_hits(sentence, s_start, comp, last_actor, _mask_between(starts, masks, s_start, s_end))
            last_actor = min(asked, key=lambda h: h.start).actor if asked else last_actor
            history.extend(sent_mentions)
            continue
        # identity claims need a pointing phrase, or a pronoun in an "identify them as" cue
        if last_actor and (_mask_between(starts, masks, s_start, s_end) & anaphora_bit or "dentif" in sentence):
            raw.extend(_identity_claims(article, sentence, comp, last_actor, raw))
        raw.extend(_request_claims(article, text, sentence, s_start, comp, history, sent_mentions))
        raw.extend(_replacement_claims(article, sentence, s_start, comp, sent_mentions, starts, masks))
        for c_start, c_end in _clauses(sentence, s_start):
            mask = _mask_between(starts, masks, c_start, c_end)
            if not mask:
                history.extend(m for m in sent_mentions if c_start <= m.start < c_end)
                continue
            clause = text[c_start:c_end]
            hits = _actor_hits(clause, c_start, comp, last_actor, mask)
            clause_mentions = [m for m in sent_mentions if c_start <= m.start < c_end]
            if hits:
                for h in hits:
                    if h.via == "anaphora":
                        h.actor = _force_owner(h.text, comp, named) or h.actor
                    elif h.actor:
                        named.add(h.actor)
                where = _SentenceContext(article, text, sentence, s_start, sent_mentions, history, comp)
                raw.extend(_claims_in_clause(where, c_start, c_end, hits, clause_mentions))
                # what later pronouns point to is the clause's subject, named first ("Wagner handed its
                # positions to Russian troops ... Several thousand of them moved to Belarus")
                last_actor = min(hits, key=lambda h: h.start).actor
            history.extend(clause_mentions)
    return _calibrate(_resolve_article(raw))


# "Claim: a video shows Wagner soldiers landing in Abidjan": the claim a fact check examines, not
# the article's own assertion
_CHECKED_CLAIM = re.compile(r"(?:claim|claims|allégation|affirmation|утверждение|фейк)\s*:", re.IGNORECASE)


def _force_owner(phrase: str, comp: _Compiled, named: set[str]) -> str | None:
    """The actor a pointing phrase's noun belongs to, when it is one actor's word and that actor
    has been named: "the mercenaries" after Wagner is Wagner, even if Russian instructors were
    named since."""
    owners = [key for key, pat in comp.forces.items() if pat.search(phrase)]
    return owners[0] if len(owners) == 1 and owners[0] in named else None


# a pronoun inside the identity cue points back ("identify them as", "les identifient comme")
_THEM = re.compile(r"(?<!\w)(?:them|les)(?!\w)", re.IGNORECASE)


# A partial or gradual departure: the words before a leaving cue that keep the actor there.
_PARTIAL = re.compile(
    r"(?<!\w)(?:gradual\w*|partial\w*|progressive\w*|began|begun|begins?|beginning|start(?:ed|s|ing)?|some|"
    r"part of|most of|half of|many of|a first|first group|a number of|hundreds of|several hundred|thinn\w*|"
    r"progressi\w*|partiel\w*|une partie|certains|commenc\w*|частичн\w*|постепенн\w*|часть|начал\w*|"
    r"некоторы\w*|первая группа|перв\w+ партия)(?!\w)", re.IGNORECASE)


def _partial_departure(text: str, c_start: int, cue_at: int) -> bool:
    """Whether the leaving cue at ``cue_at`` is told as partial or only begun (within its clause,
    a few words before the cue, or the cue's own noun phrase: "the gradual departure of")."""
    if cue_at < 0:
        return False
    return _PARTIAL.search(text, max(c_start, cue_at - 45), cue_at + 1) is not None


# One actor replaced by another: the replaced one has left, the other is there. Group "old" is
# the one replaced, "new" the one replacing; the order of the two actors in the sentence decides
# which is which ("X were replaced by Y" / "Y replaced X").
_REPLACED_BY = re.compile(
    r"(?<!\w)(?:(?:were|was|been|being|is|are)\s+(?:\w+\s+)?(?:replaced|succeeded|supplanted|superseded)\s+by|"
    r"gave\s+way\s+to|giving\s+way\s+to|handed\s+over\s+to|"
    r"(?:ont|a|ont\s+été|a\s+été|été)\s+remplacée?s?\s+par|remplacée?s?\s+par|ont\s+cédé\s+la\s+place\s+à|"
    r"(?:был[аио]?\s+)?замен[её]н\w*\s+на|на\s+смену)(?!\w)", re.IGNORECASE)
# (Russian active "сменил", "заменил" are left out: with undeclined names in quotes, word order
# does not say who replaced whom.)
_REPLACES = re.compile(
    r"(?<!\w)(?:replac(?:ed|es|ing)|took\s+over\s+from|taken\s+over\s+from|tak(?:es|ing)\s+over\s+from|succeeded|"
    r"supplant\w*|a\s+remplacé|ont\s+remplacé|remplace(?:nt)?|a\s+pris\s+le\s+relais\s+d\w*|"
    r"ont\s+pris\s+le\s+relais\s+d\w*|pris\s+la\s+relève\s+d\w*)(?!\w)",
    re.IGNORECASE)


def _replacement_claims(article: Article, sentence: str, s_start: int, comp: _Compiled,
                        sent_mentions: list[Mention], starts, masks) -> list[Claim]:
    """"Wagner's men were replaced by the Africa Corps in Mali": Wagner ended, Russia present.

    Needs both actors named in the sentence (not pointed to), a replacing verb between them, and
    a country named in it; plans ("to replace", "urged ... to swap") never get here: the verb
    must be a finite one, and a plan cue before it stops the rule.
    """
    if not (_REPLACED_BY.search(sentence) or _REPLACES.search(sentence)):
        return []
    hits = [h for h in _actor_hits(sentence, s_start, comp, None, _mask_between(starts, masks, s_start,
                                                                                 s_start + len(sentence)))
            if h.actor and h.via != "anaphora"]
    if len({h.actor for h in hits}) < 2:
        return []
    hits.sort(key=lambda h: h.start)
    for pattern, passive in ((_REPLACED_BY, True), (_REPLACES, False)):
        for verb in pattern.finditer(sentence):
            at = s_start + verb.start()
            before = [h for h in hits if h.end <= at]
            after = [h for h in hits if h.start >= s_start + verb.end()]
            if not before or not after or before[-1].actor == after[0].actor:
                continue
            if cues.MODAL.search(sentence[:verb.start()]) or re.search(r"\bto\s*$", sentence[:verb.start()]):
                return []  # "plans to replace", "urged ... to replace"
            old, new = (before[-1], after[0]) if passive else (after[0], before[-1])
            home = set(comp.home.get(old.actor, ())) | set(comp.home.get(new.actor, ()))
            places = [m for m in sent_mentions if m.iso3 not in home and m.kind != "demonym"]
            out = []
            for m in {m.iso3: m for m in places}.values():
                place = m.name if m.kind in ("city", "capital") else None
                for actor, status in ((old.actor, "ended"), (new.actor, "present")):
                    out.append(Claim(article.id, actor, m.iso3, place, m.lat, m.lon, status, article.published,
                                     sentence.strip(), f"{old.text} … {verb.group(0)} … {new.text}", 0.7, "replacement"))
            return out
    return []


def _identity_claims(article: Article, sentence: str, comp: _Compiled, last_actor: str | None,
                     so_far: list[Claim]) -> list[Claim]:
    """Claims inherited when the men of one actor are named as another's.

    "Many of these instructors are in fact employed by companies linked to Wagner": wherever
    the instructors were placed, Wagner is too. Needs a phrase pointing back at the earlier
    actor's men, another actor named, and an identity cue.
    """
    if not last_actor or comp.anaphora is None:
        return []
    ident = cues.IDENTITY.search(sentence)
    if not ident or not (comp.anaphora.search(sentence) or _THEM.search(ident.group(0))):
        return []
    out = []
    for key, pat in comp.names.items():
        if key == last_actor or not pat.search(sentence):
            continue
        for c in so_far:
            if c.actor == last_actor and c.status == "present":
                out.append(Claim(article.id, key, c.iso3, c.place, c.lat, c.lon, "present", article.published,
                                 sentence.strip(), ident.group(0), round(min(c.confidence, 0.5), 2), "identity"))
    return out


def _request_claims(article: Article, text: str, sentence: str, s_start: int, comp: _Compiled,
                    history: list[Mention], sent_mentions: list[Mention]) -> list[Claim]:
    """Presence from a request reported as answered: "(the two countries,) which had asked Russia
    and Wagner to provide military instructors". The requesters are the places named in the
    sentence before the request, or those a phrase like "the two African countries" points to."""
    req = cues.REQUEST_DONE.search(sentence)
    if not req:
        return []
    who = req.group("who")
    actors = [k for table in (comp.names, comp.states, comp.demonyms) for k, p in table.items() if p.search(who)]
    if not actors:
        return []
    earlier = history + sent_mentions
    before = sentence[:req.start()]
    places = [m for m in earlier if s_start <= m.start < s_start + req.start() and m.kind != "demonym"]
    ref = cues.PLURAL_PLACE_ANAPHORA.search(before) or cues.PLACE_ANAPHORA.search(before)
    if ref is not None:
        pool = [m for m in earlier[-_REACH:] if m.start < s_start + ref.start() and m.kind != "demonym"]
        want = 2 if cues.PLURAL_PLACE_ANAPHORA.search(before) else 1
        if "afric" in ref.group(0).lower():
            pool = [m for m in pool if _in_africa(m)]
        places = []
        for m in reversed(pool):
            if m.iso3 not in {p.iso3 for p in places}:
                places.append(m)
            if len(places) == want:
                break
    out = []
    for actor in dict.fromkeys(actors):
        for m in places:
            if m.iso3 in comp.home.get(actor, ()):
                continue
            out.append(Claim(article.id, actor, m.iso3, m.name if m.kind in ("city", "capital") else None,
                             m.lat, m.lon, "present", article.published, sentence.strip(),
                             req.group(0)[:80], 0.5, "request"))
    return out


# A relative clause on a place ("in Libya, where Wagner fighters have been stationed since 2019,
# and airstrips in Sudan ...") ends at its closing comma: what follows is the main clause again.
_WHERE_OPEN = re.compile(r"\s*(?:where|où|где)\s", re.IGNORECASE)
_WHERE_CLOSE = re.compile(r",\s+(?=(?:and|or|et|ou|и|или|а)\s)")


def _clauses(sentence: str, offset: int) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in cues.CLAUSE_SPLIT.finditer(sentence):
        out.append((offset + pos, offset + m.start()))
        pos = m.end()
    out.append((offset + pos, offset + len(sentence)))
    spans = []
    for a, b in out:
        if b > a and _WHERE_OPEN.match(sentence, a - offset):
            close = _WHERE_CLOSE.search(sentence, a - offset, b - offset)
            if close is not None:
                spans.extend([(a, offset + close.start()), (offset + close.end(), b)])
                continue
        spans.append((a, b))
    return [(a, b) for a, b in spans if b > a]


# "does not affect", "was not concerned by": a negation of the effect on the men, not of their stay
_NOT_AFFECTED = re.compile(r"(?:\s+(?:be|been|being))?\s+(?:affect|concern|impact|touch)\w*", re.IGNORECASE)
# A negation's reach: a coordinated negated verb ("... and do not mix"), a coordinated verb or
# statement of its own after a negated one ("... et restent", "... et affirment que"), a contrast
# ("contrairement au Burkina Faso, où ...": what it introduces is outside the negation)
_COORDINATED_NEG = re.compile(_AND_BUT + r"(?:\w+\s+){0,2}?(?:not|never|ne|n'|n’|не)(?!\w)", re.IGNORECASE)
_COORDINATED_VERB = re.compile(_AND_BUT + r"(\w+)(?:\s+(\w+))?", re.IGNORECASE)
_COORDINATED_SAYS = re.compile(_AND_BUT + r"(?:\w+\s+)?(?:say|says|said|insist\w*|affirm\w*|"
                               r"assur\w*|déclar\w*|заявля\w*|заявил\w*|утвержда\w*)\s*,?\s+(?:that|que|qu['’]|что)(?!\w)",
                               re.IGNORECASE)
_CONTRAST = re.compile(r"(?<!\w)(?:unlike|contrairement|в отличие от)(?!\w)", re.IGNORECASE)


def _beyond_negation(text: str, neg: int, m: Mention, hit: ActorHit) -> bool:
    """Whether a coordinated verb of presence, or a coordinated statement of its own, stands
    between the negation and the place, which it then governs ("ne participent pas aux opérations
    et restent affectés à la formation à Niamey"; "démentent toute présence de Wagner et affirment
    que seuls des instructeurs russes sont présents"). An actor inside the negated part stays
    negated (Wagner there)."""
    inside = neg <= hit.start
    for c in _COORDINATED_VERB.finditer(text, neg, m.start):
        if (not inside or hit.start >= c.start()) and any(w and cues.PRESENT.has_word(w.lower()) for w in c.groups()):
            return True
    says = _COORDINATED_SAYS.search(text, neg, m.start) or _CONTRAST.search(text, neg, m.start)
    return says is not None and (not inside or hit.start >= says.start())


# a plan within a few words after a pointing phrase is its own ("its fighters ... so they could")
_MODAL_SOON = re.compile(r"(?:\W*[\w'’-]+){0,6}\W*$")


def _negation_at(clause: str) -> int | None:
    """Offset of the clause's first negation, or None."""
    for neg in cues.NEGATION.finditer(clause):
        if not _NOT_AFFECTED.match(clause, neg.end()):
            return neg.start()
    return None


@dataclass(frozen=True, slots=True)
class _SentenceContext:
    """What the rules of a clause read beyond the clause: its article and sentence, and the places
    named so far. ``text`` is the article's text (every offset indexes it); ``mentions`` are the
    sentence's places and ``history`` those of the article before them, for pointers."""

    article: Article
    text: str
    sentence: str
    start: int
    mentions: list[Mention]
    history: list[Mention]
    comp: _Compiled


def _claims_in_clause(where: _SentenceContext, c_start: int, c_end: int, hits: list[ActorHit],
                      clause_mentions: list[Mention]) -> list[Claim]:
    """The claims of one clause (``text[c_start:c_end]``) about the actors ``hits`` name in it."""
    article, text, sentence, s_start = where.article, where.text, where.sentence, where.start
    sent_mentions, history, comp = where.mentions, where.history, where.comp
    clause = text[c_start:c_end]
    # word lists match case-insensitively: searching ``clause`` itself shares its tokens
    visit = cues.VISIT.search(clause)
    if visit is not None:
        # "X said, at a meeting in Washington, that Wagner fighters were deployed in Burkina": the
        # visit frames the report; what follows "that" is still reported presence
        cut = _THAT.search(clause, visit.end())
        if cut is None:
            return []
        c_start += cut.end()
        hits = [h for h in hits if h.start >= c_start]
        clause = text[c_start:c_end]
        if not hits or cues.VISIT.search(clause):
            return []
        clause_mentions = [m for m in clause_mentions if m.start >= c_start]
    modal = cues.MODAL.search(clause)
    if modal is not None:
        # a plan after the places named ("have arrived in Niger with a system they will install")
        # does not undo them; a plan before them ("could deploy to Mali") does, and no place is
        # then looked for outside the clause
        modal_at = c_start + modal.start()
        clause_mentions = [m for m in clause_mentions if m.end <= modal_at and m.kind != "demonym"]
        if not clause_mentions:
            return []
    no_longer = cues.NO_LONGER.search(clause)
    neg_at = _negation_at(clause) if no_longer is None else None
    negated = neg_at is not None
    # a negation of a later, coordinated verb is about that verb ("arrived in Niger in April and
    # do not mix with American forces"), not about a stay named before it
    coordinated = _COORDINATED_NEG.search(clause, max(0, neg_at - 40)) if negated else None
    neg_first = c_start + neg_at if negated else c_end
    neg_at = c_start + neg_at if coordinated is not None and coordinated.start() < neg_at < coordinated.end() else c_start
    present_cue = cues.PRESENT.search(clause)
    if present_cue is None and cues.ENDED.may_occur(clause):
        # "покидают позиции на северо-востоке Сирии", "left their positions in northern Syria": a
        # move inside the country, so presence in it (GUIDE)
        present_cue = _MOVED_WITHIN.search(clause)
    if modal is not None and present_cue is not None and c_start + present_cue.start() >= modal_at:
        present_cue = None  # "In Mali, Russia could deploy troops": the only cue is the plan's
    hedged = bool(cues.HEDGE.search(sentence))
    may_end = cues.ENDED.may_occur(clause)
    locative_at = _Locatives(text, clause_mentions, c_start)
    ended_of: dict[int, str | None] = {}
    leaving: dict[int, set[str]] = {}  # actors named between a leaving cue and its place
    stayed: dict[int, bool] = {}  # a leaving cue negated: "n'ont pas quitté le Mali"
    out: list[Claim] = []
    for hit in _dedupe_actors(hits):
        if not hit.actor:
            continue  # another group, named so that "its fighters" does not fall to an actor
        if modal is not None and (hit.start >= modal_at or (hit.via == "anaphora" and _MODAL_SOON.match(text, hit.end, modal_at))):
            continue  # "its fighters ... so they could"; "Mali could host Russian troops": in the plan
        home = comp.home.get(hit.actor, ())
        targets: list[tuple[Mention, str, str, float]] = []  # mention, status, cue, confidence
        placed: set[int] = set()  # places the actor phrase itself is put in ("instructors in Mali")
        for i, m in enumerate(clause_mentions):
            if m.iso3 in home:
                continue
            if i in ended_of:
                ended = ended_of[i]
            else:
                ended = ended_of[i] = _ended_target(text, m, c_start, may_end)
                if ended:
                    cue_at = text.rfind(ended, c_start, m.start)
                    # "did not leave Mali" stays; "left Mali ... and has never returned" left
                    stayed[i] = negated and cues.NEGATION.search(text[max(c_start, cue_at - 25):cue_at]) is not None
                    leaving[i] = {h.actor for h in hits if cue_at <= h.start < m.start}
                    leaver = None if leaving[i] else _leaver(text, c_start, ended, hits)
                    if leaver is not None:
                        # "l'Africa Corps a pris le relais des paramilitaires de Wagner, qui ont quitté le
                        # Mali": the one leaving is the one the relative pronoun follows
                        leaving[i] = {leaver}
            if ended:
                if leaving[i] and hit.actor not in leaving[i]:
                    continue  # "le départ de Wagner du Mali": the one who leaves is named
                if hit.start >= m.end and _AFTER_CONNECTIVE.search(text, m.end, hit.start):
                    continue  # "France pulled its troops out of Mali after the arrival of Wagner"
                if _receives(text, c_start, hit, hits, m.end, m.start):
                    continue  # "Wagner pulled its fighters out of Ukraine, handing its positions to Russian army units"
                if not stayed[i] and _partial_departure(text, c_start, text.rfind(ended, c_start, m.start)):
                    # "the gradual departure of Wagner fighters from Belarus", "began pulling some of
                    # its men out of Syria": still there (GUIDE: ended needs the whole force gone)
                    targets.append((m, "present", ended, 0.6, "partial-departure"))
                    continue
                targets.append((m, "present" if stayed[i] else "ended", ended, 0.6 if stayed[i] else 0.8,
                                "departure-denied" if stayed[i] else "departure"))
            elif ((negated and (m.end > neg_at or hit.start > neg_at) and not _beyond_negation(text, neg_first, m, hit))
                  or (hit.end <= m.start and _ORIGIN.match(text, hit.end, m.start))):
                continue  # "наёмники из Судана", "mercenaries from Syria": where they come from
            elif (present_cue and locative_at(i) and not _other_force_between(text, hit, m, clause_mentions, home)
                  and not (m.end <= hit.start and _not_the_actors_place(text, m, hit, clause_mentions))):
                gone = (_fronted_departure(clause, c_start, hit, m, i, clause_mentions, home, may_end, locative_at,
                                           bare=True) if m.end <= hit.start else None)
                if gone is not None:
                    targets.append((m, "ended", gone, 0.7, "fronted-departure"))  # "In Kazakhstan, the troops sent ... had gone home"
                else:
                    left = _left_after(text, m, c_end, clause_mentions, i) if may_end else None
                    if left is not None and not _PARTIAL.search(text, c_start, m.end + 40):
                        # "the last paratroopers deployed to Kazakhstan flew home on Wednesday": the
                        # place belongs to a participle, and the men then left it
                        targets.append((m, "ended", left, 0.7, "departed-after"))
                    else:
                        targets.append((m, "present", _nearest_cue(clause, c_start, m.start, hit), 0.8,
                                        "locative-cue"))
            elif hit.end <= m.start and (cues.ACTOR_IN.match(text[hit.end:m.start])
                                         or _force_in(text, c_start, m, comp.forces.get(hit.actor))):
                targets.append((m, "present", text[hit.start:m.end], 0.7, "actor-in"))
                placed.add(i)
            elif (i - 1 in placed and m.kind != "demonym"
                  and cues.LIST_GAP.match(text[clause_mentions[i - 1].end:m.start])):
                targets.append((m, "present", text[hit.start:m.end], 0.7, "list-continuation"))  # "... in Tajikistan and Kyrgyzstan"
                placed.add(i)
            elif m.end <= hit.start and m.kind != "demonym":
                gone = _fronted_departure(clause, c_start, hit, m, i, clause_mentions, home, may_end, locative_at)
                if gone is not None:
                    targets.append((m, "ended", gone, 0.7, "fronted-departure"))  # "В Мали «Вагнер» ... вывел своих бойцов"
                    continue
                host = cues.HOST.search(text, m.end, hit.start)
                if host and not _COMMA.search(_RELATIVE_COMMA.sub("  ", text[m.end:host.start()])):
                    targets.append((m, "present", host.group(0), 0.7, "host"))  # "Mali hired Wagner"
        if any(t[0].kind == "demonym" for t in targets) and any(t[0].kind != "demonym" for t in targets):
            # "shared an airbase in Niamey with American troops": the place named is where they
            # are; the other country's troops are beside them there
            places = {t[0].iso3 for t in targets if t[0].kind != "demonym"}
            targets = [t for t in targets if t[0].kind != "demonym" or t[0].iso3 in places]
        if modal is None:  # with a plan in the clause, only places named before it count
            pointed = _pointed_targets(text, clause, c_start, hit, targets, history + sent_mentions, home,
                                       present_cue, negated, may_end)
            targets.extend(t for t in pointed if t[1] != "ended" or (
                _leaver(text, c_start, t[2], hits) in (None, hit.actor) and not _receives_cue(text, c_start, t[2], hit, hits)))
        if not targets and present_cue and not negated and modal is None:
            # the place is in another clause of the same sentence ("..., while it works with Russian
            # instructors"); a relative "where ..." clause points only through its "where"
            for m in ([] if clause.lstrip().lower().startswith("where ") else sent_mentions):
                if m.iso3 not in home and m.start < c_start and _is_locative(text, m, m.start - 60):
                    targets.append((m, "present", present_cue.group(0), 0.6, "other-clause"))
            if not targets:
                topic = _colon_topic(text, s_start, c_start, sent_mentions, home)
                if topic is not None:
                    # "The Central African Republic remains the group's showcase: Wagner men guard ..."
                    targets.append((topic, "present", present_cue.group(0), 0.6, "colon-topic"))
        if (not targets and not negated and modal is None
                and (present_cue or may_end) and hit.via != "state"
                and not any(m.iso3 not in home and not _dateline(text, m) for m in sent_mentions)
                and not _ELSEWHERE.search(clause) and not _ISLAND_POINTER.search(clause)):
            # no place in the sentence (a dateline aside): an article set in one country ("BANGUI —
            # ... The trainers work at Berengo", "depuis que Wagner a plié bagage") puts the actor
            # there, or takes it away, less surely
            sole = _sole_host(text, history + [m for m in sent_mentions if _dateline(text, m)], home)
            if sole is not None:
                departed = (_departure_of(text, c_start, hit)
                            or (_bare_departure(text, hit) if hit.via != "anaphora" else None)) if may_end else None
                if departed:
                    targets.append((sole, "ended", departed, 0.5, "sole-country-departure"))
                elif present_cue:
                    targets.append((sole, "present", present_cue.group(0), 0.5, "sole-country"))
        for m, status, cue, conf, rule in targets:
            if (negated and status == "present" and not (c_start <= m.start < neg_at and hit.start < neg_at)
                    and not (c_start <= m.start and _beyond_negation(text, neg_first, m, hit))
                    and cue not in _ended_words(clause)):
                continue
            if no_longer is not None and status == "present":
                status, cue = "ended", no_longer.group(0)  # "сама ЧВК в Ливии больше не работает"
                rule += "+no-longer"
            if hedged:
                conf -= 0.1
                rule += "+hedged"
            if hit.via == "anaphora":
                conf -= 0.1
                rule += "+actor-pointer"
            place = m.name if m.kind in ("city", "capital") else None
            out.append(Claim(article.id, hit.actor, m.iso3, place, m.lat, m.lon, status, article.published,
                             sentence.strip(), f"{hit.text} … {cue}", round(max(0.05, min(conf, 1.0)), 2), rule))
    return out


# An area wider than a country, or another one, named without a country mention
_ELSEWHERE = re.compile(r"(?<!\w)(?:continent|abroad|overseas|elsewhere|africa|afrique|африк\w*|étranger|ailleurs|"
                        r"рубеж\w*|region|région|регион\w*)(?!\w)", re.IGNORECASE)


_BARE_END = re.compile(r"\s*(?:$|[,.;:]|(?:in|on|at|after|before|during|within|by|last|this|en|au|début|fin|dans|après|avant|"
                       r"в|во|после|до|летом|осенью|весной|зимой)(?!\w))", re.IGNORECASE)


def _left_after(text: str, m: Mention, c_end: int, clause_mentions: list[Mention], i: int) -> str | None:
    """A leaving cue with no place of its own a few words after ``m`` ("deployed to Kazakhstan
    flew home on Wednesday", "sent to Mali have left"): the men left the place just named."""
    if any(later.start >= m.end for later in clause_mentions[i + 1:]):
        return None
    after = text[m.end:min(c_end, m.end + 40)]
    cue = cues.ENDED.search(after)
    if cue is None or len(after[:cue.start()].split()) > 3 or _STOPS.search(after, 0, cue.start()):
        return None
    return cue.group(0) if _BARE_END.match(after, cue.end()) else None


def _bare_departure(text: str, hit: ActorHit) -> str | None:
    """A leaving cue right after the actor with no object ("Wagner a plié bagage, début juin",
    "the last fighters left in October"): a departure from wherever the article is set."""
    after = text[hit.end:hit.end + 60]
    cue = cues.ENDED.search(after)
    if cue is None or len(after[:cue.start()].split()) > 3 or _STOPS.search(after, 0, cue.start()):
        return None
    return cue.group(0) if _BARE_END.match(after, cue.end()) else None


def _colon_topic(text: str, s_start: int, c_start: int, sent_mentions: list[Mention], home) -> Mention | None:
    """The country a sentence opens on, when the clause is what follows its colon ("Belarus is
    the exception: Russian troops ..."); the clause then tells about that country."""
    if not text[max(0, c_start - 2):c_start].startswith(":"):
        return None
    before = [m for m in sent_mentions if m.start < c_start and m.kind != "demonym" and m.iso3 not in home]
    if len({m.iso3 for m in before}) != 1:
        return None
    first = before[0]
    # the country must open the sentence ("The Central African Republic remains ..."), not be
    # one of its later words
    return first if len(text[s_start:first.start].split()) <= 1 else None


def _sole_host(text: str, history: list[Mention], home) -> Mention | None:
    """The one country the article has named so far outside the actor's home, when it is the
    article's setting: named in the dateline ("BANGUI —") or more than once."""
    found = None
    times = 0
    for m in history:
        if m.iso3 in home or m.kind == "demonym":
            continue
        if found is not None and found.iso3 != m.iso3:
            return None
        found = m
        times += 2 if _dateline(text, m) else 1
    return found if times >= 2 else None


def _dateline(text: str, m: Mention) -> bool:
    """Whether the mention opens the article in capitals ("BANGUI —", "MAPUTO, April 14")."""
    return not m.start and text[:m.end].isupper()


class _Locatives:
    """Whether each place of a clause is in a locative position, decided when first asked.

    A place is locative by its own words ("in Mali") or as the next item of a list whose
    previous item is ("in Mali and Niger"). Asked lazily, because most places never need it:
    the actor's home ("Russian" in "Russian troops"), places left, and negated clauses.
    """

    __slots__ = ("text", "mentions", "c_start", "own", "known")

    def __init__(self, text: str, mentions: list[Mention], c_start: int) -> None:
        self.text, self.mentions, self.c_start = text, mentions, c_start
        self.own: dict[int, bool] = {}
        self.known: dict[int, bool] = {}

    def _own(self, i: int) -> bool:
        v = self.own.get(i)
        if v is None:
            v = self.own[i] = _is_locative(self.text, self.mentions[i], self.c_start)
        return v

    def __call__(self, i: int) -> bool:
        v = self.known.get(i)
        if v is None:
            # locative(i) = own(i) or (list gap before i and locative(i - 1)), walked back
            j = i
            while True:
                if self._own(j):
                    v = True
                    break
                prev, m = self.mentions[j - 1] if j else None, self.mentions[j]
                if prev is None or not cues.LIST_GAP.match(self.text[prev.end:m.start]):
                    v = False
                    break
                if j == i and _is_speaker(self.text, self.mentions[i]):
                    v = False  # "in Sudan, and U.S. officials say": a speaker, not the list's next place
                    break
                j -= 1
            self.known[i] = v
        return v


_PLACED_AFTER = re.compile(r"(\w+)\s+(?:in|inside|au|aux|en|à|в|во|на)\s+(?:the\s+)?"
                           r"(?:neighbou?ring\s+|northern\s+|southern\s+|eastern\s+|western\s+|central\s+)?$",
                           re.IGNORECASE)


# the one handed something: "handed its positions to (regular) Russian troops", "передав позиции
# Африканскому корпусу", "remettre leurs positions au ministère russe"
_HANDED_TO = re.compile(r"(?:hand\w*|turn\w* over|remis\w*|remett\w*|céd\w*|передав\w*|передал\w*|переда\w*)"
                        r"(?:\s+[\w'’-]+){0,4}?\s+(?:(?:to|à|au|aux)\s+(?:[\w'’-]+\s+){0,2})?$", re.IGNORECASE)


def _receives(text: str, c_start: int, hit: ActorHit, hits: list[ActorHit], after: int, before: int) -> bool:
    """Whether the actor is the one handed what another leaves: named as the receiver ("handed its
    positions to regular Russian troops"), or named from ``after`` (the place or cue left) when
    another actor stands before ``before`` ("Wagner pulled its fighters out of Ukraine, handing
    its positions to Russian army units"). It does not leave."""
    if _HANDED_TO.search(text, max(c_start, hit.start - 40), hit.start):
        return True
    return hit.start >= after and any(h.actor and h.actor != hit.actor and h.end <= before for h in hits)


def _receives_cue(text: str, c_start: int, cue: str, hit: ActorHit, hits: list[ActorHit]) -> bool:
    """``_receives`` for a departure from a place pointed to, measured from its leaving cue
    ("свернула деятельность в этой стране, передав позиции Африканскому корпусу")."""
    pos = text.find(cue, c_start)
    after, before = (pos + 1, pos) if pos >= 0 else (len(text) + 1, -1)  # not found: the receiver's words alone
    return _receives(text, c_start, hit, hits, after, before)


def _leaver(text: str, c_start: int, cue: str, hits: list[ActorHit]) -> str | None:
    """The actor a relative pronoun before a leaving cue follows ("the Africa Corps took over from
    Wagner's paramilitaries, who left the country": Wagner), or None when no such pronoun."""
    pos = text.find(cue, c_start)
    rel = _RELATIVE_BEFORE.search(text, max(c_start, pos - 30), pos) if pos >= 0 else None
    before = [h for h in hits if rel is not None and h.end <= rel.start()]
    return max(before, key=lambda h: h.end).actor if before else None


def _fronted_departure(clause, c_start, hit: ActorHit, m: Mention, i: int, clause_mentions, home, may_end,
                       locative_at, bare: bool = False) -> str | None:
    """The leaving cue of a clause that opens on its place: "In Mali, Wagner announced the end of
    its mission and withdrew its fighters". Only when no other place follows the actor (the
    country left would then be that one). ``bare``: only a cue with no object after it ("had
    gone home within a fortnight"), which outweighs a presence cue before it."""
    if not may_end or not locative_at(i):
        return None
    if any(x.start > hit.end and x.iso3 not in home for x in clause_mentions):
        return None
    cue = cues.ENDED.search(clause, hit.end - c_start)
    if cue is None or (bare and not _BARE_END.match(clause, cue.end())):
        return None
    return cue.group(0)


def _force_in(text: str, c_start: int, m: Mention, force: re.Pattern | None) -> bool:
    """Whether the actor's own force noun stands right before the place: "has military
    instructors in Mali", "держит войска в Таджикистане" (the men are placed, cue or not)."""
    if force is None or m.kind == "demonym":
        return False
    before = _PLACED_AFTER.search(text, max(c_start, m.start - 40), m.start)
    return before is not None and force.fullmatch(before.group(1)) is not None


def _pointed_targets(text, clause, c_start, hit: ActorHit, targets, earlier: list[Mention], home, present_cue,
                     negated: bool, may_end: bool) -> list:
    """Places a phrase points back to ("there", "the country"), beside those named in the clause."""
    pointer = None
    if not targets and not present_cue and not negated:
        # "российских специалистов в этой стране", "the instructors in the country": placed there
        pointer = present_cue = _ACTOR_IN_POINTER.match(text, hit.end)
    if not targets and (present_cue or cues.ENDED.search(clause)):
        found = _anaphoric_targets(text, clause, c_start, earlier, home, present_cue, negated)
        if pointer is not None:
            found = [(m, status, pointer.group(0).strip(), conf, rule) for m, status, _, conf, rule in found]
        departed = _departure_of(text, c_start, hit) if found and may_end and not negated else None
        if departed:
            # "Depuis le départ des combattants de Wagner, l'Africa Corps est déployé dans le pays":
            # the country pointed to is the one the actor of the departure left
            return [(m, "ended", departed, 0.6, "pointer-departure") for m, *_ in found]
        return found
    if targets and may_end:
        # "mercenaries ... who left the country after ambushes near Macomia": the departure
        # from the country named before stands beside the places of the fighting
        return [t for t in _anaphoric_targets(text, clause, c_start, earlier, home, present_cue, negated)
                if t[1] == "ended"]
    return []


def _departure_of(text: str, c_start: int, hit: ActorHit) -> str | None:
    """The leaving noun whose object is this actor ("the departure of Wagner's fighters",
    "le départ des combattants de Wagner", "уход «Вагнера»", "Wagner's exit"), if any."""
    before = text[max(c_start, hit.start - 40):hit.start]
    for c in cues.ENDED.finditer(before):
        between = before[c.end():]
        if len(between.split()) <= 3 and not _COMMA.search(between) and _OF_WORDS.match(between):
            return c.group(0)
    after = text[hit.end:hit.end + 20]
    if after.startswith(("'s ", "’s ")):
        c = cues.ENDED.search(after)
        if c is not None and len(after[:c.start()].split()) <= 1:
            return c.group(0)
    return None


_OF_WORDS = re.compile(r"^\s*[«\"]?(?:$|(?:of|de|des|du|d'|d’)\b)", re.IGNORECASE)


def _other_force_between(text: str, hit: ActorHit, m: Mention, mentions: list[Mention], home) -> bool:
    """"Wagner arrived shortly before French forces ... moved their troops to Niger": another
    country's force named between the actor and the place is the one placed there. Not a force
    inside an aside between them ("Wagner, which had fought for the Syrian government, sent men to
    Sudan"): the aside closes before the verb that places the actor."""
    asides: list[tuple[int, int]] | None = None
    for d in mentions:
        if d.start >= m.start:
            break
        if (d.kind == "demonym" and d.start >= hit.end and d.iso3 != m.iso3 and d.iso3 not in home
                and len(text[hit.end:d.start].split()) > 2  # not "Russian instructors and Rwandan troops"
                and cues.LOCAL_FORCE.match(text[d.end:d.end + 30].lstrip())):
            if asides is None:
                asides = [a.span() for a in cues.APPOSITION.finditer(text, hit.end, m.start)]
            if not any(a <= d.start < b for a, b in asides):
                return True
    return False


def _nearest_cue(clause: str, c_start: int, pos: int, hit: ActorHit) -> str:
    """The presence cue closest to the place, outside the actor's own words ("fighters")."""
    best, dist = None, None
    for ca, cb in cues.PRESENT.spans(clause):
        a, b = c_start + ca, c_start + cb
        if hit.start <= a < hit.end:
            continue
        d = abs(pos - b)
        if dist is None or d < dist:
            best, dist = clause[ca:cb], d
    if best is None:
        first = cues.PRESENT.search(clause) or _MOVED_WITHIN.search(clause)
        best = first.group(0) if first is not None else ""
    return best


def _ended_words(clause: str) -> set[str]:
    return {m.group(0) for m in cues.ENDED.finditer(clause)}


_CITY_POINTER = re.compile(r"capital|city|ville|столиц|город", re.IGNORECASE)


_ISLAND_POINTER = re.compile(r"island|île|остров", re.IGNORECASE)
_ISLANDS = {"MDG", "CUB", "CPV", "STP", "COM", "MUS", "SYC", "GNQ", "LKA", "CYP", "MLT", "ISL", "IRL", "JPN", "PHL",
            "IDN", "TWN", "HTI", "DOM", "JAM", "NZL", "SGP", "BHR", "FJI", "PNG", "TLS", "GBR", "MDV"}


# How many of the latest mentions a pointing phrase ("there", "the country", "the region") may
# reach back to. Far more than any article's pointer needs (news names a few dozen places), and
# what keeps a pointer's search from growing with the article: text of a megabyte names tens of
# thousands of places, and scanning them all for every pointer was quadratic.
_REACH = 256


def _anaphoric_targets(text, clause, c_start, earlier: list[Mention], home, present_cue, negated):
    """Countries that "there", "the country" or "both countries" point back to."""
    out = []
    earlier = earlier[-_REACH:]
    plural = cues.PLURAL_PLACE_ANAPHORA.search(clause)
    ref = plural or cues.PLACE_ANAPHORA.search(clause)
    if not ref:
        return _region_targets(clause, c_start, earlier, home, present_cue, negated)
    if not plural and cues.ENDED.may_occur(clause):
        # "y avaient travaillé ..., avant de quitter le pays": the pointer a leaving cue governs
        for later in cues.PLACE_ANAPHORA.finditer(clause, ref.end()):
            if _leaving_cue_before(clause[ref.end():later.start()]) is not None:
                ref = later
                break
    candidates = [m for m in earlier if m.iso3 not in home and m.kind != "demonym" and m.start < c_start + ref.start()
                  and not _beyond_border(text[max(0, m.start - 30):m.start].rstrip().lower())
                  and not _is_speaker(text, m, cities=True)  # "Paris affirme ...": who speaks, not where
                  and not _INSTITUTION_AFTER.match(text, m.end)]  # "the US Treasury": whose office, not where
    if not candidates:
        return out
    if plural:
        african = "afric" in plural.group(0).lower()
        seen: list[Mention] = []
        for m in reversed(candidates):
            if african and not _in_africa(m):
                continue
            if m.iso3 not in {s.iso3 for s in seen}:
                seen.append(m)
            if len(seen) == 2:
                break
        status = "present"
        return [(m, status, plural.group(0), 0.6, "pointer-plural") for m in seen] if present_cue and not negated else []
    lead = text[max(0, c_start + ref.start() - 40):c_start + ref.start()]
    if ref.group(0).lower() == "where" and re.search(r"\b(?:border|frontier|boundary|line)s?\W*$",
                                                    lead, re.IGNORECASE):
        return out  # "on the Tajik-Afghan border, where ...": a border is not one country
    if "afric" in ref.group(0).lower() or "африк" in ref.group(0).lower():
        candidates = [c for c in candidates if _in_africa(c)] or candidates
    if _ISLAND_POINTER.search(ref.group(0)):
        candidates = [c for c in candidates if c.iso3 in _ISLANDS]  # "the island": an island state
        if not candidates:
            return out
    m = candidates[-1]
    before = clause[:ref.start()]
    ended = _leaving_cue_before(before)
    if ended and _CITY_POINTER.search(ref.group(0)):
        ended = None  # "leave the capital's airport": a move inside the country
    if ended and m.kind in ("country", "region", "city", "capital") and not cues.ORDERED.search(before):
        return [(m, "present" if negated else "ended", ended, 0.6, "pointer")]
    if present_cue and not negated:
        group = [m]
        if ref.group(0).lower() in ("where", "où", "где"):
            # "in the Central African Republic and Sudan, where ...": the whole list
            k = len(candidates) - 1
            while k > 0 and cues.LIST_GAP.match(text[candidates[k - 1].end:candidates[k].start]):
                group.insert(0, candidates[k - 1])
                k -= 1
        return [(g, "present", f"{present_cue.group(0)} {ref.group(0)}", 0.65, "pointer") for g in group]
    return out


def _region_targets(clause, c_start, earlier: list[Mention], home, present_cue, negated):
    """"Troops stationed in the region" after Transnistria: a region phrase points back to the
    last region named (a breakaway region, a province), never to a country, which "the region"
    around it more often means ("instability in the region" after Mali)."""
    ref = cues.REGION_ANAPHORA.search(clause)
    if not ref or negated:
        return []
    earlier = earlier[-_REACH:]
    # "have pulled out of the province": leaving the region named before, as leaving it by name is
    left = _leaving_cue_before(clause[:ref.start()])
    if left is None and not present_cue:
        return []
    for m in reversed(earlier):
        if m.start < c_start + ref.start() and m.kind == "region" and m.iso3 not in home:
            if left is not None:
                return [(m, "ended", left, 0.6, "pointer-region")]
            return [(m, "present", f"{present_cue.group(0)} {ref.group(0)}", 0.6, "pointer-region")]
    return []


_AFRICA = {
    "DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CMR", "CPV", "CAF", "TCD", "COM", "COD", "COG", "CIV", "DJI", "EGY",
    "GNQ", "ERI", "SWZ", "ETH", "GAB", "GMB", "GHA", "GIN", "GNB", "KEN", "LSO", "LBR", "LBY", "MDG", "MWI", "MLI",
    "MRT", "MUS", "MAR", "MOZ", "NAM", "NER", "NGA", "RWA", "STP", "SEN", "SYC", "SLE", "SOM", "ZAF", "SSD", "SDN",
    "TZA", "TGO", "TUN", "UGA", "ZMB", "ZWE", "ESH",
}


def _in_africa(m: Mention) -> bool:
    return m.iso3 in _AFRICA


def _dedupe_actors(hits: list[ActorHit]) -> list[ActorHit]:
    if len(hits) == 1:
        return hits
    seen: dict[str, ActorHit] = {}
    rank = {"name": 0, "force": 1, "state": 2, "anaphora": 3, "other": 4}
    for h in sorted(hits, key=lambda h: rank[h.via]):
        seen.setdefault(h.actor, h)
    return list(seen.values())


def _resolve_article(raw: list[Claim]) -> list[Claim]:
    """One status per actor and country: ended outranks present within an article."""
    ended = {(c.actor, c.iso3) for c in raw if c.status == "ended"}
    out, seen = [], set()
    for c in raw:
        key = (c.actor, c.iso3, c.evidence)
        if (c.actor, c.iso3) in ended and c.status != "ended":
            continue
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


__all__ = ["find_claims", "learned_confidences", "raw_confidences"]
