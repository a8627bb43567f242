"""How far two blind readers agree, and the pipeline against each of them.

Some labelled sets were labelled a second time, by a reader who got the articles alone (new ids,
shuffled order, every copy of the first labels out of reach) and the labelling guide
(docs/labelling.md); those second labels are in tests/fixtures/agreement/<set>.jsonl (id and gold
only: the text is the set's own). This bench prints, per set, per language and over all of them:

- **B vs A**: the second reader's presence triples scored against the first's (and the
  mentions, and the actor-country pairs without status): the ceiling a labelled figure can mean;
- **tool vs A**, **tool vs B**: the pipeline scored against each reader;
- **tool vs A∧B**: scored only on what both readers agree on (a triple one reader has and the
  other lacks is left out of both sides): the pipeline's figure with disagreement set aside.

If the readers agreed far less than the pipeline scores, a lower target would be defensible; the
measurement says how much of the gap is the labels' and how much the pipeline's.

Run from the repo root: ``python bench/agreement.py [--sets hidden_ai,hidden_ak]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from _common import FIXTURES

from news.evaluate import (
    Counts,
    gold_countries,
    gold_presence,
    load_jsonl,
    load_labelled,
    predict,
    predicted_presence,
)

SECOND = FIXTURES / "agreement"


def second_labels(name: str) -> dict[str, dict]:
    """The second reader's gold per article id of set ``name``."""
    return {row["id"]: row for row in load_jsonl(SECOND / f"{name}.jsonl")}


def compare(rows: list[dict], second: dict[str, dict], ours: dict[str, set]) -> dict[tuple[str, str], Counts]:
    """Counts keyed (language or "all", comparison), summed over the articles of one set."""
    out: dict[tuple[str, str], Counts] = defaultdict(Counts)
    for row in rows:
        a, b = gold_presence(row), gold_presence(second[row["id"]])
        tool = ours.get(row["id"], set())
        both, either = a & b, a | b
        pairs: dict[str, tuple[set, set]] = {
            "B vs A": (b, a),
            "pairs B vs A": ({t[:2] for t in b}, {t[:2] for t in a}),
            "mentions B vs A": (gold_countries(second[row["id"]]), gold_countries(row)),
            "tool vs A": (tool, a),
            "tool vs B": (tool, b),
            "tool vs A∧B": (tool - (either - both), both),
        }
        for lang in ("all", str(row.get("language") or "?")):
            for what, (pred, gold) in pairs.items():
                out[(lang, what)].add(pred, gold)
    return out


def line(c: Counts) -> str:
    p, r, f = c.prf()
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (agreed {c.tp}, {c.tp + c.fp} against {c.tp + c.fn})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", help="comma-separated set names (default: every set with second labels)")
    args = ap.parse_args()
    names = args.sets.split(",") if args.sets else sorted(p.stem for p in SECOND.glob("*.jsonl"))
    total: dict[tuple[str, str], Counts] = defaultdict(Counts)
    for name in names:
        rows = load_labelled(FIXTURES / f"{name}.jsonl")
        second = second_labels(name)
        missing = [r["id"] for r in rows if r["id"] not in second]
        if missing:
            print(f"{name}: no second label for {len(missing)} articles ({missing[0]} …): skipped", file=sys.stderr)
            continue
        counts = compare(rows, second, predicted_presence(predict(rows)))
        for key, c in sorted(counts.items()):
            if key[0] == "all":
                print(f"{name:10s} {key[1]:16s} {line(c)}")
            t = total[key]
            t.tp, t.fp, t.fn = t.tp + c.tp, t.fp + c.fp, t.fn + c.fn
    print(f"over {len(names)} sets:")
    for key, c in sorted(total.items(), key=lambda kv: (kv[0][0] != "all", kv[0])):
        print(f"{key[0]:10s} {key[1]:16s} {line(c)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
