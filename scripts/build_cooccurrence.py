"""Build data/cooccurrence.json: the learned layer's model (news/presence/cooccurrence.py).

Fitted on every labelled set of the repository (tests/fixtures/*.jsonl, each labelled blind
from the guide): the actor-country pairs the rules leave unclaimed, labelled by whether the
article's gold asserts the actor there. Scored leave-one-set-out by ``bench/accuracy.py
--loso``, which fits the same way without the set it scores.

Run after changing a rule or adding a set: .venv/bin/python scripts/build_cooccurrence.py
(tests/test_cooccurrence.py fails while the file is out of date). Needs scikit-learn
(requirements-dev.txt); the tool itself does not.
"""

from __future__ import annotations

import json

from geo.paths import COOCCURRENCE, ROOT
from news.evaluate import cooccurrence_examples, fit_cooccurrence, fixture_sets, model_record
from news.presence.cooccurrence import STRENGTH, THRESHOLD


def labelled_sets() -> list[tuple[str, list[dict]]]:
    return fixture_sets(ROOT / "tests" / "fixtures")


def build() -> dict:
    sets = labelled_sets()
    examples = [e for _, rows in sets for e in cooccurrence_examples(rows)]
    model = fit_cooccurrence(examples, STRENGTH, THRESHOLD)
    return model_record(
        "The learned layer over the presence rules (news/presence/cooccurrence.py): a logistic model scoring "
        "actor-country pairs named in one clause that no rule claimed. Fitted on the labelled sets below by "
        "scripts/build_cooccurrence.py.",
        [name for name, _ in sets], len(examples), sum(label for _, _, label in examples), STRENGTH, model)


def main() -> int:
    data = build()
    COOCCURRENCE.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {COOCCURRENCE}: {len(data['weights'])} weights from {data['examples']} pairs "
          f"({data['positives']} asserted) in {len(data['sets'])} sets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
