"""JSONL articles (``id, title, outlet, date, language, url, text``), one per line.

A bad line is one skip, not a lost file: the generator yields a Skipped for it and carries on.
Lines are streamed, so a corpus file may be far larger than the single-file size cap, which
applies per line instead.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO, Protocol

from news.models import Article
from news.sources.common import (
    MAX_FILE_BYTES,
    Skipped,
    SourceError,
    load_json,
    make_article,
    outlet_field,
    parse_date,
    text_field,
)

CHUNK = 1 << 20  # what is read at a time of a line too long to keep


class Openable(Protocol):
    """A path, or anything that opens like one (the engines' byte ranges of a file)."""

    def open(self, mode: str = ...) -> BinaryIO: ...


def article_from_record(record: object, *, source: str, default_date: date | None) -> Article:
    if not isinstance(record, dict):
        raise SourceError("bad JSON line", "not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SourceError("no text", "no 'text' field")
    return make_article(
        text=text,
        source=source,
        title=text_field(record, "title"),
        url=record.get("url") if isinstance(record.get("url"), str) else None,
        outlet=outlet_field(record),
        published=parse_date(record.get("date")) or default_date,
        language=record.get("language") if isinstance(record.get("language"), str) else None,
        id=text_field(record, "id") or None,
    )


def bounded_lines(handle: BinaryIO, limit: int = MAX_FILE_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line of ``handle``; None for a line over ``limit`` bytes.

    Why not ``for raw in handle``: that reads a line whole before anyone can check its size, and
    one line of 600 MB took 1.5 GB. A long line is read past in chunks and never held.
    """
    number = 0
    while raw := handle.readline(limit + 1):
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := handle.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, raw


def iter_jsonl(path: Openable, *, default_date: date | None) -> Iterator[Article | Skipped]:
    """Articles of a JSONL file, each unreadable line a Skipped with its line number.

    Whatever one line holds (bad bytes, bad JSON, a number no parser takes, nesting past the
    recursion limit, fields of the wrong type) is that line's skip, never the end of the file:
    a line that stopped the run would stop it again at every rerun, and nothing after it would
    ever be stored.
    """
    source = str(path)
    with path.open("rb") as handle:
        for number, raw in bounded_lines(handle):
            if raw is not None and (not raw or raw.isspace()):
                continue  # what ``not raw.strip()`` says, without copying the line
            try:
                if raw is None:
                    raise SourceError("too large", f"line too large (over {MAX_FILE_BYTES} bytes)")
                try:
                    # "utf-8-sig" only drops a leading BOM, but its codec runs in Python: asked
                    # only of lines that start with one, it reports the same text and offsets.
                    line = raw.decode("utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8")
                except UnicodeDecodeError as exc:
                    raise SourceError("not UTF-8", f"not UTF-8 (byte offset {exc.start})") from exc
                yield article_from_record(load_json(line, kind="bad JSON line"), source=source, default_date=default_date)
            except SourceError as exc:
                yield Skipped(f"{source}:{number}", exc.kind, str(exc))
            except (ValueError, TypeError, RecursionError) as exc:  # a field no rule foresaw
                yield Skipped(f"{source}:{number}", "bad JSON line", f"unreadable record ({type(exc).__name__})")
