"""The gazetteer at run time: surface forms to places, and the automaton that finds them.

Built from data/gazetteer/places.tsv.gz (see scripts/build_gazetteer.py). pyahocorasick
matches all ~230k forms in one pass over the text, so extraction cost does not grow with
the size of the gazetteer; the rules in geo.extract then decide which hits are places.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from geo import paths
from geo.types import Place

DATA = paths.GAZETTEER
# Chosen with bench/accuracy.py --thresholds on the labelled set: smaller cities add noise
# (personal names, villages named like common words) faster than they add countries.
DEFAULT_MIN_POPULATION = 15000
_NON_WORD = re.compile(r"[\W_]")
KIND_RANK = {"block": 0, "country": 1, "region": 2, "demonym": 3, "capital": 4, "city": 5}


@dataclass(frozen=True, slots=True)
class Entry:
    place: Place
    case: str  # "exact" | "title" | "any"
    lang: str
    form: str


class Gazetteer:
    """Forms to places. Rows stay packed as text until a form is actually matched.

    Packing keeps the pickle cache fast to load (a dict of strings unpickles ~20x faster
    than 230k objects); each matched form is unpacked once and memoised.
    """

    def __init__(self, packed: dict[str, str], automaton: ahocorasick.Automaton,
                 aliases: dict[str, tuple[str, ...]] | None = None) -> None:
        self.packed = packed
        self.automaton = automaton
        self.aliases = aliases or {}
        self._memo: dict[str, list[Entry]] = {}

    def __getstate__(self) -> dict:
        return {"packed": self.packed, "automaton": self.automaton, "aliases": self.aliases}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["packed"], state["automaton"], state.get("aliases"))

    def get(self, key: str) -> list[Entry]:
        """Entries of a lowercase form (or its boundary form: "c  africa" for "c. africa"), best first."""
        hit = self._memo.get(key)
        if hit is None:
            if key in self.aliases:
                packed = "\n".join(self.packed.get(k, "") for k in self.aliases[key])
            else:
                packed = self.packed.get(key, "")
            hit = [_unpack(line) for line in packed.split("\n") if line]
            hit.sort(key=_rank)
            self._memo[key] = hit
        return hit

    def __len__(self) -> int:
        return len(self.packed)

    def lookup(self, name: str) -> list[Place]:
        """Places a name can mean, best first (countries before cities, big before small)."""
        return [e.place for e in self.get(name.strip().lower()) if e.place.kind != "block"]


def _pack(e: Entry) -> str:
    p = e.place
    return "\t".join((p.name, p.iso3, p.kind, repr(p.lat), repr(p.lon), str(p.population), e.case, e.lang, e.form))


def _unpack(line: str) -> Entry:
    name, iso3, kind, lat, lon, pop, case, lang, form = line.split("\t")
    return Entry(Place(name, iso3, kind, float(lat), float(lon), int(pop)), case, lang, form)


def _rank(e: Entry) -> tuple:
    # "Камышлы" is Qamishli in Syria here (curated), not a village in the Urals
    return (KIND_RANK.get(e.place.kind, 9), not e.place.curated, -e.place.population)


def _cache_file(src: Path, min_population: int) -> Path:
    """Keyed by what the cache is made of: the data's bytes, the threshold and this module's
    code (which defines the packing). Not by path or mtime: every clone, checkout or pull would
    then leave another ~50 MB pickle behind for good."""
    digest = hashlib.sha1(src.read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(f"|{min_population}".encode())
    return _cache_dir() / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "footprint"


CACHE_KEEP = 3  # pickles kept, most recently used first: a few data versions or thresholds side by side


def _prune(keep: Path) -> None:
    """Drop all but the ``CACHE_KEEP`` most recently used gazetteer pickles (and stray temp files)."""
    try:
        found = sorted(keep.parent.glob("gazetteer-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in [p for p in found if p != keep][CACHE_KEEP - 1:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned the same file first, or the folder is read-only


@lru_cache(maxsize=4)
def load_gazetteer(min_population: int = DEFAULT_MIN_POPULATION, path: str | None = None) -> Gazetteer:
    """The gazetteer, from a pickle cache when the data file is unchanged (0.3 s instead of 3 s).

    Every CLI run, test process and Dask worker loads it, so start-up time matters; the cache
    is keyed by content (``_cache_file``), rebuilt when missing or broken, and the folder keeps
    only the few most recently used.
    """
    src = Path(path or DATA)
    cache = _cache_file(src, min_population)
    try:
        with cache.open("rb") as fh:
            gaz = pickle.load(fh)
        if isinstance(gaz, Gazetteer):
            try:
                os.utime(cache)  # marks it recently used, for _prune
            except OSError:
                pass
            return gaz
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    gaz = _build(src, min_population)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
        _prune(cache)
    except OSError:
        pass  # a read-only home just means no cache
    return gaz


def _build(src: Path, min_population: int) -> Gazetteer:
    """Load forms, keep cities above ``min_population`` (curated sites always), build the automaton."""
    entries: dict[str, list[Entry]] = {}
    raw = gzip.decompress(src.read_bytes()).decode("utf-8")
    for row in csv.DictReader(io.StringIO(raw), delimiter="\t"):
        pop = int(row["population"] or 0)
        kind = row["kind"]
        if kind in ("city", "capital") and 0 < pop < min_population and kind != "capital":
            continue
        place = Place(row["name"], row["iso3"], kind, float(row["lat"]), float(row["lon"]), pop)
        entries.setdefault(row["form"].lower(), []).append(Entry(place, row["case"], row["lang"], row["form"]))
    auto = ahocorasick.Automaton()
    packed: dict[str, str] = {}
    by_boundary: dict[str, list[str]] = {}
    for key, lst in entries.items():
        lst.sort(key=_rank)
        packed[key] = "\n".join(_pack(e) for e in lst)
        bkey = _NON_WORD.sub(" ", key)
        if bkey.strip():
            by_boundary.setdefault(bkey, []).append(key)
    aliases = {}
    for bkey, keys in by_boundary.items():
        auto.add_word(" " + bkey + " ", bkey)
        if keys != [bkey]:
            aliases[bkey] = tuple(keys)
    auto.make_automaton()
    return Gazetteer(packed, auto, aliases)
