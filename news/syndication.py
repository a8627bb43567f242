"""Syndication: near-duplicate articles (a wire story, its reprints, lightly edited copies) as
one cluster, so a claim's strength counts independent sources rather than copies.

Why this shape:
- **A kept library for the sketch and the index.** ``datasketch``'s MinHash (scheme
  ``affine32``, a fixed seed) estimates the Jaccard similarity of two texts' shingle sets from
  ``NUM_PERM`` 32-bit values, and its ``MinHashLSH`` band split finds the candidates above
  ``THRESHOLD`` without comparing every pair. Candidates are then confirmed on the estimated
  Jaccard, since LSH alone lets some pairs below the threshold through. The arithmetic runs in
  numpy on datasketch's permutations and band split (``minhash_values``, ``BandIndex``: the
  same values and candidates, tested against datasketch), because going through its objects
  cost more than half of clustering's share of ingest (bench/ingest.py prints that share).
- **Shingles are word 3-grams of the cleaned, case-folded text** (furniture is already cut by
  ``news.sources.clean``; the title is left out, so a reprint under a new headline matches).
  Each word is hashed once (``zlib.crc32``, stable across processes, unlike ``hash``) and the
  n-grams are combined in numpy: hashing each shingle string in Python was most of the cost.
  ``bench/syndication.py`` prints the precision and recall this gives, and the threshold.
- **Signatures are computed where the article is processed** (any engine's worker, a batch at
  a time: ``sign_many``), and **clusters are assigned in the one committing process**
  (``Clusterer.assign_many``, a batch at a time), in source order, so every engine gives the same
  clusters. Batches, because per article both were a dozen small numpy calls that ran cold
  between two articles' presence work: on actor-heavy text they took a third of ingest's time,
  now an eighth (bench/ingest.py). The signature is stored with the
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
- **Only an article that can count is signed** (``sign_many``, through ``can_count``). Clusters
  exist so a claim's strength counts independent sources, and an article that can carry no
  claim never counts as a source: signing it and looking it up (some 0.1 ms) buys nothing.
  The gate is presence's own cheap test, not "has claims": ``news.presence.find_claims`` looks
  at a sentence only when it holds a key word of an actor phrase, and only a word that *names*
  an actor (a name, a demonym, a state; a nickname only beside a name) can start a claim,
  since the pointing phrases ("the group", "they") point back to an actor named before. A
  text with none of those words cannot get a claim from the machine; a text with one may get
  claims later (another presence model, a reviewer's added claim), so it is signed even when
  today's rules find nothing. The words are presence's (``ActorPatterns.first_automaton``, the
  anaphora keys left out), so the gate follows every edit of the actor file. What is lost: a
  copy of a no-actor article is not linked to it (both are their own cluster, as very short
  texts are); nothing counted changes, since neither can carry a machine's claim, and a claim a
  reviewer adds to one counts it as one source, as it counts any article of its own cluster.
  Every engine signs through ``sign_many`` (the local writer's batches, the pool's and Dask's
  partitions, ``--watch``), so they cannot disagree. ``cluster_all`` (bench/syndication.py's scoring) signs every text: its
  set is about near-duplicates, not about actors.
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
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import ahocorasick
import numpy as np
from datasketch import MinHash, MinHashLSH

from geo.extract import boundary_form
from news.actors import ActorConfig
from news.models import Article
from news.presence.actors import compile_actors

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


_CRC: dict[str, int] = {}  # word -> its CRC-32: news repeats its words, a lookup is a third of a hash
_CRC_MAX = 400_000  # words kept (some 40 MB); cleared when full, as a vocabulary turns over


def _words(text: str) -> list[int]:
    """The CRC-32 of each word of ``text`` (NFKC, case-folded): the only per-text Python work of a
    signature. Known words come from ``_CRC`` (one C-level lookup each, through ``map``); a text's
    new words are hashed once."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    known = _CRC
    with suppress(KeyError):
        return list(map(known.__getitem__, words))
    if len(known) > _CRC_MAX:
        known.clear()
    known.update({word: zlib.crc32(word.encode()) for word in set(words).difference(known)})
    try:
        return list(map(known.__getitem__, words))
    except KeyError:  # another thread (Dask's threaded workers) cleared the table in between
        return list(map(zlib.crc32, map(str.encode, words)))


