"""Input cut into ordered partitions and processed anywhere (the commit, in order, is
``news.ingest.commit``).

Shared by the two parallel ingest engines, the Dask one (``news.ingest.dask``) and the local
process pool (``news.ingest.pool``), so they cannot drift apart on what makes their result
equal to the sequential ``news.ingest.local.run_ingest``:

- **planning** (``plan``, ``partition``): units in the sequential engine's order, large JSONL
  files cut into byte ranges at line boundaries, grouped into contiguous partitions;
- **work** (``work``): what one worker does with a partition: read it, drop the ids the store
  already holds (and repeats) *before* processing, return Arrow ``Chunk``s;
- **commit** (``news.ingest.commit.Committer``): results taken in any order, committed in
  partition order, which makes the store rows, the batches, the ``skipped ...`` lines and the
  summary those of a sequential run.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from news.ingest.pipeline import Pipeline
from news.sources import JSONL_EXT, KNOWN_EXT, Skipped, Unit, expand, read_unit
from news.store import Batch, Chunk

URL_WEIGHT = 64 * 1024  # a URL's unknown size, for partitioning
MIN_WEIGHT = 4 * 1024


@dataclass(frozen=True, slots=True)
class Piece:
    """One unit, or a byte range of one JSONL file (``start``/``end``; ``end`` None = to EOF).

    ``fs_url`` is set for fsspec sources; ``name`` is how sources and skip lines name it.
    """

    unit: Unit
    name: str
    weight: int
    fs_url: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def is_block(self) -> bool:
        return self.start is not None


# ----------------------------------------------------------------------------- planning (client)


def _fsspec_protocol(source: str) -> str | None:
    """The fsspec protocol of ``source`` when fsspec should read it (not http(s))."""
    if "://" not in source:
        return None
    proto = source.split("://", 1)[0].lower()
    if proto in ("http", "https"):
        return None
    try:
        from fsspec.registry import known_implementations, registry
    except ImportError:
        return None
    return proto if proto in known_implementations or proto in registry else None


def _expand_fsspec(source: str) -> list[tuple[Unit, str | None, int]]:
    """Like ``expand`` for one fsspec URL: (unit, fs_url, size); folders walked and sorted."""
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(source)
        proto = source.split("://", 1)[0]
        if fs.isdir(path):
            out = []
            for child, info in sorted(fs.find(path, detail=True).items()):
                rel = child[len(path.rstrip("/")) + 1:].split("/") if child.startswith(path.rstrip("/")) else [child]
                if info.get("type") != "file" or any(p.startswith(".") for p in rel):
                    continue
                if os.path.splitext(child)[1].lower() not in KNOWN_EXT:
                    continue
                url = fs.unstrip_protocol(child) if hasattr(fs, "unstrip_protocol") else f"{proto}://{child}"
                out.append((Unit("file", url), url, int(info.get("size") or 0)))
            return out
        if fs.isfile(path):
            return [(Unit("file", source), source, int(fs.size(path) or 0))]
        return [(Unit("missing", source), None, 0)]
    except ImportError as exc:  # e.g. s3:// without s3fs
        return [(Unit("unsupported:" + str(exc).splitlines()[0][:120], source), None, 0)]
    except Exception as exc:  # a bad source is one skip, never a crash
        return [(Unit("unsupported:" + (str(exc).splitlines() or [type(exc).__name__])[0][:120], source), None, 0)]


def plan(sources: list[str], *, fsspec: bool = True, follow_links: bool = False) -> list[tuple[Unit, str | None, int]]:
    """Every unit to read in the sequential engine's order, with its fsspec URL and size.

    ``fsspec=False`` reads sources as the sequential engine does (``expand``), which takes
    ``file://`` and other non-http schemes for URLs and skips them as "bad URL": the local pool
    must print what ``--jobs 1`` prints.
    """
    units: list[tuple[Unit, str | None, int]] = []
    for source in sources:
        if fsspec and _fsspec_protocol(source):
            units.extend(_expand_fsspec(source))
            continue
        for unit in expand([source], follow_links=follow_links):
            size = URL_WEIGHT
            if unit.kind == "file":
                try:
                    size = os.stat(unit.location).st_size
                except OSError:
                    size = 0
            units.append((unit, None, size))
    return units


def _split_points(piece_unit: Unit, fs_url: str | None, size: int, block: int) -> list[int]:
    """Offsets where lines start, about ``block`` bytes apart (0 first)."""
    points = [0]
    if size <= block:
        return points
    if fs_url:
        import fsspec

        opener = fsspec.open(fs_url, "rb")
    else:
        opener = open(piece_unit.location, "rb")  # closed by the with below
    with opener as fh:
        for k in range(1, math.ceil(size / block)):
            target = k * block
            if target <= points[-1]:
                continue
            fh.seek(target - 1)
            # to the end of the line that holds byte target-1, a bounded read at a time
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            pos = fh.tell()
            if pos >= size:
                break
            if pos > points[-1]:
                points.append(pos)
    return points


def partition(units: list[tuple[Unit, str | None, int]], n: int) -> list[list[Piece]]:
    """Pieces grouped into about ``n`` contiguous partitions of similar input size."""
    total = sum(max(size, MIN_WEIGHT) for _, _, size in units) or 1
    target = max(MIN_WEIGHT, math.ceil(total / max(1, n)))
    pieces: list[Piece] = []
    for unit, fs_url, size in units:
        name = fs_url or (str(Path(unit.location)) if unit.kind == "file" else unit.location)
        is_jsonl = unit.kind == "file" and os.path.splitext(unit.location)[1].lower() in JSONL_EXT
        if is_jsonl and (size > target or fs_url):
            try:
                points = _split_points(unit, fs_url, size, target)
            except OSError:
                points = None
            if points is not None:
                bounds = [*points, None]
                for start, end in zip(bounds[:-1], bounds[1:], strict=True):
                    weight = (end if end is not None else size) - start
                    pieces.append(Piece(unit, name, max(weight, MIN_WEIGHT), fs_url, start, end))
                continue
        pieces.append(Piece(unit, name, max(size, MIN_WEIGHT) if unit.kind == "file" else URL_WEIGHT, fs_url))
    parts: list[list[Piece]] = []
    current: list[Piece] = []
    weight = 0
    for piece in pieces:
        current.append(piece)
        weight += piece.weight
        if weight >= target:
            parts.append(current)
            current, weight = [], 0
    if current:
        parts.append(current)
    return parts


# ----------------------------------------------------------------------------- work (workers)


class _Range:
    """A path-like over bytes ``start`` to ``end`` of a file, opened as a stream: what
    ``iter_jsonl`` needs (``open`` and ``str``). Why not the bytes read at once: a block is
    whole lines, and one line of hundreds of megabytes made a block that size in memory;
    streamed, ``iter_jsonl`` reads past such a line in chunks and skips it."""

    def __init__(self, name: str, opener: Callable[[], BinaryIO], start: int, end: int | None) -> None:
        self.name, self._opener, self.start, self.end = name, opener, start, end

    def open(self, mode: str = "rb") -> BinaryIO:
        fh = self._opener()
        fh.seek(self.start)
        if self.end is None:
            return fh
        return io.BufferedReader(_Bounded(fh, self.end - self.start), buffer_size=1 << 16)

    def __str__(self) -> str:
        return self.name


class _Bounded(io.RawIOBase):
    """At most ``left`` bytes of ``fh`` from where it stands; closes ``fh`` when closed."""

    def __init__(self, fh: BinaryIO, left: int) -> None:
        self._fh, self._left = fh, left

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        want = min(len(buffer), self._left)
        if want <= 0:
            return 0
        data = self._fh.read(want)
        buffer[:len(data)] = data
        self._left -= len(data)
        return len(data)

    def close(self) -> None:
        self._fh.close()
        super().close()


def _count_lines(opener: Callable[[], BinaryIO], start: int, end: int | None) -> int:
    """Newlines between ``start`` and ``end``, read a megabyte at a time (the progress count)."""
    lines = 0
    with _Range("", opener, start, end).open() as fh:
        while chunk := fh.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines


def _read_block(piece: Piece, default_date: date | None) -> tuple[Iterator, int]:
    from news.sources.jsonl import iter_jsonl

    def opener() -> BinaryIO:
        if piece.fs_url:
            import fsspec

            return fsspec.open(piece.fs_url, "rb").open()
        return open(piece.unit.location, "rb")  # closed by iter_jsonl's with

    try:
        lines = _count_lines(opener, piece.start or 0, piece.end)
    except OSError as exc:
        return iter([Skipped(piece.name, "unreadable", f"cannot read ({exc.strerror or exc})")]), 0
    return iter_jsonl(_Range(piece.name, opener, piece.start or 0, piece.end), default_date=default_date), lines


def _read_fsspec_file(piece: Piece, default_date: date | None, allow_hosts: tuple[str, ...] = ()) -> Iterator:
    """A non-JSONL fsspec file: copied (with a text file's sidecar) to a temporary folder and
    read by ``read_unit``, then renamed back to its URL in sources and skip lines."""
    import fsspec

    from news.sources.common import MAX_FILE_BYTES

    url = piece.fs_url
    fs, path = fsspec.core.url_to_fs(url)
    try:
        size = fs.size(path) or 0
        if size > MAX_FILE_BYTES:
            yield Skipped(piece.name, "too large", f"too large ({size} bytes, limit {MAX_FILE_BYTES})")
            return
        with tempfile.TemporaryDirectory(prefix="footprint-fs-") as tmp:
            base = path.rstrip("/").rsplit("/", 1)[-1]
            local = Path(tmp) / base
            local.write_bytes(fs.cat_file(path))
            stem = path[: len(path) - len(os.path.splitext(path)[1])]
            for sidecar in (stem + ".json", path + ".json"):
                try:
                    if fs.isfile(sidecar):
                        (Path(tmp) / sidecar.rsplit("/", 1)[-1]).write_bytes(fs.cat_file(sidecar))
                except OSError:
                    pass
            for item in read_unit(Unit("file", str(local)), default_date=default_date, allow_hosts=allow_hosts):
                if isinstance(item, Skipped):
                    yield Skipped(item.source.replace(str(local), url, 1), item.kind,
                                  item.reason.replace(str(local), url), item.error)
                else:
                    item.source = item.source.replace(str(local), url, 1)
                    yield item
    except OSError as exc:
        yield Skipped(piece.name, "unreadable", f"cannot read ({exc.strerror or exc})")


def _read_piece(piece: Piece, default_date: date | None, allow_hosts: tuple[str, ...] = ()) -> tuple[Iterator, int]:
    if piece.unit.kind.startswith("unsupported:"):
        reason = piece.unit.kind.split(":", 1)[1]
        return iter([Skipped(piece.name, "unsupported", f"cannot open with fsspec ({reason})")]), 0
    if piece.is_block:
        return _read_block(piece, default_date)
    if piece.fs_url:
        return _read_fsspec_file(piece, default_date, allow_hosts), 0
    return read_unit(piece.unit, default_date=default_date, allow_hosts=allow_hosts), 0


def work(pieces: list[Piece], known: frozenset[str], default_date: date | None,
         allow_hosts: tuple[str, ...] = (), pipeline: Pipeline | None = None) -> list[tuple]:
    """One partition on a worker: per piece, (skips, processed ``Chunk`` or None, store-known
    count, lines).

    An id the store holds, or one met earlier in this partition, is counted and dropped before
    any processing, as the sequential engine does. The articles go back as Arrow columns (a
    ``Chunk``), so the client only slices and writes them. ``pipeline`` is what processes an
    article (the client's, sent along; the default one without).
    """
    from news.store.identity import text_digest
    pipeline = pipeline or Pipeline()
    prepare = pipeline.prepare
    seen: set[str] = set()
    out = []
    for piece in pieces:
        skips: list[Skipped] = []
        done: list[Batch] = []
        dropped: list[tuple[str, str, str]] = []  # (id, text digest, source) of each repeat
        items, lines = _read_piece(piece, default_date, allow_hosts)
        for item in items:
            if isinstance(item, Skipped):
                skips.append(item)
            elif item.id in known or item.id in seen:
                dropped.append((item.id, text_digest(item.text), item.source))
            else:
                seen.add(item.id)
                item, mentions, claims = prepare(item)  # the cluster is assigned at commit
                done.append(Batch(item, mentions, claims))
        pipeline.sign([b.article for b in done])
        out.append((skips, Chunk.of(done) if done else None, dropped, lines))
    return out
