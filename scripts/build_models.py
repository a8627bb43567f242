"""Build the learned parts' data files from the labelled sets: data/calibration.json,
data/cooccurrence.json, data/endings.json, data/support.json and data/crosssentence.json.

Every part is fitted on every labelled set of the repository (tests/fixtures/*.jsonl, each
labelled blind from the guide), read once by the rules alone (``news.evaluate.learned_examples``):
the rules are most of the cost, so one pass serves all five. Each part is scored leave-one-set-out
by ``bench/accuracy.py --loso`` and by its slow test, which fit the same way without the set they
score, and each slow test fails while its file is out of date.

Run after changing a rule or adding a set: .venv/bin/python scripts/build_models.py
(``--only support`` and the like rebuilds some). Needs scikit-learn (requirements-dev.txt); the
tool itself does not: it reads the weights as plain data.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.paths import CALIBRATION, COOCCURRENCE, CROSSSENTENCE, ENDINGS, ROOT, SUPPORT
from news.evaluate import (
    LearnedExamples,
    fit_calibration,
    fit_cooccurrence,
    fit_distant,
    fit_endings,
    fit_support,
    learned_sets,
    model_record,
)
from news.presence import cooccurrence, crosssentence, endings, support

PRIOR = 4.0  # calibration: pseudo-triples toward the overall precision (LOSO Brier 0.0776 at 4, 0.0778 at 2)

Sets = list[tuple[str, list[dict], LearnedExamples]]  # name, rows, what the rules read


@dataclass(frozen=True)
class Part:
    """One learned part: where its file goes, how its record is built from the read sets, and
    what its positives are called in the line the build prints."""

    path: Path
    build: Callable[[Sets], dict]
    positives: str


def _model(about: str, examples: Callable[[LearnedExamples], list], fit: Callable, module,
           known: Callable[[list], list[bool]]) -> Callable[[Sets], dict]:
    """A part built as a logistic model (``news.evaluate.fit_logistic``) with its module's
    strength and threshold: ``known`` gives the labels its example count and positives are of."""
    def build(sets: Sets) -> dict:
        chosen = [e for _, _, ex in sets for e in examples(ex)]
        labels = known(chosen)
        model = fit(chosen, module.STRENGTH, module.THRESHOLD)
        return model_record(about + " Fitted on the labelled sets below by scripts/build_models.py.",
                            [name for name, _, _ in sets], len(labels), sum(labels), module.STRENGTH, model)
    return build


def _calibration(sets: Sets) -> dict:
    table = fit_calibration([(rows, ex.records) for _, rows, ex in sets], prior=PRIOR)
    return {
        "about": "Learned confidence per presence rule id (news/presence/, docs/rules.md): how often "
                 "its claims are right on the labelled sets below, smoothed; '?' is the overall rate. "
                 "Built by scripts/build_models.py.",
        "built": date.today().isoformat(),
        "sets": [name for name, _, _ in sets],
        "prior": PRIOR,
        "rules": {rule: round(value, 3) for rule, value in sorted(table.items())},
    }


PARTS: dict[str, Part] = {
    "calibration": Part(CALIBRATION, _calibration, "rules"),
    "cooccurrence": Part(COOCCURRENCE, _model(
        "The learned layer over the presence rules (news/presence/cooccurrence.py): a logistic model scoring "
        "actor-country pairs named in one clause that no rule claimed.",
        lambda ex: ex.pairs, fit_cooccurrence, cooccurrence, lambda chosen: [label for _, _, label in chosen]),
        "asserted"),
    "endings": Part(ENDINGS, _model(
        "The learned status check over the presence rules (news/presence/endings.py): a logistic model "
        "scoring whether a pair the rules call present has ended.",
        lambda ex: ex.endings, fit_endings, endings,
        lambda chosen: [label for _, _, label in chosen if label is not None]), "ended"),
    "support": Part(SUPPORT, _model(
        "The learned support check over the presence rules (news/presence/support.py): a logistic model "
        "scoring whether a pair the rules call present is one the article bears out; pairs under the "
        "threshold are dropped.",
        lambda ex: ex.endings, fit_support, support, lambda chosen: [label is not None for _, _, label in chosen]),
        "borne out"),
    "crosssentence": Part(CROSSSENTENCE, _model(
        "The learned cross-sentence layer (news/presence/crosssentence.py): a logistic model scoring "
        "whether an actor and a country an article names only in different sentences is a presence it "
        "asserts.",
        lambda ex: ex.distant, fit_distant, crosssentence, lambda chosen: [label for _, _, label in chosen]),
        "present"),
}


def read_sets(folder: Path = ROOT / "tests" / "fixtures") -> Sets:
    """Every labelled set of the repository, read once by the rules alone."""
    return learned_sets(folder)


def build(name: str, sets: Sets | None = None) -> dict:
    """The record of part ``name`` as its data file holds it, fitted on ``sets`` (all, read now,
    unless given)."""
    return PARTS[name].build(sets if sets is not None else read_sets())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=sorted(PARTS), help="build these parts only")
    parser.add_argument("--sets", type=Path, default=ROOT / "tests" / "fixtures",
                        help="the folder of labelled sets (default: the repository's)")
    parser.add_argument("--out", type=Path, help="write the files here instead of data/ (a trial build)")
    args = parser.parse_args(argv)
    sets = read_sets(args.sets)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    for name in args.only or PARTS:
        part = PARTS[name]
        data = part.build(sets)
        indent = 1 if name == "calibration" else 0
        path = args.out / part.path.name if args.out else part.path
        path.write_text(json.dumps(data, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8")
        size = f"{len(data['rules'])} rules" if "rules" in data else (
            f"{len(data['weights'])} weights from {data['examples']} pairs ({data['positives']} {part.positives})")
        print(f"wrote {path}: {size} in {len(data['sets'])} sets")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
