"""Plain records that cross module boundaries inside ``geo`` and out of it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

KINDS = ("country", "city", "capital", "demonym", "region")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: what a surface form resolves to."""

    name: str
    iso3: str
    kind: str
    lat: float
    lon: float
    population: int = 0

    @property
    def curated(self) -> bool:
        """A town listed by hand for this news beat (data/gazetteer/aliases.tsv): it carries no
        population, is kept whatever its size, and outranks a GeoNames town of the same name."""
        return self.kind == "city" and not self.population


@dataclass(slots=True)
class Mention:
    """A place named in a text, with its character span (``text[start:end] == surface``).

    ``lat``/``lon`` are None when no geocoder answer fits the place (``geo.resolve``): it keeps
    its country and has no point."""

    start: int
    end: int
    surface: str
    kind: str
    iso3: str
    lat: float | None
    lon: float | None
    sentence: str = ""
    name: str = ""

    def to_dict(self) -> dict:
        return asdict(self)
