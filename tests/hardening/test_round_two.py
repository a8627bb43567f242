"""The second outside attack's input defects, each run the way a user meets it: as a command.

1. one article without sentence breaks took gigabytes (memory measured in a child process);
2. one JSON value (a 5,000-digit number, deep nesting) ended every later ingest;
7. distinct pages collapsed onto one id and were dropped as "already known" in silence;
8. symbolic links out of an input folder were followed, special files read;
9. a JSONL line was read whole before its size was checked.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from news.models import canonical_url
from news.store import Store
from tests.hardening import counts

REPO = Path(__file__).resolve().parents[2]

# Runs ``python -m news ARGS`` in this process and prints its peak memory (and its children's:
# the pool's workers) on the last line of stderr.
_MEASURED = """
import resource, runpy, sys
sys.argv = ["news", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("news", run_name="__main__")
except SystemExit as exc:
    code = exc.code or 0
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(f"maxrss-kb {peak}", file=sys.stderr)
sys.exit(code)
"""


def run(args: list[str], store: Path, *, stdin: str | None = None, timeout: float = 300,
        measured: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "FOOTPRINT_STORE": str(store), "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-c", _MEASURED, *args] if measured else [sys.executable, "-m", "news", *args]
    return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, input=stdin,
                          timeout=timeout, errors="backslashreplace")


def peak_mb(result: subprocess.CompletedProcess) -> float:
    line = [ln for ln in result.stderr.splitlines() if ln.startswith("maxrss-kb ")][-1]
    return int(line.split()[1]) / 1024


def skipped(result: subprocess.CompletedProcess) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("skipped ")]


def summary(result: subprocess.CompletedProcess) -> str:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("ingested ")][-1]


def _unpunctuated(size: int, seed: int = 3) -> str:
    """Words of this beat with no full stop anywhere, as pasted or transcribed text can be."""
    rng = random.Random(seed)
    words = ("Wagner fighters were deployed in Mali and the Russian instructors arrived in Bangui while "
             "troops of the Africa Corps left Niger after talks in Moscow with officials from Libya and "
             "Syria the group said its men would stay there").split()
    out, n = [], 0
    while n < size:
        w = rng.choice(words)
        out.append(w)
        n += len(w) + 1
    return " ".join(out)


# ----------------------------------------------------------------------------- 1: one article, bounded


def test_a_megabyte_without_sentence_breaks_is_ingested_within_a_memory_bound(tmp_path):
    """Before: a 200 KB article took 2.5 GB to ingest (400 KB: 7.7 GB); its stored sentences
    then took ``layers`` to 3.3 GB. The bound is against the same command on a small article,
    measured in the same test: the gazetteer alone is some 250 MB."""
    counts.hostile(2)
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text("Wagner fighters were deployed in Mali, officials said.", encoding="utf-8")
    big.write_text(_unpunctuated(1_000_000), encoding="utf-8")
    base = run(["ingest", str(small), "--date", "2024-01-01", "--jobs", "1"], tmp_path / "s0", measured=True)
    result = run(["ingest", str(big), "--date", "2024-01-01", "--jobs", "1"], tmp_path / "s1", measured=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert summary(result).startswith("ingested 1,")
    assert peak_mb(result) - peak_mb(base) < 300, (peak_mb(base), peak_mb(result))
    mentions = Store(tmp_path / "s1").table("mentions")
    assert len(mentions) > 10_000 and mentions.sentence.str.len().max() <= 1000
    layers = run(["layers", "--store", str(tmp_path / "s1")], tmp_path / "s1", measured=True)
    assert layers.returncode == 0 and "wagner,MLI" in layers.stdout
    assert peak_mb(layers) - peak_mb(base) < 300


def test_sentences_are_capped_and_still_cover_the_text():
    from geo.sentences import MAX_SENTENCE, sentence_spans

    text = _unpunctuated(20_000) + " " + "x" * 2500 + " end"
    spans = sentence_spans(text)
    assert max(e - s for s, e in spans) <= MAX_SENTENCE
    covered = "".join(text[s:e] for s, e in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")  # every non-space character, in order
    short = "Wagner is in Mali. Russia is in Syria."
    assert sentence_spans(short) == [(0, 18), (19, 38)]  # ordinary text is cut as before


def test_presence_work_grows_linearly_with_the_text(monkeypatch):
    """Counted in characters tokenised, not timed: the cue lists' index of a string was asked
    for the whole article at each pointer, and an article of 800 KB indexed 1.3 GB."""
    from news import wordmatch
    from news.models import Article
    from news.pipeline import process

    def indexed(size: int) -> int:
        total = 0
        inner = wordmatch._index.__wrapped__

        @wordmatch.lru_cache(maxsize=64)
        def spy(text):
            nonlocal total
            total += len(text)
            return inner(text)

        monkeypatch.setattr(wordmatch, "_index", spy)
        text = _unpunctuated(size)
        process(Article("x", None, "", "", None, "en", text, "t"))
        return total

    small, large = indexed(100_000), indexed(400_000)
    assert large < 5 * small, (small, large)  # 4x the text: about 4x the work, not 16x


def test_a_narrowed_search_finds_what_a_search_of_the_whole_text_finds(monkeypatch):
    """The long-text path of WordSet.search/spans (a window around the asked span) against the
    same calls with the window switched off, on long texts and spans that cut words."""
    from news import wordmatch
    from news.presence import cues

    rng = random.Random(5)
    vocabulary = ("left withdrew pulled out of stationed in deployed to the country de retour "
                  "ont quitté sont déployés ушли из находятся в Mali Niger , . and").split()
    text = " ".join(rng.choice(vocabulary) for _ in range(6000))
    sets = [v for v in vars(cues).values() if isinstance(v, wordmatch.WordSet)]
    assert len(text) > wordmatch._LONG and sets
    cases = [(rng.randrange(len(text)), rng.randrange(10, 400)) for _ in range(60)]
    narrowed = [(ws.spans(text, a, a + w), getattr(ws.search(text, a, a + w), "span", lambda: None)())
                for ws in sets for a, w in cases]
    monkeypatch.setattr(wordmatch, "_LONG", 10 ** 9)
    whole = [(ws.spans(text, a, a + w), getattr(ws.search(text, a, a + w), "span", lambda: None)())
             for ws in sets for a, w in cases]
    assert narrowed == whole


# ----------------------------------------------------------------------------- 2 and 9: JSON lines


def _poisoned_jsonl(path: Path) -> None:
    good = [{"id": f"ok-{i}", "date": "2023-05-01", "text": f"Wagner fighters were deployed in Mali, report {i}."}
            for i in range(3)]
    lines = [
        json.dumps(good[0]),
        '{"id": "big-int", "text": "Wagner in Mali.", "outlet": ' + "9" * 5000 + "}",
        '{"id": "deep", "text": "Wagner in Mali.", "title": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "nested-title", "text": "Wagner in Niger.", "title": ' + "[" * 900 + "]" * 900 + "}",
        json.dumps(good[1]),
        '{"id": "huge", "text": "' + "a" * (6 * 1024 * 1024) + '"}',
        json.dumps(good[2]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("engine", [["--jobs", "1"], ["--jobs", "2"], ["--engine", "dask", "--workers", "1"]],
                         ids=["local", "pool", "dask"])
def test_unreadable_json_values_are_one_skip_each_with_every_engine(tmp_path, engine):
    counts.hostile(4)
    src = tmp_path / "poisoned.jsonl"
    _poisoned_jsonl(src)
    result = run(["ingest", str(src), *engine], tmp_path / "store", timeout=600)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    lines = skipped(result)
    assert [ln.split(":")[1] for ln in lines] == ["2", "3", "6"], lines  # numbers of the bad lines
    assert "digits" in lines[0] and "nested too deeply" in lines[1] and "too large" in lines[2]
    ids = set(Store(tmp_path / "store").table("articles").id)
    assert ids == {"ok-0", "ok-1", "ok-2", "nested-title"}  # a list for a title is no title, not a crash
    again = run(["ingest", str(src), *engine], tmp_path / "store", timeout=600)
    assert summary(again).startswith("ingested 0, already known 4, skipped 3")


def test_a_long_line_is_skipped_without_being_held(tmp_path):
    """Before: the line was read whole (600 MB took 1.5 GB). 40 MB here, against a small file."""
    counts.hostile()
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"id": "a", "text": "Wagner in Mali."}) + "\n", encoding="utf-8")
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "b", "text": "Wagner in Mali."}) + "\n")
        fh.write('{"id": "long", "text": "' + "word " * (8 * 1024 * 1024) + '"}\n')
        fh.write(json.dumps({"id": "c", "text": "Wagner in Niger."}) + "\n")
    base = run(["ingest", str(small), "--jobs", "1"], tmp_path / "s0", measured=True)
    for jobs in ("1", "2"):
        result = run(["ingest", str(big), "--jobs", jobs], tmp_path / f"s{jobs}", measured=True)
        assert [ln.split(":")[1] for ln in skipped(result)] == ["2"], result.stderr[-2000:]
        assert summary(result).startswith("ingested 2,")
        assert peak_mb(result) - peak_mb(base) < 30, (jobs, peak_mb(base), peak_mb(result))


def test_a_bad_sidecar_value_is_a_skip(tmp_path):
    counts.hostile(2)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Wagner fighters were deployed in Mali.", encoding="utf-8")
    (folder / "a.json").write_text('{"date": ' + "1" * 5000 + "}", encoding="utf-8")
    (folder / "b.txt").write_text("Russian instructors arrived in Bangui.", encoding="utf-8")
    (folder / "b.json").write_text('{"title": ' + "[" * 50_000 + "]" * 50_000 + "}", encoding="utf-8")
    (folder / "c.txt").write_text("Wagner fighters were deployed in Libya.", encoding="utf-8")
    result = run(["ingest", str(folder), "--date", "2024-01-01"], tmp_path / "store")
    assert "Traceback" not in result.stderr
    lines = skipped(result)
    assert len(lines) == 2 and all("sidecar" in ln for ln in lines), lines
    assert summary(result).startswith("ingested 1,")


def test_extract_skips_unreadable_json_values(tmp_path):
    counts.hostile(2)
    stdin = "\n".join([
        '{"id": "a", "text": "Wagner fighters were deployed in Mali."}',
        '{"id": "b", "text": "x", "n": ' + "7" * 5000 + "}",
        '{"id": "c", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "d", "text": "Russian troops are stationed in Syria.", "title": [[["x"]]]}',
    ])
    result = run(["extract"], tmp_path / "store", stdin=stdin)
    assert "Traceback" not in result.stderr
    assert [ln.split(":")[1] for ln in result.stderr.splitlines()] == ["2", "3"], result.stderr
    assert [json.loads(ln)["id"] for ln in result.stdout.splitlines()] == ["a", "d"]


# ----------------------------------------------------------------------------- 7: one id per page


@pytest.mark.parametrize(("a", "b"), [
    ("https://news.example/news.php?123", "https://news.example/news.php?456"),
    ("https://spa.example/#/article/1", "https://spa.example/#/article/2"),
    ("https://spa.example/#!/story/1", "https://spa.example/#!/story/2"),
    ("https://x.example/p?id=", "https://x.example/p?id=2"),
])
def test_canonical_urls_keep_what_distinguishes_pages(a, b):
    assert canonical_url(a) != canonical_url(b)


def test_canonical_urls_still_fold_the_same_page():
    one = canonical_url("https://X.example/a/?b=2&a=1&utm_source=feed&fbclid=z#comments")
    assert one == canonical_url("https://x.example/a?a=1&b=2") == "https://x.example/a?a=1&b=2"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_different_text_under_a_known_id_is_reported_not_dropped(tmp_path, jobs):
    counts.hostile(2)
    src = tmp_path / "in.jsonl"
    rows = [{"id": "same", "text": "Wagner fighters were deployed in Mali."},
            {"id": "same", "text": "Wagner fighters were deployed in Mali."},  # a true repeat
            {"id": "same", "text": "Russian troops left Niger."},  # another text, same id
            {"id": "other", "text": "Russian instructors arrived in Bangui."}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = run(["ingest", str(src), "--jobs", jobs], tmp_path / "store")
    lines = skipped(result)
    assert len(lines) == 1 and "id same already names an article with a different text" in lines[0], lines
    assert summary(result).startswith("ingested 2, already known 1, skipped 1 (1 same id, other text)")
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({"id": "other", "text": "Wagner left the Central African Republic."}) + "\n",
                     encoding="utf-8")
    again = run(["ingest", str(later), "--jobs", jobs], tmp_path / "store")  # against the store's text
    assert len(skipped(again)) == 1 and "id other" in skipped(again)[0]


# ----------------------------------------------------------------------------- 8: links and special files


def test_links_out_of_the_folder_are_not_followed_unless_asked(tmp_path):
    counts.hostile(3)
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("Wagner fighters guard the secret mine in Sudan.", encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "real.txt").write_text("Russian instructors arrived in Bangui.", encoding="utf-8")
    (folder / "story.txt").symlink_to(secret)
    (folder / "alias.txt").symlink_to(folder / "real.txt")  # inside the folder: read
    (folder / "sub" / "escape").symlink_to(outside, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    result = run(["ingest", str(folder), "--date", "2024-01-01"], tmp_path / "store", timeout=120)
    lines = skipped(result)
    assert any("story.txt" in ln and "symbolic link" in ln for ln in lines), lines
    assert any("escape" in ln and "symbolic link" in ln for ln in lines), lines
    assert any("pipe.txt" in ln and "not a regular file" in ln for ln in lines), lines
    texts = " ".join(Store(tmp_path / "store").table("articles").text)
    assert "secret mine" not in texts and "Bangui" in texts
    followed = run(["ingest", str(folder), "--date", "2024-01-01", "--follow-links"], tmp_path / "store2",
                   timeout=120)
    assert "secret mine" in " ".join(Store(tmp_path / "store2").table("articles").text), followed.stderr


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_kernel_files_are_refused(tmp_path):
    counts.hostile()
    result = run(["ingest", "/proc/self/status", "--date", "2024-01-01"], tmp_path / "store")
    lines = skipped(result)
    assert len(lines) == 1 and "pseudo file" in lines[0], result.stderr
