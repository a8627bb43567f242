"""Does a learned candidate-pair classifier over the rules pay? Scored leave-one-set-out.

Run from the repo root: ``python bench/learned.py [--c 1.0] [--inner 4] [--sets a,b,c]``
(every set: about 13 minutes on two busy CPUs; the threshold search refits per fold).

Measured on the 25 sets (2025, C=1, nested threshold): rules alone P/R/F1 0.872/0.761/0.813
pooled; replace 0.838/0.763/0.799 (mean per-set F1 -0.024, better on 8/25); add
0.845/0.778/0.810 (-0.003, 10/25); drop 0.882/0.746/0.809 (-0.005, 5/25). On hidden_m/n/o,
the sets the rules fitted least, replace gained +0.004/+0.020/+0.017, add at most +0.007:
no clear gain, so the model is not in the pipeline.

At first contact (``--new``, 2026-12-06: fitted on the 67 or 70 labelled sets, scored on six sets
neither the rules nor the model had seen): rules alone 0.817, 0.836, 0.764, 0.805, 0.717, 0.753
(hidden_bf ... hidden_bk); add 0.818, 0.836, 0.775, 0.804, 0.744, 0.739 (mean +0.004, precision
lower on all six by 0.010-0.055); replace 0.779, 0.841, 0.768, 0.775, 0.748, 0.746 (mean -0.006).
On hidden_bo, bp, bq (fitted on 76 sets): rules 0.778, 0.772, 0.786; add 0.787, 0.782, 0.789
(precision 0.017-0.035 lower); replace 0.787, 0.765, 0.785.

Every (actor, country) pair an article could claim is a candidate: a country its body mentions
(the extractor's mentions) and an actor its text names (the rules' actor words). Each is labelled
from gold (none / present / ended) and described by what is computable at ingest: the rules'
output for the pair (status, rule ids, confidence), and the context of the country's mentions
(words near them in sentences holding or following an actor word, the country masked; distance
to the nearest actor word; counts; title; first paragraph; inside a list of countries;
language). A regularised logistic regression (scikit-learn) scores each candidate.

Scored leave-one-set-out over the labelled sets of tests/fixtures (train on all sets but one,
score that one); the threshold on P(claim) is chosen inside each training fold (nested,
grouped by set), so no left-out label reaches its own score. Three ways of using the model are
compared with the rules alone: ``replace`` (the model decides every candidate: it can add and
drop), ``add`` (the rules' claims stand; the model adds pairs the rules left out), ``drop``
(the model only removes rule claims). The rules were written against these very sets, so the
rule features are better here than on unseen text: the gains printed are an upper bound for
``drop`` and a fair-ish figure only for what ``add`` finds where the rules said nothing.

scikit-learn is a bench-only dependency (requirements-dev.txt): the model is not in the
pipeline unless this bench shows a clear gain (issue 14: mean F1 >= +0.03, better on >= 2/3 of
the sets, precision >= 0.80 overall).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from _common import labelled_sets

from news.evaluate import LANGUAGES, Counts, gold_presence, load_jsonl, predict, score
from news.presence import raw_confidences

LABELS = ("none", "present", "ended")
FITTED_LEAST = ("hidden_m", "hidden_n", "hidden_o")  # the sets the rules were fitted least on
WINDOW = 6  # tokens either side of a country mention
FOLLOW = 2  # sentences after one with an actor word that still count as its context
_TOKEN = re.compile(r"\w+", re.UNICODE)
_LIST_GLUE = re.compile(r"^\s*(,|and|or|et|ou|и|или|&)?\s*(,|and|et|и)?\s*$", re.IGNORECASE)



# ----------------------------------------------------------------------------- candidates


@dataclass
class Candidate:
    set_name: str
    article: str
    language: str
    actor: str
    iso3: str
    label: str  # gold: none / present / ended
    rule_status: str  # the rules' status for the pair, "none" when they claim nothing
    features: dict[str, float] = field(default_factory=dict)


def _actor_positions(text: str) -> tuple[dict[str, list[int]], list[int]]:
    """Offsets of the words naming each actor (names, aliases, demonyms, states) and of the
    anaphora phrases, from the rules' own actor-word pass."""
    from news.actors import load_config
    from news.presence.actors import actor_words, compile_actors

    comp = compile_actors(load_config())
    words = actor_words(text, comp)
    per: dict[str, list[int]] = {}
    anaphora: list[int] = []
    for start, mask in zip(words.starts, words.masks, strict=True):
        for (kind, key), bit in comp.bits.items():
            if mask & bit:
                if kind == "anaphora":
                    anaphora.append(start)
                else:
                    per.setdefault(key, []).append(start)
    return {k: sorted(set(v)) for k, v in per.items()}, anaphora


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    import bisect

    i = bisect.bisect_right([s for s, _ in spans], pos) - 1
    return max(i, 0)


