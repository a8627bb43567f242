"""Presence rules, one behaviour per case, on sentences written for these tests."""

from __future__ import annotations

import json
import re

import pytest

from geo.extract import extract
from news.actors import ActorConfigError, parse_actors
from news.models import Article
from news.presence import find_claims
from tests.presence_claims import claims

# the rules' own cases: the learned layer is measured over the labelled sets (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # plain deployment, each actor, each language
        ("Several hundred Wagner fighters arrived in Mali last month.", "en", {("wagner", "MLI", "present")}),
        ("Russian military instructors are training soldiers in Niger.", "en", {("russia", "NER", "present")}),
        ("The Africa Corps keeps a garrison in Burkina Faso.", "en", {("russia", "BFA", "present")}),
        ("Des instructeurs russes sont déployés en Centrafrique depuis 2018.", "fr", {("russia", "CAF", "present")}),
        ("Les mercenaires du groupe Wagner combattent au Mali.", "fr", {("wagner", "MLI", "present")}),
        ("Бойцы ЧВК «Вагнер» охраняют золотые рудники в Судане.", "ru", {("wagner", "SDN", "present")}),
        ("Российские военные инструкторы прибыли в Буркина-Фасо.", "ru", {("russia", "BFA", "present")}),
        # a state as subject of a deployment verb
        ("Moscow has sent 200 more instructors to the Central African Republic.", "en", {("russia", "CAF", "present")}),
        # a city names the country and the place
        ("Wagner mercenaries were seen at the airport in Bamako.", "en", {("wagner", "MLI", "present")}),
        # demonym with a companion word
        ("Wagner units fought alongside Libyan troops loyal to Haftar.", "en", {("wagner", "LBY", "present")}),
        # departures
        ("The last Russian troops have left Kazakhstan.", "en", {("russia", "KAZ", "ended")}),
        ("Wagner withdrew from Mozambique after heavy losses.", "en", {("wagner", "MOZ", "ended")}),
        ("ЧВК «Вагнер» объявила об уходе из Мали.", "ru", {("wagner", "MLI", "ended")}),
        ("Le groupe Wagner a annoncé son retrait du Mali.", "fr", {("wagner", "MLI", "ended")}),
        # a move inside a country stays present
        ("Wagner fighters pulled back from the front south of Tripoli.", "en", {("wagner", "LBY", "present")}),
        # not presence: plans, conditionals, visits, denials, critics, home
        ("Russia could deploy troops to Venezuela if asked.", "en", set()),
        ("Moscow plans to send military advisers to Togo next year.", "en", set()),
        # the future is a plan, except staying on ("will remain")
        ("Russian troops will be deployed to Niger next month.", "en", set()),
        ("Les instructeurs russes vont arriver au Niger.", "fr", set()),
        ("Le groupe Wagner va se déployer au Tchad.", "fr", set()),
        ("Russian troops will remain in Syria.", "en", {("russia", "SYR", "present")}),
        ("A Russian military delegation held talks in Tripoli on Tuesday.", "en", set()),
        ("The Kremlin denied that any Russian troops were in Libya.", "en", set()),
        ("There is no sign that Wagner personnel have arrived in Niger.", "en", set()),
        ("France condemned the arrival of Wagner in Mali.", "en", {("wagner", "MLI", "present")}),
        ("Wagner fighters returned to their bases in Russia.", "en", set()),
        ("US officials said nothing about Chad.", "en", set()),
        # a host country as subject; leaving part of a country; "they" pointing back
        ("Le Burkina Faso a accueilli jeudi une centaine d'instructeurs russes.", "fr", {("russia", "BFA", "present")}),
        ("Mali hired Wagner in late 2021.", "en", {("wagner", "MLI", "present")}),
        ("Wagner pulled its fighters out of the Central African Republic's northeast.", "en",
         {("wagner", "CAF", "present")}),
        ("Wagner's men reached Mozambique in 2019. Within months they had withdrawn from the country.", "en",
         {("wagner", "MOZ", "ended")}),
        ("Russian troops invaded Ukraine in 2022.", "en", {("russia", "UKR", "present")}),
        ("Russia withdrew its military police from the Golan frontier; Moscow still keeps warships at Tartus.", "en",
         {("russia", "SYR", "present")}),
        # a border is not a location
        ("Wagner fighters clashed with rebels near Tinzaouaten, close to the border with Algeria.", "en",
         {("wagner", "MLI", "present")}),
    ],
)
def test_sentence_rules(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


def test_there_points_back_to_the_last_country() -> None:
    text = "The junta in Bamako hired foreign help. Wagner fighters have operated there since 2021."
    assert claims(text) == {("wagner", "MLI", "present")}


def test_russian_tuda_points_back() -> None:
    text = "В ЦАР неспокойно. Весной Москва направила туда пять военных инструкторов."
    assert claims(text, "ru") == {("russia", "CAF", "present")}


def test_both_african_countries_takes_the_last_two_in_africa() -> None:
    text = ("The sanctions hit firms in Bangui and a trader in Dubai; an executive also dealt with Mali's junta. "
            "Wagner fighters guard mines in both African countries, officials said.")
    assert claims(text) == {("wagner", "CAF", "present"), ("wagner", "MLI", "present")}


def test_ended_outranks_present_in_one_article() -> None:
    text = ("Wagner fighters had been working in Mozambique since 2019. "
            "By early 2020 the group had left Mozambique altogether.")
    assert claims(text) == {("wagner", "MOZ", "ended")}


def test_negated_departure_means_staying() -> None:
    text = "Российские военные из Мали не уходят."
    assert claims(text, "ru") == {("russia", "MLI", "present")}


def test_claim_carries_evidence_cue_place_and_confidence() -> None:
    text = "Reportedly, Wagner fighters are stationed in Bangui."
    art = Article("a1", None, "", "", None, "en", text, "test")
    (claim,) = find_claims(art, extract(text, "en"))
    assert claim.evidence == text
    assert "Wagner" in claim.cue and "station" in claim.cue
    assert claim.place == "Bangui" and claim.iso3 == "CAF"
    assert claim.rules == "locative-cue+hedged"
    # the confidence is the rate at which its rule's claims were right on the labelled sets
    from news.presence import learned_confidences

    assert claim.confidence == round(learned_confidences()["locative-cue"], 3) and 0.5 < claim.confidence < 1


def test_user_defined_actor_needs_no_code() -> None:
    cfg = parse_actors('''
[anaphora]
phrases = ["the legionnaires"]
[legion]
label = "Foreign Legion"
colour = "#00aa00"
home = ["FRA"]
names = ["Foreign Legion"]
''')
    text = "The Foreign Legion is deployed in Djibouti. It also trains soldiers in France."
    art = Article("x", None, "", "", None, "en", text, "test")
    got = {(c.actor, c.iso3, c.status) for c in find_claims(art, extract(text, "en"), cfg)}
    assert got == {("legion", "DJI", "present")}


@pytest.mark.parametrize("bad", ["[x]\ncolour = 'red'\nnames=['X']", "not toml [", "[Bad Key]\nnames=['x']", ""])
def test_bad_actor_file_is_a_clear_error(bad: str) -> None:
    with pytest.raises(ActorConfigError):
        parse_actors(bad)


def test_a_user_defined_actor_site_places_it_with_the_sites_point() -> None:
    """A site in the actor file puts its actor in the site's country, at the site's point."""
    cfg = parse_actors('''
[legion]
colour = "#00aa00"
home = ["FRA"]
names = ["Foreign Legion"]
[[legion.facilities]]
site = "Camp Lemonnier annex"
iso3 = "DJI"
point = [11.547, 43.155]
names = ["Lemonnier annex"]
''')
    text = "Aid flights now land beside the Lemonnier annex."
    art = Article("x", None, "", "", None, "en", text, "test")
    (claim,) = find_claims(art, extract(text, "en"), cfg)
    assert (claim.actor, claim.iso3, claim.status, claim.rules) == ("legion", "DJI", "present", "facility")
    assert (claim.place, claim.lat, claim.lon, claim.cue) == ("Camp Lemonnier annex", 11.547, 43.155, "Lemonnier annex")


def test_every_site_point_lies_in_its_country() -> None:
    """A site's point is where the map draws its claim: it must fall inside the country it names
    (a wrong sign or swapped pair would put Tartus in the sea or Kant in China)."""
    from shapely.geometry import Point, shape

    from geo import paths
    from news.actors import load_config

    with open(paths.ROOT / "data" / "countries.geojson", encoding="utf-8") as handle:
        shapes = {f["properties"]["iso3"]: shape(f["geometry"]) for f in json.load(handle)["features"]}
    sites = [(f.site, f.iso3, f.lat, f.lon) for a in load_config().actors.values() for f in a.facilities]
    assert sites
    for site, iso3, lat, lon in sites:
        assert shapes[iso3].buffer(0.05).contains(Point(lon, lat)), site


@pytest.mark.parametrize(("bad", "says"), [
    ("iso3 = 'Syria'\npoint = [35.4, 35.9]\nnames = ['Hmeimim']", "iso3 must be three capital letters"),
    ("iso3 = 'SYR'\npoint = [135.4, 35.9]\nnames = ['Hmeimim']", "point must be [lat, lon]"),
    ("iso3 = 'SYR'\npoint = [35.4, 35.9]", "needs names"),
])
def test_a_bad_site_names_its_table_and_field(bad: str, says: str) -> None:
    with pytest.raises(ActorConfigError, match=r"\[\[x\.facilities\]\] number 1 \(Hmeimim air base\) " + re.escape(says)):
        parse_actors(f"[x]\nnames = ['X']\n[[x.facilities]]\nsite = 'Hmeimim air base'\n{bad}\n")


def test_men_named_as_another_actor_inherit_its_places() -> None:
    text = ("Russian instructors have been training the army in Mali since January. "
            "Investigators say these instructors are in fact employed by firms linked to Wagner.")
    assert claims(text) == {("russia", "MLI", "present"), ("wagner", "MLI", "present")}


def test_french_seen_beside_local_forces() -> None:
    text = "Des mercenaires de Wagner ont été aperçus à Bangui au côté des forces armées centrafricaines."
    assert claims(text, "fr") == {("wagner", "CAF", "present")}


def test_agreement_without_deployment_is_not_presence() -> None:
    text = ("Le Niger et la Russie ont signé un accord de coopération militaire. "
            "Aucun soldat russe n'est pour l'instant déployé dans le pays, selon Niamey.")
    assert claims(text, "fr") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contractors flew into Venezuela amid US-backed protests to guard the president.",
         set()),  # no actor named: nothing
        ("Wagner fighters flew into Venezuela amid US-backed protests.", {("wagner", "VEN", "present")}),
        ("Wagner is helping rebels recruit fighters in a plot against the government of Chad.", set()),
        ("They discussed security on the Tajik-Afghan border, where Russia keeps a military base.", set()),
    ],
)
def test_modifiers_states_and_borders_are_not_places(text: str, expected: set) -> None:
    assert claims(text) == expected


