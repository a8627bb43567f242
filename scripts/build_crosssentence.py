"""Build data/crosssentence.json: the cross-sentence layer's model (news/presence/crosssentence.py).

Fitted on every labelled set of the repository (tests/fixtures/*.jsonl, each labelled blind
from the guide): the actor-country pairs an article names only in different sentences and no
rule claimed, labelled by whether the gold says the actor is present there. Scored
leave-one-set-out by ``tests/test_crosssentence.py`` (slow) and ``bench/accuracy.py --loso``,
which fit the same way without the set they score.

Run after changing a rule or adding a set: .venv/bin/python scripts/build_crosssentence.py
(tests/test_crosssentence.py fails while the file is out of date). Needs scikit-learn
(requirements-dev.txt); the tool itself does not.
"""

from __future__ import annotations

import json

from geo.paths import CROSSSENTENCE, ROOT
from news.evaluate import distant_examples, fit_distant, fixture_sets, model_record
from news.presence.crosssentence import STRENGTH, THRESHOLD


def build() -> dict:
    sets = fixture_sets(ROOT / "tests" / "fixtures")
    examples = [e for _, rows in sets for e in distant_examples(rows)]
    model = fit_distant(examples, STRENGTH, THRESHOLD)
    return model_record(
        "The learned cross-sentence layer (news/presence/crosssentence.py): a logistic model scoring "
        "whether an actor and a country an article names only in different sentences is a presence it "
        "asserts. Fitted on the labelled sets below by scripts/build_crosssentence.py.",
        [name for name, _ in sets], len(examples), sum(label for _, _, label in examples), STRENGTH, model)


def main() -> int:
    data = build()
    CROSSSENTENCE.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {CROSSSENTENCE}: {len(data['weights'])} weights from {data['examples']} pairs "
          f"({data['positives']} present) in {len(data['sets'])} sets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
