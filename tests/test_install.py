"""``pip install .`` into a fresh venv, then the ``footprint`` command as a user runs it.

Fast and offline by design: the package is installed with ``--no-deps --no-build-isolation
--no-index`` (no registry, no build env to download) and its dependencies come from this test's
own environment, whose site-packages folders a ``.pth`` file in the fresh venv lists. A plain
path line in a ``.pth`` adds the folder to ``sys.path`` without reading the ``.pth`` files in
it, so an editable install of the checkout there (``make`` makes one) stays inert: the fresh
venv's own site-packages, first on ``sys.path``, is what ``geo``, ``news`` and ``components``
are imported from. The install is made from a copy of the checkout (setuptools writes build/ and
egg-info folders beside the sources), and every command runs in a folder outside the checkout,
so nothing can be found in the source tree by accident; the data files (shapes, gazetteer,
actors.toml, the sample) must come from the installed package.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TYPICAL = REPO / "tests" / "fixtures" / "typical.jsonl"
_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".cache",
                                     ".pytest_cache", ".ruff_cache", ".mypy_cache", ".hypothesis", "tests", "docs")


def IGNORED(folder: str, names: list[str]) -> set[str]:
    """What a fresh clone would not have; a local store (data/store/) too, but not news/store/, the
    package."""
    skip = set(_NOT_SOURCE(folder, names))
    if Path(folder).name == "data" and "store" in names:
        skip.add("store")
    return skip

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health(port: int) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
            return answer.read().decode()
    except OSError:
        return None


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("install")
    source = base / "checkout"
    shutil.copytree(REPO, source, ignore=IGNORED)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    ours = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    Path(site, "footprint-test-deps.pth").write_text("\n".join(ours) + "\n")
    started = time.monotonic()
    pip = subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                          str(source)], capture_output=True, text=True, timeout=300)
    assert pip.returncode == 0, pip.stderr[-3000:]
    print(f"pip install: {time.monotonic() - started:.1f} s")
    work = base / "elsewhere"  # outside the checkout: the cwd of every command
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FOOTPRINT_STORE", "FOOTPRINT_ACTORS")}
    return {"venv": venv, "python": python, "site": Path(site), "work": work, "env": env,
            "footprint": venv / "bin" / "footprint"}


def _run(inst: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(inst["footprint"]), *args], cwd=inst["work"], env=inst["env"],
                          capture_output=True, text=True, timeout=timeout)


def test_installed_footprint_command(installed: dict) -> None:
    inst, work = installed, installed["work"]
    probe = subprocess.run(
        [inst["python"], "-c", "import json, components, geo, news; from geo import paths; print(json.dumps({"
         "'modules': [m.__file__ for m in (components, geo, news)], 'installed': paths.INSTALLED, "
         "'files': [str(p) for p in (paths.COUNTRIES, paths.GAZETTEER, paths.ACTORS, paths.SAMPLE, "
         "paths.DASHBOARD, paths.CALIBRATION, paths.COOCCURRENCE, paths.ENDINGS, paths.SUPPORT, paths.CROSSSENTENCE)], "  # the learned models too
         "'store': str(paths.DEFAULT_STORE)}))"],
        cwd=work, env=inst["env"], capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)
    assert found["installed"] is True
    for name in found["modules"] + found["files"]:
        assert Path(name).is_relative_to(inst["site"]) and Path(name).is_file(), name
    assert not Path(found["store"]).is_relative_to(inst["site"])  # a user's store never goes into site-packages

    helped = _run(inst, "--help")
    assert helped.returncode == 0, helped.stderr
    for command in ("ingest", "layers", "extract", "serve", "eval"):
        assert command in helped.stdout
    alias = subprocess.run([inst["python"], "-m", "news", "--help"], cwd=work, env=inst["env"],
                           capture_output=True, text=True, timeout=60)
    assert alias.returncode == 0 and alias.stdout.startswith("usage: python -m news"), alias.stderr

    rows = [json.loads(line) for line in TYPICAL.read_text(encoding="utf-8").splitlines()[:4]]
    labelled = work / "labelled.jsonl"
    labelled.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    articles = work / "articles.jsonl"
    articles.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "gold"}, ensure_ascii=False) + "\n"
                                for r in rows), encoding="utf-8")
    store = work / "store"

    ingested = _run(inst, "ingest", str(articles), "--store", str(store), "--jobs", "1")
    assert ingested.returncode == 0, ingested.stderr
    assert "ingested 4, already known 0, skipped 0" in ingested.stderr

    layers = _run(inst, "layers", "--format", "geojson", "--store", str(store))
    assert layers.returncode == 0, layers.stderr
    features = json.loads(layers.stdout)["features"]
    assert {f["properties"]["actor"] for f in features} >= {"wagner", "russia"}  # actors.toml, installed
    assert any(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in features)  # countries_full.geojson.gz, installed

    scored = _run(inst, "eval", str(labelled))
    assert scored.returncode == 0, scored.stderr
    table = [line.split() for line in scored.stdout.splitlines()]
    assert ["task", "language", "P", "R", "F1", "articles"] == table[0]
    assert {(row[0], row[1]) for row in table[1:]} == {("country", "all"), ("country", "en"),
                                                       ("presence", "all"), ("presence", "en")}
    for row in table[1:]:
        assert all(0.0 <= float(v) <= 1.0 for v in row[2:5]) and int(row[5]) == 4


def test_installed_footprint_serve_answers_health(installed: dict) -> None:
    port = _free_port()
    proc = subprocess.Popen([str(installed["footprint"]), "serve", "--port", str(port), "--store",
                             str(installed["work"] / "empty-store")], cwd=installed["work"], env=installed["env"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        answer = None
        while time.monotonic() < deadline and proc.poll() is None:
            answer = _health(port)
            if answer == "ok":
                break
            time.sleep(0.3)
        assert answer == "ok", (proc.poll(), proc.stdout.read() if proc.poll() is not None else "")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
