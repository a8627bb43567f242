"""Country mentions: every ambiguity the foundation issue lists, spans, kinds and points.

Fixtures are short sentences written for these tests, in English, French and Russian.
"""

from __future__ import annotations

import pytest

from geo.extract import country_codes, extract
from geo.types import KINDS

# Rough bounding boxes (lat_min, lat_max, lon_min, lon_max) of the countries the fixtures
# name; a mention's point must fall inside its country's box (a margin for label points at sea).
BBOX = {
    "MLI": (10, 25.5, -12.5, 4.5), "CAF": (2, 11.5, 14, 28), "SDN": (8.5, 23, 21.5, 39),
    "SSD": (3, 12.5, 23.5, 36), "GNQ": (-1.5, 4, 5.5, 11.5), "GIN": (7, 13, -15.5, -7.5),
    "GNB": (10.5, 12.8, -16.8, -13.5), "NER": (11.5, 23.5, 0, 16), "NGA": (4, 14, 2.5, 15),
    "TCD": (7.4, 23.5, 13.4, 24), "GEO": (41, 43.6, 40, 46.8), "JOR": (29, 33.4, 34.9, 39.4),
    "TUR": (35.8, 42.2, 25.6, 44.9), "SOM": (-1.8, 12, 40.9, 51.5), "COD": (-13.5, 5.4, 12, 31.4),
    "COG": (-5.1, 3.8, 11, 18.7), "USA": (24, 50, -125, -66), "ARE": (22.5, 26.1, 51.5, 56.5),
    "GBR": (49.8, 61, -8.7, 2), "RUS": (41, 82, 19, 180), "BLR": (51.2, 56.2, 23, 33),
    "SYR": (32.3, 37.4, 35.7, 42.4), "UKR": (44.3, 52.4, 22, 40.3), "LBY": (19.5, 33.2, 9.3, 25.2),
    "ARM": (38.8, 41.3, 43.4, 46.7), "FRA": (41.3, 51.2, -5.2, 9.6), "AUS": (-44, -10, 112, 154),
}