def test_inflected_multiword_actor_name() -> None:
    text = "Каналы «Африканского корпуса» сообщили, что корпус остаётся в Мали."
    assert claims(text, "ru") == {("russia", "MLI", "present")}


# Rules added after the challenge set (tests/fixtures/challenge.jsonl) showed them missing;
# the sentences here are new, not the set's.
CHALLENGE_1_CASES = [
        # a framing clause ("The visit comes as ...", ", as ...") keeps its visit or plan to itself
        ("The minister's visit comes as about 800 Wagner fighters are deployed in Libya.", "en",
         {("wagner", "LBY", "present")}),
        ("Wagner fighters were battling for the town of Bakhmut in Ukraine, as Moscow sought a quick win.", "en",
         {("wagner", "UKR", "present")}),
        ("Cette visite intervient après le départ de Wagner de la Centrafrique.", "fr", {("wagner", "CAF", "ended")}),
        # the one who leaves is the actor named with the departure, not another in the clause
        ("Le départ de Wagner du Mali, dont les missions reviennent à l'Africa Corps, est confirmé.", "fr",
         {("wagner", "MLI", "ended")}),
        # the actor's own men placed, with no other cue, and the list after them
        ("The Africa Corps now has military advisers in Chad, Niger and Mali.", "en",
         {("russia", "TCD", "present"), ("russia", "NER", "present"), ("russia", "MLI", "present")}),
        ("Российские военные базы в Таджикистане и Армении получат новую технику.", "ru",
         {("russia", "TJK", "present"), ("russia", "ARM", "present")}),
        # departure from "the country" beside the places of the fighting before it
        ("In Mozambique, Wagner mercenaries, who left the country in 2020, had been ambushed near Macomia.", "en",
         {("wagner", "MOZ", "ended")}),
        # talks, permissions and delegations are not presence
        ("Moscow has discussed sending instructors to Guinea.", "en", set()),
        ("Parliament voted to authorise Russian troops to enter Nicaragua for drills.", "en", set()),
        ("Министр обороны России прибыл в Пхеньян во главе военной делегации.", "ru", set()),
        # fighting verbs
        ("Russian instructors helped Central African troops retake the town of Bria.", "en",
         {("russia", "CAF", "present")}),
        ("Russian forces pushed across the border into Ukraine's Kharkiv region.", "en", {("russia", "UKR", "present")}),
        # "cette zone" points back like "le pays"
        ("Des instructeurs russes sont arrivés au Tchad. Ils sont présents dans cette zone depuis mai.", "fr",
         {("russia", "TCD", "present")}),
]


