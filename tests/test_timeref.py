"""Time inside the text (news/timeref.py): a claim's own time, and background, in en/fr/ru.

Cases are our own sentences; each names the time the sentence gives (as_of, precision, until)
or None for sentences that must give no date ("3,000 fighters", "Mali's 2020 coup", "may" the
verb, "March Street"). The article is dated 2024-05-10, so "last year" is 2023.
"""

from __future__ import annotations

import json
import warnings
from datetime import date

import pyarrow.parquet as pq
import pytest

from components.reader import claims_frame
from components.tables import shape_evidence_rows, sources_html
from news.models import Article
from news.pipeline import process
from news.store import Store
from news.store import queries as q
from news.timeref import NO_TIME, confirms_on_article_date, describe, load_words, may_hold_time, time_of
from tests.test_cli import run

PUBLISHED = date(2024, 5, 10)
Y, M = "year", "month"

# (sentence, as_of, precision, until, time_text); as_of None and until None: no date at all
CASES = {
    "en": [
        ("Wagner has been in Mali since 2021.", date(2021, 1, 1), Y, None, "since 2021"),
        ("In 2019 Wagner fighters arrived in Libya.", date(2019, 1, 1), Y, date(2019, 12, 31), "In 2019"),
        ("Wagner stayed in the CAR until June.", None, M, date(2023, 6, 30), "until June"),
        ("Last year Russian instructors deployed to Niger.", date(2023, 1, 1), Y, date(2023, 12, 31), "Last year"),
        ("Wagner was in Sudan from 2018 to 2020.", date(2018, 1, 1), Y, date(2020, 12, 31), "from 2018 to 2020"),
        ("Russian troops were in Syria between 2015 and 2017.", date(2015, 1, 1), Y, date(2017, 12, 31),
         "between 2015 and 2017"),
        ("In March 2022 Wagner arrived in Moura, Mali.", date(2022, 3, 1), M, date(2022, 3, 31), "In March 2022"),
        ("Two years ago Wagner reached Mali.", date(2022, 1, 1), Y, date(2022, 12, 31), "Two years ago"),
        ("Wagner arrived in Mali in December 2021 and is still there.", date(2021, 12, 1), M, None,
         "in December 2021"),
        ("Some 3,000 fighters are in Mali.", None, None, None, ""),
        ("Mali's 2020 coup leaders invited Wagner.", None, None, None, ""),
        ("Wagner may stay in Mali.", None, None, None, ""),
        ("Troops march on March Street in Bamako.", None, None, None, ""),
        ("BAMAKO, June 7 — Wagner said it was leaving Mali.", None, None, None, ""),
        ("About 2000 fighters were flown to Libya.", None, None, None, ""),
    ],
    "fr": [
        ("Wagner est présent au Mali depuis 2021.", date(2021, 1, 1), Y, None, "depuis 2021"),
        ("En 2018, Wagner s'est installé en Centrafrique.", date(2018, 1, 1), Y, date(2018, 12, 31), "En 2018"),
        ("Les mercenaires sont restés au Soudan jusqu'en juin.", None, M, date(2023, 6, 30), "jusqu'en juin"),
        ("L'année dernière, Wagner est arrivé au Mali.", date(2023, 1, 1), Y, date(2023, 12, 31),
         "L'année dernière"),
        ("Il y a deux ans, Wagner est arrivé au Mali.", date(2022, 1, 1), Y, date(2022, 12, 31), "Il y a deux ans"),
        ("Wagner est au Mali depuis l'an dernier.", date(2023, 1, 1), Y, None, "depuis l'an dernier"),
        ("Wagner est arrivé en mars 2022 au Mali.", date(2022, 3, 1), M, date(2022, 3, 31), "en mars 2022"),
        ("De 2017 à 2019, des instructeurs russes étaient au Soudan.", date(2017, 1, 1), Y, date(2019, 12, 31),
         "De 2017 à 2019"),
        ("Quelque 1 500 combattants sont au Mali.", None, None, None, ""),
        ("Les putschistes de 2020 ont fait venir Wagner au Mali.", None, None, None, ""),
        ("Wagner opère au Mali, selon la rue de Mars.", None, None, None, ""),
        ("Mai Wagner? Non, les Russes sont en Libye.", None, None, None, ""),
    ],
    "ru": [
        ("Вагнер находится в Мали с 2017 года.", date(2017, 1, 1), Y, None, "с 2017"),
        ("В 2019 году бойцы ЧВК прибыли в Ливию.", date(2019, 1, 1), Y, date(2019, 12, 31), "В 2019"),
        ("Они оставались в ЦАР до июня.", None, M, date(2023, 6, 30), "до июня"),
        ("В прошлом году российские инструкторы прибыли в Нигер.", date(2023, 1, 1), Y, date(2023, 12, 31),
         "В прошлом году"),
        ("С 2018 по 2020 год Вагнер был в Судане.", date(2018, 1, 1), Y, date(2020, 12, 31), "С 2018 по 2020 год"),
        ("Бойцы прибыли в Мали в марте 2022 года.", date(2022, 3, 1), M, date(2022, 3, 31), "в марте 2022 года"),
        ("Два года назад бойцы прибыли в Мали.", date(2022, 1, 1), Y, date(2022, 12, 31), "Два года назад"),
        ("Российские военные в Сирии с 2015 года и остаются там.", date(2015, 1, 1), Y, None, "с 2015"),
        ("Около 3 000 бойцов находятся в Мали.", None, None, None, ""),
        ("Участники переворота 2020 года пригласили Вагнер в Мали.", None, None, None, ""),
        ("Бойцы прошли по улице Марта в Бамако.", None, None, None, ""),
        ("Май выдался жарким, бойцы остаются в Мали.", None, None, None, ""),
    ],
}


