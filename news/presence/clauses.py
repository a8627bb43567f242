"""Where a sentence's clauses start and end, and how far a negation in one reaches.

A plan, a visit or a negation in one clause does not touch the claims of another ("Wagner left
Mali, but its men stay in Libya"), so the rules read clause by clause; the negation's own reach
inside a clause (a coordinated verb after it, a contrast) is decided here too.
"""

from __future__ import annotations

import bisect
import re

import news.presence.cues as cues
from geo.types import Mention
from news.presence.actors import ActorHit

# "Claim: a video shows Wagner soldiers landing in Abidjan": the claim a fact check examines, not
# the article's own assertion
_CHECKED_CLAIM = re.compile(r"(?:claim|claims|allégation|affirmation|утверждение|фейк)\s*:", re.IGNORECASE)


def asserts_nothing(sentence: str) -> bool:
    """A question ("Will Wagner stay?") or a fact check's quoted claim asserts nothing; its places
    and actor still count for what points back to them."""
    return sentence.endswith("?") or _CHECKED_CLAIM.match(sentence) is not None


# A relative clause on a place ("in Libya, where Wagner fighters have been stationed since 2019,
# and airstrips in Sudan ...") ends at its closing comma: what follows is the main clause again.
# a clause that opens on its relative "where" (English: CLAUSE_SPLIT cut the comma off before it)
WHERE_OPEN = re.compile(r"\s*(?:where|où|где)\s", re.IGNORECASE)
_WHERE_CLOSE = re.compile(r",\s+(?=(?:and|or|et|ou|и|или|а)\s)")


# ", où ...", ", где ...", ", куда ...": English splits every ", where" clause off (cues.CLAUSE_SPLIT);
# French and Russian ones stay in their sentence's clause, where "où"/"где" point back to the place,
# unless the relative holds a negation of its own (below)
_WHERE_COMMA = re.compile(r",\s(?=(?:où|где|куда)\s)", re.IGNORECASE)


# the same after a noun in apposition: ", deux pays où ...", ", two countries where ...", ", две страны, где"
_WHERE_APPOSED = re.compile(r",\s(?:[\w'’-]+,?\s){1,3}?(?=(?:où|где|куда|where)\s)", re.IGNORECASE)


def _negated_where_split(sentence: str, offset: int, a: int, b: int) -> list[tuple[int, int]]:
    """``(a, b)`` split before a French or Russian "where" relative that holds a negation (or set
    apart from a main clause that holds one):
    "Le corps opère au Burkina Faso, où Wagner n'a jamais mis les pieds", "..., куда ЧВК так и не
    успела зайти". Why: the relative's negation is its own; left in the clause it cancels the main
    clause's claim and leaves the relative's actor placed."""
    for m in _WHERE_COMMA.finditer(sentence, a - offset, b - offset):
        rest = sentence[m.end():b - offset]
        end = rest.find(",")
        if _negated_up_to_comma(rest):
            return [(a, offset + m.start()), (offset + m.end(), b)]
        if end >= 0 and _main_negated(rest[end:]):
            # the other way round: "В Буркина-Фасо, куда прибыли российские военные, ... «Вагнера»
            # никогда не было": the main clause's negation is not the relative's
            close = offset + m.end() + end
            return ([(a, offset + m.start()), (offset + m.end(), close)]
                    + _negated_where_split(sentence, offset, close + 1, b))
    for m in _WHERE_APPOSED.finditer(sentence, a - offset, b - offset):
        if _negated_up_to_comma(sentence[m.end():b - offset]):
            # "..., deux pays où Wagner n'avait jamais opéré": the relative's negation is its own
            return [(a, offset + m.start()), (offset + m.end(), b)]
    return [(a, b)]


def _negated_up_to_comma(rest: str) -> bool:
    """Whether a relative (``rest``, from its "where" on) holds a negation before its first comma."""
    end = rest.find(",")
    return negation_at(rest if end < 0 else rest[:end]) is not None


