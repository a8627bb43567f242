"""The commit, in order: partition results taken as they come, written in source order.

What makes a parallel run (``news.ingest.pool``, ``news.ingest.dask``) equal to the sequential
``news.ingest.local.run_ingest``: the same rows, batches, ``skipped ...`` lines and summary.
"""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa

from news.ingest.partitions import Piece
from news.ingest.report import IngestReport
from news.sources import Skipped
from news.store import BatchWriter, Chunk
from news.store.identity import Repeats, text_digest
from news.syndication import Clusterer


def _renumber(entries: list, piece: Piece, offset: int) -> list:
    """Skip lines of a JSONL block numbered from the file's first line, as the local engine."""
    if not offset:
        return entries
    prefix = piece.name + ":"
    fixed = []
    for e in entries:
        if isinstance(e, Skipped) and e.source.startswith(prefix) and e.source[len(prefix):].isdigit():
            e = Skipped(f"{prefix}{int(e.source[len(prefix):]) + offset}", e.kind, e.reason, e.error)
        fixed.append(e)
    return fixed




class Committer:
    """Takes partition results in any order and commits them in partition order.

    ``known`` is the client's set: the store's ids when the run began, then every id committed
    since. Workers only dropped ids of the store and repeats inside their own partition; an id
    an *earlier* partition already gave is dropped here, so the first copy in source order wins,
    as in a sequential run. Skip lines go to ``say`` in source order (a block's line numbers
    made the file's), articles go through ``writer`` (the same batch boundaries as a sequential
    run), and ``report`` counts as ``news.ingest.local.run_ingest`` does.
    """

    def __init__(self, parts: list[list[Piece]], report: IngestReport, writer: BatchWriter, known: set[str],
                 say: Callable[[str], None]) -> None:
        self.parts, self.report, self.writer, self.known, self.say = parts, report, writer, known, say
        self.repeats = Repeats()
        self.clusterer = Clusterer(writer.store.heads)  # workers sign, clusters are assigned here
        self.committed = 0  # partitions committed so far
        self._waiting: dict[int, list] = {}  # results that came back before an earlier partition's
        self._line_offset: dict[str, int] = {}

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def receive(self, index: int, result: list) -> None:
        """The result of partition ``index``; commits it and every waiting successor it unblocks."""
        self._waiting[index] = result
        while self.committed in self._waiting:
            self._commit(self.parts[self.committed], self._waiting.pop(self.committed))
            self.committed += 1

    def _clustered(self, chunk: Chunk) -> Chunk:
        """``chunk`` with each article's cluster assigned, in source order (as a local run does)."""
        articles = chunk.tables["articles"]
        if not articles.num_rows:
            return chunk
        clusters = self.clusterer.assign_many(list(zip(
            articles.column("id").to_pylist(), articles.column("language").to_pylist(),
            articles.column("signature").to_pylist(), strict=True)))
        at = articles.schema.get_field_index("cluster")
        articles = articles.set_column(at, articles.schema.field(at), pa.array(clusters, pa.string()))
        return Chunk({**chunk.tables, "articles": articles}, chunk.mention_offsets, chunk.claim_offsets)

    def _commit(self, pieces: list[Piece], result: list) -> None:
        report, known = self.report, self.known
        for piece, (skips, chunk, dropped, lines) in zip(pieces, result, strict=True):
            if piece.is_block:
                offset = self._line_offset.get(piece.name, 0) if piece.start else 0
                skips = _renumber(skips, piece, offset)
                self._line_offset[piece.name] = offset + lines
            report.known += len(dropped)
            for entry in skips:
                self.say(entry.line())
                (report.skipped if entry.error else report.notices)[entry.kind] += 1
            if chunk is None:
                for repeat in dropped:
                    self.repeats.repeat(*repeat)
                continue
            ids = chunk.ids()
            keep = [aid not in known for aid in ids]  # met in an earlier partition of this run
            report.known += keep.count(False)
            known.update(ids)
            articles = chunk.tables["articles"]
            for aid, text, source, new in zip(ids, articles.column("text").to_pylist(),
                                              articles.column("source").to_pylist(), keep, strict=True):
                if new:
                    self.repeats.new(aid, text_digest(text or ""))
                else:
                    self.repeats.repeat(aid, text_digest(text or ""), source)
            for repeat in dropped:  # after the piece's own first copies, as a sequential run meets them
                self.repeats.repeat(*repeat)
            chunk = self._clustered(chunk.keep(keep))
            self.writer.add_chunk(chunk)
            report.ingested += len(chunk)
            report.undated += chunk.undated()
            report.unplaced += chunk.unplaced()
