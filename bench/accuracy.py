"""Accuracy on a labelled set: countries per article and presence claims, beside baselines.

Run from the repo root: ``python bench/accuracy.py [--eval PATH] [--verbose] [--thresholds N,N]``.
The default set is the shared dev set next to the repository (``shared/eval/dev.jsonl`` beside
this clone); without it the bench says so and exits 0.

Our pipeline runs through its command-line contract, ``python -m news extract < set.jsonl``;
when that command fails it runs in-process instead (``news.evaluate.predict``, the same
function per article) and says which path it took. Scoring is ``news.evaluate``'s, the one
``footprint eval`` prints (micro-averaged: true/false positives and false negatives summed
over articles); this bench adds the baselines, the targets and the error lists.
The last six lines are the summary (a hook reads them).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from _common import (
    DEFAULT_EVAL,
    ROOT,
    flashgeotext_countries,
    geotext_countries,
    labelled_sets,
    load_flashgeotext,
)

from news.evaluate import (
    LANGUAGES,
    Counts,
    brier,
    fit_calibration,
    gold_countries,
    gold_presence,
    load_jsonl,
    predict,
    predicted_countries,
    predicted_presence,
    rule_counts,
    score,
)

# Naive presence baseline: an actor keyword anywhere in a sentence (lowercase substring).
NAIVE_ACTORS = {
    "wagner": ("wagner", "вагнер", "prigozhin", "пригожин"),
    "russia": ("russian", "russia", "russe", "росси", "moscow"),
}
TARGETS = {"country": (0.95, 0.90, ("en", "fr", "ru")), "presence": (0.85, 0.75, ("fr", "ru"))}


def run_cli(path: Path) -> dict[str, dict] | None:
    """Our output per article id via ``python -m news extract``; None when the command fails."""
    try:
        with path.open("rb") as fh:
            proc = subprocess.run([sys.executable, "-m", "news", "extract"], stdin=fh, cwd=ROOT,
                                  capture_output=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    out = {}
    try:
        for line in proc.stdout.decode("utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[rec["id"]] = rec
    except (ValueError, KeyError):
        return None
    return out


def naive_presence(rows: list[dict], ours: dict[str, dict]) -> dict[str, set]:
    """Every country we found in a sentence that names an actor keyword, counted as present."""
    from geo.sentences import sentence_spans
    from news.sources.clean import mask_furniture

    out = {}
    for row in rows:
        text = mask_furniture(row["text"])
        mentions = ours.get(row["id"], {}).get("mentions", [])
        found = set()
        for s, e in sentence_spans(text):
            low = text[s:e].lower()
            actors = [a for a, keys in NAIVE_ACTORS.items() if any(k in low for k in keys)]
            isos = {m["iso3"] for m in mentions if s <= m["start"] < e}
            found |= {(a, iso, "present") for a in actors for iso in isos}
        out[row["id"]] = found
    return out


def _fmt(c: Counts) -> str:
    p, r, f = c.prf()
    return f"{p:6.3f} {r:6.3f} {f:6.3f}"


def print_table(title: str, systems: dict[str, dict[str, Counts]]) -> None:
    print(f"\n{title}")
    keys = ["all", *LANGUAGES]
    head = "".join(f" | {k:^20}" for k in keys)
    print(f"{'system':<14}{head}")
    print(f"{'':<14}" + " | {:>6} {:>6} {:>6}".format("P", "R", "F1") * len(keys))
    for name, counts in systems.items():
        print(f"{name:<14}" + "".join(f" | {_fmt(counts.get(k, Counts()))}" for k in keys))


def print_errors(rows: list[dict], predicted: dict[str, set], gold_of, label: str) -> None:
    print(f"\n{label} errors (id: missed / extra)")
    for row in rows:
        pred, gold = predicted.get(row["id"], set()), gold_of(row)
        if pred != gold:
            print(f"  {row['id']} [{row.get('language')}]: missed {sorted(gold - pred)} / extra {sorted(pred - gold)}")


def thresholds(rows: list[dict], values: list[int]) -> None:
    from geo.extract import extract
    from geo.gazetteer import load_gazetteer
    from news.sources.clean import mask_furniture

    print("\ncountry F1 by city population threshold (in-process, furniture masked)")
    print(f"{'min_population':>14} | {'all':>6} {'en':>6} {'fr':>6} {'ru':>6}")
    for n in values:
        gaz = load_gazetteer(min_population=n)
        pred = {r["id"]: {m.iso3 for m in extract(mask_furniture(r["text"]), r.get("language"), gazetteer=gaz)}
                for r in rows}
        counts = score(rows, pred, gold_countries)
        print(f"{n:>14} | " + " ".join(f"{counts[k].prf()[2]:6.3f}" for k in ["all", *LANGUAGES]))


def _f1s(counts: dict[str, Counts]) -> list[float]:
    return [counts[k].prf()[2] for k in ["all", *LANGUAGES]]


def _targets_line(country: list[float], presence: list[float]) -> str:
    missed = []
    for name, vals in (("country", country), ("presence", presence)):
        overall, per_lang, langs = TARGETS[name]
        if vals[0] < overall:
            missed.append(f"{name} overall {vals[0]:.3f} < {overall}")
        for lang in langs:
            v = vals[1 + LANGUAGES.index(lang)]
            if v < per_lang:
                missed.append(f"{name} {lang} {v:.3f} < {per_lang}")
    return "targets (country >=0.95, each lang >=0.90; presence >=0.85, fr/ru >=0.75): " + (
        "met" if not missed else "MISSED: " + "; ".join(missed))


FIRST_CONTACT = Path(__file__).with_name("first_contact.tsv")



def first_contact() -> dict[str, list[str]]:
    rows = {}
    for line in FIRST_CONTACT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cells = line.split("\t")
            rows[cells[0]] = cells
    return rows


def loso(rules_only: bool = False, folds: int = 0) -> int:
    """Per set: first contact beside today (presence P/R/F1, per language); per rule: precision
    over every set; the learned layer (per-rule calibrated confidence) scored leave-one-set-out."""
    import news.presence.crosssentence as crosssentence
    import news.presence.endings as endings
    import news.presence.support as support
    from news.evaluate import (
        fit_cooccurrence,
        fit_distant,
        fit_endings,
        fit_support,
        learned_examples,
        with_distant,
        with_endings,
        with_learned,
        with_support,
    )
    from news.presence.cooccurrence import STRENGTH, THRESHOLD

    sets = labelled_sets()
    scored = {}
    examples = {}
    ending_ex = {}
    distant_ex = {}
    for name, path in sets.items():  # every learned part is fitted and scored below, leave-one-set-out
        rows = load_jsonl(path)
        read = learned_examples(rows)  # the rules alone, their own confidences: one pass for every part
        scored[name] = (rows, read.records)
        examples[name], ending_ex[name], distant_ex[name] = read.pairs, read.endings, read.distant
    if not rules_only:
        history = first_contact()
        print("presence per set: first contact (before any rule was written for the set); the rules today; today")
        print("with the co-occurrence layer; with it and the status check (news/presence/endings.py); with those")
        print("and the support check (news/presence/support.py); and with all of them and the cross-sentence layer")
        print("(news/presence/crosssentence.py), every learned part fitted on every other set (leave-one-set-out):")
        print("P, R, F1 and per language")
        print(f"{'set':<16} {'first F1':>8} {'rules':>6} {'layer':>6} {'status':>6} {'suppt':>6} {'P':>6} {'R':>6} "
              f"{'F1':>6}   "
              f"{'en':>5} {'fr':>5} {'ru':>5}  articles")
        total = {k: Counts() for k in ("all", *LANGUAGES)}
        rules_total = Counts()
        layer_total = Counts()
        status_total = Counts()
        support_total = Counts()
        # which sets each fit leaves out: the set itself, or with --folds N every Nth set together
        group = {name: (i % folds if folds else i) for i, name in enumerate(scored)}
        fitted: dict[int, tuple] = {}
        for name, (rows, ours) in scored.items():
            g = group[name]
            if g not in fitted:
                if not folds:
                    fitted.clear()  # one set at a time: its models serve no other set
                out = [k for k in scored if group[k] != g]
                fitted[g] = (
                    fit_cooccurrence((e for k in out for e in examples[k]), STRENGTH, THRESHOLD),
                    fit_endings((e for k in out for e in ending_ex[k]), endings.STRENGTH, endings.THRESHOLD),
                    fit_support((e for k in out for e in ending_ex[k]), support.STRENGTH, support.THRESHOLD),
                    fit_distant((e for k in out for e in distant_ex[k]), crosssentence.STRENGTH,
                                crosssentence.THRESHOLD))
            model, ending, backing, apart = fitted[g]
            alone = score(rows, predicted_presence(ours), gold_presence)["all"]
            layered = with_learned(ours, examples[name], model)
            layer = score(rows, layered, gold_presence)["all"]
            status = with_endings(layered, ending_ex[name], ending)
            checked = score(rows, status, gold_presence)["all"]
            supported = with_support(status, ending_ex[name], backing)
            held = score(rows, supported, gold_presence)["all"]
            for t, c in ((rules_total, alone), (layer_total, layer), (status_total, checked), (support_total, held)):
                t.tp, t.fp, t.fn = t.tp + c.tp, t.fp + c.fp, t.fn + c.fn
            counts = score(rows, with_distant(supported, distant_ex[name], apart), gold_presence)
            for k in total:
                total[k].tp += counts[k].tp
                total[k].fp += counts[k].fp
                total[k].fn += counts[k].fn
            p, r, f = counts["all"].prf()
            langs = " ".join(f"{counts[k].prf()[2]:5.3f}" for k in LANGUAGES)
            fc = history.get(name, [""] * 8)[7] if name in history else "-"
            print(f"{name:<16} {fc:>8} {alone.prf()[2]:6.3f} {layer.prf()[2]:6.3f} {checked.prf()[2]:6.3f} "
                  f"{held.prf()[2]:6.3f} {p:6.3f} {r:6.3f} {f:6.3f}   "
                  f"{langs}  {len(rows):>8}")
        p, r, f = total["all"].prf()
        langs = " ".join(f"{total[k].prf()[2]:5.3f}" for k in LANGUAGES)
        print(f"{'all sets':<16} {'':>8} {rules_total.prf()[2]:6.3f} {layer_total.prf()[2]:6.3f} "
              f"{status_total.prf()[2]:6.3f} {support_total.prf()[2]:6.3f} {p:6.3f} {r:6.3f} {f:6.3f}   {langs}")
        rp, rr, _ = rules_total.prf()
        lp, lr, _ = layer_total.prf()
        sp, sr, _ = status_total.prf()
        hp, hr, _ = support_total.prf()
        print(f"pooled: the rules alone P {rp:.3f} R {rr:.3f}; with the layer P {lp:.3f} R {lr:.3f}; with the "
              f"status check P {sp:.3f} R {sr:.3f}; with the support check P {hp:.3f} R {hr:.3f}; with every "
              f"learned part ({f'{folds} folds' if folds else 'leave-one-set-out'}) P {p:.3f} R {r:.3f}")
    print("\nprecision per rule over every set (a triple given by several rules counts for each)")
    per_rule: dict[str, Counts] = {}
    for rows, ours in scored.values():
        for rule, c in rule_counts(rows, ours).items():
            t = per_rule.setdefault(rule, Counts())
            t.tp += c.tp
            t.fp += c.fp
    print(f"{'rule':<24} {'right':>6} {'wrong':>6} {'precision':>9}")
    for rule, c in sorted(per_rule.items(), key=lambda kv: -(kv[1].tp + kv[1].fp)):
        print(f"{rule:<24} {c.tp:>6} {c.fp:>6} {c.tp / (c.tp + c.fp):9.3f}")
    if rules_only:
        return 0
    print("\nlearned confidence per rule, leave-one-set-out: Brier score of each predicted triple's")
    print("confidence against being right (lower is better), the rules' own against the learned")
    print(f"{'left out':<16} {'triples':>7} {'rules':>7} {'learned':>8}")
    own_sum = learned_sum = 0.0
    n_sum = 0
    for name, (rows, ours) in scored.items():
        table = fit_calibration(v for k, v in scored.items() if k != name)
        own, n = brier(rows, ours)
        learned, _ = brier(rows, ours, table)
        own_sum, learned_sum, n_sum = own_sum + own * n, learned_sum + learned * n, n_sum + n
        print(f"{name:<16} {n:>7} {own:7.3f} {learned:8.3f}")
    print(f"{'all (weighted)':<16} {n_sum:>7} {own_sum / n_sum:7.3f} {learned_sum / n_sum:8.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loso", action="store_true",
                    help="every labelled set: first contact beside today, precision per rule, and the learned "
                         "confidence scored leave-one-set-out")
    ap.add_argument("--rules", action="store_true", help="precision per rule id over every labelled set")
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="labelled JSON Lines file")
    ap.add_argument("--folds", type=int, default=0,
                    help="with --loso: hold sets out N folds at a time (every Nth set together; N fits per "
                         "part instead of one per set, as the slow tests do); 0, the default, one set at a time")
    ap.add_argument("--verbose", action="store_true", help="list the articles with errors")
    ap.add_argument("--thresholds", default="", help="comma-separated city population thresholds to compare")
    args = ap.parse_args(argv)
    if args.loso or args.rules:
        return loso(rules_only=args.rules and not args.loso, folds=args.folds)

    if not args.eval.is_file():
        print(f"note: no labelled set at {args.eval}; nothing to measure (pass --eval PATH).")
        return 0
    rows = load_jsonl(args.eval)

    ours = run_cli(args.eval)
    if ours is not None:
        path = "CLI (python -m news extract)"
    else:
        path = "in-process fallback (python -m news extract failed or is missing)"
        ours = predict(rows)
    print(f"{len(rows)} articles from {args.eval}; ours via {path}")

    ours_countries = predicted_countries(ours)
    geotext = {r["id"]: geotext_countries(r["text"]) for r in rows}
    flash_engine = load_flashgeotext()
    flash = {r["id"]: flashgeotext_countries(r["text"], flash_engine) for r in rows}
    country = {
        "ours": score(rows, ours_countries, gold_countries),
        "geotext": score(rows, geotext, gold_countries),
        "flashgeotext": score(rows, flash, gold_countries),
    }
    print_table("countries per article (P R F1)", country)

    ours_presence = predicted_presence(ours)
    naive = naive_presence(rows, ours)
    presence = {"ours": score(rows, ours_presence, gold_presence), "naive": score(rows, naive, gold_presence)}
    print_table("presence (actor, country, status) per article (P R F1)", presence)

    if args.verbose:
        print_errors(rows, ours_countries, gold_countries, "country")
        print_errors(rows, ours_presence, gold_presence, "presence")

    values = [int(v) for v in re.split(r"[,\s]+", args.thresholds.strip()) if v]
    if values:
        thresholds(rows, values)

    c, p = _f1s(country["ours"]), _f1s(presence["ours"])
    g, f, n = _f1s(country["geotext"])[0], _f1s(country["flashgeotext"])[0], _f1s(presence["naive"])[0]
    print(f"summary: ours via {path.split(' (')[0]}, {len(rows)} articles")
    print(f"country F1 overall: {c[0]:.3f} (geotext {g:.3f}, flashgeotext {f:.3f})")
    print(f"country F1 en/fr/ru: {c[1]:.3f} / {c[2]:.3f} / {c[3]:.3f}")
    print(f"presence F1 overall: {p[0]:.3f} (naive baseline {n:.3f})")
    print(f"presence F1 en/fr/ru: {p[1]:.3f} / {p[2]:.3f} / {p[3]:.3f}")
    print(_targets_line(c, p))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
