"""Two clauses joined by ", and", each with an actor of its own: each actor keeps its own places.
Read as one clause, each actor took the other's ("Wagner fighters have worked in Mali since 2021,
and Russian instructors landed in Burkina Faso in January" put Wagner in Burkina Faso and Russia
in Mali). Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.presence_claims import claims

# the rules' own cases: the learned layer is measured over the labelled sets (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize(
    ("text", "lang", "own", "crossed"),
    [
        ("Wagner fighters have worked alongside the army in Mali since 2021, and Russian instructors "
         "landed in Burkina Faso in January.", "en",
         {("wagner", "MLI", "present"), ("russia", "BFA", "present")},
         {("wagner", "BFA", "present"), ("russia", "MLI", "present")}),
        ("In Mali, Wagner's men have fought beside the army for three years, and in Burkina Faso an "
         "Africa Corps detachment has guarded the palace since spring.", "en",
         {("wagner", "MLI", "present"), ("russia", "BFA", "present")},
         {("wagner", "BFA", "present"), ("russia", "MLI", "present")}),
        ("Au Mali, les combattants de Wagner opèrent depuis 2021, et au Burkina Faso des instructeurs "
         "russes sont arrivés en janvier.", "fr",
         {("wagner", "MLI", "present"), ("russia", "BFA", "present")},
         {("wagner", "BFA", "present"), ("russia", "MLI", "present")}),
        ("Бойцы «Вагнера» воюют в Мали с 2021 года, и российские инструкторы прибыли в Буркина-Фасо "
         "в январе.", "ru",
         {("wagner", "MLI", "present"), ("russia", "BFA", "present")},
         {("wagner", "BFA", "present"), ("russia", "MLI", "present")}),
    ],
)
def test_each_coordinated_clause_keeps_its_own_actor(text: str, lang: str, own: set, crossed: set) -> None:
    got = claims(text, lang)
    assert own <= got
    assert not crossed & got


def test_a_pronoun_after_the_comma_goes_on_with_the_same_actor() -> None:
    # "they" is no new subject: the clause is not split and the stay is still Wagner's
    got = claims("Wagner fighters reached Mali in 2021, and they have since spread to Burkina Faso.")
    assert ("wagner", "MLI", "present") in got


def test_a_list_of_places_after_one_actor_is_one_clause() -> None:
    got = claims("Russian instructors are deployed in Mali, and in Niger and Burkina Faso.")
    assert {("russia", "MLI", "present"), ("russia", "NER", "present")} <= got


@pytest.mark.parametrize(("text", "lang"), [
    # the elided article: ", et l'Africa Corps ..."
    ("À Bamako, les paramilitaires de Wagner combattent depuis deux ans aux côtés de l'armée, et "
     "l'Africa Corps a déployé en janvier ses premiers éléments au Burkina Faso.", "fr"),
    # no comma, but the first clause has a place of its own before the "et"
    ("Des combattants de Wagner opèrent au Mali depuis 2021 et l'Africa Corps est déployé au Burkina "
     "Faso depuis janvier.", "fr"),
    ("Wagner fighters have operated in Mali since 2021 and Russian instructors arrived in Burkina Faso "
     "this year.", "en"),
])
def test_a_coordinated_clause_without_a_comma_or_with_l_keeps_its_actor(text: str, lang: str) -> None:
    got = claims(text, lang)
    assert {("wagner", "MLI", "present"), ("russia", "BFA", "present")} <= got
    assert ("wagner", "BFA", "present") not in got


def test_two_actors_sharing_one_verb_are_one_clause() -> None:
    got = claims("Wagner et l'Africa Corps sont déployés au Mali.", "fr")
    assert {("wagner", "MLI", "present"), ("russia", "MLI", "present")} <= got