def _main_negated(main: str) -> bool:
    """Whether a main clause holds a negation of its own verb, not only one of a clause coordinated
    after it ("«вагнеровцы» охраняют президента, и перехода там не произошло": the guarding stands,
    so the fronted place stays the main clause's)."""
    neg = negation_at(main)
    if neg is None:
        return False
    return not coordinated_negation(main, neg)


# A fronted place that is not where the main clause happens: "Besides the CAR", "Outre la
# Centrafrique", "Кроме ЦАР" (a fronted "In Libya" is the main clause's place too, and stays with it)
_FRONTED_PLACE = re.compile(r"\s*(?:besides|apart\s+from|beyond|unlike|outre|hormis|contrairement\s+[àa]u?x?|"
                            r"кроме|помимо|в\s+отличие\s+от)\s+(?:[\w'’-]+\s+){0,4}[\w'’-]+\s*$", re.IGNORECASE)


def _fronted_where(sentence: str, offset: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with a where-relative on a fronted place closed at its comma: "Besides the CAR,
    where Russian instructors have operated since 2018, the Africa Corps is present in Mali",
    "Outre la Centrafrique, où ..., l'Africa Corps ...". Why: what follows that comma is the
    sentence's main clause, whose places are not the relative's, nor its subject the relative's."""
    if not spans or spans[0][0] != offset:
        return spans
    a, b = spans[0]
    first = sentence[:b - offset]
    where = _WHERE_COMMA.search(first)  # French, Russian: the relative is still in the first clause
    if where is not None:
        head, rel_at = (a, offset + where.start()), offset + where.end()
        rest = [(rel_at, b)] + spans[1:]
    elif len(spans) > 1 and WHERE_OPEN.match(sentence, spans[1][0] - offset):
        head, rest = spans[0], spans[1:]  # English: CLAUSE_SPLIT already cut before ", where"
    else:
        return spans
    if _FRONTED_PLACE.fullmatch(sentence, head[0] - offset, head[1] - offset) is None:
        return spans
    r_a, r_b = rest[0]
    close = sentence.find(", ", r_a - offset, r_b - offset)
    if close < 0:
        return spans
    return [head, (r_a, offset + close), (offset + close + 2, r_b)] + rest[1:]


# An aside between dashes that only says where: "— in the CAR, Mali and Libya —", "— au Mali et au
# Niger —", "— в Мали и ЦАР —": the places of the clause around it, not a clause of their own
_PLACE_ASIDE = re.compile(r"\s*(?:in|en|au|aux|à|dans|в|во|на)\s+[^—–;:.]{1,120}?\s[—–]", re.IGNORECASE)


def clause_spans(sentence: str, offset: int) -> list[tuple[int, int]]:
    """The clauses of ``sentence`` (which starts at ``offset`` in the text) as text offsets: split
    at ";", ": ", "but", "while" and the like (``cues.CLAUSE_SPLIT``), and a relative "where ..."
    clause closed at its comma, so that a plan or negation in one clause does not reach another."""
    out: list[tuple[int, int]] = []
    pos = 0
    dash_list = False  # inside "в двух странах — Мали и ЦАР — ...": the closing dash ends the list, not the clause
    for m in cues.CLAUSE_SPLIT.finditer(sentence):
        dash = m.group(0).strip() in ("—", "–")
        if dash and dash_list:
            dash_list = False
            continue
        if m.group(0).startswith(":") and _PLACES_AFTER_COLON.match(sentence, m.end()):
            continue  # "From there it spread: to Sudan in 2017, to the CAR in 2018": the verb's places
        if dash and _PLACE_ASIDE.match(sentence, m.end()):
            dash_list = True
            continue  # "Wagner's operations abroad — in the CAR, Mali and Libya — continue": an aside of places
        if (m.group(0).startswith(":") or dash) and _LIST_NOUN_END.search(sentence, max(0, m.start() - 40), m.start()):
            dash_list = dash
            continue  # "in several African countries: Libya, Sudan and Mali": the list is the clause's
        if _BARE_PLACES.fullmatch(sentence, pos, m.start()) is not None:
            if m.group(0).strip() in ("—", "–"):
                continue  # "а в Нигере — обучать армию": the dash stands for the verb left out
            if out:
                out[-1] = (out[-1][0], offset + m.start())  # ", а затем в ЦАР и Ливии; ...": gapped, part of the clause before
                pos = m.end()
                continue
        out.append((offset + pos, offset + m.start()))
        pos = m.end()
    if out and _BARE_PLACES.fullmatch(sentence, pos) is not None:
        a, _ = out.pop()  # "..., а затем в Центральноафриканской Республике и Ливии."
        pos = a - offset
    out.append((offset + pos, offset + len(sentence)))
    out = [piece for a, b in out for piece in _negated_where_split(sentence, offset, a, b)]
    out = _fronted_where(sentence, offset, out)
    spans: list[tuple[int, int]] = []
    for a, b in out:
        if b > a and WHERE_OPEN.match(sentence, a - offset):
            close = _WHERE_CLOSE.search(sentence, a - offset, b - offset)
            if close is not None:
                spans.extend([(a, offset + close.start()), (offset + close.end(), b)])
                continue
        spans.append((a, b))
    return [(a, b) for a, b in spans if b > a]


# ", and (in Burkina Faso) Russian instructors ...": a coordinator that may open a clause of its
# own; what stands between it and the clause's subject is at most a fronted place and an article.
_COORDINATOR = re.compile(r"(,)?\s+(?:and|et|и|а)\s+", re.IGNORECASE)
_SUBJECT_LEAD = re.compile(
    r"(?:(?i:in|en|au|aux|à|в|во|на)\s+(?i:the\s+|la\s+|le\s+|l['’]\s*)?"
    r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]*){0,3},?\s+)?"
    # French puts the force noun before the adjective that names whose it is ("des instructeurs russes")
    r"(?i:(?:(?:the|an?|les?|la|des|un|une)\s+|l['’]\s*)(?:[\w-]+\s+)?)?")


