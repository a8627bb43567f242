"""Places named near a claim: the map's second kind of city dot (issue 16, defect 12).

A claim's ``place`` is set only when a town is named in the claim's own sentence, and not
always then ("Russian instructors arrived in Madagascar, the ministry in Antananarivo said"
has none). News prose names the town once and then says "there" or "the base": "Fighting broke
out in Kidal on Monday. Wagner fighters were seen alongside the army." So a town is taken as
named near a claim when, in the same article:

- it is a city or capital mention (not a region: a region's point is a centroid, not a place
  anyone was seen), inside the claimed country, with a known point;
- it is not the claim's own place (that one already has its dot, "naming this place");
- it lies in the claim's sentence, or ends at most ``BEFORE`` characters before that sentence
  starts (the two or three sentences of a news paragraph a sentence refers back to), or starts
  at most ``AFTER`` characters after it ends (the sentence that follows, which often names the
  town a claim's "there" points to in reverse order: "... deployed there. The town of X ...").

Characters, not sentence counts: the store keeps each mention's offsets and sentence but not the
article's sentence breaks, and a distance in characters is the same across languages and does
not grow with a paragraph of one-word sentences. The claim's sentence is located by the
mentions found in it (its iso3 came from one); a claim whose sentence has no mention is skipped.

Pure: stored rows in (pandas frames with the store's column names), rows out.
"""

from __future__ import annotations

import pandas as pd

BEFORE = 400  # characters before the claim's sentence: about a news paragraph's lead-in
AFTER = 200  # characters after it: about one sentence
KINDS = ("city", "capital")
SAME_POINT = 0.05  # degrees: a mention this close to the claim's own place is that place
NEAR_COLUMNS = ["actor", "iso3", "place", "lat", "lon", "claims"]


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("lat", "lon") else "object") for c in NEAR_COLUMNS})


