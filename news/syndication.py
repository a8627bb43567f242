"""Syndication: near-duplicate articles (a wire story, its reprints, lightly edited copies) as
one cluster, so a claim's strength counts independent sources rather than copies.

Why this shape:
- **A kept library for the sketch and the index.** ``datasketch``'s MinHash (scheme
  ``affine32``, a fixed seed) estimates the Jaccard similarity of two texts' shingle sets from
  ``NUM_PERM`` 32-bit values, and its ``MinHashLSH`` finds the candidates above ``THRESHOLD``
  without comparing every pair. Candidates are then confirmed on the estimated Jaccard, since
  LSH alone lets some pairs below the threshold through.
- **Shingles are word 3-grams of the cleaned, case-folded text** (furniture is already cut by
  ``news.sources.clean``; the title is left out, so a reprint under a new headline matches).
  Each word is hashed once (``zlib.crc32``, stable across processes, unlike ``hash``) and the
  n-grams are combined in numpy: hashing each shingle string in Python was most of the cost.
  ``bench/syndication.py`` prints the precision and recall this gives, and the threshold.
- **Signatures are computed where the article is processed** (any engine's worker:
  ``sign``), and **clusters are assigned in the one committing process** (``Clusterer``), in
  source order, so every engine gives the same clusters. The signature is stored with the
  article (``articles.signature``, ``NUM_PERM`` little-endian uint32: 512 bytes), so a copy
  ingested next week joins the cluster of a story stored today; the index is loaded from the
  store lazily, only when the first new article needs it.
- **A cluster's id is its earliest-ingested member's id**, and only that member is in the index
  (a copy is matched against the story as first stored; twenty reprints add no candidates), and stored rows are never
  rewritten (the store is append-only): a new article joins the cluster of its oldest
  confirmed match. If it matches two older clusters, they stay two (relabelling stored rows
  would rewrite batches); the new copy joins the older one.
- **Languages never share a cluster** (one index per language): a translation is another
  outlet's work, not a copy.
- **Very short texts** (fewer than ``MIN_SHINGLES`` distinct shingles, about a dozen words) get
  no signature and are their own cluster: two one-line briefs share wording by chance
  ("Wagner fighters were seen in Mali") as often as by copying.
- **Stores written before this module**: their articles have no signature and no cluster; each
  counts as its own cluster (``coalesce(cluster, id)`` in the queries) and is not in the index.
  Computing signatures from their stored text would cost a full read of every text at the
  first ingest; re-ingesting is not needed for their counts to stay what they were.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from news.models import Article

SEED = 20261205  # fixed: signatures stored today must compare with those computed next year
NUM_PERM = 128
SCHEME = "affine32"
SHINGLE_WORDS = 3
MIN_SHINGLES = 10
# Chosen on tests/fixtures/syndication.jsonl with bench/syndication.py --sweep: copies (edited,
# re-headlined, with furniture) estimate 0.60 and more, distinct stories on the same topic 0.14 at
# most; precision and recall are 1.0 from 0.2 to 0.4 and recall drops from 0.5. 0.4 keeps the
# widest margin from the distinct stories while edited copies still clear it.
THRESHOLD = 0.4

_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFF)
# Odd multipliers that mix a word's position in its n-gram into the shingle's hash.
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct 32-bit hashes of the word ``SHINGLE_WORDS``-grams of ``text`` (normalised)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < SHINGLE_WORDS:
        return np.empty(0, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE_WORDS + 1
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):  # wrapping multiplication is the point
        for k in range(SHINGLE_WORDS):
            acc = acc * _MIX[k] + h[k:k + n]
    return np.unique((acc >> np.uint64(29)) & _MASK)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """An empty MinHash with this module's permutations (drawn once per process, not per text)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme=SCHEME)


def signature(text: str) -> bytes | None:
    """The stored MinHash signature of ``text`` (None when it is too short to tell copies by)."""
    shingles = shingle_hashes(text)
    if len(shingles) < MIN_SHINGLES:
        return None
    m = _template().copy()
    m.update_batch(shingles.tolist())
    return np.asarray(m.hashvalues, dtype="<u4").tobytes()


