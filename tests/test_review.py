"""Reviews as pure logic: the claim key, applying reviews, building them, the token, the page's
gate and URL state (issue 18). The commands are in test_review_cli.py, the page in
tests/e2e/test_review.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pandas as pd
import pytest

from components.review import may_write, sentences_with_mentions, unlock
from components.state import Options, default_state, parse_query, to_query
from news.review.apply import apply_reviews, identity, latest_reviews, row_key
from news.review.keys import claim_key
from news.review.records import ReviewError, make_review
from news.review.token import TokenError, read_token_file, server_token, token_matches
from news.store import Store
from news.store.queries import Filters, layer_rows
from tests.e2e.fixture_store import build

S1 = "Wagner fighters arrived in Bamako."
S2 = "Russian instructors train the army in Bangui."


def machine(**over) -> pd.DataFrame:
    rows = [
        {"article_id": "a1", "actor": "wagner", "iso3": "MLI", "status": "present", "evidence": S1, "cue": "arrived",
         "confidence": 0.7, "rules": "locative-cue", "date": date(2022, 1, 5), "place": None, "lat": 1.0, "lon": 2.0},
        {"article_id": "a2", "actor": "russia", "iso3": "CAF", "status": "present", "evidence": S2, "cue": "train",
         "confidence": 0.6, "rules": "actor-in", "date": date(2023, 3, 1), "place": None, "lat": 1.0, "lon": 2.0},
    ]
    return pd.DataFrame([{**r, **over} for r in rows])


def review(decision: str, sentence: str = S1, article: str = "a1", actor: str = "wagner", iso3: str = "MLI",
           at: int = 1, **kw) -> dict:
    return make_review(article_id=article, sentence=sentence, actor=actor, iso3=iso3, status="present",
                       decision=decision, reviewer="ann", now=datetime(2026, 1, 1, 0, 0, at), **kw)


PUBLISHED = {"a1": date(2022, 1, 5), "a2": date(2023, 3, 1)}


def applied(*reviews: dict, claims: pd.DataFrame | None = None) -> pd.DataFrame:
    return apply_reviews(machine() if claims is None else claims, latest_reviews(pd.DataFrame(list(reviews))),
                         PUBLISHED)


def test_the_key_ignores_spacing_case_and_the_status_not_the_claim():
    k = claim_key("a1", S1, "wagner", "MLI")
    assert k == claim_key("a1", "  wagner\u00a0FIGHTERS arrived\nin Bamako. ", "Wagner", "mli")
    assert k != claim_key("a1", S1, "russia", "MLI") != claim_key("a1", S1, "wagner", "NER")
    assert k != claim_key("a2", S1, "wagner", "MLI") and len(k) == 16


def test_reject_removes_confirm_marks_correct_replaces_add_appears():
    out = applied(review("reject", reason="not-actor"))
    assert list(out["iso3"]) == ["CAF"] and out["review"].isna().all()
    out = applied(review("confirm")).set_index("iso3")
    assert out.loc["MLI", "review"] == "confirmed" and out.loc["MLI", "confidence"] == 1.0
    assert pd.isna(out.loc["CAF", "review"])
    out = applied(review("correct", new_iso3="NER", new_status="ended"))
    row = out[out["review"] == "corrected"].iloc[0]
    assert (row["iso3"], row["status"], row["claim_key"]) == ("NER", "ended", claim_key("a1", S1, "wagner", "MLI"))
    out = applied(review("add", sentence=S2, article="a2", actor="wagner", iso3="CAF"))
    added = out[out["review"] == "added"].iloc[0]
    assert (added["actor"], added["iso3"], added["date"], added["evidence"]) == ("wagner", "CAF", date(2023, 3, 1), S2)
    assert len(out) == 3


def test_a_later_review_supersedes_and_the_history_stays():
    history = pd.DataFrame([review("reject", reason="wrong-status", at=1), review("confirm", at=2)])
    latest = latest_reviews(history)
    assert list(latest["decision"]) == ["confirm"] and len(history) == 2
    assert "MLI" in set(apply_reviews(machine(), latest, PUBLISHED)["iso3"])
    latest = latest_reviews(pd.DataFrame([review("confirm", at=3), review("reject", reason="not-actor", at=2)]))
    assert list(latest["decision"]) == ["confirm"]  # by time, not by the order handed in


def test_reviews_outlive_a_new_model_and_a_reingest():
    # the new model reads the same sentence with other cues, rules, confidence and row order
    other = machine(cue="other cue", rules="pointer", confidence=0.3).iloc[::-1].reset_index(drop=True)
    out = applied(review("reject", reason="not-actor"), claims=other)
    assert list(out["iso3"]) == ["CAF"]
    # a model that no longer makes a confirmed claim still shows it, from its review
    out = applied(review("confirm"), claims=machine().iloc[1:])
    assert set(out["iso3"]) == {"MLI", "CAF"} and out.set_index("iso3").loc["MLI", "review"] == "confirmed"
    # reviews of articles not in the store add nothing
    assert len(applied(review("add", article="gone", sentence="x", iso3="TCD"))) == 2


def test_a_reviewed_row_is_reviewed_again_under_its_first_key():
    first = review("correct", new_iso3="NER")
    latest = latest_reviews(pd.DataFrame([first]))
    shown = apply_reviews(machine(), latest, PUBLISHED)
    row = shown[shown["iso3"] == "NER"].iloc[0].to_dict()
    assert row_key(row) == first["key"]
    assert identity(row, latest)["iso3"] == "MLI"


@pytest.mark.parametrize("kw, words", [
    ({"decision": "reject"}, "reason"),
    ({"decision": "reject", "reason": "because"}, "reason"),
    ({"decision": "confirm", "reason": "not-actor"}, "only a rejection"),
    ({"decision": "correct"}, "a correction needs"),
    ({"decision": "correct", "new_iso3": "MLI"}, "a correction needs"),
    ({"decision": "confirm", "new_status": "ended"}, "only a correction"),
    ({"decision": "confirm", "reviewer": ""}, "reviewer"),
    ({"decision": "confirm", "note": "x" * 501}, "note"),
    ({"decision": "add", "actor": "martians"}, "not a known actor"),
    ({"decision": "maybe"}, "decision"),
])
def test_bad_reviews_are_refused_in_one_line(kw, words):
    base = {"article_id": "a1", "sentence": S1, "actor": "wagner", "iso3": "MLI", "status": "present",
            "reviewer": "ann", "actors": ("wagner", "russia")}
    with pytest.raises(ReviewError, match=words) as err:
        make_review(**{**base, **kw})
    assert "\n" not in str(err.value)


def test_the_token_is_compared_in_full_and_never_when_off(tmp_path):
    assert token_matches("correct-horse", "correct-horse")
    assert not token_matches("correct-hors", "correct-horse") and not token_matches("", "correct-horse")
    assert not token_matches("anything", None) and not token_matches(None, "correct-horse")
    assert server_token({}) is None
    assert server_token({"FOOTPRINT_REVIEW_TOKEN": "correct-horse"}) == "correct-horse"
    with pytest.raises(TokenError) as err:
        server_token({"FOOTPRINT_REVIEW_TOKEN": "short"})
    assert "short" not in str(err.value).replace("shorter", "")  # the token itself is never in a message
    path = tmp_path / "token"
    path.write_text("battery-staple-42\n", encoding="utf-8")
    assert read_token_file(path) == "battery-staple-42"
    assert server_token({"FOOTPRINT_REVIEW_TOKEN_FILE": str(path)}) == "battery-staple-42"
    with pytest.raises(TokenError, match="cannot read"):
        read_token_file(tmp_path / "missing")


def test_the_page_writes_only_with_a_server_token_and_an_unlocked_session():
    assert not may_write(None, True) and not may_write("tok-tok-tok", False) and may_write("tok-tok-tok", True)
    assert not may_write("tok-tok-tok", "true")  # type: ignore[arg-type]  # only True itself
    assert unlock("tok-tok-tok", "tok-tok-tok") and not unlock("tok-tok-tok", None)


def test_the_review_filter_lives_in_the_url():
    options = Options(actors=("wagner", "russia"), months=("2020-01", "2020-02"))
    state = replace(default_state(options), review="reviewed")
    assert to_query(state, options) == {"review": "reviewed"}
    assert parse_query(to_query(state, options), options) == (state, [])
    back, notes = parse_query({"review": ["<b>all</b>"]}, options)
    assert back.review == "" and notes and "<b>" in notes[0]  # a note, escaped where shown


def test_the_review_filter_narrows_every_query(tmp_path):
    store = build(tmp_path)
    from news.review.log import append_reviews
    from news.store.queries import evidence_rows

    row = evidence_rows(store, countries=["GNQ"]).iloc[0]
    append_reviews(store, [make_review(article_id=row["article_id"], sentence=row["evidence"], actor="wagner",
                                       iso3="GNQ", status="present", decision="confirm", reviewer="ann")])
    fresh = Store(tmp_path)
    assert list(layer_rows(fresh, Filters(review="reviewed"))["iso3"]) == ["GNQ"]
    assert "GNQ" not in set(layer_rows(fresh, Filters(review="machine"))["iso3"])
    assert len(layer_rows(fresh)) == len(layer_rows(fresh, Filters(review="machine"))) + 1
    with pytest.raises(ValueError):
        Filters.of(review="everything")


def test_sentences_offered_for_an_added_claim_are_those_with_a_place():
    text = "Nothing here. Wagner men were seen in Mali. Also nothing."
    mentions = [{"start": text.index("Mali"), "end": text.index("Mali") + 4}]
    assert sentences_with_mentions(text, mentions) == ["Wagner men were seen in Mali."]
