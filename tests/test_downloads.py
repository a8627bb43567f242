"""Download file names carry the filters; every download follows the selected country (issue 16, defect 13)."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from components.downloads import MAX_NAME, download_label, download_name, filter_parts, for_selected
from components.state import Options, ViewState

OPTIONS = Options(actors=("russia", "wagner"), months=("2021-01", "2021-02", "2025-06"),
                  countries=("LBY", "MLI", "CAF"), languages=("en", "fr", "ru"), outlets=("Reuters", "Медуза"))
SAFE = re.compile(r"^[a-z0-9][A-Za-z0-9._-]*$")


def state(**kw) -> ViewState:
    return ViewState(**{"actors": ("russia", "wagner"), "start": "2021-01", "end": "2025-06", **kw})


def test_default_name_names_the_actors_and_the_window():
    assert download_name("layers", state(), OPTIONS, "csv") == "footprint_layers_russia-wagner_2021-01_2025-06.csv"


def test_every_filter_is_in_the_name():
    s = state(actors=("wagner",), countries=("MLI", "CAF"), statuses=("present",), min_confidence=0.5,
              languages=("fr",), outlets=("Le Monde", "Медуза"))
    name = download_name("evidence", s, OPTIONS, "csv")
    assert name == ("footprint_evidence_wagner_countries-MLI-CAF_present_conf-0.50_lang-fr_"
                    "outlet-le-monde-meduza_2021-01_2025-06.csv")
    assert SAFE.match(name)


def test_the_selected_country_names_the_file_instead_of_the_country_filter():
    name = download_name("layers", state(countries=("MLI", "LBY"), selected="LBY"), OPTIONS, "geojson")
    assert name == "footprint_layers_russia-wagner_country-LBY_2021-01_2025-06.geojson"


def test_long_filters_are_cut_to_a_bounded_name_that_keeps_the_window_and_stays_distinct():
    many = tuple(f"Outlet number {i} of a very long list" for i in range(40))
    a = download_name("evidence", state(outlets=many, countries=tuple(f"C{i:02d}" for i in range(30))), OPTIONS, "csv")
    b = download_name("evidence", state(outlets=many[1:], countries=tuple(f"C{i:02d}" for i in range(30))), OPTIONS, "csv")
    assert len(a) <= MAX_NAME and a.endswith("_2021-01_2025-06.csv") and SAFE.match(a)
    assert "countries-C00-C01-C02-C03-and-26-more" in a and a != b
    assert filter_parts(state(outlets=many), OPTIONS)[-1] == "outlet-outlet-number-0-of-a-and-39-more"


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=12), st.floats(0, 1))
def test_any_outlet_gives_a_safe_bounded_name(outlets, conf):
    name = download_name("layers", state(outlets=tuple(outlets), min_confidence=round(conf, 2)), OPTIONS, "csv")
    assert len(name) <= MAX_NAME and SAFE.match(name) and "/" not in name and ".." not in name
    assert name.endswith("_2021-01_2025-06.csv")


def test_no_actor_and_no_status_are_said():
    assert filter_parts(state(actors=(), statuses=()), OPTIONS) == ["no-actors", "no-status"]


def test_downloads_follow_the_selected_country_and_say_so():
    rows = pd.DataFrame({"actor": ["wagner", "russia", "wagner"], "iso3": ["LBY", "LBY", "MLI"]})
    assert list(for_selected(rows, "LBY")["actor"]) == ["wagner", "russia"]
    assert for_selected(rows, None) is rows
    assert download_label("layer rows (CSV)", 2, "row", "Libya") == "Download layer rows (CSV): 2 rows, Libya only"
    assert download_label("evidence rows (CSV)", 1, "sentence", None) == (
        "Download evidence rows (CSV): 1 sentence, all countries shown")
