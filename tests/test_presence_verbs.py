"""Verbs and words of presence by meaning, in each language (issue 14): what the English list
says (landed, ambushed, took part, still there), French and Russian say too. Sentences written here."""

from __future__ import annotations

import pytest

from tests.presence_claims import claims

# the rules' own cases: the learned layer is measured over the labelled sets (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Une patrouille de l'Africa Corps est tombée dans une embuscade tendue par des rebelles au nord de Kidal, au Mali.", "fr",
         {("russia", "MLI", "present")}),
        ("En Ukraine, le groupe Wagner a mené pendant des mois l'assaut contre la ville.", "fr",
         {("wagner", "UKR", "present")}),
        ("Les hommes de Wagner ont participé pendant deux ans aux opérations de l'armée en Centrafrique.", "fr",
         {("wagner", "CAF", "present")}),
        ("Деревню у Кидаля в Мали бойцы Африканского корпуса проходили колонной, когда попали в засаду.", "ru",
         {("russia", "MLI", "present")}),
        ("Бойцы «Вагнера» в ЦАР до сих пор охраняют президентский дворец.", "ru",
         {("wagner", "CAF", "present")}),
        ("Прибывшие в Венесуэлу российские военные разместились под Каракасом.", "ru",
         {("russia", "VEN", "present")}),
        ("На этой неделе в Ниамей зашла вторая группа бойцов Африканского корпуса.", "ru",
         {("russia", "NER", "present")}),
    ],
)
def test_presence_words_in_each_language(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the same words with no actor, or about another force, claim nothing
        ("Des soldats français sont tombés dans une embuscade au Mali.", "fr"),
        ("Французские военные до сих пор стоят в Чаде.", "ru"),
    ],
)
def test_presence_words_need_the_actor(text: str, lang: str) -> None:
    assert claims(text, lang) == set()


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a plan, a wish or a condition is not presence, in every language
        ("Moscou envisage de déployer des instructeurs russes au Niger.", "fr", set()),
        ("Des instructeurs russes seront déployés au Niger l'an prochain.", "fr", set()),
        ("Москва рассматривает отправку российских военных в Нигер.", "ru", set()),
        ("Если соглашение подпишут, российские инструкторы прибудут в Нигер.", "ru", set()),
        # leaving, as the English list says it
        ("Les derniers instructeurs russes ont été évacués de Centrafrique.", "fr", {("russia", "CAF", "ended")}),
        ("Российские военные эвакуированы из Судана.", "ru", {("russia", "SDN", "ended")}),
    ],
)
def test_plans_and_departures_in_each_language(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the end of a stay told in the next sentence, without its place
        ("Russian peacekeepers were deployed to Nagorno-Karabakh in 2020. They withdrew completely last spring.", "en",
         {("russia", "AZE", "ended")}),
        ("Wagner fighters arrived in Mozambique in 2019. Within months, they had left.", "en",
         {("wagner", "MOZ", "ended")}),
        ("Les instructeurs russes sont arrivés en Centrafrique en 2018. Ils sont partis en 2024.", "fr",
         {("russia", "CAF", "ended")}),
        ("Российские десантники прибыли в Казахстан в январе. Через две недели они улетели домой.", "ru",
         {("russia", "KAZ", "ended")}),
        # two countries before: which one was left is not said
        ("Wagner fighters arrived in Mali and Niger in 2021. They left in 2024.", "en",
         {("wagner", "MLI", "present"), ("wagner", "NER", "present")}),
        # part of the force, or a plan, is not the stay's end
        ("Wagner fighters arrived in Mali in 2021. Some of them left in 2024.", "en", {("wagner", "MLI", "present")}),
        ("Wagner fighters arrived in Mali in 2021. They could leave next year.", "en", {("wagner", "MLI", "present")}),
        # a pronoun inside the sentence may mean another force
        ("Wagner fighters arrived in Sudan in 2019. The army held Egyptian pilots for a week; they were flown home "
         "on Tuesday.", "en", {("wagner", "SDN", "present")}),
    ],
)
def test_a_stay_ended_in_the_next_sentence(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # one actor in the other's place, however it is told: the replaced one ended, the other there
        ("In Libya, the Africa Corps has now taken the place of Wagner.", "en"),
        ("Instead of Wagner, the Africa Corps now operates in Libya.", "en"),
        ("En Libye, l'Africa Corps a désormais remplacé Wagner.", "fr"),
        ("En Libye, l'Africa Corps a pris la place de Wagner.", "fr"),
        ("В Ливии вместо «Вагнера» теперь Африканский корпус.", "ru"),
        ("«Африканский корпус» сменил группу Вагнера в Ливии.", "ru"),
        ("В Ливии Африканский корпус вытеснил бойцов ЧВК Вагнера.", "ru"),
        ("Африканский корпус пришёл на смену Вагнеру в Ливии.", "ru"),
        ("На смену Вагнеру в Ливии пришёл Африканский корпус.", "ru"),
    ],
)
def test_one_actor_in_the_others_place(text: str, lang: str) -> None:
    assert claims(text, lang) == {("wagner", "LBY", "ended"), ("russia", "LBY", "present")}


