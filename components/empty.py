"""Empty states that say what to do: no store, or which filter removed every row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from components.state import Options, ViewState, default_state

NO_STORE = (
    "No articles in the store at `{root}`. Build one from the sample corpus with\n\n"
    "```\npython -m news ingest data/sample/briefs.jsonl --store {root}\n```\n\n"
    "or point the dashboard at another store with `FOOTPRINT_STORE=/path/to/store`."
)

_LABELS = {
    "actors": "the actor filter",
    "window": "the date window",
    "countries": "the country filter",
    "statuses": "the status filter",
    "min_confidence": "the minimum confidence",
    "languages": "the language filter",
    "outlets": "the outlet filter",
}


def relaxations(state: ViewState, options: Options) -> dict[str, ViewState]:
    """For each filter that is narrower than its default: the state with only that one reset."""
    d = default_state(options)
    out: dict[str, ViewState] = {}
    if set(state.actors) != set(d.actors):
        out["actors"] = replace(state, actors=d.actors)
    if (state.start, state.end) != (d.start, d.end):
        out["window"] = replace(state, start=d.start, end=d.end)
    if state.countries:
        out["countries"] = replace(state, countries=())
    if set(state.statuses) != set(d.statuses):
        out["statuses"] = replace(state, statuses=d.statuses)
    if state.min_confidence > 0:
        out["min_confidence"] = replace(state, min_confidence=0.0)
    if state.languages:
        out["languages"] = replace(state, languages=())
    if state.outlets:
        out["outlets"] = replace(state, outlets=())
    return out


def explain_empty(state: ViewState, options: Options, count: Callable[[ViewState], int]) -> str:
    """A sentence naming the filters whose reset would bring rows back (``count`` runs the query)."""
    tries = relaxations(state, options)
    if not tries:
        return "The store has no presence claims yet: ingest articles that mention an actor in a country."
    helps = []
    for name, relaxed in tries.items():
        n = count(relaxed)
        if n:
            helps.append(f"{_LABELS[name]} (would show {n} row{'s' * (n != 1)})")
    if helps:
        return "No rows match these filters. Widen " + "; or ".join(helps) + "."
    return "No rows match these filters, and no single filter alone is to blame: reset the filters in the sidebar."