# (language, text, the set of ISO3 codes the text refers to)
CASES = [
    # longest match
    ("en", "Refugees crossed from South Sudan back into Sudan.", {"SSD", "SDN"}),
    ("en", "The South Sudanese army blamed its neighbour.", {"SSD"}),
    ("en", "Equatorial Guinea hosted the summit.", {"GNQ"}),
    ("en", "Guinea sent a delegation; Guinea-Bissau stayed away.", {"GIN", "GNB"}),
    ("fr", "La Guinée équatoriale et la Guinée-Bissau ont signé.", {"GNQ", "GNB"}),
    ("ru", "Военные из Южного Судана прибыли в Хартум.", {"SSD", "SDN"}),
    # Niger, Nigeria, Nigerien
    ("en", "Niger closed its border with Nigeria.", {"NER", "NGA"}),
    ("en", "The Nigerien junta expelled the ambassador.", {"NER"}),
    ("en", "A Nigerian court ruled on Tuesday.", {"NGA"}),
    ("fr", "Le gouvernement nigérien a répondu à Abuja.", {"NER", "NGA"}),
    ("fr", "Les autorités nigériennes ont fermé l'espace aérien.", {"NER"}),
    ("ru", "Мятежники в Нигере, беженцы в Нигерии.", {"NER", "NGA"}),
    # Chad the country and Chad the man
    ("en", "Chad Whitfield wrote the report.", set()),
    ("en", "The report by Chad Whitfield covered Chad.", {"TCD"}),
    ("en", "Chad's army moved north.", {"TCD"}),
    ("fr", "Le Tchad a rappelé son ambassadeur.", {"TCD"}),
    # Georgia the country and the US state
    ("en", "She grew up in Savannah, Georgia, before moving abroad.", {"USA"}),
    ("en", "He retired to the U.S. state of Georgia.", {"USA"}),
    ("en", "Russia fought a short war with Georgia in 2008.", {"RUS", "GEO"}),
    # Jordan the person, turkey the bird
    ("en", "Jordan Mercer, a spokesman, declined to comment.", set()),
    ("en", "Officials in Jordan declined to comment.", {"JOR"}),
    ("en", "Families roasted a turkey for the holiday.", set()),
    ("en", "Turkey shot down the jet.", {"TUR"}),
    # Mali inside Somalia
    ("en", "Piracy off Somalia fell sharply.", {"SOM"}),
    ("en", "Somalia and Mali both voted.", {"SOM", "MLI"}),
    # plain words that are also city names
    ("en", "Since the coup, little has changed.", set()),
    ("en", "Never before had so many left.", set()),
    ("en", "Nothing has moved since, and the roman numerals were never central to it.", set()),
    ("en", "The buta shrub grows here.", set()),
    ("en", "Since Wagner arrived, never a quiet week in Mali.", {"MLI"}),
    # outlets and organisations
    ("en", "The Moscow Times reported the story first.", set()),
    ("en", "Radio France Internationale carried the interview.", set()),
    ("en", "France 24 aired the footage.", set()),
    ("en", "The Kyiv Independent published the leak.", set()),
    ("fr", "Radio France Internationale a diffusé l'entretien.", set()),
    # abbreviations
    ("en", "Wagner is active in CAR.", {"CAF"}),
    ("en", "Mercenaries deployed to C. Africa last year.", {"CAF"}),
    ("en", "Fighting flared in the eastern DRC.", {"COD"}),
    ("en", "Gold was flown to the UAE.", {"ARE"}),
    ("en", "The UK and the US imposed sanctions.", {"GBR", "USA"}),
    ("en", "He parked the car and told us to wait.", set()),
    # demonyms
    ("en", "Malian soldiers patrolled the market.", {"MLI"}),
    ("en", "Central African officials met the envoy.", {"CAF"}),
    ("fr", "Le président centrafricain a reçu les soldats centrafricains.", {"CAF"}),
    ("fr", "L'armée centrafricaine a avancé.", {"CAF"}),
    ("ru", "Малийский лидер встретился с представителями малийской армии.", {"MLI"}),
    ("ru", "Семьи малийских военных ждали новостей.", {"MLI"}),
    # Russian inflections
    ("ru", "Инструкторы работают в Мали.", {"MLI"}),
    ("ru", "Колонна вышла из Сирии.", {"SYR"}),
    ("ru", "Бойцы переехали в Белоруссию.", {"BLR"}),
    ("ru", "Бойцы остаются в ЦАР.", {"CAF"}),
    ("ru", "Выборы в Центральноафриканской Республике прошли спокойно.", {"CAF"}),
    # capitals and cities
    ("en", "Protesters gathered in Bamako.", {"MLI"}),
    ("en", "The convoy reached Bangui at dawn.", {"CAF"}),
    ("en", "Washington responded with sanctions.", {"USA"}),
    ("en", "Belarus moved troops to Brest near the border.", {"BLR"}),
    ("fr", "Des renforts sont arrivés à Bamako.", {"MLI"}),
    ("ru", "В Бамако прибыли инструкторы.", {"MLI"}),
    # geographic features named after countries
    ("en", "Boats sank on the Niger River.", set()),
    ("en", "Lake Chad is shrinking.", set()),
    ("en", "Farmers along the Niger river lost their crops.", set()),
    ("fr", "Le lac Tchad recule chaque année.", set()),
    # Putin is no city
    ("en", "President Vladimir Putin signed the decree.", set()),
    ("en", "The decree was signed (Vladimir) Putin said nothing more.", set()),
    # bare Congo with Kinshasa
    ("en", "Congo's army retook the town, officials in Kinshasa said.", {"COD"}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_countries(lang, text, expected):
    assert country_codes(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[c[1][:40] for c in CASES])
def test_spans_kinds_and_points(lang, text, expected):
    for m in extract(text, lang):
        assert text[m.start:m.end] == m.surface
        assert m.kind in KINDS
        assert m.sentence and m.surface in m.sentence
        lat0, lat1, lon0, lon1 = BBOX[m.iso3]
        assert lat0 <= m.lat <= lat1 and lon0 <= m.lon <= lon1, (m.surface, m.iso3, m.lat, m.lon)


def _found(text, lang="en"):
    return [(m.surface, m.kind, m.iso3) for m in extract(text, lang)]


def test_longest_match_keeps_whole_name():
    assert _found("From South Sudan to Equatorial Guinea.") == [
        ("South Sudan", "country", "SSD"), ("Equatorial Guinea", "country", "GNQ")]


def test_guinea_bissau_is_one_mention():
    assert _found("Guinea-Bissau voted.") == [("Guinea-Bissau", "country", "GNB")]


def test_niger_and_nigerien_kinds():
    assert _found("Niger said the Nigerien army would stay.") == [
        ("Niger", "country", "NER"), ("Nigerien", "demonym", "NER")]


def test_mali_not_found_inside_somalia():
    assert [m.surface for m in extract("Fighting in Somalia.", "en")] == ["Somalia"]


def test_kinds_of_capital_city_demonym():
    kinds = {m.surface: m.kind for m in extract("Malian officials flew from Bamako to Brest, in Belarus.", "en")}
    assert kinds == {"Malian": "demonym", "Bamako": "capital", "Brest": "city", "Belarus": "country"}


def test_french_and_russian_demonym_forms():
    fr = "centrafricain, centrafricaine, centrafricains, centrafricaines"
    assert [m.iso3 for m in extract(fr, "fr")] == ["CAF"] * 4
    ru = "малийский, малийской, малийских"
    assert [(m.surface, m.iso3) for m in extract(ru, "ru")] == [
        ("малийский", "MLI"), ("малийской", "MLI"), ("малийских", "MLI")]


def test_russian_long_name_is_one_span():
    text = "Выборы в Центральноафриканской Республике."
    (m,) = extract(text, "ru")
    assert m.surface == "Центральноафриканской Республике" and m.iso3 == "CAF"


def test_georgia_after_a_us_city_is_not_the_country():
    assert "GEO" not in country_codes("She grew up in Atlanta, Georgia, and in Macon, Georgia.", "en")


def test_famous_us_cities_are_in_the_gazetteer():
    assert country_codes("Flights from Atlanta and Boston were cancelled.", "en") == {"USA"}


def test_lowercase_abbreviation_lookalikes_are_not_places():
    assert extract("us and car and uk", "en") == []


def test_brest_follows_france_when_france_is_named():
    assert country_codes("Sailors came home to Brest, France.", "en") == {"FRA"}


def test_outlet_swallows_place_but_article_place_counts():
    text = "The Moscow Times said Wagner fighters arrived in Mali."
    assert [m.surface for m in extract(text, "en")] == ["Mali"]


def test_spans_index_original_text_with_elision_and_mixed_scripts():
    text = "Selon l'armée, d'Ukraine et de Syrie; в Сирии тоже."
    for m in extract(text, "fr") + extract(text, "ru"):
        assert text[m.start:m.end] == m.surface


def test_empty_text():
    assert extract("", "en") == []


def test_own_words_version_of_the_moscow_times_example():
    text = (
        "Wagner's men are still in Mali and the Central African Republic, The Moscow Times has learned.\n"
        "Russian instructors arrived in Bamako after France pulled its soldiers out, and a second group "
        "is guarding the mines near Bangui in C. Africa.\n"
        "Read more: Wagner in Libya and Sudan\n"
        "Support The Moscow Times! Donate today to keep reporting from Ukraine and Georgia."
    )
    from news.sources.clean import mask_furniture

    assert country_codes(mask_furniture(text), "en") == {"RUS", "MLI", "CAF", "FRA"}


def test_bare_congo_follows_brazzaville():
    text = "Congo's army paraded in Brazzaville. Congo said so."
    assert {m.surface: m.iso3 for m in extract(text, "en")} == {"Congo": "COG", "Brazzaville": "COG"}


def test_france_point_is_in_france():
    (m,) = extract("Troops left France.", "en")
    lat0, lat1, lon0, lon1 = BBOX["FRA"]
    assert m.name == "France" and lat0 <= m.lat <= lat1 and lon0 <= m.lon <= lon1


def test_australia_point_is_in_australia():
    (m,) = extract("Canberra and Australia.", "en")[-1:]
    lat0, lat1, lon0, lon1 = BBOX["AUS"]
    assert m.name == "Australia" and lat0 <= m.lat <= lat1 and lon0 <= m.lon <= lon1


def test_all_caps_dateline_is_a_mention():
    assert country_codes("BAMAKO (Reuters) - Soldiers took the town.", "en") == {"MLI"}


def test_hyphenated_demonym_pair():
    assert country_codes("A Malian-Russian deal was signed.", "en") == {"MLI", "RUS"}


def test_longest_fast_path_equals_the_general_rule() -> None:
    """The one-pass nesting rule picks what "longest first, then earliest" picks."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from geo.extract import _longest

    def general(cands):
        taken, out = set(), []
        for a, b, h in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
            if not taken & set(range(a, b)):
                taken |= set(range(a, b))
                out.append((a, b, h))
        return sorted(out)

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)), max_size=10))
    def check(spans):
        # as the automaton reports them: by end, each span at most once
        cands = sorted({(a, a + n) for a, n in spans}, key=lambda s: s[1])
        cands = [(a, b, i) for i, (a, b) in enumerate(cands)]
        assert _longest(list(cands), 40) == general(cands)

    check()


def test_boundary_form_equals_its_definition() -> None:
    """Fast paths (ASCII translate, BMP table) give exactly: lowercase, non-word -> space."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from geo.extract import boundary_form

    def reference(text: str) -> str:
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        return re.sub(r"[\W_]", " ", low)

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("aZ _-.,«»’İıẞßÿµΣσς\ud800\udc00😀ЦАРцар9١") + ["\u0301"]))
           | st.text(max_size=30))
    def check(text: str) -> None:
        assert boundary_form.__wrapped__(text) == reference(text), repr(text)

    check()
    for text in ("İstanbul and Mali", "Центральноафриканской Республике", "d'Agadez", "Ouagadougou…"):
        assert boundary_form(text) == reference(text)


