"""bench/learned.py: its candidate pairs on an article written here, and the bench run as a
command on a few sets (its figures are printed, not asserted: they are what the experiment
measures, not a property of the code)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from learned import article_candidates  # noqa: E402

from news.pipeline import extract_record  # noqa: E402

ROW = {
    "id": "t-1", "title": "Wagner fighters move on from Mali", "outlet": "Test", "date": "2024-05-01",
    "language": "en", "url": None,
    "text": ("Wagner fighters have left Mali, local officials said on Tuesday.\n\n"
             "The group, which also operated in Libya, Sudan and the Central African Republic, "
             "has kept a base near Bangui. Weather in Norway was calm."),
    "gold": {"mentions": ["MLI", "LBY", "SDN", "CAF", "NOR"],
             "presence": [{"actor": "wagner", "iso3": "MLI", "status": "ended"},
                          {"actor": "wagner", "iso3": "CAF", "status": "present"}]},
}


def test_candidates_pair_every_named_actor_with_every_country_and_take_gold_labels() -> None:
    cands = {(k.actor, k.iso3): k for k in article_candidates("t", ROW, extract_record(ROW))}
    assert {"MLI", "LBY", "SDN", "CAF", "NOR"} <= {iso for a, iso in cands if a == "wagner"}
    assert cands[("wagner", "MLI")].label == "ended"
    assert cands[("wagner", "CAF")].label == "present"
    assert cands[("wagner", "NOR")].label == "none"
    lib = cands[("wagner", "LBY")].features
    assert lib["in_list"] == 1.0  # "Libya, Sudan and the Central African Republic"
    assert cands[("wagner", "MLI")].features["in_title"] == 1.0
    assert cands[("wagner", "NOR")].features.get("in_list", 0.0) == 0.0
    # the country itself is masked out of its context words
    assert not any(k.startswith("w=") and "libya" in k for k in lib)


def test_bench_runs_as_a_command_and_prints_per_set_and_pooled_figures() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "learned.py"), "--sets", "challenge5,challenge6,typical",
                          "--inner", "2"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    assert "rules were written against these sets" in out
    for name in ("challenge5", "challenge6", "typical"):
        assert re.search(rf"^{name}\s+\|\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\|", out, re.MULTILINE), name
    assert re.search(r"^replace\s+mean [+-]\d\.\d{3}\s+better \d+/3", out, re.MULTILINE)


def test_bench_names_an_unknown_set_in_one_line() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "learned.py"), "--sets", "nosuchset"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stderr.strip().startswith("unknown set(s): nosuchset")
