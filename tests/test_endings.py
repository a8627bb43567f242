"""The learned status check (news/presence/endings.py): which pairs it reads, what a flip looks
like, that it leaves the rules' own endings and unknown pairs alone, and that it pays
leave-one-set-out. Sentences written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from news.actors import load_config
from news.presence import rules_only
from news.presence.actors import compile_actors
from news.presence.cooccurrence import Model, centre_eras, unclaimed_pairs
from news.presence.endings import RULE, ending_features, learned_endings, load_model, present_pairs
from tests.presence_claims import read_by_rules

ROOT = Path(__file__).resolve().parents[1]
# the rules read a stay ("opèrent au Mali"); the end is told in words no leaving cue lists
STAY = "Depuis 2021, les hommes de Wagner opèrent au Mali aux côtés de l'armée."
END = "Cet été, leur contrat au Mali a expiré sans être renouvelé et le groupe a plié le drapeau."
TEXT = f"{STAY} {END}"


def test_only_pairs_every_claim_calls_present_are_read():
    article, mentions, claims = read_by_rules(TEXT, "fr")
    assert {(c.actor, c.iso3, c.status) for c in claims} == {("wagner", "MLI", "present")}
    assert present_pairs(claims) == {("wagner", "MLI")}
    _, _, left = read_by_rules("Les hommes de Wagner ont quitté le Mali en juin.", "fr")
    assert present_pairs(left) == set()  # the rules' own ending: not the model's to judge
    [e] = ending_features(article, mentions, compile_actors(load_config()), present_pairs(claims))
    assert {"sw=opèrent", "cw=expiré", "lang=fr", "actor=wagner"} <= e.features
    assert any(f.startswith("p:") for f in e.features)
    assert len(e.sentences) == 2  # both sentences name Mali: both may be quoted


def test_the_status_check_and_the_co_occurrence_layer_read_the_articles_era():
    """One feature per actor and era (news.presence.cooccurrence.era), none without a date: a
    paragraph on Wagner in 2025 is as often background as news from the ground."""
    article, mentions, claims = read_by_rules(TEXT, "fr")
    comp = compile_actors(load_config())
    [e] = ending_features(replace(article, published=date(2025, 6, 6)), mentions, comp, present_pairs(claims))
    assert "era=wagner:since2025" in e.features and not any(f.startswith("p:era=") for f in e.features)
    [e] = ending_features(replace(article, published=date(2022, 6, 6)), mentions, comp, present_pairs(claims))
    assert {f for f in e.features if f.startswith("era=")} == {"era=wagner:before2023"}
    [e] = ending_features(article, mentions, comp, present_pairs(claims))
    assert not any("era=" in f for f in e.features)
    _, later, _ = read_by_rules(f"{STAY} Le Mali a aussi reçu des blindés.", "fr")
    dated = replace(article, text=f"{STAY} Le Mali a aussi reçu des blindés.", published=date(2024, 2, 1))
    assert all("era=wagner:2024" in p.features for p in unclaimed_pairs(dated, later, [], comp))


def test_era_weights_are_centred_so_an_undated_article_gets_the_average_era():
    examples = [{"actor=wagner", "era=wagner:2024"}, {"actor=wagner", "era=wagner:2024"},
                {"actor=wagner", "era=wagner:before2023"}, {"actor=russia"}]
    weights = {"actor=wagner": 0.5, "era=wagner:2024": 1.0, "era=wagner:before2023": -0.5, "w": 3.0}
    got = centre_eras(weights, examples)  # the mean era weight over the examples: (1.0 * 2 - 0.5) / 3
    assert got["era=wagner:2024"] == pytest.approx(0.5) and got["era=wagner:before2023"] == pytest.approx(-1.0)
    assert got["actor=wagner"] == pytest.approx(1.0) and got["w"] == 3.0
    # every dated example scores as before
    for fs in examples:
        assert sum(got.get(f, 0) for f in fs) == pytest.approx(sum(weights.get(f, 0) for f in fs))


def test_a_flip_leaves_one_ended_claim_quoting_the_sentence_that_weighs_most():
    article, mentions, claims = read_by_rules(TEXT, "fr")
    model = Model({"cw=expiré": 4.0, "cw=renouvelé": 1.0}, -2.0, 0.6)  # 1 / (1 + e^-3) = 0.953
    got = learned_endings(article, mentions, claims, compile_actors(load_config()), model)
    assert [(c.actor, c.iso3, c.status, c.rules, c.evidence, c.cue, c.confidence) for c in got] == [
        ("wagner", "MLI", "ended", RULE, END, "expiré", 0.953)]
    below = Model(model.weights, -2.0, 0.99)
    assert learned_endings(article, mentions, claims, compile_actors(load_config()), below) == claims


def test_inside_rules_only_the_check_is_off():
    article, mentions, claims = read_by_rules(TEXT, "fr")
    with rules_only():
        assert learned_endings(article, mentions, claims, compile_actors(load_config())) == claims


def test_the_shipped_model_keeps_a_plain_stay_and_the_cli_runs_with_it():
    """`footprint extract` as a user runs it, with the stored model: a plain stay told twice stays
    present (the check needs words toward an end, not a long article)."""
    assert load_model() is not None
    text = ("Des combattants de Wagner gardent les mines d'or de Ndassima, en Centrafrique. Selon des habitants, "
            "ils patrouillent aussi autour de Bambari, dans le centre de la Centrafrique, avec l'armée.")
    out = subprocess.run([sys.executable, "-m", "news", "extract"], input=json.dumps(
        {"id": "a", "language": "fr", "text": text}) + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120,
        check=True).stdout
    claims = json.loads(out.splitlines()[0])["claims"]
    assert {(c["actor"], c["iso3"], c["status"]) for c in claims} == {("wagner", "CAF", "present")}


def test_the_cli_turns_a_stay_taken_over_to_ended_with_the_shipped_model():
    """`footprint extract` as a user runs it: a stay the rules read as present ("arrived in Libya")
    whose end is told as another force taking over comes out ended, with the check's rule id, the
    model's probability and the takeover sentence; Russia, the force taking over, stays present."""
    taken = "Last year the Africa Corps took over the airfields in Libya, and the corps now runs them with Haftar's men."
    text = f"Wagner fighters arrived in Libya in 2019 to back Khalifa Haftar's offensive on Tripoli. {taken}"
    # dated, as an ingested article is: the check reads the article's era (an undated one is read
    # with the average era, and this takeover then scores 0.50, under the threshold)
    out = subprocess.run([sys.executable, "-m", "news", "extract"], input=json.dumps(
        {"id": "a", "language": "en", "date": "2025-03-01", "text": text}) + "\n", capture_output=True, text=True,
        cwd=ROOT, timeout=120, check=True).stdout
    claims = {(c["actor"], c["iso3"], c["status"]): c for c in json.loads(out.splitlines()[0])["claims"]}
    assert set(claims) == {("wagner", "LBY", "ended"), ("russia", "LBY", "present")}
    ended = claims[("wagner", "LBY", "ended")]
    assert ended["rules"] == RULE and ended["evidence"] == taken
    assert load_model().threshold <= ended["confidence"] < 1
    _, _, rules = read_by_rules(text, "en")
    assert ("wagner", "LBY", "present") in {(c.actor, c.iso3, c.status) for c in rules}  # what the check overturned


