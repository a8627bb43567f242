"""Score Footprint on a labelled sample: countries per article and presence claims.

The sample is JSON Lines in the labelling guide's format (that of tests/fixtures/typical.jsonl):
one article a line with ``id``, ``title``, ``outlet``, ``date``, ``language``, ``url``, ``text``
and ``gold``: ``{"mentions": [ISO3, ...], "presence": [{"actor", "iso3", "status"}, ...]}``.
Our output for each article is what ``footprint extract`` writes for it
(``news.pipeline.extract_record``). Scores are micro-averaged: true and false positives and
false negatives summed over articles, overall and per language.

``footprint eval FILE`` prints them; bench/accuracy.py adds baselines and targets around the
same scoring.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from news.presence.cooccurrence import Model, Pair
    from news.presence.crosssentence import Distant
    from news.presence.endings import Ending

LANGUAGES = ("en", "fr", "ru")

Gold = Callable[[dict], set]


class LabelError(ValueError):
    """A labelled file that cannot be scored: names the file and line."""


class Counts:
    """True positives, false positives and false negatives, summed over articles (micro average)."""

    __slots__ = ("tp", "fp", "fn")

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def prf(self) -> tuple[float, float, float]:
        # Nothing predicted scores precision 1 only when there was nothing to find.
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def load_jsonl(path: str | Path) -> list[dict]:
    """Every non-blank line of a JSON Lines file, parsed."""
    rows = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def load_labelled(path: str | Path) -> list[dict]:
    """A labelled sample, checked line by line: a bad line raises LabelError naming it."""
    rows = []
    with Path(path).open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise LabelError(f"{where}: not JSON ({exc})") from exc
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row.get("id"):
                raise LabelError(f"{where}: needs an object with 'id' and 'text'")
            gold = row.get("gold")
            try:
                gold_countries(row)
                gold_presence(row)
            except (TypeError, KeyError, AttributeError) as exc:
                raise LabelError(f"{where}: 'gold' needs 'mentions' (ISO3 codes) and 'presence' "
                                 f"([{{actor, iso3, status}}]), got {json.dumps(gold)[:80]}") from exc
            rows.append(row)
    return rows


def gold_countries(row: dict) -> set[str]:
    return set(row["gold"]["mentions"])


def gold_presence(row: dict) -> set[tuple[str, str, str]]:
    return {(p["actor"], p["iso3"], p["status"]) for p in row["gold"]["presence"]}


def score(rows: Iterable[dict], predictions: dict[str, set], gold_of: Gold) -> dict[str, Counts]:
    """Counts overall (key "all") and per language; ``gold_of(row)`` gives the gold set."""
    out = {"all": Counts(), **{lang: Counts() for lang in LANGUAGES}}
    for row in rows:
        pred, gold = predictions.get(row["id"], set()), gold_of(row)
        out["all"].add(pred, gold)
        out.setdefault(row.get("language") or "?", Counts()).add(pred, gold)
    return out


def predict(rows: Iterable[dict]) -> dict[str, dict]:
    """Our record per article id, as ``footprint extract`` writes it, computed in this process."""
    from news.pipeline import extract_record

    return {row["id"]: extract_record(row) for row in rows}


def predicted_countries(ours: dict[str, dict]) -> dict[str, set[str]]:
    return {rid: {m["iso3"] for m in rec.get("mentions", [])} for rid, rec in ours.items()}


def predicted_presence(ours: dict[str, dict]) -> dict[str, set[tuple[str, str, str]]]:
    return {rid: {(c["actor"], c["iso3"], c["status"]) for c in rec.get("claims", [])} for rid, rec in ours.items()}


@dataclass
class Evaluation:
    articles: dict[str, int]  # "all" and per language
    country: dict[str, Counts]
    presence: dict[str, Counts]

    def table(self) -> str:
        """Precision, recall and F1 of both tasks, overall and per language of the sample."""
        keys = ["all", *sorted(k for k in self.articles if k != "all")]
        lines = [f"{'task':<9} {'language':<8} {'P':>6} {'R':>6} {'F1':>6} {'articles':>8}"]
        for task, counts in (("country", self.country), ("presence", self.presence)):
            for key in keys:
                p, r, f = counts[key].prf()
                lines.append(f"{task:<9} {key:<8} {p:6.3f} {r:6.3f} {f:6.3f} {self.articles[key]:>8}")
        return "\n".join(lines)


def evaluate(rows: list[dict], ours: dict[str, dict] | None = None) -> Evaluation:
    """Both scores of ``rows``, for ``ours`` (as ``predict`` returns) or our pipeline run now."""
    ours = predict(rows) if ours is None else ours
    articles = {"all": len(rows)}
    for row in rows:
        lang = row.get("language") or "?"
        articles[lang] = articles.get(lang, 0) + 1
    return Evaluation(articles, score(rows, predicted_countries(ours), gold_countries),
                      score(rows, predicted_presence(ours), gold_presence))


# ----------------------------------------------------------------------------- per rule, calibration


def _triples_by_rule(rec: dict) -> dict[tuple[str, str, str], tuple[set[str], float]]:
    """Each predicted (actor, iso3, status) of one article with the base ids of the rules that
    gave it and its highest confidence."""
    out: dict[tuple[str, str, str], tuple[set[str], float]] = {}
    for c in rec.get("claims", []):
        key = (c["actor"], c["iso3"], c["status"])
        rules, conf = out.get(key, (set(), 0.0))
        rules.add(str(c.get("rules") or "?").split("+")[0])
        out[key] = (rules, max(conf, float(c.get("confidence") or 0.0)))
    return out


def rule_counts(rows: Iterable[dict], ours: dict[str, dict]) -> dict[str, Counts]:
    """Per rule id, its triples right (tp) and wrong (fp): a triple given by several rules counts
    for each. ``fn`` stays 0: a missed triple has no rule to blame."""
    out: dict[str, Counts] = {}
    for row in rows:
        gold = gold_presence(row)
        for triple, (rules, _) in _triples_by_rule(ours.get(row["id"], {})).items():
            for rule in rules:
                c = out.setdefault(rule, Counts())
                if triple in gold:
                    c.tp += 1
                else:
                    c.fp += 1
    return out


def fit_calibration(sets: Iterable[tuple[list[dict], dict[str, dict]]], prior: float = 4.0) -> dict[str, float]:
    """Per rule id, how often its triples are right, over labelled sets: the learned confidence.

    Smoothed toward the precision over all rules with ``prior`` pseudo-triples, so a rule seen a
    handful of times is not given 0 or 1. A triple given by several rules counts for each."""
    totals: dict[str, Counts] = {}
    for rows, ours in sets:
        for rule, c in rule_counts(rows, ours).items():
            t = totals.setdefault(rule, Counts())
            t.tp += c.tp
            t.fp += c.fp
    tp, fp = sum(c.tp for c in totals.values()), sum(c.fp for c in totals.values())
    base = tp / (tp + fp) if tp + fp else 0.5
    table = {rule: (c.tp + prior * base) / (c.tp + c.fp + prior) for rule, c in totals.items()}
    table["?"] = base
    return table


def calibrated(rules: set[str], table: dict[str, float]) -> float:
    """A triple's learned confidence: the best of its rules' (an unknown rule gets the base)."""
    return max(table.get(r, table["?"]) for r in rules)


def brier(rows: Iterable[dict], ours: dict[str, dict], table: dict[str, float] | None = None) -> tuple[float, int]:
    """Mean squared error of the confidence of each predicted triple against whether it is right
    (the rules' own confidence, or with ``table`` the learned one), and the number of triples."""
    total, n = 0.0, 0
    for row in rows:
        gold = gold_presence(row)
        for triple, (rules, conf) in _triples_by_rule(ours.get(row["id"], {})).items():
            p = calibrated(rules, table) if table is not None else conf
            total += (p - (triple in gold)) ** 2
            n += 1
    return (total / n if n else 0.0), n


def fixture_sets(folder: Path) -> list[tuple[str, list[dict]]]:
    """The labelled sets in ``folder`` by file name, in order: every ``*.jsonl`` whose gold is a
    dict (syndication.jsonl's gold is a cluster name). What the learned layers are fitted on."""
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        rows = load_jsonl(path)
        if rows and isinstance(rows[0].get("gold"), dict):
            out.append((path.name, rows))
    return out


@dataclass
class LearnedExamples:
    """One labelled set read once by the rules alone, every learned part off and the rules' own
    confidences (as the checks meet them in ``news.presence.find_claims``): what each learned part
    is fitted and scored on, so a model never sees its own output or another's.

    ``records`` are the rules' records per article id, as ``predict`` gives them (the calibration);
    ``pairs`` the pairs named in one clause that no rule claimed, labelled by whether the gold
    asserts the actor there at all (``news.presence.cooccurrence``); ``endings`` the pairs the
    rules call present, labelled by whether the gold says the stay ended, None where the gold
    lacks the pair (``news.presence.endings`` and ``news.presence.support``); ``distant`` the
    pairs named only in different sentences that no rule claimed, labelled by whether the gold
    says present (``news.presence.crosssentence``). One pass, since the rules are most of the
    cost: ``bench/accuracy.py --loso`` and ``scripts/build_models.py`` read every set once."""

    records: dict[str, dict]
    pairs: list[tuple[str, Pair, bool]]
    endings: list[tuple[str, Ending, bool | None]]
    distant: list[tuple[str, Distant, bool]]


def learned_examples(rows: Iterable[dict]) -> LearnedExamples:
    """``rows`` read by the rules alone, with every learned part's examples (``LearnedExamples``)."""
    from news.actors import load_config
    from news.pipeline import article_from_record, process, record_of
    from news.presence.actors import compile_actors
    from news.presence.calibration import raw_confidences
    from news.presence.cooccurrence import rules_only, unclaimed_pairs
    from news.presence.crosssentence import distant_pairs
    from news.presence.endings import ending_features, present_pairs

    comp = compile_actors(load_config())
    out = LearnedExamples({}, [], [], [])
    with rules_only(), raw_confidences():
        for row in rows:
            article = article_from_record(row)
            mentions, claims = process(article)
            out.records[row["id"]] = record_of(article, mentions, claims)
            gold = {(actor, iso3): status for actor, iso3, status in gold_presence(row)}
            asserted = set(gold)
            present = {pair for pair, status in gold.items() if status == "present"}
            out.pairs.extend((article.id, pair, (pair.actor, pair.iso3) in asserted)
                             for pair in unclaimed_pairs(article, mentions, claims, comp))
            out.endings.extend((article.id, e, None if (e.actor, e.iso3) not in gold
                                else gold[(e.actor, e.iso3)] == "ended")
                               for e in ending_features(article, mentions, comp, present_pairs(claims), claims))
            out.distant.extend((article.id, d, (d.actor, d.iso3) in present)
                               for d in distant_pairs(article, mentions, claims, comp))
    return out


def learned_sets(folder: Path) -> list[tuple[str, list[dict], LearnedExamples]]:
    """Every labelled set in ``folder`` (``fixture_sets``) with what the rules read of it: the one
    pass that the build script, the leave-one-set-out bench and the slow tests share."""
    return [(name, rows, learned_examples(rows)) for name, rows in fixture_sets(folder)]


def fit_distant(examples: Iterable[tuple[str, Distant, bool]], strength: float, threshold: float) -> Model:
    """The cross-sentence layer's model fitted on ``examples`` (see ``fit_logistic``)."""
    examples = list(examples)
    return fit_logistic([d.features for _, d, _ in examples], [label for _, _, label in examples],
                        strength, threshold)


def with_distant(predicted: dict[str, set[tuple[str, str, str]]], examples: Iterable[tuple[str, Distant, bool]],
                 model: Model) -> dict[str, set[tuple[str, str, str]]]:
    """``predicted`` plus the pairs named apart that ``model`` scores at or above its threshold,
    as present: a set's predictions with a model fitted without it."""
    from news.presence.crosssentence import needed

    out = {k: set(v) for k, v in predicted.items()}
    for article_id, d, _ in examples:
        if model.probability(d.features) >= needed(d, model):
            out.setdefault(article_id, set()).add((d.actor, d.iso3, "present"))
    return out


def fit_cooccurrence(examples: Iterable[tuple[str, Pair, bool]], strength: float, threshold: float) -> Model:
    """The co-occurrence layer's model fitted on ``examples`` (see ``fit_logistic``)."""
    examples = list(examples)
    return fit_logistic([pair.features for _, pair, _ in examples], [label for _, _, label in examples],
                        strength, threshold)


def fit_logistic(features: list[set[str]], labels: list[bool], strength: float, threshold: float) -> Model:
    """A logistic regression (scikit-learn, a development dependency: only the fitting needs it)
    on binary features, as the plain weights ``Model`` scores with at run time. ``strength`` is
    the inverse of the L2 penalty (scikit-learn's ``C``)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from news.presence.cooccurrence import Model, centre_eras

    # a feature seen in one example only is that example's label, not evidence: left out
    seen = Counter(f for fs in features for f in fs)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1.0 for f in fs if seen[f] > 1} for fs in features])
    fitted = LogisticRegression(C=strength, max_iter=5000).fit(x, labels)
    fitted_weights = dict(zip(vectorizer.get_feature_names_out(), map(float, fitted.coef_[0]), strict=True))
    weights = {name: round(w, 4) for name, w in centre_eras(fitted_weights, features).items() if abs(w) >= 1e-4}
    return Model(weights, round(float(fitted.intercept_[0]), 4), threshold)


def model_record(about: str, sets: list[str], examples: int, positives: int, strength: float,
                 model: Model) -> dict:
    """A fitted model as the build scripts store it (data/cooccurrence.json, data/endings.json):
    what it is, what it was fitted on and how, and the weights ``read_model`` loads."""
    from datetime import date

    return {
        "about": about,
        "built": date.today().isoformat(),
        "sets": sets,
        "examples": examples,
        "positives": positives,
        "strength": strength,
        "threshold": model.threshold,
        "intercept": model.intercept,
        "weights": dict(sorted(model.weights.items())),
    }


def fit_endings(examples: Iterable[tuple[str, Ending, bool | None]], strength: float, threshold: float) -> Model:
    """The status check's model fitted on the examples whose gold has the pair."""
    known = [(e, label) for _, e, label in examples if label is not None]
    return fit_logistic([e.features for e, _ in known], [label for _, label in known], strength, threshold)


def with_endings(predicted: dict[str, set[tuple[str, str, str]]], examples: Iterable[tuple[str, Ending, bool | None]],
                 model: Model) -> dict[str, set[tuple[str, str, str]]]:
    """``predicted`` with each present pair ``model`` scores at or above its threshold turned to
    ended: a set's predictions with a model fitted without it."""
    out = {k: set(v) for k, v in predicted.items()}
    for article_id, e, _ in examples:
        if model.probability(e.features) >= model.threshold and e.sentences:
            triples = out.setdefault(article_id, set())
            triples.discard((e.actor, e.iso3, "present"))
            triples.add((e.actor, e.iso3, "ended"))
    return out


def fit_support(examples: Iterable[tuple[str, Ending, bool | None]], strength: float, threshold: float) -> Model:
    """The support check's model (``news.presence.support``) fitted on every example: whether
    the gold has the pair at all (an example's label is None where it has not)."""
    from news.presence.support import features

    known = [(e, label is not None) for _, e, label in examples]
    return fit_logistic([features(e) for e, _ in known], [label for _, label in known], strength, threshold)


def with_support(predicted: dict[str, set[tuple[str, str, str]]], examples: Iterable[tuple[str, Ending, bool | None]],
                 model: Model) -> dict[str, set[tuple[str, str, str]]]:
    """``predicted`` without the pairs ``model`` scores under its threshold, whatever their
    status: a set's predictions with a model fitted without it."""
    from news.presence.support import unsupported

    out = {k: set(v) for k, v in predicted.items()}
    by_article: dict[str, list[Ending]] = {}
    for article_id, e, _ in examples:
        by_article.setdefault(article_id, []).append(e)
    for article_id, pairs in by_article.items():
        dropped = unsupported(pairs, model)
        if dropped:
            out[article_id] = {t for t in out.get(article_id, set()) if t[:2] not in dropped}
    return out


def with_learned(ours: dict[str, dict], examples: Iterable[tuple[str, Pair, bool]],
                 model: Model) -> dict[str, set[tuple[str, str, str]]]:
    """The rules' triples of ``ours`` (read with the layer off) plus those ``model`` adds from
    the articles' unclaimed pairs: a set's predictions with a model fitted without it."""
    out = predicted_presence(ours)
    for article_id, pair, _ in examples:
        if model.probability(pair.features) >= model.threshold:
            out.setdefault(article_id, set()).add((pair.actor, pair.iso3, "present"))
    return out
