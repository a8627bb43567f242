"""References back to a place: "there", "the country", "both countries", "the region", "where".

A sentence often names its country once and then points back to it ("the country", "туда",
"y"). These rules find the place a pointer means among those named before (at most ``REACH``
back), and the two fallbacks when a clause names no place: the country a sentence opens on
before its colon (``colon_topic``) and the one country an article is set in (``sole_host``).
"""

from __future__ import annotations

import bisect
import re

import news.presence.cues as cues
from geo.types import Mention
from news.presence.actors import ActorHit
from news.presence.context import ClauseContext, CueMatch, SentenceContext, Target
from news.presence.departures import bare_departure, departure_of, leaving_cue_before, partial_departure
from news.presence.enumerations import follows_in_list, list_ending_with
from news.presence.places import (
    INSTITUTION_AFTER,
    beyond_border,
    dateline,
    in_africa,
    is_locative,
    is_speaker,
)
from news.wordmatch import WordMatch

# "the instructors in the country", "... there": the actor phrase itself placed by a pointer
_ACTOR_IN_POINTER = re.compile(r"\s+(?:(?:in|inside|в|dans)\s+(?:the country|this country|этой стране|стране|"
                               r"le pays|ce pays)|there|там|là-bas)(?!\w)", re.IGNORECASE)


def pointed_targets(ctx: ClauseContext, hit: ActorHit, targets: list[Target], earlier: list[Mention],
                    home: tuple[str, ...]) -> list[Target]:
    """Places a phrase points back to ("there", "the country"), beside ``targets``, those named in
    the clause; ``earlier`` are the places named before and in the sentence."""
    pointer = None
    present_cue: CueMatch | None = ctx.present_cue
    if not targets and not present_cue and not ctx.negated:
        # "российских специалистов в этой стране", "the instructors in the country": placed there
        pointer = present_cue = _ACTOR_IN_POINTER.match(ctx.text, hit.end)
    if not targets and (present_cue or cues.ENDED.search(ctx.clause)):
        found = _anaphoric_targets(ctx, earlier, home, present_cue, hit.start)
        if pointer is not None:
            found = [t._replace(cue=pointer.group(0).strip()) for t in found]
        departed = departure_of(ctx.text, ctx.start, hit) if found and ctx.may_end and not ctx.negated else None
        if departed is None and found and ctx.may_end and not ctx.negated and _WHERE_LEAD.match(ctx.text, ctx.start, hit.start):
            # "Mozambique, where Wagner's men withdrew after heavy losses": the relative's subject
            # left the place the relative is on (unless only some of them did)
            departed = bare_departure(ctx.text, hit)
            if departed and partial_departure(ctx.text, ctx.start, ctx.text.find(departed, hit.end)):
                departed = None
        if departed:
            # "Depuis le départ des combattants de Wagner, l'Africa Corps est déployé dans le pays":
            # the country pointed to is the one the actor of the departure left
            return [Target(t.place, "ended", departed, 0.6, "pointer-departure") for t in found]
        return found
    if targets and ctx.may_end:
        # "mercenaries ... who left the country after ambushes near Macomia": the departure
        # from the country named before stands beside the places of the fighting
        return [t for t in _anaphoric_targets(ctx, earlier, home, present_cue, hit.start) if t.status == "ended"]
    return []


# "the capital", "the island": what a pointer names narrows what it can point to
_CITY_POINTER = re.compile(r"capital|city|ville|столиц|город", re.IGNORECASE)
_CAPITAL_POINTER = re.compile(r"capital|столиц", re.IGNORECASE)
_ISLAND_POINTER = re.compile(r"island|île|остров", re.IGNORECASE)
_ISLANDS = {"MDG", "CUB", "CPV", "STP", "COM", "MUS", "SYC", "GNQ", "LKA", "CYP", "MLT", "ISL", "IRL", "JPN", "PHL",
            "IDN", "TWN", "HTI", "DOM", "JAM", "NZL", "SGP", "BHR", "FJI", "PNG", "TLS", "GBR", "MDV"}


