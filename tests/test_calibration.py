"""The learned confidence per rule (data/calibration.json) matches today's rules and sets."""

from __future__ import annotations

import json

import pytest

from geo.paths import CALIBRATION


@pytest.mark.slow
def test_calibration_file_is_current():
    """Rebuilt from the labelled sets with today's rules, the table is what the repository holds
    (to within 0.01): a rule change that moves a rule's precision must rebuild it
    (scripts/build_calibration.py), or claims would carry yesterday's confidences."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_calibration", CALIBRATION.parents[1] / "scripts"
                                                  / "build_calibration.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.build()["rules"]
    stored = json.loads(CALIBRATION.read_text(encoding="utf-8"))["rules"]
    assert fresh.keys() == stored.keys()
    assert all(abs(fresh[k] - stored[k]) <= 0.01 for k in fresh), {k: (stored[k], fresh[k]) for k in fresh
                                                                    if abs(fresh[k] - stored[k]) > 0.01}


def test_the_learned_layer_beats_the_rules_confidence_leave_one_set_out():
    """Fit on every labelled set but one, score the one left out: the learned confidences are
    closer to being right than the rules' own (Brier score, weighted over all sets)."""
    from pathlib import Path

    from news.evaluate import brier, fit_calibration, load_jsonl, predict
    from news.presence import raw_confidences, rules_only

    fixtures = Path(__file__).parent / "fixtures"
    scored = {}
    for path in sorted(fixtures.glob("*.jsonl")):
        rows = load_jsonl(path)
        if rows and isinstance(rows[0].get("gold"), dict):  # syndication.jsonl: gold is a cluster name
            with raw_confidences(), rules_only():
                scored[path.stem] = (rows, predict(rows))
    own = learned = n = 0.0
    for name, (rows, ours) in scored.items():
        table = fit_calibration(v for k, v in scored.items() if k != name)
        o, k = brier(rows, ours)
        lrn, _ = brier(rows, ours, table)
        own, learned, n = own + o * k, learned + lrn * k, n + k
    assert n > 500 and learned / n < own / n