def test_without_its_file_the_check_is_off(monkeypatch, tmp_path):
    import geo.paths

    monkeypatch.setattr(geo.paths, "ENDINGS", tmp_path / "missing.json")
    load_model.cache_clear()
    try:
        assert load_model() is None
        article, mentions, claims = read_by_rules(TEXT, "fr")
        assert learned_endings(article, mentions, claims, compile_actors(load_config())) == claims
    finally:
        load_model.cache_clear()


@pytest.mark.slow
def test_the_check_pays_leave_one_set_out_and_its_file_is_current(learned_sets):
    """Fitted without a set and scored on it, the check turns present pairs to ended rightly at
    least four times as often as wrongly and raises the summed presence F1 over the rules alone;
    refitted on all sets, it gives every pair the probability the stored model gives (to 0.02), or
    the file is stale (scripts/build_models.py). The sets are held out ten folds at a time (every
    tenth set together): ten fits instead of a hundred keep the suite's time, and each set is
    still scored by a model that never saw it (bench/accuracy.py --loso fits one per set)."""
    from news.evaluate import fit_endings, gold_presence, score, with_endings
    from news.presence.endings import STRENGTH, THRESHOLD

    sets = [(name, rows, ex.endings) for name, rows, ex in learned_sets]
    folds = 10
    models = [fit_endings([e for i, (_, _, ex) in enumerate(sets) if i % folds != k for e in ex], STRENGTH, THRESHOLD)
              for k in range(folds)]
    right = wrong = 0
    gain = 0.0
    for i, (_, rows, examples) in enumerate(sets):
        model = models[i % folds]
        before: dict[str, set[tuple[str, str, str]]] = {}
        for article_id, e, _ in examples:
            before.setdefault(article_id, set()).add((e.actor, e.iso3, "present"))
        after = with_endings(before, examples, model)
        for article_id, e, label in examples:
            if (e.actor, e.iso3, "ended") in after.get(article_id, set()):
                right += label is True
                wrong += label is False
        gain += (score(rows, after, gold_presence)["all"].prf()[2]
                 - score(rows, before, gold_presence)["all"].prf()[2])
    assert right >= 4 * wrong and right >= 50 and gain > 0
    stored = load_model()
    assert stored is not None
    fitted = fit_endings([e for _, _, ex in sets for e in ex], STRENGTH, THRESHOLD)
    for _, _, examples in sets:
        for _, e, _ in examples:
            assert abs(fitted.probability(e.features) - stored.probability(e.features)) <= 0.02
