"""Presence read from structure that news repeats in every language: a country named once and
then described ("the West African state", "the former French colony"), and a relative clause on a
list of places whose subject only points back to the actor ("..., where it guards the president").
Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.presence_claims import claims

# the rules' own cases: the learned layer is measured over the labelled sets (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Wagner reached Mali in late 2021. Russian trainers now operate across the West African state.", "en",
         {("wagner", "MLI", "present"), ("russia", "MLI", "present")}),
        ("Wagner arrived in Mali in 2021. A year later Russian soldiers were stationed in that country too.", "en",
         {("wagner", "MLI", "present"), ("russia", "MLI", "present")}),
        ("Wagner deployed to Mali in 2021. Russian soldiers are now based in the former French colony.", "en",
         {("wagner", "MLI", "present"), ("russia", "MLI", "present")}),
        ("Wagner est arrivé au Mali fin 2021. Des instructeurs russes sont basés dans l'ancienne colonie française.",
         "fr", {("wagner", "MLI", "present"), ("russia", "MLI", "present")}),
        ("Wagner est arrivé au Niger. Des militaires russes sont stationnés dans cet État sahélien.", "fr",
         {("wagner", "NER", "present"), ("russia", "NER", "present")}),
        ("«Вагнер» появился в Мали в 2021 году. Российские инструкторы размещены в этой африканской стране.", "ru",
         {("russia", "MLI", "present")}),
    ],
)
def test_a_description_of_a_country_points_back_to_it(text: str, lang: str, expected: set) -> None:
    assert expected <= claims(text, lang)


def test_a_description_with_no_country_before_claims_nothing() -> None:
    assert claims("Russian soldiers are based in the former French colony.") == set()


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Wagner's network stretches across Libya, Sudan and the Central African Republic, where it protects the "
         "president.", "en",
         {("wagner", "LBY", "present"), ("wagner", "SDN", "present"), ("wagner", "CAF", "present")}),
        ("Wagner has business interests in Sudan, where contractors still guard gold mines.", "en",
         {("wagner", "SDN", "present")}),
        # French and Russian keep "où"/"где" in the main clause, whose actor then reads on
        ("Le groupe Wagner a des intérêts en Libye et en Centrafrique, où il garde le palais.", "fr",
         {("wagner", "LBY", "present"), ("wagner", "CAF", "present")}),
        ("У «Вагнера» есть интересы в Судане, где наёмники охраняют золотые прииски.", "ru",
         {("wagner", "SDN", "present")}),
    ],
)
def test_a_relative_clause_subject_points_back_to_the_sentence_actor(text: str, lang: str, expected: set) -> None:
    assert expected <= claims(text, lang)


def test_a_relative_clause_about_something_else_claims_nothing() -> None:
    # the relative's subject is the jets' markings, not the actor: no claim for Syria from it
    assert ("russia", "SYR", "present") not in claims(
        "The jets were flown from Moscow to Cairo and on to Syria, where their markings were painted over.")
    # a relative with a plan is still a plan
    assert claims("Wagner eyes Chad, where it could guard oil fields.") == set()


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Russian paratroopers entered Kazakhstan on Thursday night.", "en", {("russia", "KAZ", "present")}),
        ("Wagner contractors manned checkpoints outside Bangui, in the Central African Republic.", "en",
         {("wagner", "CAF", "present")}),
        ("Fresh Russian troops rotated into Mali every three months.", "en", {("russia", "MLI", "present")}),
        ("Moscow dispatched a battalion of military police to Syria.", "en", {("russia", "SYR", "present")}),
        ("Российские военные в прошлом году высадились в Ливии.", "ru", {("russia", "LBY", "present")}),
        ("В Сирию командированы российские военные полицейские.", "ru", {("russia", "SYR", "present")}),
    ],
)
def test_verbs_of_arrival_manning_and_rotation_place_the_actor(text: str, lang: str, expected: set) -> None:
    assert expected <= claims(text, lang)


def test_a_verb_of_arrival_under_a_plan_is_still_a_plan() -> None:
    assert claims("Moscow could dispatch a battalion of military police to Syria.") == set()


# A paragraph about an actor goes on country by country with a bare subject pronoun ("il", "ils",
# "it"), often after a fronted place ("Au Soudan, il ..."): the pronoun is the actor the sentence
# before opened on.
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Le groupe Wagner tient des bases en Libye. Au Soudan, il exploite des mines d'or.", "fr",
         {("wagner", "LBY", "present"), ("wagner", "SDN", "present")}),
        ("Les hommes de Wagner sont arrivés en Libye en 2019. En Centrafrique, enfin, ils protègent le président.", "fr",
         {("wagner", "LBY", "present"), ("wagner", "CAF", "present")}),
        ("Le groupe Wagner s'est installé au Mali. Hors du continent, il est présent en Syrie depuis 2015.", "fr",
         {("wagner", "MLI", "present"), ("wagner", "SYR", "present")}),
        ("The Wagner Group has fighters in Libya. It is also active in Syria and guards mines in Sudan.", "en",
         {("wagner", "LBY", "present"), ("wagner", "SYR", "present")}),
        ("Wagner pulled its men out of Mozambique in 2020. In Libya, it still holds two air bases.", "en",
         {("wagner", "MOZ", "ended"), ("wagner", "LBY", "present")}),
    ],
)
def test_a_subject_pronoun_continues_the_actor_of_the_sentence_before(text: str, lang: str, expected: set) -> None:
    assert expected <= claims(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "absent"),
    [
        # the sentence before opens on another subject: the pronoun is theirs
        ("Des instructeurs russes sont au Niger. Les forces françaises, elles, ont quitté le pays en décembre.", "fr",
         ("russia", "NER", "ended")),
        ("Wagner fighters are deployed in Mali. The French army left Niger last year. It also closed a base in Chad.",
         "en", ("wagner", "TCD", "ended")),
        # impersonal "il y a", "it is unclear whether"
        ("Le groupe Wagner est présent en Libye. Il y a aussi des soldats turcs en Somalie.", "fr",
         ("wagner", "SOM", "present")),
        ("Wagner fighters are in Libya. It is unclear whether troops are stationed in Chad.", "en",
         ("wagner", "TCD", "present")),
    ],
)
def test_a_pronoun_that_is_not_the_actor_claims_nothing(text: str, lang: str, absent: tuple) -> None:
    assert absent not in claims(text, lang)


@pytest.mark.parametrize("text", [
    "Wagner later went to Sudan, where companies tied to the group have mined gold for years.",
    "Wagner has gold concessions in Sudan.",
])
def test_extraction_on_the_spot_places_the_actor(text: str) -> None:
    # the group is paid in mining rights: working a mine or a concession is being there
    assert ("wagner", "SDN", "present") in claims(text)


@pytest.mark.parametrize(
    ("text", "lang", "host", "owner"),
    [
        # the bundled sample's default view once showed Wagner in France from the French form
        ("Des soldats ont été filmés près de la base de Gossi, dans le centre du Mali. Paris accuse Wagner "
         "d'avoir voulu mettre en cause la France. Les mercenaires russes ont été déployés dans plusieurs "
         "anciennes bases françaises du pays.", "fr", "MLI", "FRA"),
        ("The drone filmed men near the Gossi base in central Mali. Officials accused Wagner of trying to blame "
         "France. Wagner fighters have since moved into several former French bases of the country.", "en",
         "MLI", "FRA"),
    ],
)
def test_a_demonym_owning_the_bases_of_the_country_is_not_the_country(text: str, lang: str, host: str,
                                                                       owner: str) -> None:
    got = claims(text, lang)
    assert ("wagner", host, "present") in got
    assert not {c for c in got if c[1] == owner}


def test_a_demonym_beside_a_local_force_there_is_still_the_host() -> None:
    text = ("Wagner fighters have fought in Mali since 2021, and Russian instructors also work with Malian "
            "units there.")
    assert ("russia", "MLI", "present") in claims(text)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a cue word that names what something is called, or the publishing sense of "posted"
        ("Wagner's chief hailed the coup in Niger as a fight against colonisers.", "en", set()),
        ("In a video posted on Telegram, Wagner's founder praised the junta in Niger.", "en", set()),
        ("Le patron de Wagner a salué le putsch au Niger comme un combat contre les colons.", "fr", set()),
        # the same words where the actor is the one doing it
        ("Wagner fighters fight alongside the army in Mali.", "en", {("wagner", "MLI", "present")}),
        ("Russian instructors were posted to Mali in 2022.", "en", {("russia", "MLI", "present")}),
        ("Wagner, described as a private army, has fighters stationed in Libya.", "en", {("wagner", "LBY", "present")}),
    ],
)
def test_a_cue_that_names_or_publishes_is_not_one(text: str, lang: str, expected: set) -> None:
    assert claims(text, lang) == expected