# How many of the latest mentions a pointing phrase ("there", "the country", "the region") may
# reach back to. Far more than any article's pointer needs (news names a few dozen places), and
# what keeps a pointer's search from growing with the article: text of a megabyte names tens of
# thousands of places, and scanning them all for every pointer was quadratic.
REACH = 256


_THREE = re.compile(r"three|trois|тр[её]х|три(?!\w)", re.IGNORECASE)
_FOUR = re.compile(r"four|quatre|четыр", re.IGNORECASE)


def _count(phrase: str) -> int:
    """How many places a plural pointer names: "both countries" two, "all three" three."""
    return 3 if _THREE.search(phrase) else 4 if _FOUR.search(phrase) else 2


def _latest_list_of(text: str, pool: list[Mention], want: int) -> list[Mention]:
    """The latest list (or a list's opening items) of ``want`` distinct countries in ``pool``:
    each list is walked once, from its last item back to its first (``follows_in_list``)."""
    k = len(pool) - 1
    while k >= 0:
        j = k
        while j > 0 and follows_in_list(text, pool[j - 1], pool[j]):
            j -= 1
        for t in range(k, j - 1, -1):  # the whole list first, then its shorter openings
            group = _latest_distinct(pool[j:t + 1], len(pool))
            if len(group) == want:
                return group[::-1]
        k = j - 1
    return []


def _latest_distinct(pool: list[Mention], want: int) -> list[Mention]:
    """Up to ``want`` distinct countries of ``pool``, latest first."""
    seen: dict[str, Mention] = {}
    for m in reversed(pool):
        seen.setdefault(m.iso3, m)
        if len(seen) == want:
            break
    return list(seen.values())


