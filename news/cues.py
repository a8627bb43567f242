"""Word lists that turn a sentence about an actor into a presence claim, or stop it.

Kept apart from the logic in news.presence so a reviewer can read what the rules react
to in each language without reading code. Patterns are regexes over lowercase text.
"""

from __future__ import annotations

import re

from news.prefilter import Prefilter
from news.wordmatch import WordSet


def _rx(*parts: str) -> WordSet:
    return WordSet(parts)


# The actor is (or was) on the ground: deployed, based, fighting, training, guarding...
PRESENT = _rx(
    # English
    r"deploy\w*", r"redeploy\w*", r"arriv\w*", r"station\w*", r"based", r"bases?", r"airbase", r"garrison\w*",
    r"operat\w*", r"fight\w*", r"fought", r"battl\w*", r"clash\w*", r"combat", r"train\w*", r"guard\w*",
    r"protect\w*", r"present", r"presence", r"work\w*", r"runs?", r"running", r"keeps?", r"kept", r"remain\w*",
    r"stay\w*", r"landed", r"reach\w*", r"sent", r"send\w*", r"flown", r"flew", r"captur\w*", r"took control",
    r"taken \w* ?control", r"killed", r"losses", r"ambush\w*", r"seen", r"spotted", r"filmed", r"patrol\w*", r"alongside",
    r"brought in", r"welcom\w*", r"exercises", r"drills", r"moving", r"moved", r"reinforc\w*", r"posted",
    r"on the ground", r"fly\w*", r"flying", r"missions?", r"strikes", r"sorties", r"mining", r"mines",
    r"executed", r"monitor\w*", r"help(?:ed|ing|s)? (?:direct|train|secure|protect|guard|retake|recapture)\w*", r"support\w* (?:by|from)",
    r"in service", r"still", r"retak\w*", r"retook", r"recaptur\w*", r"push\w* (?:across|into|deeper)", r"active", r"continu\w*", r"rotation", r"contingent", r"were in", r"are in", r"is in",
    r"have been in", r"has been in", r"had been in", r"relies on", r"invad\w*", r"invasion", r"annex\w*",
    r"occup\w*", r"seiz\w*", r"attack\w*", r"advanc\w*", r"bomb\w*", r"shelling", r"shelled", r"struck", r"assault\w*",
    r"took part", r"involved", r"took over", r"taken over", r"hired", r"employed", r"installed", r"footprint",
    r"recruit\w*", r"control\w*", r"held", r"holds?", r"maintain\w*", r"secur\w*", r"escort\w*", r"сопровожда\w*",
    # a footprint that grew: "has spread to Libya", "expanded into Mali", "set up in Bangui"
    r"spread", r"spreading", r"expand\w*", r"set up", r"sets up", r"setting up", r"established", r"reported in",
    r"implant\w*", r"étendu\w*", r"signalée?s?", r"распространил\w*", r"закрепил\w*", r"обосновал\w*",
    # French
    r"déploy\w*", r"arrivé\w*", r"arrivée\w*", r"présents?", r"présence", r"opér\w*", r"combatt\w*",
    r"form(?:er|ent|ait|aient|ation)", r"entraîn\w*", r"protég\w*", r"protèg\w*", r"gard\w*", r"travaill\w*",
    r"épaul\w*", r"aux côtés", r"le relais", r"maintien\w*", r"maintenu\w*", r"basés?", r"stationn\w*", r"envoy\w*", r"dirig\w*", r"exploit\w*", r"fait appel",
    r"resteront", r"restent", r"continuer\w*", r"sont arrivés", r"y sont", r"attaqu\w*", r"occup\w*",
    r"install\w*", r"sécuris\w*", r"encadr\w*", r"pris le contrôle", r"contrôl\w*", r"tu(?:é|és|ent)",
    r"exactions", r"recrut\w*", r"patrouill\w*", r"achemin\w*", r"progression", r"conserv\w*", r"aperçu\w*", r"vus", r"filmés?", r"repéré\w*", r"au côté", r"à leurs côtés", r"sont\s+(?:en|au|aux|à)", r"est\s+(?:en|au|aux|à)",
    # Russian
    r"развёрнут\w*", r"развернут\w*", r"размещ\w*", r"прибыл\w*", r"находя\w*", r"наход\w*", r"базиру\w*",
    r"дислоцир\w*", r"присутств\w*", r"воюю\w*", r"воева\w*", r"сража\w*", r"разгроми\w*", r"охраня\w*",
    r"обуча\w*", r"подготовк\w*", r"работ\w*", r"направил\w*", r"отправил\w*", r"перебро\w*", r"перебрасыва\w*", r"останутся",
    r"остаются", r"остаётся", r"продолж\w*", r"участв\w*", r"бо[её]в\w*", r"служ\w*", r"штурм\w*",
    r"заня\w*", r"захват\w*", r"отбил\w*", r"удержива\w*", r"контролир\w*", r"вошли", r"введ\w*", r"ввел\w*", r"наступ\w*", r"удар\w*", r"охран\w*",
    r"тренир\w*", r"действ\w*", r"погиб\w*", r"убит\w*", r"замечен\w*", r"замеча\w*", r"видели", r"расквартир\w*", r"дислоцирова\w*", r"сохранит\w*", r"продвину\w*", r"продвига\w*", r"добыва\w*", r"патрулир\w*", r"прикрыва\w*", r"стоят", r"стояли", r"отправля\w*", r"зачища\w*", r"зачистил\w*",
)

