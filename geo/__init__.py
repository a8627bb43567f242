"""Places: gazetteer, mention extraction, geocoding and Natural Earth shapes.

Nothing here imports ``news``: places know nothing of articles or actors.
"""
