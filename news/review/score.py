"""The machine measured against the reviews: ``footprint eval --reviews``.

Each claim's latest review is an analyst's label of one sentence. The machine's claims are those
the presence model makes *now* (``machine_claims``, before reviews are applied), so after a model
change the same reviews measure the new model:

- a claim the machine makes and a reviewer confirmed is a true positive (also a correction or an
  addition the machine now gets right);
- a claim the machine makes that was rejected, or whose correction it still gets wrong, is a false
  positive (and the corrected claim a false negative);
- a confirmed, corrected or added claim the machine does not make is a false negative.

Precision is per the machine's actor and the article's language. Recall counts only the misses
reviewers wrote down (added or corrected claims): it is an upper bound, since nobody reviews what
the machine never showed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

from news.evaluate import Counts
from news.review.apply import latest_reviews
from news.review.keys import claim_key

Triple = tuple[str, str, str | None]


def _gold(review: dict) -> Triple | None:
    """The claim a review says is true (None for a rejection)."""
    if review["decision"] == "reject":
        return None
    actor, iso3, status = review["actor"], review["iso3"], review.get("status")
    if review["decision"] == "correct":
        actor = review.get("new_actor") or actor
        iso3 = review.get("new_iso3") or iso3
        status = review.get("new_status") or status
    return actor, iso3, status


def score_reviews(machine: pd.DataFrame, reviews: pd.DataFrame, languages: dict[str, str]) -> dict[str, Counts]:
    """Counts per group ("all", "actor <key>", "language <code>") over the articles reviewed.

    ``machine``: the machine's claim rows of those articles; ``reviews``: the reviews table;
    ``languages``: article id → language (only articles stored count).
    """
    predicted: dict[str, Triple] = {}
    for row in machine.to_dict(orient="records"):
        predicted[claim_key(row["article_id"], row["evidence"], row["actor"], row["iso3"])] = (
            row["actor"], row["iso3"], row["status"])
    counts: dict[str, Counts] = defaultdict(Counts)

    def add(groups: Iterable[str], field: str) -> None:
        for g in ("all", *groups):
            setattr(counts[g], field, getattr(counts[g], field) + 1)

    for review in latest_reviews(reviews).to_dict(orient="records"):
        lang = languages.get(review["article_id"])
        if lang is None:
            continue
        review = {k: (None if isinstance(v, float) and v != v else v) for k, v in review.items()}
        made, gold = predicted.get(review["key"]), _gold(review)
        if gold is not None and gold[2] is None and made is not None:
            gold = (gold[0], gold[1], made[2])  # a confirmation filed without a status: the machine's
        if made is not None and made == gold:
            add((f"actor {made[0]}", f"language {lang}"), "tp")
            continue
        if made is not None:
            add((f"actor {made[0]}", f"language {lang}"), "fp")
        if gold is not None:
            add((f"actor {gold[0]}", f"language {lang}"), "fn")
    return dict(counts)


def table(counts: dict[str, Counts], reviews: int, articles: int) -> str:
    """The printed report: one line per group, all first, then actors, then languages."""
    lines = [f"reviewed claims: {reviews} in {articles} article{'s' * (articles != 1)}",
             f"{'':<16}{'precision':>10}{'recall*':>9}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for group in sorted(counts, key=lambda g: (g != "all", not g.startswith("actor"), g)):
        c = counts[group]
        p, r, _ = c.prf()
        lines.append(f"{group:<16}{p:>10.3f}{r:>9.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}")
    lines.append("* recall counts only the misses reviewers added or corrected: an upper bound")
    return "\n".join(lines)