@pytest.mark.parametrize(
    ("text", "lang", "iso3"),
    [
        ("Бойцы отошли от Триполи.", "ru", "LBY"),
        ("Бои идут в Донецкой области.", "ru", "UKR"),
        ("Председатель КНР прибыл с визитом.", "ru", "CHN"),
        ("Les autorités équato-guinéennes n'ont rien confirmé.", "fr", "GNQ"),
        ("Учения прошли у границы с Польшей.", "ru", "POL"),
        ("BEYROUTH, 16 octobre — La réunion s'est tenue hier.", "fr", "LBN"),
        ("Alger refuse toute coopération.", "fr", "DZA"),
    ],
)
def test_forms_the_challenge_sets_found_missing(text: str, lang: str, iso3: str) -> None:
    assert {m.iso3 for m in extract(text, lang)} == {iso3}


def test_a_town_inside_an_arabic_name_is_not_that_town() -> None:
    # "Хадим" alone is a Turkish town; after "Аль-" it is the rest of a Libyan air base's name
    text = "Самолёты садятся на авиабазе Аль-Хадим на востоке Ливии."
    assert {m.iso3 for m in extract(text, "ru")} == {"LBY"}
    assert {m.iso3 for m in extract("Wagner flew to al-Jufra.", "en")} == {"LBY"}


