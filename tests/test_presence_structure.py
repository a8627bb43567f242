"""Presence read from structure that news repeats in every language: a country named once and
then described ("the West African state", "the former French colony"), and a relative clause on a
list of places whose subject only points back to the actor ("..., where it guards the president").
Sentences written for these tests."""

from __future__ import annotations

import pytest

from geo.extract import extract
from news.models import Article
from news.presence import find_claims


def claims(text: str, lang: str = "en") -> set[tuple[str, str, str]]:
    art = Article("t", None, "", "", None, lang, text, "test")
    return {(c.actor, c.iso3, c.status) for c in find_claims(art, extract(text, lang))}


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