# The actor left: the country must follow within a few words (see news.presence).
ENDED = _rx(
    r"left", r"leave", r"leaves", r"leaving", r"withdr\w*", r"pull\w* out", r"pullout", r"pull-out", r"quit\w*",
    r"expell\w*", r"departed", r"departure", r"flown out", r"out of", r"ended", r"drawdown", r"evacuat\w*",
    r"returned home", r"exit\w*", r"stopped using", r"going home", r"gone home", r"went home", r"head(?:s|ed|ing)? home",
    r"fl(?:ew|own|ying|ies) home", r"returned to russia", r"rentr\w* en russie", r"вернул\w* в россию",
    r"returning home", r"rentr\w* (?:chez eux|au pays)", r"возвраща\w* домой", r"вернул\w* домой",
    r"retir\w*", r"retrait", r"quitt\w*", r"quitté", r"départ", r"expuls\w*", r"a fermé", r"ont fermé",
    r"closed down", r"shut down", r"закрыл\w*", r"packed up", r"pli\w* bagage",
    # every phrase starts with its words, so that it is tried only where they occur (news.wordmatch)
    r"la fin de (?:sa|leur) (?:mission|présence|opération)s?", r"fin de (?:sa|leur) (?:mission|présence|opération)s?",
    r"end of (?:its|their) (?:mission|presence|operations?)",
    r"wound down (?:its|their|his) (?:operations|presence|mission|activities)",
    r"winds? down (?:its|their|his) (?:operations|presence|mission|activities)",
    r"winding down (?:its|their|his) (?:operations|presence|mission|activities)",
    r"свернул\w* (?:свою )?(?:деятельность|работу|присутствие|операци\w*)", r"уехал\w*",
    r"уход\w*", r"уш[её]л\w*", r"ушли", r"покину\w*", r"покида\w*", r"вывед\w*", r"вывод\w*", r"завершени\w*",
    r"выш(?:ел|ли)", r"уходят", r"вылетел\w*", r"вылетели", r"вывел\w*", r"вывели", r"заверши\w* (?:\w+ )?мисси\w*",
)
# A stay said to be over: "no longer operates in Libya", "n'est plus présent", "больше не работает".
# Prefiltered: a regex of alternations scans every clause, and almost none holds "longer",
# "plus", "больше" or "уже" (news.prefilter reads those anchors off the pattern).
NO_LONGER = Prefilter(re.compile(
    r"\bno\s+longer\b|\bn(?:e\s+|['’])(?:\w+\s+){0,2}?plus\b(?!\s+qu)|(?<!\w)(?:больше|уже)\s+не(?!\w)", re.IGNORECASE))
