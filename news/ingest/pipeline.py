"""The pipeline object: what every engine runs on one article, and with which data.

Built once by the command line (``Pipeline.from_env``: the actor file of ``FOOTPRINT_ACTORS``,
else the default one) and handed to the engine, which hands it to its workers: pickled to the
process pool's workers and to Dask's with each task. So a worker runs what the client asked for,
whatever its own environment or working directory, and no engine reads or sets an environment
variable to pass it along.

The gazetteer and the actor config are ``lru_cache``d per process by their loaders, so asking
for them per article costs a dictionary lookup; ``warm`` loads both before the first article.
The geocoder is named, not held (``geocoder``, ``nominatim_url``, ``user_agent``: plain strings,
so the object pickles): each process builds its own ``geo.resolve.Resolver`` on first use and
keeps it, with its caches, for the rest of its life.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from geo.gazetteer import DEFAULT_MIN_POPULATION, Gazetteer, load_gazetteer
from geo.geocode import PUBLIC_NOMINATIM, USER_AGENT, GazetteerGeocoder, nominatim_geocoder
from geo.resolve import Resolver, gazetteer_lookup
from geo.types import Mention
from news import pipeline as steps
from news.actors import DEFAULT_PATH, ActorConfig, load_config
from news.models import Article, Claim
from news.sources.common import with_outlet

if TYPE_CHECKING:  # a type only: syndication's actor gate imports presence, which imports this module's kin
    from news.syndication import Clusterer

ACTORS_ENV = "FOOTPRINT_ACTORS"
GEOCODERS = ("offline", "nominatim")


@lru_cache(maxsize=8)
def _resolver(pipeline: Pipeline) -> Resolver:
    """The pipeline's resolver in this process, built once (the pipeline is frozen: hashable)."""
    if pipeline.geocoder == "nominatim":
        return Resolver(nominatim_geocoder(pipeline.nominatim_url or PUBLIC_NOMINATIM,
                                           user_agent=pipeline.user_agent or USER_AGENT))
    return Resolver(GazetteerGeocoder(gazetteer_lookup(pipeline.gazetteer())))


@dataclass(frozen=True, slots=True)
class Pipeline:
    """One article in, its mentions and claims out (``process``), with these data files.

    ``actors_path`` is the actor file (absolute, so a worker elsewhere reads the same one);
    ``min_population`` and ``gazetteer_path`` are ``geo.gazetteer.load_gazetteer``'s arguments.
    ``geocoder`` is where mentions get their points: ``offline`` (the gazetteer, the default) or
    ``nominatim`` (at ``nominatim_url``, default the public service, asked as ``user_agent``).
    ``outlet`` (``ingest --outlet``) names the outlet of articles whose source names none
    (``label``): carried here because every engine's workers get the pipeline.
    """

    actors_path: str = str(DEFAULT_PATH)
    min_population: int = DEFAULT_MIN_POPULATION
    gazetteer_path: str | None = None
    geocoder: str = "offline"
    nominatim_url: str | None = None
    user_agent: str | None = None
    outlet: str | None = None

    def __post_init__(self) -> None:
        if self.geocoder not in GEOCODERS:
            raise ValueError(f"unknown geocoder {self.geocoder!r} (one of {', '.join(GEOCODERS)})")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, *, geocoder: str = "offline",
                 nominatim_url: str | None = None, user_agent: str | None = None,
                 outlet: str | None = None) -> Pipeline:
        """The command line's default: ``FOOTPRINT_ACTORS`` when set, else the default actor file,
        with the geocoder the command line names."""
        path = environ.get(ACTORS_ENV)
        return cls(actors_path=os.path.abspath(path) if path else str(DEFAULT_PATH), geocoder=geocoder,
                   nominatim_url=nominatim_url, user_agent=user_agent, outlet=outlet)

    def actors(self) -> ActorConfig:
        return load_config(self.actors_path)

    def gazetteer(self) -> Gazetteer:
        if self.min_population == DEFAULT_MIN_POPULATION and self.gazetteer_path is None:
            return load_gazetteer()  # the same cache entry as every other default caller's
        return load_gazetteer(self.min_population, self.gazetteer_path)

    def resolver(self) -> Resolver:
        return _resolver(self)

    def label(self, article: Article) -> Article:
        """The article as stored: its source's outlet, else ``outlet``, else its link's host."""
        return with_outlet(article, self.outlet)

    def process(self, article: Article) -> tuple[list[Mention], list[Claim]]:
        """``news.pipeline.process`` with this pipeline's gazetteer, geocoder and actors."""
        return steps.process(article, self.gazetteer(), self.actors(), _resolver(self))

    def prepare(self, article: Article) -> tuple[Article, list[Mention], list[Claim]]:
        """What every engine does to a new article before storing it: the outlet (``label``), then
        its mentions and claims. One place, so the local run, the pool's and Dask's workers and
        ``--watch`` cannot drift apart. The signature is set a batch at a time (``Pipeline.sign``), where
        the engine gathers what it writes; the cluster where articles are committed, in order."""
        article = self.label(article)
        mentions, claims = self.process(article)
        return article, list(mentions), list(claims)

    def sign(self, articles: Sequence[Article]) -> None:
        """Each article's signature when it can count as a source (``news.syndication.sign_many``),
        a batch at a time: every engine calls it on what it is about to write or send back."""
        # imported here: its actor gate imports presence, which imports this module's kin
        from news.syndication import sign_many

        sign_many(articles, self.actors())

    def warm(self) -> None:
        """Load the gazetteer, the actor config and the geocoder in this process, before the
        first article: the cost leaves the first partition, and missing data fails a worker at
        its start."""
        self.process(Article("warm-up", None, "", "", None, "en", "Wagner fighters were seen in Mali.", "warm-up"))


def settler(pipeline: Pipeline, clusterer: Clusterer) -> Callable[[list[Article]], None]:
    """What a writer of articles added one by one does to each batch before writing it (the
    local engine, ``--watch``): sign them (``Pipeline.sign``), then assign their clusters in order."""
    def settle(articles: list[Article]) -> None:
        pipeline.sign(articles)
        clusterer.settle(articles)
    return settle
