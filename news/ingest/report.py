"""What an ingest did, and how it shows while it runs: one definition for every engine
(local, pool, Dask), so their summaries and skip lines cannot differ."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from news.store import BatchWriter, Store
from news.store.identity import Repeats

BATCH_SIZE = 500
PROGRESS_MIN_ITEMS = 1000  # without a terminal, a bar is only worth it for long runs


@dataclass(slots=True)
class IngestReport:
    ingested: int = 0
    known: int = 0
    undated: int = 0
    unplaced: int = 0  # mentions whose place got no point from the geocoder (geo.resolve)
    skipped: Counter = field(default_factory=Counter)  # kind -> count (errors only)
    notices: Counter = field(default_factory=Counter)  # kind -> count (not errors)
    batches: int = 0
    interrupted: bool = False  # stopped by Ctrl-C (SIGINT): the counts are what was stored
    unstored: int = 0  # processed before the interruption but not yet in a written batch

    def interrupt(self, writer: BatchWriter) -> None:
        """Stopped early: count only what the written batches hold (a rerun adds the rest).

        Taken from the writer, not from the running counts: Ctrl-C can land between a batch's
        write and the count of its last article, or between the batch's last file and the
        writer's own count (``BatchWriter.recover`` asks the store whether that batch landed)."""
        writer.recover()
        self.interrupted, self.unstored = True, writer.held()[0]
        self.ingested, self.undated = writer.written, writer.written_undated
        self.unplaced = writer.written_unplaced

    def settle(self, repeats: Repeats, store: Store, say: Callable[[str], None]) -> None:
        """The run's repeats whose text differs from the first under their id: skip lines,
        counted as skipped, not as already known (every engine calls this after its last batch)."""
        for skip in repeats.settle(store.files("articles")):
            say(skip.line())
            self.known -= 1
            self.skipped[skip.kind] += 1

    @property
    def errors(self) -> int:
        return sum(self.skipped.values())

    def summary(self) -> str:
        reasons = ", ".join(f"{n} {kind}" for kind, n in self.skipped.most_common())
        line = f"ingested {self.ingested}, already known {self.known}, skipped {self.errors}"
        if reasons:
            line += f" ({reasons})"
        if self.notices:
            line += "; notes: " + ", ".join(f"{n} {kind}" for kind, n in self.notices.most_common())
        line += f"; undated {self.undated}"
        if self.unplaced:
            line += f", {self.unplaced} place{'s' * (self.unplaced != 1)} without a point"
        if self.interrupted:
            line = (f"interrupted: {line}; {self.batches} batches written and intact, "
                    f"{self.unstored} articles processed since the last were not stored: "
                    "run the same command again to add the rest")
        return line


def progress_bar(total: int, err: TextIO, progress: bool, unit: str):
    """A progress bar on ``err`` and a ``say`` that prints a line without breaking it: one
    definition for every engine (local, pool, Dask)."""
    from tqdm import tqdm

    bar = tqdm(total=total, file=err, disable=not progress, unit=unit, leave=False,
               mininterval=0.5 if err.isatty() else 10.0, dynamic_ncols=True)

    def say(text: str) -> None:
        if progress:
            bar.write(text, file=err)
        else:
            print(text, file=err, flush=True)

    return bar, say
