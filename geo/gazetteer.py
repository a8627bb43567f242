"""The gazetteer at run time: surface forms to places, and the automaton that finds them.

Built from data/gazetteer/places.tsv.gz (see scripts/build_gazetteer.py). pyahocorasick
matches all ~230k forms in one pass over the text, so extraction cost does not grow with
the size of the gazetteer; the rules in geo.extract then decide which hits are places.
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from geo.types import Place

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "places.tsv.gz"
# Chosen with bench/accuracy.py --thresholds on the labelled set: smaller cities add noise
# (personal names, villages named like common words) faster than they add countries.
DEFAULT_MIN_POPULATION = 15000
KIND_RANK = {"block": 0, "country": 1, "region": 2, "demonym": 3, "capital": 4, "city": 5}


@dataclass(frozen=True, slots=True)
class Entry:
    place: Place
    case: str  # "exact" | "title" | "any"
    lang: str
    form: str


@dataclass(slots=True)
class Gazetteer:
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    automaton: ahocorasick.Automaton | None = None

    def lookup(self, name: str) -> list[Place]:
        """Places a name can mean, best first (countries before cities, big before small)."""
        hits = self.entries.get(name.strip().lower(), [])
        return [e.place for e in hits if e.place.kind != "block"]


def _rank(e: Entry) -> tuple:
    return (KIND_RANK.get(e.place.kind, 9), -e.place.population)


@lru_cache(maxsize=4)
def load_gazetteer(min_population: int = DEFAULT_MIN_POPULATION, path: str | None = None) -> Gazetteer:
    """Load forms, keep cities above ``min_population`` (curated sites always), build the automaton."""
    entries: dict[str, list[Entry]] = {}
    raw = gzip.decompress(Path(path or DATA).read_bytes()).decode("utf-8")
    for row in csv.DictReader(io.StringIO(raw), delimiter="\t"):
        pop = int(row["population"] or 0)
        kind = row["kind"]
        if kind in ("city", "capital") and 0 < pop < min_population and kind != "capital":
            continue
        place = Place(row["name"], row["iso3"], kind, float(row["lat"]), float(row["lon"]), pop)
        entries.setdefault(row["form"].lower(), []).append(Entry(place, row["case"], row["lang"], row["form"]))
    auto = ahocorasick.Automaton()
    for key, lst in entries.items():
        lst.sort(key=_rank)
        auto.add_word(key, key)
    auto.make_automaton()
    return Gazetteer(entries, auto)