def _anaphoric_targets(ctx: ClauseContext, earlier: list[Mention], home: tuple[str, ...],
                       present_cue: CueMatch | None, hit_at: int) -> list[Target]:
    """Countries that "there", "the country" or "both countries" point back to."""
    text, clause, c_start, negated = ctx.text, ctx.clause, ctx.start, ctx.negated
    out: list[Target] = []
    earlier = earlier[-REACH:]
    plural = cues.PLURAL_PLACE_ANAPHORA.search(clause)
    ref = plural or cues.PLACE_ANAPHORA.search(clause)
    if not ref:
        return _region_targets(ctx, earlier, home, present_cue)
    if not plural:
        ref = _relative_after_place(ctx, ref, hit_at)
    if not plural and cues.ENDED.may_occur(clause):
        # "y avaient travaillé ..., avant de quitter le pays": the pointer a leaving cue governs
        for later in cues.PLACE_ANAPHORA.finditer(clause, ref.end()):
            if leaving_cue_before(clause[ref.end():later.start()]) is not None:
                ref = later
                break
    candidates = [m for m in earlier if m.iso3 not in home and m.kind != "demonym" and m.start < c_start + ref.start()
                  and not beyond_border(text[max(0, m.start - 30):m.start].rstrip().lower())
                  and not is_speaker(text, m, cities=True)  # "Paris affirme ...": who speaks, not where
                  and not INSTITUTION_AFTER.match(text, m.end)]  # "the US Treasury": whose office, not where
    if not candidates:
        return out
    if plural:
        african = "afric" in plural.group(0).lower()
        want = _count(plural.group(0))
        pool = [m for m in candidates if not african or in_africa(m)]
        # the latest list of as many places ("Mali, Burkina Faso and Niger broke with Paris ... all
        # three"), else the latest places named
        seen = _latest_list_of(text, pool, want) or _latest_distinct(pool, want)
        status = "present"
        return [Target(m, status, plural.group(0), 0.6, "pointer-plural") for m in seen] if present_cue and not negated else []
    lead = text[max(0, c_start + ref.start() - 40):c_start + ref.start()]
    if ref.group(0).lower() == "where" and re.search(r"\b(?:border|frontier|boundary|line)s?\W*$",
                                                    lead, re.IGNORECASE):
        return out  # "on the Tajik-Afghan border, where ...": a border is not one country
    kind = cues.PLACES_WHERE.search(text, max(0, c_start + ref.start() - 40), c_start + ref.end())
    if kind is not None and kind.end() == c_start + ref.end():
        # "the countries where Russian troops serve": the relative describes a kind of place, not
        # one named before; only a place of its own sentence may be one of them ("Togo joined the
        # states where Russian instructors work"), never the last one named in an earlier sentence
        opens = max(text.rfind(stop, 0, c_start) for stop in (". ", "! ", "? ", "\n"))
        candidates = [c for c in candidates if c.start > opens]
        if not candidates:
            return out
    if "afric" in ref.group(0).lower() or "африк" in ref.group(0).lower():
        candidates = [c for c in candidates if in_africa(c)] or candidates
    if _ISLAND_POINTER.search(ref.group(0)):
        candidates = [c for c in candidates if c.iso3 in _ISLANDS]  # "the island": an island state
        if not candidates:
            return out
    if _CAPITAL_POINTER.search(ref.group(0)):
        # "the capital" after "BANGUI — ... the road to Cameroon": the country whose capital was named
        capitals = {c.iso3 for c in candidates if c.kind == "capital"}
        candidates = [c for c in candidates if c.iso3 in capitals] or candidates
    owner = _owner_before(text, earlier, c_start + ref.start(), ref.group(0))
    candidates = [c for c in candidates if c.iso3 != owner] or candidates
    m = candidates[-1]
    if ref.group(0).lower() not in _NEXT_TO:
        # "the country", "le pays", "этой стране": the last country events were placed in ("in
        # Mali", "au Mali"), not the last one named as a speaker, an owner or an agent ("Paris
        # estime", "United States troops", "considérée par Washington", "Минфин США")
        placed = [c for c in candidates[-12:] if is_locative(text, c, max(0, c.start - 60)) or _opens(text, c)]
        if placed:
            m = placed[-1]
    before = clause[:ref.start()]
    ended = leaving_cue_before(before)
    if ended and _CITY_POINTER.search(ref.group(0)):
        ended = None  # "leave the capital's airport": a move inside the country
    if ended and m.kind in ("country", "region", "city", "capital") and not cues.ORDERED.search(before):
        # "Most of the fighters who came last summer have left the country": a part left, the rest stay
        partial = partial_departure(text, c_start, c_start + before.rfind(ended))
        return [Target(m, "present" if negated or partial else "ended", ended, 0.6, "pointer")]
    if present_cue and not negated:
        group = [m]
        if ref.group(0).lower() in ("where", "où", "где"):
            # "in the Central African Republic and Sudan, where ...": the whole list
            group = list_ending_with(text, candidates)
        return [Target(g, "present", f"{present_cue.group(0)} {ref.group(0)}", 0.65, "pointer") for g in group]
    return out


