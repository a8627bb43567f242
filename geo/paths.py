"""Where Footprint's own files are, installed or in a checkout: the one place that knows.

``pip install .`` installs the repository's top-level files (``dashboard.py``, ``actors.toml``,
``.streamlit/config.toml`` and the data under ``data/``) as package data in the folder
``geo/_root/`` (pyproject.toml maps it onto the top level with ``package-dir``; the repository
keeps its own layout), found here with importlib.resources. In a checkout, or an editable
install, that folder does not exist and the repository's top level is used as it is.

Only what is written at run time differs: from a checkout the default store and the geocoder's
cache stay inside it (``data/store/``, ``.cache/``, both git-ignored); installed, they go to the
user's data and cache folders, never into site-packages.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

INSTALLED_FOLDER = "_root"  # in package geo: the top-level files, as installed


def _root() -> tuple[Path, bool]:
    installed = resources.files("geo") / INSTALLED_FOLDER
    if installed.is_dir():
        return Path(str(installed)), True
    return Path(__file__).resolve().parents[1], False


ROOT, INSTALLED = _root()
DATA = ROOT / "data"
COUNTRIES = DATA / "countries.geojson"
COUNTRIES_FULL = DATA / "countries_full.geojson.gz"  # full resolution, valid: for exports
GAZETTEER = DATA / "gazetteer" / "places.tsv.gz"
SAMPLE = DATA / "sample" / "briefs.jsonl"
CALIBRATION = DATA / "calibration.json"
COOCCURRENCE = DATA / "cooccurrence.json"
ENDINGS = DATA / "endings.json"
SUPPORT = DATA / "support.json"
CROSSSENTENCE = DATA / "crosssentence.json"
ACTORS = ROOT / "actors.toml"
DASHBOARD = ROOT / "dashboard.py"


def _user_dir(variable: str, fallback: str) -> Path:
    return Path(os.environ.get(variable) or Path.home() / fallback) / "footprint"


# Defaults only: FOOTPRINT_STORE, --store and FOOTPRINT_GEOCODE_CACHE override them where read.
DEFAULT_STORE = _user_dir("XDG_DATA_HOME", ".local/share") / "store" if INSTALLED else DATA / "store"
GEOCODE_CACHE = (_user_dir("XDG_CACHE_HOME", ".cache") if INSTALLED else ROOT / ".cache") / "nominatim.json"