def _bucket(n: float, edges: Iterable[int]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return "more"


def article_candidates(set_name: str, row: dict, rec: dict) -> list[Candidate]:
    """The candidate pairs of one article with their features and gold label."""
    from geo.sentences import sentence_spans
    from news.actors import load_config
    from news.sources.clean import mask_furniture

    cfg = load_config()
    text = mask_furniture(row["text"])
    if len(text) != len(row["text"]):
        text = row["text"]
    lang = row.get("language") or "?"
    mentions = [m for m in rec.get("mentions", [])]
    if not mentions:
        return []
    spans = sentence_spans(text)
    positions, anaphora = _actor_positions(text)
    gold = {(a, c): s for a, c, s in gold_presence(row)}
    rule: dict[tuple[str, str], tuple[str, set[str], float]] = {}
    for c in rec.get("claims", []):
        key = (c["actor"], c["iso3"])
        status, ids, conf = rule.get(key, ("none", set(), 0.0))
        ids = ids | {str(c.get("rules") or "?").split("+")[0]} | {"mod:" + p for p in str(c.get("rules") or "").split("+")[1:]}
        # a pair claimed both ways is scored as two triples; keep the status the rules gave first
        rule[key] = (c["status"] if status == "none" else status, ids, max(conf, float(c.get("confidence") or 0)))
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]
    tok_starts = [t[0] for t in tokens]
    by_iso: dict[str, list[dict]] = {}
    for m in mentions:
        by_iso.setdefault(m["iso3"], []).append(m)
    title = (row.get("title") or "").lower()
    first_para_end = text.find("\n\n")
    first_para_end = first_para_end if first_para_end > 0 else (spans[0][1] if spans else len(text))
    total_mentions = len(mentions)
    top = max(len(v) for v in by_iso.values())
    sent_isos: dict[int, set[str]] = {}
    for m in mentions:
        sent_isos.setdefault(_sentence_of(spans, m["start"]), set()).add(m["iso3"])
    # countries in a list: a mention whose previous country mention ends a comma / "and" away
    ordered = sorted(mentions, key=lambda m: m["start"])
    in_list: set[int] = set()
    for prev, cur in zip(ordered, ordered[1:], strict=False):
        if prev["iso3"] != cur["iso3"] and _LIST_GLUE.match(text[prev["end"]:cur["start"]]):
            in_list.add(prev["start"])
            in_list.add(cur["start"])
    import bisect

    actors = set(positions) | {a for a, _ in rule}
    out = []
    for actor in sorted(actors):
        if actor not in cfg.actors:
            continue
        home = set(cfg.actors[actor].home)
        apos = positions.get(actor, [])
        asent = sorted({_sentence_of(spans, p) for p in apos})
        anasent = {_sentence_of(spans, p) for p in anaphora}
        for iso, ms in by_iso.items():
            if iso in home:
                continue
            status, ids, conf = rule.get((actor, iso), ("none", set(), 0.0))
            f: dict[str, float] = {
                f"rule_status={status}": 1.0, "rule_conf": conf, f"lang={lang}": 1.0, f"actor={actor}": 1.0,
                f"actor_status={actor}:{status}": 1.0,
                "log_mentions": math.log1p(len(ms)), "share": len(ms) / total_mentions,
                "is_top": float(len(ms) == top), "n_countries": math.log1p(len(by_iso)),
                "in_title": float(any(m["surface"].lower() in title for m in ms if m["surface"])),
                "in_first_para": float(any(m["start"] < first_para_end for m in ms)),
                "in_list": float(any(m["start"] in in_list for m in ms)),
                "actor_mentions": math.log1p(len(apos)),
            }
            for i in ids:
                f[f"rule={i}"] = 1.0
            for m in ms:
                f[f"kind={m.get('kind')}"] = 1.0
            best_sent = 99
            best_tok = 999
            ctx_sents = 0
            for m in ms:
                si = _sentence_of(spans, m["start"])
                j = bisect.bisect_left(asent, si)
                before = si - asent[j - 1] if j > 0 else 99
                here = 0 if j < len(asent) and asent[j] == si else 99
                after = asent[j] - si if j < len(asent) else 99
                d = min(here, before, after)
                best_sent = min(best_sent, d)
                if here == 0:
                    mt = bisect.bisect_left(tok_starts, m["start"])
                    s0, s1 = spans[si]
                    near = min((abs(bisect.bisect_left(tok_starts, p) - mt) for p in apos if s0 <= p < s1),
                               default=999)
                    best_tok = min(best_tok, near)
                    if len(sent_isos.get(si, ())) >= 3:
                        f["sent_many_countries"] = 1.0
                if si in anasent:
                    f["anaphora_in_sentence"] = 1.0
                if here == 0 or 0 < before <= FOLLOW:
                    ctx_sents += 1
                    mt = bisect.bisect_left(tok_starts, m["start"])
                    lo, hi = max(mt - WINDOW, 0), min(mt + WINDOW + 1, len(tokens))
                    s0, s1 = spans[si]
                    for t0, _t1, word in tokens[lo:hi]:
                        if not (s0 <= t0 < s1):
                            continue
                        if m["start"] <= t0 < m["end"]:
                            continue  # the country itself, masked
                        side = "L" if t0 < m["start"] else "R"
                        stem = word[:6]
                        f[f"w={stem}"] = 1.0
                        f[f"w{side}={stem}"] = 1.0
            f[f"sent_dist={_bucket(best_sent, (0, 1, 2, 4))}"] = 1.0
            f[f"tok_dist={_bucket(best_tok, (3, 6, 12, 25))}"] = 1.0
            f["ctx_sents"] = math.log1p(ctx_sents)
            out.append(Candidate(set_name, row["id"], lang, actor, iso, gold.get((actor, iso), "none"), status, f))
    return out