# Words that make a leaving verb point at something else than a country ("pulled back from the front").
ENDED_TARGET = re.compile(r"^\W*(?:from|out of|из|du|de la|de l'|des|d'|de)?\W*(?:the\s+|la\s+|le\s+|l')?", re.I)

# Not (yet) presence: plans, conditionals, offers, orders.
MODAL = _rx(
    r"could", r"would(?= )(?! (?:continue|remain|stay|keep))", r"might", r"may", r"plans?", r"planned", r"planning", r"intends?", r"wants? to",
    r"aims? to", r"seeks?", r"seeking", r"offered", r"offers?", r"ready to", r"prepared to", r"set to",
    r"expected to", r"to be sent", r"provides for", r"proposed", r"considering", r"hopes?", r"if",
    r"to begin", r"about to", r"poised to", r"s'apprêt\w*", r"possible (?:dispatch|deployment|sending|arrival)", r"éventuel\w* (?:envoi|déploiement|arrivée)", r"возможн\w* (?:отправк\w*|размещени\w*|переброск\w*)", r"deals? (?:to|with)", r"arrangements? with", r"imminent\w*", r"неминуем\w*", r"begun withdrawing", r"asked", r"sought", r"requests?", r"negotiat\w*", r"agreement would",
    r"will(?= )(?! (?:continue|remain|stay|keep))", r"agreements?\W+(?:\w+\W+)?on", r"deal on", r"accords?\W+(?:\w+\W+)?(?:sur|pour)",
    r"соглашени\w* об?", r"discuss\w*", r"future", r"purport\w*", r"to enter", r"authori[sz]\w*",
    r"pour que", r"pour qu'", r"afin que", r"afin qu'", r"pourrai\w*", r"envisag\w*", r"prévoi\w*", r"projett\w*", r"devrai\w*", r"souhait\w*", r"va", r"vont", r"discut\w*", r"futur\w*", r"autoris\w*",
    r"может", r"могут", r"мог\w*", r"планир\w*", r"намерен\w*", r"собира\w*", r"предлож\w*", r"готов\w*",
    r"будут", r"уедет", r"начать", r"поручил", r"обсужд\w*", r"обсуди\w*", r"разреш\w*", r"будущ\w*", r"предусматрива\w*",
    # demands and rumours assert nothing about the ground either (GUIDE): "urged the government to
    # swap Wagner for the Africa Corps", "had heard talk of moving fighters", "des rumeurs de"
    r"urg(?:ed|es|ing)", r"call(?:ed|s|ing)? on", r"press(?:ed|es|ing) (?:the|for)", r"demand\w*", r"rumou?r\w*",
    r"talk of", r"exhort\w*", r"demand(?:é|ée|és|ent|ait)", r"rumeurs?", r"призвал\w*", r"потребова\w*", r"слух\w*",
)
NEGATION = _rx(
    r"not", r"no", r"never", r"n't", r"den(?:y|ied|ies|ying|ial)", r"dismiss\w*", r"rejected", r"no sign",
    r"without", r"none", r"false", r"falsely", r"untrue", r"fausses?", r"faussement",
    r"pas", r"jamais", r"aucun\w*", r"ni", r"nie", r"nient", r"niant", r"dément\w*", r"démenti", r"nie\w*",
    r"не", r"нет", r"ни", r"отрица\w*", r"опроверг\w*",
)
VISIT = _rx(
    r"visit\w*", r"talks", r"met", r"meets?", r"meeting", r"delegation", r"trip", r"summit", r"phone",
    r"call", r"held talks", r"hosted",
    r"visite", r"entretien", r"délégation\w*", r"rencontr\w*", r"téléphon\w*", r"sommet",
    r"визит\w*", r"переговор\w*", r"делегаци\w*", r"встреч\w*", r"телефон\w*", r"саммит\w*", r"прилетел\w*",
)
# Reported rather than asserted: still presence (GUIDE), but less sure.
HEDGE = _rx(
    r"reportedly", r"allegedly", r"believed", r"said to", r"according to", r"sources?", r"claimed?",
    r"accus\w*", r"suspected",
    r"auraient", r"aurait", r"selon", r"présumés?", r"accus\w*",
    r"по данным", r"якобы", r"предположительно", r"сообща\w*", r"по словам", r"обвиня\w*",
)
# Where a country is named as the place (before it, within a few words).
LOCATIVE = _rx(
    r"in", r"into", r"to", r"at", r"inside", r"across", r"near", r"from", r"throughout", r"around", r"within",
    r"of", r"reached", r"entered", r"left", r"quit", r"leave", r"invaded", r"over",
    r"en", r"au", r"aux", r"à", r"dans", r"vers", r"près", r"depuis", r"du", r"de",
    r"в", r"во", r"на", r"из", r"под", r"у", r"около", r"близ", r"до",
    # taking or holding a place puts the force in it: "captured Kidal", "contrôlent Bambari"
    r"captured", r"capture", r"seized", r"seize", r"retook", r"retake", r"recaptured", r"recapture",
    r"control", r"controls", r"controlled", r"occupy", r"occupies", r"occupied", r"stormed", r"besieged",
    r"contrôlent", r"contrôle", r"contrôlaient", r"occupent", r"occupé", r"occupée", r"repris", r"reprendre",
    r"reprennent", r"tiennent", r"захватили", r"захватил", r"заняли", r"занял", r"контролируют", r"контролирует",
    r"удерживают", r"удерживает", r"штурмовали", r"отбили",
    # patrolling a place, or its outskirts, puts the force there: "патрулируют окрестности Манбиджа"
    r"patrol", r"patrols", r"patrolling", r"patrolled", r"patrouillent", r"патрулируют", r"патрулировали",
    r"окрестности", r"окрестностях", r"окраины", r"окраинах", r"пригороды",
    # a base named by its place: "с базы Хмеймим", "на авиабазе Хмеймим"
    r"база", r"базы", r"базе", r"базу", r"авиабаза", r"авиабазы", r"авиабазе", r"авиабазу",
)
# Nouns that make a demonym a place ("Malian troops", "armée malienne", "сирийской армией").
LOCAL_FORCE = _rx(
    r"troops", r"soldiers", r"army", r"forces", r"government", r"police", r"territory", r"authorities",
    r"junta", r"security forces", r"city", r"town", r"capital", r"villagers", r"civilians",
    r"armée", r"forces", r"soldats", r"territoire", r"autorités", r"junte",
    r"арми\w*", r"войск\w*", r"сил\w*", r"власт\w*", r"территори\w*",
)
# Phrases that point back to a place named earlier ("there", "the country", "туда", "y").
PLACE_ANAPHORA = _rx(
    r"there", r"where", r"the country", r"the west african country", r"the central african country",
    r"the african country", r"the country's", r"this country", r"the capital", r"this area", r"la capitale",
    r"here", r"ici", r"здесь", r"in the city", r"dans la ville", r"в городе", r"du pays",
    r"le pays", r"ce pays", r"dans le pays", r"y", r"là-bas", r"cette zone",
    r"туда", r"там", r"оттуда", r"в республике", r"the island", r"l'île", r"la grande île", r"в стране", r"в страну", r"страну", r"эту страну", r"этом районе", r"в столице", r"стране", r"страны", r"этой \w+ страны", r"этой страны", r"этой стране",
)
# "The region" points back to a region (see news.presence._region_targets).
REGION_ANAPHORA = _rx(r"the region", r"this region", r"that region", r"la région", r"cette région", r"в регионе",
                      r"the province", r"this province", r"la province", r"cette province", r"провинци\w*",
                      r"этом регионе", r"этого региона", r"the peninsula", r"la péninsule", r"полуостров\w*")