@pytest.mark.parametrize(
    ("text", "iso3", "lat"),
    [("Учения прошли под Брестом.", "BLR", 52.1), ("Саммит открылся в Казани.", "RUS", 55.8),
     ("В Вашингтоне это назвали слухами.", "USA", 38.9)],
)
def test_russian_city_names_are_placed_at_the_city(text: str, iso3: str, lat: float) -> None:
    (m,) = extract(text, "ru")
    assert m.iso3 == iso3 and m.kind in ("city", "capital") and abs(m.lat - lat) < 0.2  # not the country's middle


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The officers who ousted President Alpha Conde have not asked for help.", "en", set()),
        ("Le président Alpha Conde a été renversé en 2021.", "fr", set()),
        # the same towns named as places, after a preposition, a sentence start or a demonym
        ("Fighters reached Conde on Monday.", "en", {"BRA"}),
        ("Жители Кидаля бежали.", "ru", {"MLI"}),
        ("The Russian Hmeimim base was expanded.", "en", {"RUS", "SYR"}),
    ],
)
def test_a_small_town_after_a_given_name_is_a_surname(text: str, lang: str, expected: set) -> None:
    assert {m.iso3 for m in extract(text, lang)} == expected


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Переговоры прошли в Минске.", "BLR"),
        ("Переговоры прошли в Дамаске.", "SYR"),
        ("Бои идут у Алеппо.", "SYR"),
        ("Учения прошли под Душанбе.", "TJK"),
        ("Делегация прибыла в Тбилиси.", "GEO"),
        ("Встреча в Ереване.", "ARM"),
    ],
)
def test_russian_names_of_famous_cities(text: str, iso3: str) -> None:
    # frequent in Russian because famous: the common-word filter once dropped them
    assert {m.iso3 for m in extract(text, "ru")} == {iso3}


