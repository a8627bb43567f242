"""Syndication clustering quality on a labelled set: pairwise precision and recall, B-cubed.

Reads ``tests/fixtures/syndication.jsonl`` (or ``--eval FILE``: one JSON object a line with
``id``, ``language``, ``text`` and ``gold``, the label of the story it is a copy of), cleans each
text as ingest does (``news.sources.clean.clean_text``), clusters them in file order with
``news.syndication`` exactly as ingest assigns clusters, and prints:

- pairwise precision (of the pairs put in one cluster, how many are copies of one story) and
  recall (of the pairs of copies, how many share a cluster), with their counts;
- B-cubed precision and recall (per article, then averaged: a big cluster does not dominate);
- the threshold used, and with ``--sweep`` the same figures for other thresholds (how
  ``news.syndication.THRESHOLD`` was chosen) and the estimated Jaccard of the closest pair of
  distinct stories and of the farthest pair of copies.

Run from the repo root: ``python bench/syndication.py [--sweep]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_SET = ROOT / "tests" / "fixtures" / "syndication.jsonl"


def load(path: Path) -> list[dict]:
    from news.sources.clean import clean_text

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        r["clean"] = clean_text(r["text"])
    return rows


def predict(rows: list[dict], threshold: float) -> dict[str, str]:
    from news.syndication import Clusterer, signature

    clusterer = Clusterer(threshold=threshold)
    return {r["id"]: clusterer.assign(r["id"], r["language"], signature(r["clean"])) for r in rows}


def scores(rows: list[dict], predicted: dict[str, str]) -> dict[str, float]:
    """Pairwise and B-cubed precision and recall of ``predicted`` against each row's ``gold``."""
    tp = fp = fn = 0
    for a, b in itertools.combinations(rows, 2):
        same_gold, same_pred = a["gold"] == b["gold"], predicted[a["id"]] == predicted[b["id"]]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    bp = br = 0.0
    for r in rows:
        pred = {x["id"] for x in rows if predicted[x["id"]] == predicted[r["id"]]}
        gold = {x["id"] for x in rows if x["gold"] == r["gold"]}
        bp += len(pred & gold) / len(pred)
        br += len(pred & gold) / len(gold)
    return {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "tp": tp, "fp": fp, "fn": fn, "b3_precision": bp / len(rows), "b3_recall": br / len(rows)}


def margins(rows: list[dict]) -> tuple[float, float]:
    """The estimated Jaccard of the closest distinct pair (same language) and the farthest copies."""
    from news.syndication import signature, similarity

    sigs = {r["id"]: signature(r["clean"]) for r in rows}
    closest, farthest = 0.0, 1.0
    for a, b in itertools.combinations(rows, 2):
        if a["language"] != b["language"] or not sigs[a["id"]] or not sigs[b["id"]]:
            continue
        s = similarity(sigs[a["id"]], sigs[b["id"]])
        if a["gold"] == b["gold"]:
            farthest = min(farthest, s)
        else:
            closest = max(closest, s)
    return closest, farthest


def main(argv: list[str] | None = None) -> int:
    from news.syndication import NUM_PERM, SHINGLE_WORDS, THRESHOLD

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, default=DEFAULT_SET, help="labelled set (default: %(default)s)")
    ap.add_argument("--sweep", action="store_true", help="also score other thresholds")
    args = ap.parse_args(argv)
    rows = load(args.eval)
    langs = sorted({r["language"] for r in rows})
    print(f"set: {args.eval.name}, {len(rows)} articles in {len({r['gold'] for r in rows})} stories "
          f"({', '.join(langs)}); MinHash {NUM_PERM} permutations over word {SHINGLE_WORDS}-grams")
    s = scores(rows, predict(rows, THRESHOLD))
    print(f"threshold {THRESHOLD:.2f}: pairwise precision {s['precision']:.3f} recall {s['recall']:.3f} "
          f"({s['tp']} pairs right, {s['fp']} wrongly joined, {s['fn']} missed); "
          f"B-cubed precision {s['b3_precision']:.3f} recall {s['b3_recall']:.3f}")
    if args.sweep:
        closest, farthest = margins(rows)
        print(f"estimated Jaccard: closest distinct stories {closest:.3f}, farthest copies {farthest:.3f}")
        for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            x = scores(rows, predict(rows, t))
            print(f"  threshold {t:.2f}: pairwise P {x['precision']:.3f} R {x['recall']:.3f}, "
                  f"B-cubed P {x['b3_precision']:.3f} R {x['b3_recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
