"""Rules that read a whole sentence rather than one clause: replacement, identity, request, war,
lists of places a relative describes, an actor's named sites.

Each needs two parts of a sentence at once ("Wagner's men were replaced by the Africa Corps in
Mali": both actors and the verb between them), or the claims made before it ("UN experts
identify them as members of the Wagner Group": the places the earlier actor was put in).
"""

from __future__ import annotations

import re
from datetime import date

import news.presence.cues as cues
from geo.types import Mention
from news.models import Claim
from news.presence.actors import ActorPatterns, ActorWords, actor_hits
from news.presence.clauses import asserts_nothing, clause_spans
from news.presence.context import SentenceContext
from news.presence.departures import ended_target
from news.presence.enumerations import follows_in_list
from news.presence.places import in_africa, is_locative
from news.presence.references import REACH

# a pronoun inside the identity cue points back ("identify them as", "les identifient comme")
_THEM = re.compile(r"(?<!\w)(?:them|les)(?!\w)", re.IGNORECASE)


# One actor replaced by another: the replaced one has left, the other is there. Group "old" is
# the one replaced, "new" the one replacing; the order of the two actors in the sentence decides
# which is which ("X were replaced by Y" / "Y replaced X").
_REPLACED_BY = re.compile(
    r"(?<!\w)(?:(?:were|was|been|being|is|are)\s+(?:\w+\s+)?(?:replaced|succeeded|supplanted|superseded)\s+"
    r"(?:[\w'’-]+\s+){0,3}?by|"
    # absorbed into the other: "Wagner's men in Libya were folded into the Africa Corps", "y a été absorbé par
    # l'Africa Corps", "ont été intégrés dans l'Africa Corps", "бойцы «Вагнера» влились в Африканский корпус"
    r"(?:were|was|been|being|is|are)\s+(?:\w+\s+)?(?:absorbed|folded|integrated|merged|incorporated|subsumed)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:into|by)|"
    r"(?:ont|a|avaient|avait)\s+été\s+(?:absorbée?s?|intégrée?s?|incorporée?s?|fondue?s?|versée?s?)\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:par|à|au|aux|dans)|"
    r"влил\w*\s+в|вошл\w*\s+в\s+состав|(?:был[аио]?\s+)?включен\w*\s+в\s+состав|перешл\w*\s+в\s+(?:состав|подчинение)|"
    r"gave\s+way\s+to|giving\s+way\s+to|handed\s+over\s+to|"
    # a departure handing over to the other: "Wagner left Mali, handing its bases to the Africa
    # Corps", "passant le relais à l'Africa Corps", "передав свои позиции корпусу", "уступив место"
    # (not the imperfective "уступает место", a handover still under way)
    r"handing\s+(?:(?:over|its|their|his|the|[\w'’-]+)\s+){0,3}?to|"
    r"passant\s+le\s+relais\s+à|cédant\s+(?:la|sa|leur|ses|leurs)\s+(?:place|positions?|bases?)\s+à|"
    r"передав\w*|уступив\w*\s+(?:своё\s+|свое\s+)?место|"
    r"(?:ont|a|ont\s+été|a\s+été|été)\s+remplacée?s?\s+(?:[\w'’-]+\s+){0,3}?par|remplacée?s?\s+(?:[\w'’-]+\s+){0,3}?par|"
    # "Wagner a cédé la place à l'Africa Corps", "«Вагнер» уступил место корпусу"
    r"(?:ont|a|avait|avaient)\s+(?:\w+\s+)?cédé\s+(?:la|sa|leur)\s+place\s+à|cèdent?\s+(?:la|sa|leur)\s+place\s+à|"
    # "..., avant de céder la place à l'Africa Corps": done before what the clause tells
    r"avant\s+de\s+céder\s+(?:la|sa|leur)\s+place\s+à|"
    r"уступил\w*\s+(?:своё\s+|свое\s+)?место|"
    r"(?:был[аио]?\s+)?замен[её]н\w*(?:\s+на)?)(?!\w)", re.IGNORECASE)
