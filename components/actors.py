"""Actor colours and labels for the map, the legend and the timeline.

Read from ``news.actors.load_actors()`` when that module is importable, so a user can add an
actor in its config without touching code; otherwise fall back to the two default actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_COLOURS = {"wagner": "#d62728", "russia": "#1f77b4"}
DEFAULT_LABELS = {"wagner": "Wagner Group / Africa Corps", "russia": "Russian state forces"}
FALLBACK_PALETTE = ("#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


@dataclass(frozen=True, slots=True)
class ActorStyle:
    key: str
    label: str
    colour: str  # "#rrggbb"

    @property
    def rgb(self) -> tuple[int, int, int]:
        return hex_to_rgb(self.colour)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    m = _HEX.match(colour.strip())
    if not m:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    h = m.group(1)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _configured() -> dict[str, ActorStyle]:
    try:
        from news.actors import load_actors  # type: ignore[import-not-found]
    except Exception:  # the config module is optional
        return {}
    try:
        actors = load_actors()
    except Exception:  # a broken config must not break the page
        return {}
    out: dict[str, ActorStyle] = {}
    for key, a in actors.items():
        colour = getattr(a, "colour", None) or DEFAULT_COLOURS.get(key, "")
        try:
            hex_to_rgb(colour)
        except ValueError:
            colour = DEFAULT_COLOURS.get(key, FALLBACK_PALETTE[len(out) % len(FALLBACK_PALETTE)])
        out[key] = ActorStyle(key, getattr(a, "label", None) or DEFAULT_LABELS.get(key, key), colour)
    return out


def actor_styles(keys: list[str] | tuple[str, ...] = ()) -> dict[str, ActorStyle]:
    """Styles for the configured actors plus any ``keys`` seen in the data, in a stable order."""
    styles = _configured()
    for key, colour in DEFAULT_COLOURS.items():
        styles.setdefault(key, ActorStyle(key, DEFAULT_LABELS[key], colour))
    used = {s.colour.lower() for s in styles.values()}
    free = [c for c in FALLBACK_PALETTE if c not in used]
    for key in keys:
        if key not in styles:
            colour = free.pop(0) if free else FALLBACK_PALETTE[len(styles) % len(FALLBACK_PALETTE)]
            styles[key] = ActorStyle(key, key.replace("_", " ").title(), colour)
    return styles
