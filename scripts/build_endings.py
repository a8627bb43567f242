"""Build data/endings.json: the status check's model (news/presence/endings.py).

Fitted on every labelled set of the repository (tests/fixtures/*.jsonl, each labelled blind
from the guide): the actor-country pairs the rules call present that the gold also has,
labelled by whether the gold says the stay ended. Scored leave-one-set-out by
``tests/test_endings.py`` (slow), which fits the same way without the set it scores.

Run after changing a rule or adding a set: .venv/bin/python scripts/build_endings.py
(tests/test_endings.py fails while the file is out of date). Needs scikit-learn
(requirements-dev.txt); the tool itself does not.
"""

from __future__ import annotations

import json

from geo.paths import ENDINGS, ROOT
from news.evaluate import ending_examples, fit_endings, fixture_sets, model_record
from news.presence.endings import STRENGTH, THRESHOLD


def build() -> dict:
    sets = fixture_sets(ROOT / "tests" / "fixtures")
    examples = [e for _, rows in sets for e in ending_examples(rows)]
    model = fit_endings(examples, STRENGTH, THRESHOLD)
    known = [label for _, _, label in examples if label is not None]
    return model_record(
        "The learned status check over the presence rules (news/presence/endings.py): a logistic model "
        "scoring whether a pair the rules call present has ended. Fitted on the labelled sets below by "
        "scripts/build_endings.py.",
        [name for name, _ in sets], len(known), sum(known), STRENGTH, model)


def main() -> int:
    data = build()
    ENDINGS.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {ENDINGS}: {len(data['weights'])} weights from {data['examples']} pairs "
          f"({data['positives']} ended) in {len(data['sets'])} sets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