PLURAL_PLACE_ANAPHORA = _rx(
    r"both (?:african )?countries", r"the two (?:african )?countries", r"the two states",
    r"les deux pays", r"обеих странах", r"обе страны", r"двух странах",
)
SPEAKER_AFTER = re.compile(
    r"^[^\w,]{0,2}(?:(?:'s|’s)\s+)?(?:(?:and|et|и)\s+(?:its|ses|его|её)\s+\w+(?:\s+\w+)?\s+)?"
    r"(?:(?:foreign|defence|defense|interior|state|military|government)\s+)?"
    r"(?:officials?|ministry|president|minister|embassy|ambassador|spokes\w+|diplomats?|"
    r"(?:government|authorities)\s+(?:said|says|say|told|denied|insists?)|"
    r"said|says|say|told|stated|announced|accused|condemned|denied|insists?|"
    r"affirment|affirme|a affirmé|assure|assurent|répète|répètent|dément|démentent|a démenti|a déclaré|"
    r"accuse|accusent|dénonce|dénoncent|заявил\w*|утвержда\w*|отрица\w*|опроверг\w*|обвиня\w*)(?!\w)",
    re.IGNORECASE,
)
# Training or advising a country's own forces puts the trainers there ("train Malian soldiers",
# "обучают военнослужащих центральноафриканской армии", "soldiers of the Central African Republic").
TRAINS = _rx(r"train\w*", r"drill\w*", r"advis\w*", r"mentor\w*", r"form(?:er|ent|ait|aient|ation)",
             r"entraîn\w*", r"encadr\w*", r"обуча\w*", r"тренир\w*", r"подготовк\w*", r"проводил\w* занятия")
