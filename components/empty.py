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

# what to do about each filter, when resetting it alone brings rows back
_ADVICE = {
    "actors": "add the actors left out (the actor filter)",
    "window": "widen the date window",
    "countries": "clear the country filter",
    "statuses": "show both statuses (the status filter)",
    "min_confidence": "lower the minimum confidence",
    "languages": "clear the language filter",
    "outlets": "clear the outlet filter",
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


def _helps(state: ViewState, options: Options, count: Callable[[ViewState], int]) -> list[str] | None:
    """Advice for each filter whose reset alone brings rows back; None when no filter is narrowed."""
    tries = relaxations(state, options)
    if not tries:
        return None
    out = []
    for name, relaxed in tries.items():
        n = count(relaxed)
        if n:
            out.append(f"{_ADVICE[name]} (would show {n} row{'s' * (n != 1)})")
    return out


def explain_empty(state: ViewState, options: Options, count: Callable[[ViewState], int]) -> str:
    """A sentence naming the filters whose reset would bring rows back (``count`` runs the query).

    Only filters that are narrowed and whose reset alone changes the result are named: a date
    window that already spans the whole period is never the advice.
    """
    helps = _helps(state, options, count)
    if helps is None:
        return "The store has no presence claims yet: ingest articles that mention an actor in a country."
    if helps:
        return "No rows match these filters. To see some, " + "; or ".join(helps) + "."
    return "No rows match these filters, and no single filter alone is to blame: reset the filters in the sidebar."


def explain_no_sources(place: str, state: ViewState, options: Options, count: Callable[[ViewState], int]) -> str:
    """Why the selected country lists no sentence: ``count`` counts that country's rows under a state."""
    helps = _helps(state, options, count)
    if helps:
        return f"No evidence sentences for {place} with these filters. To see some, " + "; or ".join(helps) + "."
    if helps is None:
        return f"Nothing is reported in {place} in the whole period: pick another country."
    return (f"No evidence sentences for {place}, and no single filter alone would bring any back: "
            "pick another country, or reset the filters in the sidebar.")
