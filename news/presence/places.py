"""Tests on one place mention: is it where an actor can be?

A country named in a sentence about an actor is often not where the actor is: the speaker ("US
officials said"), the other side of a border ("the border with Algeria"), a transit stop, an
office's owner ("the US Treasury"), a modifier ("Russia-led"). These tests read the words around
one mention; the clause rules (``news.presence.decision``) ask them.
"""

from __future__ import annotations

import re
from dataclasses import replace

import news.presence.cues as cues
from geo.types import Mention
from news.presence.actors import ActorHit

# A collective noun for countries, then the members named: "several countries including",
# "five African states, among them", "plusieurs pays africains, dont", "ряде стран, в том числе"
_INCLUDING = re.compile(
    r"(?<!\w)(?P<noun>countries|states|nations|capitals|Africa|continent|pays|[ée]tats|capitales|Afrique|"
    r"стран\w*|государств\w*|столиц\w*|Африк\w*|континент\w*)(?:\s+[\w-]+)?"
    r"(?:,?\s+(?:including|among\s+them|such\s+as|notably|in\s+particular|dont|notamment|parmi\s+lesquels|"
    r"в\s+том\s+числе|включая|среди\s+них|например)\s*,?|\s*:|\s+[—–])\s*(?:the\s+|la\s+|le\s+|l['’]\s*|les\s+)?$", re.IGNORECASE)
_ELIDED = re.compile(r"^(?:qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\w)")
# "the breakaway regions of Abkhazia", "les régions septentrionales du Mali": a place noun and its
# genitive, which stand where the noun stands however many words the noun phrase takes
_PLACE_OF = re.compile(r"(?<!\w)(?:(?P<noun>regions?|provinces?|territor(?:y|ies)|districts?|areas?|parts?|towns?|"
                       r"cities|villages?|enclaves?|r[ée]gions?|territoires?|zones?|villes?|localit[ée]s?|parties?|"
                       # the land itself and its quarters: "in the open desert of Syria", "dans le grand nord du Mali"
                       r"deserts?|mountains?|jungles?|forests?|interior|outskirts|suburbs|streets|coast|countryside|"
                       r"d[ée]serts?|montagnes?|for[êe]ts?|banlieues?|rues|c[ôo]tes?|nord|sud|ouest|"
                       r"north|south|east|west|centre|center)|"
                       # a facility and the town it serves, its own name between: "l'aéroport international
                       # Diori-Hamani de Niamey", "la base aérienne 101 de Niamey", "the port of Tartus"
                       r"(?P<facility>airports?|aéroports?|ports?|harbou?rs?|bases?|camps?)(?:\s+[\w'’-]+){0,2}?)"
                       r"\s+(?:of(?:\s+the)?|d['’]|de(?:\s+la)?|du|des)\s*$", re.IGNORECASE)
LOCATIVE_WINDOW = 4  # words between a locative preposition and the country


