"""Build data/support.json: the support check's model (news/presence/support.py).

Fitted on every labelled set of the repository (tests/fixtures/*.jsonl, each labelled blind
from the guide): the actor-country pairs the rules call present, labelled by whether the gold
has the pair at all. Scored leave-one-set-out by ``tests/test_support.py`` (slow) and
``bench/accuracy.py --loso``, which fit the same way without the set they score.

Run after changing a rule or adding a set: .venv/bin/python scripts/build_support.py
(tests/test_support.py fails while the file is out of date). Needs scikit-learn
(requirements-dev.txt); the tool itself does not.
"""

from __future__ import annotations

import json

from geo.paths import ROOT, SUPPORT
from news.evaluate import ending_examples, fit_support, fixture_sets, model_record
from news.presence.support import STRENGTH, THRESHOLD


def build() -> dict:
    sets = fixture_sets(ROOT / "tests" / "fixtures")
    examples = [e for _, rows in sets for e in ending_examples(rows)]
    model = fit_support(examples, STRENGTH, THRESHOLD)
    return model_record(
        "The learned support check over the presence rules (news/presence/support.py): a logistic model "
        "scoring whether a pair the rules call present is one the article bears out; pairs under the "
        "threshold are dropped. Fitted on the labelled sets below by scripts/build_support.py.",
        [name for name, _ in sets], len(examples), sum(label is not None for _, _, label in examples),
        STRENGTH, model)


def main() -> int:
    data = build()
    SUPPORT.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SUPPORT}: {len(data['weights'])} weights from {data['examples']} pairs "
          f"({data['positives']} borne out) in {len(data['sets'])} sets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
