"""Departures: which leaving cue has a country as its object, and who leaves.

"Wagner withdrew from Mali" ends a stay; "left for Libya", "left their positions" and "began
pulling some of its men out" do not. These tests find a leaving cue's object (``ended_target``),
a departure told as partial (``partial_departure``), one with no object after the actor
(``bare_departure``, ``left_after``) or before a fronted place (``fronted_departure``), and the
actor who leaves or receives what another leaves (``leaver``, ``receives``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import news.presence.cues as cues
from geo.types import Mention
from news.presence.actors import ActorHit
from news.presence.context import ClauseContext
from news.presence.places import TERRITORY_NEXT


def ended_target(text: str, m: Mention, clause_start: int, may_end: bool = True) -> str | None:
    """The leaving cue that has this country as its object, if any ("withdrew from Mali").

    ``may_end`` False (the clause holds no leaving word) skips the search before the place.
    """
    if m.kind not in ("country", "region") and not (m.kind == "demonym" and TERRITORY_NEXT.match(text, m.end)):
        return None  # leaving a city is a move inside the country, not a departure; "Azerbaijani territory" is the country
    if text.startswith(("'s", "’s"), m.end) and cues.PART_OF.match(text[m.end:m.end + 40]):
        return None  # "out of the CAR's northeast": still in the country
    before = text[max(clause_start, m.start - 45):m.start]
    if _ends_with_word(before, _DESTINATION_WORDS):
        return None  # "left for Libya", "withdrew to Jufra": where they went, not what they left
    found: str | None = None
    if may_end:
        found = leaving_cue_before(before, lambda between: len(between.split()) <= 4 and not cues.COMMA.search(between)
                                   and not _INNER_PREP.search(between))
    if found is None and may_end and _COMMA_LOCATOR.search(before, max(0, len(before) - 16)):
        # "a quitté la base navale de Cam Ranh, au Vietnam": the country locates the place left
        found = leaving_cue_before(text[max(clause_start, m.start - 90):m.start], lambda between: len(
            between.split()) <= 10 and between.count(",") == 1 and _LOCATOR_TAIL.search(between) is not None)
    if found is None:
        # "gave up the naval base at Cam Ranh in Vietnam", "closed its listening post at Lourdes in
        # Cuba": a facility given up, located by the country
        given_up = _FACILITY_GIVEN_UP.search(text, max(clause_start, m.start - 110), m.start)
        if given_up is not None:
            found = given_up.group("cue")
    if found is None and may_end:
        # "свернула деятельность в Белоруссии", "wound down its operations in Syria": the cue names
        # the stay it ends, and the place is the stay's
        for c in cues.ENDED.finditer(before):
            rest = before[c.end():]
            if _MISSION.search(c.group(0)) and len(rest.split()) <= 2 and not cues.COMMA.search(rest):
                found = c.group(0)
    if found is None and may_end:
        # "completion of its mission in Mali": the inner "in" belongs to the mission
        found = leaving_cue_before(before, lambda between: len(between.split()) <= 4
                                   and _MISSION.search(between) is not None and not cues.COMMA.search(between))
    if found is None and may_end and _FROM_BEFORE.search(before, max(0, len(before) - 14)):
        # "the withdrawal of its peacekeeping contingent from Azerbaijan": what leaves is named
        # between the cue and "from"
        found = leaving_cue_before(text[max(clause_start, m.start - 70):m.start], lambda between: len(
            between.split()) <= 7 and not cues.COMMA.search(between) and not _INNER_PREP.search(between))
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


# "mission in Mali ... is complete"; "from (the)" before a place; a move between positions
# inside a country, not out of it; where they went, not what they left
_MISSION_IN = re.compile(r"(?:mission|operations|deployment|миссия|операция)[»\"”]?\s+(?:in|au|en|в|на)\s+(?:the\s+)?$",
                         re.IGNORECASE)
_OVER_AFTER = re.compile(r"\s+(?:(?:is|was|has been|had been|are|were|est|a été|était)\s+(?:now\s+)?)?"
                         r"(complete|completed|over|finished|ended|accomplished|terminée|achevée|accomplie|"
                         r"завершена|окончена|закончена)(?!\w)", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?<!\w)(?:from|out of|из)\s+(?:the\s+)?$", re.IGNORECASE)
MOVED_WITHIN = re.compile(r"(?<!\w)(?:left|leav\w+|abandon\w*|quitt\w*|ont quitté|покида\w*|покину\w*|оставил\w*|"
                          r"withdr\w*|pull\w* back|retir\w*|отош\w*|отвел\w*)"
                          r"\s+(?:\w+\s+){0,3}?(?:(?:from|des|de la|du|de|с|со)\s+)?(?:(?:their|its|the|leurs?|les|ses|свои)\s+)?"
                          r"(?:positions?|front\w*|front lines?|lignes de front|outposts?|позици\w*|фронт\w*|"
                          r"передов\w*)(?!\w)", re.IGNORECASE)
_FROM_WORDS = ("from", "out of", "из", "du", "de")
_COMMA_LOCATOR = re.compile(r",\s*(?:in|au|aux|en|à|в|во)\s+(?:the\s+)?$", re.IGNORECASE)
_LOCATOR_TAIL = re.compile(r"^[^,;]*\b(?:base|airbase|port|facility|station|centre|center|camp|city|town|"
                           r"базу|базы|порт|город)\b[^,;]*,\s*(?:in|au|aux|en|à|в|во)\s+(?:the\s+)?$", re.IGNORECASE)
# a military facility closed or given up, then where it is: the whole stay it held is over
_FACILITY_GIVEN_UP = re.compile(
    r"(?<!\w)(?P<cue>gave\s+up|give\s+up|giving\s+up|given\s+up|closed|closing|shut|abandoned|vacated|"
    r"a\s+fermé|avait\s+fermé|fermé|fermeture\s+d[eu])\s+(?:(?:its|the|their|his|sa|son|ses|la|le|les|de\s+la|du)\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:base|bases|station|post|facility|facilities|centre|center|garrison|airbase|port|"
    r"station\s+d['’]écoute|base\s+d['’]écoute)"
    r"(?:\s+(?:at|of|à|de)\s+[A-ZÀ-Ö][\w-]*(?:\s+[A-ZÀ-Ö][\w-]*){0,2})?"
    r"(?:\s+(?:south|north|east|west|near|outside)\s+of\s+[A-ZÀ-Ö][\w-]*|,)?\s+(?:in|au|aux|en|à)\s+(?:the\s+)?$")
_DESTINATION_WORDS = ("for", "to", "towards", "toward", "into", "pour", "vers")


def _few_words(between: str) -> bool:
    """Three words at most between a leaving cue and its object."""
    return len(between.split()) <= 3


def leaving_cue_before(s: str, ok: Callable[[str], bool] = _few_words) -> str | None:
    """The last leaving cue in ``s`` whose words up to the end of ``s`` pass ``ok`` (by default:
    three words at most, "left the country", "a quitté le pays"), or None."""
    found: str | None = None
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


_MISSION = re.compile(r"mission|operation|deployment|presence|activit|миссии|операции|присутстви|деятельност", re.IGNORECASE)
_INNER_PREP = re.compile(r"(?<!\w)(?:in|at|near|à|в|на)(?!\w)", re.IGNORECASE)


# A partial or gradual departure: the words before a leaving cue that keep the actor there.
# (a date is not a beginning: "at the start of June", "в начале июня", "с начала года")
PARTIAL = re.compile(
    r"(?<!\w)(?:gradual\w*|partial\w*|progressive\w*|began|begun|begins?|(?<!the )beginning|(?<!the )start(?:ed|s|ing)?|"
    # "some" of the men, or "some" of them ("some had left"), not "some analysts say"
    r"some(?=\s+(?:of\b|(?:had|have|has|were|are|left|returned|went|flew)\b|(?:[\w-]+\s+){0,2}?(?:fighters|men|troops|"
    r"soldiers|units|contractors|mercenaries|instructors|personnel|forces)\b))|"
    r"part of|most of|half of|many of|a first|first group|a number of|hundreds of|several hundred|thinn\w*|"
    r"progressi\w*|partiel\w*|une partie|certains|commenc\w*|частичн\w*|постепенн\w*|часть|(?<!в )(?<!с )(?<!со )(?<!до )начал\w*|"
    r"некоторы\w*|первая группа|перв\w+ партия)(?!\w)", re.IGNORECASE)


def partial_departure(text: str, c_start: int, cue_at: int) -> bool:
    """Whether the leaving cue at ``cue_at`` is told as partial or only begun (within its clause,
    a few words before the cue, or the cue's own noun phrase: "the gradual departure of"), or its
    subject is only a part of the men ("Most of the Wagner fighters who arrived in Belarus last
    summer have left", "Большая часть бойцов «Вагнера», прибывших летом в Беларусь, покинула
    страну"): GUIDE, ended needs the actor gone as a whole."""
    if cue_at < 0:
        return False
    return (PARTIAL.search(text, max(c_start, cue_at - 45), cue_at + 1) is not None
            or _PART_OF_THE_MEN.match(text, c_start, cue_at) is not None)


# a clause whose subject is a part of the men: "Most of the fighters", "Une partie des
# paramilitaires", "Большая часть бойцов" (a quantifier, then the men within a few words)
_PART_OF_THE_MEN = re.compile(
    r"\W*(?:[\w-]+\s+){0,3}?(?:most|many|some|half|part|the\s+bulk|la\s+plupart|une\s+partie|la\s+majorité|"
    r"(?:(?:больш|значительн|основн)\w*\s+)?част(?:ь|и|ью)|многие|некоторые|половин\w*)"
    r"(?:\s+(?:of|des|de|d['’]))?\s+(?:[\w«»\"'’-]+\s+){0,2}?"
    r"(?:fighters|men|troops|soldiers|contractors|mercenaries|instructors|personnel|units|"
    r"combattants|hommes|soldats|militaires|paramilitaires|mercenaires|instructeurs|effectifs|"
    r"бойц\w*|военн\w*|наёмник\w*|наемник\w*|вагнеровц\w*|личн\w+\s+состав\w*|контингент\w*|подразделени\w*)(?!\w)",
    re.IGNORECASE)


_BARE_END = re.compile(r"\s*(?:(?:completely|entirely|fully|altogether|for good|entièrement|complètement|totalement|"
                       r"définitivement|полностью|окончательно)(?!\w)\s*)?(?:$|[,.;:]|(?:in|on|at|after|before|during|within|by|last|this|en|au|début|fin|dans|après|avant|"
                       r"в|во|после|до|через|летом|осенью|весной|зимой|home|домой|au\s+bout|dès|depuis|since|déjà|already|"
                       r"уже|ещё|еще)(?!\w))", re.IGNORECASE)


# a coordinated verb after the stay: "... and leave", "... before withdrawing", "... et repartir"
_THEN_VERB = re.compile(r"(?:,?\s+|^)(?:and|then|before|et|puis|avant\s+de|avant\s+d['’]|и|а\s+затем|затем|прежде\s+чем)"
                        # a French clitic for the place left: "avant de s'en retirer", "avant d'en partir", "puis s'en sont retirés"
                        r"(?:\s*(?:s['’]en|en|s['’]y))?"
                        r"(?:\s+(?:then|later|quickly|soon|finally|all|had|have|has|were|was|ensuite|est|sont|était|étaient|"
                        r"быстро|затем))*\s+$",
                        re.IGNORECASE)


def left_after(ctx: ClauseContext, m: Mention, i: int) -> str | None:
    """A leaving cue with no place of its own a few words after ``m``, the clause's ``i``-th place
    ("deployed to Kazakhstan flew home on Wednesday", "sent to Mali have left"): the men left the
    place just named."""
    text, c_end, clause_mentions = ctx.text, ctx.end, ctx.mentions
    if any(later.start >= m.end for later in clause_mentions[i + 1:]):
        return None
    after = text[m.end:min(c_end, m.end + 120)]
    for cue in cues.ENDED.finditer(after):
        if not _BARE_END.match(after, cue.end()):
            continue
        head = after[:cue.start()]
        if cues.NEGATION.search(head) or cues.MODAL.search(head):
            continue  # "остаются в Мали и не собираются уходить", "and plan to leave": no departure yet
        if len(head.split()) <= 3 and not cues.STOPS.search(head):
            return cue.group(0)
        if _THEN_VERB.search(head) and ";" not in head and ":" not in head:
            # "fly into Kazakhstan in January 2022 and leave within a fortnight", "fought there in
            # 2019 before withdrawing": a coordinated leaving verb with no object of its own
            return cue.group(0)
    return None


def bare_departure(text: str, hit: ActorHit) -> str | None:
    """A leaving cue right after the actor with no object ("Wagner a plié bagage, début juin",
    "the last fighters left in October"): a departure from wherever the article is set."""
    after = text[hit.end:hit.end + 60]
    cue = cues.ENDED.search(after)
    if cue is None or len(after[:cue.start()].split()) > 3 or cues.STOPS.search(after, 0, cue.start()):
        return None
    return cue.group(0) if _BARE_END.match(after, cue.end()) else None


# the one handed something: "handed its positions to (regular) Russian troops", "передав позиции
# Африканскому корпусу", "remettre leurs positions au ministère russe"
_HANDED_TO = re.compile(r"(?:hand\w*|turn\w* over|remis\w*|remett\w*|céd\w*|передав\w*|передал\w*|переда\w*)"
                        r"(?:\s+[\w'’-]+){0,6}?\s+(?:(?:to|à|au|aux)\s+(?:[\w'’-]+\s+){0,3})?$", re.IGNORECASE)


def receives(ctx: ClauseContext, hit: ActorHit, after: int, before: int) -> bool:
    """Whether the actor is the one handed what another leaves: named as the receiver ("handed its
    positions to regular Russian troops"), or named from ``after`` (the place or cue left) when
    another actor stands before ``before`` ("Wagner pulled its fighters out of Ukraine, handing
    its positions to Russian army units"). It does not leave."""
    if _HANDED_TO.search(ctx.text, max(ctx.start, hit.start - 80), hit.start):
        return True
    return hit.start >= after and any(h.actor and h.actor != hit.actor and h.end <= before for h in ctx.hits)


def receives_cue(ctx: ClauseContext, cue: str, hit: ActorHit) -> bool:
    """``receives`` for a departure from a place pointed to, measured from its leaving cue
    ("свернула деятельность в этой стране, передав позиции Африканскому корпусу")."""
    pos = ctx.text.find(cue, ctx.start)
    after, before = (pos + 1, pos) if pos >= 0 else (len(ctx.text) + 1, -1)  # not found: the receiver's words alone
    return receives(ctx, hit, after, before)


_RELATIVE_BEFORE = re.compile(r",\s*" + cues.RELATIVE + r"\s+(?:\w+\s+){0,4}$", re.IGNORECASE)
# a subordinate clause with its own subject before the leaving cue: "took over when the Wagner Group
# left Mali", "since French troops left Mali", "после того как французские войска покинули Мали"
_SUBORDINATE_BEFORE = re.compile(
    r"(?<!\w)(?:when|after|since|once|until|as\s+soon\s+as|lorsque|lorsqu['’]|quand|après\s+que|après\s+qu['’]|"
    r"depuis\s+que|depuis\s+qu['’]|dès\s+que|когда|после\s+того\s*,?\s+как|с\s+тех\s+пор\s*,?\s+как)\s*"
    r"(?P<subject>(?:[\w'’«»\"-]+\s+){1,6})$", re.IGNORECASE)
# a pronoun subject points back to the actor the clause is about: "when they left", "quand ils sont partis"
_NAME_INSIDE = re.compile(r"(?<=\s)[A-ZА-ЯЁ«\"]")  # a capital after the subject's first word: a name
_PRONOUN_SUBJECT = re.compile(r"(?:they|it|he|she|ils|il|elle|elles|они|он|она|оно)\s", re.IGNORECASE)


def leaver(ctx: ClauseContext, cue: str) -> str | None:
    """The actor who leaves, when the leaving cue has a subject of its own: the one a relative
    pronoun before it follows ("the Africa Corps took over from Wagner's paramilitaries, who left
    the country": Wagner), or the subject of a subordinate clause it closes ("which took over when
    the Wagner Group left Mali": Wagner). "" when that subject is no actor ("since French troops
    left Mali": someone else left), None when the cue has no subject of its own."""
    text, c_start = ctx.text, ctx.start
    pos = text.find(cue, c_start)
    if pos < 0:
        return None
    rel = _RELATIVE_BEFORE.search(text, max(c_start, pos - 45), pos)
    before = [h for h in ctx.hits if rel is not None and h.end <= rel.start()]
    if before:
        return max(before, key=lambda h: h.end).actor
    sub = _SUBORDINATE_BEFORE.search(text, max(c_start, pos - 70), pos)
    if sub is None or _PRONOUN_SUBJECT.match(sub.group("subject")):
        return None
    inside = [h for h in ctx.hits if sub.start("subject") <= h.start and h.end <= pos]
    if inside:
        return min(inside, key=lambda h: h.start).actor
    # another country's force or state as the subject ("French troops", "les Américains"): someone
    # else left; a subject that names no country ("the last of them") is the clause's own actor
    named = (any(sub.start("subject") <= m.start and m.end <= pos for m in ctx.mentions)
             or _NAME_INSIDE.search(sub.group("subject")) is not None)  # a name the actor hits left out
    return "" if named else None


def fronted_departure(ctx: ClauseContext, hit: ActorHit, i: int, home: tuple[str, ...],
                      bare: bool = False) -> str | None:
    """The leaving cue of a clause that opens on its place: "In Mali, Wagner announced the end of
    its mission and withdrew its fighters". Only when no other place follows the actor (the
    country left would then be that one). ``bare``: only a cue with no object after it ("had
    gone home within a fortnight"), which outweighs a presence cue before it. ``i``: the place's
    index among the clause's places."""
    if not ctx.may_end or not ctx.locative_at(i):
        return None
    if _HANDED_TO.search(ctx.text, max(ctx.start, hit.start - 80), hit.start):
        return None  # "... before handing their positions to regular Russian troops and pulling out": the receiver stays
    if any(x.start > hit.end and x.iso3 not in home for x in ctx.mentions):
        return None
    cue = cues.ENDED.search(ctx.clause, hit.end - ctx.start)
    if cue is None or (bare and not _BARE_END.match(ctx.clause, cue.end())):
        return None
    return cue.group(0)


def departure_of(text: str, c_start: int, hit: ActorHit) -> str | None:
    """The leaving noun whose object is this actor ("the departure of Wagner's fighters",
    "le départ des combattants de Wagner", "уход «Вагнера»", "Wagner's exit"), if any."""
    before = text[max(c_start, hit.start - 40):hit.start]
    for c in cues.ENDED.finditer(before):
        between = before[c.end():]
        if len(between.split()) <= 3 and not cues.COMMA.search(between) and _OF_WORDS.match(between):
            return c.group(0)
    after = text[hit.end:hit.end + 20]
    if after.startswith(("'s ", "’s ")):
        c = cues.ENDED.search(after)
        if c is not None and len(after[:c.start()].split()) <= 1:
            return c.group(0)
    return None


_OF_WORDS = re.compile(r"^\s*[«\"]?(?:$|(?:of|de|des|du|d'|d’)\b)", re.IGNORECASE)


def ended_words(clause: str) -> set[str]:
    """Every leaving cue's words in the clause."""
    return {m.group(0) for m in cues.ENDED.finditer(clause)}
