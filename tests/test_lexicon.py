"""The presence lexicon: data files validated on load, one per language."""

from __future__ import annotations

import pytest

from news.presence.lexicon import FOLDER, KEYS, LexiconError, load, parse


def test_every_language_file_loads_and_gives_the_rules_lists():
    names = sorted(p.stem for p in FOLDER.glob("*.toml"))
    assert names == ["en", "fr", "ru"]
    lists = load()
    assert set(lists) == set(KEYS) and all(lists[k] for k in ("present", "ended", "modal", "negation"))
    assert "deploy\\w*" in lists["present"] and "déploy\\w*" in lists["present"] and "развёрнут\\w*" in lists["present"]


@pytest.mark.parametrize(("text", "words"), [
    ('presnet = ["x"]\n', ["xx.toml", "'presnet'", "line 1", "unknown key"]),
    ('# c\nended = "left"\n', ["xx.toml", "'ended'", "line 2", "list of non-empty strings"]),
    ('present = ["deploy\\\\w*",\n  "arriv(\\\\w*"]\n', ["xx.toml", "'present'", "line 2", "does not compile"]),
    ("present = [", ["xx.toml", "not valid TOML"]),
])
def test_a_bad_file_is_an_error_naming_file_key_and_line(text, words):
    with pytest.raises(LexiconError) as err:
        parse(text, "xx.toml")
    assert all(w in str(err.value) for w in words), str(err.value)


def test_a_new_language_is_one_file(tmp_path):
    """A folder with another language's file: its words join every list, nothing else needed."""
    for path in FOLDER.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pt.toml").write_text('present = ["destacad\\\\w*", "estacionad\\\\w*"]\nended = ["retir\\\\w*"]\n',
                                      encoding="utf-8")
    lists = load(str(tmp_path))
    assert "destacad\\w*" in lists["present"] and set(load()["present"]) < set(lists["present"])


def test_every_phrase_starts_with_its_own_words():
    """A pattern that opens on a group ("(?:were|are) in") or a top-level "|" leaves the matcher
    no first word to wait for, so its whole list's regex runs on every clause (news/wordmatch.py):
    a fifth more time per article when three such patterns slipped in. Spell each alternative out."""
    import re

    from news.wordmatch import _top_level_bar

    allowed = {"\\w+-controlled"}  # territory_after: any word before "-controlled"
    lists = load()
    bad = [(key, p) for key, patterns in lists.items() for p in patterns
           if p not in allowed and (re.match(r"\w+", p) is None or _top_level_bar(p))]
    assert bad == []