def coordinated_subjects(text: str, spans: list[tuple[int, int]], starts: list[int],
                         places: list[int] | None = None) -> list[tuple[int, int]]:
    """``spans`` with each clause also split where ", and" opens a coordinated clause on a subject
    of its own, an actor phrase ("Wagner fighters have operated in Mali since 2021, and Russian
    instructors arrived in Burkina Faso in January"; "..., and in Burkina Faso an Africa Corps
    contingent has been in Ouagadougou"). Why: read as one clause, each actor took the other's
    places. ``starts`` are the offsets (in order) of the words that name an actor outright, not
    a pronoun ("..., and they began leaving" goes on with the same subject). Only when an actor
    word stands before the comma too: a list of places after one actor stays one clause. Without
    the comma ("... opèrent au Mali depuis 2021 et l'Africa Corps est déployé au Burkina Faso"),
    only when a place (``places``: the offsets where the sentence's places start) stands between
    the first actor and the "and": "Wagner et l'Africa Corps sont au Mali" share their verb."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        lo = bisect.bisect_left(starts, a)
        inside = starts[lo:bisect.bisect_left(starts, b, lo)]
        cut = a
        if len(inside) > 1:
            for m in _COORDINATOR.finditer(text, a, b):
                i = bisect.bisect_left(inside, m.end())
                before = [s for s in inside if cut <= s < m.start()]
                if (i < len(inside) and before and _SUBJECT_LEAD.fullmatch(text, m.end(), inside[i]) is not None
                        and (m.group(1) or any(before[0] < p < m.start() for p in places or ()))):
                    out.append((cut, m.start()))
                    cut = m.start() + 1
        out.append((cut, b))
    return out


# A noun for several places, right before a colon that opens their list ("in three Sahel states:",
# "dans plusieurs pays africains :", "в нескольких странах Африки:", "across Africa:")
_LIST_NOUN_END = re.compile(
    r"(?<!\w)(?:countries|states|nations|capitals|Africa|continent|[ée]tats|capitales|Afrique|"
    # plural only ("в стране — несмотря на ...": one country, then an aside); "pays" after a plural word
    r"(?:plusieurs|deux|trois|quatre|cinq|six|sept|huit|dix|des|les|ces|nombreux)\s+(?:[\w-]+\s+)?pays|"
    r"странах|стран|государствах|государств|столицах|Африк\w*|континент\w*)(?:\s+[\w-]+)?\s*$", re.IGNORECASE)


# After a colon, places opened by a preposition of direction ("spread: to Sudan, to Libya", "de la
# Syrie au Mozambique", "от Сирии до Мали"): the list of the clause before the colon
_PLACES_AFTER_COLON = re.compile(
    r"\s*(?:(?:to|into|from)\s+(?:the\s+)?[A-Z]|(?:de\s+la|du|des|de\s+l['’]|vers\s+(?:la\s+|le\s+|l['’])?)\s*[A-ZÀ-Ö]|"
    r"(?:от|из|в|во|на)\s+[А-ЯЁ])")


# A Russian clause that is only "(а затем) в <Place> (и <Place>)": its verb is the clause's before
# (or the dash after it) left out.
_BARE_PLACES = re.compile(
    r"\s*(?:(?:а|и|затем|потом|позже|также|тоже|ещё)\s+)*"
    # a time before the place, and the dash for the verb left out: "а с прошлой осени - и в Мали"
    r"(?:(?:с|со|до|после|к|уже)\s+[\w-]+(?:\s+[\w-]+)?\s*)?(?:[—–-]\s*)?(?:(?:и|тоже|также)\s+)?"
    r"(?:в|во|на)\s+[А-ЯЁ][\w-]*"
    r"(?:(?:\s+|\s*,\s*|\s+и\s+(?:в\s+|во\s+|на\s+)?)[А-ЯЁ][\w-]*)*\s*[.!]?\s*")


# "does not affect", "was not concerned by": a negation of the effect on the men, not of their stay
_NOT_AFFECTED = re.compile(r"(?:(?:\s+(?:be|been|being))?\s+(?:affect|concern|impact|touch)\w*"
                           # "not only in Libya but also in Sudan", "not counting", "не только", "не считая",
                           # "pas seulement": a negation that adds, not one that denies
                           r"|\s+(?:only|just|merely|least|counting|to\s+mention|seulement|uniquement|только|считая|"
                           r"говоря|единственн\w*)(?!\w)"
                           # a count: "не менее 30 военных", "no fewer than", "pas moins de"
                           r"|\s+(?:менее|более|меньше|больше|fewer|less|more|moins|plus\s+d[e'’])(?!\w))", re.IGNORECASE)


# a coordinator opening the next verb phrase
_AND_BUT = r"(?<!\w)(?:and|but|et|mais|и|но)\s+"
# A negation's reach: a coordinated negated verb ("... and do not mix"), a coordinated verb or
# statement of its own after a negated one ("... et restent", "... et affirment que"), a contrast
# ("contrairement au Burkina Faso, où ...": what it introduces is outside the negation)
COORDINATED_NEG = re.compile(
    # after a comma the coordinated clause may open on its own subject ("«Вагнер» сохраняет позиции,
    # и о смене вывески там речи пока не идет", "..., and the army has not said"): a few more words
    r",\s*(?:and|but|et|mais|и|но|а)\s+(?:[\w-]+\s+){0,7}?(?:(?:not|never|ne|не)(?!\w)|n['’])|"
    + _AND_BUT + r"(?:\w+\s+){0,2}?(?:(?:not|never|ne|не)(?!\w)|n['’])", re.IGNORECASE)
_NE_REACH = 30  # "ne change pas": how far the word a French "ne" waits for may stand


def coordinated_negation(clause: str, neg: int) -> bool:
    """Whether the clause's first negation word (offset ``neg`` in ``clause``) is a coordinated
    clause's, after the main verb: "arrived in Niger and do not mix", "..., et rien n'indique que",
    "..., et le président ne change pas" (the word found is "pas", a verb after the "ne")."""
    c = COORDINATED_NEG.search(clause, max(0, neg - 80))
    if c is None or not c.start() < neg:
        return False
    return neg < c.end() or (c.group(0)[-2:].lower() in ("ne", "n'", "n’") and neg - c.end() <= _NE_REACH)
_COORDINATED_VERB = re.compile(_AND_BUT + r"(\w+)(?:\s+(\w+))?", re.IGNORECASE)
_COORDINATED_SAYS = re.compile(_AND_BUT + r"(?:\w+\s+)?(?:say|says|said|insist\w*|affirm\w*|"
                               r"assur\w*|déclar\w*|заявля\w*|заявил\w*|утвержда\w*)\s*,?\s+(?:that|que|qu['’]|что)(?!\w)",
                               re.IGNORECASE)
_CONTRAST = re.compile(r"(?<!\w)(?:unlike|contrairement|в отличие от)(?!\w)", re.IGNORECASE)


def beyond_negation(text: str, neg: int, m: Mention, hit: ActorHit) -> bool:
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


def aside_before_negation(text: str, hit: ActorHit, m: Mention, neg: int) -> bool:
    """Whether the place stands in an aside on the actor, between commas, and the negation comes
    after it: "Wagner, better known for its work in Libya and the Central African Republic, has never
    publicly commented" (the negation is the main verb's; the aside's stay stands). The aside must
    carry its own word of presence ("Prigozhin, who has been indicted in the United States, has
    denied any link to such operations" places nobody)."""
    if not (hit.end <= m.start < neg) or not text.startswith(",", hit.end):
        return False
    close = text.find(",", m.end, neg)
    if close < 0:
        return False
    inside = text[hit.end + 1:close]
    return (";" not in inside and "." not in inside and cues.NEGATION.search(inside) is None
            and cues.first_present(inside) is not None)  # the aside's own word of presence, not the main verb's


def negation_at(clause: str, skip: list[tuple[int, int]] | None = None) -> int | None:
    """Offset of the clause's first negation outside the ``skip`` spans (offsets in ``clause``), or None."""
    for neg in cues.NEGATION.finditer(clause):
        if not _NOT_AFFECTED.match(clause, neg.end()) and not (skip and any(a <= neg.start() < b for a, b in skip)):
            return neg.start()
    return None


# A relative aside on a noun, between commas: ", dont l'existence n'est pas reconnue,", ", which is
# not officially recognised,", ", которая официально не признана,", ", réputé proche du Kremlin et
# dont l'existence n'est pas reconnue,"
RELATIVE_ASIDE = re.compile(
    r",(?:[^,;:]{0,80}?\s)?(?:(?:which|who|whom|whose|dont|qui|que|который|которая|которое|которые|которого|которой|которых|"
    r"которую|которым|которыми|чья|чей|чьё|чьи)(?!\w)|qu['’])[^,;:]{0,160},", re.IGNORECASE)


def negated_asides(clause: str) -> list[tuple[int, int]]:
    """Spans (offsets in ``clause``) of the relative asides that hold a negation. Why: the aside's
    negation is the aside's own ("Le groupe Wagner, dont l'existence n'est pas reconnue
    officiellement, a combattu en Syrie"); it does not cancel the main clause around it."""
    return [a.span() for a in RELATIVE_ASIDE.finditer(clause)
            if negation_at(clause[a.start():a.end()]) is not None] + [
        t.span() for t in _NO_PLAN_TAIL.finditer(clause)]


# "..., with no plans to leave", "sans intention de partir": a plan denied after the claim is the actor
# staying, and its negation is its own, not the claim's
_NO_PLAN_TAIL = re.compile(r"(?:with\s+no|and\s+ha(?:ve|s)\s+no|sans\s+(?:aucune\s+)?)\s*(?:plans?|intention)\s+(?:to|of|de|d['’])"
                           r"[^.;]*", re.IGNORECASE)


# The subject of a relative clause on a place, when it is a pronoun or a bare force noun ("..., where
# it guards the president", "où ils protègent", "где они охраняют", "where contractors still run
# mines"): such a subject is the actor the sentence named before the place.
_RELATIVE_SUBJECT = re.compile(
    r"\s*,?\s*(?:where|où|где)\s+(?:(?:it|they|he|il|ils|elle|elles|он|она|оно|они)(?!\w)|"
    r"(?:(?:the|les|its|their|his|ses|leurs|его|её|их)\s+)?(?:contractors|fighters|mercenaries|instructors|advisers|advisors|troops|men|"
    r"trainers|forces|units|personnel|mercenaires|combattants|instructeurs|hommes|paramilitaires|"
    r"наёмники|наемники|бойцы|инструкторы|военные|специалисты)(?!\w))",
    re.IGNORECASE)


# A clause of a list of clauses, opening on its place: "...; en Centrafrique, où il garde le président"
_PLACE_OPEN = re.compile(r"\s*(?:(?:and|et|и|а)\s+)?(?:in|en|au|aux|à|dans|в|во|на)\s+(?:the\s+|la\s+|le\s+|l['’]\s*)?",
                         re.IGNORECASE)



def _list_end(text: str, places: list[Mention]) -> Mention:
    """The last place of the list the clause opens on ("; в ЦАР и Мали", "; in Mali and Niger")."""
    last = places[0]
    for m in places[1:]:
        if cues.LIST_GAP.match(text[last.end:m.start]) is None:
            break
        last = m
    return last

def relative_subject_after_place(text: str, start: int, end: int, places: list[Mention]) -> tuple[int, int] | None:
    """``relative_subject`` for a clause that opens on its own place, then the relative ("; en
    Centrafrique, où il garde le président", "; in the CAR, where it guards the president"). Why:
    news lists what the actor does country by country, one clause each, and only the first names
    the actor; the rest point back to it through "où il", "where it"."""
    if not places or _PLACE_OPEN.fullmatch(text, start, places[0].start) is None:
        return None
    last = _list_end(text, places)
    return relative_subject(text, last.end, end)


# A list item's opening: where, with a part of the country ("; in eastern Ukraine", "; dans le nord du Mali")
# Russian gaps the verb with a dash after a time: ", а в конце 2021-го — в Мали", ", летом — в Нигер"
_GAPPED_TIME = (r"(?:(?:(?:в|во|с|к|после|до)\s+(?:[\w-]+\s+){0,2}?(?:\d{4}(?:[–-]\d{2,4})?[\w-]*|январ\w*|феврал\w*|март\w*|апрел\w*|"
                r"ма[йея]\w*|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*)"
                r"(?:\s+(?:год(?:а|у|ах)?|гг?\.))?|летом|весной|осенью|зимой|затем|потом|позже|позднее)\s*[—–]\s*)")
_ITEM_OPEN = re.compile(
    r"\s*(?:(?:and|et|и|а)\s+)?" + _GAPPED_TIME + r"?(?:на\s+фронте\s+)?(?:in|en|au|aux|à|dans|в|во|на)\s+(?:the\s+|la\s+|le\s+|l['’]\s*)?"
    r"(?:(?:(?:north|south|east|west|central|north-east|north-west|south-east|south-west)(?:ern)?|"
    r"(?:nord|sud|est|ouest|centre)(?:\s+(?:du|de\s+la|de\s+l['’]|de)\s*)?|"
    r"(?:северн|южн|восточн|западн|центральн)\w*)\s*)?",
    re.IGNORECASE)
# What may follow the places of a list item: nothing, a year, or a relative on them ("; in eastern
# Ukraine;", "; and in Libya, where hundreds fought for Haftar", "and in Libya, which serves as the
# hub", "; в Судане с 2017 года")
_ITEM_REST = re.compile(r"\s*(?:[—–]\s*)?(?:(?:in|en|since|depuis|в|с)\s+\d{4}(?:-?[а-я]+)?(?:\s+(?:года?|г\.))?\s*)?"
                        r"(?:,\s*(?:where|which|où|qui|где|куда|котор\w+)(?!\w).*)?[\s.;,]*", re.IGNORECASE | re.DOTALL)


def list_item_places(text: str, start: int, end: int, places: list[Mention]) -> list[Mention]:
    """The places of a clause that is only an item of a list of clauses ("...; in eastern Ukraine;
    in Sudan, where ...; and in Libya, where hundreds fought"), else []. Why: news lists where the
    actor went one item per clause, and the verb stays with the first; an item with no verb of its
    own shares the clause before it."""
    if not places or _ITEM_OPEN.fullmatch(text, start, places[0].start) is None:
        return []
    last = _list_end(text, places)
    if _ITEM_REST.fullmatch(text, last.end, end) is None:
        return []
    return [m for m in places if m.end <= last.end]


def relative_subject(sentence_text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of a relative clause's pronoun or bare-noun subject when the clause
    (``sentence_text[start:end]``) is a "where ..." clause on a place; None otherwise. Why: news
    piles a country list and then says what happens there in a relative whose subject only points
    back to the actor ("Wagner built a network in Libya, Sudan and the CAR, where it guards the
    president"); without this the clause names no actor and its claim is lost."""
    m = _RELATIVE_SUBJECT.match(sentence_text, start, end)
    if m is None:
        return None
    head = m.group(0)
    lead = len(head) - len(head.lstrip(" ,"))
    word = re.search(r"(?:where|où|где)\s+", head, re.IGNORECASE)
    a = m.start() + (word.end() if word else lead)
    return a, m.end()


# A clause that opens on where, then goes straight to the verb: "...; в Центральноафриканской
# Республике и Мали охраняют местных руководителей", ", а в Нигере — обучать местную армию".
_ELIDED_OPEN = re.compile(
    r"\s*(?:[—–]\s*)?(?:(?:а|и|затем|потом|позже|ещё|также|тоже|теперь|сейчас|ныне)\s+)*(?:в|во|на)\s+$",
    re.IGNORECASE)
_ELIDED_GAP = re.compile(
    r"\s*,?\s*(?:[—–]\s*)?(?:(?:(?:в|с|до)\s+\d{4}(?:-\w+)?(?:\s+году)?|уже|тоже|также|пока|по-прежнему|ещё|"
    r"теперь|сейчас|затем|давно|снова)\s+)*",
    re.IGNORECASE)

# A Russian finite verb or infinitive ends so ("охраняют", "воевали", "обучать"); a noun cue
# ("боевики") does not, and then is the clause's own subject.
_RU_VERB_END = re.compile(r"\w*(?:ют|ут|ят|ат|ет|ит|ёт|ли|ла|ло|л|ть|ти|ся|сь)(?!\w)", re.IGNORECASE)


def elided_subject(text: str, start: int, end: int, places: list[Mention]) -> int | None:
    """Where the dropped subject of a clause stands, when the clause (``text[start:end]``) opens on
    a place or a list of places and goes on straight to a presence verb; None otherwise. Why:
    Russian drops a subject the sentence has already named, and gaps its verb behind a dash
    ("Бойцы «Вагнера» воевали в Сирии и Ливии; в ЦАР и Мали охраняют местных руководителей", "в
    Буркина-Фасо военные охраняют Траоре, а в Нигере — обучать армию"): the clause is about the
    actor of the clause before, though it names none. ``places`` are the clause's own mentions."""
    if not places or _ELIDED_OPEN.fullmatch(text, start, places[0].start) is None:
        return None
    last = _list_end(text, places)
    gap = _ELIDED_GAP.match(text, last.end, end)
    at = gap.end() if gap is not None else last.end
    cue = cues.PRESENT.search(text, at, end)
    if cue is None or cue.start() != at or _RU_VERB_END.match(text, at, end) is None:
        return None  # "в Ливии боевики Хафтара охраняют": a noun opens the rest, a subject of its own
    return at
