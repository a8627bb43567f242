"""Actors from a TOML file, so a user adds one by editing text, not code.

The file (default: actors.toml at the repo root, or $FOOTPRINT_ACTORS) gives each actor
names, force nouns, demonyms, state names, its permanent sites abroad, a colour and a label; `compile_actor` turns
those word lists into regexes once, and the presence rules only ever see the compiled form.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo import paths

DEFAULT_PATH = paths.ACTORS


@dataclass(frozen=True)
class Facility:
    """A permanent military site of an actor abroad, by the names news gives it: naming it puts
    the actor in its country (``news.presence.sentence_rules.facility_claims``)."""

    site: str
    iso3: str
    lat: float
    lon: float
    names: tuple[str, ...]


@dataclass(frozen=True)
class Actor:
    key: str
    label: str
    colour: str
    home: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    forces: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    # nicknames ("музыканты" for Wagner's men): they name the actor only in an article that
    # names it outright too, since the same words name other things elsewhere (real musicians)
    aliases: tuple[str, ...] = ()
    facilities: tuple[Facility, ...] = ()


@dataclass(frozen=True)
class ActorConfig:
    actors: dict[str, Actor]
    anaphora: tuple[str, ...] = field(default_factory=tuple)
    # possessive words that, before any actor's force noun, point back to the last actor named
    # ("its first contingent", "ses instructeurs", "её подразделения")
    possessives: tuple[str, ...] = field(default_factory=tuple)
    possessive_adjectives: tuple[str, ...] = field(default_factory=tuple)


class ActorConfigError(ValueError):
    """The actor file is unreadable or misses a required field (message says which)."""


def _words(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ActorConfigError(f"{where} must be a list of strings")
    return tuple(v for v in value if v.strip())


def _facilities(value, key: str) -> tuple[Facility, ...]:
    """``[[key.facilities]]`` tables: site, iso3, point = [lat, lon], names."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ActorConfigError(f"[{key}] facilities must be [[{key}.facilities]] tables")
    out = []
    for n, spec in enumerate(value, 1):
        where = f"[[{key}.facilities]] number {n}"
        site, iso3, point = spec.get("site"), spec.get("iso3"), spec.get("point")
        if not isinstance(site, str) or not site.strip():
            raise ActorConfigError(f"{where} needs a site name")
        if not isinstance(iso3, str) or not re.fullmatch(r"[A-Z]{3}", iso3):
            raise ActorConfigError(f"{where} ({site}) iso3 must be three capital letters")
        if (not isinstance(point, list) or len(point) != 2 or not all(isinstance(x, int | float) for x in point)
                or not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180)):
            raise ActorConfigError(f"{where} ({site}) point must be [lat, lon] in degrees")
        names = _words(spec.get("names"), f"{where} ({site}) names")
        if not names:
            raise ActorConfigError(f"{where} ({site}) needs names")
        out.append(Facility(site, iso3, float(point[0]), float(point[1]), names))
    return tuple(out)


def parse_actors(text: str) -> ActorConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ActorConfigError(f"actor file is not valid TOML: {exc}") from exc
    pointing = data.pop("anaphora", {}) or {}
    anaphora = _words(pointing.get("phrases"), "anaphora.phrases")
    possessives = _words(pointing.get("possessives"), "anaphora.possessives")
    possessive_adjectives = _words(pointing.get("possessive_adjectives"), "anaphora.possessive_adjectives")
    actors: dict[str, Actor] = {}
    for key, spec in data.items():
        if not isinstance(spec, dict):
            raise ActorConfigError(f"[{key}] must be a table")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise ActorConfigError(f"actor key {key!r} must be lowercase letters, digits or _")
        colour = str(spec.get("colour", "#888888"))
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
            raise ActorConfigError(f"[{key}] colour must look like #1f77b4")
        names = _words(spec.get("names"), f"[{key}] names")
        if not names and not spec.get("forces"):
            raise ActorConfigError(f"[{key}] needs names or forces")
        actors[key] = Actor(
            key=key,
            label=str(spec.get("label", key)),
            colour=colour,
            home=tuple(str(h).upper() for h in spec.get("home", [])),
            names=names,
            forces=_words(spec.get("forces"), f"[{key}] forces"),
            demonyms=_words(spec.get("demonyms"), f"[{key}] demonyms"),
            states=_words(spec.get("states"), f"[{key}] states"),
            aliases=_words(spec.get("aliases"), f"[{key}] aliases"),
            facilities=_facilities(spec.get("facilities"), key),
        )
    if not actors:
        raise ActorConfigError("actor file defines no actor")
    return ActorConfig(actors, anaphora, possessives, possessive_adjectives)


def load_config(path: str | None = None) -> ActorConfig:
    """The actor config, loaded once per process and file (``load_config()`` and
    ``load_config(None)`` and the default path are the same file, so one load)."""
    return _load_file(_resolved(str(path or os.environ.get("FOOTPRINT_ACTORS") or DEFAULT_PATH), os.getcwd()))


@lru_cache(maxsize=32)
def _resolved(path: str, cwd: str) -> str:
    """``Path.resolve`` once per (path, working directory): presence asks for the config per
    article, and resolving walks the file system every time."""
    return str(Path(cwd, path).resolve())


@lru_cache(maxsize=8)
def _load_file(path: str) -> ActorConfig:
    try:
        return parse_actors(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ActorConfigError(f"cannot read actor file {path}: {exc.strerror}") from exc


load_config.cache_info = _load_file.cache_info  # type: ignore[attr-defined]
load_config.cache_clear = _load_file.cache_clear  # type: ignore[attr-defined]


def load_actors(path: str | None = None) -> dict[str, Actor]:
    """Actors by key, in file order (the dashboard's legend order)."""
    return load_config(path).actors


def word_pattern(words: tuple[str, ...] | list[str]) -> re.Pattern | None:
    """One regex for a word list: whole words, case-insensitive, ``*`` = any word ending."""
    if not words:
        return None
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        # every word may end in * ("Африканск* корпус*" matches «Африканского корпуса»)
        pieces = [re.escape(piece.rstrip("*")) + (r"\w*" if piece.endswith("*") else "") for piece in w.split()]
        esc = r"[\s«»\"“”]+".join(pieces)
        parts.append(esc.replace("'", "['’]").replace("’", "['’]"))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)