# Russian active "сменил", "заменил", "вытеснил" read subject first, as Russian news writes them
# ("«Африканский корпус» сменил группу Вагнера в Мали"); undeclined names in quotes could be read
# the other way round, which news rarely does.
_REPLACES = re.compile(
    r"(?<!\w)(?:replac(?:ed|es|ing)|took\s+over\s+from|taken\s+over\s+from|tak(?:es|ing)\s+over\s+from|succeeded|"
    r"supplant\w*|(?:a|ont)\s+(?:\w+\s+)?remplacé|remplace(?:nt)?|(?:a|ont)\s+(?:\w+\s+)?pris\s+le\s+relais\s+d\w*|"
    r"pren(?:d|nent)\s+le\s+relais\s+d\w*|"
    # "took over Wagner's operations in Mali": what is taken over is the old one's
    r"(?:took|taken|takes|taking)\s+over(?=\s+(?:the\s+)?[\w«»\"“”-]+(?:\s+[Gg]roup)?['’]s?\s)|"
    r"pris\s+la\s+relève\s+d\w*|pris\s+la\s+place\s+d\w*|"
    r"сменил\w*|заменил\w*|вытеснил\w*|вобрал\w*\s+в\s+себя|поглотил\w*|"
    # the new one takes the old one's men in: "the Africa Corps absorbed Wagner's contingent", "a absorbé"
    r"absorb(?:ed|s|ing)|(?:a|ont)\s+(?:\w+\s+)?absorbé|"
    r"(?:took|taken|takes|taking)\s+the\s+place\s+of|(?:took|taken|takes|taking)\s+over\s+(?:the\s+\w+\s+)?(?:of|from))(?!\w)",
    re.IGNORECASE)
# "took over" with no "from": the old one is the possessor right after it, the new one its subject
_TOOK_OVER = re.compile(r"(?:took|taken|takes|taking)\s+over", re.IGNORECASE)
_RELATIVE_TO_VERB = re.compile(r"\s*,\s*(?:which|that|who)(?:\s+(?:has|have|had|is|was|then|later|has\s+since))*\s*",
                               re.IGNORECASE)
# a handover only begun, between the first actor and the verb
_BEGUN = re.compile(r"(?<!\w)(?:began|begun|begins?|start(?:ed|s|ing)|commenc\w*|начал\w*|начина\w*)(?!\w)",
                    re.IGNORECASE)
# One actor in place of the other: "the Africa Corps, instead of Wagner, ..." (the one after the
# word is the one replaced), or opening the sentence: "Instead of Wagner, the Africa Corps now
# operates in Libya", "В Ливии вместо «Вагнера» теперь Африканский корпус" (the next actor replaces it).
# "на смену" is one of them: "корпус пришёл на смену «Вагнеру»", "На смену «Вагнеру» пришёл корпус".
_INSTEAD = re.compile(r"(?<!\w)(?:instead\s+of|in\s+place\s+of|à\s+la\s+place\s+d\w*|au\s+lieu\s+d\w*|вместо|на\s+смену)(?!\w)",
                      re.IGNORECASE)


# a second verb coordinated after the subject's first ("... to Burkina Faso, and has taken over")
_VERB_JOINT = re.compile(r"(?:,\s*(?:and\s+|et\s+|и\s+|а\s+)?|\s(?:and|et|и|а)\s+)(?:has|have|had|a|ont|avait|avaient|"
                         r"then|puis|затем|потом)\s", re.IGNORECASE)


