"""Points for mentions through a geopy geocoder (``geo.resolve``), in the pipeline and the command.

The Nominatim cases run ``footprint ingest --geocoder nominatim`` as a command against a fake
server on 127.0.0.1 that answers /search in Nominatim's JSON: the right place, a namesake in
the wrong country, and no server at all. The offline default must leave every point as the
gazetteer gave it.
"""

from __future__ import annotations

import json
import os
import pickle
import socket
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.resolve import Resolver, resolve
from geo.types import Mention
from news.ingest.pipeline import Pipeline
from news.pipeline import process
from news.sources.common import make_article
from tests.fixtures.nominatim import FakeNominatim

REPO = Path(__file__).resolve().parents[1]
TEXT = "Wagner fighters arrived in Kidal in March, residents said.\n"
# Where the gazetteer puts Kidal (what the server must not be confused with).
GAZETTEER_KIDAL = (18.4434, 1.4092)


def answer(name: str, lat: float, lon: float, cc: str, typ: str = "town") -> dict:
    return {"lat": str(lat), "lon": str(lon), "display_name": name, "name": name.split(",")[0],
            "class": "place", "type": typ, "importance": 0.5, "address": {"country_code": cc}}


def ingest(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    source = tmp_path / "brief.txt"
    source.write_text(TEXT, encoding="utf-8")
    environ = {**os.environ, "FOOTPRINT_STORE": str(tmp_path / "store"), "PYTHONPATH": str(REPO),
               "FOOTPRINT_GEOCODE_CACHE": str(tmp_path / "nominatim.json"),
               "FOOTPRINT_CONFIG": str(tmp_path / "no-config.toml"), **env}
    if "FOOTPRINT_USER_AGENT" not in env:
        environ.pop("FOOTPRINT_USER_AGENT", None)
    return subprocess.run([sys.executable, "-m", "news", "ingest", str(source), "--date", "2024-03-20", *args],
                          cwd=REPO, env=environ, capture_output=True, text=True, timeout=120)


def rows(tmp_path: Path, table: str) -> list[dict]:
    files = sorted((tmp_path / "store" / table).glob("part-*.parquet"))
    return [r for f in files for r in pq.read_table(f).to_pylist()]


def summary(stderr: str) -> str:
    return [ln for ln in stderr.splitlines() if ln.startswith("ingested ")][-1]


def test_nominatim_points_reach_mentions_and_claims(tmp_path: Path) -> None:
    answers = {"kidal": [answer("Kidal, Région de Kidal, Mali", 18.4411, 1.4078, "ml")]}
    with FakeNominatim(answers) as fake:
        done = ingest(tmp_path, "--geocoder", "nominatim", "--nominatim-url", fake.url,
                      FOOTPRINT_USER_AGENT="footprint-test/1 (tests@example.org)")
    assert done.returncode == 0, done.stderr
    kidal = [m for m in rows(tmp_path, "mentions") if m["surface"] == "Kidal"]
    assert [(m["iso3"], m["lat"], m["lon"]) for m in kidal] == [("MLI", 18.4411, 1.4078)]
    claims = [c for c in rows(tmp_path, "claims") if c["actor"] == "wagner"]
    assert [(c["iso3"], c["place"], c["lat"], c["lon"]) for c in claims] == [("MLI", "Kidal", 18.4411, 1.4078)]
    assert (18.4411, 1.4078) != GAZETTEER_KIDAL
    assert fake.asked.count("Kidal") == 1  # once per place, then the caches
    assert set(fake.user_agents) == {"footprint-test/1 (tests@example.org)"}  # the configured User-Agent
    assert "without a point" not in summary(done.stderr)
    assert "kidal" in json.loads((tmp_path / "nominatim.json").read_text(encoding="utf-8"))


def test_an_answer_in_another_country_is_rejected(tmp_path: Path) -> None:
    # A "Kidal" in the middle of Niger: not the Malian town the article means.
    answers = {"kidal": [answer("Kidal, Niger", 16.0, 9.0, "ne")]}
    with FakeNominatim(answers) as fake:
        done = ingest(tmp_path, "--geocoder", "nominatim", "--nominatim-url", fake.url)
    assert done.returncode == 0, done.stderr
    kidal = [m for m in rows(tmp_path, "mentions") if m["surface"] == "Kidal"]
    assert [(m["iso3"], m["lat"], m["lon"]) for m in kidal] == [("MLI", None, None)]
    claims = [c for c in rows(tmp_path, "claims") if c["actor"] == "wagner"]
    assert [(c["iso3"], c["place"], c["lat"]) for c in claims] == [("MLI", "Kidal", None)]
    assert summary(done.stderr).endswith("; undated 0, 1 place without a point")


def test_a_server_that_is_down_leaves_places_without_points(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = ingest(tmp_path, "--geocoder", "nominatim", "--nominatim-url", f"http://127.0.0.1:{port}")
    assert done.returncode == 0, done.stderr
    mentions = rows(tmp_path, "mentions")
    assert [(m["surface"], m["iso3"], m["lat"]) for m in mentions] == [("Kidal", "MLI", None)]
    assert len(rows(tmp_path, "articles")) == 1
    assert summary(done.stderr).endswith(", 1 place without a point")
    assert not (tmp_path / "nominatim.json").exists()  # failures are not cached: asked again next run


def test_nominatim_url_needs_the_nominatim_geocoder(tmp_path: Path) -> None:
    done = ingest(tmp_path, "--nominatim-url", "http://127.0.0.1:9")
    assert done.returncode == 2 and "--geocoder nominatim" in done.stderr
    done = ingest(tmp_path, "--geocoder", "nominatim", "--nominatim-url", "ftp://x")
    assert done.returncode == 2 and "not an http(s) base URL" in done.stderr


def test_offline_default_keeps_every_gazetteer_point() -> None:
    pipeline = Pipeline()
    texts = [json.loads(line) for name in ("typical.jsonl", "heldout.jsonl")
             for line in (REPO / "tests" / "fixtures" / name).open(encoding="utf-8")]
    texts += [json.loads(line) for line in (REPO / "data" / "sample" / "briefs.jsonl").open(encoding="utf-8")]
    for row in texts:
        article = make_article(text=row["text"], source="x", language=row.get("language"), id=row.get("id") or "x")
        assert pipeline.process(article) == process(article)


def test_pipeline_names_its_geocoder_and_pickles() -> None:
    pipeline = Pipeline(geocoder="nominatim", nominatim_url="http://127.0.0.1:1", user_agent="ua")
    assert pickle.loads(pickle.dumps(pipeline)) == pipeline
    with pytest.raises(ValueError):
        Pipeline(geocoder="google")


class _Fixed(Geocoder):
    """A geopy geocoder with fixed answers and no ISO3 in ``raw`` (only the shapes can judge)."""

    def __init__(self, points: dict[str, list[tuple[float, float]]]) -> None:
        super().__init__(user_agent="test")
        self.points = points
        self.asked: list[str] = []

    def geocode(self, query, *, exactly_one=True, timeout=None):
        self.asked.append(query)
        found = [Location(query, p, {}) for p in self.points.get(query, [])]
        return (found[0] if exactly_one else found) if found else None


def test_resolve_checks_points_against_the_shapes_and_caches() -> None:
    # Tripoli, Lebanon named: the Libyan answer first is rejected, the Lebanese one taken.
    geocoder = _Fixed({"Tripoli": [(32.8872, 13.1913), (34.4367, 35.8497)], "Kobani": [(36.891, 38.354)]})
    tripoli = Mention(0, 7, "Tripoli", "city", "LBN", 0.0, 0.0, "", "Tripoli")
    kobani = Mention(10, 16, "Kobani", "city", "SYR", 0.0, 0.0, "", "Kobani")  # on the Turkish border
    nowhere = Mention(20, 27, "Nowhere", "city", "MLI", 1.0, 1.0, "", "Nowhere")
    out, missing = resolve([tripoli, kobani, nowhere, tripoli], geocoder)
    assert [(m.lat, m.lon) for m in out] == [(34.4367, 35.8497), (36.891, 38.354), (None, None), (34.4367, 35.8497)]
    assert [m.iso3 for m in out] == ["LBN", "SYR", "MLI", "LBN"] and missing == 1
    resolve([tripoli, nowhere], geocoder)
    assert geocoder.asked == ["Tripoli", "Kobani", "Nowhere"]  # once per place per process


def test_resolver_keeps_unchanged_mentions_as_they_are() -> None:
    judged: list[int] = []

    def check(lats, lons, iso3s):
        judged.append(len(lats))
        return [True] * len(lats)

    m = Mention(0, 4, "Mali", "country", "MLI", 17.0, -4.0, "", "Mali")
    resolver = Resolver(_Fixed({"Mali": [(17.0, -4.0)]}), check=check)
    out, missing = resolver.resolve([m, m])
    assert out[0] is m and out[1] is m and missing == 0
    assert resolver.resolve([]) == ([], 0)
    assert judged == [1]
