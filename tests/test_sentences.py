"""Sentence spans: abbreviations that must not split, and the spans' invariants."""

from __future__ import annotations

import pytest

from geo.sentences import sentence_at, sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("text", [
    "The U.S. embassy in Bamako closed on Monday.",
    "Gen. Surovikin was seen in Damascus.",
    "Wagner's men went to C. Africa in 2018.",
    "Col. Goita met Mr. Lavrov in Moscow.",
    "Troops reached St. Petersburg on Sept. 3 by train.",
    "Le président, M. Touadéra, a reçu les instructeurs.",
    "Бойцы, т. е. наемники, прибыли в г. Бамако.",
    "The U.N. mission left Mali and the U.K. embassy stayed.",
])
def test_abbreviation_does_not_split(text):
    assert _sentences(text) == [text]


def test_splits_at_sentence_ends():
    text = "Wagner arrived in Mali. Russia denied it! Did France leave? Yes."
    assert _sentences(text) == ["Wagner arrived in Mali.", "Russia denied it!", "Did France leave?", "Yes."]


def test_abbreviation_then_real_boundary():
    text = "He flew to the U.S. on Monday. Then he went home."
    assert _sentences(text) == ["He flew to the U.S. on Monday.", "Then he went home."]


def test_quotes_and_newlines():
    text = "\u00abWe stay in Mali.\u00bb Officials agreed.\nHeadline without a stop\nNext paragraph."
    assert _sentences(text) == ["\u00abWe stay in Mali.\u00bb", "Officials agreed.", "Headline without a stop",
                                "Next paragraph."]


def test_russian_and_french_sentences():
    assert _sentences("Вагнер ушел из Мали. Россия осталась.") == ["Вагнер ушел из Мали.", "Россия осталась."]
    assert _sentences("Wagner a quitté le Mali. La Russie reste.") == ["Wagner a quitté le Mali.", "La Russie reste."]


def test_spans_cover_every_non_space_character():
    text = "  One in Mali.  Two in Chad!\n\nThree in Niger  "
    spans = sentence_spans(text)
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)


def test_sentence_at_finds_the_containing_span():
    text = "One in Mali. Two in Chad. Three in Niger."
    spans = sentence_spans(text)
    assert sentence_at(spans, text.index("Chad")) == 1
    assert sentence_at(spans, 0) == 0
    assert sentence_at(spans, len(text) - 1) == 2


def test_empty():
    assert sentence_spans("") == [] and sentence_spans("   \n ") == []