COMPANION = _rx(r"alongside", r"with", r"beside", r"aux côtés", r"au côté", r"avec", r"вместе с", r"совместно с", r"с")
TERRITORY_AFTER = _rx(r"territory", r"city", r"town", r"capital", r"\w+-controlled", r"soil", r"village",
                      r"territoire", r"ville", r"capitale", r"территори\w*", r"город\w*", r"столиц\w*")
BORDER_BEFORE = re.compile(r"(?:borders? with|frontiers? with|frontières? avec|границ\w* с)\s*$", re.IGNORECASE)
# ", as ..." and "The visit comes as ..." / "Cette visite intervient après ...": the event framed
# is a clause of its own (a visit or a plan in the frame does not touch it, nor the reverse).
CLAUSE_SPLIT = re.compile(r";|:\s|,\s(?=where\s)|,\s(?=(?:a|an)\s+(?:claim|allegation|charge|accusation|report)s?\b|ce\s+qu)|,\s(?=not\s+to\s)|,\s(?=as\s(?!well\b|part\b|of\b|a\s+result\b|such\b|many\b|much\b|long\b|far\b|soon\b|in\b|if\b|though\b))|"
                          r"\s(?=(?:comes?|came)\s+(?:as|after|amid|days|weeks|a\s+week|a\s+day|shortly|just)\b)|"
                          r"\s(?=(?:intervient|survient)\s)|\s[—–]\s|,\s*(?:but|while|whereas|although|though|mais|tandis que|bien que|même si|а|но|однако|хотя)\s|,\s*(?:et\s+)?(?:tandis|alors)\s+qu['’]|,\s*et\s+qu['’]|\s(?:but|while)\s")