# ", where", ", où", ", где" right after a place: a relative that opens a clause of its own
_RELATIVE = frozenset({"where", "où", "где", "куда"})
_WHERE_LEAD = re.compile(r"\s*(?:where|où|где)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)  # up to the subject


def _relative_after_place(ctx: ClauseContext, ref: WordMatch, hit_at: int) -> WordMatch:
    """The pointer a clause's actor reads: a relative "where" standing right after its place, when
    the actor comes after it, rather than a pointer earlier in the main clause ("La frontière du
    pays jouxte la Centrafrique, où les hommes de Wagner sont déployés": the men are in the CAR,
    whatever "du pays" means). Why: the relative's place is beside it and its verb is the actor's;
    "the country" before it belongs to another verb and may point anywhere, or nowhere."""
    best = ref
    for later in cues.PLACE_ANAPHORA.finditer(ctx.clause, ref.end()):
        at = ctx.start + later.start()
        if at >= hit_at:
            break
        if later.group(0).lower() in _RELATIVE and any(0 <= at - m.end <= 3 and m.kind != "demonym"
                                                       for m in ctx.mentions):
            best = later  # the last relative before the actor is the one whose subject it is
    return best


_SENTENCE_HEAD = re.compile(r"(?:^|[.!?]\s+|\n)\s*((?:[\w'’-]+\s+){0,2})$")


def _opens(text: str, m: Mention) -> bool:
    """Whether the place opens its sentence, after at most two words ("Le Soudan a ...", "Sudan's
    gold ...", "In 2019 Mali ..."): a subject the next sentences go on about."""
    return _SENTENCE_HEAD.search(text, max(0, m.start - 40), m.start) is not None


# Pointers that stand right after their place ("..., where", "y", "там"): the latest place it is
_NEXT_TO = frozenset({"where", "où", "где", "there", "here", "y", "là-bas", "ici", "там", "здесь", "туда", "оттуда"})


_GENITIVE_POINTER = re.compile(r"(?:du|de|of|d['’])\s", re.IGNORECASE)


def _owner_before(text: str, earlier: list[Mention], at: int, pointer: str) -> str | None:
    """The country a demonym right before the pointer names as an owner: "the former French bases
    of the country", "anciennes bases françaises du pays". The country pointed to is the host,
    never that owner (no one writes "the French bases of France"). Only a genitive pointer: in
    "Malian units there" the demonym names the host."""
    lead = text[max(0, at - 8):at].lower().split()
    if not (_GENITIVE_POINTER.match(pointer) or (lead and lead[-1] in ("of", "du", "de"))):
        return None
    for m in reversed(earlier):
        if m.end > at:
            continue
        if m.kind == "demonym" and not text[m.end:at].strip(" ,").split()[2:]:
            return m.iso3  # at most two words (the pointer's own "du", "of the") between them
        break
    return None


def _region_targets(ctx: ClauseContext, earlier: list[Mention], home: tuple[str, ...],
                    present_cue: CueMatch | None) -> list[Target]:
    """"Troops stationed in the region" after Transnistria: a region phrase points back to the
    last region named (a breakaway region, a province), never to a country, which "the region"
    around it more often means ("instability in the region" after Mali)."""
    clause, c_start = ctx.clause, ctx.start
    ref = cues.REGION_ANAPHORA.search(clause)
    if not ref or ctx.negated:
        return []
    earlier = earlier[-REACH:]
    # "have pulled out of the province": leaving the region named before, as leaving it by name is
    left = leaving_cue_before(clause[:ref.start()])
    if left is None and not present_cue:
        return []
    for m in reversed(earlier):
        if m.start < c_start + ref.start() and m.kind == "region" and m.iso3 not in home:
            if left is not None:
                return [Target(m, "ended", left, 0.6, "pointer-region")]
            if present_cue is not None:  # always, with no leaving cue (checked above)
                return [Target(m, "present", f"{present_cue.group(0)} {ref.group(0)}", 0.6, "pointer-region")]
    return []


def colon_topic(where: SentenceContext, c_start: int, home: tuple[str, ...]) -> Mention | None:
    """The country a sentence opens on, when the clause (from ``c_start``) is what follows its
    colon ("Belarus is the exception: Russian troops ..."); the clause then tells about that
    country."""
    text, s_start, sent_mentions = where.text, where.start, where.mentions
    if not text[max(0, c_start - 2):c_start].startswith(":"):
        return None
    before = [m for m in sent_mentions if m.start < c_start and m.kind != "demonym" and m.iso3 not in home]
    if len({m.iso3 for m in before}) != 1:
        return None
    first = before[0]
    # the country must open the sentence ("The Central African Republic remains ..."), not be
    # one of its later words
    return first if len(text[s_start:first.start].split()) <= 1 else None


def sole_host(text: str, history: list[Mention], home: tuple[str, ...]) -> Mention | None:
    """The one country the article has named so far outside the actor's home, when it is the
    article's setting: named in the dateline ("BANGUI —") or more than once."""
    found: Mention | None = None
    times = 0
    for m in history:
        if m.iso3 in home or m.kind == "demonym":
            continue
        if found is not None and found.iso3 != m.iso3:
            return None
        found = m
        times += 2 if dateline(text, m) else 1
    return found if times >= 2 else None


# A heading: a paragraph of one short line that does not close as a sentence does ("Libya: the
# logistics hub", "Мали: от частника к государству", "Ukraine, le berceau"); a spoken line, a
# question or furniture ("Read more: ...") is none
_HEADING = re.compile(r"(?:^|(?<=\n\n))[ \t]*([^\n]{2,90}?)[ \t]*(?=\n\n|\Z)")
_HEADING_MAX_WORDS = 10
_NOT_HEADING = re.compile(r"^[—–\-•*(\[]|[.!?…;,:]$|[|@©]|https?:|www\.|^(?:read|see|watch|listen|photo|lire|voir|"
                          r"читайте|смотрите|фото|by|par|от)\b|\b(?:also|aussi|также|reuters|afp|ap|getty|"
                          r"correspondent|correspondant|корреспондент|whatsapp|telegram|subscribe|abonnez|подпис\w*)\b",
                          re.IGNORECASE)


def section_topics(text: str, mentions: list[Mention]) -> tuple[list[int], list[Mention | None]]:
    """Where each heading of the article ends, with the one country it names (None when it names
    none or several): long reads split their stories by country under headings ("Ливия:
    логистический узел"), and the paragraphs below tell of that country without naming it again
    ("Российские военные обслуживают аэродромы"). ``mentions`` are sorted by start."""
    ends: list[int] = []
    topics: list[Mention | None] = []
    if "\n" not in text:
        return ends, topics
    starts = [m.start for m in mentions]
    for h in _HEADING.finditer(text):
        line = h.group(1)
        if len(line.split()) > _HEADING_MAX_WORDS or _NOT_HEADING.search(line):
            continue
        inside = mentions[bisect.bisect_left(starts, h.start(1)):bisect.bisect_left(starts, h.end(1))]
        places = {m.iso3 for m in inside if m.kind != "demonym"}
        ends.append(h.end(1))
        topics.append(next(m for m in inside if m.kind != "demonym") if len(places) == 1 else None)
    return ends, topics


def section_topic(sections: tuple[list[int], list[Mention | None]], at: int) -> Mention | None:
    """The country of the section ``at`` is in: the one its latest heading names, if any."""
    ends, topics = sections
    i = bisect.bisect_right(ends, at) - 1
    return topics[i] if i >= 0 else None


def paragraph_topic(text: str, at: int, history: list[Mention], home: tuple[str, ...]) -> Mention | None:
    """The one country the paragraph around ``at`` has named before it, when the paragraph opens
    on it ("Libya is the hub. ... Russian troops maintain the airfields", "В Ливии ..."): a
    paragraph of news keeps to one story, and one place named at its head is where it is told."""
    para = text.rfind("\n", 0, at) + 1
    here: list[Mention] = []
    for m in reversed(history):
        if m.start < para:
            break
        if m.iso3 not in home and m.kind != "demonym":
            here.append(m)
    if not here or len({m.iso3 for m in here}) != 1:
        return None
    return here[0] if len(text[para:here[-1].start].split()) <= 1 else None


# An area wider than a country, or another one, named without a country mention
_ELSEWHERE = re.compile(r"(?<!\w)(?:continent|abroad|overseas|elsewhere|africa|afrique|африк\w*|étranger|ailleurs|"
                        r"рубеж\w*|region|région|регион\w*)(?!\w)", re.IGNORECASE)


def points_elsewhere(clause: str) -> bool:
    """Whether the clause names an area wider than a country, or an island, without a country:
    then the one country the article is set in is not where it puts the actor."""
    return _ELSEWHERE.search(clause) is not None or _ISLAND_POINTER.search(clause) is not None