@pytest.mark.parametrize("text", ["Заседание Думы перенесли.", "Кому это выгодно?", "Думаю, что нет."])
def test_russian_words_that_decline_like_towns_are_not_places(text: str) -> None:
    assert extract(text, "ru") == []


@pytest.mark.parametrize(
    ("place", "iso3"),
    [("Damas", "SYR"), ("Alep", "SYR"), ("Le Caire", "EGY"), ("Londres", "GBR"), ("Téhéran", "IRN"),
     ("La Havane", "CUB"), ("Ménaka", "MLI"), ("Birao", "CAF")],
)
def test_french_names_of_cities_and_curated_small_towns(place: str, iso3: str) -> None:
    # French exonyms GeoNames has only as alternate names; Ménaka (14,000 people) is curated,
    # so the run-time size threshold must not drop it
    assert {m.iso3 for m in extract(f"Des renforts sont arrivés à {place} hier.", "fr")} == {iso3}


@pytest.mark.parametrize(
    ("text", "lang", "iso3"),
    [
        # a curated town of this news beat outranks a same-named GeoNames town elsewhere
        ("Российская военная полиция вошла в Камышлы.", "ru", "SYR"),
        ("Российская военная полиция вошла в Кобани.", "ru", "SYR"),
        ("Бойцы прибыли в Менаку.", "ru", "MLI"),
        ("Des paramilitaires ont été vus près de Gossi.", "fr", "MLI"),
        ("Les derniers combattants ont quitté la base d'Al-Joufra.", "fr", "LBY"),
        # Russian names of Ukrainian towns on the front
        ("Над Авдеевкой поднят флаг.", "ru", "UKR"),
        ("В Донецке тихо.", "ru", "UKR"),
        ("Президент Гвинеи-Бисау посетил Москву.", "ru", "GNB"),
    ],
)
def test_curated_towns_of_the_news_beat(text: str, lang: str, iso3: str) -> None:
    assert iso3 in {m.iso3 for m in extract(text, lang)}


@pytest.mark.parametrize("text", ["a GRU special forces brigade", "le Gouvernement d'union nationale (GNA)"])
def test_acronyms_of_organisations_are_not_airports(text: str) -> None:
    assert extract(text, "en") == []


