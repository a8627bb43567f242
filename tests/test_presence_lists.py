"""Presence in lists, ranges and relative clauses (issue 14, round two), on sentences written here."""

from __future__ import annotations

import pytest

from geo.extract import extract
from news.models import Article
from news.presence import find_claims
from tests.presence_claims import claims

# the rules' own cases: the learned layer is measured over the labelled sets (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # both ends of a range are places the actor is in; nothing is said of the countries between
        ("Wagner contractors have been active from Libya to the Central African Republic.", "en",
         {("wagner", "LBY", "present"), ("wagner", "CAF", "present")}),
        ("Les paramilitaires de Wagner sont présents de la Libye à la Centrafrique.", "fr",
         {("wagner", "LBY", "present"), ("wagner", "CAF", "present")}),
        ("Наёмники «Вагнера» действуют от Ливии до Мозамбика.", "ru",
         {("wagner", "LBY", "present"), ("wagner", "MOZ", "present")}),
    ],
)
def test_range_places_both_ends(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


def test_departure_from_is_not_a_range() -> None:
    """A leaving cue's "from" keeps its meaning: the country left is ended, the other present."""
    got = claims("Wagner fighters withdrew from Mozambique to Libya in 2020.", "en")
    assert ("wagner", "MOZ", "ended") in got


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a negation inside a relative aside belongs to the aside, not to the main clause
        ("Le groupe Wagner, dont l'existence n'est pas reconnue officiellement, a combattu en Syrie.", "fr",
         {("wagner", "SYR", "present")}),
        ("The Wagner Group, which Moscow has never officially recognised, has fought in Syria.", "en",
         {("wagner", "SYR", "present")}),
        ("ЧВК «Вагнер», которая официально не признана, воевала в Сирии.", "ru",
         {("wagner", "SYR", "present")}),
        # the aside's own negation still holds inside it: a denied departure stays, a denied place is dropped
        ("Wagner, which did not leave Mali, is also fighting in Sudan.", "en",
         {("wagner", "MLI", "present"), ("wagner", "SDN", "present")}),
        ("Wagner, qui n'est pas présent au Niger, combat au Soudan.", "fr", {("wagner", "SDN", "present")}),
        # the aside may open on an adjective before its relative pronoun
        ("Le groupe Wagner, réputé proche du Kremlin et dont l'existence n'est pas reconnue, a combattu en Libye.", "fr",
         {("wagner", "LBY", "present")}),
        # a negation of the main clause still cancels it
        ("Le groupe Wagner, dont le chef est mort, n'a jamais combattu en Syrie.", "fr", set()),
    ],
)
def test_relative_aside_negation_stays_in_the_aside(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "ainsi que", "as well as", "а также" join a list's items like "and"
        ("Des instructeurs russes opèrent au Mali ainsi que le Burkina Faso.", "fr",
         {("russia", "MLI", "present"), ("russia", "BFA", "present")}),
        ("Wagner fighters are deployed in Libya as well as Sudan.", "en",
         {("wagner", "LBY", "present"), ("wagner", "SDN", "present")}),
        # ", а также" continues the clause instead of opening a contrast
        ("Бойцы «Вагнера» работают в Мали, а также в ЦАР.", "ru",
         {("wagner", "MLI", "present"), ("wagner", "CAF", "present")}),
        ("Бойцы «Вагнера» работают в Мали и также Ливии.", "ru",
         {("wagner", "MLI", "present"), ("wagner", "LBY", "present")}),
    ],
)
def test_list_introducers_join_items(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clause that drops its subject is about the actor the sentence named before
        ("Бойцы «Вагнера» воевали в Сирии и Ливии; в Центральноафриканской Республике и Мали охраняют местных руководителей.",
         {("wagner", "SYR", "present"), ("wagner", "LBY", "present"), ("wagner", "CAF", "present"),
          ("wagner", "MLI", "present")}),
        # a dash stands for the verb left out
        ("Российские военные охраняют президента в Буркина-Фасо, а в Нигере — обучают местную армию.",
         {("russia", "BFA", "present"), ("russia", "NER", "present")}),
        # a clause of bare places belongs to the verb before it
        ("Бойцы «Вагнера» воевали в Сирии, а затем в Центральноафриканской Республике и Ливии.",
         {("wagner", "SYR", "present"), ("wagner", "CAF", "present"), ("wagner", "LBY", "present")}),
        # a clause with a subject of its own is not the actor's
        ("Бойцы «Вагнера» воевали в Сирии; в Ливии боевики Хафтара охраняют нефтяные поля.",
         {("wagner", "SYR", "present")}),
    ],
)
def test_russian_dropped_subject_and_gapped_verb(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "группа" points back to the actor named before, as "the group" and "le groupe" do
        ("ЧВК «Вагнер» набирает бойцов. Группа уже работает в Мали и Ливии.",
         {("wagner", "MLI", "present"), ("wagner", "LBY", "present")}),
        # the corps' own men, and the actor's presence, point back to it
        ("Африканский корпус расширяет сеть. Военнослужащие корпуса находятся в Нигере.", {("russia", "NER", "present")}),
        ("ЧВК «Вагнер» сокращает штат. Ранее их присутствие фиксировалось в Судане.", {("wagner", "SDN", "present")}),
        # the company's men: an oblique case of "компания" points back too
        ("ЧВК «Вагнер» сокращает штат. Часть бойцов компании по-прежнему работает в ЦАР.", {("wagner", "CAF", "present")}),
    ],
)
def test_russian_pointers_to_the_actor(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # holding ground is presence
        ("Des hommes de Wagner ont pris position autour de Bria, en Centrafrique, selon des sources humanitaires.",
         {("wagner", "CAF", "present")}),
        ("Au Mali, les paramilitaires de Wagner tiennent désormais plusieurs bases.", {("wagner", "MLI", "present")}),
        # an attribution tail leaves the claim standing
        ("Des mercenaires de Wagner combattent aux côtés des FAMa au Mali, selon une source sécuritaire.",
         {("wagner", "MLI", "present")}),
    ],
)
def test_french_holding_ground(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, "fr") == expected