def replacement_claims(where: SentenceContext, words: ActorWords) -> list[Claim]:
    """"Wagner's men were replaced by the Africa Corps in Mali": Wagner ended, Russia present.

    Needs both actors named in the sentence (not pointed to), a replacing verb between them, and
    a country named in it; plans ("to replace", "urged ... to swap") never get here: the verb
    must be a finite one, and a plan cue before it stops the rule.
    """
    article, text, sentence, s_start = where.article, where.text, where.sentence, where.start
    comp, sent_mentions = where.comp, where.mentions
    if not (_REPLACED_BY.search(sentence) or _REPLACES.search(sentence) or _INSTEAD.search(sentence)):
        return []
    hits = [h for h in actor_hits(sentence, s_start, comp, None, words.between(s_start, s_start + len(sentence)))
            if h.actor and h.via != "anaphora"]
    if len({h.actor for h in hits}) < 2:
        return []
    hits.sort(key=lambda h: h.start)
    for pattern, passive in ((_REPLACED_BY, True), (_REPLACES, False), (_INSTEAD, False)):
        for verb in pattern.finditer(sentence):
            at = s_start + verb.start()
            before = [h for h in hits if h.end <= at]
            after = [h for h in hits if h.start >= s_start + verb.end()]
            if pattern is _INSTEAD and not before and after:
                # "Instead of Wagner, the Africa Corps ...": the next other actor is the new one
                later = [h for h in after if h.actor != after[0].actor]
                before = later[:1]
            # the nearest actor before the verb that is not the one after it ("подразделения «Вагнера»
            # были переподчинены Минобороны и вошли в состав «Африканского корпуса»": Wagner's)
            before = [h for h in before if after and h.actor != after[0].actor]
            if not before or not after:
                continue
            if _TOOK_OVER.fullmatch(verb.group(0)) and (
                    after[0].start - (s_start + verb.end()) > 5 or at - before[-1].end > 60
                    or ("," in text[before[-1].end:at] and not _RELATIVE_TO_VERB.fullmatch(text, before[-1].end, at))):
                continue  # "took over Wagner's operations": the old one owns what is taken, its subject the new one
            if cues.MODAL.search(sentence[:verb.start()]) or re.search(r"\bto\s*$", sentence[:verb.start()]):
                return []  # "plans to replace", "urged ... to replace"
            old, new = (before[-1], after[0]) if passive else (after[0], before[-1])
            home = set(comp.home.get(old.actor, ())) | set(comp.home.get(new.actor, ()))
            places = [m for m in sent_mentions if m.iso3 not in home and m.kind != "demonym"]
            # not the places of the clauses after the verb's ("Contrairement au Mali, où Wagner a cédé la
            # place à l'Africa Corps, la Centrafrique reste ...": Mali only)
            spans = [(a, b) for a, b in clause_spans(sentence, s_start) if a <= at < b]
            places = [m for m in places if not spans or m.start < spans[0][1]] or places
            # nor those of the clauses before it, which another verb owns ("Африканский корпус
            # развёрнут в Буркина-Фасо и Нигере, а летом окончательно сменил «Вагнер» в Мали": Mali
            # only); a "where" clause takes the place it hangs on too ("..., in Mali,
            # where the Africa Corps took over from Wagner")
            if spans and spans[0][0] > s_start:
                own = [m for m in places if m.start >= spans[0][0]]
                if _WHERE_OPENS.match(text, spans[0][0]):
                    own = [m for m in places if m.start < spans[0][0]][-1:] + own
                places = own or places
            # where it happened, not who tells or acts: "The United States imposed sanctions on ...
            # after Wagner's men were folded into the Africa Corps" is no replacement in the USA
            places = _where_it_happens(text, places, s_start)
            # nor those of another verb of the first actor's, coordinated before this one ("The
            # Africa Corps has sent troops to Burkina Faso and has taken over from Wagner in Libya")
            first = min(old.end, new.end)
            joint = cues.last_match(_VERB_JOINT.finditer(sentence, first - s_start, verb.start()))
            if joint is not None:
                places = [m for m in places if not first <= m.start < s_start + joint.start()]
            # only begun ("has begun pulling out of Bakhmut and handing its positions to the army"):
            # the one replaced is still there (GUIDE: a partial withdrawal is presence)
            old_status = "present" if _BEGUN.search(text, min(old.start, new.start), at) else "ended"
            out: list[Claim] = []
            for m in {m.iso3: m for m in places}.values():
                place = m.name if m.kind in ("city", "capital") else None
                for actor, status in ((old.actor, old_status), (new.actor, "present")):
                    out.append(Claim(article.id, actor, m.iso3, place, m.lat, m.lon, status, article.published,
                                     sentence.strip(), f"{old.text} … {verb.group(0)} … {new.text}", 0.7, "replacement"))
            return out
    return []


_WHERE_OPENS = re.compile(r"[\s,;]*(?:where|où|где|куда)(?!\w)", re.IGNORECASE)
_RELATIVE_NEXT = re.compile(r"\s*,\s*(?:where|où|где|куда)(?!\w)", re.IGNORECASE)


def _where_it_happens(text: str, places: list[Mention], s_start: int) -> list[Mention]:
    """The places of a sentence that can be where something happens: after a locative word ("in
    Mali", "В Ливии") or a leaving verb ("a quitté le Mali"), before a "where" on them ("celui du Mali, où Wagner a cédé la place"), or
    listed right after such a place ("In Mali, Burkina Faso and Niger"); not a state that acts or
    speaks ("The United States imposed sanctions")."""
    kept: list[Mention] = []
    for m in places:
        if (is_locative(text, m, s_start) or _RELATIVE_NEXT.match(text, m.end)
                or ended_target(text, m, s_start) is not None  # the place a handover leaves
                or (kept and follows_in_list(text, kept[-1], m))):
            kept.append(m)
    return kept