# Words before a place that say it is not where the actor is: "a threat to" (no motion), "troops
# of" (the owner), "via" (transit), a clause word after the preposition, speech, an institution.
_TO_NOT_MOTION = {
    "road", "route", "highway", "corridor", "way", "flights", "counterweight", "threat", "aid", "assistance", "support", "ally", "rival", "answer", "access", "close",
    "next", "loyal", "sold", "sells", "selling", "delivered", "supplied", "ties", "relations", "loans", "credit",
    "challenge", "alternative", "partner", "exports", "risk", "danger", "message", "letter",
}
# Goods sent to a place, before any preposition, are not men there (so "shipments to" needs no entry
# above): "a staging post for deliveries to Mali", "pour le
# ravitaillement des troupes au Sahel", "перевалочный пункт для поставок в Мали"
_SUPPLY_NOUNS = {
    "deliveries", "supplies", "shipments", "cargo", "livraisons", "acheminement", "ravitaillement",
    "approvisionnement", "поставок", "поставки", "поставках", "снабжения", "доставки", "грузов",
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
_INSTITUTION_NOUNS = {"think", "university", "institute", "court", "newspaper", "conference", "forum", "summit",
                      # a state's own organs named by its country ("US Treasury sanctions", "U.S.
                      # officials"): the one who acts or speaks, not a place anyone is in
                      "treasury", "sanctions", "officials", "official", "intelligence", "embassy", "ambassador",
                      "envoy", "diplomats", "lawmakers", "congress", "senate", "administration"}
# Fighting beside a country's own force ("alongside the armies of", "aux côtés des forces de", "бок о
# бок с армией"): "with" alone is too wide here ("a contract with the government of Mali")
_BESIDE = re.compile(r"(?<!\w)(?:alongside|beside|aux\s+côtés|au\s+côté|бок\s+о\s+бок|вместе|совместно)(?!\w)",
                     re.IGNORECASE)
_NEXT_WORD = re.compile(r"[\s'’-]*(\w+)")


# A state's formal name built on its adjective: "Азербайджанской Республики", "Республики Казахстан"
# is a name already, but "Азербайджанская Республика" reaches the rules as the demonym alone; so do
# "azerbaïdjanais" in "le territoire azerbaïdjanais"
_STATE_NOUN_AFTER = re.compile(r"\s+(?:республик\w*|republic|république|королевств\w*|kingdom|royaume)(?!\w)",
                               re.IGNORECASE)
_TERRITORY = r"(?:территори\w*|territoire|territory|soil|sol)"
_TERRITORY_AROUND = re.compile(_TERRITORY + r"\s+$", re.IGNORECASE)
# the noun after a demonym that makes it the state's land: "left Azerbaijani territory", "покинули
# азербайджанскую территорию" (news.presence.departures: a country to leave)
TERRITORY_NEXT = re.compile(r"\s+" + _TERRITORY + r"(?!\w)", re.IGNORECASE)


def as_state_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions, with a demonym that names the state itself made a country mention: the
    adjective of a formal name ("Азербайджанской Республики", "Republic") or after "territory" ("a
    quitté le territoire azerbaïdjanais"). Why: a departure needs a country to leave, and these are
    one. "Malian territory" (the noun after) stays a demonym: the locative test already reads it."""
    out = []
    for m in mentions:
        if m.kind == "demonym" and (_STATE_NOUN_AFTER.match(text, m.end)
                                    or _TERRITORY_AROUND.search(text, max(0, m.start - 25), m.start)):
            m = replace(m, kind="country")
        out.append(m)
    return out


def names_an_organ(text: str, m: Mention) -> bool:
    """Whether the place only says whose an institution is ("a Washington think tank", "US
    Treasury sanctions"): never a place anyone is in, nor a list's next place."""
    return _word_after_place(text, m.end) in _INSTITUTION_NOUNS


def _word_after_place(text: str, end: int) -> str:
    """The lowered word right after a place ("think" in "a Washington think tank")."""
    m = _NEXT_WORD.match(text, end, end + 30)
    return m.group(1).lower() if m else ""


# Russian names a town by its country's adjective: "в армянском Гюмри", "в сирийском Тартусе" (a
# preposition of place a few words before, a capitalised name right after)
_NAME_AFTER = re.compile(r"\s+[А-ЯЁ][\w-]+")  # Cyrillic: an English capital after a demonym is as often a title ("Belarusian President")
_LOCATIVE_JUST_BEFORE = re.compile(r"(?<!\w)(?:в|во|на|под|около|возле)\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)


def is_locative(text: str, m: Mention, clause_start: int) -> bool:
    """Whether the place stands where an actor can be: after a locative preposition within a few
    words ("in Mali", "reached Libya"), or a demonym beside a local force its trainers work with
    ("training Malian troops"); never a speaker, a border's other side, a transit stop or a
    modifier ("US-backed"). ``clause_start`` bounds how far back it looks."""
    before = text[max(clause_start, m.start - 60):m.start]
    group = _INCLUDING.search(before)
    if group is not None and m.kind != "demonym":
        # "in at least five African states, among them Libya": the list stands where the
        # collective noun it names members of does
        at = m.start - len(before) + group.start("noun")
        return is_locative(text, replace(m, start=at, end=at + len(group.group("noun"))), clause_start)
    place_of = _PLACE_OF.search(before) if m.kind != "demonym" else None
    if place_of is not None and len(before[:place_of.start()].split()) >= LOCATIVE_WINDOW - 1:
        # the noun's preposition is out of the window from the place: read it from the noun
        noun = "noun" if place_of.group("noun") else "facility"
        at = m.start - len(before) + place_of.start(noun)
        if is_locative(text, replace(m, start=at, end=at + len(place_of.group(noun))), clause_start):
            return True
    tail = before.rstrip().lower()
    if tail.endswith("according to") or beyond_border(tail) or is_speaker(text, m):
        return False
    if m.kind == "demonym":
        if _NAME_AFTER.match(text, m.end) and _LOCATIVE_JUST_BEFORE.search(before):
            return True  # "в армянском Гюмри", "в пострадавшей от наводнения ливийской Дерне": a town of that country
        after = " ".join(text[m.end:m.end + 40].split()[:3])
        if cues.TERRITORY_AFTER.match(after.lower()) or (
                (_FACILITY_AFTER.match(after) or _FACILITY_BEFORE.search(before))
                and not _FORMER_BEFORE.search(before) and not _OF_THE_COUNTRY.search(text, m.end, m.end + 60)):
            return True  # "Malian territory"; "stationed at Libyan air bases", "les bases libyennes", "ливийские авиабазы"
        near_before = " ".join(before.split()[-3:])
        force = cues.LOCAL_FORCE.search(after) or cues.LOCAL_FORCE.search(near_before)
        lead = " ".join(before.split()[-6:])
        return bool(force and (cues.COMPANION.search(lead) or cues.TRAINS.search(lead))) or cues.guards_leader(
            before, text[m.end:m.end + 40])  # "protect the Malian president", "охраняют малийского лидера"
    if text.startswith(("'s ", "’s "), m.end):
        # "train Niger's army", "fight alongside Mali's troops": the country's own force, as the
        # demonym's ("the Nigerien army") is, beside the trainers or the fighters
        owned = " ".join(text[m.end + 3:m.end + 43].split()[:2])
        lead = " ".join(before.split()[-6:])
        if cues.LOCAL_FORCE.search(owned) and (cues.COMPANION.search(lead) or cues.TRAINS.search(lead)):
            return True
    if _MODIFIER_COMPOUND.match(text, m.end):
        return False  # "US-backed protests", "Russia-led alliance": a modifier, not a place
    # "qu'au Mali", "jusqu'en Libye": the preposition after an elided word is the word that counts
    words = [_ELIDED.sub("", w.strip("«»\"'(),").lower()) for w in before.split()[-LOCATIVE_WINDOW:]]
    if tail[-1:] in (".", ";", ":"):
        return False
    if words[-3:] == ["by", "way", "of"] or words[-2:] == ["passant", "par"]:
        return True  # "from Syria to Mozambique, by way of Libya and Sudan": places inside a range
    if words and words[-1] in _TRANSIT_WORDS:
        return False  # "flown to Caracas via Havana": passed through
    if words and words[-1] in _OWNER_NOUNS:
        return False  # "контингенты Белоруссии": the country's own men, not where they are
    if not _SPEECH_WORDS.isdisjoint(words):
        return False  # "told a conference in Rome", "said in Washington": where it was said
    if names_an_organ(text, m) or _BASED_BODY.match(text, m.end) or _BODY_BASED_IN.search(before):
        # "a researcher at a Washington think tank", "a Paris court", "the Washington-based Center
        # for Strategic and International Studies" ("Bamako-based Russian instructors" are there)
        return False
    if cues.guards_leader(before):
        return True  # "guard the president of the Central African Republic", "охраняют президента ЦАР"
    for i, w in enumerate(words):
        if not cues.LOCATIVE.has_word(w):
            continue
        if w == "to" and i and words[i - 1] in _TO_NOT_MOTION and not (words[i - 1] == "next" and m.kind != "country"):
            continue  # "a counterweight to Turkey", "a threat to Mali": not a destination; "next to Niamey" is
        if i and words[i - 1] in _SUPPLY_NOUNS:
            continue  # "для поставок в Мали": where the goods go
        if not _CLAUSE_WORDS.isdisjoint(words[i + 1:]):
            continue  # "au moment où la France ...": the preposition governs another noun
        if w in _GENITIVE and (i == 0 or (words[i - 1] not in _PLACE_NOUNS and words[i - 1] != "out")):
            if i and cues.LOCAL_FORCE.has_word(words[i - 1]) and (
                    cues.TRAINS.search(" ".join(words[:i - 1]))
                    or _BESIDE.search(" ".join(before.split()[:i - len(words)][-5:]))):
                # "training soldiers of the Central African Republic", "fought alongside the armies of
                # the Central African Republic and Mali", "aux côtés des forces armées du Mali"
                return True
            continue  # "the government of Chad" names a state; "the city of Gyumri" a place
        return True
    return False


def beyond_border(tail: str) -> bool:
    """Whether the lowered text before a place ends "border with", "у границы с": the country
    beyond a border is neither where the actor is nor what "the country" points back to.
    BORDER_BEFORE's Latin-script phrases are suffix tests: an end-anchored regex is tried by
    ``re`` at every position."""
    return tail.endswith(_BORDER_TAILS) or ("границ" in tail and bool(cues.BORDER_BEFORE.search(tail)))


def is_speaker(text: str, m: Mention, cities: bool = False) -> bool:
    """"US officials said", "Mali's government denied": a country named as the one speaking (with
    ``cities``, a capital too: "Paris affirme", "Moscou répète")."""
    return m.kind not in (("demonym",) if cities else ("city", "demonym")) and bool(
        cues.SPEAKER_AFTER.match(_until_stop(text, m.end)))


def _until_stop(text: str, at: int) -> str:
    """The text from ``at`` to the next sentence stop, at most 60 characters."""
    stop = _UNTIL_STOP.match(text, at, at + 60)
    return stop.group(0) if stop is not None else ""  # the pattern matches the empty string too


_BORDER_TAILS = ("border with", "borders with", "frontier with", "frontiers with", "frontière avec", "frontières avec")
_GENITIVE = {"of", "de", "du"}
_PLACE_NOUNS = {
    "city", "town", "village", "region", "province", "capital", "port", "outskirts", "suburbs", "centre",
    "center", "north", "south", "east", "west", "territory", "areas", "area", "district", "parts", "part",
    "ville", "région", "capitale", "nord", "sud", "est", "ouest", "territoire", "base", "aérienne", "navale",
}


# Bodies that are only headquartered somewhere (not men stationed there), and the two ways news
# places them: "the Washington-based Center for ...", "une ONG basée au Royaume-Uni"
_BODY = (r"(?:cent(?:er|re)s?|institut\w*|think|organi[sz]ations?|groups?|ngos?|ong|firms?|compan(?:y|ies)|"
         r"consultanc(?:y|ies)|researchers?|analysts?|newspapers?|outlets?|watchdogs?|monitors?|projects?|foundations?|"
         r"universit(?:y|ies)|councils?|agenc(?:y|ies)|banks?|media|média|publications?|websites?|site|journals?|journal|"
         r"broadcasters?|investigat\w+|journalists?|observatoire|observatory|société|entreprise)")
_BASED_BODY = re.compile(r"-based\s+(?:[\w'’.-]+\s+){0,3}?" + _BODY + r"(?!\w)", re.IGNORECASE)
# A country's facilities named by its adjective are in it: "Libyan air bases", "les bases libyennes",
# "на ливийских авиабазах"
_FACILITY_AFTER = re.compile(r"(?:air\s*)?(?:bases?|airbases?|airfields?|airstrips?|ports?|баз\w*|авиабаз\w*|аэродром\w*|"
                             # the ground a force drills on: "rotate through Belarusian ranges", "на белорусских полигонах"
                             r"(?:firing\s+|training\s+)?ranges|training\s+grounds?|полигон\w*)(?!\w)",
                             re.IGNORECASE)
# ... unless they are the owner's, in another country: "former French bases of the country", "les
# anciennes bases françaises du pays", "бывшие французские базы"
_FORMER_BEFORE = re.compile(r"(?:former|ex-|anciennes?|anciens?|бывш\w*)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_OF_THE_COUNTRY = re.compile(r"^\s*(?:(?:air\s*)?[\w-]+\s+){0,2}(?:of\s+the\s+country|du\s+pays|в\s+стране|страны)", re.IGNORECASE)
_FACILITY_BEFORE = re.compile(r"(?:bases?|aérodromes?|ports?)(?:\s+aériennes?|\s+navales?)?\s+$", re.IGNORECASE)
# the same said the other way round: "une ONG basée au Royaume-Uni", "a monitor based in Britain"
_BODY_BASED_IN = re.compile(
    r"(?<!\w)" + _BODY + r"\b[^.;:]{0,40}?\bbas(?:ed|ée?s?)\s+(?:in|at|à|au|aux|en)\s+(?:the\s+|la\s+|le\s+|l['’]\s*)?$",
    re.IGNORECASE)
_MODIFIER_COMPOUND = re.compile(
    r"-(?:backed|led|brokered|made|supplied|funded|allied|aligned|friendly|born|trained|sponsored|style|"
    r"linked|affiliated|owned)\b", re.IGNORECASE)


_UNTIL_STOP = re.compile(r"[^.;!?\n]*")


# A country named as the owner of an office ("the US Treasury", "US intelligence documents", "the
# UK Foreign Office", "EU sanctions"): not a place that "the country" can point back to.
INSTITUTION_AFTER = re.compile(
    r"\s+(?:Treasury|State\s+Department|Department|Congress|Senate|Pentagon|Foreign\s+Office|Foreign\s+Ministry|"
    r"Defen[cs]e\s+(?:Department|Ministry|Secretary)|intelligence|sanctions|officials?|diplomats?|embassy|envoy|"
    r"administration|government|lawmakers|Africa\s+Command|AFRICOM)\b")


# Between a place and a later actor: the place belongs to another noun ("companies in the UAE that
# traded gold to finance Wagner's operations") or to another event ("reached Jufra after flying from
# Russia and stopping at the Russian air base")
_RELATIVE_AFTER_PLACE = re.compile(r"\s*,?\s*(?:that|" + cues.RELATIVE + r")(?!\w)", re.IGNORECASE)
_OTHER_EVENT = re.compile(r"(?<!\w)(?:after|before|while)\s+\w+ing(?!\w)", re.IGNORECASE)


def not_the_actors_place(text: str, m: Mention, hit: ActorHit, mentions: list[Mention]) -> bool:
    """Whether a place named before the actor belongs to another noun or event between them."""
    if _OTHER_EVENT.search(text, m.end, hit.start):
        return True
    return any(m.start <= x.start and x.end <= hit.start and _RELATIVE_AFTER_PLACE.match(text, x.end)
               for x in mentions)


def other_force_between(text: str, hit: ActorHit, m: Mention, mentions: list[Mention],
                        home: tuple[str, ...]) -> bool:
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


def other_force_leaves(text: str, hit: ActorHit, cue: str, mentions: list[Mention], home: tuple[str, ...]) -> bool:
    """Whether another country's force is who leaves: "weeks before the last United States troops
    left the country", "les soldats français ont quitté le pays". As in ``other_force_between``:
    its country named right before a local force noun, here between the actor and the leaving cue."""
    at = text.find(cue, hit.end)
    return at >= 0 and any(hit.end <= d.start and d.end <= at and d.iso3 not in home
                           and cues.LOCAL_FORCE.match(text[d.end:d.end + 30].lstrip()) for d in mentions)


# "<word> in (the) (northern) ": the word a place is put after
_PLACED_AFTER = re.compile(r"(\w+)\s+(?:in|inside|au|aux|en|à|в|во|на)\s+(?:the\s+)?"
                           r"(?:neighbou?ring\s+|northern\s+|southern\s+|eastern\s+|western\s+|central\s+)?$",
                           re.IGNORECASE)


def force_in(text: str, c_start: int, m: Mention, force: re.Pattern[str] | None) -> bool:
    """Whether the actor's own force noun stands right before the place: "has military
    instructors in Mali", "держит войска в Таджикистане" (the men are placed, cue or not)."""
    if force is None or m.kind == "demonym":
        return False
    before = _PLACED_AFTER.search(text, max(c_start, m.start - 40), m.start)
    if before is None:
        return False
    if force.fullmatch(before.group(1)) is not None:
        return True
    # "It has previously had men in Libya", "the corps has troops in at least five states": a
    # generic force noun the actor is said to have, keep or maintain
    return (_GENERIC_FORCE.fullmatch(before.group(1)) is not None
            and _HAS_BEFORE.search(text, max(c_start, before.start(1) - 30), before.start(1)) is not None)


_GENERIC_FORCE = re.compile(r"men|troops|fighters|soldiers|personnel|forces|hommes|troupes|soldats|combattants|"
                            r"людей|бойцов|военных|солдат", re.IGNORECASE)
# possession right before the force noun, with at most a number or a quantifier between
_HAS_BEFORE = re.compile(r"(?<!\w)(?:has|have|had|having|keeps?|kept|maintains?|maintained|still\s+has|"
                         r"a|avait|ont|avaient|garde|conserve|maintient|держит|имеет|имел[аи]?)\s+"
                         r"(?:(?:about|some|several|around|hundreds\s+of|thousands\s+of|plusieurs|quelque|des|"
                         r"около|несколько)\s+)?(?:[\d,.]+\s+|\w+\s+)?$", re.IGNORECASE)


def dateline(text: str, m: Mention) -> bool:
    """Whether the mention opens the article in capitals ("BANGUI —", "MAPUTO, April 14")."""
    return not m.start and text[:m.end].isupper()


# Africa's states, for a pointer that names the continent ("the West African state")
_AFRICA = {
    "DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CMR", "CPV", "CAF", "TCD", "COM", "COD", "COG", "CIV", "DJI", "EGY",
    "GNQ", "ERI", "SWZ", "ETH", "GAB", "GMB", "GHA", "GIN", "GNB", "KEN", "LSO", "LBR", "LBY", "MDG", "MWI", "MLI",
    "MRT", "MUS", "MAR", "MOZ", "NAM", "NER", "NGA", "RWA", "STP", "SEN", "SYC", "SLE", "SOM", "ZAF", "SSD", "SDN",
    "TZA", "TGO", "TUN", "UGA", "ZMB", "ZWE", "ESH",
}


def in_africa(m: Mention) -> bool:
    """Whether the place is in an African state."""
    return m.iso3 in _AFRICA
