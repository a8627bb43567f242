"""``footprint store stats``: what a store holds and what it costs on disk.

Counts are those readers see (an id stored twice counts once; batches without their articles
file, files of merged batches still awaiting deletion and files readers ignore are counted
apart), so the figures match ``layers`` and the dashboard; sizes are the files' bytes.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import duckdb

from news.store import TABLES, Store, read_manifest


def store_stats(store: Store) -> dict[str, Any]:
    """The store's counts and sizes as plain data (what ``--format json`` prints)."""
    root = store.root
    manifest = read_manifest(root)
    retired = frozenset(manifest["retired"])
    tables: dict[str, dict[str, int]] = {}
    for table in TABLES:
        files = store.files(table, retired)
        size = 0
        for path in files:
            with contextlib.suppress(OSError):
                size += path.stat().st_size
        tables[table] = {"files": len(files), "bytes": size}

    def read(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
        articles, first, last, undated, mentions, claims = con.execute(
            "SELECT count(*), min(published), max(published), count(*) - count(published), "
            "(SELECT count(*) FROM mentions), (SELECT count(*) FROM claims) FROM articles").fetchone() or (0,) * 6
        actors = con.execute("""SELECT actor, count(*) AS claims, count(DISTINCT article_id) AS articles,
            count(DISTINCT iso3) AS countries FROM claims WHERE actor IS NOT NULL GROUP BY actor ORDER BY actor""").fetchall()
        languages = con.execute("""SELECT coalesce(nullif(language, ''), '?') AS language, count(*) FROM articles
            GROUP BY 1 ORDER BY 2 DESC, 1""").fetchall()
        return {
            "articles": articles, "mentions": mentions, "claims": claims,
            "published": {"first": first.isoformat() if first else None,
                          "last": last.isoformat() if last else None, "undated": undated},
            "actors": {a: {"claims": c, "articles": n, "countries": k} for a, c, n, k in actors},
            "languages": dict(languages),
        }

    counts = store.read(read)
    orphans = store.orphan_batches()
    return {
        "store": str(root),
        **counts,
        "tables": tables,
        "bytes": sum(t["bytes"] for t in tables.values()),
        "awaiting_deletion": sum((root / t / f"{b}.parquet").exists() for b in retired for t in TABLES),
        "orphan_batches": len(orphans),
        "ignored_files": sorted(store.ignored),
    }


def human_size(n: int) -> str:
    """``n`` bytes as B, KB, MB or GB (powers of 1024), for summary lines."""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def format_stats(stats: dict[str, Any], fmt: str = "text") -> str:
    """``stats`` as aligned text lines, or as JSON."""
    if fmt == "json":
        return json.dumps(stats, indent=1)  # ASCII: stored text cannot put a control sequence on a terminal
    pub = stats["published"]
    span = f"{pub['first']} to {pub['last']}" if pub["first"] else "no dated articles"
    lines = [
        f"store      {stats['store']}",
        f"articles   {stats['articles']:,} (published {span}; {pub['undated']:,} undated)",
        f"mentions   {stats['mentions']:,}",
        f"claims     {stats['claims']:,}",
        f"on disk    {human_size(stats['bytes'])} in {sum(t['files'] for t in stats['tables'].values()):,} batch files: "
        + ", ".join(f"{name} {t['files']:,} ({human_size(t['bytes'])})" for name, t in stats["tables"].items()),
    ]
    if stats["actors"]:
        lines.append("actors     " + ", ".join(
            f"{a}: {v['claims']:,} claims in {v['articles']:,} articles, {v['countries']} countries"
            for a, v in stats["actors"].items()))
    if stats["languages"]:
        lines.append("languages  " + ", ".join(f"{lang} {n:,}" for lang, n in stats["languages"].items()))
    extra = []
    if stats["awaiting_deletion"]:
        extra.append(f"{stats['awaiting_deletion']} merged files awaiting deletion (footprint store compact)")
    if stats["orphan_batches"]:
        extra.append(f"{stats['orphan_batches']} batches an interrupted ingest left without articles "
                     "(footprint store compact removes them)")
    if stats["ignored_files"]:
        extra.append(f"{len(stats['ignored_files'])} files ignored (unreadable or of other columns)")
    if extra:
        lines.append("notes      " + "; ".join(extra))
    return "\n".join("".join(c if c.isprintable() else "?" for c in line) for line in lines)
