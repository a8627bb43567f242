"""Geocoding behind geopy's interface: the offline gazetteer first, Nominatim only if asked.

Why geopy: its ``Geocoder``/``Location`` shape is what the rest of the Python world expects, so
any geopy geocoder can be slotted into the chain later. Why offline first: a news corpus names
the same few hundred places over and over, the gazetteer answers them instantly and
reproducibly, and a fresh checkout must work with no network. Nominatim is an opt-in fallback
for the rare name the gazetteer lacks; the public service allows one request per second for a
whole application and asks clients to cache, so every query goes through a rate limiter and a
disk cache that remembers answers (empty ones too) for good.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import threading
import tomllib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from geo import paths
from geo.types import Place

log = logging.getLogger(__name__)

USER_AGENT = "footprint/0.1 (+offline-first news geoparser)"
# ``.cache/`` is git-ignored: answers from OpenStreetMap are a local convenience, not project data.
DEFAULT_CACHE = Path(os.environ.get("FOOTPRINT_GEOCODE_CACHE") or paths.GEOCODE_CACHE)

Lookup = Callable[[str], list[Place]]
CountryOf = Callable[[Sequence[float], Sequence[float]], list[str | None]]

# Nominatim's settlement-like place types: a point you could stand in.
_SETTLEMENT_TYPES = {
    "city", "town", "village", "hamlet", "suburb", "quarter", "neighbourhood", "borough",
    "locality", "municipality", "isolated_dwelling", "city_block", "farm",
}
# Area-like place types: a label for a region rather than a spot.
_AREA_TYPES = {
    "state", "region", "province", "county", "district", "island", "islet", "archipelago",
    "department", "territory", "subdistrict", "continent", "sea", "ocean",
}
# Feature classes whose coordinates are a precise spot (a base, an airport, a port).
_POINT_CLASSES = {"aeroway", "military", "amenity", "building", "man_made", "railway", "tourism", "office"}


def normalise_query(query: str) -> str:
    """Key a query by what it means, not how it was typed: NFC, case-folded, single spaces.

    Both the cache and the gazetteer see "  bamako", "Bamako" and "BAMAKO" as one name, so the
    network is asked once per place, not once per spelling variant of whitespace or case.
    """
    text = unicodedata.normalize("NFC", query or "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def place_to_location(place: Place, source: str) -> Location:
    """Wrap a Place in geopy's Location; ``raw`` carries what a Mention needs."""
    address = f"{place.name}, {place.iso3}" if place.iso3 else place.name
    raw = {
        "name": place.name,
        "iso3": place.iso3,
        "kind": place.kind,
        "population": place.population,
        "source": source,
    }
    return Location(address, (place.lat, place.lon), raw)


class _PlaceGeocoder(Geocoder):
    """Shared plumbing: a geopy geocoder whose answers come from a ``str -> list[Place]`` function."""

    source = "places"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(user_agent=kwargs.pop("user_agent", USER_AGENT), **kwargs)

    def lookup(self, query: str) -> list[Place]:  # pragma: no cover - abstract
        raise NotImplementedError

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        """geopy's contract: one Location (or None), or a list (or None) when ``exactly_one`` is False."""
        if not normalise_query(query):
            return None
        places = self.lookup(query)
        if not places:
            return None
        locations = [place_to_location(p, self.source) for p in places]
        return locations[0] if exactly_one else locations


