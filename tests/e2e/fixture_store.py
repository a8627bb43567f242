"""A small, hand-made store for dashboard tests: two actors, present and ended, a hostile article.

Written through the store API (``news.store.Store.write``), so the tests exercise the same
files the ingest writes, without depending on the extraction pipeline or the sample corpus.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from geo.types import Mention
from news.models import Article, Claim, article_id
from news.store import Batch, Store

XSS_TITLE = "<img src=x onerror=alert(1)>"
XSS_URL = "javascript:alert(document.domain)"
INGESTED = datetime(2025, 1, 15, 12, 0)  # what `ingest` stamps (UTC): the "what changed since" view reads it

# (actor, iso3, place, lat, lon, status, date, outlet, language, title, url)
ROWS = [
    ("wagner", "MLI", "Bamako", 12.65, -8.0, "present", date(2021, 12, 23), "RFI", "fr", "Des mercenaires russes arrivent à Bamako", None),
    ("wagner", "MLI", "Moura", 14.07, -4.7, "present", date(2022, 3, 30), "Reuters", "en", "Massacre in Moura", "https://example.org/moura"),
    ("wagner", "MLI", None, None, None, "ended", date(2023, 6, 10), "Reuters", "en", "Wagner says it leaves Mali", None),
    ("wagner", "MLI", None, None, None, "present", date(2024, 7, 28), "Le Monde", "fr", "Tinzaouaten: Wagner convoy ambushed", None),
    ("wagner", "CAF", "Bangui", 4.36, 18.56, "present", date(2018, 3, 1), "Reuters", "en", "Russian instructors in Bangui", None),
    ("wagner", "CAF", None, None, None, "present", date(2023, 2, 1), "Meduza", "ru", "Вагнер в ЦАР", None),
    ("wagner", "MOZ", "Pemba", -12.97, 40.52, "present", date(2019, 9, 15), "Reuters", "en", "Wagner contractors in Cabo Delgado", None),
    ("wagner", "MOZ", None, None, None, "ended", date(2020, 4, 2), "Reuters", "en", "Wagner pulls out of Mozambique", None),
    ("wagner", "LBY", None, None, None, "present", date(2020, 5, 20), "Reuters", "en", XSS_TITLE, XSS_URL),
    ("wagner", "GNQ", None, None, None, "present", date(2024, 9, 5), "Le Monde", "fr", "Africa Corps instructors reported in Malabo", None),
    ("russia", "LBY", None, None, None, "present", date(2019, 9, 20), "Reuters", "en", "Russian air defence crews in Libya", None),
    ("russia", "SYR", "Latakia", 35.52, 35.79, "present", date(2015, 9, 30), "Reuters", "en", "Russian jets strike in Syria", None),
    ("russia", "SYR", None, None, None, "present", date(2019, 1, 5), "Meduza", "ru", "Российские военные в Сирии", None),
    ("russia", "SYR", None, None, None, "ended", date(2024, 12, 20), "Reuters", "en", "Russia pulls back from Syrian bases", None),
    ("russia", "UKR", None, None, None, "present", date(2022, 2, 24), "Reuters", "en", "Russian troops cross into Ukraine", None),
    ("russia", "BLR", None, None, None, "present", date(2022, 2, 10), "Reuters", "en", "Russian troops drill in Belarus", None),
]


def build(root: str | Path) -> Store:
    store = Store(root)
    batch = []
    for i, (actor, iso3, place, lat, lon, status, day, outlet, lang, title, url) in enumerate(ROWS):
        evidence = f"Sentence {i}: forces of {actor} were reported in {iso3} ({status})."
        # the Moura article makes two claims: the sources list groups them under one entry
        second = f"Sentence {i}b: forces of {actor} were reported in {iso3} again." if title == "Massacre in Moura" else ""
        text = f"{title}. {evidence} {second + ' ' if second else ''}More context follows."
        aid = article_id(url if url and url.startswith("http") else None, text)
        art = Article(id=aid, url=url, title=title, outlet=outlet, published=day, language=lang, text=text,
                      source="fixture", ingested_at=INGESTED)
        s = text.index(iso3)
        mention = Mention(start=s, end=s + 3, surface=iso3, kind="country", iso3=iso3, lat=lat or 0.0,
                          lon=lon or 0.0, sentence=evidence)
        claim = Claim(article_id=aid, actor=actor, iso3=iso3, place=place, lat=lat if lat is not None else float("nan"),
                      lon=lon if lon is not None else float("nan"), status=status, date=day, evidence=evidence,
                      cue=f"forces of {actor} … were reported in",  # news.presence's "actor … cue" form
                      confidence=0.6 + 0.02 * i)
        claims = [claim]
        if second:
            claims.append(replace(claim, evidence=second, confidence=claim.confidence - 0.01))
        batch.append(Batch(article=art, mentions=[mention], claims=claims))
    store.write(batch)
    return store


if __name__ == "__main__":
    import sys

    build(sys.argv[1])


NEAR_TOWN = ("Kidal", 18.44, 1.41)
NEAR_LEAD = "Fighting broke out in Kidal on Monday."
NEAR_CLAIM = "Forces of wagner were reported in MLI alongside the army."


def add_near_article(root: str | Path) -> Store:
    """One more Mali article whose claim names no town, though the sentence before it names Kidal."""
    store = Store(root)
    town, lat, lon = NEAR_TOWN
    text = f"Kidal retaken. {NEAR_LEAD} {NEAR_CLAIM} More context follows."
    aid = article_id(None, text)
    day = date(2023, 11, 14)
    art = Article(id=aid, url=None, title="Kidal retaken", outlet="RFI", published=day, language="en", text=text,
                  source="fixture")
    k = text.index(town, text.index(NEAR_LEAD))
    c = text.index("MLI")
    mentions = [
        Mention(start=k, end=k + len(town), surface=town, kind="city", iso3="MLI", lat=lat, lon=lon, sentence=NEAR_LEAD),
        Mention(start=c, end=c + 3, surface="MLI", kind="country", iso3="MLI", lat=17.0, lon=-4.0, sentence=NEAR_CLAIM),
    ]
    claim = Claim(article_id=aid, actor="wagner", iso3="MLI", place=None, lat=float("nan"), lon=float("nan"),
                  status="present", date=day, evidence=NEAR_CLAIM, cue="forces of wagner … were reported in",
                  confidence=0.7)
    store.write([Batch(article=art, mentions=mentions, claims=[claim])])
    return store