def test_a_plan_to_take_the_place_is_not_a_replacement() -> None:
    assert claims("Moscow plans to have the Africa Corps take the place of Wagner in Libya.", "en") == set()


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # what the actor does in a country, as a noun; going on to a list of countries
        ("Washington sanctioned Wagner for its activities in Libya and Syria.", "en",
         {("wagner", "LBY", "present"), ("wagner", "SYR", "present")}),
        ("Bruxelles vise Wagner pour ses activités en Libye et en Syrie.", "fr",
         {("wagner", "LBY", "present"), ("wagner", "SYR", "present")}),
        ("Санкции касаются деятельности «Вагнера» в Ливии.", "ru", {("wagner", "LBY", "present")}),
        ("The Wagner Group made its name in Syria before it went on to Libya and Mali.", "en",
         {("wagner", "SYR", "present"), ("wagner", "LBY", "present"), ("wagner", "MLI", "present")}),
    ],
)
def test_activities_and_going_on(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a date is not a beginning: the departure is whole
        ("В начале июня ЧВК Вагнера объявила о завершении своей миссии в Мали и выводе личного состава.", "ru",
         {("wagner", "MLI", "ended")}),
        ("At the start of June, Wagner announced its withdrawal from Mali.", "en", {("wagner", "MLI", "ended")}),
        # a departure begun is not the end
        ("ЧВК Вагнера начала вывод бойцов из Мали.", "ru", {("wagner", "MLI", "present")}),
        # a departure in the future tense has not happened
        ("На Западе заявили, что вагнеровцы, работающие в ЦАР, покинут страну.", "ru", {("wagner", "CAF", "present")}),
        ("Selon Paris, les hommes de Wagner présents au Mali quitteront le pays.", "fr", {("wagner", "MLI", "present")}),
    ],
)
def test_dates_beginnings_and_future_departures(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # an era, a presence or a mission that ended
        ("В Мали вагнеровская эпоха закончилась.", "ru", {("wagner", "MLI", "ended")}),
        ("Au Mali, l'ère Wagner a pris fin l'été dernier.", "fr", {("wagner", "MLI", "ended")}),
        ("In Mali, Wagner's era came to an end last summer.", "en", {("wagner", "MLI", "ended")}),
        # a man's death dates the clause; the force named after it is the one placed
        ("«Африканский корпус» был создан после гибели Пригожина и действует в Нигере.", "ru", {("russia", "NER", "present")}),
        ("After Prigozhin's death, the Africa Corps took over and now operates in Niger.", "en", {("russia", "NER", "present")}),
        ("Après la mort de Prigojine, l'Africa Corps s'est installé au Niger.", "fr", {("russia", "NER", "present")}),
        ("После гибели Евгения Пригожина ЧВК свернула деятельность в Белоруссии.", "ru", {("wagner", "BLR", "ended")}),
        # "there are no more ... in": a stay over, with the actor in the genitive; a plain "there are
        # no" is a denial, not an end
        ("Наёмников Вагнера в Ливии, по словам местных жителей, больше нет.", "ru", {("wagner", "LBY", "ended")}),
        ("Российских инструкторов уже нет в Бамако.", "ru", {("russia", "MLI", "ended")}),
        ("В Чаде нет российских военных, заявил министр.", "ru", set()),
        ("Wagner mercenaries are no longer in Libya, residents say.", "en", {("wagner", "LBY", "ended")}),
        ("Les mercenaires de Wagner ne sont plus en Libye, selon des habitants.", "fr", {("wagner", "LBY", "ended")}),
        ("Les mercenaires de Wagner sont toujours en Libye.", "fr", {("wagner", "LBY", "present")}),
        # "no more" ends a stay; "no more than" counts one
        ("Wagner has no more fighters in Mali, a diplomat said.", "en", {("wagner", "MLI", "ended")}),
        ("Wagner has no more than 300 fighters in Mali, a diplomat said.", "en", {("wagner", "MLI", "present")}),
    ],
)
def test_ends_and_deaths(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a fronted place left, the verb followed by its date ("dès", "since", "уже")
        ("En Syrie, les combattants du groupe Wagner ont été rapatriés dès l'automne 2023.", "fr",
         {("wagner", "SYR", "ended")}),
        # what a video purports to show is not presence
        ("Des vidéos prétendant montrer l'arrivée de soldats russes au Tchad ont été vérifiées par l'AFP.", "fr", set()),
    ],
)
def test_fronted_departures_and_purported_videos(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a plan in the main clause; an aside on the actor tells a stay of its own
        ("Libya could become a hub for the Africa Corps, which operates in Mali and Niger.", "en",
         {("russia", "MLI", "present"), ("russia", "NER", "present")}),
        ("Libya could become a hub for the Africa Corps, now operating in Mali and Niger.", "en",
         {("russia", "MLI", "present"), ("russia", "NER", "present")}),
        ("La Libye pourrait devenir une plaque tournante pour l'Africa Corps, déployé au Mali et au Niger.", "fr",
         {("russia", "MLI", "present"), ("russia", "NER", "present")}),
        ("Ливия может стать узлом для операций Африканского корпуса, действующего в Мали и Нигере.", "ru",
         {("russia", "MLI", "present"), ("russia", "NER", "present")}),
        ("Эксперты обсуждают роль российских военных, размещённых в Ливии.", "ru", {("russia", "LBY", "present")}),
        # an aside that is itself a plan stays a plan
        ("Moscow plans to send the Africa Corps, which could then deploy to Niger.", "en", set()),
    ],
)
def test_an_aside_on_the_actor_is_not_in_the_plan(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "not only ... but also", "не только ... но и", "pas seulement", "not counting": negations that add
        ("Wagner has fought not only in Libya but also in Sudan.", "en",
         {("wagner", "LBY", "present"), ("wagner", "SDN", "present")}),
        ("Вагнер воевал не только в Ливии, но и в Судане.", "ru",
         {("wagner", "LBY", "present"), ("wagner", "SDN", "present")}),
        ("Wagner has worked in Libya, not counting the consultants Prigozhin sent to Madagascar in 2018.", "en",
         {("wagner", "LBY", "present"), ("wagner", "MDG", "present")}),
        ("Wagner is not in Libya.", "en", set()),
        ("Вагнер не воевал в Ливии.", "ru", set()),
        # "ne ... que" is "only": "qu'au Mali" is "au Mali"
        ("Wagner n'opère qu'au Mali.", "fr", {("wagner", "MLI", "present")}),
    ],
)
def test_negations_that_add(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a force's strength in a country is its presence there
        ("The Africa Corps numbers some 2,000 men in Mali.", "en", {("russia", "MLI", "present")}),
        ("In Mali, the Africa Corps has several thousand men.", "en", {("russia", "MLI", "present")}),
        ("Au Mali, l'Africa Corps compte plusieurs milliers d'hommes.", "fr", {("russia", "MLI", "present")}),
        ("Африканский корпус насчитывает в Мали около 2 тысяч человек.", "ru", {("russia", "MLI", "present")}),
        # neither ... nor denies
        ("Moscow has neither the troops nor the money to stay in Syria.", "en", set()),
        ("Neither Wagner nor Russian troops are in Chad.", "en", set()),
    ],
)
def test_strength_and_neither(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # "but" cuts the second verb from its subject; the subject is the first clause's actor
        ("Wagner fought in Libya, but left Mozambique in 2020.", "en"),
        ("Wagner fought in Libya but withdrew from Mozambique in 2020.", "en"),
        ("Wagner a combattu en Libye, mais a quitté le Mozambique en 2020.", "fr"),
        ("Вагнер воевал в Ливии, но ушёл из Мозамбика в 2020 году.", "ru"),
    ],
)
def test_a_verb_after_but_keeps_the_subject(text: str, lang: str) -> None:
    assert claims(text, lang) == {("wagner", "LBY", "present"), ("wagner", "MOZ", "ended")}


