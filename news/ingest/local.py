"""The local engine in one process: sources read, new articles processed and stored in
batches, in source order. ``news.ingest.pool`` and ``news.ingest.dask`` give the same result."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from news.ingest.pipeline import Pipeline, settler
from news.ingest.report import BATCH_SIZE, PROGRESS_MIN_ITEMS, IngestReport, progress_bar
from news.sources import Skipped, Unit, expand, read_unit
from news.store import Batch, BatchWriter, Store
from news.store.identity import Repeats, text_digest
from news.syndication import Clusterer


def run_ingest(
    sources: list[str],
    store: Store,
    *,
    default_date: date | None = None,
    batch_size: int = BATCH_SIZE,
    err: TextIO = sys.stderr,
    progress: bool | None = None,
    units: list[Unit] | None = None,
    pipeline: Pipeline | None = None,
    follow_links: bool = False,
    allow_hosts: Sequence[str] = (),
) -> IngestReport:
    """Read every source, process new articles and append them to ``store`` in batches.

    Known ids (already stored, or seen earlier in this run) are counted and dropped before any
    processing, so re-ingesting costs reading only. A batch is written as soon as it is full,
    so a killed run loses at most the batch in progress. ``allow_hosts`` (``HOST[:PORT]``) are
    the loopback or private hosts redirects and feed links may reach (``--allow-host``);
    ``pipeline`` processes each article (default: ``Pipeline.from_env()``).
    """
    pipeline = pipeline or Pipeline.from_env()
    prepare = pipeline.prepare
    units = expand(sources, follow_links=follow_links) if units is None else units
    if progress is None:
        progress = err.isatty() or len(units) >= PROGRESS_MIN_ITEMS
    bar, say = progress_bar(len(units), err, progress, "src")

    report = IngestReport()
    known = store.known_ids()
    repeats = Repeats()
    writer = BatchWriter(store, batch_size, settler(pipeline, Clusterer(store.heads)))

    try:
        for unit in units:
            for item in read_unit(unit, default_date=default_date, allow_hosts=allow_hosts):
                if isinstance(item, Skipped):
                    say(item.line())
                    (report.skipped if item.error else report.notices)[item.kind] += 1
                    continue
                if item.id in known:
                    report.known += 1
                    repeats.repeat(item.id, text_digest(item.text), item.source)
                    continue
                known.add(item.id)
                repeats.new(item.id, text_digest(item.text))
                item, mentions, claims = prepare(item)
                writer.add(Batch(item, mentions, claims))
                report.ingested += 1
                report.undated += item.published is None
                report.unplaced += sum(m.lat is None for m in mentions)
            bar.update(1)
        writer.flush()
        report.settle(repeats, store, say)
    except KeyboardInterrupt:
        report.interrupt(writer)
    finally:
        report.batches = writer.batches
        bar.close()
    return report