class GazetteerGeocoder(_PlaceGeocoder):
    """The offline default: answers from a gazetteer lookup, best match first.

    The lookup is passed in (normally ``geo.gazetteer.load_gazetteer().lookup``) so this class
    does not care how names are stored, and tests can hand it a dictionary.
    """

    source = "gazetteer"

    def __init__(self, lookup: Lookup, *, source: str = "gazetteer", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._lookup = lookup
        self.source = source

    def lookup(self, query: str) -> list[Place]:
        """Ask the gazetteer with whitespace tidied; it ranks, we keep its order."""
        text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", query or "")).strip()
        return list(self._lookup(text)) if text else []


class JsonCache:
    """A tiny persistent dict in one JSON file, safe against crashes and concurrent writers.

    Writes go to a temporary file in the same folder and are renamed over the old file, so a
    reader never sees half a file. Before writing we re-read the file and merge, so two
    processes sharing the cache lose at most a race, never each other's earlier entries.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._data: dict[str, Any] = self._read()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable geocoder cache %s: %s", self.path, exc)
            return {}
        return data if isinstance(data, dict) else {}

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def get(self, key: str) -> Any:
        return self._data.get(key)

    def set(self, key: str, value: Any) -> None:
        with self._lock:
            merged = {**self._read(), **self._data, key: value}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(merged, fh, ensure_ascii=False, sort_keys=True, indent=0)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            self._data = merged


def nominatim_kind(raw: dict[str, Any]) -> str:
    """Map Nominatim's class/type (``category`` in jsonv2) to one of our mention kinds.

    Our kinds are coarse: ``country``, ``city`` for anything with point precision (settlements,
    but also airports and bases, where a claim's location is that spot), ``region`` for areas.
    ``capital`` is left to the gazetteer, which knows capitals for sure.
    """
    cls = str(raw.get("class") or raw.get("category") or "")
    typ = str(raw.get("type") or "")
    addresstype = str(raw.get("addresstype") or "")
    if typ == "country" or addresstype == "country" or (cls == "boundary" and raw.get("place_rank") == 4):
        return "country"
    if typ in _SETTLEMENT_TYPES or addresstype in _SETTLEMENT_TYPES:
        return "city"
    if cls in _POINT_CLASSES:
        return "city"
    if typ in _AREA_TYPES or cls in {"boundary", "place", "natural", "landuse"}:
        return "region"
    return "region"


class NominatimFallback(_PlaceGeocoder):
    """Nominatim, rate limited and cached on disk, returning Places with our ISO3 codes.

    The country comes from our own shapes (``geo.shapes.countries_for_points``) rather than from
    Nominatim's address, so a place is filed under the same borders the map draws. Answers are
    cached raw (only the fields we read) per normalised query, so changing the conversion later
    does not need the network again. Network errors are logged and not cached: the name is
    retried next run, and the pipeline carries on without it.
    """

    source = "nominatim"

    def __init__(
        self,
        cache_path: str | Path = DEFAULT_CACHE,
        *,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        user_agent: str = USER_AGENT,
        min_delay_seconds: float = 1.0,
        timeout: float = 10.0,
        limit: int = 5,
        language: str | None = "en",
        country_of: CountryOf | None = None,
        max_retries: int = 1,
        error_wait_seconds: float = 5.0,
        give_up_after: int = 0,
    ) -> None:
        super().__init__(user_agent=user_agent, scheme=scheme, timeout=timeout)
        self.nominatim = Nominatim(
            user_agent=user_agent, domain=domain, scheme=scheme, timeout=timeout
        )
        self._geocode = RateLimiter(
            self.nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
        )
        self.cache = JsonCache(cache_path)
        self.limit = limit
        self.language = language
        self._country_of = country_of
        # After this many failures in a row the server is taken for down and not asked again by
        # this object (0: never give up): an ingest then finishes in seconds, not one timeout
        # per place, and the places it did not get are asked again next run (nothing cached).
        self.give_up_after = give_up_after
        self._failures = 0

    def _countries(self, lats: Sequence[float], lons: Sequence[float]) -> list[str | None]:
        if self._country_of is None:
            from geo.shapes import countries_for_points  # heavy import only when online

            self._country_of = countries_for_points
        return self._country_of(lats, lons)

    def fetch(self, query: str) -> list[dict[str, Any]] | None:
        """Raw Nominatim results for a query, from the cache or (once) from the server.

        Returns None when the server could not be asked, so nothing is cached.
        """
        key = normalise_query(query)
        if not key:
            return []
        if key in self.cache:
            return list(self.cache.get(key) or [])
        if self.give_up_after and self._failures >= self.give_up_after:
            return None
        try:
            found = self._geocode(
                query.strip(), exactly_one=False, limit=self.limit, language=self.language or False
            )
        except GeopyError as exc:
            self._failures += 1
            log.warning("nominatim failed for %r: %s", query, exc)
            if self.give_up_after and self._failures == self.give_up_after:
                log.warning("nominatim failed %d times in a row: not asking it again in this process",
                            self._failures)
            return None
        self._failures = 0
        keep = ("lat", "lon", "display_name", "name", "class", "category", "type", "addresstype",
                "place_rank", "importance", "osm_type", "osm_id")
        results = [{k: loc.raw[k] for k in keep if k in loc.raw} for loc in (found or [])]
        self.cache.set(key, results)
        return results

    def lookup(self, query: str) -> list[Place]:
        """Places for a query, best first as Nominatim ranks them; places at sea are dropped."""
        raws = self.fetch(query) or []
        if not raws:
            return []
        lats = [float(r["lat"]) for r in raws]
        lons = [float(r["lon"]) for r in raws]
        places = []
        for raw, lat, lon, iso3 in zip(raws, lats, lons, self._countries(lats, lons), strict=True):
            if not iso3:
                continue
            name = str(raw.get("name") or str(raw.get("display_name", "")).split(",")[0]).strip()
            places.append(Place(name=name or query.strip(), iso3=iso3, kind=nominatim_kind(raw), lat=lat, lon=lon))
        return places

    __call__ = lookup


class ChainGeocoder(Geocoder):
    """Ask geocoders in order; the first with an answer wins.

    This is how "gazetteer first, Nominatim only if the gazetteer has nothing" is spelled, and
    it keeps each link ignorant of the others.
    """

    def __init__(self, geocoders: Sequence[Geocoder]) -> None:
        super().__init__(user_agent=USER_AGENT)
        if not geocoders:
            raise ValueError("a chain needs at least one geocoder")
        self.geocoders = list(geocoders)

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        for geocoder in self.geocoders:
            found = geocoder.geocode(query, exactly_one=exactly_one, timeout=timeout)
            if found:
                return found
        return None


def make_geocoder(
    online: bool = False,
    *,
    lookup: Lookup | None = None,
    cache_path: str | Path = DEFAULT_CACHE,
    domain: str = "nominatim.openstreetmap.org",
    scheme: str = "https",
    min_delay_seconds: float = 1.0,
    country_of: CountryOf | None = None,
) -> Geocoder:
    """The geocoder the pipeline uses: offline gazetteer, plus Nominatim when ``online``.

    Online is opt-in so nothing ever depends on the network; ``domain``/``scheme`` point the
    fallback at a private Nominatim (or a test server). Without a ``lookup`` the gazetteer from
    ``geo.gazetteer`` is loaded on first use.
    """
    if lookup is None:
        from geo.gazetteer import load_gazetteer  # imported late: the gazetteer is big

        lookup = load_gazetteer().lookup
    gazetteer = GazetteerGeocoder(lookup)
    if not online:
        return gazetteer
    fallback = NominatimFallback(
        cache_path,
        domain=domain,
        scheme=scheme,
        min_delay_seconds=min_delay_seconds,
        country_of=country_of,
    )
    return ChainGeocoder([gazetteer, fallback])


# --------------------------------------------------------------------------- configuration

PUBLIC_NOMINATIM = "https://nominatim.openstreetmap.org"
USER_AGENT_ENV = "FOOTPRINT_USER_AGENT"
CONFIG_ENV = "FOOTPRINT_CONFIG"


def config_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The user's config file: ``$FOOTPRINT_CONFIG``, else ``$XDG_CONFIG_HOME/footprint/config.toml``
    (``~/.config/footprint/config.toml``). It need not exist."""
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV])
    return Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "footprint" / "config.toml"