def identity_claims(where: SentenceContext, last_actor: str | None, so_far: list[Claim]) -> list[Claim]:
    """Claims inherited when the men of one actor are named as another's.

    "Many of these instructors are in fact employed by companies linked to Wagner": wherever
    the instructors were placed, Wagner is too. Needs a phrase pointing back at the earlier
    actor's men, another actor named, and an identity cue. ``so_far``: the article's claims
    before this sentence.
    """
    article, sentence, comp = where.article, where.sentence, where.comp
    if not last_actor or comp.anaphora is None:
        return []
    ident = cues.IDENTITY.search(sentence)
    if not ident or not (comp.anaphora.search(sentence) or _THEM.search(ident.group(0))):
        return []
    out: list[Claim] = []
    for key, pat in comp.names.items():
        if key == last_actor or not pat.search(sentence):
            continue
        for c in so_far:
            if c.actor == last_actor and c.status == "present":
                out.append(Claim(article.id, key, c.iso3, c.place, c.lat, c.lon, "present", article.published,
                                 sentence.strip(), ident.group(0), round(min(c.confidence, 0.5), 2), "identity"))
    return out


def request_claims(where: SentenceContext) -> list[Claim]:
    """Presence from a request reported as answered: "(the two countries,) which had asked Russia
    and Wagner to provide military instructors". The requesters are the places named in the
    sentence before the request, or those a phrase like "the two African countries" points to."""
    article, sentence, s_start, comp = where.article, where.sentence, where.start, where.comp
    req = cues.REQUEST_DONE.search(sentence)
    if not req:
        return []
    who = req.group("who")
    actors = [k for table in (comp.names, comp.states, comp.demonyms) for k, p in table.items() if p.search(who)]
    if not actors:
        return []
    earlier = where.history + where.mentions
    before = sentence[:req.start()]
    places = [m for m in earlier if s_start <= m.start < s_start + req.start() and m.kind != "demonym"]
    ref = cues.PLURAL_PLACE_ANAPHORA.search(before) or cues.PLACE_ANAPHORA.search(before)
    if ref is not None:
        pool = [m for m in earlier[-REACH:] if m.start < s_start + ref.start() and m.kind != "demonym"]
        want = 2 if cues.PLURAL_PLACE_ANAPHORA.search(before) else 1
        if "afric" in ref.group(0).lower():
            pool = [m for m in pool if in_africa(m)]
        places = []
        for m in reversed(pool):
            if m.iso3 not in {p.iso3 for p in places}:
                places.append(m)
            if len(places) == want:
                break
    out: list[Claim] = []
    for actor in dict.fromkeys(actors):
        for m in places:
            if m.iso3 in comp.home.get(actor, ()):
                continue
            out.append(Claim(article.id, actor, m.iso3, m.name if m.kind in ("city", "capital") else None,
                             m.lat, m.lon, "present", article.published, sentence.strip(),
                             req.group(0)[:80], 0.5, "request"))
    return out


# War on a country, the state named before the war word ("Russia's full-scale invasion of",
# "the Russian invasion of", "российского вторжения в", "Russia invaded", "la Russie a envahi"),
# right after it ("l'invasion russe de", "вторжения России в", "вторжения российских войск в"),
# or after the place ("l'invasion de l'Ukraine par la Russie"). Between the war word and the place
# only a preposition and an article ("invaded Ukraine" has none).
_TO_PLACE = re.compile(r"\s*(?:(?:of|in|on|against|into|de|d['’]|en|contre|в|во|на|против)\s*)?"
                       r"(?:the\s+|la\s+|le\s+|l['’]\s*)?$", re.IGNORECASE)
# up to two words between the state and its war, neither a preposition nor an article: "Russia's
# full-scale ", "la Russie a ", "Russia has " (not "Moscow over the war", "колониях для войны")
_OWNER_GAP = (r"(?:['’]s)?\s+(?:(?!(?:the|of|over|since|after|before|against|for|in|on|with|by|from|to|and|"
              r"la|le|les|l|de|des|du|et|en|par|pour|contre|depuis|в|во|на|для|с|со|о|об|за|и|после|до|против)\s)"
              r"[\w-]+\s+){0,2}")