# An order to leave is not a departure ("Putin ordered most of the force out of Syria").
ORDERED = _rx(r"ordered", r"orders", r"told (?:\w+ ){1,4}to leave", r"asked (?:\w+ ){1,4}to leave", r"распорядил\w*", r"приказал\w*", r"a ordonné", r"ordonn\w*")
# Appositions hide actors that are not the subject ("Africa Corps, the force created to take
# over the Wagner Group's operations, said ..."): masked before actors are looked for.
APPOSITION = re.compile(r",\s+(?:the|a|an|which|who|whose|qui|le|la|un|une|который|которая|которые)\b[^,;]{0,160}(?=,)"
                        # closing the sentence, only as a noun described by a participle (", la
                        # structure créée pour reprendre les activités de Wagner en Afrique.")
                        r"|,\s+(?:the|a|an|le|la|un|une)\s+\w+\s+(?:\w+\s+)?(?:created|set up|founded|formed|"
                        r"established|créée?s?|fondée?s?|mise? en place|созданн\w*)\b[^,;]{0,160}(?=[.!]?$)")
# A state names the actor only as the subject of a deployment verb ("Russia has sent").
STATE_VERB = re.compile(
    r"^(?:\s+\w+){0,3}?\s+(?:has|had|have|is|was|still|also|officially|официально|уже|a|avait)?\s*"
    r"(?:sent|send\w*|deploy\w*|keeps?|kept|moved|moving|begun moving|began moving|stationed|maintains?|has troops|"
    r"dispatched|flew|flown|transferred|направил\w*|отправил\w*|перебросил\w*|разместил\w*|держит|"
    r"перебрасыва\w*|направля\w*|отправля\w*|размеща\w*|"
    r"a envoyé|envoie|déploie|a déployé|maintient)\b",
    re.IGNORECASE,
)
# "Wagner fighters in Libya", "instructeurs russes au Mali": the actor phrase itself placed.
ACTOR_IN = re.compile(r"^\W{0,2}(?:\w+\s+){0,2}?(?:in|inside|au|aux|en|à|в|во|на)\s+(?:\w+\s+)?$", re.IGNORECASE)
LIST_GAP = re.compile(r"^\s*(?:,|and|et|и|or|ou|,\s*and|,\s*et)\s*(?:the\s+|la\s+|le\s+|l'|les\s+)?$", re.IGNORECASE)
# A country that takes the actor in: "Burkina Faso welcomed Russian instructors", "Mali hired Wagner".
HOST = _rx(r"host\w*", r"welcom\w*", r"received", r"hired", r"brought in", r"turned to", r"called in",
           r"invited", r"rel(?:y|ies|ied|ying) (?:\w+ )?on", r"depend(?:s|ed|ing)? (?:\w+ )?on", r"s'appui\w* sur",
           r"опира\w* на", r"accueill\w*", r"fait appel", r"a recruté", r"пригласил\w*", r"принял\w*", r"нанял\w*")
# "the CAR's northeast": part of a country; leaving it is not leaving the country.
PART_OF = re.compile(r"^(?:'s|’s)\s+(?:far\s+)?(?:north|south|east|west|north-?east|north-?west|south-?east|"
                     r"south-?west|centre|center|interior|border|frontier|coast)\b", re.I)
# The same men named as another actor: "these instructors are in fact employed by Wagner companies".
IDENTITY = _rx(r"employed by", r"work(?:ing)? for", r"members of", r"identif\w* (?:\w+ ){0,4}as", r"linked to",
               r"identifi\w* comme", r"les identifient", r"identify them", r"identified them",
               r"in fact", r"actually", r"employés par", r"en réalité", r"liées? (?:au|à)", r"membres d\w*",
               r"связанн\w*", r"на самом деле", r"являются", r"сотрудник\w*")
# A request reported as done ("had asked Russia and Wagner to provide military instructors"):
# the pluperfect tells the reader it was answered. "Has asked ... for help" stays a plan.
REQUEST_DONE = re.compile(
    r"\bhad\s+(?:in\s+turn\s+|also\s+|already\s+)?(?:asked|invited|requested|called\s+on)\s+"
    r"(?P<who>[^.;]{1,60}?)\s+to\s+(?:provide|send|deploy|supply|dispatch)\b[^.;]{0,40}?"
    r"\b(?:instructors|troops|advisers|advisors|soldiers|fighters|forces|specialists|trainers|personnel)\b",
    re.IGNORECASE,
)