# False hits real news produced (the presence issue's list), in sentences of our own.
FALSE_HITS = [
    ("en", "The PMC recruited hundreds of convicts, a former commander said.", set()),  # PMC: an airport code
    ("en", "Leaders of the AES met in Niamey to plan a joint force.", {"NER"}),  # AES: Ålesund's code
    ("fr", "Les trois pays de l'AES ont quitté la CEDEAO.", set()),
    ("en", "Interior minister Mala told the assembly the convoy had reached Bangui.", {"CAF"}),  # Mala, Peru
    ("en", "Defence Secretary Lloyd Austin said the Pentagon was watching Wagner.", set()),  # Austin, Texas
    ("fr", "Le ministre Lloyd Austin a mis en garde contre Wagner.", set()),
    ("en", "Prigozhin was buried in St. Petersburg a week after the crash.", {"RUS"}),  # not Florida
    ("en", "His company was registered in St Petersburg.", {"RUS"}),
    ("en", "Analysts at the American Enterprise Institute track Wagner in Mali.", {"MLI"}),
    ("en", "Bahasa Indonesia | English | Français\nWagner fighters remain in Mali.", {"MLI"}),
    # outlet lines ("The Guardian (USA)") are cut with the furniture: tests/test_clean.py
    # blind set hidden_j: names, acronyms, agencies and organisations read as places
    ("en", '"Moscow has options," said Georgia Mendes, an analyst in Dakar.', {"RUS", "SEN"}),  # Mendes, Brazil
    ("fr", "Le vice-président Teodoro Nguema Obiang Mangue dirige l'armée à Malabo.", {"GNQ"}),  # Mangue, Colombia
    ("fr", "Les Russes ont formé le Bataillon d'intervention rapide (BIR) au Cameroun.", {"RUS", "CMR"}),  # Bir, India
    ("fr", "Une frappe a touché le quartier de Wadi al-Rabie à Khartoum.", {"SDN"}),  # Wadi, India
    ("fr", "Le gouverneur a confirmé à l'agence officielle Sana que la base russe restait à Tartous.", {"RUS", "SYR"}),
    ("en", "The state news agency SANA said Russian jets struck near Idlib.", {"RUS", "SYR"}),
    ("ru", "Москва расширяет связи в Центральной Африке, заявил посол в Браззавиле.", {"RUS", "COG"}),  # region, not CAR
    ("ru", "Южноафриканское сообщество развития созывает саммит по Мадагаскару.", {"MDG"}),  # SADC, not ZAF
    # "the States" is the USA with its capital only: a kind of place in lowercase is none
    ("en", "Analysts list the states where Wagner fighters serve: Mali and Libya.", {"MLI", "LBY"}),
    ("en", "Back in the States, the Treasury named three of its companies.", {"USA"}),
    # blind set hidden_cm/cn (business desks): a benchmark, companies and a mine read as towns
    ("en", "Brent crude rose above 80 dollars as tankers avoided the Red Sea.", set()),  # Brent, London
    ("fr", "Le Brent a gagné deux dollars après l'annonce.", set()),
    ("en", "The French group Orano lost control of its uranium mine in Niger.", {"FRA", "NER"}),  # Orano: Oran
    ("en", "Russian guards were seen at the Bissa gold mine north of Ouagadougou.", {"RUS", "BFA"}),  # Bissau
    ("en", "EGA, the Emirati aluminium firm, bought the bauxite.", {"ARE"}),  # EGA: a Brazilian town's code
    ("ru", "Корабли Тихоокеанского флота провели учения в Индийском океане.", set()),  # the ocean, not India
    ("ru", "Индийские моряки наблюдали за учениями.", {"IND"}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FALSE_HITS, ids=[c[1][:40] for c in FALSE_HITS])
def test_news_false_hits(lang, text, expected):
    assert country_codes(text, lang) == expected


def test_new_york_is_a_place():
    """GeoNames names the city "New York City"; its short name was dropped as a frequent phrase."""
    assert country_codes("Russia's envoy told reporters in New York that the report was false.", "en") == {"RUS", "USA"}


def test_a_town_after_a_title_is_a_surname_but_after_a_preposition_a_place():
    assert country_codes("The spokesman in Tessalit said the base was quiet.", "en") == {"MLI"}
    assert country_codes("Minister Diop flew to Tessalit.", "en") == {"MLI"}


def test_a_word_ending_in_a_feature_word_never_makes_the_next_place_a_feature() -> None:
    """"Saltlake,,,, Chad": whatever the run of punctuation, the 40-character look-back can cut
    "Saltlake" down to "lake"; only a whole word "lake" in the text makes Chad the lake."""
    from geo.extract import extract

    for pad in range(0, 45):
        text = "Saltlake" + "," * pad + " Chad is dry."
        assert [m.iso3 for m in extract(text, "en")] == ["TCD"], pad
    assert [m.iso3 for m in extract("Saltlake, by Lake Chad, is dry.", "en")] == []


@pytest.mark.parametrize(("text", "lang"), [
    ("о российских военных в Центральной Америке", "ru"),
    ("в Латинской Америке и Южной Америке", "ru"),
    ("en Amérique centrale et en Amérique latine", "fr"),
    ("in Central America and South America", "en"),
])
def test_a_region_of_the_americas_is_not_the_united_states(text: str, lang: str) -> None:
    assert "USA" not in {m.iso3 for m in extract(text, lang)}