def candidates(sets: dict[str, Path]) -> tuple[list[Candidate], dict[str, list[dict]], dict[str, dict[str, dict]]]:
    """Every set's candidates, rows and rules-only records (raw rule confidences: the calibration
    table was fitted on every set, the left-out one too)."""
    cands: list[Candidate] = []
    rows_of: dict[str, list[dict]] = {}
    ours_of: dict[str, dict[str, dict]] = {}
    with raw_confidences():
        for name, path in sets.items():
            rows = load_jsonl(path)
            ours = predict(rows)
            rows_of[name], ours_of[name] = rows, ours
            for row in rows:
                cands.extend(article_candidates(name, row, ours.get(row["id"], {})))
    return cands, rows_of, ours_of


# ----------------------------------------------------------------------------- model and decisions


def fit(train: list[Candidate], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([k.features for k in train])
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, [k.label for k in train])
    return vec, model


def probabilities(vec, model, cands: list[Candidate]) -> list[dict[str, float]]:
    if not cands:
        return []
    probs = model.predict_proba(vec.transform([k.features for k in cands]))
    classes = list(model.classes_)
    return [{lab: float(p[classes.index(lab)]) if lab in classes else 0.0 for lab in LABELS} for p in probs]


def decide(mode: str, cand: Candidate, p: dict[str, float], t: float) -> str:
    """The status a candidate gets ("none": no claim) under one way of using the model."""
    yes = 1.0 - p["none"]
    model_status = ("present" if p["present"] >= p["ended"] else "ended") if yes >= t else "none"
    if mode == "replace":
        return model_status
    if mode == "add":
        return cand.rule_status if cand.rule_status != "none" else model_status
    if mode == "drop":
        return cand.rule_status if yes >= t else "none"
    return cand.rule_status


