"""The base map's colouring (geo.colouring): neighbours never share a tint, on any graph and on
the shapes the map draws."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import box

from geo.colouring import colour_map, neighbours


@st.composite
def graphs(draw) -> dict[str, set[str]]:
    nodes = [f"n{i}" for i in range(draw(st.integers(0, 30)))]
    adj: dict[str, set[str]] = {n: set() for n in nodes}
    if len(nodes) > 1:
        for a, b in draw(st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)), max_size=90)):
            if a != b:
                adj[a].add(b)
                adj[b].add(a)
    return adj


@given(graphs())
def test_no_two_neighbours_share_a_colour_and_no_more_colours_than_needed(adj):
    colours = colour_map(adj)
    assert set(colours) == set(adj)
    assert all(colours[a] != colours[b] for a in adj for b in adj[a])
    most = max((len(v) for v in adj.values()), default=0)
    assert set(colours.values()) <= set(range(most + 1))  # greedy never needs more than degree + 1


@given(graphs())
def test_the_colouring_is_the_same_whatever_order_the_countries_come_in(adj):
    shuffled = {k: set(adj[k]) for k in reversed(list(adj))}
    assert colour_map(shuffled) == colour_map(adj)


def test_a_ring_of_five_needs_three_colours_and_a_chain_two():
    ring = {f"r{i}": {f"r{(i - 1) % 5}", f"r{(i + 1) % 5}"} for i in range(5)}
    assert len(set(colour_map(ring).values())) == 3
    chain = {"a": {"b"}, "b": {"a", "c"}, "c": {"b"}}
    assert colour_map(chain) == {"b": 0, "a": 1, "c": 1}


def test_neighbours_are_shapes_within_the_gap_and_only_those():
    shapes = {"W": box(0, 0, 1, 1), "E": box(1.02, 0, 2, 1), "FAR": box(5, 5, 6, 6)}
    adj = neighbours(shapes, near=0.05)
    assert adj == {"W": {"E"}, "E": {"W"}, "FAR": set()}
    assert neighbours(shapes, near=0.01)["W"] == set()


def test_the_drawn_countries_take_four_tints_and_neighbours_differ():
    from shapely.geometry import shape

    from components.deck import BASE_SHADES, base_shade, country_shapes

    shapes = country_shapes()
    adj = neighbours({k: shape(v["geometry"]) for k, v in shapes.items()})
    assert {"TCD", "MLI", "LBY", "DZA"} <= adj["NER"] and "BRA" in adj["BOL"]
    assert all(base_shade(shapes[a]) != base_shade(shapes[b]) for a in adj for b in adj[a])
    assert {v["shade"] for v in shapes.values()} == set(range(len(BASE_SHADES)))