def _combine(h: np.ndarray) -> np.ndarray:
    """The 32-bit hash of every run of ``SHINGLE_WORDS`` consecutive word hashes ``h`` (uint64)."""
    n = len(h) - SHINGLE_WORDS + 1
    with np.errstate(over="ignore"):  # wrapping multiplication is the point
        # Horner-style over the n-gram's words, as a loop from zero gives it, written out: each
        # numpy call costs microseconds that an article's few hundred words do not
        acc = h[:n] * _MIX[1] + h[1:n + 1]
        for k in range(2, SHINGLE_WORDS):
            acc *= _MIX[k]
            acc += h[k:k + n]
        acc >>= np.uint64(29)
    return acc.astype(np.uint32)  # the low 32 bits: what masking with 2**32 - 1 kept


def _shingles(text: str) -> np.ndarray:
    """The 32-bit hashes of the word ``SHINGLE_WORDS``-grams of ``text`` (normalised), repeats kept."""
    h = _words(text)
    if len(h) < SHINGLE_WORDS:
        return np.empty(0, dtype=np.uint32)
    return _combine(np.asarray(h, dtype=np.uint64))


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct 32-bit hashes of the word ``SHINGLE_WORDS``-grams of ``text`` (normalised)."""
    return np.unique(_shingles(text))


def _enough(shingles: np.ndarray) -> bool:
    """Whether ``shingles`` hold at least ``MIN_SHINGLES`` distinct values. A few dozen of them
    almost always do (checked in a small set); only when they do not is the whole sorted."""
    if len(shingles) < MIN_SHINGLES:
        return False
    return (len(set(shingles[:4 * MIN_SHINGLES].tolist())) >= MIN_SHINGLES
            or len(np.unique(shingles)) >= MIN_SHINGLES)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """An empty MinHash with this module's permutations (drawn once per process, not per text)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme=SCHEME)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's ``affine32`` permutations for ``SEED`` (``a`` odd, ``b``), as uint32 rows."""
    a, b = _template().permutations
    return a.astype(np.uint32).reshape(1, -1), b.astype(np.uint32).reshape(1, -1)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer: the pre-mix datasketch's ``affine32`` scheme applies to each
    input hash before its permutations (uint32 arithmetic, wrapping; ``h`` is overwritten)."""
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def minhash_values(shingles: np.ndarray) -> np.ndarray:
    """The ``NUM_PERM`` MinHash values of ``shingles`` (uint32): exactly what datasketch's
    ``MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").update_batch`` gives
    (tests/test_syndication.py compares them), in a third of its time.

    Why by hand: ``update_batch`` takes a Python list (it calls ``hashfunc`` on each value, then
    converts and checks the list), and every text needed a copy of a template MinHash; here the
    same arithmetic runs on the numpy array directly (``_minhash_blocks``, which ``sign_many``
    runs on many texts at once). Owning these few
    lines also pins the stored signatures: a later datasketch changing its scheme cannot change
    what old stores compare to. A minimum over repeated shingles is the minimum over distinct
    ones, so no sort is needed.
    """
    return _minhash_blocks(shingles, np.zeros(1, dtype=np.intp))[0]  # one run: the whole array


def signature(text: str) -> bytes | None:
    """The stored MinHash signature of ``text`` (None when it is too short to tell copies by)."""
    shingles = _shingles(text)
    if not _enough(shingles):
        return None
    return minhash_values(shingles).astype("<u4", copy=False).tobytes()


_NAMING: dict[int, tuple[ActorConfig, ahocorasick.Automaton | None]] = {}


def _naming_automaton(actors: ActorConfig) -> ahocorasick.Automaton | None:
    """Presence's key words of the phrases that name an actor outright (names, demonyms, states),
    once per actor config: its automaton's keys less those only a pointing phrase ("the group",
    "they") or a nickname starts. None when the actor file has no such word."""
    cached = _NAMING.get(id(actors))
    if cached is not None and cached[0] is actors:
        return cached[1]
    comp = compile_actors(actors)
    naming = sum(bit for (kind, _), bit in comp.bits.items() if kind in ("names", "demonyms", "states"))
    auto = None
    if comp.first_automaton is not None:
        keys = [(key, value) for key, value in comp.first_automaton.items() if value[1] & naming]
        if keys:
            auto = ahocorasick.Automaton()
            for key, value in keys:
                auto.add_word(key, value)
            auto.make_automaton()
    _NAMING[id(actors)] = (actors, auto)
    return auto