def configured_user_agent(environ: Mapping[str, str] = os.environ) -> str:
    """The User-Agent Nominatim is asked with: ``$FOOTPRINT_USER_AGENT``, else ``user_agent`` of
    the ``[geocoder]`` table of the config file (``config_path``), else ``USER_AGENT``.

    The public Nominatim's policy asks for one that identifies the application (and a contact):
    set your own when you use it. A config file that cannot be read is said once and ignored."""
    agent = (environ.get(USER_AGENT_ENV) or "").strip()
    if agent:
        return agent
    path = config_path(environ)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return USER_AGENT
    except (OSError, tomllib.TOMLDecodeError) as exc:
        log.warning("ignoring unreadable config file %s: %s", path, exc)
        return USER_AGENT
    table = data.get("geocoder")
    value = table.get("user_agent") if isinstance(table, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else USER_AGENT


def split_url(url: str) -> tuple[str, str]:
    """``(scheme, domain)`` for geopy from a Nominatim base URL (``http://127.0.0.1:8080``,
    ``https://example.org/nominatim``); a ValueError when it is not an http(s) URL."""
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc or parsed.query or parsed.fragment:
        raise ValueError(f"not an http(s) base URL: {url!r}")
    return parsed.scheme, parsed.netloc + parsed.path.rstrip("/")


def nominatim_geocoder(
    url: str = PUBLIC_NOMINATIM, *, user_agent: str = USER_AGENT, cache_path: str | Path | None = None
) -> NominatimFallback:
    """Nominatim at ``url`` as the pipeline uses it: one request a second at most (the public
    service's rule), answers cached on disk (``FOOTPRINT_GEOCODE_CACHE``, else the default
    cache), no retry of a failed request and no more requests after three failures in a row
    (the places are asked again next run)."""
    scheme, domain = split_url(url)
    cache = cache_path or os.environ.get("FOOTPRINT_GEOCODE_CACHE") or paths.GEOCODE_CACHE
    return NominatimFallback(cache, domain=domain, scheme=scheme, user_agent=user_agent,
                             max_retries=0, give_up_after=3)
