"""Analyst review of presence claims (issue 18): the ``reviews/`` table of the store, the claim
key reviews are filed under, applying them to what every read path shows, the command line's
``footprint review`` and ``footprint eval --reviews``.

Modules: ``schema`` (columns, decisions, reasons), ``keys`` (the claim key), ``records``
(building and checking one review), ``apply`` (pure: reviews over claim rows), ``view`` (the
store connection's ``claims`` view with reviews applied), ``log`` (appending and reading the
table), ``labelled`` (reviewed articles as labelled JSONL), ``score`` (the machine measured
against the reviews), ``commands`` (what the CLI runs).
"""