def can_count(text: str, actors: ActorConfig) -> bool:
    """Whether ``text`` holds a word that names one of ``actors`` outright: the words without
    which ``news.presence.find_claims`` finds no claim (see the module docstring). The same test
    as presence's ``actor_words`` less the pointing phrases, stopped at the first word found;
    ``boundary_form`` is cached, so extraction then reuses the form computed here."""
    auto = _naming_automaton(actors)
    if auto is None or not text:
        return False
    return next(auto.iter(" " + boundary_form(text) + " "), None) is not None


def sign(article: Article, actors: ActorConfig) -> Article:
    """``article`` with its ``signature`` set (``sign_many`` of one)."""
    sign_many([article], actors)
    return article


def sign_many(articles: Sequence[Article], actors: ActorConfig) -> None:
    """Set each article's ``signature`` from its text when it can count as a source of a claim
    about ``actors`` (``can_count``), else None (its own cluster): what every engine does to a
    batch before it is written, the one place the gate is applied, so engines agree.

    Why a batch at once: an article's signature is a few dozen numpy calls on arrays of a few
    hundred values, so call overhead, not arithmetic, was most of its cost (and inside an ingest,
    between articles' presence work, each call ran cold). Here each text's words are hashed in
    Python (regular expression, CRC-32), then a block of texts is shingled, hashed and permuted
    as one array, each text's minimum taken with one ``minimum.reduceat`` (the n-grams that
    straddle two texts are computed and left out): the same values as ``signature`` per text
    (tests/test_syndication.py checks)."""
    todo: list[tuple[Article, list[int]]] = []
    for article in articles:
        article.signature = None
        if can_count(article.text, actors):
            words = _words(article.text)
            if len(words) >= MIN_SHINGLES + SHINGLE_WORDS - 1:  # else fewer than MIN_SHINGLES n-grams
                todo.append((article, words))
    width = 4 * NUM_PERM
    lo = 0
    while lo < len(todo):  # a bounded matrix: as many texts as fit in _SIGN_SHINGLES rows
        hi, total = lo + 1, len(todo[lo][1])
        while hi < len(todo) and total + len(todo[hi][1]) <= _SIGN_SHINGLES:
            total += len(todo[hi][1])
            hi += 1
        block = todo[lo:hi]
        sizes = np.fromiter((len(w) for _, w in block), dtype=np.intp, count=len(block))
        starts = np.cumsum(sizes) - sizes
        ends = starts + sizes - (SHINGLE_WORDS - 1)  # a text's own n-grams: starts[k] to ends[k]
        shingles = _combine(np.fromiter(chain.from_iterable(w for _, w in block), dtype=np.uint64, count=total))
        # each text's run and the two straddling n-grams after it; the last text's run ends the
        # array, and reduceat takes a last index to the end by itself
        cuts = np.column_stack([starts, ends]).ravel()[:-1]
        mins = _minhash_blocks(shingles, cuts)[::2]
        raw = mins.astype("<u4", copy=False).tobytes()
        for k, (article, _) in enumerate(block):
            if _enough(shingles[starts[k]:ends[k]]):
                article.signature = raw[k * width:(k + 1) * width]
        lo = hi


_SIGN_SHINGLES = 1024  # word rows per matrix: 1,024 x NUM_PERM uint32 values, 512 KB (larger was slower)


