"""Plain-text files: a heading line as the title, metadata from a sidecar ``<name>.json``.

Why a sidecar and not guessing: a .txt carries no date, and the map is a map over time. The
date comes from the sidecar or ``--date``; without either the article is stored undated
(``published`` null) and counted as such, never stamped with the day we happened to read it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from news.models import Article
from news.sources.clean import clean_text
from news.sources.common import SourceError, load_json, make_article, outlet_field, parse_date, text_field

MAX_SIDECAR_BYTES = 1 << 20  # metadata of one article: a title, a date, a URL

_SENTENCE_END = re.compile(r"[.!;:,…»\"']$")


def looks_like_title(line: str) -> bool:
    """Short, no sentence-final punctuation (a question mark is fine: headlines ask)."""
    line = line.strip()
    return 0 < len(line) <= 200 and len(line.split()) <= 30 and not _SENTENCE_END.search(line)


def split_title(text: str) -> tuple[str | None, str]:
    """``(title, body)``: the first non-empty line is the title when it looks like one."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip():
            rest = "\n".join(lines[i + 1 :])
            if looks_like_title(line) and rest.strip():
                return line.strip(), rest
            return None, text
    return None, text


def sidecar_for(path: Path) -> Path | None:
    """``story.json`` (or ``story.txt.json``) beside ``story.txt``, if present."""
    for candidate in (path.with_suffix(".json"), path.with_name(path.name + ".json")):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> dict:
    sidecar = sidecar_for(path)
    if sidecar is None:
        return {}
    try:
        if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            raise SourceError("bad sidecar", f"sidecar {sidecar.name} too large (limit {MAX_SIDECAR_BYTES} bytes)")
        meta = load_json(sidecar.read_text(encoding="utf-8"), f"sidecar {sidecar.name}")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError("bad sidecar", f"unreadable sidecar {sidecar.name} ({exc})") from exc
    except SourceError as exc:
        raise SourceError("bad sidecar", str(exc)) from exc
    if not isinstance(meta, dict):
        raise SourceError("bad sidecar", f"sidecar {sidecar.name} is not a JSON object")
    return meta


def article_from_text(text: str, *, path: Path, default_date: date | None) -> Article:
    meta = read_sidecar(path)
    # The headline is the first line of the *cleaned* text (scraped files often open with a
    # close button or a donation banner), and it stays in the body: a headline is part of
    # what the article says (its places count, as the labelling guide has it).
    heading, _ = split_title(clean_text(text))
    body = text
    published = parse_date(meta.get("date")) or default_date
    return make_article(
        text=body,
        source=str(path),
        title=text_field(meta, "title") or heading or path.stem,
        url=meta.get("url") if isinstance(meta.get("url"), str) else None,
        outlet=outlet_field(meta),
        published=published,
        language=meta.get("language") if isinstance(meta.get("language"), str) else None,
    )