@pytest.mark.parametrize(("language", "sentence", "as_of", "precision", "until", "text"),
                         [(lang, *case) for lang, cases in CASES.items() for case in cases],
                         ids=[f"{lang}-{i}" for lang, cases in CASES.items() for i in range(len(cases))])
def test_time_of_each_language(language, sentence, as_of, precision, until, text):
    ref = time_of(sentence, language, PUBLISHED)
    assert (ref.as_of, ref.until, ref.time_text) == (as_of, until, text)
    if as_of is None and until is None:
        assert ref == NO_TIME
    else:
        assert ref.precision == precision and not ref.background


def test_every_language_has_a_dozen_cases_and_its_negatives():
    for lang, cases in CASES.items():
        assert len(cases) >= 12
        assert sum(c[1] is None and c[3] is None for c in cases) >= 4, lang


@pytest.mark.parametrize(("language", "sentence", "place"), [
    ("en", "Wagner, which has fought in Libya and Syria, is now in Mali.", "Libya"),
    ("fr", "Wagner, qui a combattu en Libye, est désormais au Mali.", "Libye"),
    ("ru", "Вагнер, который воевал в Сирии, теперь в Мали.", "Сирии"),
])
def test_a_place_in_a_relative_clause_is_background_and_the_main_clause_is_not(language, sentence, place):
    back = time_of(sentence, language, PUBLISHED, sentence.index(place))
    assert back.background and not confirms_on_article_date(back, PUBLISHED)
    main = time_of(sentence, language, PUBLISHED, sentence.rindex(" ") + 1)  # the last word: Mali
    assert not main.background and confirms_on_article_date(main, PUBLISHED)


def test_a_time_belongs_to_its_own_clause():
    s = "Wagner, which has been in Libya since 2017, arrived in Mali in 2021."
    libya = time_of(s, "en", PUBLISHED, s.index("Libya"))
    assert (libya.background, libya.as_of, libya.until) == (True, date(2017, 1, 1), None)
    mali = time_of(s, "en", PUBLISHED, s.index("Mali"))
    assert (mali.background, mali.as_of, mali.until) == (False, date(2021, 1, 1), date(2021, 12, 31))


def test_a_relative_clause_that_says_now_is_not_background():
    s = "Russia, which still keeps troops in Syria, denied it."
    assert not time_of(s, "en", PUBLISHED, s.index("Syria")).background


def test_confirmation_on_the_article_date():
    since = time_of("Wagner has been in Mali since 2021.", "en", PUBLISHED)
    past = time_of("In 2019 Wagner fighters arrived in Libya.", "en", PUBLISHED)
    this = time_of("In 2024 Wagner fighters are in Libya.", "en", PUBLISHED)
    assert confirms_on_article_date(since, PUBLISHED)
    assert not confirms_on_article_date(past, PUBLISHED)
    assert confirms_on_article_date(this, PUBLISHED)
    assert confirms_on_article_date(NO_TIME, PUBLISHED)