def test_a_clause_after_but_with_its_own_subject_is_its_own() -> None:
    assert claims("Wagner fought in Libya, but French troops left Mali.", "en") == {("wagner", "LBY", "present")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "не менее", "no fewer than", "pas moins de": a count, not a denial
        ("С начала 2024 года в Мали погибли не менее 30 российских военных.", "ru", {("russia", "MLI", "present")}),
        ("No fewer than 30 Russian soldiers have died in Mali since 2024.", "en", {("russia", "MLI", "present")}),
        ("Pas moins de 30 soldats russes ont été tués au Mali.", "fr", {("russia", "MLI", "present")}),
    ],
)
def test_a_count_is_not_a_denial(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # moving somewhere, as "moved", "relocated" in English
        ("После мятежа несколько тысяч бойцов Вагнера перебрались в лагерь в Белоруссии.", "ru",
         {("wagner", "BLR", "present")}),
        ("Часть бойцов ЧВК Вагнера перебралась в Африку - в ЦАР и Ливию.", "ru",
         {("wagner", "CAF", "present"), ("wagner", "LBY", "present")}),
    ],
)
def test_moving_in_russian(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # going back to the home bases; the territory left
        ("Российские миротворцы были направлены в Казахстан в январе. Все подразделения российского контингента "
         "вернулись в пункты постоянной дислокации.", "ru", {("russia", "KAZ", "ended")}),
        ("Les soldats de la paix russes déployés au Haut-Karabakh ont achevé leur retrait du territoire.", "fr",
         {("russia", "AZE", "ended")}),
    ],
)
def test_home_bases_and_the_territory_left(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


# The structural classes of issue 14, one table: every case is named for its class, so a failure
# says which reading broke ("guarding a leader is presence in the country-3").
_BY_CLASS: dict[str, list[tuple[str, str, set[tuple[str, str, str]]]]] = {
    "guarding a leader is presence in the country": [
        # guarding a country's leader puts the guards in that country, whether the country is
        # named after "of"/"de", in the genitive, or as the leader's adjective
        ("Wagner fighters still guard the president of the Central African Republic.", "en",
         {("wagner", "CAF", "present")}),
        ("A detail of Wagner men protects the Malian president day and night.", "en",
         {("wagner", "MLI", "present")}),
        ("Les paramilitaires de Wagner assurent la sécurité du président centrafricain.", "fr",
         {("wagner", "CAF", "present")}),
        ("Les mercenaires de Wagner protègent le chef de la junte malienne depuis 2022.", "fr",
         {("wagner", "MLI", "present")}),
        ("Бойцы «Вагнера» по-прежнему охраняют президента Центральноафриканской Республики.", "ru",
         {("wagner", "CAF", "present")}),
        ("Российские военные охраняют малийского лидера.", "ru", {("russia", "MLI", "present")}),
        # the leader is only met, or the guarding is a plan: nothing
        ("Prigozhin met the president of the Central African Republic in St Petersburg.", "en", set()),
        ("Moscow offered to send Russian guards to protect the president of Niger.", "en", set()),
        # a guarding word far from the leader does not reach it
        ("Wagner guards mines, while France backs the president of Chad.", "en", set()),
    ],
    "a stay then leaving from there": [
        # a stay, then a departure whose place is a French clitic ("s'en", "en"): ended
        ("Le groupe Wagner s'était brièvement déployé au Mozambique avant de s'en retirer après de lourdes pertes.",
         "fr", {("wagner", "MOZ", "ended")}),
        ("Les hommes de Wagner sont arrivés au Mozambique en 2019, puis s'en sont retirés après de lourdes pertes.",
         "fr", {("wagner", "MOZ", "ended")}),
        # "y" after the stay keeps it: still there
        ("Wagner est arrivé au Mali en 2021 et y reste.", "fr", {("wagner", "MLI", "present")}),
    ],
    "coordinated negations and airfields": [
        # a negation in a clause coordinated after a comma, with its own subject, does not undo
        # the stay named before it
        ("В Центральноафриканской Республике «Вагнер» сохраняет позиции, и о смене вывески там речи пока не идет.",
         "ru", {("wagner", "CAF", "present")}),
        ("Wagner fighters are still deployed in Mali, but the junta has never said how many.", "en",
         {("wagner", "MLI", "present")}),
        # the negation of the stay itself still undoes it
        ("Wagner fighters are not deployed in Niger, and the junta says so.", "en", set()),
        # using an airfield or a port is being there; an airstrip named on the way is not
        ("Eastern Libya, where Russian forces use several airfields, has become a hub, officials said.", "en",
         {("russia", "LBY", "present")}),
        ("Cargo planes of the Wagner group leaving an airstrip near Port Sudan carried the gold to Latakia.", "en",
         set()),
    ],
    "beside a countrys forces": [
        # fighting beside a country's own forces puts the actor in that country, named after "of"
        ("Wagner fighters fought alongside the armies of the Central African Republic and Mali.", "en",
         {("wagner", "CAF", "present"), ("wagner", "MLI", "present")}),
        ("Les mercenaires de Wagner combattent aux côtés des forces armées du Mali.", "fr",
         {("wagner", "MLI", "present")}),
        # "with" a government is not beside its army
        ("Wagner signed a contract with the government of Mali.", "en", set()),
    ],
    "more words of presence": [
        # taking hold, staying, being brought in; fighting for a country's own side
        ("Au Mali, au Burkina Faso et au Niger, l'Africa Corps a déjà pris pied.", "fr",
         {("russia", "MLI", "present"), ("russia", "BFA", "present"), ("russia", "NER", "present")}),
        ("Au Niger et au Burkina Faso, les contingents russes sont restés modestes.", "fr",
         {("russia", "NER", "present"), ("russia", "BFA", "present")}),
        ("Au Mali, la junte a fait venir des instructeurs russes.", "fr", {("russia", "MLI", "present")}),
        ("The Africa Corps has gained a foothold in Niger.", "en", {("russia", "NER", "present")}),
        ("Wagner has fought for the Syrian government since 2015.", "en", {("wagner", "SYR", "present")}),
        ("Wagner a combattu pour le gouvernement syrien.", "fr", {("wagner", "SYR", "present")}),
        ("Бойцы «Вагнера» воевали на стороне сирийской армии.", "ru", {("wagner", "SYR", "present")}),
        # more of Russia's own forces by name
        ("Russian marines landed in Syria last week.", "en", {("russia", "SYR", "present")}),
        ("Российские лётчики базируются в Сирии.", "ru", {("russia", "SYR", "present")}),
        # sanctions "for" a junta are no side to fight for; a contract "avec" a government is no stay
        ("Wagner imposed sanctions for the Malian junta.", "en", set()),
        ("Wagner a signé un contrat avec le gouvernement malien.", "fr", set()),
    ],
    "states named by their adjective": [
        # a state named by its adjective and "Republic", or its land left by name: a country to leave
        ("Российский миротворческий контингент в полном составе покинул территорию Азербайджанской Республики.", "ru",
         {("russia", "AZE", "ended")}),
        ("Российские миротворцы размещены в Азербайджанской Республике.", "ru", {("russia", "AZE", "present")}),
        ("Les soldats russes ont quitté le territoire azerbaïdjanais.", "fr", {("russia", "AZE", "ended")}),
        ("Russian troops left Azerbaijani territory.", "en", {("russia", "AZE", "ended")}),
        ("Российские военные покинули азербайджанскую территорию.", "ru", {("russia", "AZE", "ended")}),
        # the land used for an attack stays where the troops were
        ("Russian troops used Belarusian territory to launch the assault.", "en", {("russia", "BLR", "present")}),
        # an adjective alone is still no state: "Azerbaijani officials" are not a place left
        ("Russian peacekeepers left, Azerbaijani officials said.", "en", set()),
    ],
    "a founder named at his death": [
        # a founder named in apposition after "the death of" dates the clause; the Africa Corps acts
        ("The Africa Corps, created last year to take over the operations of the Wagner group after the death of "
         "its founder, Yevgeny Prigozhin, already operates in Mali and Niger.", "en",
         {("russia", "MLI", "present"), ("russia", "NER", "present")}),
        ("Après la mort de son fondateur, Evgueni Prigojine, le groupe Wagner est resté au Mali.", "fr",
         {("wagner", "MLI", "present")}),
        ("После гибели основателя ЧВК Евгения Пригожина «Африканский корпус» работает в Мали.", "ru",
         {("russia", "MLI", "present")}),
        # the founder acting himself still names the group
        ("Yevgeny Prigozhin's fighters are deployed in Mali.", "en", {("wagner", "MLI", "present")}),
    ],
    "other bodies and their seats": [
        # a body only headquartered in a city is not there for the actor; men based there are
        ("Wagner fighters have guarded the mine, according to researchers at the Washington-based Center for "
         "Strategic and International Studies.", "en", set()),
        ("Bamako-based Russian instructors train Malian troops.", "en", {("russia", "MLI", "present")}),
        # "the company" with a name of its own is another company, not the actor named before
        ("Wagner is in Mali. The company Bancroft Global has men deployed in Niger.", "en",
         {("wagner", "MLI", "present")}),
        ("Wagner is in Mali. The company also has 300 men deployed in Niger.", "en",
         {("wagner", "MLI", "present"), ("wagner", "NER", "present")}),
    ],
    "a town named by its countrys adjective": [
        # Russian names a town by its country's adjective: "в армянском Гюмри"
        ("Российские военные служат на базе в армянском Гюмри.", "ru", {("russia", "ARM", "present")}),
        ("Российские военные развернули полевой госпиталь в пострадавшей от наводнения ливийской Дерне.", "ru",
         {("russia", "LBY", "present")}),
        # an English capital after a demonym is a title, not a town
        ("Wagner fighters arrived after a deal brokered by Belarusian President Alexander Lukashenko.", "en", set()),
    ],
    "nobody left ends a stay": [
        # nobody left: an end of its own, with no verb of presence to negate
        ("В Мали больше нет бойцов Вагнера.", "ru", {("wagner", "MLI", "ended")}),
        ("No Wagner fighters remain in Mali.", "en", {("wagner", "MLI", "ended")}),
        ("None of the Russian troops are left in Kazakhstan.", "en", {("russia", "KAZ", "ended")}),
        # not seen is not gone
        ("No Wagner fighters were seen in Mali.", "en", set()),
    ],
    "an indefinite group with a relative": [
        # "a group that ..." in a sentence after the actor is named points back to it
        ("Wagner was defeated in Mozambique. It was a rare defeat for a group that by then had fought in Syria "
         "and Libya.", "en", {("wagner", "MOZ", "present"), ("wagner", "SYR", "present"), ("wagner", "LBY", "present")}),
        ("Wagner a quitté le Mozambique. C'est un groupe qui combat aussi en Libye.", "fr",
         {("wagner", "MOZ", "ended"), ("wagner", "LBY", "present")}),
        # another group, described as such, does not
        ("Wagner is in Mali. A Tuareg group that controls Kidal attacked a convoy in Niger.", "en",
         {("wagner", "MLI", "present")}),
    ],
    "giving up the place": [
        # giving up one's place to the other actor is a replacement, singular or plural
        ("Au Mali, Wagner a cédé la place à l'Africa Corps en juin.", "fr",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        ("В Мали «Вагнер» уступил место «Африканскому корпусу».", "ru",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        # the places of a clause after the replacement's are not the replacement's
        ("Contrairement au Mali, où Wagner a cédé la place à l'Africa Corps en juin, la Centrafrique reste le "
         "principal bastion de l'ancienne organisation de Prigojine.", "fr",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        ("Wagner's men were replaced by the Africa Corps in Mali and Libya.", "en",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present"), ("wagner", "LBY", "ended"),
          ("russia", "LBY", "present")}),
    ],
    "deaths told with a verb and bodies based abroad": [
        # the founder's death told with a verb dates the clause too
        ("After Prigozhin died in a plane crash, Russian troops landed in Niger.", "en",
         {("russia", "NER", "present")}),
        # an organisation "based in" a country: where it sits, not where the actor is
        ("Des militaires russes ont évacué une base près de Kamechli, selon l'Observatoire syrien des droits "
         "de l'homme, une ONG basée au Royaume-Uni.", "fr", set()),
        ("Russian troops are based in Libya, according to a monitor based in Britain.", "en",
         {("russia", "LBY", "present")}),
        ("Les militaires russes sont basés au Mali.", "fr", {("russia", "MLI", "present")}),
    ],
    "troops in and a countrys bases": [
        # "has troops in" with nothing between; a country's bases named by its adjective
        ("Today the Africa Corps has troops in at least five African states, among them Mali, Niger and Libya.", "en",
         {("russia", "MLI", "present"), ("russia", "NER", "present"), ("russia", "LBY", "present")}),
        ("Wagner fighters have also been stationed at Libyan air bases since 2019, diplomats say.", "en",
         {("wagner", "LBY", "present")}),
        # a demonym before other nouns is still no place
        ("Wagner fighters were stationed near Libyan officials' homes.", "en", set()),
    ],
    "a stay in an aside before a negation": [
        # a stay told in an aside on the actor, the negation after it: the main verb's, not the aside's
        ("Wagner, better known for its work in Libya and the Central African Republic, has never publicly "
         "commented on the mission.", "en", {("wagner", "LBY", "present"), ("wagner", "CAF", "present")}),
        ("Les paramilitaires de Wagner, déployés aux côtés des forces maliennes depuis 2021, n'étaient pas "
         "mentionnés dans la résolution.", "fr", {("wagner", "MLI", "present")}),
        # an aside with no word of presence of its own places nobody; a negated aside stays negated
        ("Prigozhin, who has been indicted in the United States, has denied any link to such operations.", "en",
         set()),
        ("Wagner, which has no men in Libya, has never commented.", "en", set()),
    ],
    "a host with an aside": [
        # a relative aside between the host and its verb does not cut them apart
        ("Mali, whose military leaders have governed since 2020, brought in fighters from the Wagner Group.", "en",
         {("wagner", "MLI", "present")}),
        # the place inside the aside is not the host
        ("Mali, which borders Niger, hired Wagner.", "en", {("wagner", "MLI", "present")}),
    ],
    "a relative where-clause is a clause of its own": [
        # a plan in the main clause does not reach a relative "where" whose subject is the actor
        ("Some units could be moved to Africa, where Wagner operates in Mali and Libya.", "en",
         {("wagner", "MLI", "present"), ("wagner", "LBY", "present")}),
        ("Часть отрядов может быть переброшена в Африку, где «Вагнер» работает в Мали и Судане.", "ru",
         {("wagner", "MLI", "present"), ("wagner", "SDN", "present")}),
        ("Les unités pourraient être envoyées au Mali, où les hommes de Wagner sont installés depuis 2021.", "fr",
         {("wagner", "MLI", "present")}),
        # the relative's own plan stays a plan
        ("Some units could be moved to Mali, where Wagner could open a base.", "en", set()),
        # so does a temporal clause after a plan or a rumour
        ("The rumour gained traction after Russian military instructors arrived in Niamey last month.", "en",
         {("russia", "NER", "present")}),
        ("Moscow could send troops to Mali after Wagner leaves.", "en", set()),
        # "the country" before the relative belongs to another verb: the relative's place is the actor's
        ("La frontière orientale du pays jouxte la Centrafrique, où les hommes de Wagner sont déployés.", "fr",
         {("wagner", "CAF", "present")}),
        ("The north of the country borders Libya, where Wagner fighters hold two air bases.", "en",
         {("wagner", "LBY", "present")}),
        ("Север страны граничит с Ливией, где бойцы «Вагнера» удерживают две авиабазы.", "ru",
         {("wagner", "LBY", "present")}),
    ],
    "a possessive before any force noun, as the clause's subject": [
        # "its"/"ses"/"её" + a force noun opening a clause points to the actor the sentence before
        # opened on
        ("The Africa Corps was set up in 2023. Its first contingent reached Burkina Faso in January 2024.", "en",
         {("russia", "BFA", "present")}),
        ("«Вагнер» сохранил зарубежные операции. Её подразделения работают в ЦАР, Мали и Судане.", "ru",
         {("wagner", "CAF", "present"), ("wagner", "MLI", "present"), ("wagner", "SDN", "present")}),
        # inside a clause, the possessive is that clause's subject's
        ("Wagner fought in Libya. France withdrew its last troops from Mali in 2022.", "en",
         {("wagner", "LBY", "present")}),
        # a sentence that opened on someone else: nothing
        ("Wagner fought in Libya. Chad bought drones. Its soldiers were trained in Israel.", "en",
         {("wagner", "LBY", "present")}),
    ],
    "a where-relative before a plan, and whatever its actor does there": [
        # the plan is the main clause's, after the relative's comma
        ("In the Central African Republic, where Wagner has been present since 2018, officials say Moscow has "
         "asked the president to swap the group for the Africa Corps.", "en", {("wagner", "CAF", "present")}),
        # a relative whose subject is the actor puts it there, whatever its verb
        ("Syria, where Wagner's contractors saved Bashar al-Assad, is far from Moscow's new priorities.", "en",
         {("wagner", "SYR", "present")}),
        ("La Centrafrique, où les hommes de Wagner tiennent les mines d'or, vote dimanche.", "fr",
         {("wagner", "CAF", "present")}),
        # its leaving verb makes it a departure; its own plan stays a plan
        ("Mozambique, where Wagner's men withdrew after heavy losses in 2019, is quiet now.", "en",
         {("wagner", "MOZ", "ended")}),
        ("Mali, where Wagner could deploy more men, is worried.", "en", set()),
    ],
    "'kuda' as a relative, and the relative nearest the actor": [
        ("И, наконец, Мали, куда группа «Вагнер» пришла в конце 2021 года.", "ru", {("wagner", "MLI", "present")}),
        # two relatives: the actor reads the one right before it
        ("Le Tchad, où la France garde une base, borde la Centrafrique, où les hommes de Wagner sont déployés.", "fr",
         {("wagner", "CAF", "present")}),
    ],
    "a fronted place and the actor as subject, whatever the verb": [
        ("In Venezuela, Russian military specialists have serviced Sukhoi jets sold to Caracas.", "en",
         {("russia", "VEN", "present")}),
        ("В ЦАР российские инструкторы уже стали частью повседневной жизни.", "ru", {("russia", "CAF", "present")}),
        ("Au Mali, l'Africa Corps et Wagner coexistent.", "fr",
         {("russia", "MLI", "present"), ("wagner", "MLI", "present")}),
        # the actor as a verb's object, or done to by the place's state: nothing
        ("В Вашингтоне прибытие российских военных расценили как провокацию.", "ru", set()),
        ("Aux États-Unis, Wagner est désigné comme organisation criminelle transnationale.", "fr", set()),
        ("In Belgrade, murals celebrating Wagner appeared last year.", "en", set()),
    ],
    "a relative on a noun in apposition keeps its negation": [
        ("L'Africa Corps est présent en Libye, mais aussi au Niger depuis avril, deux pays où Wagner n'avait "
         "jamais opéré.", "fr", {("russia", "LBY", "present"), ("russia", "NER", "present")}),
        ("The Africa Corps is present in Libya and in Niger, two countries where Wagner had never operated.", "en",
         {("russia", "LBY", "present"), ("russia", "NER", "present")}),
    ],
    "a name in a phrase about a death is not a second actor": [
        ("Depuis la mort de Prigojine, le ministère russe a pris le relais avec l'Africa Corps, désormais présent "
         "au Mali et au Niger.", "fr", {("russia", "MLI", "present"), ("russia", "NER", "present")}),
    ],
    "the state acting militarily": [
        ("À l'automne 2015, la Russie intervient militairement en Syrie pour sauver le régime.", "fr",
         {("russia", "SYR", "present")}),
        ("L'intervention militaire russe en Syrie a commencé en 2015.", "fr", {("russia", "SYR", "present")}),
        # "intervient après" dates an event: still its own clause
        ("Ce départ de Wagner du Mali intervient après une série de revers.", "fr", {("wagner", "MLI", "ended")}),
        # a state without its forces places no one
        ("La Russie intervient dans le débat sur le Mali.", "fr", set()),
    ],
    "a negation coordinated after the main verb leaves a fronted place its own": [
        # a fronted place with a relative on it stays the main clause's place when the negation
        # belongs to a clause coordinated after the main verb
        ("В ЦАР, где группа присутствует с 2018 года, «вагнеровцы» охраняют президента, и перехода под "
         "контроль Минобороны там пока не произошло.", "ru", {("wagner", "CAF", "present")}),
        # the main clause's own negation still reaches it
        ("В Буркина-Фасо, куда прибыли российские военные, «Вагнера» никогда не было.", "ru",
         {("russia", "BFA", "present")}),
    ],
    "a place noun and its genitive stand where the noun stands": [
        ("Russia has also kept troops in the Georgian breakaway regions of Abkhazia since 2008.", "en",
         {("russia", "GEO", "present")}),
        ("Wagner fighters are deployed in the gold-rich northern provinces of Sudan.", "en",
         {("wagner", "SDN", "present")}),
        ("Les paramilitaires de Wagner sont déployés dans les vastes régions désertiques du nord du Mali.", "fr",
         {("wagner", "MLI", "present")}),
        # a state's government is not a place
        ("Wagner fighters criticised the governments of Mali and Niger.", "en", set()),
    ],
    "a preposition governs its own place, not one after a verb": [
        ("La présence de Wagner au Mali inquiète Paris.", "fr", {("wagner", "MLI", "present")}),
        ("Присутствие «Вагнера» в Мали беспокоит Париж.", "ru", {("wagner", "MLI", "present")}),
        ("The arrival of Wagner in Mali alarmed Paris and Washington.", "en", {("wagner", "MLI", "present")}),
        # a list shares its preposition
        ("Les hommes de Wagner sont au Mali, au Niger et en Centrafrique.", "fr",
         {("wagner", "MLI", "present"), ("wagner", "NER", "present"), ("wagner", "CAF", "present")}),
    ],
    "French negations: 'rien', and a coordinated 'ne ... pas' or 'n''": [
        ("Rien n'indique une présence de Wagner en Guinée.", "fr", set()),
        ("Rien n'indique une quelconque présence militaire russe en Guinée.", "fr", set()),
        # a negation in a clause coordinated after the main verb is that clause's own
        ("En Centrafrique, Wagner reste le maître des lieux, et rien n'indique que le président veuille changer.",
         "fr", {("wagner", "CAF", "present")}),
        ("En Centrafrique, Wagner reste en place, et le président ne change pas d'avis.", "fr",
         {("wagner", "CAF", "present")}),
        ("Les hommes de Wagner ne sont pas au Niger, et ne le seront pas.", "fr", set()),
    ],
    "a French adjective after its noun, then a coordinated force": [
        # "instructeurs russes et des mercenaires": "russes" is the instructors', so both actors
        ("En Centrafrique, des centaines d'instructeurs russes et de mercenaires du groupe Wagner sont déployés.",
         "fr", {("russia", "CAF", "present"), ("wagner", "CAF", "present")}),
        ("Des instructeurs russes et des mercenaires sont arrivés au Mali.", "fr", {("russia", "MLI", "present")}),
        # a demonym before its nouns still names them (Russian and English order)
        ("Подразделения российского миротворческого контингента вошли в Нагорный Карабах.", "ru",
         {("russia", "AZE", "present")}),
    ],
    "a state acts across a relative aside; a 'que' aside keeps its negation": [
        ("Moscou, que le parti au pouvoir dit ne pas vouloir provoquer, maintient des milliers de soldats en "
         "Abkhazie.", "fr", {("russia", "GEO", "present")}),
        ("Moscow, which denies any role in the fighting, keeps about 2,000 troops in Syria.", "en",
         {("russia", "SYR", "present")}),
        # the aside's own verb of presence still counts
        ("La Russie, qui maintient des forces à Hmeimim, en Syrie, cherche d'autres points d'appui.", "fr",
         {("russia", "SYR", "present")}),
        # a state that only speaks places no one
        ("Moscou, qui dément tout, a dénoncé les accusations au sujet du Mali.", "fr", set()),
    ],
    "feminine and plural forms of 'present'": [
        ("L'armée russe est bien présente en Syrie, à Hmeimim et à Tartous.", "fr", {("russia", "SYR", "present")}),
        ("Les forces russes sont présentes au Mali.", "fr", {("russia", "MLI", "present")}),
    ],
    "French and Russian force nouns the English list has": [
        ("Des spécialistes russes travaillent déjà à Brazzaville.", "fr", {("russia", "COG", "present")}),
        ("Des officiers russes sont stationnés à Bangui.", "fr", {("russia", "CAF", "present")}),
        ("Российские офицеры находятся в Мали с 2022 года.", "ru", {("russia", "MLI", "present")}),
        ("Les navires de guerre russes ont quitté la Syrie.", "fr", {("russia", "SYR", "ended")}),
    ],
    "a list that repeats its preposition": [
        ("ЧВК повоевала в Сирии и в Судане.", "ru", {("wagner", "SYR", "present"), ("wagner", "SDN", "present")}),
        ("Wagner fighters in Libya and in Sudan were paid in gold.", "en",
         {("wagner", "LBY", "present"), ("wagner", "SDN", "present")}),
        ("Des instructeurs russes au Mali et au Burkina Faso forment les armées.", "fr",
         {("russia", "MLI", "present"), ("russia", "BFA", "present")}),
        # a genitive repeated: both places stand where the noun does, and a "where" after them takes both
        ("Les hommes de Wagner ont combattu dans les déserts de Syrie et de Libye.", "fr",
         {("wagner", "SYR", "present"), ("wagner", "LBY", "present")}),
        ("Les hommes de Wagner connaissent les déserts de Syrie et de Libye, où ils ont combattu.", "fr",
         {("wagner", "SYR", "present"), ("wagner", "LBY", "present")}),
    ],
    "Russian words for what the English list has": [
        ("Российские военные вмешались в конфликт на востоке Украины.", "ru", {("russia", "UKR", "present")}),
        ("Российские военные работали в Лаосе и вернулись на родину.", "ru", {("russia", "LAO", "ended")}),
        ("Инженеры Вооружённых сил России работают в Лаосе.", "ru", {("russia", "LAO", "present")}),
        ("Корабль вернулся от берегов Сирии, где с 2015 года действует российская авиагруппа.", "ru",
         {("russia", "SYR", "present")}),
    ],
    "Russian verbs with an aspect prefix": [
        ("ЧВК успела повоевать в Сирии, в Судане и в Ливии.", "ru",
         {("wagner", "SYR", "present"), ("wagner", "SDN", "present"), ("wagner", "LBY", "present")}),
        ("Российские военные прослужили в Таджикистане много лет.", "ru", {("russia", "TJK", "present")}),
    ],
    "a military presence named by the state's adjective": [
        ("Il s'agit de la première présence militaire russe reconnue au Niger.", "fr", {("russia", "NER", "present")}),
        ("La présence militaire russe en Syrie se réduit.", "fr", {("russia", "SYR", "present")}),
    ],
    "a heading's country is where its section is told": [
        ("Libya: the logistics hub\n\nThe eastern airfields have grown busy since the fall of Assad. "
         "Russian troops maintain the runways and the air defences.", "en", {("russia", "LBY", "present")}),
        ("Centrafrique : le modèle russe\n\nLes paramilitaires de Wagner gardent le palais et les mines d'or "
         "depuis 2018.", "fr", {("wagner", "CAF", "present")}),
        ("Ливия: логистический узел\n\nРоссийские военные обслуживают аэродромы и системы ПВО.", "ru",
         {("russia", "LBY", "present")}),
        # a heading with no country ends the section; furniture and a heading of two countries are no topic
        ("Libya: the logistics hub\n\nRussian troops maintain the runways.\n\nWhat comes next\n\n"
         "Wagner fighters are deployed to guard the gold mines.", "en", {("russia", "LBY", "present")}),
        ("Read more: Mali's junta extends its rule\n\nWagner fighters are deployed to guard the gold mines.", "en", set()),
        ("Mali and Niger: a new alliance\n\nRussian troops maintain the runways.", "en", set()),
    ],
    "a paragraph that opens on one country is told there": [
        ("Libya is the hub of Moscow's network in Africa. Russian troops maintain the runways and the air defences.",
         "en", {("russia", "LBY", "present")}),
        ("Au Mali, la situation est différente. Les instructeurs russes forment les soldats de l'armée.", "fr",
         {("russia", "MLI", "present")}),
        ("В Ливии ситуация иная. Российские военные обслуживают аэродромы.", "ru", {("russia", "LBY", "present")}),
        # a country named later in the paragraph, as what officials worry about, is not its setting
        ("Officials say the junta is worried about security in Mali. Russian troops maintain the runways.", "en", set()),
    ],
    "a state's war on a country is its presence there": [
        ("Russia's full-scale invasion of Ukraine has made all of this harder to sustain.", "en",
         {("russia", "UKR", "present")}),
        ("Defenders of the alliance say Russia is stretched thin by its war in Ukraine.", "en",
         {("russia", "UKR", "present")}),
        ("Depuis l'invasion de l'Ukraine par la Russie, les Occidentaux surveillent Yaoundé.", "fr",
         {("russia", "UKR", "present")}),
        ("L'accord a été signé après le début de l'invasion russe de l'Ukraine.", "fr", {("russia", "UKR", "present")}),
        ("После вторжения России в Украину выплаты выросли.", "ru", {("russia", "UKR", "present")}),
        ("Россия вторглась в Украину в феврале 2022 года.", "ru", {("russia", "UKR", "present")}),
        # a military operation, campaign or intervention is waged the same way
        ("С осени 2015 года Россия ведёт военную операцию в Сирии.", "ru", {("russia", "SYR", "present")}),
        ("Russia's military intervention in Syria turned the war in Assad's favour.", "en",
         {("russia", "SYR", "present")}),
        ("L'intervention militaire russe en Syrie a commencé en 2015.", "fr", {("russia", "SYR", "present")}),
        ("Analysts in Chisinau feared a Russian intervention in Moldova.", "en", set()),
        # a war feared or prepared is none; nor is a war the state does not own in the words, or a
        # country named after other words
        ("Western capitals warned of a Russian invasion of Ukraine.", "en", set()),
        ("Москва отвергает обвинения в подготовке вторжения в Украину.", "ru", set()),
        ("Serbia will not join sanctions against Moscow over the war in Ukraine.", "en", set()),
        ("Moscow, distracted by its war and wary of Baku's ally Ankara, did nothing.", "en", set()),
    ],
    "a phrase pointing back opens a clause that names the other actor": [
        ("Африканский корпус расширяет присутствие. В Мали его подразделения работают параллельно с "
         "остающимися там бойцами «Вагнера».", "ru", {("russia", "MLI", "present"), ("wagner", "MLI", "present")}),
        ("L'Africa Corps a été créé en 2023. Au Mali, ses troupes encadrent les combattants de Wagner.", "fr",
         {("russia", "MLI", "present"), ("wagner", "MLI", "present")}),
        ("The Africa Corps was set up in 2023. Its units work in Mali alongside Wagner's fighters.", "en",
         {("russia", "MLI", "present"), ("wagner", "MLI", "present")}),
        # the actor's own name after the phrase, or in a relative on it, says whose it is
        ("Le corps africain a été créé en 2023. Au Mali, les combattants de Wagner appuient l'armée depuis 2021.", "fr",
         {("wagner", "MLI", "present")}),
        ("Российские военные прибыли в Бамако. Компании, которые связывают с Евгением Пригожиным, добывают золото "
         "в Судане.", "ru", {("russia", "MLI", "present"), ("wagner", "SDN", "present")}),
    ],
    "a force noun the state owns in the genitive": [
        ("В Таджикистане размещена военная база России.", "ru", {("russia", "TJK", "present")}),
        ("В Сирии остаются войска России.", "ru", {("russia", "SYR", "present")}),
        # the state first of several owners: the others are owners too, not places
        ("Батальон участвовал в совместных учениях военных России, Таджикистана и Узбекистана.", "ru", set()),
    ],
    "warships named by their class": [
        ("A Russian frigate has been based at Tartus since 2017.", "en", {("russia", "SYR", "present")}),
        ("Un sous-marin russe est basé à Tartous.", "fr", {("russia", "SYR", "present")}),
        ("A Russian frigate and a nuclear submarine sailed into Havana harbour.", "en", set()),  # a port call: no cue
    ],
    "a facility's town stands where the facility does": [
        ("Des instructeurs militaires russes sont arrivés à l'aéroport international Diori-Hamani de Niamey.", "fr",
         {("russia", "NER", "present")}),
        ("Des militaires russes sont entrés dans la base aérienne 101 de Niamey.", "fr", {("russia", "NER", "present")}),
        ("Russian troops landed late on Tuesday at the main international airport of Bamako.", "en",
         {("russia", "MLI", "present")}),
    ],
    "a possessive points to the subject of the sentence before, whatever its word order": [
        # Russian puts the verb first after a fronted adverbial; the singular adjective forms count
        ("В 2024 году в Нигере появился «Африканский корпус». В июле его первый контингент прибыл в Ниамей.",
         "ru", {("russia", "NER", "present")}),
        ("В конце года сформировался Африканский корпус. В мае его новый батальон вошёл в Мали.", "ru",
         {("russia", "MLI", "present")}),
    ],
    "absorbed into the other actor is replaced by it": [
        ("Wagner's fighters in Libya were quietly folded into the Africa Corps last spring.", "en",
         {("wagner", "LBY", "ended"), ("russia", "LBY", "present")}),
        ("Au Mali, les hommes de Wagner ont été intégrés cette année dans l'Africa Corps.", "fr",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        ("В Ливии «Африканский корпус» вобрал в себя бывший контингент «Вагнера».", "ru",
         {("wagner", "LBY", "ended"), ("russia", "LBY", "present")}),
        # a passive with a time between the verb and "by"
        ("In Mali, Wagner's men were replaced last summer by Africa Corps units.", "en",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        # the state that acts on it is not where it happens
        ("The United States sanctioned two firms after Wagner's men were folded into the Africa Corps.", "en", set()),
        # another name of the new actor between the old one and the verb
        ("В Ливии подразделения «Вагнера» были переподчинены Минобороны и вошли в состав «Африканского корпуса».",
         "ru", {("wagner", "LBY", "ended"), ("russia", "LBY", "present")}),
        ("Бойцы «Вагнера» на базах в Ливии были заменены военнослужащими Минобороны.", "ru",
         {("wagner", "LBY", "ended"), ("russia", "LBY", "present")}),
    ],
    "a departure with its subject left out, after a fronted circumstance": [
        ("Wagner's contractors fought in Mozambique, but after several deadly ambushes left the country in 2020.",
         "en", {("wagner", "MOZ", "ended")}),
        ("Les mercenaires de Wagner ont combattu au Mozambique, mais après de lourdes pertes ont quitté le pays.",
         "fr", {("wagner", "MOZ", "ended")}),
        ("Бойцы «Вагнера» воевали в Мозамбике, но после нескольких засад ушли из страны.", "ru",
         {("wagner", "MOZ", "ended")}),
        # a circumstance before a verb of presence keeps the first clause's reading
        ("Wagner's contractors fought in Mozambique, but after the ambushes stayed in the bases.", "en",
         {("wagner", "MOZ", "present")}),
    ],
    "who leaves is the subject of the leaving verb, not the sentence's actor": [
        # a subordinate clause with its own subject
        ("Moscow's instructors have been in the Sahel since the French army left Mali in 2022.", "en", set()),
        ("Russia's Africa Corps, which took over when the Wagner Group left Mali, now escorts convoys near Kayes.",
         "en", {("russia", "MLI", "present")}),
        # a relative whose verb lies a few words after its pronoun
        # (and the place they left is where the Africa Corps took over: GUIDE, a replacement)
        ("L'Africa Corps a pris le relais des hommes de Wagner, qui ont finalement annoncé avoir quitté le Mali.",
         "fr", {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        # a subject that names no one else is the actor's own men
        ("Wagner fighters held trenches near Bakhmut until May, when the last of them were pulled out of Ukraine.",
         "en", {("wagner", "UKR", "ended")}),
        # the one handed the positions stays
        ("The group handed its positions near Bakhmut to the regular Russian army and pulled its men out of Ukraine.",
         "en", set()),
    ],
    "a country's own army, ranges or forces stand where the actor is beside them": [
        ("Russian instructors now train Niger's army.", "en", {("russia", "NER", "present")}),
        ("Wagner contractors fought alongside Mali's soldiers near Kidal.", "en", {("wagner", "MLI", "present")}),
        ("Russian troops rotate through Belarusian ranges for joint drills.", "en", {("russia", "BLR", "present")}),
        ("Инструкторы «Вагнера» продолжают работать на белорусских полигонах.", "ru", {("wagner", "BLR", "present")}),
        # a country's army named with no training or fighting beside it is no host
        ("Russian diplomats in Moscow praised Mali's army.", "en", set()),
    ],
    "'similar units' points back to the actor's": [
        ("Russian instructors train the Nigerien army. In neighbouring Mali and Burkina Faso, similar contingents "
         "are already at work.", "en",
         {("russia", "NER", "present"), ("russia", "MLI", "present"), ("russia", "BFA", "present")}),
        ("В Нигере российские инструкторы обучают армию. Такие же подразделения уже работают в Мали.", "ru",
         {("russia", "NER", "present"), ("russia", "MLI", "present")}),
    ],
    "what posts and viral videos claim is a rumour": [
        ("Dozens of posts on X and Telegram claimed that Russian paratroopers had landed in Lomé.", "en", set()),
        ("Des publications sur Facebook affirmaient que des soldats russes avaient débarqué à Abidjan.", "fr", set()),
        ("Вирусное видео о том, что российские военные высадились в Дакаре, оказалось фейком.", "ru", set()),
    ],
    "Russian news names the defence ministry alone for Russia's forces": [
        ("Подразделения Минобороны прибыли в Мали весной.", "ru", {("russia", "MLI", "present")}),
        # "куда" on a kind of place: the place of its own sentence, not one named before
        ("В Мали ситуация иная. Буркина-Фасо стала первой страной, куда Минобороны направило военных напрямую.", "ru",
         {("russia", "BFA", "present")}),
    ],
    "a Russian list item gaps its verb with a dash after a time": [
        ("Бойцы «Вагнера» высадились в Ливии в 2019 году, а в конце 2021 года — в Мали.", "ru",
         {("wagner", "LBY", "present"), ("wagner", "MLI", "present")}),
        ("Российские инструкторы прибыли в ЦАР в 2018 году, летом — в Судан.", "ru",
         {("russia", "CAF", "present"), ("russia", "SDN", "present")}),
        # the dash after another subject is that subject's verb, not the actor's
        ("Российские военные прибыли в Ливию, а французские войска — в Чад.", "ru", {("russia", "LBY", "present")}),
        # the year in any case ("в 2022 году", "в 2022–2023 годах"), and "на фронте в"
        ("«Вагнер» воевал в Сирии с 2015 года, а в 2022 году — в Ливии.", "ru",
         {("wagner", "SYR", "present"), ("wagner", "LBY", "present")}),
        ("Наёмники «Вагнера» воевали в Сирии, а в 2022–2023 годах — на фронте в Украине.", "ru",
         {("wagner", "SYR", "present"), ("wagner", "UKR", "present")}),
    ],
    "an actor named after another owns the places after it": [
        ("Russia's military footprint on the continent has grown steadily since 2017, when the first Wagner "
         "contractors turned up in Sudan.", "en", {("wagner", "SDN", "present")}),
        ("La présence militaire russe s'est accrue en 2019, lorsque les premiers combattants de Wagner sont "
         "arrivés en Libye.", "fr", {("wagner", "LBY", "present")}),
        ("Российское военное присутствие выросло в 2019 году, когда первые бойцы «Вагнера» прибыли в Ливию.", "ru",
         {("wagner", "LBY", "present")}),
        # joined as one subject, both are there
        ("Wagner and the Africa Corps operated side by side in Mali.", "en",
         {("wagner", "MLI", "present"), ("russia", "MLI", "present")}),
        ("Russian instructors and Wagner fighters work in the Central African Republic.", "en",
         {("russia", "CAF", "present"), ("wagner", "CAF", "present")}),
        # a departure keeps its own leaver, however the other actor is named before the place
        ("After the town fell, Wagner handed its positions to regular Russian troops and pulled all its "
         "fighters out of Ukraine.", "en", {("wagner", "UKR", "ended")}),
    ],
    "a state that intervenes in a country, or uses its bases, is there": [
        ("In 2015 Russia intervened in Syria to save Assad.", "en", {("russia", "SYR", "present")}),
        ("Россия вмешалась в войну в Сирии в 2015 году.", "ru", {("russia", "SYR", "present")}),
        ("В Киргизии Россия использует авиабазу Кант под Бишкеком.", "ru", {("russia", "KGZ", "present")}),
        # where the goods go from those bases is not where the men are
        ("Африканский корпус использует ливийские базы как перевалочный пункт для поставок в Мали и Нигер.", "ru",
         {("russia", "LBY", "present")}),
        # the French verb mostly means "takes place"
        ("L'annonce intervient alors que Moscou négocie avec le Mali.", "fr", set()),
    ],
    "the network's political consultants are Wagner where the article names it": [
        ("Prigozhin's companies paid for it. In Madagascar, political technologists worked on the 2018 presidential "
         "election.", "en", {("wagner", "MDG", "present")}),
        ("Структуры Пригожина действовали не только в Африке. На Мадагаскаре в 2018 году политтехнологи работали на "
         "президентских выборах.", "ru", {("wagner", "MDG", "present")}),
        # without the group named, consultants are anyone's
        ("American political consultants worked in Madagascar in 2018.", "en", set()),
    ],
    "the noun of a deployment, the actor after the place": [
        ("Развёртывание в Нигере российских военных инструкторов стало главной темой недели.", "ru",
         {("russia", "NER", "present")}),
        # the capital that names the arrival is the one speaking
        ("В Вашингтоне назвали прибытие российского контингента безответственным шагом.", "ru", set()),
    ],
    "a plan denied after the claim is a stay": [
        ("Wagner fighters are in Mali with no plans to leave.", "en", {("wagner", "MLI", "present")}),
        ("Les combattants de Wagner sont au Mali, sans intention de partir.", "fr", {("wagner", "MLI", "present")}),
        # the claim's own negation still denies it
        ("Wagner fighters are not in Mali.", "en", set()),
        # a leaving verb after the place under a negation or a plan is no departure yet
        ("Бойцы «Вагнера» остаются в Мали и не собираются уходить.", "ru", {("wagner", "MLI", "present")}),
        ("Russian troops deployed to Kazakhstan plan to leave next week.", "en", {("russia", "KAZ", "present")}),
        ("Russian troops deployed to Kazakhstan flew home on Wednesday.", "en", {("russia", "KAZ", "ended")}),
    ],
    "a fleet named is the state's navy": [
        ("The Northern Fleet's carrier group took part in the operation in Syria.", "en", {("russia", "SYR", "present")}),
        ("Корабли Черноморского флота базируются в Тартусе.", "ru", {("russia", "SYR", "present")}),
        ("Des navires de la flotte de la mer Noire sont basés à Tartous, en Syrie.", "fr", {("russia", "SYR", "present")}),
        # the sea is not the fleet
        ("Turkey closed the straits between the Black Sea and the Mediterranean to warships.", "en", set()),
    ],
    "one soldier stands for his force, and his death or his years place him": [
        ("A Russian soldier was killed in Mali.", "en", {("russia", "MLI", "present")}),
        ("Un soldat russe a été tué au Mali en février.", "fr", {("russia", "MLI", "present")}),
        ("The mother of a Russian contractor killed in eastern Syria has sued a recruitment firm.", "en",
         {("wagner", "SYR", "present")}),
        ("He spent almost three years with the Wagner Group, first in the Central African Republic and then in "
         "Sudan.", "en", {("wagner", "CAF", "present"), ("wagner", "SDN", "present")}),
        ("Он подписал контракт с «Африканским корпусом» и был направлен в Мали.", "ru", {("russia", "MLI", "present")}),
        # a speaker, or the adjective of a private company, is no soldier on the ground
        ("A Russian officer said the talks with Mali went well.", "en", set()),
        ("La société militaire privée russe Wagner est déployée au Mali.", "fr", {("wagner", "MLI", "present")}),
    ],
    "a host country in either aspect": [
        ("Соседняя Буркина-Фасо с начала 2024 года принимает российских военных инструкторов.", "ru",
         {("russia", "BFA", "present")}),
        ("Мали принимает решение о выходе из ЭКОВАС.", "ru", set()),
    ],
    "a Russian verb counts in either aspect": [
        # perfective beside imperfective: "разместила" as "размещены", "обучили" as "обучают"
        ("В Сирии идёт война. Россия разместила там свои войска.", "ru", {("russia", "SYR", "present")}),
        ("Российские инструкторы обучили сотни солдат в Мали.", "ru", {("russia", "MLI", "present")}),
        # kept a force: still there
        ("После смены власти Россия сохранила ограниченный контингент на базе в Тартусе.", "ru",
         {("russia", "SYR", "present")}),
        # kept influence, or a plan to place troops: nothing
        ("Россия сохранила влияние в Сирии.", "ru", set()),
        ("Россия может разместить войска в Судане.", "ru", set()),
    ],
    "the land and its quarters stand where their noun does, however long the phrase": [
        ("Wagner's contractors spent two years fighting in the vast empty desert of Libya.", "en",
         {("wagner", "LBY", "present")}),
        ("Les mercenaires de Wagner patrouillent dans le vaste désert du nord du Mali.", "fr",
         {("wagner", "MLI", "present")}),
        # beside a country's own rulers, however the phrase names them
        ("Russian instructors now serve alongside the ruling military juntas of Niger and Mali.", "en",
         {("russia", "NER", "present"), ("russia", "MLI", "present")}),
        # the land of a country named as an owner or a threat is still no presence
        ("Analysts say the northern desert of Mali is a threat to Algeria.", "en", set()),
    ],
    "a fronted phrase speaks of the forces of the state after it": [
        ("With much of its army bogged down in Ukraine, Russia could spare few men for the Caucasus.", "en",
         {("russia", "UKR", "present")}),
        ("Avec ses soldats embourbés en Ukraine, la Russie livre moins d'armes à ses clients.", "fr",
         {("russia", "UKR", "present")}),
        ("Présente militairement en Syrie depuis 2015, Moscou veut peser au Proche-Orient.", "fr",
         {("russia", "SYR", "present")}),
        # another state's forces, or no forces at all: nothing
        ("With its troops stationed in Chad, France watched the border closely.", "en", set()),
        ("With its economy weakened by sanctions on Syria, Russia cut its aid budget.", "en", set()),
    ],
    "the places a 'where' relative describes, listed after it": [
        ("Analysts count the states where Russian soldiers are now deployed: Mali, Niger and Burkina Faso.", "en",
         {("russia", "MLI", "present"), ("russia", "NER", "present"), ("russia", "BFA", "present")}),
        ("Voici les pays où les paramilitaires de Wagner sont présents : la Libye, le Soudan et la Centrafrique.",
         "fr", {("wagner", "LBY", "present"), ("wagner", "SDN", "present"), ("wagner", "CAF", "present")}),
        # between dashes: the list ends at the second dash, and what follows is another clause
        ("В государствах, где служат российские военные, — Мали и Нигере — растёт добыча золота в Гане.", "ru",
         {("russia", "MLI", "present"), ("russia", "NER", "present")}),
        ("The only country where Wagner still keeps its own name - the Central African Republic.", "en",
         {("wagner", "CAF", "present")}),
        # left: the relative's verb is a departure
        ("Consider the countries where Wagner fighters used to operate before they withdrew: Mozambique and "
         "Madagascar.", "en", {("wagner", "MOZ", "ended"), ("wagner", "MDG", "ended")}),
        # denied, or planned: nothing for the list
        ("These are the countries where Russia has no troops at all: Ghana, Togo and Benin.", "en", set()),
        ("Les pays où Moscou voudrait déployer des instructeurs : le Tchad et le Togo.", "fr", set()),
    ],
    "two actors in one clause keep their own places": [
        # the places of the first actor's verb, before the second actor is named, are not the second's
        ("The Africa Corps has sent troops to Burkina Faso and Niger this year and has taken over from Wagner "
         "in Libya.", "en", {("russia", "BFA", "present"), ("russia", "NER", "present"), ("russia", "LBY", "present"),
                             ("wagner", "LBY", "ended")}),
        # an actor named as absent is not there, and its "without" does not deny the other
        ("In Burkina Faso the Africa Corps deployed without Wagner.", "en", {("russia", "BFA", "present")}),
        ("L'Africa Corps s'est installé au Niger sans l'aide de Wagner.", "fr", {("russia", "NER", "present")}),
        ("Африканский корпус развернулся в Нигере без участия «Вагнера».", "ru", {("russia", "NER", "present")}),
        # a "where" on a place leading to the second actor makes the place the second's too
        ("L'Africa Corps est déjà présent au Mali, où il épaule les hommes de Wagner.", "fr",
         {("russia", "MLI", "present"), ("wagner", "MLI", "present")}),
        # a replacement gives its places only to its own clause, and to the place its "where" hangs on
        ("Африканский корпус развёрнут в Буркина-Фасо и Нигере, а летом окончательно сменил «Вагнер» в Мали.", "ru",
         {("russia", "BFA", "present"), ("russia", "NER", "present"), ("russia", "MLI", "present"),
          ("wagner", "MLI", "ended")}),
        ("Cargo planes landed at al-Jufra in Libya, where the Africa Corps has taken the place of the Wagner men "
         "who came to back Haftar's push on Tripoli.", "en",
         {("russia", "LBY", "present"), ("wagner", "LBY", "ended")}),
    ],
    "a departure handing over to the other actor": [
        ("Wagner left Mali in June, handing its bases to the Africa Corps.", "en",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        ("Wagner a quitté le Mali en juin, passant le relais à l'Africa Corps.", "fr",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        ("Летом «Вагнер» ушёл из Мали, передав базы и задачи «Африканскому корпусу».", "ru",
         {("wagner", "MLI", "ended"), ("russia", "MLI", "present")}),
        # only begun, or still under way: the one handing over is still there
        ("The Wagner Group has begun pulling its fighters out of Bakhmut and handing its positions to the "
         "Russian regular army.", "en", {("wagner", "UKR", "present"), ("russia", "UKR", "present")}),
        ("В Мали «Вагнер» постепенно уступает место Африканскому корпусу.", "ru",
         {("wagner", "MLI", "present"), ("russia", "MLI", "present")}),
    ],
    "a correction or a social-media claim takes back what it reports": [
        ("Correction: an earlier version of this article wrongly said that Russian troops had arrived in Chad.", "en",
         set()),
        ("Social media accounts have been circulating claims that Wagner fighters arrived in Haiti.", "en", set()),
        ("Rectificatif : dans une première version de cet article, nous indiquions que des paramilitaires russes "
         "avaient été aperçus à Agadez.", "fr", set()),
        ("Plusieurs publications sur les réseaux sociaux ont depuis affirmé que des combattants du groupe Wagner "
         "étaient arrivés à Garoua.", "fr", set()),
        ("Уточнение: в первоначальной версии заметки ошибочно говорилось, что российские военные прибыли в Чад.",
         "ru", set()),
        ("В соцсетях распространяются утверждения, что в Ниамей уже прибыли бойцы ЧВК «Вагнер».", "ru", set()),
        # the report itself, confirmed, stands
        ("Officials confirmed that Wagner fighters arrived in Haiti last week.", "en", {("wagner", "HTI", "present")}),
    ],
    "a part of the men leaving is no departure of the actor": [
        ("Most of the Wagner fighters who arrived in Belarus last summer have left the country.", "en",
         {("wagner", "BLR", "present")}),
        ("Большая часть бойцов «Вагнера», прибывших летом в Беларусь, покинула страну.", "ru",
         {("wagner", "BLR", "present")}),
        ("Une partie des paramilitaires de Wagner arrivés au Mali en 2021 a quitté le pays.", "fr",
         {("wagner", "MLI", "present")}),
        # the whole company, named by its kind, is no part of it
        ("Частная военная компания «Вагнер» завершила свою миссию в Мали и вывела оттуда своих бойцов.", "ru",
         {("wagner", "MLI", "ended")}),
        ("Бойцы «Вагнера», прибывшие летом в Беларусь, покинули страну.", "ru", {("wagner", "BLR", "ended")}),
        # "some" analysts are no part of the men; "some had left" is
        ("Some analysts say Wagner fighters have left Mali.", "en", {("wagner", "MLI", "ended")}),
        ("Wagner fighters were flown to al-Jufra in Libya, and some had left the country.", "en",
         {("wagner", "LBY", "present")}),
    ],
    "a private military company's men, and the republic they left": [
        ("Российские частные военные специалисты, помогавшие властям Мозамбика, покинули республику.", "ru",
         {("wagner", "MOZ", "ended")}),
        ("Une société militaire privée russe est présente en Centrafrique depuis 2018.", "fr",
         {("wagner", "CAF", "present")}),
        ("Бойцы «Вагнера» прибыли в Центральноафриканскую Республику в 2018 году.", "ru",
         {("wagner", "CAF", "present")}),
    ],
    "a country's own name is no pointer to another": [
        ("The Central African Republic is the last country where Wagner still operates under its own name.", "en",
         {("wagner", "CAF", "present")}),
    ],
    "an actor's permanent site abroad, named (actors.toml facilities)": [
        ("Syrian officers met the commanders at the Hmeimim air base on Tuesday.", "en", {("russia", "SYR", "present")}),
        ("Deux frégates sont amarrées à Tartous depuis l'hiver, a indiqué l'amiral.", "fr", {("russia", "SYR", "present")}),
        ("Авиабаза Кант под Бишкеком принимает новые вертолёты.", "ru", {("russia", "KGZ", "present")}),
        ("The 201st base keeps about 7,000 personnel in Dushanbe and Bokhtar.", "en", {("russia", "TJK", "present")}),
        ("Жители Гюмри давно привыкли к 102-й базе на окраине города.", "ru", {("russia", "ARM", "present")}),
        # a stop on the way, a plan, a denial or a departure: not by the name alone
        ("The jets refuelled at Hmeimim before flying on to Libya.", "en", set()),
        ("Moscou voudrait garder Tartous si les nouvelles autorités y consentent.", "fr", set()),
        ("Россия так и не получила базу в Порт-Судане, а Хмеймим больше не принимает её самолёты.", "ru", set()),
        ("Russian warships left Syria and the port of Tartus in January.", "en", {("russia", "SYR", "ended")}),
        # the philosopher is no air base
        ("Students in Bishkek read Kant and Hegel in their first year.", "en", set()),
    ],
}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [pytest.param(text, lang, expected, id=f"{name}-{i}")
     for name, cases in _BY_CLASS.items() for i, (text, lang, expected) in enumerate(cases)],
)
def test_presence_by_structural_class(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


def test_a_place_opening_the_second_actors_own_clause_is_its() -> None:
    """"..., and in Burkina Faso a unit of the Africa Corps arrived": Burkina Faso stands between the
    two actors but opens the second's clause. (The clause is not split at ", and in", so Mali and
    Burkina Faso still reach both actors; that is left to the clause splitter.)"""
    found = claims("In Mali, Wagner fighters have backed the army since 2021, and in Burkina Faso a unit of the "
                   "Africa Corps arrived in January.", "en")
    assert {("wagner", "MLI", "present"), ("russia", "BFA", "present")} <= found
