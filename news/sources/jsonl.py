"""JSONL articles (``id, title, outlet, date, language, url, text``), one per line.

A bad line is one skip, not a lost file: the generator yields a Skipped for it and carries on.
Lines are streamed, so a corpus file may be far larger than the single-file size cap, which
applies per line instead.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from news.models import Article
from news.sources.common import MAX_FILE_BYTES, Skipped, SourceError, make_article, parse_date


def article_from_record(record: object, *, source: str, default_date: date | None) -> Article:
    if not isinstance(record, dict):
        raise SourceError("bad JSON line", "not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SourceError("no text", "no 'text' field")
    return make_article(
        text=text,
        source=source,
        title=str(record.get("title") or ""),
        url=record.get("url") if isinstance(record.get("url"), str) else None,
        outlet=str(record.get("outlet") or ""),
        published=parse_date(record.get("date")) or default_date,
        language=record.get("language"),
        id=record.get("id") or None,
    )


def iter_jsonl(path: Path, *, default_date: date | None) -> Iterator[Article | Skipped]:
    source = str(path)
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw or raw.isspace():  # what ``not raw.strip()`` says, without copying the line
                continue
            try:
                if len(raw) > MAX_FILE_BYTES:
                    raise SourceError("too large", "line too large")
                try:
                    # "utf-8-sig" only drops a leading BOM, but its codec runs in Python: asked
                    # only of lines that start with one, it reports the same text and offsets.
                    line = raw.decode("utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8")
                except UnicodeDecodeError as exc:
                    raise SourceError("not UTF-8", f"not UTF-8 (byte offset {exc.start})") from exc
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SourceError("bad JSON line", f"bad JSON ({exc.msg} at column {exc.colno})") from exc
                yield article_from_record(record, source=source, default_date=default_date)
            except SourceError as exc:
                yield Skipped(f"{source}:{number}", exc.kind, str(exc))
