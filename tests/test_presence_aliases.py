"""Nicknames (``aliases`` in actors.toml): Russian reporting calls Wagner's men "музыканты" (the
musicians) and the group "оркестр" (the orchestra). They name Wagner only in an article that names
it outright too: elsewhere they are real musicians. Sentences written for these tests."""

from __future__ import annotations

import pytest

from news.actors import parse_actors
from tests.presence_claims import claims as presence_claims

# the rules' own cases: the learned layer is measured over the labelled sets (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("rules_only")


def claims(text: str, lang: str = "ru") -> set[tuple[str, str, str]]:
    return presence_claims(text, lang)  # this module's cases are Russian unless they say


def test_a_nickname_names_the_actor_in_an_article_that_names_it() -> None:
    got = claims("ЧВК «Вагнер» пришла в Африку в 2017 году. «Музыканты» с конца 2021 года воюют в Мали, "
                 "а «оркестр» по-прежнему работает в Ливии.")
    assert {("wagner", "MLI", "present"), ("wagner", "LBY", "present")} <= got


def test_a_nickname_alone_names_nobody() -> None:
    assert claims("Оркестр Мариинского театра находится на гастролях в Сербии. "
                  "Музыканты приехали в Латвию на фестиваль.") == set()


def test_aliases_are_read_from_the_actor_file() -> None:
    cfg = parse_actors('[x]\nnames = ["X Corp"]\naliases = ["the Xers"]\n')
    assert cfg.actors["x"].aliases == ("the Xers",)


def test_pointers_spelt_without_yo_point_back_to_the_actor() -> None:
    # Russian print writes "ее" for "её"; "отряды группы" is the group's units
    got = claims("ЧВК «Вагнер» создана в 2014 году. Впервые ее бойцы воевали в Сирии. "
                 "С 2018 года отряды группы работают в Центральноафриканской Республике.")
    assert {("wagner", "SYR", "present"), ("wagner", "CAF", "present")} <= got