def test_the_region_points_back_to_a_region_not_a_country() -> None:
    text = ("Explosions shook Transnistria, Moldova's breakaway strip, near Ukraine. "
            "About 1,500 Russian troops are stationed in the region.")
    assert claims(text) == {("russia", "MDA", "present")}
    assert claims("Mali held elections. Wagner fighters are active in the region.") == set()


def test_russian_dash_identity_gives_the_named_actor_the_same_places() -> None:
    text = ("В Мали прибыли российские военные инструкторы. "
            "По данным журналистов, многие из этих людей — сотрудники ЧВК «Вагнер».")
    assert claims(text, "ru") == {("russia", "MLI", "present"), ("wagner", "MLI", "present")}


# Rules added after the second challenge set (longer wire copy); new sentences again.
CHALLENGE_2_CASES = [
        # "the same network" points back at the actor named before
        ("Consultants linked to Prigozhin worked in Madagascar. Officials say the same network runs mining "
         "operations in Sudan.", "en", {("wagner", "MDG", "present"), ("wagner", "SDN", "present")}),
        # a comment on the report is not the article's own denial
        ("Moscow had deployed warplanes to Jufra, a claim the Russian Defence Ministry has not addressed.", "en",
         {("russia", "LBY", "present")}),
        ("Des paramilitaires de Wagner occupent une base à Bambari, ce que Moscou dément.", "fr",
         {("wagner", "CAF", "present")}),
        # a state after a preposition is not the one acting; "Russia's air base" is its forces
        ("Contractors who work for Russia have flown into Sudan.", "en", set()),
        ("The bombers landed at Hmeimim, Russia's air base in Syria.", "en", {("russia", "SYR", "present")}),
        # another country's force between the actor and the place is the one placed there
        ("Wagner arrived in 2021, long before Chinese troops were moved to Niger.", "en", set()),
        ("Government forces backed by Russian instructors and Rwandan troops retook the town of Bria.", "en",
         {("russia", "CAF", "present")}),
        # a speaker stays a speaker as the next item of a list
        ("Wagner keeps fighters in Sudan, and U.S. officials say it also guards mines there.", "en",
         {("wagner", "SDN", "present")}),
        # French elided conjunctions split clauses (Libya is not Wagner's); guarding the CAR's
        # president puts Wagner in the CAR; "la capitale" points back to the dateline's city
        ("Au nord, en Libye, l'Africa Corps dispose de bases, tandis qu'au sud les hommes de Wagner "
         "protègent le président centrafricain.", "fr", {("russia", "LBY", "present"), ("wagner", "CAF", "present")}),
        ("BANGUI — Des militaires russes seraient arrivés cette semaine dans la capitale.", "fr",
         {("russia", "CAF", "present")}),
        # plans and things only purported
        ("The Africa Corps has begun recruiting for a future deployment in Togo.", "en", set()),
        ("Images that purported to show Russian soldiers landing in Guinea were old.", "en", set()),
        ("Документ предусматривает заходы российских военных кораблей в порт Ломе.", "ru", set()),
        # the country across a border is not "the country"
        ("Бойцы «Вагнера» попали в засаду у границы с Алжиром. Это крупнейшие потери с начала работы в стране.",
         "ru", set()),
        # French patrols and military police; "the peninsula" back to Crimea
        ("La police militaire russe patrouille dans le nord de la Syrie.", "fr", {("russia", "SYR", "present")}),
        ("Armed men seized airports in Crimea. Russia has sent 6,000 more troops to the peninsula.", "en",
         {("russia", "UKR", "present")}),
        # going home is leaving; "la Russie conserve sa base aérienne de Hmeimim" keeps it there
        ("Wagner said its fighters were going home from Mali.", "en", {("wagner", "MLI", "ended")}),
        ("La Russie conserve pour l'instant sa base aérienne de Hmeimim.", "fr", {("russia", "SYR", "present")}),
        # where men come from is not where they are; leaving from stays a departure
        ("В рядах армии Хафтара воюют наёмники из Судана.", "ru", set()),
        ("The withdrawal of Russian troops from Mali was completed.", "en", {("russia", "MLI", "ended")}),
        # ", et qu'au sud ..." is a clause of its own (Libya is not Wagner's, the guarded president's
        # country is); "here" in a datelined story points to the dateline
        ("Au nord, en Libye, l'Africa Corps dispose de bases, et qu'au sud les hommes de Wagner protègent "
         "le président centrafricain.", "fr", {("russia", "LBY", "present"), ("wagner", "CAF", "present")}),
        ("NIAMEY — \"The Russian instructors are here to train our soldiers,\" an officer said.", "en",
         {("russia", "NER", "present")}),
        ("NIAMEY — \"The Russian instructors are here to train us, not to fight for us,\" he said.", "en",
         {("russia", "NER", "present")}),
]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wagner has fought in Mali since 2021. Since the departure of Wagner's fighters, the Africa Corps "
         "has been the only Russian force deployed in the country.", "en"),
        ("Les combattants de Wagner sont arrivés au Mali en 2021. Depuis le départ des combattants de Wagner, "
         "l'Africa Corps est le seul contingent russe déployé dans le pays.", "fr"),
        ("Бойцы «Вагнера» воевали в Мали. После ухода «Вагнера» российские военные остаются в стране.", "ru"),
    ],
)
def test_the_actor_of_a_departure_left_the_country_pointed_to(text: str, lang: str) -> None:
    assert claims(text, lang) == {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}


CHALLENGE_3_CASES = [
        # taking or holding a place puts the force in it
        ("Wagner fighters captured Kidal.", "en", {("wagner", "MLI", "present")}),
        ("Wagner fighters control Bambari.", "en", {("wagner", "CAF", "present")}),
        ("Les hommes de Wagner contrôlent Bambari.", "fr", {("wagner", "CAF", "present")}),
        ("Бойцы Вагнера захватили Пальмиру.", "ru", {("wagner", "SYR", "present")}),
        ("Ukrainian forces recaptured Kherson.", "en", set()),
        # Russian air force, personnel and the present tense of sending; a base named by its place
        ("Россия перебрасывает технику и личный состав в Ливию.", "ru", {("russia", "LBY", "present")}),
        ("Российская авиация наносит удары в Сирии.", "ru", {("russia", "SYR", "present")}),
        ("Российская авиация с базы Хмеймим наносит удары.", "ru", {("russia", "SYR", "present")}),
        ("Москва направляет военных в Мали.", "ru", {("russia", "MLI", "present")}),
        # training a country's own forces puts the trainers there
        ("Russian instructors train Malian soldiers.", "en", {("russia", "MLI", "present")}),
        ("Russian instructors have been training soldiers of the Central African Republic.", "en",
         {("russia", "CAF", "present")}),
        ("Российские инструкторы обучают военнослужащих центральноафриканской армии.", "ru",
         {("russia", "CAF", "present")}),
        # a plan after the place does not undo it; a plan before it still does
        ("Russian instructors have arrived in Niger with a radar they will install.", "en",
         {("russia", "NER", "present")}),
        ("Wagner fighters in Libya could be sent to Sudan.", "en", {("wagner", "LBY", "present")}),
        ("Russia could deploy instructors to Mali.", "en", set()),
]


