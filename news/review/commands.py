"""What ``footprint review ...`` and ``footprint eval --reviews`` do, given parsed arguments.

``news.cli`` parses; these functions read the store, write reviews through
``news.review.log`` and print. Every problem is one ``error: ...`` line and exit status 2 (a
usage error: an unknown key, a bad value), so nothing half-done is ever stored.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

import pandas as pd

from news.review.apply import identity, latest_reviews, row_key
from news.review.labelled import labelled_lines
from news.review.log import append_reviews, read_reviews
from news.review.records import ReviewError, make_review
from news.review.schema import REASONS
from news.review.score import score_reviews, table
from news.store import Store

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _cell(value, limit: int = 0) -> str:
    """One terminal-safe cell: no control characters (a stored escape sequence must not drive
    the terminal), no tabs or line breaks (the output is one record a line)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    text = " ".join(_UNPRINTABLE.sub(" ", str(value)).split())
    return text if not limit or len(text) <= limit else text[: limit - 1] + "…"


def default_reviewer() -> str:
    return os.environ.get("FOOTPRINT_REVIEWER") or os.environ.get("USER") or "cli"


def claim_rows(store: Store, article: str | None = None) -> pd.DataFrame:
    """The claims as every reader sees them (reviews applied), with their review key."""
    con = store.connect()
    try:
        where, params = ("WHERE article_id = ?", [article]) if article else ("", [])
        df = con.execute(f"SELECT * FROM claims {where} ORDER BY article_id, actor, iso3, evidence", params).df()
    finally:
        con.close()
    df["key"] = [row_key(r) for r in df.to_dict(orient="records")] if len(df) else pd.Series(dtype=object)
    return df


def run_list(store: Store, args, out: TextIO) -> int:
    """Claims with their key and review state (tab-separated), or with ``--history`` every review."""
    if args.history:
        reviews = read_reviews(store)
        out.write("reviewed_at\tkey\tdecision\tactor\tiso3\tstatus\tcorrection\treason\treviewer\tnote\n")
        for r in reviews.to_dict(orient="records"):
            fix = "/".join(_cell(r[c]) or "-" for c in ("new_actor", "new_iso3", "new_status")) \
                if r["decision"] == "correct" else ""
            out.write("\t".join([_cell(r["reviewed_at"]), r["key"], r["decision"], _cell(r["actor"]), _cell(r["iso3"]),
                                 _cell(r["status"]), fix, _cell(r["reason"]), _cell(r["reviewer"]),
                                 _cell(r["note"], 120)]) + "\n")
        return 0
    rows = claim_rows(store, args.article)
    if args.actor:
        rows = rows[rows["actor"].isin(args.actor)]
    if args.country:
        rows = rows[rows["iso3"].isin([c.upper() for c in args.country])]
    if args.reviewed:
        rows = rows[rows["review"].notna()]
    out.write("key\treview\tactor\tiso3\tstatus\tdate\tarticle_id\tevidence\n")
    for r in rows.to_dict(orient="records"):
        out.write("\t".join([r["key"], _cell(r["review"]), _cell(r["actor"]), _cell(r["iso3"]), _cell(r["status"]),
                             _cell(r["date"])[:10], _cell(r["article_id"]), _cell(r["evidence"], 160)]) + "\n")
    return 0


def _target(store: Store, key: str) -> dict | None:
    """The claim ``key`` names: one shown now, or one a review rejected (to undo a rejection)."""
    latest = latest_reviews(read_reviews(store))
    hit = latest[latest["key"] == key]
    if len(hit):
        return identity({"claim_key": key}, latest)
    rows = claim_rows(store)
    rows = rows[rows["key"] == key]
    return identity(rows.iloc[0].to_dict(), latest) if len(rows) else None


def _actors() -> tuple[str, ...]:
    from news.actors import load_actors

    return tuple(load_actors(os.environ.get("FOOTPRINT_ACTORS")))


def run_decide(store: Store, args, out: TextIO, err: TextIO) -> int:
    """``confirm``, ``reject``, ``correct`` a claim by key, or ``add`` one to an article's sentence."""
    try:
        if args.action == "add":
            review = make_review(article_id=args.article, sentence=args.sentence, actor=args.actor, iso3=args.country,
                                 status=args.status, decision="add", reviewer=args.reviewer, note=args.note,
                                 actors=_actors())
            con = store.connect()
            try:
                found = con.execute("SELECT text FROM articles WHERE id = ?", [args.article]).fetchone()
            finally:
                con.close()
            if found is None:
                raise ReviewError(f"no article {_cell(args.article, 80)!r} in the store")
            if " ".join(args.sentence.split()) not in " ".join(str(found[0] or "").split()):
                raise ReviewError("the sentence is not in the article's text (copy it from `review list` or the reader)")
        else:
            target = _target(store, args.key)
            if target is None:
                raise ReviewError(f"no claim with key {_cell(args.key, 40)!r} (see `footprint review list`)")
            extra = {}
            if args.action == "reject":
                extra = {"reason": args.reason}
            elif args.action == "correct":
                extra = {"new_actor": args.new_actor, "new_iso3": args.new_country, "new_status": args.new_status}
            review = make_review(article_id=target["article_id"], sentence=target["sentence"], actor=target["actor"],
                                 iso3=target["iso3"], status=target["status"], decision=args.action,
                                 reviewer=args.reviewer, note=args.note, actors=_actors(), **extra)
    except ReviewError as exc:
        print(f"error: {exc}", file=err)
        return 2
    append_reviews(store, [review])
    out.write(f"{review['decision']}\t{review['key']}\t{review['actor']}\t{review['iso3']}\n")
    return 0


def run_export(store: Store, path: str | None, out: TextIO, err: TextIO) -> int:
    """Reviewed articles as labelled JSONL to ``path`` (or stdout); the count on stderr."""
    reviews = read_reviews(store)
    ids = sorted(set(reviews["article_id"]))
    con = store.connect()
    try:
        articles = con.execute("SELECT * FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).df()
        mentions = con.execute("SELECT article_id, iso3 FROM mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
                               [ids]).df()
        claims = con.execute("SELECT * FROM claims WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).df()
    finally:
        con.close()
    lines = list(labelled_lines(articles, mentions, claims, reviews))
    text = "".join(line + "\n" for line in lines)
    if path and path != "-":
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        out.write(text)
    print(f"exported {len(lines)} reviewed article{'s' * (len(lines) != 1)}", file=err)
    return 0


def run_eval(store: Store, out: TextIO, err: TextIO) -> int:
    """``eval --reviews``: the machine's precision and recall on the reviewed claims."""
    reviews = read_reviews(store)
    if reviews.empty:
        print(f"error: no reviews in the store {store.root}", file=err)
        return 2
    ids = sorted(set(reviews["article_id"]))
    con = store.connect()
    try:
        machine = con.execute("SELECT article_id, actor, iso3, status, evidence FROM machine_claims "
                              "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).df()
        languages = dict(con.execute("SELECT id, coalesce(language, '?') FROM articles "
                                     "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())
    finally:
        con.close()
    counts = score_reviews(machine, reviews, languages)
    n = len(latest_reviews(reviews)[lambda d: d["article_id"].isin(list(languages))])
    out.write(table(counts, n, len(languages)) + "\n")
    return 0


__all__ = ["REASONS", "default_reviewer", "run_decide", "run_eval", "run_export", "run_list"]
