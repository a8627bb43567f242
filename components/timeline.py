"""Timeline: claims per month per actor, the chosen window shaded."""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.actors import ActorStyle


def monthly_frame(counts: pd.DataFrame | None, months: tuple[str, ...], actors: list[str]) -> pd.DataFrame:
    """Dense month × actor counts (zeros filled) with columns month ("YYYY-MM"), actor, claims."""
    grid = pd.MultiIndex.from_product([list(months), list(actors)], names=["month", "actor"]).to_frame(index=False)
    if counts is None or len(counts) == 0:
        grid["claims"] = 0
        return grid
    df = counts.copy()
    mcol = "month" if "month" in df.columns else df.columns[0]
    df["month"] = pd.to_datetime(df[mcol].astype(str), errors="coerce").dt.strftime("%Y-%m")
    ccol = "claims" if "claims" in df.columns else ("count" if "count" in df.columns else df.columns[-1])
    df = df.dropna(subset=["month"]).groupby(["month", "actor"], as_index=False)[ccol].sum()
    df = df.rename(columns={ccol: "claims"})
    out = grid.merge(df, on=["month", "actor"], how="left")
    out["claims"] = out["claims"].fillna(0).astype(int)
    return out


def timeline_chart(frame: pd.DataFrame, styles: dict[str, ActorStyle], start: str, end: str, height: int = 170):
    actors = [a for a in styles if a in set(frame["actor"])]
    data = frame.copy()
    data["label"] = data["actor"].map(lambda a: styles[a].label if a in styles else a)
    data["date"] = pd.to_datetime(data["month"] + "-01")
    colour = alt.Color(
        "label:N",
        scale=alt.Scale(domain=[styles[a].label for a in actors], range=[styles[a].colour for a in actors]),
        legend=alt.Legend(title=None, orient="top"),
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(date):T", title=None),
            # whole claims: an empty timeline would otherwise read 0.000000 up its axis
            y=alt.Y("sum(claims):Q", title="claims / month", stack=True,
                    axis=alt.Axis(format="d", tickMinStep=1),
                    scale=alt.Scale(domainMin=0, domainMax=1) if int(data["claims"].sum()) == 0 else alt.Undefined),
            color=colour,
            tooltip=[
                alt.Tooltip("yearmonth(date):T", title="month"),
                alt.Tooltip("label:N", title="actor"),
                alt.Tooltip("sum(claims):Q", title="claims"),
            ],
        )
    )
    window = pd.DataFrame(
        {"a": [pd.Timestamp(start + "-01")], "b": [pd.Period(end, freq="M").end_time.normalize()]}
    )
    band = alt.Chart(window).mark_rect(opacity=0.12, color="#444").encode(x="a:T", x2="b:T")
    return (band + bars).properties(height=height)