def test_the_capital_points_to_the_country_whose_capital_was_named() -> None:
    """"the capital" is the named capital's country, not the last country named in passing."""
    got = claims("BANGUI, Aug 20 — Wagner men escort lorries on the road to Cameroon. "
                 "Russian instructors train recruits at a camp in the capital.", "en")
    assert ("russia", "CAF", "present") in got
    assert not any(iso == "CMR" for _, iso, _ in got)


@pytest.mark.parametrize(
    ("text", "lang", "actor"),
    [
        # a pointer headed by a word of an actor's own name is that actor, whoever was named last
        ("Wagner fighters guard the mines. Russian instructors arrived later. The group is also present in Sudan.",
         "en", "wagner"),
        ("Le groupe Wagner garde les mines. Des instructeurs russes sont arrivés ensuite. "
         "Le groupe est aussi présent au Soudan.", "fr", "wagner"),
        ("Wagner fighters guard the mines. The Africa Corps took over in March. The corps is also deployed in Sudan.",
         "en", "russia"),
    ],
)
def test_pointer_by_the_actors_own_name_word(text: str, lang: str, actor: str) -> None:
    assert {(a, iso) for a, iso, _ in claims(text, lang) if iso == "SDN"} == {(actor, "SDN")}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a list of clauses, one country each, pointing back to the actor through "où il", "where it", "где они"
        ("Depuis 2017, le groupe Wagner s'est déployé en Afrique : au Soudan, où il protège des mines d'or ; "
         "en Centrafrique, où il garde le président.", "fr"),
        ("Since 2017 the Wagner Group has spread across Africa: to Sudan, where it guards gold mines; "
         "to the Central African Republic, where it trains the army.", "en"),
        ("С 2017 года ЧВК «Вагнер» расширила присутствие в Африке: в Судане, где она охраняет прииски; "
         "в ЦАР, где они обучают армию.", "ru"),
    ],
)
def test_list_of_where_clauses(text: str, lang: str) -> None:
    assert {("wagner", "SDN", "present"), ("wagner", "CAF", "present")} <= claims(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the actor has, keeps or maintains men somewhere: they are there
        ("The Wagner Group has grown. It has previously had men in Libya, Sudan and Syria.", "en",
         {("wagner", "LBY", "present"), ("wagner", "SDN", "present"), ("wagner", "SYR", "present")}),
        ("Le groupe Wagner recrute. Il a des hommes au Mali.", "fr", {("wagner", "MLI", "present")}),
        ("ЧВК «Вагнер» держит несколько сотен бойцов в Ливии.", "ru", {("wagner", "LBY", "present")}),
    ],
)
def test_having_men_somewhere(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


def test_members_named_after_a_far_collective_noun_stand_where_it_does() -> None:
    # "in at least five African states, among them Libya and Sudan": the preposition is too far
    # from the list for the locative window; the list stands where "states" does
    art = Article("t", None, "", "", None, "en",
                  "Wagner has over the years operated in at least five African states, among them Libya and Sudan.",
                  "test")
    got = {(c.actor, c.iso3, c.status) for c in find_claims(art, extract(art.text or "", "en"))}
    assert {("wagner", "LBY", "present"), ("wagner", "SDN", "present")} <= got


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a list of hosts before the verb: every item hosts, not only the one next to the verb
        ("Chad, Burkina Faso and Niger have invited Russian instructors.", "en",
         {("russia", "TCD", "present"), ("russia", "BFA", "present"), ("russia", "NER", "present")}),
        ("Le Mali, le Burkina Faso et le Niger ont fait appel aux instructeurs russes.", "fr",
         {("russia", "MLI", "present"), ("russia", "BFA", "present"), ("russia", "NER", "present")}),
        # a relative aside between the host and its verb is skipped: Mali hired Wagner, Niger (inside
        # the aside) did not
        ("Mali, which borders Niger, hired Wagner.", "en", {("wagner", "MLI", "present")}),
    ],
)
def test_a_list_of_hosts_shares_the_verb(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "where" points back to the place before it in every language, not only in English
        ("Flights go on to Niamey, where Russian instructors are present.", "en", {("russia", "NER", "present")}),
        ("Des vols rejoignent Niamey, où des instructeurs russes sont présents.", "fr", {("russia", "NER", "present")}),
        ("Грузия утратила контроль над Абхазией, где стоят российские военные.", "ru", {("russia", "GEO", "present")}),
    ],
)
def test_where_points_back_in_each_language(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a "where" relative with its own negation: the main clause stands, the relative's actor is not placed
        ("L'Africa Corps opère au Burkina Faso, où Wagner n'a jamais mis les pieds.", "fr", {("russia", "BFA", "present")}),
        ("Африканский корпус работает в Буркина-Фасо, куда ЧВК Вагнера так и не успела зайти.", "ru",
         {("russia", "BFA", "present")}),
        ("The Africa Corps works in Burkina Faso, where Wagner never set foot.", "en", {("russia", "BFA", "present")}),
        # without a negation the relative still points back to the place
        ("Des vols rejoignent Niamey, où des instructeurs russes sont présents.", "fr", {("russia", "NER", "present")}),
    ],
)
def test_a_negated_where_relative_keeps_its_negation(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a colon after a noun for several places opens their list: the clause before places them
        ("Wagner has operated in several African countries: Libya, Sudan and Mali.", "en",
         {("wagner", "LBY", "present"), ("wagner", "SDN", "present"), ("wagner", "MLI", "present")}),
        ("Russian instructors are now in three states: Mali, Burkina Faso and Niger.", "en",
         {("russia", "MLI", "present"), ("russia", "BFA", "present"), ("russia", "NER", "present")}),
        ("Wagner est présent dans plusieurs pays africains : la Libye, le Soudan et le Mali.", "fr",
         {("wagner", "LBY", "present"), ("wagner", "SDN", "present"), ("wagner", "MLI", "present")}),
        ("Вагнер работает в нескольких странах Африки: Ливии, Судане и Мали.", "ru",
         {("wagner", "LBY", "present"), ("wagner", "SDN", "present"), ("wagner", "MLI", "present")}),
        # the places a range passes through are the actor's too
        ("Wagner has spread across Africa: from Libya to Mozambique, by way of Sudan and the Central African Republic.",
         "en", {("wagner", "LBY", "present"), ("wagner", "MOZ", "present"), ("wagner", "SDN", "present"),
                ("wagner", "CAF", "present")}),
        # a colon after the verb, then its places by preposition
        ("Wagner spread: to Sudan in 2017, to the Central African Republic in 2018, then to Libya in 2019.", "en",
         {("wagner", "SDN", "present"), ("wagner", "CAF", "present"), ("wagner", "LBY", "present")}),
        ("Wagner a essaimé : de la Syrie à la Libye, en passant par la Centrafrique et le Soudan.", "fr",
         {("wagner", "SYR", "present"), ("wagner", "LBY", "present"), ("wagner", "CAF", "present"),
          ("wagner", "SDN", "present")}),
        # an intention before the list is not presence
        ("Le Corps africain entend s'implanter dans trois pays : la Libye, le Mali et le Niger.", "fr", set()),
        # a colon after something else still ends the clause
        ("Wagner has one aim: Mali must pay.", "en", set()),
    ],
)
def test_a_colon_opens_a_list_of_places(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a list between dashes after a noun for several places
        ("При этом в двух ключевых странах — Мали и ЦАР — ЧВК Вагнера продолжает работать.", "ru",
         {("wagner", "MLI", "present"), ("wagner", "CAF", "present")}),
        ("In two key countries — Mali and the Central African Republic — Wagner still operates under its own name.", "en",
         {("wagner", "MLI", "present"), ("wagner", "CAF", "present")}),
        # one country, then a dash aside: the aside keeps its own clause
        ("Бойцы ЧВК Вагнера до сих пор остаются в стране — несмотря на соглашение, по которому они должны были "
         "покинуть Ливию.", "ru", set()),
    ],
)
def test_a_list_between_dashes(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    got = claims(text, lang)
    assert expected <= got and not ({("wagner", "LBY", "ended")} & got)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "all three", "les trois pays", "во всех трёх странах": the list of three named before
        ("In Mali, Burkina Faso and Niger, juntas expelled French troops and turned to Russia, which now has "
         "Africa Corps units deployed in all three.", "en",
         {("russia", "MLI", "present"), ("russia", "BFA", "present"), ("russia", "NER", "present")}),
        ("Le Mali, le Burkina Faso et le Niger ont rompu avec Paris. Des instructeurs russes sont désormais présents "
         "dans les trois pays.", "fr",
         {("russia", "MLI", "present"), ("russia", "BFA", "present"), ("russia", "NER", "present")}),
        ("Мали, Буркина-Фасо и Нигер разорвали отношения с Парижем. Российские инструкторы теперь работают во всех "
         "трёх странах.", "ru",
         {("russia", "MLI", "present"), ("russia", "BFA", "present"), ("russia", "NER", "present")}),
        # "both countries" still takes two
        ("Mali and Niger expelled French troops; Russian instructors are now in both countries.", "en",
         {("russia", "MLI", "present"), ("russia", "NER", "present")}),
    ],
)
def test_a_plural_pointer_takes_its_count(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "the country" is the last country events were placed in, not the last one named as a
        # speaker or another force
        ("Wagner est arrivé au Mali en 2021. Paris estime que Wagner compte 1 000 hommes dans le pays.", "fr",
         {("wagner", "MLI", "present")}),
        ("Russian military instructors landed in Niamey in April 2024, weeks before the last United States "
         "troops left the country.", "en", {("russia", "NER", "present")}),
        ("Russian instructors arrived in Mali in 2021. French troops completed their withdrawal from the country "
         "the following year.", "en", {("russia", "MLI", "present")}),
    ],
)
def test_the_country_points_to_where_events_were_placed(text: str, lang: str,
                                                        expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a where-relative set apart from a main clause's negation
        ("В Буркина-Фасо, куда в январе прибыли первые сто российских военных, и в Нигере, где российские "
         "инструкторы высадились несколько дней назад, «Вагнера» никогда не было.", "ru",
         {("russia", "BFA", "present"), ("russia", "NER", "present")}),
        ("Les instructeurs russes sont au Niger, où ils sont arrivés en avril, mais Wagner n'y a jamais été.", "fr",
         {("russia", "NER", "present")}),
        # a gapped Russian clause: a time, a dash, then the place
        ("Российские военные инструкторы работают в Центральноафриканской Республике уже четыре года, а с "
         "прошлой осени - и в Мали.", "ru", {("russia", "CAF", "present"), ("russia", "MLI", "present")}),
    ],
)
def test_where_relatives_and_gapped_clauses(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # "besides X, where ..., MAIN": the relative is X's, the main clause's places its own
        ("Besides the Central African Republic, where Russian instructors have operated since 2018, the Africa "
         "Corps is present in Mali.", "en", {("russia", "CAF", "present"), ("russia", "MLI", "present")}),
        ("Outre la Centrafrique, où des instructeurs russes opèrent depuis 2018, l'Africa Corps est présent au "
         "Mali.", "fr", {("russia", "CAF", "present"), ("russia", "MLI", "present")}),
        # a fronted "in X, where ..." stays the main clause's place too
        ("In Libya, where Wagner fought for Haftar, Russian troops now hold several bases.", "en",
         {("wagner", "LBY", "present"), ("russia", "LBY", "present")}),
    ],
)
def test_a_relative_on_a_place_set_aside(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a list of clauses, one place each, the verb only in the first: every item shares it
        ("Wagner fighters have been documented in Syria, where they first deployed in 2015; in eastern Ukraine; "
         "in Sudan, where they trained security forces; and in Libya, where hundreds fought for Haftar.", "en",
         {("wagner", "SYR", "present"), ("wagner", "UKR", "present"), ("wagner", "SDN", "present"),
          ("wagner", "LBY", "present")}),
        ("Les hommes de Wagner ont combattu en Syrie ; dans le nord du Mozambique ; et en Libye, où beaucoup sont morts.",
         "fr", {("wagner", "SYR", "present"), ("wagner", "MOZ", "present"), ("wagner", "LBY", "present")}),
        ("Бойцы «Вагнера» воевали в Сирии; в восточной Украине; в Ливии, где многие погибли.", "ru",
         {("wagner", "SYR", "present"), ("wagner", "UKR", "present"), ("wagner", "LBY", "present")}),
        # an item with a verb of its own is a clause of its own; an item after a departure does not
        # share a presence
        ("Wagner fighters fought in Syria; in France, officials protested.", "en", {("wagner", "SYR", "present")}),
        ("Wagner fighters left Mozambique in 2020; in Mali, the junta hired others.", "en",
         {("wagner", "MOZ", "ended")}),
        # a plan before the list is not a stay, nor are its items
        ("Russia could send troops to Niger; to Chad; and to Togo.", "en", set()),
    ],
)
def test_a_list_of_clauses_shares_its_verb(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # places between dashes are the clause's places, not a clause of their own
        ("Wagner's operations abroad — in the Central African Republic, Mali and Libya — are continuing.", "en",
         {("wagner", "CAF", "present"), ("wagner", "MLI", "present"), ("wagner", "LBY", "present")}),
        ("Les activités de Wagner en Afrique — au Mali et en Centrafrique — se poursuivent.", "fr",
         {("wagner", "MLI", "present"), ("wagner", "CAF", "present")}),
        # an aside that is not places leaves the clause as it was
        ("Wagner left Mali — in a hurry — last year.", "en", {("wagner", "MLI", "ended")}),
        # a plan around the aside still holds it
        ("Wagner's planned deployments — in Chad and Togo — could begin next year.", "en", set()),
    ],
)
def test_places_between_dashes(text: str, lang: str, expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # the item after a "where" relative goes on with the clause before it, not with the relative's actor
        ("The Africa Corps is also deployed in Mali, where it works alongside Wagner fighters, and in Niger.", "en",
         {("russia", "MLI", "present"), ("wagner", "MLI", "present"), ("russia", "NER", "present")}),
        # an item with a "which" relative on its place is still an item
        ("The Africa Corps has units in Mali. Its soldiers are also in Niger, where they arrived in April, "
         "and in Libya, which serves as the hub for the deployments.", "en",
         {("russia", "MLI", "present"), ("russia", "NER", "present"), ("russia", "LBY", "present")}),
    ],
)
def test_an_item_after_a_relative_goes_on_with_the_main_clause(text: str, lang: str,
                                                               expected: set[tuple[str, str, str]]) -> None:
    assert claims(text, lang) == expected
