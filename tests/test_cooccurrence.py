"""The learned layer over the rules (news/presence/cooccurrence.py): what it scores, what it never
guesses over, and that it pays leave-one-set-out. Sentences written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.extract import extract
from news.actors import load_config
from news.presence import find_claims, rules_only
from news.presence.actors import compile_actors
from news.presence.cooccurrence import RULE, Model, learned_claims, load_model, unclaimed_pairs
from tests.presence_claims import article, read_by_rules

ROOT = Path(__file__).resolve().parents[1]
# a verb no lexicon lists, with the place fronted as a list: the rules leave it
UNREAD = "Au Mali, au Burkina Faso et au Niger, des militaires russes ont suivi les putschistes."


def _pairs(text: str, language: str = "en"):
    art, mentions, claims = read_by_rules(text, language)
    return art, mentions, claims, unclaimed_pairs(art, mentions, claims, compile_actors(load_config()))


def test_pairs_are_the_unclaimed_ones_in_one_clause_and_never_the_actors_home():
    _, _, claims, pairs = _pairs(UNREAD, "fr")
    assert not claims
    assert {(p.actor, p.iso3) for p in pairs} == {("russia", "MLI"), ("russia", "BFA"), ("russia", "NER")}
    assert all("lang=fr" in p.features and "hw=militaires russes" in p.features for p in pairs)
    _, _, claims, pairs = _pairs("Wagner fighters guard the gold mines in Mali.")
    assert {(c.actor, c.iso3) for c in claims} == {("wagner", "MLI")}  # claimed: not a pair
    assert not pairs
    _, _, _, home = _pairs("Russian troops paraded in Moscow and Russia's army drilled near Rostov.")
    assert not home


def test_a_pronoun_in_a_later_sentence_names_the_actor_as_the_rules_read_it():
    """"Ses combattants" two sentences on are Wagner's: the pair is formed (with no claims given,
    so none of it is taken as read) and marked as reached through a pointing phrase."""
    text = ("Le groupe Wagner a signé un accord à Moscou. Le texte reste secret. "
            "Ses combattants gardent aussi des mines au Tchad.")
    pairs = unclaimed_pairs(article(text, "fr"), extract(text, "fr"), [], compile_actors(load_config()))
    chad = [p for p in pairs if p.iso3 == "TCD"]
    assert [p.actor for p in chad] == ["wagner"]
    assert "via=anaphora" in chad[0].features


@pytest.mark.parametrize("text, language", [
    ("Wagner fighters have never set foot in Chad, the ministry said.", "en"),  # a denial
    ("Le groupe Wagner pourrait envoyer des hommes au Tchad.", "fr"),  # a plan
    ("Les hommes de Wagner ont quitté Bambari la semaine dernière.", "fr"),  # a departure
    ("Остались ли вагнеровцы в Белоруссии?", "ru"),  # a question
    ("Бойцы «Вагнера» воевали в Сирии; в Ливии боевики Хафтара охраняют нефтяные поля.", "ru"),  # another clause
])
def test_the_layer_never_guesses_over_a_denial_plan_departure_question_or_another_clause(text, language):
    article, mentions, claims, _ = _pairs(text, language)
    always = Model({}, 10.0, 0.5)  # a model that would say yes to anything it is shown
    assert learned_claims(article, mentions, claims, compile_actors(load_config()), always) == []


def test_clauses_parted_by_punctuation_are_read_together_but_not_across_a_word_or_semicolon():
    """A colon the clause splitter cut at leaves the actor and the place one statement (marked
    "clause=other" for the model to weigh); "while" or a semicolon parts two statements."""
    _, _, claims, pairs = _pairs("Wagner's reach is wide: its men have shadowed the junta in Mali.")
    assert not claims
    assert [(p.actor, p.iso3) for p in pairs] == [("wagner", "MLI")]
    assert "clause=other" in pairs[0].features
    _, _, _, pairs = _pairs(UNREAD, "fr")  # one clause: no mark
    assert len(pairs) == 3 and not any("clause=other" in p.features for p in pairs)
    for text in ("Russian instructors drilled in Sudan, while the army of Chad watched.",
                 "Wagner fighters drilled in Libya; in Chad, rebels guard the oil fields."):
        _, _, _, pairs = _pairs(text)
        assert "TCD" not in {p.iso3 for p in pairs}


def test_the_evidence_is_the_sentence_the_model_weighs_highest_not_the_first():
    """Two sentences hold the pair; the claim quotes the one whose own features score higher (here
    the one where actor and place share a clause), and places the claim at its mention."""
    weak = "Des militaires russes ont suivi les putschistes : à Niamey d'abord."
    article, mentions, claims, pairs = _pairs(f"{weak} {UNREAD}", "fr")
    assert not claims
    assert [(p.actor, p.iso3, p.sentences) for p in pairs if p.iso3 == "NER"] == [("russia", "NER", 2)]
    model = Model({"clause=other": -1.0}, 3.0, 0.5)
    found = learned_claims(article, mentions, claims, compile_actors(load_config()), model)
    assert [(c.evidence, c.place) for c in found if c.iso3 == "NER"] == [(UNREAD, None)]
    first = Model({"clause=other": 1.0}, 3.0, 0.5)  # the other way round: the first sentence, at Niamey
    found = learned_claims(article, mentions, claims, compile_actors(load_config()), first)
    assert [(c.evidence, c.place) for c in found if c.iso3 == "NER"] == [(weak, "Niamey")]


def test_a_scored_pair_becomes_a_present_claim_with_its_sentence_rule_and_probability():
    article, mentions, claims, pairs = _pairs(UNREAD, "fr")
    model = Model({"next=des": 3.0}, -1.0, 0.5)  # 1 / (1 + e^-2) = 0.881 for Niger, the place before "des"
    found = learned_claims(article, mentions, claims, compile_actors(load_config()), model)
    assert {(c.actor, c.iso3, c.status, c.rules) for c in found} == {("russia", "NER", "present", RULE)}
    assert all(c.evidence == UNREAD and c.confidence == 0.881 for c in found)
    below = Model(model.weights, -1.0, 0.9)
    assert learned_claims(article, mentions, claims, compile_actors(load_config()), below) == []


def test_the_shipped_model_reads_what_the_rules_leave_and_the_cli_carries_its_rule_id():
    """`footprint extract` as a user runs it: a sentence no rule reads ("appuient ... l'armée
    malienne autour de Kidal") comes out with the layer's rule id and the model's probability."""
    assert load_model() is not None
    line = json.dumps({"id": "a", "language": "fr", "text": "Selon un témoin, plusieurs dizaines de combattants "
                       "de Wagner appuient depuis mars l'armée malienne autour de Kidal."})
    out = subprocess.run([sys.executable, "-m", "news", "extract"], input=line + "\n", capture_output=True,
                         text=True, cwd=ROOT, timeout=120, check=True).stdout
    claims = json.loads(out.splitlines()[0])["claims"]
    assert [(c["actor"], c["iso3"], c["status"], c["rules"]) for c in claims] == [("wagner", "MLI", "present", RULE)]
    assert load_model().threshold <= claims[0]["confidence"] < 1
    with rules_only():
        assert find_claims(article("Selon un témoin, plusieurs dizaines de combattants de Wagner appuient depuis "
                                    "mars l'armée malienne autour de Kidal.", "fr"), []) == []


def test_without_its_file_the_layer_is_off(monkeypatch, tmp_path):
    import geo.paths

    monkeypatch.setattr(geo.paths, "COOCCURRENCE", tmp_path / "missing.json")
    load_model.cache_clear()
    try:
        assert load_model() is None
    finally:
        load_model.cache_clear()


@pytest.mark.slow
def test_the_layer_pays_leave_one_set_out_and_its_file_is_current(learned_sets):
    """Fitted without each labelled set and scored on it, the layer raises the summed presence F1
    over the rules alone and keeps pooled precision within 0.01 of theirs; refitted on all sets,
    it gives every pair the probability the stored model gives (to 0.02), or the file is stale
    (scripts/build_models.py)."""
    from news.evaluate import fit_cooccurrence, gold_presence, predicted_presence, score, with_learned
    from news.presence.cooccurrence import STRENGTH, THRESHOLD

    sets = {name: (rows, ex.records, ex.pairs) for name, rows, ex in learned_sets}  # what the build fits on
    rules = layer = 0.0
    pooled = {"rules": [0, 0], "layer": [0, 0]}
    for name, (rows, ours, examples) in sets.items():
        model = fit_cooccurrence((e for k, v in sets.items() if k != name for e in v[2]), STRENGTH, THRESHOLD)
        for key, predicted in (("rules", predicted_presence(ours)), ("layer", with_learned(ours, examples, model))):
            counts = score(rows, predicted, gold_presence)["all"]
            pooled[key][0] += counts.tp
            pooled[key][1] += counts.fp
            if key == "rules":
                rules += counts.prf()[2]
            else:
                layer += counts.prf()[2]
    precision = {k: tp / (tp + fp) for k, (tp, fp) in pooled.items()}
    assert layer > rules + 0.3, (rules, layer)
    assert precision["layer"] >= precision["rules"] - 0.01, precision
    stored = load_model()
    fresh = fit_cooccurrence((e for v in sets.values() for e in v[2]), STRENGTH, THRESHOLD)
    worst = max(abs(stored.probability(p.features) - fresh.probability(p.features))
                for v in sets.values() for _, p, _ in v[2])
    assert worst <= 0.02, worst