CHALLENGE_4_CASES = [
        # where something was said, and an institution named after its city, are not where the men are
        ("Hundreds of Wagner Group fighters remain at the Al Jufra air base, Chad Whitaker, a researcher at a "
         "Washington think tank, told a conference in Rome on Wednesday.", "en", {("wagner", "LBY", "present")}),
        # staying on is not a plan, and an effect denied is not a stay denied
        ("Wagner said its fighters had pulled out of Mali. A source said the Africa Corps would continue to "
         "operate there and was not affected by the decision.", "en",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        ("The departure does not affect the Russian military instructors, who arrived in Ouagadougou in January.",
         "en", {("russia", "BFA", "present")}),
        ("Wagner fighters are not in Mali.", "en", set()),
        # a state that has its forces somewhere
        ("Moscow already has military instructors in neighbouring Mali and Burkina Faso.", "en",
         {("russia", "MLI", "present"), ("russia", "BFA", "present")}),
        ("Russia has close ties with Mali.", "en", set()),
        # beyond the borders, and "to" that is no destination
        ("Africa Corps personnel are stationed at an old air base near the borders with Chad and Sudan.", "en", set()),
        ("Israel has lobbied Washington to let Russia keep its bases as a counterweight to Turkey.", "en", set()),
        # a stay said to be over
        ("Сама ЧВК в Ливии больше не работает.", "ru", {("wagner", "LBY", "ended")}),
        ("Wagner no longer operates in Libya.", "en", {("wagner", "LBY", "ended")}),
        ("Les paramilitaires de Wagner ne sont plus déployés en Libye.", "fr", {("wagner", "LBY", "ended")}),
        ("Il ne reste plus que cent hommes de Wagner au Mali.", "fr", {("wagner", "MLI", "present")}),
        # "страну" and "les derniers paramilitaires" point back
        ("Ранее в Сирии работали бойцы ЧВК «Вагнер», однако они покинули страну в 2023 году.", "ru",
         {("wagner", "SYR", "ended")}),
        ("Les hommes de Wagner sont arrivés en Biélorussie. Les derniers paramilitaires ont quitté la Biélorussie.",
         "fr", {("wagner", "BLR", "ended")}),
        # a mission completed, a withdrawal "from there", a clause that opens on the place left
        ("Частная военная компания «Вагнер» завершила свою миссию в Мали и вывела оттуда своих бойцов.", "ru",
         {("wagner", "MLI", "ended")}),
        ("В Мали «Вагнер» на прошлой неделе объявил о завершении миссии и вывел своих бойцов.", "ru",
         {("wagner", "MLI", "ended")}),
        # where they went is not what they left
        ("Wagner mercenaries left Mali for Libya.", "en", {("wagner", "MLI", "ended")}),
        # a meeting frames the report; what follows "que" is still reported
        ("Le président a affirmé, lors d'une rencontre à Washington, que des mercenaires du groupe Wagner étaient "
         "déployés au Burkina.", "fr", {("wagner", "BFA", "present")}),
        ("Lors d'une visite à Bamako, le ministre a rencontré des instructeurs russes.", "fr", set()),
        # a state that keeps forces somewhere, said in a relative clause
        ("La Russie, qui maintient encore des forces sur la base aérienne de Hmeimim, cherche d'autres appuis.", "fr",
         {("russia", "SYR", "present")}),
        ("Les unités régulières russes déployées sur les flancs sud de Bakhmout ont perdu du terrain.", "fr",
         {("russia", "UKR", "present")}),
        # someone else's departure, dated by the actor's arrival
        ("France, which pulled its last troops out of Mali last August after the arrival of Wagner, pushed for "
         "the listings.", "en", set()),
        # "where" after a list of places points at all of them
        ("Similar teams are working in the Central African Republic and Sudan, where Wagner contractors also train "
         "the armed forces.", "en", {("wagner", "CAF", "present"), ("wagner", "SDN", "present")}),
        # a company named after its description says who the men are
        ("Сотрудники российской частной военной компании «Редут» продолжают охранять объекты в Сирии.", "ru", set()),
        ("Сотрудники российской частной военной компании «Вагнер» охраняют объекты в Сирии.", "ru",
         {("wagner", "SYR", "present")}),
        # the one leaving is the one the relative pronoun follows; the other took over
        ("Au Mali, l'Africa Corps a pris le relais des paramilitaires de Wagner, qui ont quitté le pays en juin. "
         "Les derniers soldats français ont quitté le Niger.", "fr",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        # the pointer a leaving cue governs, not the first one in the clause
        ("Wagner a longtemps opéré à Madagascar. En 2018, des consultants liés à Wagner y avaient travaillé pendant des mois, "
         "avant de quitter le pays.", "fr", {("wagner", "MDG", "ended")}),
        # a base left or closed, located by its country after a comma
        ("La Russie a quitté la base navale de Cam Ranh, au Vietnam, en 2002, et a fermé la même année le centre "
         "d'écoute de Lourdes, à Cuba.", "fr", {("russia", "VNM", "ended"), ("russia", "CUB", "ended")}),
        ("En Azerbaïdjan, les soldats de la paix russes ont quitté le Haut-Karabakh en 2024.", "fr",
         {("russia", "AZE", "ended")}),
        ("En Géorgie, Moscou maintient des troupes dans les régions séparatistes d'Abkhazie et prévoit d'ouvrir un "
         "point d'appui naval.", "fr", {("russia", "GEO", "present")}),
        # an actor placed "in the country" is where the country pointed to is
        ("Mali hired Wagner in 2021. Some 1,000 Russian instructors in the country now train its army.", "en",
         {("wagner", "MLI", "present"), ("russia", "MLI", "present")}),
        # "ils y sont": the French "they" counts when it says they are there
        ("Les hommes de Wagner ont repris Bambari. Ils y sont toujours.", "fr", {("wagner", "CAF", "present")}),
        ("Les hommes de Wagner ont quitté Bambari. Ils disent que la ville est calme.", "fr", set()),
        # an agreement on a base is a plan for one
        ("Khartoum et la Russie étaient parvenus à un « accord total » sur l'installation d'une base navale russe "
         "à Port-Soudan.", "fr", set()),
        ("Sudan and Russia reached an agreement on a Russian naval base in Port Sudan.", "en", set()),
        # an actor or a cue inside the plan is no presence
        ("Mali could host Russian troops.", "en", set()),
        ("In Mali, Russia could deploy troops.", "en", set()),
        ("À Bangui, les paramilitaires de Wagner protègent le président, malgré les pressions de Moscou pour que "
         "l'Africa Corps prenne le relais.", "fr", {("wagner", "CAF", "present")}),
]


CHALLENGE_5_CASES = [
        # a negation after the departure does not undo it; one before it does
        ("Wagner left Cabo Delgado within months in 2020 after deadly ambushes, and has never returned.", "en",
         {("wagner", "MOZ", "ended")}),
        ("Wagner fighters did not leave Mali.", "en", {("wagner", "MLI", "present")}),
        ("Бойцы Вагнера не ушли из Мали.", "ru", {("wagner", "MLI", "present")}),
        # a preposition that governs another noun, a country's own contingents, a road to a country
        ("Arrivé fin 2021, au moment où la France réduisait son dispositif, Wagner a été associé à des exactions.",
         "fr", set()),
        ("Помимо российских военных, в миссии участвовали контингенты Белоруссии и Армении.", "ru", set()),
        ("About 1,500 Wagner personnel guard the president and escort lorries on the road to Cameroon.", "en", set()),
        ("Последние самолёты с российскими десантниками вылетели из Казахстана.", "ru", {("russia", "KAZ", "ended")}),
        # leaving "the province" is leaving the region named before it
        ("Russian private military contractors hired to fight insurgents in Cabo Delgado have pulled out of the "
         "province after heavy losses.", "en", {("wagner", "MOZ", "ended")}),
        # "du pays" points back, past the capital that speaks
        ("À Bamako, la junte assure que le pays ne sera pas seul. Paris et ses partenaires affirment que plusieurs "
         "centaines d'hommes du groupe Wagner sont déployés dans le centre du pays.", "fr",
         {("wagner", "MLI", "present")}),
]


@pytest.mark.parametrize(("text", "lang", "expected"),
                         CHALLENGE_1_CASES + CHALLENGE_2_CASES + CHALLENGE_3_CASES + CHALLENGE_4_CASES
                         + CHALLENGE_5_CASES)
def test_challenge_rules(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # another company, named and described: neither it nor "its fighters" is Wagner
        ("Bear, a small Russian private military company, said on Thursday it was withdrawing its "
         "fighters from Burkina Faso.", "en", set()),
        ("Wagner fighters are in Mali. Redut, another Russian private military company, said its "
         "fighters had left Syria.", "en", {("wagner", "MLI", "present")}),
        # the description of Wagner itself, or of no one named, still names Wagner
        ("Wagner, a Russian private military company, said it was withdrawing its fighters from Mali.",
         "en", {("wagner", "MLI", "ended")}),
        ("On Thursday, a Russian private military company said it was withdrawing its fighters from Mali.",
         "en", {("wagner", "MLI", "ended")}),
        ("Yesterday, a Russian private military company said it was withdrawing its fighters from Mali.",
         "en", {("wagner", "MLI", "ended")}),
        ("Monday, a Russian private military company said it was withdrawing its fighters from Mali.",
         "en", {("wagner", "MLI", "ended")}),
        # "ЧВК" is Wagner unless another company's name follows it
        ("Бойцы ЧВК «Редут» воюют в Сирии.", "ru", set()),
        ("Бойцы ЧВК «Вагнер» воюют в Сирии.", "ru", {("wagner", "SYR", "present")}),
        ("Бойцы ЧВК воюют в Сирии.", "ru", {("wagner", "SYR", "present")}),
    ],
)
def test_other_companies_are_not_the_actor(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # an article set in one country (its dateline): a sentence with an actor at work and no
        # place is read as set there
        ("BANGUI — The government confirmed the contracts on Monday. Wagner instructors now guard "
         "the president's palace.", "en", {("wagner", "CAF", "present")}),
        # ... or a country named twice before, with no other
        ("Mali's junta met on Monday. Mali's army chief spoke first. Russian instructors now train "
         "recruits at a camp outside the town.", "en", {("russia", "MLI", "present")}),
        ("БАНГИ — Правительство подтвердило контракты. Бойцы ЧВК «Вагнер» охраняют президентский "
         "дворец.", "ru", {("wagner", "CAF", "present")}),
        # named once, not in a dateline: too thin to set the article there
        ("Officials in Chad said little. Russian instructors train recruits at a camp outside the town.",
         "en", set()),
        # two countries named: which one is unknown
        ("NIAMEY — Talks with Mali went on. Russian instructors train recruits at a camp outside the town.",
         "en", set()),
        # a question, a wider area, a plan: not set anywhere
        ("NIAMEY — Officials were asked about it. Will Russian instructors arrive soon?", "en", set()),
        ("NIAMEY — Officials were asked about it. Russian instructors operate across the continent.", "en",
         set()),
        ("NIAMEY — Officials were asked about it. Rumours spoke of the imminent arrival of Russian "
         "instructors.", "en", set()),
        # the actor of a departure noun left the country, whatever it did before
        ("MAPUTO — The contract follows the withdrawal of Wagner mercenaries, who arrived last year.",
         "en", {("wagner", "MOZ", "ended")}),
    ],
)
def test_an_article_set_in_one_country_places_the_actor_there(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # leaving positions inside a country is a move within it: present (GUIDE)
        ("Russian troops left their positions in northern Syria on Monday.", "en", {("russia", "SYR", "present")}),
        ("Российские военные покидают позиции на северо-востоке Сирии.", "ru", {("russia", "SYR", "present")}),
        ("Les soldats russes ont quitté leurs positions dans le nord de la Syrie.", "fr",
         {("russia", "SYR", "present")}),
        # leaving the country itself is still a departure
        ("Russian troops left Syria on Monday.", "en", {("russia", "SYR", "ended")}),
    ],
)
def test_leaving_positions_inside_a_country_is_presence(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a negated later verb, coordinated after the stay, does not undo it
        ("Russian instructors arrived in Niger in April and do not mix with American forces.", "en",
         {("russia", "NER", "present")}),
        ("Российские военные прибыли в Мали и не участвуют в боях.", "ru", {("russia", "MLI", "present")}),
        # a negation before the stay, or not coordinated, still does
        ("Russian instructors have not arrived in Niger.", "en", set()),
        ("Российских военных в Мозамбике нет.", "ru", set()),
        ("Officials in Niamey said that no Wagner fighters operate there.", "en", set()),
        # "next to" a city is in its country; next to a country is not in it
        ("Russian troops moved into a base next to Niamey's airport.", "en", {("russia", "NER", "present")}),
        ("Wagner fighters are based in a camp next to Algeria.", "en", set()),
        # a country that relies on the actor hosts it, also as the subject of a relative clause
        ("Mali relies on Russian instructors.", "en", {("russia", "MLI", "present")}),
        ("Niger's rulers moved closer to Moscow, following Mali and Burkina Faso, which also rely on "
         "Russian instructors.", "en", {("russia", "MLI", "present"), ("russia", "BFA", "present")}),
        ("Le Mali s'appuie sur des instructeurs russes.", "fr", {("russia", "MLI", "present")}),
    ],
)
def test_coordinated_negation_next_to_and_reliance(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # departures told without a verb of leaving a place
        ("Wagner fought in Syria for years. Over the summer the group wound down its operations in the "
         "country.", "en", {("wagner", "SYR", "ended")}),
        ("Бойцы ЧВК «Вагнер» жили в Белоруссии. ЧВК свернула деятельность в этой стране.", "ru",
         {("wagner", "BLR", "ended")}),
        # numbers winding down are not a departure
        ("Several hundred Wagner contractors remain in Libya, though their numbers have been winding down.",
         "en", {("wagner", "LBY", "present")}),
        # a departure with no object, in an article set in one country
        ("Les paramilitaires de Wagner sont arrivés au Mali en 2021. Ils ont combattu au Mali. Wagner a plié "
         "bagage en juin.", "fr", {("wagner", "MLI", "ended")}),
        ("BAMAKO — The last Wagner fighters left in October.", "en", {("wagner", "MLI", "ended")}),
        # ... but "they left" may be a move within it (GUIDE): no departure from a pronoun
        ("TRIPOLI — Wagner fighters pulled back to Jufra in Libya. \"They left in a hurry,\" an official said.",
         "en", {("wagner", "LBY", "present")}),
    ],
)
def test_departures_without_a_place_verb(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a fronted place and a departure with no object after a presence cue: ended there
        ("In Kazakhstan, Russian troops sent to help quell unrest had gone home within a fortnight.", "en",
         {("russia", "KAZ", "ended")}),
        # leaving the capital (pointed to) is a move inside; being told to leave is an order
        ("In Armenia, the base in Gyumri still hosts Russian soldiers, but Yerevan has told Russian border "
         "guards to leave the capital's airport by August.", "en", {("russia", "ARM", "present")}),
        # another country's troops beside the actor in a named place are not a place of their own
        ("Russian instructors have been working in Niger, where they shared an airbase in Niamey with "
         "American troops.", "en", {("russia", "NER", "present")}),
        ("Wagner units fought alongside Libyan troops loyal to Haftar.", "en", {("wagner", "LBY", "present")}),
    ],
)
def test_fronted_departures_city_pointers_and_foreign_companions(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a pointing phrase with one actor's own noun goes to that actor, once it has been named
        ("In Mali, Wagner fighters are the junta's main partner. Russian military instructors have also been "
         "working in Niger. In Libya, the mercenaries still hold the Jufra air base.", "en",
         {("wagner", "MLI", "present"), ("russia", "NER", "present"), ("wagner", "LBY", "present")}),
        # ... not before: then it is the last actor's
        ("Russian military instructors have been working in Niger. In Libya, the troops still hold the Jufra "
         "air base.", "en", {("russia", "NER", "present"), ("russia", "LBY", "present")}),
        # what follows a colon tells about the country the sentence opens on
        ("The Central African Republic remains the group's showcase: Wagner men guard President Touadéra.",
         "en", {("wagner", "CAF", "present")}),
        ("Officials in Chad have one worry: Wagner men guard President Touadéra.", "en", set()),
    ],
)
def test_own_nouns_and_colon_topics(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a place that belongs to another noun or another event, before the actor
        ("The Treasury sanctioned companies in the United Arab Emirates that traded gold to finance the Wagner "
         "Group's operations.", "en", set()),
        ("The jets reached Jufra after flying from Russia and stopping at the Russian air base at Hmeimim in "
         "Syria.", "en", {("russia", "SYR", "present")}),
        # ... but a fronted place, or one a speaker's "that" follows, stays the actor's
        ("In Mali, officials say that Wagner fighters operate near Gao.", "en", {("wagner", "MLI", "present")}),
        # a transit point is not a place of stay
        ("Several hundred contractors of the Wagner Group flew to Caracas via Havana to guard the president.",
         "en", {("wagner", "VEN", "present")}),
        # a deal to bring the actor in is a plan
        ("The military authorities there had struck a deal to bring in Wagner Group fighters.", "en", set()),
    ],
)
def test_places_of_other_nouns_transit_and_deals(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a question asserts nothing, but its actor is the one later pronouns point to
        ("Остались ли вагнеровцы в Белоруссии?", "ru", set()),
        ("Will Wagner fighters stay in Mali? Officials in Bamako say they remain there.", "en",
         {("wagner", "MLI", "present")}),
        # the armed forces by their Russian acronym; the capital by its country's adjective
        ("Штурмовые отряды ВС РФ зачищают промзону в Авдеевке.", "ru", {("russia", "UKR", "present")}),
        ("ТРИПОЛИ — Российские наёмники, воевавшие на южных окраинах ливийской столицы, отошли к Бени-Валиду.",
         "ru", {("wagner", "LBY", "present")}),
        # escorting is a presence cue; "хотя" opens a clause of its own, and "там" after the actor
        # places it
        ("Бойцы ЧВК «Вагнер» сопровождают колонны в Мали.", "ru", {("wagner", "MLI", "present")}),
        ("Президент Сирии посетил Москву. Авиабаза Хмеймим продолжает работать, хотя численность российской "
         "группировки там сократилась.", "ru", {("russia", "SYR", "present")}),
    ],
)
def test_questions_acronyms_and_russian_cues(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # what leaves is named between the leaving noun and "from"
        ("Russia has completed the withdrawal of its peacekeeping contingent from the Karabakh region of "
         "Azerbaijan.", "en", {("russia", "AZE", "ended")}),
        # a mission said to be over, and going home
        ("The Wagner Group says its mission in Mali is complete and that its fighters are heading home.", "en",
         {("wagner", "MLI", "ended")}),
        # the actor named after the country left, as the one receiving positions, did not leave: it
        # is there (GUIDE: the one replacing is present)
        ("Wagner pulled its fighters out of Ukraine in June, handing its positions to regular Russian army units.",
         "en", {("wagner", "UKR", "ended"), ("russia", "UKR", "present")}),
    ],
)
def test_withdrawal_nouns_missions_over_and_who_leaves(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a coordinated verb of presence after a negated one is outside the negation
        ("Les instructeurs militaires russes ne participent pas aux opérations et restent affectés à la "
         "formation à Niamey.", "fr", {("russia", "NER", "present")}),
        ("Russian instructors are not in Mali and Niger.", "en", set()),
        # a coordinated statement of its own: the denied actor stays denied, the other is placed
        ("Les autorités de Bamako démentent toute présence de Wagner et affirment que seuls des instructeurs "
         "russes sont présents au Mali.", "fr", {("russia", "MLI", "present")}),
        # filmed there; covering polling stations; "стоят в республике" after the republic is named
        ("Des instructeurs russes ont été vus à Tombouctou. En janvier, des instructeurs russes y avaient été "
         "filmés.", "fr", {("russia", "MLI", "present")}),
        ("Референдум в ЦАР прошёл спокойно. Вагнеровцы стоят в республике с 2018 года.", "ru",
         {("wagner", "CAF", "present")}),
        ("Бойцы ЧВК «Вагнер» прикрывали избирательные участки в Банги.", "ru", {("wagner", "CAF", "present")}),
        ("Штурмовые отряды ВС РФ зачищают промзону в Авдеевке.", "ru", {("russia", "UKR", "present")}),
    ],
)
def test_negation_scope_and_more_cues(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # French and Russian words pointing back at the group and its fighters
        ("Wagner a annoncé la fin de sa mission au Mali. Le groupe reste actif en Centrafrique.", "fr",
         {("wagner", "MLI", "ended"), ("wagner", "CAF", "present")}),
        ("Les paramilitaires de Wagner sont arrivés au Mali en 2021. Les derniers combattants ont quitté le pays "
         "ces derniers jours.", "fr", {("wagner", "MLI", "ended")}),
        # a claim the article calls false is denied in its own voice
        ("Claims that Russia had opened a base in Togo are false.", "en", set()),
        # the one handed the positions does not leave
        ("Бойцы ЧВК «Вагнер» воевали в Мали. ЧВК свернула деятельность в этой стране, передав позиции "
         "Африканскому корпусу.", "ru", {("wagner", "MLI", "ended")}),
    ],
)
def test_pointing_words_false_claims_and_hand_overs(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the claim a fact check examines is not the article's assertion; "falsely" denies
        ("Claim: A video shows Wagner soldiers landing in Abidjan.", "en", set()),
        ("A similar post falsely claimed that Russian mercenaries had arrived in Senegal.", "en", set()),
        # about to, a possible dispatch: plans
        ("Des comptes affirment que des instructeurs russes s'apprêtent à prendre le relais au Tchad.", "fr", set()),
        ("The two sides agreed to study the possible dispatch of Russian instructors to Burkina Faso.", "en", set()),
        # an apposition closing the sentence hides the actor it mentions
        ("Une centaine de militaires russes sont arrivés à Ouagadougou, a annoncé l'Africa Corps, la structure "
         "créée pour reprendre les activités de Wagner en Afrique.", "fr", {("russia", "BFA", "present")}),
    ],
)
def test_fact_checks_plans_and_closing_appositions(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # pulling back from the front lines inside a country is a move within it
        ("TRIPOLI — Des centaines de mercenaires russes du groupe Wagner se sont retirés ces derniers jours des "
         "lignes de front au sud de Tripoli.", "fr", {("wagner", "LBY", "present")}),
        # "the island" points back to an island state, and "the consultants" to the last actor ("most of"
        # them leaving is a partial departure, GUIDE: present)
        ("Consultants working for Yevgeny Prigozhin spent months in Madagascar. Within weeks of the vote most "
         "of the consultants had left the island.", "en", {("wagner", "MDG", "present")}),
        ("US officials met in Washington. Wagner consultants, who arrived on the island in spring, stay.", "en",
         set()),
        # sending recruits to a front: present there
        ("Новобранцев ЧВК «Вагнер» отправляют на бахмутское направление в Донбассе.", "ru",
         {("wagner", "UKR", "present")}),
    ],
)
def test_front_lines_islands_and_consultants(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # patrolling a town's outskirts puts the force in the town's country
        ("Подразделения российской военной полиции патрулируют северо-западные окрестности Манбиджа.", "ru",
         {("russia", "SYR", "present")}),
        # the countries beyond a country's frontiers are not where its guards are
        ("Russian border troops still patrol Armenia's frontiers with Turkey and Iran.", "en",
         {("russia", "ARM", "present")}),
    ],
)
def test_patrols_and_frontiers(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the men named as another actor's by a pronoun: "identify them as", "les identifient comme"
        ("Les instructeurs russes forment l'armée en Centrafrique. Des experts de l'ONU les identifient comme "
         "des membres du groupe Wagner.", "fr", {("russia", "CAF", "present"), ("wagner", "CAF", "present")}),
        ("Russian instructors train the army in the Central African Republic. UN experts identify them as "
         "members of the Wagner Group.", "en", {("russia", "CAF", "present"), ("wagner", "CAF", "present")}),
    ],
)
def test_identity_through_a_pronoun(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


def test_pronouns_point_to_the_clause_subject_not_its_object() -> None:
    text = ("Wagner handed its positions to regular Russian troops and pulled its fighters out of Ukraine. "
            "Several thousand of them moved into a tent camp in Belarus, where they now train local units.")
    assert claims(text) == {("wagner", "UKR", "ended"), ("wagner", "BLR", "present")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # what a contrast introduces is outside the negation before it
        ("Aucun militaire russe n'est déployé au Togo, contrairement au Burkina Faso voisin, où des "
         "instructeurs de l'Africa Corps sont présents.", "fr", {("russia", "BFA", "present")}),
        ("No Russian troops are deployed in Togo, unlike in Burkina Faso, where Africa Corps instructors "
         "are present.", "en", {("russia", "BFA", "present")}),
        ("No Russian troops are deployed in Togo.", "en", set()),
    ],
)
def test_contrast_after_a_negation(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a plan far after a pointing phrase, about someone else, does not undo it
        ("Des instructeurs russes sont arrivés à Bangui en 2018, venus du groupe Wagner. Les paramilitaires ont "
         "repris aux rebelles Bambari et assurent la garde du président, réélu puis autorisé à briguer un "
         "troisième mandat.", "fr", {("russia", "CAF", "present"), ("wagner", "CAF", "present")}),
        # a plan right after it is its own
        ("Wagner fighters are in Libya. Its fighters could move to Sudan.", "en", {("wagner", "LBY", "present")}),
    ],
)
def test_a_far_plan_does_not_undo_a_pointing_phrase(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


# The classes real news showed (the presence issue), in sentences of our own.
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # an attribution tail does not make the country the speaker
        ("Wagner fighters are deployed in Mali, officials said.", "en", {("wagner", "MLI", "present")}),
        ("Russian instructors are training soldiers in Niger, said a Western diplomat.", "en",
         {("russia", "NER", "present")}),
        # ... while a country that speaks still does not host
        ("Mali officials said Wagner fighters were deployed in Burkina Faso.", "en", {("wagner", "BFA", "present")}),
        # replacement: the one replaced has left, the other is there
        ("Wagner's men were replaced by the Africa Corps in Mali.", "en",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        ("The Africa Corps replaced Wagner in Mali last year.", "en",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        ("In Libya, Wagner's contractors gave way to the Africa Corps during 2024.", "en",
         {("wagner", "LBY", "ended"), ("russia", "LBY", "present")}),
        ("Les paramilitaires de Wagner ont été remplacés par l'Africa Corps au Mali.", "fr",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        ("L'Africa Corps a pris le relais de Wagner en Libye.", "fr",
         {("wagner", "LBY", "ended"), ("russia", "LBY", "present")}),
        # a replacement only planned or demanded is nothing
        ("Moscow plans to replace Wagner with the Africa Corps in the Central African Republic.", "en", set()),
        ("Moscow has urged the government to swap Wagner for the Africa Corps in Mali.", "en", set()),
        ("Moscou a demandé à Bangui de remplacer Wagner par l'Africa Corps en Centrafrique.", "fr", set()),
        # rumours are not presence
        ("He had heard talk of moving Wagner fighters to Ukraine.", "en", set()),
        ("Des rumeurs font état de mercenaires de Wagner au Togo.", "fr", set()),
        # partial or gradual departures: still there
        ("The gradual departure of Wagner fighters from Belarus continued through the autumn.", "en",
         {("wagner", "BLR", "present")}),
        ("Some of the Russian troops left Syria in March.", "en", {("russia", "SYR", "present")}),
        ("Une partie des paramilitaires russes a quitté la Centrafrique.", "fr", {("wagner", "CAF", "present")}),
        ("Часть бойцов «Вагнера» покинула Белоруссию.", "ru", {("wagner", "BLR", "present")}),
        # ... a whole departure stays a departure
        ("The last Wagner fighters left Belarus in October.", "en", {("wagner", "BLR", "ended")}),
        # "its units", "its contractors" point back to the actor named before
        ("The Africa Corps took over from Wagner in 2024. Its units are now in Libya, Mali and Niger.", "en",
         {("russia", "LBY", "present"), ("russia", "MLI", "present"), ("russia", "NER", "present")}),
        ("Wagner is shrinking. In the Central African Republic its contractors still guard the president.", "en",
         {("wagner", "CAF", "present")}),
        # enumerations give each country the claim
        ("Moscow has sent advisers and combat troops to the Central African Republic, Mozambique, Mali, "
         "Niger and Burkina Faso.", "en",
         {("russia", c, "present") for c in ("CAF", "MOZ", "MLI", "NER", "BFA")}),
        ("Wagner, which has also operated in Libya and Syria, is now in Mali.", "en",
         {("wagner", c, "present") for c in ("LBY", "SYR", "MLI")}),
        ("«Вагнер» воевал в Сирии, затем работал в Ливии, Судане и Мали.", "ru",
         {("wagner", c, "present") for c in ("SYR", "LBY", "SDN", "MLI")}),
    ],
)
def test_classes_real_news_showed(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("Wagner fighters are deployed in Mali.", {"locative-cue"}),
        ("Wagner fighters are reportedly deployed in Mali.", {"locative-cue+hedged"}),
        ("Wagner fighters left Mali in June.", {"departure"}),
        ("Wagner arrived in Mali in 2021. Its fighters are still there.", {"locative-cue", "pointer+actor-pointer"}),
        ("The Africa Corps replaced Wagner in Mali.", {"replacement"}),
        ("The gradual departure of Wagner fighters from Belarus continued.", {"partial-departure"}),
    ],
)
def test_every_claim_names_the_rule_that_made_it(text: str, rules: set) -> None:
    art = Article("t", None, "", "", None, "en", text, "test")
    assert {c.rules for c in find_claims(art, extract(text, "en"))} == rules


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Wagner has since spread to Libya and Sudan.", "en", {("wagner", "LBY", "present"), ("wagner", "SDN", "present")}),
        ("Wagner has since expanded into Libya.", "en", {("wagner", "LBY", "present")}),
        ("Wagner first deployed in Syria. Since then the company has spread to Libya, where it fought for Haftar.",
         "en", {("wagner", "SYR", "present"), ("wagner", "LBY", "present")}),
    ],
)
def test_a_footprint_that_grew(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Африканский корпус создан в 2023 году. Его подразделения развёрнуты в Ливии и Нигере.", "ru",
         {("russia", "LBY", "present"), ("russia", "NER", "present")}),
        ("Бойцов «Вагнера» в последний год замечали в Судане.", "ru", {("wagner", "SDN", "present")}),
    ],
)
def test_russian_units_pointed_to_and_seen(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a relative clause on a place closes at its comma: what follows is not where the men are
        ("Flights rose between the bases in Libya, where Wagner fighters have been stationed since 2019, "
         "and airstrips in northern Sudan held by the RSF.", "en", {("wagner", "LBY", "present")}),
        # the place of a participle, then the men left it
        ("The last Russian paratroopers deployed to Kazakhstan flew home on Wednesday.", "en",
         {("russia", "KAZ", "ended")}),
        ("Wagner fighters sent to Mozambique in 2019 left in 2020.", "en", {("wagner", "MOZ", "ended")}),
        # ... unless only part of them did
        ("Putin ordered a significant part of the Russian contingent in Syria to start returning home.", "en",
         {("russia", "SYR", "present")}),
    ],
)
def test_relative_clauses_close_and_participles_then_departures(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Les effectifs du Corps africain déployés au Mali et au Niger sont ravitaillés par air.", "fr",
         {("russia", "MLI", "present"), ("russia", "NER", "present")}),
        ("En Syrie, le groupe Wagner est actif depuis 2015.", "fr", {("wagner", "SYR", "present")}),
        ("Au Soudan, les activités aurifères du groupe Wagner se poursuivent.", "fr", {("wagner", "SDN", "present")}),
        ("Wagner a été sanctionné. En Centrafrique, ses membres assurent la sécurité du président.", "fr",
         {("wagner", "CAF", "present")}),
    ],
)
def test_french_names_and_cues_of_real_reporting(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


def test_a_country_named_as_an_office_is_not_where_the_country_points() -> None:
    assert claims("The US Treasury sanctioned Meroe Gold as a front for Wagner's operations in the country.") == set()
    assert claims("Wagner arrived in Mali in 2021. US officials say the fighters are still in the country.") == {
        ("wagner", "MLI", "present")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Wagner operates in several African countries, including Libya and Mali.", "en",
         {("wagner", "LBY", "present"), ("wagner", "MLI", "present")}),
        ("Wagner fighters are deployed in several states, notably Sudan and Libya.", "en",
         {("wagner", "SDN", "present"), ("wagner", "LBY", "present")}),
        ("Wagner opère dans plusieurs pays africains, notamment la Libye et le Mali.", "fr",
         {("wagner", "LBY", "present"), ("wagner", "MLI", "present")}),
        ("Wagner est présent dans plusieurs pays, dont la Libye et le Mali.", "fr",
         {("wagner", "LBY", "present"), ("wagner", "MLI", "present")}),
        ("«Вагнер» работает в нескольких странах, в том числе в Ливии и Мали.", "ru",
         {("wagner", "LBY", "present"), ("wagner", "MLI", "present")}),
        # a list of critics is no list of places
        ("Several countries including France criticised Wagner.", "en", set()),
    ],
)
def test_lists_introduced_after_a_plural_place_noun(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected


def test_a_force_inside_an_aside_does_not_take_the_place() -> None:
    assert claims("Wagner, which had fought for the Syrian government since 2015, sent men to Sudan.") == {
        ("wagner", "SDN", "present")}
    # outside an aside it still does
    assert claims("Wagner arrived shortly before French forces moved their troops to Niger.") == set()