def test_relative_times_need_an_article_date():
    """Without a date "last year" cannot be resolved (never against today); a year still reads."""
    assert time_of("Last year Wagner deployed to Niger.", "en", None) == NO_TIME
    assert time_of("Wagner has been in Mali since 2021.", "en", None).as_of == date(2021, 1, 1)


def test_the_prefilter_is_cheap_and_says_no_to_plain_sentences():
    assert not may_hold_time("Wagner fighters were seen in Mali.", "en")
    assert may_hold_time("Wagner came in June.", "en") and may_hold_time("l'année dernière", "fr")
    assert may_hold_time("в прошлом году", "ru") and may_hold_time("since 2021", "en")
    assert not may_hold_time("since 2021", "xx")  # a language without word lists reads nothing


def test_word_lists_cover_every_language_with_every_key():
    words = load_words()
    assert set(words) == {"en", "fr", "ru"}
    for w in words.values():
        assert w.months and w.since and w.until and w.point and w.relative_pronouns


def test_describe():
    assert describe(date(2019, 1, 1), "year", date(2019, 12, 31)) == "as of 2019"
    assert describe(date(2021, 1, 1), "year", None) == "since 2021"
    assert describe(date(2018, 1, 1), "year", date(2020, 12, 31)) == "2018 to 2020"
    assert describe(None, "month", date(2023, 6, 30)) == "until 2023-06"
    assert describe(date(2017, 1, 1), "year", None, True) == "background, since 2017"
    assert describe(None, None, None) == ""


# ------------------------------------------------------------------ the pipeline and the store


def _article(text: str, lang: str = "en", ident: str = "t1") -> Article:
    return Article(ident, None, "t", "Desk", PUBLISHED, lang, text, "test")


@pytest.mark.parametrize(("lang", "text", "iso3", "as_of", "until"), [
    ("en", "Wagner fighters have been deployed in Mali since 2021.", "MLI", date(2021, 1, 1), None),
    ("fr", "En 2018, des combattants de Wagner ont été déployés en Centrafrique.", "CAF", date(2018, 1, 1),
     date(2018, 12, 31)),
    ("ru", "В прошлом году бойцы Вагнера прибыли в Ливию.", "LBY", date(2023, 1, 1), date(2023, 12, 31)),
])
def test_processed_claims_carry_their_time(lang, text, iso3, as_of, until):
    _, claims = process(_article(text, lang))
    found = [c for c in claims if c.iso3 == iso3]
    assert found, claims
    for c in found:
        assert (c.as_of, c.until, c.as_of_precision, c.background) == (as_of, until, "year", False)
        assert c.date == PUBLISHED  # the article's date stays what it is


def test_processed_claims_without_a_time_carry_none():
    _, claims = process(_article("Wagner fighters were seen in Mali on Friday."))
    assert claims and all(c.as_of is None and c.until is None and not c.background for c in claims)


def _store_with(tmp_path, texts: list[tuple[str, str]]):
    from news.store import Batch
    store = Store(tmp_path / "store")
    batches = []
    for ident, text in texts:
        art = _article(text, ident=ident)
        mentions, claims = process(art)
        batches.append(Batch(art, mentions, claims))
    store.write(batches)
    return store


def test_evidence_reader_and_timeline_use_the_time(tmp_path):
    store = _store_with(tmp_path, [("a", "In 2019 Wagner fighters were deployed in Libya."),
                                   ("b", "Wagner fighters have been deployed in Mali since 2021.")])
    ev = q.evidence_rows(store)
    shaped = shape_evidence_rows(ev)
    times = dict(zip(shaped["iso3"], shaped["time"], strict=True))
    assert times == {"LBY": "as of 2019", "MLI": "since 2021"}
    html_ = sources_html(shaped)
    assert "as of 2019" in html_ and "since 2021" in html_
    detail = q.article_detail(store, "a")
    assert claims_frame(detail["claims"])["time"].tolist() == ["as of 2019"]
    months = q.monthly_counts(store)
    # the 2019 claim counts in 2019, the "since" one on its article's date
    assert set(zip(months["month"], months["claims"], strict=True)) == {("2019-01", 1), ("2024-05", 1)}