def _minhash_blocks(shingles: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """``minhash_values`` of each run of ``shingles`` from one of ``cuts`` to the next:
    ``(runs, NUM_PERM)``. Laid out a permutation per row, so each minimum runs along contiguous
    memory: 40 % less time than a shingle per row (bench on 1,000-row blocks)."""
    a, b = _permutations()
    hv = _fmix32(shingles.astype(np.uint32).reshape(1, -1))  # a copy: the caller's array is kept
    with np.errstate(over="ignore"):  # a * h + b mod 2**32 is the permutation
        out = a.reshape(-1, 1) * hv
        out += b.reshape(-1, 1)
    return np.minimum.reduceat(out, cuts, axis=1).T


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


# Odd multipliers that fold a band's rows, then its number, into one 64-bit key of the stored tier.
_FOLD = np.uint64(0x9E3779B97F4A7C15)
_BAND = np.uint64(0xBF58476D1CE4E5B9)


class BandIndex:
    """The LSH index of one language: a signature is cut into ``bands`` slices of ``rows``
    values, and two signatures are candidates when one slice is equal.

    Why not ``datasketch.MinHashLSH`` itself (it chooses ``bands`` and ``rows``: ``_bands``): its
    ``query`` wants a MinHash object (a ``LeanMinHash`` built per article), byte-swaps each band
    into a key, and adds candidates one by one; its keys are opaque, so confirming a candidate
    needed a dictionary of signatures stacked per query. Here the indexed signatures are the rows
    of one matrix, so a query's candidates are compared in one indexing. The candidates are
    exactly datasketch's (the same bands, the same equality; tests/test_syndication.py checks).

    Two tiers, because rows come in two ways:
    - **read back from the store** (``insert_many``, at the start of an ingest: every stored
      story, tens of thousands in a store that has run a while): a numpy table, built in one
      go. Each band of each row is folded into a 64-bit key mixed with the band's number; the
      keys are sorted once (``argsort``) and a query's bands are found by ``searchsorted``, all
      bands in one call. A key is a hash, so a row it finds is kept only if its band's values
      are equal to the query's (one gather): the candidates stay exact. Filling a dictionary
      instead cost ``bands`` Python inserts per stored story at every ingest start (a third of
      a second for 14,000 stories), the part of clustering's cost that grew with the store.
    - **added during this ingest** (``insert``, one story at a time): dictionaries from a band's
      raw bytes (all cut in one numpy view) to rows, since a sorted table cannot take one row
      at a time without being rebuilt.
    """

    def __init__(self, bands: int, rows: int) -> None:
        self.b, self.r = bands, rows
        self.hashranges = [(i * rows, (i + 1) * rows) for i in range(bands)]
        self._key = np.dtype((np.void, 4 * rows))  # one band's rows as one hashable bytes value
        # A key leads to its one row (an int), or to a list of rows when several share it. Most
        # keys have one row: a bare int keeps those entries out of the garbage collector's scans
        # (a dict of bytes and ints is untracked; a list per key made every gen-2 collection walk
        # ``bands`` lists per indexed story) and takes a third of the memory.
        self._tables: list[dict[bytes, int | list[int]]] = [{} for _ in range(bands)]
        self.ids: list[str] = []
        self.matrix = np.empty((64, NUM_PERM), dtype=np.uint32)
        # the stored tier: sorted band keys, and for each its row and band number
        self._stored_keys = np.empty(0, dtype=np.uint64)
        self._stored_rows = np.empty(0, dtype=np.intp)
        self._stored_bands = np.empty(0, dtype=np.intp)
        self._pending: list[tuple[int, int]] = []  # row ranges read back, not yet in the table

    def keys(self, hv: np.ndarray) -> list[bytes]:
        """The band keys of the signature values ``hv``."""
        return np.ascontiguousarray(hv[: self.b * self.r], dtype=np.uint32).view(self._key).tolist()

    def keys_many(self, matrix: np.ndarray) -> list[list[bytes]]:
        """``keys`` of each row of ``matrix``, in one call."""
        return np.ascontiguousarray(matrix[:, : self.b * self.r], dtype=np.uint32).view(self._key).tolist()

    def _folded(self, matrix: np.ndarray) -> np.ndarray:
        """The stored tier's key of each band of each row of ``matrix``: ``(n, bands)`` uint64."""
        cut = matrix[:, : self.b * self.r].reshape(len(matrix), self.b, self.r).astype(np.uint64)
        with np.errstate(over="ignore"):  # wrapping arithmetic is the point
            key = cut[:, :, 0].copy()
            for k in range(1, self.r):
                key = key * _FOLD + cut[:, :, k]
            return key * _BAND + np.arange(self.b, dtype=np.uint64)

    def _grow(self, rows: int) -> None:
        """Room for ``rows`` more signatures; grown by doubling, so appends stay amortised O(1)."""
        need = len(self.ids) + rows
        if need > len(self.matrix):
            size = len(self.matrix)
            while size < need:
                size *= 2
            grown = np.empty((size, NUM_PERM), dtype=np.uint32)
            grown[: len(self.ids)] = self.matrix[: len(self.ids)]
            self.matrix = grown

    def insert(self, key: str, hv: np.ndarray, bands: list[bytes] | None = None) -> None:
        """Index ``hv`` under ``key``; ``bands`` are its ``keys`` when the caller has them already."""
        self._grow(1)
        row = len(self.ids)
        self.matrix[row] = hv
        self.ids.append(key)
        for table, band in zip(self._tables, self.keys(hv) if bands is None else bands, strict=True):
            got = table.setdefault(band, row)  # one row: a bare int; more: a list
            if got != row:
                if isinstance(got, int):
                    table[band] = [got, row]
                else:
                    got.append(row)

    def insert_many(self, keys: list[str], matrix: np.ndarray) -> None:
        """``insert`` of each row of ``matrix`` under its key, in order: the stored signatures read
        back at the start of an ingest, into the stored tier (built at the next query)."""
        if not keys:
            return
        self._grow(len(keys))
        first = len(self.ids)
        self.matrix[first:first + len(keys)] = matrix
        self.ids.extend(keys)
        self._pending.append((first, first + len(keys)))

    def _build(self) -> None:
        """The stored tier with the pending rows in it: their keys folded, all keys sorted once."""
        rows = np.concatenate([np.arange(lo, hi, dtype=np.intp) for lo, hi in self._pending])
        self._pending = []
        keys = np.concatenate([self._stored_keys, self._folded(self.matrix[rows]).ravel()])
        owners = np.concatenate([self._stored_rows, np.repeat(rows, self.b)])
        bands = np.concatenate([self._stored_bands, np.tile(np.arange(self.b, dtype=np.intp), len(rows))])
        order = np.argsort(keys)  # equal keys in any order: a query takes all of them
        self._stored_keys, self._stored_rows, self._stored_bands = keys[order], owners[order], bands[order]

    def lookup(self, bands: list[bytes]) -> set[int]:
        """The rows indexed during this ingest (``insert``) that share one of ``bands`` (a
        signature's ``keys``): one dictionary lookup per band."""
        return _flat([hit for table, band in zip(self._tables, bands, strict=True)
                      if (hit := table.get(band)) is not None])

    def rows(self, hv: np.ndarray) -> np.ndarray:
        """The rows of the indexed signatures that share a band with ``hv``: both tiers."""
        rows = self.lookup(self.keys(hv))
        rows.update(self.stored_candidates(hv.reshape(1, -1))[1].tolist())
        return np.fromiter(rows, dtype=np.intp, count=len(rows))

    def query(self, hv: np.ndarray) -> list[str]:
        """The keys of the candidates of ``hv``, as ``MinHashLSH.query`` would give them."""
        return [self.ids[i] for i in self.rows(hv).tolist()]

    def stored_candidates(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (query, row) pair where a row of the stored tier (``insert_many``) shares a band
        with row ``query`` of ``queries`` (``(m, NUM_PERM)``): that tier searched for a whole
        batch in one call. Repeats possible."""
        if self._pending:
            self._build()
        if not len(self._stored_keys):
            return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
        return self._stored_many(queries)

    def _stored_many(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``_stored`` for every row of ``queries`` at once: (query, row) pairs, repeats possible."""
        table = self._stored_keys
        want = self._folded(queries).ravel()  # query q's band k at q * bands + k
        lo = np.searchsorted(table, want, side="left")
        hi = np.searchsorted(table, want, side="right")
        hit = np.flatnonzero(hi > lo)
        if not len(hit):
            return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
        counts = (hi - lo)[hit]
        # each hit's run of equal keys, laid end to end: its start repeated, plus 0, 1, 2 ...
        at = np.repeat(lo[hit], counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        query = np.repeat(hit // self.b, counts)
        rows, bands = self._stored_rows[at], self._stored_bands[at]
        cols = bands[:, None] * self.r + np.arange(self.r)
        same = (self.matrix[rows[:, None], cols] == queries[query[:, None], cols]).all(axis=1)
        return query[same], rows[same]


@dataclass
class Clusterer:
    """Assigns each new article its cluster, in the order they are committed.

    ``load`` gives the stored cluster heads (the articles the index holds: ``Store.heads``) as
    blocks of ``(ids, languages, signatures)``, oldest first, the signatures as the rows of a
    ``(n, NUM_PERM)`` uint32 matrix. It is called once, at the first article that has a signature
    (an ingest of nothing new, or of only short texts, never reads the store's signatures).
    Only heads: a stored reprint is never a candidate (only its cluster's first member is), so
    reading it back would cost its 512 bytes and a Python row for nothing.
    """

    load: Callable[[], Iterable[tuple[list[str], list[str | None], np.ndarray]]] | None = None
    threshold: float = THRESHOLD
    _indexes: dict[str, BandIndex] = field(default_factory=dict)
    _indexed: set[str] = field(default_factory=set)
    _cluster: dict[str, str] = field(default_factory=dict)  # article id -> its cluster id
    _order: dict[str, int] = field(default_factory=dict)  # cluster id -> when it was first met
    _loaded: bool = False

    def _index(self, language: str | None) -> BandIndex:
        key = language or ""
        if key not in self._indexes:
            self._indexes[key] = BandIndex(*_bands(self.threshold))
        return self._indexes[key]

    def _add(self, article_id: str, language: str | None, cluster: str, hv: np.ndarray | None,
             bands: list[bytes] | None = None) -> None:
        self._cluster[article_id] = cluster
        self._order.setdefault(cluster, len(self._order))
        # Only a cluster's first member is indexed: a copy is compared with the story as first
        # stored, so the candidates (and the index) grow with stories, not with reprints.
        if hv is not None and cluster == article_id and article_id not in self._indexed:
            self._indexed.add(article_id)
            self._index(language).insert(article_id, hv, bands)

    def _ensure_loaded(self) -> None:
        """Read the stored heads into the indexes: once, at the first article with a signature.
        Bookkeeping in whole-block operations (dict updates, one numpy split by language), not a
        Python round per stored story: this runs over every story a store holds, at every ingest."""
        if self._loaded:
            return
        self._loaded = True
        cluster, order = self._cluster, self._order
        for ids, languages, matrix in (self.load() if self.load else ()):
            rows = [row for row, article_id in enumerate(ids) if article_id not in cluster]
            kept = [ids[i] for i in rows]
            if len(set(kept)) != len(kept):  # a second stored copy of an id: the first (earliest) wins
                first: dict[str, int] = {}
                for i in rows:
                    first.setdefault(ids[i], i)
                rows = list(first.values())
                kept = list(first)
            if not kept:
                continue
            cluster.update(zip(kept, kept, strict=True))
            fresh = [a for a in kept if a not in order]
            order.update(zip(fresh, range(len(order), len(order) + len(fresh)), strict=True))
            self._indexed.update(kept)
            langs = np.asarray([languages[i] or "" for i in rows], dtype=object)
            at = np.asarray(rows, dtype=np.intp)
            for language in dict.fromkeys(langs.tolist()):  # in order of first appearance
                sel = np.flatnonzero(langs == language)
                self._index(language).insert_many([kept[i] for i in sel.tolist()], matrix[at[sel]])

    def assign(self, article_id: str, language: str | None, sig: bytes | None) -> str:
        """The cluster of a new article: its oldest confirmed near-duplicate's, else its own id."""
        return self.assign_many([(article_id, language, sig)])[0]

    def assign_many(self, items: Sequence[tuple[str, str | None, bytes | None]]) -> list[str]:
        """``assign`` of each ``(id, language, signature)`` in order, as one batch: the same
        clusters as one call per article (tests/test_syndication.py checks). Why: inside an
        ingest, between two articles' presence work, each of a dozen small numpy calls per
        article ran cold, and clustering one article at a time cost three times what it costs in
        a loop of its own; the committing process now clusters a batch at once.

        The stories read back from the store (the stored tier, most of them in a store that has
        run a while) are searched and confirmed for the whole batch in a few numpy calls
        (``BandIndex.stored_candidates``). The stories indexed during this ingest, this batch's
        included, are looked up in a pass in order (an article becomes a story only when nothing
        before it matched, so that part cannot be done ahead): a dictionary lookup per band, and
        numpy only for an article that has candidates there."""
        valid = [i for i, (_, _, sig) in enumerate(items) if sig and len(sig) == 4 * NUM_PERM]
        if valid:
            self._ensure_loaded()
        need = self._agreeing
        found: dict[int, tuple[list[bytes], np.ndarray]] = {}  # item -> its band keys and values
        earlier: dict[int, list[str]] = {}  # item -> clusters of its confirmed stored stories
        groups: dict[str, list[int]] = {}
        for i in valid:
            groups.setdefault(items[i][1] or "", []).append(i)
        for key, members in groups.items():
            index = self._index(key)
            queries = np.frombuffer(b"".join(items[i][2] or b"" for i in members), dtype="<u4")
            queries = queries.reshape(len(members), NUM_PERM)
            qi, ri = index.stored_candidates(queries)
            for q, row in zip(*_confirmed(index.matrix, queries, ri, qi, need), strict=True):
                earlier.setdefault(members[q], []).append(self._cluster[index.ids[row]])
            found.update(zip(members, zip(index.keys_many(queries), queries, strict=True), strict=True))
        out: list[str] = []
        for i, (article_id, language, _) in enumerate(items):
            if article_id in self._cluster:
                out.append(self._cluster[article_id])
                continue
            got = found.pop(i, None)
            if got is None:  # no signature, or a malformed one: its own cluster, not indexed
                self._cluster[article_id] = article_id
                self._order.setdefault(article_id, len(self._order))
                out.append(article_id)
                continue
            keys, hv = got
            index = self._index(language)
            matches = earlier.get(i, [])
            fresh = index.lookup(keys)
            if fresh:
                rows = np.fromiter(fresh, dtype=np.intp, count=len(fresh))
                agree = np.count_nonzero(index.matrix[rows] == hv, axis=1) >= need
                matches = matches + [self._cluster[index.ids[row]] for row in rows[agree].tolist()]
            cluster = min(matches, key=self._order.__getitem__) if matches else article_id
            self._add(article_id, language, cluster, hv, keys)
            out.append(cluster)
        return out

    def settle(self, articles: Sequence[Article]) -> None:
        """Set each article's ``cluster`` (``assign_many``, in order): what a writer does to a batch."""
        clusters = self.assign_many([(a.id, a.language, a.signature) for a in articles])
        for article, cluster in zip(articles, clusters, strict=True):
            article.cluster = cluster

    @property
    def _agreeing(self) -> int:
        """The fewest equal values of ``NUM_PERM`` that estimate a Jaccard of ``threshold`` or more:
        a count compared as an integer, the same test as ``mean >= threshold`` (the mean of
        ``NUM_PERM`` flags is exact) at a fraction of its cost."""
        return _agreeing(self.threshold)


@lru_cache(maxsize=8)
def _agreeing(threshold: float) -> int:
    return next(k for k in range(NUM_PERM + 2) if k > NUM_PERM or k / NUM_PERM >= threshold)


def _flat(hits: list[int | list[int]]) -> set[int]:
    """The rows of a signature's band lookups (an int per band with one row, a list with more)."""
    rows: set[int] = set()
    for hit in hits:
        if isinstance(hit, int):
            rows.add(hit)
        else:
            rows.update(hit)
    return rows


def _confirmed(matrix: np.ndarray, queries: np.ndarray, rows: np.ndarray, query: np.ndarray,
               need: int, block: int = 8192) -> tuple[np.ndarray, np.ndarray]:
    """The (query, row) pairs, of ``query[i]``'s row of ``queries`` and ``rows[i]``'s of
    ``matrix``, whose signatures agree on at least ``need`` values, compared in blocks of
    ``block`` pairs so a batch of many near-identical copies stays a few MB."""
    keep = np.zeros(len(rows), dtype=bool)
    for lo in range(0, len(rows), block):
        hi = lo + block
        keep[lo:hi] = np.count_nonzero(matrix[rows[lo:hi]] == queries[query[lo:hi]], axis=1) >= need
    return query[keep], rows[keep]


def cluster_all(items: Iterable[tuple[str, str | None, str]]) -> dict[str, str]:
    """Cluster ``(id, language, text)`` in order, with nothing stored: what the bench scores."""
    clusterer = Clusterer()
    return {aid: clusterer.assign(aid, lang, signature(text)) for aid, lang, text in items}
