"""Both geocoder paths: the offline gazetteer and the cached, rate-limited Nominatim fallback.

The Nominatim path runs against a fake server on 127.0.0.1 that speaks Nominatim's JSON, so
the test exercises geopy's real HTTP code while never touching the internet, and can count
how often it was asked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from geopy.location import Location

from geo.geocode import (
    USER_AGENT,
    ChainGeocoder,
    GazetteerGeocoder,
    JsonCache,
    NominatimFallback,
    make_geocoder,
    nominatim_kind,
    normalise_query,
)
from geo.types import Place
from tests.fixtures.nominatim import FakeNominatim

PLACES = {
    "bamako": [Place("Bamako", "MLI", "capital", 12.6392, -8.0029, 1_800_000)],
    "tripoli": [
        Place("Tripoli", "LBY", "capital", 32.8872, 13.1913, 1_150_000),
        Place("Tripoli", "LBN", "city", 34.4367, 35.8497, 230_000),
    ],
}


def fake_lookup(name: str) -> list[Place]:
    return list(PLACES.get(name.casefold(), []))


# What the fake server knows, in Nominatim's format (jsonv2-style list, ``class`` as in format=json).
NOMINATIM = {
    "kidal": [
        {"lat": "18.4411", "lon": "1.4078", "display_name": "Kidal, Région de Kidal, Mali",
         "name": "Kidal", "class": "place", "type": "town", "importance": 0.5},
    ],
    "bria": [
        {"lat": "6.5423", "lon": "21.9863", "display_name": "Bria, Haute-Kotto, Central African Republic",
         "name": "Bria", "category": "place", "type": "city", "importance": 0.4},
    ],
}


@pytest.fixture
def nominatim() -> Iterator[FakeNominatim]:
    with FakeNominatim(NOMINATIM) as fake:
        yield fake


def fallback(fake: FakeNominatim, cache: Path, **kwargs: object) -> NominatimFallback:
    return NominatimFallback(cache, domain=fake.domain, scheme="http", min_delay_seconds=0.01, **kwargs)


# --- gazetteer path ---------------------------------------------------------------------------


def test_gazetteer_geocoder_returns_a_location_with_raw_fields() -> None:
    geocoder = GazetteerGeocoder(fake_lookup)
    loc = geocoder.geocode("  Bamako ")
    assert isinstance(loc, Location)
    assert (loc.latitude, loc.longitude) == pytest.approx((12.6392, -8.0029))
    assert loc.raw["iso3"] == "MLI" and loc.raw["kind"] == "capital" and loc.raw["name"] == "Bamako"
    assert loc.raw["source"] == "gazetteer"
    assert "Bamako" in loc.address


def test_gazetteer_geocoder_keeps_the_lookup_ranking() -> None:
    geocoder = GazetteerGeocoder(fake_lookup)
    many = geocoder.geocode("Tripoli", exactly_one=False)
    assert [loc.raw["iso3"] for loc in many] == ["LBY", "LBN"]
    assert geocoder.geocode("Tripoli").raw["iso3"] == "LBY"


def test_gazetteer_geocoder_unknown_and_empty_give_none() -> None:
    calls: list[str] = []

    def lookup(name: str) -> list[Place]:
        calls.append(name)
        return []

    geocoder = GazetteerGeocoder(lookup)
    assert geocoder.geocode("Atlantis") is None
    assert geocoder.geocode("Atlantis", exactly_one=False) is None
    assert geocoder.geocode("   ") is None
    assert calls == ["Atlantis", "Atlantis"]  # blank queries never reach the lookup


def test_offline_make_geocoder_is_just_the_gazetteer() -> None:
    geocoder = make_geocoder(lookup=fake_lookup)
    assert isinstance(geocoder, GazetteerGeocoder)
    assert geocoder.geocode("Kidal") is None  # no network fallback unless asked


def test_normalise_query() -> None:
    assert normalise_query("  Bangui\t ") == normalise_query("BANGUI") == "bangui"
    assert normalise_query("Москва") == "москва"


# --- Nominatim path ---------------------------------------------------------------------------


def test_nominatim_answer_is_converted_and_cached(nominatim: FakeNominatim, tmp_path: Path) -> None:
    cache = tmp_path / "nominatim.json"
    geocoder = fallback(nominatim, cache)
    loc = geocoder.geocode("Kidal")
    assert isinstance(loc, Location)
    assert (loc.latitude, loc.longitude) == pytest.approx((18.4411, 1.4078))
    # ISO3 comes from our own shapes, kind from Nominatim's class/type
    assert loc.raw == {"name": "Kidal", "iso3": "MLI", "kind": "city", "population": 0, "source": "nominatim"}
    assert nominatim.searches() == 1
    assert nominatim.user_agents == [USER_AGENT]
    assert nominatim.requests[0]["q"] == ["Kidal"]

    # Same name, different spelling of case and spaces: served from the cache.
    assert geocoder.geocode("  KIDAL ").raw["iso3"] == "MLI"
    assert nominatim.searches() == 1

    # The cache is a file and survives a new instance.
    assert "kidal" in json.loads(cache.read_text(encoding="utf-8"))
    again = fallback(nominatim, cache)
    assert again.lookup("Kidal") == [Place("Kidal", "MLI", "city", 18.4411, 1.4078)]
    assert nominatim.searches() == 1


def test_nominatim_misses_are_cached_too(nominatim: FakeNominatim, tmp_path: Path) -> None:
    geocoder = fallback(nominatim, tmp_path / "c.json")
    assert geocoder.geocode("Atlantis") is None
    assert geocoder.geocode("atlantis") is None
    assert nominatim.searches() == 1


def test_nominatim_jsonv2_category_and_injected_country(nominatim: FakeNominatim, tmp_path: Path) -> None:
    asked: list[tuple[list[float], list[float]]] = []

    def country_of(lats, lons):  # type: ignore[no-untyped-def]
        asked.append((list(lats), list(lons)))
        return ["CAF"]

    geocoder = fallback(nominatim, tmp_path / "c.json", country_of=country_of)
    assert geocoder.lookup("Bria") == [Place("Bria", "CAF", "city", 6.5423, 21.9863)]
    assert asked == [([6.5423], [21.9863])]


def test_server_errors_are_not_cached(tmp_path: Path) -> None:
    # Nothing listens on this port: the lookup fails softly and leaves no cache entry.
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    geocoder = NominatimFallback(
        tmp_path / "c.json", domain=f"127.0.0.1:{port}", scheme="http",
        min_delay_seconds=0.0, max_retries=0, timeout=2,
    )
    assert geocoder.lookup("Kidal") == []
    assert not (tmp_path / "c.json").exists()


def test_chain_asks_nominatim_only_when_the_gazetteer_has_nothing(
    nominatim: FakeNominatim, tmp_path: Path
) -> None:
    geocoder = make_geocoder(
        online=True, lookup=fake_lookup, cache_path=tmp_path / "c.json",
        domain=nominatim.domain, scheme="http", min_delay_seconds=0.01,
    )
    assert isinstance(geocoder, ChainGeocoder)
    assert geocoder.geocode("Bamako").raw["source"] == "gazetteer"
    assert nominatim.searches() == 0
    kidal = geocoder.geocode("Kidal", exactly_one=False)
    assert [loc.raw["source"] for loc in kidal] == ["nominatim"]
    assert nominatim.searches() == 1
    assert geocoder.geocode("Atlantis") is None


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ({"class": "boundary", "type": "administrative", "addresstype": "country"}, "country"),
        ({"class": "place", "type": "country"}, "country"),
        ({"class": "place", "type": "village"}, "city"),
        ({"category": "aeroway", "type": "aerodrome"}, "city"),
        ({"class": "boundary", "type": "administrative", "place_rank": 8}, "region"),
        ({"class": "place", "type": "island"}, "region"),
    ],
)
def test_nominatim_kind(raw: dict, kind: str) -> None:
    assert nominatim_kind(raw) == kind


def test_json_cache_writes_atomically_and_merges(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "cache.json"
    first, second = JsonCache(path), JsonCache(path)
    first.set("a", [1])
    second.set("b", [2])  # a second writer must not erase the first's entry
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": [1], "b": [2]}
    assert sorted(p.name for p in path.parent.iterdir()) == ["cache.json"]  # no temp files left
    path.write_text("{not json", encoding="utf-8")
    assert JsonCache(path).get("a") is None  # a corrupt cache is ignored, not fatal