def test_stored_text_in_the_time_label_is_escaped():
    rows = shape_evidence_rows(q.pd.DataFrame([{
        "date": PUBLISHED, "actor": "wagner", "iso3": "MLI", "status": "present", "confidence": 0.9,
        "outlet": "o", "title": "t", "url": None, "article_id": "x", "evidence": "e", "cue": "c",
        "place": None, "rules": "r", "as_of": date(2019, 1, 1), "as_of_precision": "<b>year</b>",
        "until": None, "background": False}]))
    assert "<b>" not in sources_html(rows)


def test_a_store_written_before_the_time_columns_still_reads(tmp_path):
    store = _store_with(tmp_path, [("a", "In 2019 Wagner fighters were deployed in Libya.")])
    for path in (store.root / "claims").glob("*.parquet"):
        table = pq.read_table(path)
        pq.write_table(table.drop_columns(["as_of", "as_of_precision", "until", "background", "rules"]), path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "ignoring store file"
        fresh = Store(store.root)
        claims = fresh.table("claims")
        assert len(claims) == 1 and claims["as_of"].isna().all()
        assert shape_evidence_rows(q.evidence_rows(fresh))["time"].tolist() == [""]
        assert q.monthly_counts(fresh)["month"].tolist() == ["2024-05"]


def test_footprint_ingest_stores_as_of(tmp_path):
    """The command as a user runs it: `footprint ingest` of a JSONL article, then the store."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "since", "title": "Mali", "outlet": "Desk", "date": "2024-05-10",
                               "language": "en", "text": "Wagner has been in Mali since 2021."}) + "\n",
                   encoding="utf-8")
    result = run(["ingest", str(src)], tmp_path / "store")
    assert result.returncode == 0, result.stderr
    claims = Store(tmp_path / "store").table("claims")
    mali = claims[claims.iso3 == "MLI"]
    assert len(mali) >= 1
    assert {str(d)[:10] for d in mali["as_of"]} == {"2021-01-01"}
    assert set(mali["as_of_precision"]) == {"year"} and mali["until"].isna().all()
    assert not mali["background"].any()


@pytest.mark.parametrize(("language", "sentence", "place", "as_of", "until"), [
    # a time told of another part of the sentence is not the claim's
    ("ru", "В Мали «Вагнер» в июне объявил о завершении миссии, и его место занял «Африканский корпус», "
           "уже работающий в Буркина-Фасо и Нигере.", "Нигере", None, None),
    ("fr", "Depuis le départ de Wagner, en juin 2025, l'Africa Corps est le seul contingent russe au Mali.",
     "Mali", None, None),
    # a "where" part after the place is the place's own; an opening time is the whole sentence's
    ("en", "In the Central African Republic, where its fighters have guarded the president since 2018, "
           "Wagner runs mines.", "Central", date(2018, 1, 1), None),
    ("en", "In 2019, Wagner fighters arrived in Libya.", "Libya", date(2019, 1, 1), date(2019, 12, 31)),
    # "and" ends a range only after "between"
    ("en", "Wagner men have been at al-Jufra since their offensive on Tripoli in 2019 and 2020.", "Tripoli",
     date(2019, 1, 1), date(2019, 12, 31)),
    ("en", "Wagner veterans fought in eastern Ukraine in 2014 and 2015.", "Ukraine", date(2014, 1, 1),
     date(2014, 12, 31)),
])
def test_a_claim_takes_the_time_of_its_own_part_of_the_sentence(language, sentence, place, as_of, until):
    ref = time_of(sentence, language, PUBLISHED, sentence.index(place))
    assert (ref.as_of, ref.until) == (as_of, until)


def test_a_part_with_its_own_time_does_not_take_the_opening_one():
    s = "С 2015 года бойцы воевали в Сирии; в Центральноафриканской Республике с 2018 года они охраняют президента."
    assert time_of(s, "ru", PUBLISHED, s.index("Центральноафриканской")).as_of == date(2018, 1, 1)
    assert time_of(s, "ru", PUBLISHED, s.index("Сирии")).as_of == date(2015, 1, 1)
    s = "Les instructeurs russes, dont la présence en Centrafrique remonte à 2018, sont plus d'un millier."
    assert time_of(s, "fr", PUBLISHED, s.index("Centrafrique")).as_of == date(2018, 1, 1)  # not "until 2018"