def sign(article: Article) -> Article:
    """``article`` with its ``signature`` set from its text: what a worker does before processing."""
    article.signature = signature(article.text)
    return article


def values(sig: bytes) -> np.ndarray:
    """A stored signature's hash values (uint32)."""
    return np.frombuffer(sig, dtype="<u4")


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two stored signatures."""
    return float(np.mean(values(a) == values(b)))


@lru_cache(maxsize=8)
def _bands(threshold: float) -> tuple[int, int]:
    """The (bands, rows) datasketch picks for ``threshold``: it finds them by numerical
    integration (scipy), 10-80 ms that every new index repeated (three per ingest, one per
    language, and one ingest per ``--watch`` round); the same pair, computed once per process."""
    probe = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return probe.b, probe.r


@dataclass
class Clusterer:
    """Assigns each new article its cluster, in the order they are committed.

    ``load`` gives the stored articles as ``(id, language, cluster, signature)`` and is called
    once, at the first article that has a signature (an ingest of nothing new, or of only short
    texts, never reads the store's signatures).
    """

    load: Callable[[], Iterable[tuple[str, str | None, str | None, bytes | None]]] | None = None
    threshold: float = THRESHOLD
    _indexes: dict[str, MinHashLSH] = field(default_factory=dict)
    _signatures: dict[str, np.ndarray] = field(default_factory=dict)
    _cluster: dict[str, str] = field(default_factory=dict)  # article id -> its cluster id
    _order: dict[str, int] = field(default_factory=dict)  # cluster id -> when it was first met
    _loaded: bool = False

    def _index(self, language: str | None) -> MinHashLSH:
        key = language or ""
        if key not in self._indexes:
            self._indexes[key] = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM,
                                            params=_bands(self.threshold))
        return self._indexes[key]

    def _add(self, article_id: str, language: str | None, cluster: str, hv: np.ndarray | None) -> None:
        self._cluster[article_id] = cluster
        self._order.setdefault(cluster, len(self._order))
        # Only a cluster's first member is indexed: a copy is compared with the story as first
        # stored, so the candidates (and the index) grow with stories, not with reprints.
        if hv is not None and cluster == article_id and article_id not in self._signatures:
            self._signatures[article_id] = hv
            self._index(language).insert(article_id, LeanMinHash(seed=SEED, hashvalues=hv, scheme=SCHEME),
                                         check_duplication=False)

    def _ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for article_id, language, cluster, sig in (self.load() if self.load else ()):
            if article_id in self._cluster:
                continue  # a second stored copy of an id: the first (earliest batch) wins
            hv = values(sig) if sig and len(sig) == 4 * NUM_PERM else None
            self._add(article_id, language, cluster or article_id, hv)

    def assign(self, article_id: str, language: str | None, sig: bytes | None) -> str:
        """The cluster of a new article: its oldest confirmed near-duplicate's, else its own id."""
        if article_id in self._cluster:
            return self._cluster[article_id]
        if not sig or len(sig) != 4 * NUM_PERM:
            self._cluster[article_id] = article_id
            self._order.setdefault(article_id, len(self._order))
            return article_id
        self._ensure_loaded()
        hv = values(sig)
        candidates = list(self._index(language).query(LeanMinHash(seed=SEED, hashvalues=hv, scheme=SCHEME)))
        matches = []
        if candidates:  # confirmed on the estimated Jaccard, all candidates in one numpy comparison
            agree = (np.stack([self._signatures[o] for o in candidates]) == hv).mean(axis=1)
            matches = [self._cluster[o] for o, a in zip(candidates, agree, strict=True) if a >= self.threshold]
        cluster = min(matches, key=self._order.__getitem__) if matches else article_id
        self._add(article_id, language, cluster, hv)
        return cluster


def cluster_all(items: Iterable[tuple[str, str | None, str]]) -> dict[str, str]:
    """Cluster ``(id, language, text)`` in order, with nothing stored: what the bench scores."""
    clusterer = Clusterer()
    return {aid: clusterer.assign(aid, lang, signature(text)) for aid, lang, text in items}
