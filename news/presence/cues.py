"""Word lists that turn a sentence about an actor into a presence claim, or stop it.

The lists themselves are data, one file per language in news/presence/lexicon/; this module builds
them into matchers (news.wordmatch) and holds the few grammar patterns that are regexes over
a whole clause rather than word lists.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from typing import TypeVar

from news.prefilter import Prefilter
from news.presence.lexicon import load as load_lexicon
from news.wordmatch import WordMatch, WordSet

M = TypeVar("M", WordMatch, re.Match[str])


def _rx(*parts: str) -> WordSet:
    return WordSet(parts)


# The word lists, from news/presence/lexicon/*.toml (one file per language, validated on load).
_LEX = load_lexicon()


# The actor is (or was) on the ground: deployed, based, fighting, training, guarding...
PRESENT = _rx(*_LEX["present"])

# The actor left: the country must follow within a few words (see news.presence).
ENDED = _rx(*_LEX["ended"])
# A stay said to be over: "no longer operates in Libya", "n'est plus présent", "больше не работает".
# Prefiltered: a regex of alternations scans every clause, and almost none holds "longer",
# "plus", "больше" or "уже" (news.prefilter reads those anchors off the pattern).
NO_LONGER = Prefilter(re.compile(
    r"\bno\s+(?:longer\b|more\b(?!\s+than))|\bn(?:e\s+|['’])(?:\w+\s+){0,2}?plus\b(?!\s+qu)|(?<!\w)(?:больше|уже)\s+не(?!\w)"
    # group "none": nobody is left, a cue of its own with no verb of presence to negate ("В Мали больше
    # нет бойцов Вагнера", "No Wagner fighters remain in Mali", "none of its men are left in Syria")
    r"|(?P<none>(?<!\w)(?:больше|уже)\s+нет(?!\w)"
    r"|\b(?:no|none\s+of)\s+(?:[\w'’-]+\s+){0,3}?(?:remain(?:s|ed)?|(?:are|is|were|was)\s+left|stay(?:s|ed)?)\b)",
    re.IGNORECASE))
# Words that make a leaving verb point at something else than a country ("pulled back from the front").
ENDED_TARGET = re.compile(r"^\W*(?:from|out of|из|du|de la|de l'|des|d'|de)?\W*(?:the\s+|la\s+|le\s+|l')?", re.I)

# A verb that says what something is called ("hailed the coup in Niger as a fight against
# colonisers", "a salué le putsch comme un combat"): a presence cue it puts after "as"/"comme"
# names the thing (see ``characterised``), it is not what the actor does.
CHARACTERISE = _rx(*_LEX["characterise"])
_AS_BEFORE = re.compile(r"(?<!\w)(?:as|comme)\s+(?:(?:an?|the|une?|la|le|l'|l’)\s*)?(?:\w+\s+)?$", re.IGNORECASE)


def characterised(clause: str, start: int) -> bool:
    """Whether the cue word at ``start`` of ``clause`` is what a characterising verb before it
    calls something ("as a fight"), rather than something the actor does."""
    if not _AS_BEFORE.search(clause, max(0, start - 30), start):
        return False
    return CHARACTERISE.search(clause, 0, start) is not None


# "a voice message posted on Telegram", "une vidéo publiée": published, not stationed. A cue word
# right after a noun of what is published (lexicon key "published") is that sense.
PUBLISHED = _rx(*_LEX["published"])
_JUST_BEFORE = re.compile(r"(?<!\w)\w+\s+$")  # the one word right before a cue


def _published(clause: str, start: int) -> bool:
    """Whether the word right before the cue at ``start`` names something published."""
    word = _JUST_BEFORE.search(clause, max(0, start - 20), start)
    return word is not None and PUBLISHED.fullmatch(word.group(0).rstrip()) is not None


def first_present(clause: str) -> WordMatch | None:
    """The clause's first presence cue that is not a characterisation (``characterised``) and
    not the publishing sense of "posted" (``_published``)."""
    for cue in PRESENT.finditer(clause):
        at = cue.start()
        if not characterised(clause, at) and not _published(clause, at):
            return cue
    return None


# Not (yet) presence: plans, conditionals, offers, orders.
MODAL = _rx(*_LEX["modal"])
NEGATION = _rx(*_LEX["negation"])
VISIT = _rx(*_LEX["visit"])
# Reported rather than asserted: still presence (GUIDE), but less sure.
HEDGE = _rx(*_LEX["hedge"])
# Where a country is named as the place (before it, within a few words).
LOCATIVE = _rx(*_LEX["locative"])
# Nouns that make a demonym a place ("Malian troops", "armée malienne", "сирийской армией").
LOCAL_FORCE = _rx(*_LEX["local_force"])
# Phrases that point back to a place named earlier ("there", "the country", "туда", "y").
PLACE_ANAPHORA = _rx(*_LEX["place_anaphora"])
# "The region" points back to a region (see news.presence.references).
REGION_ANAPHORA = _rx(*_LEX["region_anaphora"])
PLURAL_PLACE_ANAPHORA = _rx(*_LEX["plural_place_anaphora"])
SPEAKER_AFTER = re.compile(
    r"^[^\w,]{0,2}(?:(?:'s|’s)\s+)?(?:(?:and|et|и)\s+(?:its|ses|его|её)\s+\w+(?:\s+\w+)?\s+)?"
    r"(?:(?:foreign|defence|defense|interior|state|military|government)\s+)?"
    r"(?:officials?|ministry|president|minister|embassy|ambassador|spokes\w+|diplomats?|"
    r"(?:government|authorities)\s+(?:said|says|say|told|denied|insists?)|"
    r"said|says|say|told|stated|announced|accused|condemned|denied|insists?|"
    r"affirment|affirme|a affirmé|assure|assurent|répète|répètent|dément|démentent|a démenti|a déclaré|"
    r"accuse|accusent|dénonce|dénoncent|estime|estiment|a estimé|considère|considèrent|juge|jugent|"
    r"believes?|estimates?|considers?|считает|считают|полагает|полагают|"
    r"заявил\w*|утвержда\w*|отрица\w*|опроверг\w*|обвиня\w*|"
    # Russian's impersonal "in Washington they called ...": the place speaks
    r"назвали|расценил\w*|осудил\w*|сочли|оценили)(?!\w)",
    re.IGNORECASE,
)
# Training or advising a country's own forces puts the trainers there ("train Malian soldiers",
# "обучают военнослужащих центральноафриканской армии", "soldiers of the Central African Republic").
TRAINS = _rx(*_LEX["trains"])
# Guarding a country's leader ("guard the president of the CAR", "assurent la sécurité du président
# centrafricain", "охраняют президента ЦАР"): the guards are in the leader's country.
GUARDS = _rx(*_LEX["guards"])
# A state's war on a country, its invasion of it (news.presence.sentence_rules.war_claims): a regex
# rather than a word list, as the rule reads the words around it
WAR = re.compile(r"(?<!\w)(?:" + "|".join(sorted(_LEX["war"], key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)
LEADER = _rx(*_LEX["leader"])
# A kind of place and its relative ("the countries where", "стран, где"), the places listed after
# (news.presence.sentence_rules.where_list_claims): phrases, so one regex
PLACES_WHERE = re.compile(r"(?<!\w)(?:" + "|".join(_LEX["places_where"]) + r")(?!\w)", re.IGNORECASE)
_OF_THE = re.compile(r"(?:\s+(?:of|de|du|des|d['’]))?(?:\s*(?:the|la|le|les|l['’]))?\s*$", re.IGNORECASE)


def last_match(matches: Iterable[M]) -> M | None:
    """The last of ``matches`` (None when there is none), without keeping the others."""
    last = deque(matches, maxlen=1)
    return last[0] if last else None


def guards_leader(before: str, after: str = "") -> bool:
    """Whether the place after ``before`` (or the demonym before ``after``) is a guarded leader's
    country: a leader noun ends ``before`` (with "of"/"de" and an article) or opens ``after``
    ("the Malian president"), and a guarding word stands at most four words before it."""
    lead = last_match(LEADER.finditer(before))
    if lead is not None and _OF_THE.match(before, lead.end()):
        head = before[:lead.start()]
    elif LEADER.match(after.lstrip()) is not None:
        head = before
    else:
        return False
    guard = last_match(GUARDS.finditer(head))
    return guard is not None and len(head[guard.end():].split()) <= 4
COMPANION = _rx(*_LEX["companion"])
TERRITORY_AFTER = _rx(*_LEX["territory_after"])
BORDER_BEFORE = re.compile(r"(?:borders? with|frontiers? with|frontières? avec|границ\w* с)\s*$", re.IGNORECASE)
# ", as ..." and "The visit comes as ..." / "Cette visite intervient après ...": the event framed
# is a clause of its own (a visit or a plan in the frame does not touch it, nor the reverse).
CLAUSE_SPLIT = re.compile(r";|:\s|,\s(?=where\s)|,\s(?=(?:a|an)\s+(?:claim|allegation|charge|accusation|report)s?\b|ce\s+qu)|,\s(?=not\s+to\s)|,\s(?=as\s(?!well\b|part\b|of\b|a\s+result\b|such\b|many\b|much\b|long\b|far\b|soon\b|in\b|if\b|though\b))|"
                          r"\s(?=(?:comes?|came)\s+(?:as|after|amid|days|weeks|a\s+week|a\s+day|shortly|just)\b)|"
                          r"\s(?=(?:intervient|survient)\s+(?:après|alors|au\s+moment|dans|quelques|peu|moins|deux|trois|une?\s|en\s+pleine|à\s+un)\b)|\s[—–]\s|,\s*(?:but(?!\s+also\s)|while|whereas|although|though|mais(?!\s+aussi\s)|tandis que|bien que|même si|а(?!\s+также)|но(?!\s+и\s)|однако|хотя)\s|,\s*(?:et\s+)?(?:tandis|alors)\s+qu['’]|,\s*et\s+qu['’]|\s(?:but(?!\s+also\s)|while)\s")
# An order to leave is not a departure ("Putin ordered most of the force out of Syria").
ORDERED = _rx(*_LEX["ordered"])
# Appositions hide actors that are not the subject ("Africa Corps, the force created to take
# over the Wagner Group's operations, said ..."): masked before actors are looked for.
APPOSITION = re.compile(r",\s+(?:the|a|an|which|who|whose|qui|le|la|un|une|который|которая|которые)\b[^,;]{0,160}(?=,)"
                        # a participle aside ("Africa Corps, created to take over the operations of
                        # the Wagner Group after ..., has deployed"; "l'Africa Corps, appelée à
                        # prendre la relève de Wagner, ...")
                        r"|,\s+(?:created|set\s+up|formed|founded|established|launched|tasked|meant|designed|"
                        r"créée?s?|fondée?s?|mise?\s+en\s+place|appelée?s?|chargée?s?|созданн\w*|призванн\w*)\b[^,;]{0,160}(?=,)"
                        # closing the sentence, only as a noun described by a participle (", la
                        # structure créée pour reprendre les activités de Wagner en Afrique.")
                        r"|,\s+(?:the|a|an|le|la|un|une)\s+\w+\s+(?:\w+\s+)?(?:created|set up|founded|formed|"
                        r"established|créée?s?|fondée?s?|mise? en place|appelée?s?|chargée?s?|созданн\w*)\b[^,;]{0,160}(?=[.!]?$)"
                        # closing the sentence as the other actor's successor ("..., the successor
                        # to the Wagner Group's operations on the continent")
                        r"|,\s+(?:the|a|an|le|la|un|une)\s+(?:\w+\s+)?(?:successor|heir|successeur|héritier|héritière|преемник\w*)\b[^;]{0,200}(?=[.!]?$)")
# A state names the actor only as the subject of a deployment verb ("Russia has sent").
STATE_VERB = re.compile(
    r"^(?:\s+\w+){0,3}?\s+(?:has|had|have|is|was|still|also|officially|официально|уже|a|avait)?\s*"
    r"(?:sent|send\w*|deploy\w*|keeps?|kept|moved|moving|begun moving|began moving|stationed|maintains?|has troops|"
    r"dispatched|flew|flown|transferred|closed|gave up|given up|shut|"
    r"направил\w*|отправил\w*|перебросил\w*|разместил\w*|держит|"
    r"перебрасыва\w*|направля\w*|отправля\w*|размеща\w*|"
    r"a envoyé|envoie|déploie|a déployé|maintient)\b",
    re.IGNORECASE,
)
# "Wagner fighters in Libya", "instructeurs russes au Mali": the actor phrase itself placed.
ACTOR_IN = re.compile(r"^\W{0,2}(?:\w+\s+){0,2}?(?:in|inside|au|aux|en|à|в|во|на)\s+(?:\w+\s+)?$", re.IGNORECASE)
# (the preposition may be repeated: "in Mali and in Niger", "au Mali et au Niger", "в Сирии и в Судане",
# "les déserts de Syrie et de Libye")
LIST_GAP = re.compile(r"^\s*(?:,|and|et|и|or|ou|,\s*and|,\s*et|,?\s*(?:as\s+well\s+as|ainsi\s+qu(?:e|['’])|de\s+même\s+qu(?:e|['’])|а\s+также|"
                      r"и\s+также))\s*(?:(?:in|en|au|aux|à|в|во|на|of|de|du|des)\s+|d['’]\s*)?(?:the\s+|la\s+|le\s+|l['’]|les\s+)?$", re.IGNORECASE)
# A range's two ends: "from Syria to Mozambique", "de la Syrie au Mozambique", "от Сирии до
# Мозамбика" (RANGE_OPEN ends right before the first place, RANGE_GAP fills the span between them).
RANGE_OPEN = re.compile(r"(?<!\w)(?:from|de|du|des|d['’]|от)\s*(?:the\s+|la\s+|l['’]\s*)?$", re.IGNORECASE)
RANGE_GAP = re.compile(r"\s+(?:to|à|au|aux|jusqu['’]\s*(?:à|au|aux)|до)\s+(?:the\s+|la\s+|l['’]\s*)?$", re.IGNORECASE)
# A country that takes the actor in: "Burkina Faso welcomed Russian instructors", "Mali hired Wagner".
HOST = _rx(*_LEX["host"])
# "the CAR's northeast": part of a country; leaving it is not leaving the country.
PART_OF = re.compile(r"^(?:'s|’s)\s+(?:far\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|"
                     r"south-?west|centre|center|interior|border|frontier|coast)\b", re.I)
# The same men named as another actor: "these instructors are in fact employed by Wagner companies".
IDENTITY = _rx(*_LEX["identity"])
# A request reported as done ("had asked Russia and Wagner to provide military instructors"):
# the pluperfect tells the reader it was answered. "Has asked ... for help" stays a plan.
REQUEST_DONE = re.compile(
    r"\bhad\s+(?:in\s+turn\s+|also\s+|already\s+)?(?:asked|invited|requested|called\s+on)\s+"
    r"(?P<who>[^.;]{1,60}?)\s+to\s+(?:provide|send|deploy|supply|dispatch)\b[^.;]{0,40}?"
    r"\b(?:instructors|troops|advisers|advisors|soldiers|fighters|forces|specialists|trainers|personnel)\b",
    re.IGNORECASE,
)
# Grammar shared by several rule modules.
# A relative pronoun (a regex fragment for the patterns that follow a noun with one).
RELATIVE = r"(?:which|who|qui|который|которые|которая)"
# Punctuation that ends a phrase: an actor's force noun, or a bare leaving cue, stops before it.
STOPS = re.compile(r"[,.;:]")
# A comma or semicolon between a cue and its object: the object belongs to something else.
COMMA = re.compile(r"[,;]")
