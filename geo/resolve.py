"""Points for place mentions: each asked of a geopy geocoder, then checked against the shapes.

Extraction (``geo.extract``) decides which words are places and which country each one is in;
this step decides where on the map it goes. Every mention is resolved through geopy's
``Geocoder`` interface: by default the offline gazetteer geocoder (``geo.geocode``), which
answers with the very entry extraction matched, so its points are the gazetteer's as before;
optionally Nominatim, whose answers are OpenStreetMap's.

An answer is kept only if the Natural Earth shapes agree it lies in the mention's country
(``geo.shapes.points_in_countries``, one spatial join per batch of new points): a namesake
abroad is not the place the article meant. A mention no answer fits keeps its country, kind and
span and gets no point (``lat``/``lon`` None); ``resolve`` counts them, and the ingest summary
says how many.

News names the same few hundred places over and over, so answers are cached per process, per
distinct (query, country, name, kind, extraction's point), and verdicts of the shapes per
distinct (point, country): after the first articles a mention costs a dictionary lookup.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Sequence
from dataclasses import replace

from geopy.exc import GeopyError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.extract import boundary_form
from geo.gazetteer import Gazetteer
from geo.geocode import GazetteerGeocoder
from geo.types import Mention, Place

log = logging.getLogger(__name__)

Point = tuple[float, float]
CheckPoints = Callable[[Sequence[float], Sequence[float], Sequence[str]], list[bool]]
_Key = tuple[str, str, str, str, float | None, float | None]
MAX_CACHED = 200_000  # answers kept per process; a corpus that names more starts over


def gazetteer_lookup(gazetteer: Gazetteer) -> Callable[[str], list[Place]]:
    """The gazetteer asked as extraction asks it: by the boundary form of the words as written
    ("Ростова-на-Дону" as "ростова на дону", "Sevastopol," as "sevastopol "), so the offline
    geocoder finds every entry extraction found. For ``GazetteerGeocoder``."""

    def lookup(text: str) -> list[Place]:
        # uncached: boundary_form's small cache holds the article being processed, for presence
        return [e.place for e in gazetteer.get(boundary_form.__wrapped__(text)) if e.place.kind != "block"]

    return lookup


def _default_check(lats: Sequence[float], lons: Sequence[float], iso3s: Sequence[str]) -> list[bool]:
    from geo.shapes import points_in_countries  # geopandas only when a new point needs judging

    return points_in_countries(lats, lons, iso3s)


class Resolver:
    """A geocoder with its answers cached and checked against the shapes (see the module doc).

    ``by_surface``: ask with the words as written ("Луганске") rather than the place's name
    ("Луганск"). The gazetteer is keyed by written forms, and an inflected form may carry its
    own entry, so it is asked by surface (the default for a ``GazetteerGeocoder``); a service
    like Nominatim is asked by name. ``check`` judges points (default: the shapes).
    """

    def __init__(self, geocoder: Geocoder, *, by_surface: bool | None = None, check: CheckPoints | None = None) -> None:
        self.geocoder = geocoder
        self.by_surface = isinstance(geocoder, GazetteerGeocoder) if by_surface is None else by_surface
        self._check = check or _default_check
        self._answers: dict[_Key, Point | None] = {}
        self._verdicts: dict[tuple[float, float, str], bool] = {}

    def _key(self, m: Mention) -> _Key:
        query = m.surface if self.by_surface else (m.name or m.surface)
        return (query, m.iso3, m.name, m.kind, m.lat, m.lon)

    def _candidates(self, key: _Key) -> list[Point]:
        """Answers that may be this mention's place, best first.

        An answer that names its country (our geocoders put ISO3 in ``raw``) must name the
        mention's. Among those: the very point extraction took from the gazetteer (so the
        offline default keeps it), then the same name and kind, then the geocoder's order.
        """
        query, iso3, name, kind, lat, lon = key
        try:
            found = self.geocoder.geocode(query, exactly_one=False)
        except GeopyError as exc:  # a geocoder that raises rather than logs: no point this run
            log.warning("geocoding %r failed: %s", query, exc)
            return []
        locations: list[Location] = list(found) if isinstance(found, list) else [found] if found else []
        ranked = []
        for order, loc in enumerate(locations):
            raw = loc.raw if isinstance(loc.raw, dict) else {}
            if raw.get("iso3") not in (None, iso3):
                continue
            point = (float(loc.latitude), float(loc.longitude))
            same_point = self.by_surface and point == (lat, lon)
            same_place = raw.get("name") == name and raw.get("kind") == kind
            ranked.append(((not same_point, not same_place, order), point))
        ranked.sort(key=lambda r: r[0])
        return list(dict.fromkeys(point for _, point in ranked))

    def resolve(self, mentions: Sequence[Mention]) -> tuple[list[Mention], int]:
        """The mentions with their points, and how many got none.

        Mentions whose point is unchanged are returned as they came (the same objects)."""
        if not mentions:
            return [], 0
        answers = self._answers
        todo: dict[_Key, list[Point]] = {}
        keys = [self._key(m) for m in mentions]
        for key in keys:
            if key not in answers and key not in todo:
                todo[key] = self._candidates(key)
        if todo:
            self._judge(todo)
            if len(answers) + len(todo) > MAX_CACHED:
                answers.clear()
            for key, points in todo.items():
                answers[key] = next((p for p in points if self._verdicts[(p[0], p[1], key[1])]), None)
        out: list[Mention] = []
        missing = 0
        for m, key in zip(mentions, keys, strict=True):
            point = answers[key]
            if point is None:
                missing += 1
                out.append(m if m.lat is None and m.lon is None else replace(m, lat=None, lon=None))
            elif point == (m.lat, m.lon):
                out.append(m)
            else:
                out.append(replace(m, lat=point[0], lon=point[1]))
        return out, missing

    def _judge(self, todo: dict[_Key, list[Point]]) -> None:
        """The shapes' verdict on every candidate point not judged yet, in one call."""
        verdicts = self._verdicts
        new = list(dict.fromkeys((p[0], p[1], key[1]) for key, points in todo.items() for p in points
                                 if (p[0], p[1], key[1]) not in verdicts))
        if not new:
            return
        if len(verdicts) + len(new) > MAX_CACHED:
            verdicts.clear()
        ok = self._check([n[0] for n in new], [n[1] for n in new], [n[2] for n in new])
        verdicts.update(zip(new, ok, strict=True))


_RESOLVERS: weakref.WeakKeyDictionary[Geocoder, Resolver] = weakref.WeakKeyDictionary()


def resolve(mentions: Sequence[Mention], geocoder: Geocoder | Resolver) -> tuple[list[Mention], int]:
    """``mentions`` with points from ``geocoder``, and how many got none (see ``Resolver``).

    A bare geocoder gets one ``Resolver`` (and so one cache) for as long as it lives."""
    if not isinstance(geocoder, Resolver):
        resolver = _RESOLVERS.get(geocoder)
        if resolver is None:
            resolver = _RESOLVERS[geocoder] = Resolver(geocoder)
        geocoder = resolver
    return geocoder.resolve(mentions)
