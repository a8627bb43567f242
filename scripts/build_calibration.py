"""Build data/calibration.json: each presence rule's learned confidence.

A claim's confidence is how often claims of its rule are right on the labelled sets of the
repository (tests/fixtures/*.jsonl, every set labelled blind from the guide), smoothed toward
the precision over all rules (``news.evaluate.fit_calibration``). Scored leave-one-set-out by
``bench/accuracy.py --loso``: the Brier score of the learned confidence against the rules' own.

Run after changing a rule: .venv/bin/python scripts/build_calibration.py
(tests/test_calibration.py fails while the file is out of date).
"""

from __future__ import annotations

import json
from datetime import date

from geo.paths import CALIBRATION, ROOT
from news.evaluate import fit_calibration, fixture_sets, predict
from news.presence import raw_confidences, rules_only

PRIOR = 4.0  # pseudo-triples toward the overall precision (LOSO Brier 0.0776 at 4, 0.0778 at 2)


def labelled_sets() -> list[tuple[str, list[dict]]]:
    return fixture_sets(ROOT / "tests" / "fixtures")


def build() -> dict:
    sets = labelled_sets()
    with raw_confidences(), rules_only():  # fitted on what the rules say, not on a previous fit
        scored = [(rows, predict(rows)) for _, rows in sets]
    table = fit_calibration(scored, prior=PRIOR)
    return {
        "about": "Learned confidence per presence rule id (news/presence/, docs/rules.md): how often "
                 "its claims are right on the labelled sets below, smoothed; '?' is the overall rate. "
                 "Built by scripts/build_calibration.py.",
        "built": date.today().isoformat(),
        "sets": [name for name, _ in sets],
        "prior": PRIOR,
        "rules": {rule: round(value, 3) for rule, value in sorted(table.items())},
    }


def main() -> int:
    data = build()
    CALIBRATION.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {CALIBRATION}: {len(data['rules'])} rules from {len(data['sets'])} sets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