def predicted_triples(cands: list[Candidate], probs: list[dict[str, float]], mode: str, t: float,
                      ours: dict[str, dict]) -> dict[str, set]:
    """Per article, the rules' triples for pairs outside the candidates, and each candidate's."""
    out: dict[str, set] = {rid: set() for rid in ours}
    keyed = {(k.article, k.actor, k.iso3) for k in cands}
    for rid, rec in ours.items():
        for c in rec.get("claims", []):
            if (rid, c["actor"], c["iso3"]) not in keyed:
                out[rid].add((c["actor"], c["iso3"], c["status"]))
    for k, p in zip(cands, probs, strict=True):
        if mode == "rules":
            statuses = {c["status"] for c in ours[k.article].get("claims", [])
                        if c["actor"] == k.actor and c["iso3"] == k.iso3}
            out[k.article] |= {(k.actor, k.iso3, s) for s in statuses}
            continue
        s = decide(mode, k, p, t)
        if s != "none":
            out[k.article].add((k.actor, k.iso3, s))
    return out



THRESHOLDS = [round(0.2 + 0.05 * i, 2) for i in range(13)]  # 0.20 .. 0.80


def pick_thresholds(train: list[Candidate], modes: list[str], c: float, folds: int) -> dict[str, float]:
    """Per mode, the threshold with the best pooled F1 over ``folds`` set-grouped folds of the
    training sets (the left-out set never enters); one set of inner fits serves every mode."""
    names = sorted({k.set_name for k in train})
    groups = [names[i::folds] for i in range(folds)]
    tally = {(m, t): Counts() for m in modes for t in THRESHOLDS}
    for group in groups:
        inner_train = [k for k in train if k.set_name not in group]
        inner_test = [k for k in train if k.set_name in group]
        vec, model = fit(inner_train, c)
        probs = probabilities(vec, model, inner_test)
        for mode in modes:
            for t in THRESHOLDS:
                for k, p in zip(inner_test, probs, strict=True):
                    s = decide(mode, k, p, t)
                    tally[(mode, t)].add({s} if s != "none" else set(), {k.label} if k.label != "none" else set())
    return {m: max(THRESHOLDS, key=lambda t: (tally[(m, t)].prf()[2], -abs(t - 0.5))) for m in modes}


