"""A map colouring of the base countries: neighbours never share a shade.

Why: the map has no tile server, so its base is the countries themselves, and a reader tells one
from the next by its shade. Drawing the borders as lines was tried (a stroked base layer: tens of
thousands of path vertices) and made every redraw and every press on the map cost seconds under
software WebGL, so clicks were lost. A proper colouring costs nothing to draw and holds at every
zoom, as political maps have long done with four or five tints: a shade hashed from the country
code (the earlier way) gave neighbours the same grey one time in four.

``neighbours`` reads adjacency off the shapes the map draws (shapely's STRtree: a few tenths of a
second once per process); ``colour_map`` is DSatur (Brélaz, 1979): colour next the country whose
neighbours already use the most colours, ties to the one with most neighbours, then by code, so
the result is the same on every machine. On Natural Earth's countries it needs four colours.
"""

from __future__ import annotations

from collections.abc import Mapping

import shapely
from shapely.geometry.base import BaseGeometry

# degrees: the map's shapes are simplified (components.deck.country_shapes, 0.05°), so two
# neighbours' outlines may part by a little; islands a strait apart count too (they are drawn
# side by side and need telling apart as much as a land border)
NEAR = 0.05


def neighbours(geometries: Mapping[str, BaseGeometry], near: float = NEAR) -> dict[str, set[str]]:
    """Each key's neighbours: the keys whose geometry lies within ``near`` of its own."""
    keys = sorted(geometries)
    geoms = [geometries[k] for k in keys]
    out: dict[str, set[str]] = {k: set() for k in keys}
    left, right = shapely.STRtree(geoms).query(geoms, predicate="dwithin", distance=near)
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i != j:
            out[keys[i]].add(keys[j])
            out[keys[j]].add(keys[i])
    return out


def colour_map(adjacency: Mapping[str, set[str] | frozenset[str]]) -> dict[str, int]:
    """A colour (0, 1, 2, ...) per key such that no two neighbours share one, by DSatur.

    ``adjacency`` must be symmetric (as ``neighbours`` gives it); a key's neighbours that are not
    keys themselves are ignored. Colour 0 is the most used, so the base shade the eye meets most
    is the first one.
    """
    uncoloured = sorted(adjacency)
    degree = {k: sum(1 for n in adjacency[k] if n in adjacency) for k in uncoloured}
    seen: dict[str, set[int]] = {k: set() for k in uncoloured}  # colours among each key's neighbours
    colours: dict[str, int] = {}
    while uncoloured:
        # max keeps the first of equals, and the list is sorted: ties go to the smallest code
        pick = max(uncoloured, key=lambda k: (len(seen[k]), degree[k]))
        uncoloured.remove(pick)
        colour = next(c for c in range(len(adjacency) + 1) if c not in seen[pick])
        colours[pick] = colour
        for other in adjacency[pick]:
            if other in seen:
                seen[other].add(colour)
    return colours