_ITS = re.compile(r"(?<!\w)(?:its|sa|son|ses|свою|своей|сво[её]м|её|ее|его)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_BY_OWNER = re.compile(r"\s+(?:by|par)\s+(?:la\s+|le\s+)?", re.IGNORECASE)
# a war feared, threatened, prepared or planned is none ("warnings of a Russian invasion of Ukraine",
# "подготовке вторжения в Украину"); nor is one told with an indefinite article ("a Russian invasion")
_NOT_WAGED = re.compile(r"(?<!\w)(?:a|an|une|d['’]une|threat\w*|risk\w*|fear\w*|warn\w*|prepar\w*|plan\w*|"
                        r"possible|potential|imminent|menace\w*|crainte\w*|risque\w*|prépar\w*|éventuel\w*|"
                        r"угроз\w*|подготов\w*|опасени\w*|планир\w*|возможн\w*)(?!\w)\W*(?:[\w'’-]+\W+){0,2}$",
                        re.IGNORECASE)


def war_claims(where: SentenceContext) -> list[Claim]:
    """A state's war on a country: "Russia's invasion of Ukraine has made this harder", "depuis
    l'invasion de l'Ukraine par la Russie", "после вторжения России в Украину". The GUIDE counts an
    actor's forces at war in a country as presence, and news tells it as a noun phrase with no verb
    of presence: the state names its forces here, as "Russia's troops" would (only for an actor with
    states: a state wages war, a company does not)."""
    article, text, sentence, s_start, comp = where.article, where.text, where.sentence, where.start, where.comp
    if not cues.WAR.search(sentence):
        return []
    out: list[Claim] = []
    for key, state in comp.states.items():
        demonym = comp.demonyms.get(key)
        owner = re.compile("|".join(p.pattern for p in (state, demonym) if p is not None), re.IGNORECASE)
        home = comp.home.get(key, ())
        for m in where.mentions:
            if m.iso3 in home or m.kind == "demonym":
                continue
            head = text[max(s_start, m.start - 90):m.start]
            gap = _TO_PLACE.search(head)
            war = cues.last_match(cues.WAR.finditer(head, 0, gap.start())) if gap is not None else None
            if war is None or gap is None:
                continue
            between, before = head[war.end():gap.start()], head[:war.start()]
            at = m.start - len(head) + war.start()  # where the war word is in the text
            lead = before
            if between.strip():
                # "l'invasion russe de", "вторжения России в": the state right after its war
                if re.fullmatch(rf"\s+(?:{owner.pattern})(?:\s+[\w-]+)?", between, re.IGNORECASE) is None:
                    continue
            else:
                owned = re.search(rf"(?:{owner.pattern}){_OWNER_GAP}$", before, re.IGNORECASE)
                if owned is None and state.search(text, s_start, at):
                    # "Russia is stretched thin by its war in Ukraine": the state named before owns it
                    owned = _ITS.search(before)
                if owned is not None:
                    lead = before[:owned.start()]
                else:  # "l'invasion de l'Ukraine par la Russie"
                    by = _BY_OWNER.match(text, m.end)
                    if by is None or not owner.match(text, by.end()):
                        continue
            if _NOT_WAGED.search(lead):
                continue
            out.append(Claim(article.id, key, m.iso3, m.name if m.kind in ("city", "capital") else None, m.lat, m.lon,
                             "present", article.published, sentence.strip(), text[at:m.end],
                             0.6, "war"))
    return out


# What opens the list after a "countries where ..." relative: a colon, or a dash (then the list
# ends at the next dash: "В странах, где работают российские военные, — Мали, Нигере, ЦАР, — ...")
_LIST_OPENER = re.compile(r"\s*:\s|,?\s+[—–-]\s")
_LIST_CLOSER = re.compile(r",?\s+[—–-](?:\s|,)")


def where_list_claims(where: SentenceContext, words: ActorWords) -> list[Claim]:
    """The places a "where" relative describes, listed after it: "the list of African countries
    where Russian troops are stationed: Mali, Burkina Faso, Niger and the CAR", "les pays où le
    groupe Wagner est implanté : la Libye, la Centrafrique et le Soudan", "the only country where
    Wagner kept its name — the Central African Republic". The relative holds the actor and its
    verb; the places come after it, so no clause rule links them (each list item is a clause
    with neither actor nor verb). Why a sentence rule: the relative is read for the actor, its
    denial, plan or departure, and its claim given to every place of the list.

    Not when the relative names a place of its own (then it is about that place), nor when it
    denies or plans ("countries where Russia has no troops:", "où Moscou compte déployer :")."""
    article, text, sentence, s_start, comp = where.article, where.text, where.sentence, where.start, where.comp
    out: list[Claim] = []
    for kind in cues.PLACES_WHERE.finditer(sentence):
        opener = _LIST_OPENER.search(sentence, kind.end())
        if opener is None:
            continue
        a, b = s_start + kind.end(), s_start + opener.start()
        relative = text[a:b]
        if (any(a <= m.start < b and m.kind != "demonym" for m in where.mentions)
                or cues.NEGATION.search(relative) or cues.MODAL.search(relative)):
            continue
        actors = dict.fromkeys(h.actor for h in actor_hits(relative, a, comp, None, words.between(a, b)) if h.actor)
        if not actors:
            continue
        status = "ended" if cues.ENDED.search(relative) or cues.NO_LONGER.search(relative) else "present"
        end = s_start + len(sentence)
        if opener.group(0).strip(", ") in "—–-":
            closer = _LIST_CLOSER.search(sentence, opener.end())
            end = s_start + closer.start() if closer is not None else end
        items = [m for m in where.mentions if s_start + opener.end() <= m.start < end and m.kind != "demonym"]
        for actor in actors:
            for m in {m.iso3: m for m in items if m.iso3 not in comp.home.get(actor, ())}.values():
                out.append(Claim(article.id, actor, m.iso3, m.name if m.kind in ("city", "capital") else None,
                                 m.lat, m.lon, status, article.published, sentence.strip(),
                                 text[s_start + kind.start():b][:80], 0.6, "where-list"))
    return out


# a stop on the way, not where anyone is (GUIDE): "a refuelling stop at Hmeimim", "with a stopover
# in Syria", "via", "transitent par", "с промежуточной посадкой на авиабазе Хмеймим", "через Сирию"
_TRANSIT = re.compile(r"(?<!\w)(?:stop(?:s|ped|over|overs)?|refuel\w*|layovers?|via|through|transit\w*|en\s+route|"
                      r"escales?|ravitaill\w*|par\s+(?:la\s+)?(?:base|Syrie)|"
                      r"промежуточн\w*|посадк\w*|дозаправ\w*|транзит\w*|через|оттуда)(?!\w)", re.IGNORECASE)


def facility_claims(article_id: str, text: str, s_start: int, s_end: int, comp: ActorPatterns,
                    published: date | None) -> list[Claim]:
    """An actor's permanent site abroad, named: "a meeting at the Hmeimim air base", "the 201st
    base in Dushanbe", "102-я база в Гюмри". News names these sites as the actor's presence itself
    (the labelled sets mark Russia in Syria for nearly every article that names Hmeimim or Tartus)
    and seldom adds a verb of presence. Read even where no actor word is near, as the site names
    the actor; not in a clause that tells of leaving, a plan or a denial ("if Russia loses
    Tartus", "the Kremlin wants to keep Hmeimim"), which the clause rules read. Asked only of a
    sentence where ``comp.any_facility`` found a site."""
    sentence = text[s_start:s_end]
    if asserts_nothing(sentence):
        return []
    out: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    spans = clause_spans(sentence, s_start)
    for actor, site, pattern in comp.facilities:
        found = pattern.search(text, s_start, s_end)
        if found is None or (actor, site.iso3) in seen:
            continue
        a, b = next(((a, b) for a, b in spans if a <= found.start() < b), (s_start, s_end))
        clause = text[a:b]
        near = text[max(s_start, found.start() - 70):min(s_end, found.end() + 70)]
        if (_TRANSIT.search(near) or cues.NEGATION.search(clause) or cues.MODAL.search(clause) or cues.ENDED.search(clause)
                or cues.NO_LONGER.search(clause)):
            continue
        seen.add((actor, site.iso3))
        out.append(Claim(article_id, actor, site.iso3, site.site, site.lat, site.lon, "present", published,
                         sentence.strip(), found.group(0), 0.6, "facility"))
    return out
