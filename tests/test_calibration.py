"""The learned confidence per rule (data/calibration.json) matches today's rules and sets, and
the build script that writes it and the other learned parts' files runs as a command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geo.paths import CALIBRATION

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "scripts" / "build_models.py"


def _build_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_models", BUILD)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_calibration_file_is_current(learned_sets):
    """Rebuilt from the labelled sets with today's rules, the table is what the repository holds
    (to within 0.01): a rule change that moves a rule's precision must rebuild it
    (scripts/build_models.py), or claims would carry yesterday's confidences."""
    fresh = _build_module().build("calibration", learned_sets)["rules"]
    stored = json.loads(CALIBRATION.read_text(encoding="utf-8"))["rules"]
    assert fresh.keys() == stored.keys()
    assert all(abs(fresh[k] - stored[k]) <= 0.01 for k in fresh), {k: (stored[k], fresh[k]) for k in fresh
                                                                    if abs(fresh[k] - stored[k]) > 0.01}


@pytest.mark.slow
def test_the_learned_layer_beats_the_rules_confidence_leave_one_set_out(learned_sets):
    """Fit on every labelled set but one, score the one left out: the learned confidences are
    closer to being right than the rules' own (Brier score, weighted over all sets)."""
    from news.evaluate import brier, fit_calibration

    scored = {name: (rows, ex.records) for name, rows, ex in learned_sets}  # the rules' own confidences
    own = learned = n = 0.0
    for name, (rows, ours) in scored.items():
        table = fit_calibration(v for k, v in scored.items() if k != name)
        o, k = brier(rows, ours)
        lrn, _ = brier(rows, ours, table)
        own, learned, n = own + o * k, learned + lrn * k, n + k
    assert n > 500 and learned / n < own / n


@pytest.mark.slow
def test_the_build_command_writes_every_part_a_reader_loads(tmp_path):
    """`python scripts/build_models.py` as a developer runs it after adding a set, pointed at two
    labelled sets and an empty folder: one line per part, five files, each loaded by the code that
    reads the shipped one."""
    from news.presence.cooccurrence import read_model

    sets = tmp_path / "sets"
    sets.mkdir()
    for name in ("hidden_cw.jsonl", "hidden_cx.jsonl"):
        shutil.copy(ROOT / "tests" / "fixtures" / name, sets / name)
    out = tmp_path / "data"
    done = subprocess.run([sys.executable, str(BUILD), "--sets", str(sets), "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 5 and all(" in 2 sets" in line for line in lines), lines
    for name in ("cooccurrence", "endings", "support", "crosssentence"):
        model = read_model(out / f"{name}.json")
        assert model is not None and model.weights, name
        assert json.loads((out / f"{name}.json").read_text(encoding="utf-8"))["sets"] == ["hidden_cw.jsonl",
                                                                                           "hidden_cx.jsonl"]
    table = json.loads((out / "calibration.json").read_text(encoding="utf-8"))["rules"]
    assert "?" in table and all(0 < v < 1 for v in table.values())
    only = subprocess.run([sys.executable, str(BUILD), "--sets", str(sets), "--out", str(tmp_path / "one"),
                           "--only", "support"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert only.returncode == 0 and [p.name for p in (tmp_path / "one").iterdir()] == ["support.json"]
