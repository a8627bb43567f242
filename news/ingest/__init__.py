"""Ingest: sources in, processed articles committed to the store.

- ``report``: what a run did (``IngestReport``) and its progress bar;
- ``partitions``: the input planned and cut into ordered partitions, and a worker's share;
- ``commit``: partition results committed in source order;
- engines: ``local`` (one process), ``pool`` (processes of this machine), ``dask``.
"""
