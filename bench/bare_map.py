"""The floor of bench/first_paint.py: a Streamlit page with the dashboard's layout (a sidebar,
the map in the wider of two columns, its height) and nothing on it but the base countries, drawn
by the same code (``components.deck.build_deck`` with no rows). What a first paint costs on this
stack and machine before any of Footprint's own layers, filters, charts or tables."""

from __future__ import annotations

import streamlit as st

from components import deck
from components.actors import actor_styles

st.set_page_config(page_title="Footprint — bare map", layout="wide")
with st.sidebar:
    st.markdown("**Filters**")
shapes = deck.country_shapes()
left, _ = st.columns([5, 1])
with left:
    st.pydeck_chart(deck.build_deck(None, shapes, actor_styles(), window_end="2025-06").deck, height=520)
