"""Inflected forms generated at build time: Russian cases, French agreement."""

from __future__ import annotations

import pytest

from geo.inflect import (
    french_adjective_forms,
    is_cyrillic,
    russian_adjective_forms,
    russian_noun_forms,
    russian_phrase_forms,
)


@pytest.mark.parametrize(("noun", "forms"), [
    ("Сирия", {"Сирия", "Сирии", "Сирию", "Сирией"}),
    ("Белоруссия", {"Белоруссию", "Белоруссии"}),
    ("Украина", {"Украины", "Украине", "Украину", "Украиной"}),
    ("Ливия", {"Ливии", "Ливию"}),
    ("Судан", {"Судан", "Судана", "Судане", "Суданом"}),
    ("Египет", {"Египта", "Египте"}),
    ("Израиль", {"Израиля", "Израиле"}),
    ("Парагвай", {"Парагвая", "Парагвае"}),
    ("Африка", {"Африки", "Африке"}),
])
def test_russian_noun_forms(noun, forms):
    assert forms <= set(russian_noun_forms(noun))


@pytest.mark.parametrize("noun", ["Мали", "Конго", "Того", "Перу", "Бамако"])
def test_indeclinable_nouns_stay(noun):
    assert russian_noun_forms(noun) == [noun]


def test_latin_and_short_words_are_left_alone():
    assert russian_noun_forms("Mali") == ["Mali"]
    assert russian_noun_forms("РФ") == ["РФ"]


def test_russian_adjective_forms():
    forms = set(russian_adjective_forms("малийский"))
    assert {"малийский", "малийская", "малийской", "малийских", "малийскому", "малийскими"} <= forms
    assert {"российский", "российские", "российских"} <= set(russian_adjective_forms("российский"))
    assert "суданской" in russian_adjective_forms("суданский")


def test_russian_phrase_forms():
    forms = set(russian_phrase_forms("Центральноафриканская Республика"))
    assert {"Центральноафриканская Республика", "Центральноафриканской Республике",
            "Центральноафриканской Республики", "Центральноафриканскую Республику"} <= forms
    assert "Южного Судана" in russian_phrase_forms("Южный Судан")


@pytest.mark.parametrize("phrase", ["Буркина-Фасо", "ЦАР", "ДРК"])
def test_hyphenated_names_and_abbreviations_do_not_decline(phrase):
    assert russian_phrase_forms(phrase) == [phrase]


def test_phrase_of_latin_text_unchanged():
    assert russian_phrase_forms("South Sudan") == ["South Sudan"]


@pytest.mark.parametrize(("masc", "forms"), [
    ("centrafricain", {"centrafricain", "centrafricaine", "centrafricains", "centrafricaines"}),
    ("malien", {"malien", "malienne", "maliens", "maliennes"}),
    ("nigérien", {"nigérien", "nigérienne", "nigériens", "nigériennes"}),
    ("russe", {"russe", "russes"}),
    ("soudanais", {"soudanais", "soudanaise", "soudanaises"}),
    ("turc", {"turc", "turque", "turcs", "turques"}),
])
def test_french_adjective_forms(masc, forms):
    assert set(french_adjective_forms(masc)) == forms


def test_is_cyrillic():
    assert is_cyrillic("Мали") and not is_cyrillic("Mali") and is_cyrillic("ЦАР")