def first_contact(train: list[Candidate], paths: list[Path], modes: list[str], c: float, folds: int) -> int:
    """The honest test of a learned layer: fitted on every labelled set, scored on sets neither
    the rules nor the model have seen (run it the moment a blind set arrives, before any change)."""
    vec, model = fit(train, c)
    thresholds = pick_thresholds(train, modes, c, folds)
    new = {p.stem: p for p in paths}
    cands, rows_of, ours_of = candidates(new)
    systems = ["rules", *modes]
    print(f"first contact: trained on {len({k.set_name for k in train})} sets, thresholds {thresholds}")
    print(f"{'set':<16}" + "".join(f" | {s:^34}" for s in systems))
    for name in new:
        test = [k for k in cands if k.set_name == name]
        probs = probabilities(vec, model, test)
        cells = ""
        for s in systems:
            t = thresholds.get(s, 0.5)
            counts = score(rows_of[name], predicted_triples(test, probs, s, t, ours_of[name]), gold_presence)
            langs = "/".join(f"{counts[k].prf()[2]:.3f}" for k in LANGUAGES if k in counts)
            cells += " | {:.3f} {:.3f} {:.3f} ".format(*counts["all"].prf()) + f"({langs})"
        print(f"{name:<16}{cells}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength of the logistic regression")
    ap.add_argument("--inner", type=int, default=4, help="set-grouped folds for the nested threshold")
    ap.add_argument("--modes", default="replace,add,drop")
    ap.add_argument("--sets", default="", help="comma-separated set names to use (default: every labelled set)")
    ap.add_argument("--new", nargs="*", default=[], metavar="JSONL",
                    help="first contact: train on the labelled sets, score these unseen labelled files")
    args = ap.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("scikit-learn is needed (pip install -r requirements-dev.txt)", file=sys.stderr)
        return 1
    sets = labelled_sets(with_dev=False)  # the dev set is not in the repository
    if args.sets:
        wanted = [n for n in args.sets.split(",") if n]
        unknown = [n for n in wanted if n not in sets]
        if unknown:
            print(f"unknown set(s): {', '.join(unknown)} (labelled: {', '.join(sets)})", file=sys.stderr)
            return 2
        sets = {n: sets[n] for n in wanted}
    cands, rows_of, ours_of = candidates(sets)
    modes = [m for m in args.modes.split(",") if m]
    if args.new:
        return first_contact(cands, [Path(p) for p in args.new], modes, args.c, args.inner)
    print(f"{len(sets)} labelled sets, {sum(len(r) for r in rows_of.values())} articles, {len(cands)} candidate pairs "
          f"({Counter(k.label for k in cands)})")
    reach = Counts()
    for name, rows in rows_of.items():
        cand_keys = {(k.article, k.actor, k.iso3) for k in cands if k.set_name == name}
        for row in rows:
            for a, c, _ in gold_presence(row):
                reach.add({1} if (row["id"], a, c) in cand_keys else set(), {1})
    print(f"gold triples reachable as candidates (ceiling on recall): {reach.prf()[1]:.3f}")
    print("NOTE: the rules were written against these sets: the rule features are better here than on "
          "unseen text,\n      so every gain below over-states what the model would add on new reporting "
          "(least so on hidden_m/n/o).")
    per_set: dict[str, dict[str, dict[str, Counts]]] = {}
    chosen: dict[str, dict[str, float]] = {}
    for name in sets:
        train = [k for k in cands if k.set_name != name]
        test = [k for k in cands if k.set_name == name]
        vec, model = fit(train, args.c)
        probs = probabilities(vec, model, test)
        per_set[name] = {"rules": score(rows_of[name], predicted_triples(test, probs, "rules", 0.5, ours_of[name]), gold_presence)}
        chosen[name] = pick_thresholds(train, modes, args.c, args.inner)
        for mode in modes:
            t = chosen[name][mode]
            per_set[name][mode] = score(rows_of[name], predicted_triples(test, probs, mode, t, ours_of[name]), gold_presence)
        print(f"  scored {name} (thresholds {chosen[name]})", file=sys.stderr, flush=True)

    systems = ["rules", *modes]
    print("\npresence per left-out set: P / R / F1 (rules alone, then each way of using the model)")
    head = "".join(f" | {s:^20}" for s in systems)
    print(f"{'set':<16}{head}")
    for name in sets:
        cells = "".join(" | {:6.3f} {:6.3f} {:6.3f}".format(*per_set[name][s]["all"].prf()) for s in systems)
        print(f"{name:<16}{cells}")
    total = {s: {k: Counts() for k in ("all", *LANGUAGES)} for s in systems}
    for name in sets:
        for s in systems:
            for k in total[s]:
                c = per_set[name][s].get(k, Counts())
                total[s][k].tp += c.tp
                total[s][k].fp += c.fp
                total[s][k].fn += c.fn
    print(f"\n{'pooled':<16}{'':>4}" + "".join(f" | {k:^20}" for k in ("all", *LANGUAGES)))
    for s in systems:
        print(f"{s:<20}" + "".join(" | {:6.3f} {:6.3f} {:6.3f}".format(*total[s][k].prf())
                                   for k in ("all", *LANGUAGES)))
    print("\ngain over the rules (F1 per set): mean, sets better / worse / equal, overall precision; "
          "and on the sets the rules fitted least")
    base = {n: per_set[n]["rules"]["all"].prf()[2] for n in sets}
    for mode in modes:
        gains = {n: per_set[n][mode]["all"].prf()[2] - base[n] for n in sets}
        better = sum(g > 1e-9 for g in gains.values())
        worse = sum(g < -1e-9 for g in gains.values())
        mean = sum(gains.values()) / len(gains)
        least = " ".join(f"{n} {gains[n]:+.3f}" for n in FITTED_LEAST if n in gains)
        p = total[mode]["all"].prf()[0]
        clear = mean >= 0.03 and better >= 2 * len(gains) / 3 and p >= 0.80
        print(f"{mode:<8} mean {mean:+.3f}  better {better}/{len(gains)}  worse {worse}  "
              f"precision {p:.3f}  [{least}]  clear gain: {'yes' if clear else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
