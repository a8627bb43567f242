"""The gazetteer's pickle cache: shared by identical data, rebuilt when broken, and bounded.

Each test points XDG_CACHE_HOME at its own folder and builds from a small data file of its
own, so nothing here touches the user's cache or the real (3 MB) gazetteer.
"""

from __future__ import annotations

import gzip
import os
import shutil

import pytest

from geo import gazetteer

HEADER = "name\tiso3\tkind\tlat\tlon\tpopulation\tcase\tlang\tform\n"
ROWS = [
    ("Mali", "MLI", "country", 17.0, -4.0, 20000000, "title", "en", "Mali"),
    ("Bamako", "MLI", "capital", 12.65, -8.0, 2000000, "title", "en", "Bamako"),
    ("Sudan", "SDN", "country", 15.0, 30.0, 45000000, "title", "en", "Sudan"),
]


def _write(path, rows=ROWS):
    body = HEADER + "".join("\t".join(map(str, r)) + "\n" for r in rows)
    path.write_bytes(gzip.compress(body.encode()))
    return path


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "footprint"


def _load(path, min_population=15000):
    return gazetteer.load_gazetteer.__wrapped__(min_population, str(path))


def _pickles(folder):
    return sorted(p.name for p in folder.glob("gazetteer-*.pickle"))


def test_two_clones_of_the_same_data_share_one_cache(tmp_path, cache_home):
    a = _write(tmp_path / "a.tsv.gz")
    b = tmp_path / "clone" / "places.tsv.gz"
    b.parent.mkdir()
    shutil.copy(a, b)
    os.utime(b, (1_000_000, 1_000_000))  # another path and mtime, as a fresh clone or a pull gives
    assert [p.name for p in _load(a).lookup("bamako")] == ["Bamako"]
    assert [p.name for p in _load(b).lookup("bamako")] == ["Bamako"]
    assert len(_pickles(cache_home)) == 1


def test_changed_data_is_rebuilt_not_served_stale(tmp_path, cache_home):
    src = _write(tmp_path / "places.tsv.gz")
    assert _load(src).lookup("khartoum") == []
    _write(src, ROWS + [("Khartoum", "SDN", "capital", 15.5, 32.5, 5000000, "title", "en", "Khartoum")])
    assert [p.iso3 for p in _load(src).lookup("khartoum")] == ["SDN"]


def test_a_broken_cache_file_is_rebuilt(tmp_path, cache_home):
    src = _write(tmp_path / "places.tsv.gz")
    _load(src)
    (only,) = cache_home.glob("gazetteer-*.pickle")
    only.write_bytes(b"not a pickle")
    assert [p.name for p in _load(src).lookup("mali")] == ["Mali"]
    assert only.read_bytes()[:1] == b"\x80"  # rewritten as a pickle


def test_the_cache_folder_keeps_only_the_most_recently_used(tmp_path, cache_home):
    sources = []
    for i in range(5):
        rows = ROWS + [(f"Town{i}", "MLI", "city", 14.0, -5.0, 50000, "title", "en", f"Town{i}")]
        sources.append(_write(tmp_path / f"v{i}.tsv.gz", rows))
    first = sources[0]
    _load(first)
    for src in sources[1:]:
        _load(src)
        _load(first)  # used again after each new version: it must survive the pruning
    kept = _pickles(cache_home)
    assert len(kept) == gazetteer.CACHE_KEEP
    assert gazetteer._cache_file(first, 15000).name in kept
    assert gazetteer._cache_file(sources[-1], 15000).name in kept