def claim_spans(claims: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Each claim with ``s0``/``s1``: where its sentence lies in the article, in characters.

    A mention's ``sentence`` is its sentence's text and ``start`` its offset in the article, so
    the sentence starts at ``start`` minus the mention's place in it; a claim's ``evidence`` is
    its sentence. Claims whose sentence holds no mention get no span (dropped).
    """
    m = mentions[["article_id", "start", "surface", "sentence"]].dropna()
    if m.empty or claims.empty:
        return claims.iloc[0:0].assign(s0=pd.Series(dtype="int64"), s1=pd.Series(dtype="int64"))
    within = [str(sent).find(str(surf)) for sent, surf in zip(m["sentence"], m["surface"], strict=True)]
    m = m.assign(s0=m["start"].astype("int64") - pd.Series(within, index=m.index, dtype="int64"))
    m = m[pd.Series(within, index=m.index) >= 0]
    starts = m.groupby(["article_id", "sentence"], sort=False)["s0"].min().rename("s0").reset_index()
    out = claims.merge(starts, left_on=["article_id", "evidence"], right_on=["article_id", "sentence"], how="inner")
    out = out.drop(columns=["sentence"])
    out["s1"] = out["s0"] + out["evidence"].str.len()
    return out


def near_rows(claims: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Every (claim, town mention) pair where the town is named near the claim (see the module doc).

    One row per pair, with the claim's own columns (its point as ``lat_claim``/``lon_claim``),
    ``claim`` (the claim's row number in ``claims``) and the town's ``surface`` and point rounded
    to 3 decimals. Extra claim columns (a month, a pair code) ride along, which is what lets
    ``news.store.queries.MonthParts`` tally these once per month and add the months of a window.
    """
    claims = claims.reset_index(drop=True).assign(claim=lambda d: range(len(d)))
    if claims.empty or mentions.empty:
        return claims.iloc[0:0].assign(surface=pd.Series(dtype="object"))
    spans = claim_spans(claims, mentions)
    towns = mentions[mentions["kind"].isin(KINDS) & mentions["lat"].notna() & mentions["lon"].notna()
                     & mentions["iso3"].notna()]
    if spans.empty or towns.empty:
        return claims.iloc[0:0].assign(surface=pd.Series(dtype="object"))
    pairs = spans.merge(towns[["article_id", "iso3", "start", "end", "surface", "lat", "lon"]],
                        on=["article_id", "iso3"], suffixes=("_claim", ""))
    if pairs.empty:
        return pairs
    before = (pairs["end"] <= pairs["s0"]) & (pairs["s0"] - pairs["end"] <= BEFORE)
    inside = (pairs["start"] >= pairs["s0"]) & (pairs["end"] <= pairs["s1"])
    after = (pairs["start"] >= pairs["s1"]) & (pairs["start"] - pairs["s1"] <= AFTER)
    own = (pairs["place"].notna() & ((pairs["lat"] - pairs["lat_claim"]).abs() <= SAME_POINT)
           & ((pairs["lon"] - pairs["lon_claim"]).abs() <= SAME_POINT))
    near = pairs[(before | inside | after) & ~own].copy()
    near["lat"] = near["lat"].round(3)
    near["lon"] = near["lon"].round(3)
    return near


def tally(near: pd.DataFrame, keys: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``near_rows`` counted by ``keys`` (which hold a point: ``lat``, ``lon``): the distinct claims
    named near each point (``claims``), and how often each name was written for it (``n``).

    Both add up over any split of the claims (a claim lies in one month), so a window's tally is
    the sum of its months' tallies."""
    counted = near.drop_duplicates([*keys, "claim"]).groupby(keys, sort=False).size().rename("claims").reset_index()
    names = near.groupby([*keys, "surface"], sort=False).size().rename("n").reset_index()
    return counted, names


def combine(counted: pd.DataFrame, names: pd.DataFrame) -> pd.DataFrame:
    """``NEAR_COLUMNS`` from a tally by actor × country × point: ``place`` the name most often
    written for the point (a Russian text declines it: "Бенгази", "Бенгази"), ties to the first in
    order; most claims first, then actor, place, country and point (a total order: the answer
    never depends on the order the claims were read in)."""
    if counted.empty:
        return _empty()
    keys = ["actor", "iso3", "lat", "lon"]
    best = (names.sort_values(["n", "surface"], ascending=[False, True], kind="stable")
            .drop_duplicates(keys)[[*keys, "surface"]].rename(columns={"surface": "place"}))
    out = counted[[*keys, "claims"]].merge(best, on=keys, how="left")
    out = out.sort_values(["claims", "actor", "place", "iso3", "lat", "lon"],
                          ascending=[False, True, True, True, True, True], kind="stable")
    out["claims"] = out["claims"].astype("int64")
    return out[NEAR_COLUMNS].reset_index(drop=True)


def near_places(claims: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Cities named near each claim, one row per actor × country × point (see the module doc).

    ``claims``: article_id, actor, iso3, place, lat, lon, evidence (one row per claim).
    ``mentions``: the store's mention rows of those articles.
    Returns ``NEAR_COLUMNS``: ``place`` the name most often written for that point, ``claims``
    how many claims it was named near; most claims first.
    """
    near = near_rows(claims, mentions)
    if near.empty:
        return _empty()
    return combine(*tally(near, ["actor", "iso3", "lat", "lon"]))


def without_claimed(near: pd.DataFrame, claimed: pd.DataFrame) -> pd.DataFrame:
    """``near`` less the points that already have a claim's own dot for the same actor."""
    if near.empty or claimed is None or claimed.empty:
        return near
    # one merge on the actor instead of a filter of ``claimed`` per near row (a few hundred rows
    # each, but the loop cost a quarter of a second per rerun)
    left = near[["actor", "lat", "lon"]].reset_index(drop=True).assign(row=lambda d: range(len(d)))
    both = left.merge(claimed[["actor", "lat", "lon"]], on="actor", suffixes=("", "_own"))
    close = ((both["lat_own"] - both["lat"]).abs() <= SAME_POINT) & ((both["lon_own"] - both["lon"]).abs() <= SAME_POINT)
    taken = set(both.loc[close, "row"])
    keep = [i not in taken for i in range(len(near))]
    return near[keep].reset_index(drop=True)
