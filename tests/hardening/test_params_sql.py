"""URL parameters and SQL: malicious query strings give the default view with notes, and DuckDB
only ever receives values as bound parameters.

Two guards for the second half: a static one (every f-string that builds SQL in news/store/queries.py
and news/store/__init__.py interpolates only reviewed structural names, never a value; no ``.format`` or
``%`` on SQL), and a behavioural one (a spy on every statement DuckDB receives while the
payloads go through every query as filters).
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from components.state import KEYS, Options, default_state, parse_query
from geo.types import Mention
from news.models import Article, Claim
from news.store import Batch, Store, queries
from tests.hardening import counts

REPO = Path(__file__).resolve().parents[2]
DROP = "'; DROP TABLE claims; --"
PAYLOADS = [DROP, "MLI' OR '1'='1", "MLI\") UNION SELECT * FROM articles --", "x'); COPY claims TO '/tmp/x",
            "%' OR 1=1 --", "\\'; ATTACH '/tmp/evil.db'; --", "' || (SELECT text FROM articles) || '"]
OPTIONS = Options(actors=("russia", "wagner"), months=("2021-01", "2021-02", "2021-03"), countries=("CAF", "MLI"),
                  languages=("en",), outlets=("Wire",))

# ------------------------------------------------------------------ URL parameters


@pytest.mark.parametrize("key", sorted(KEYS.values()))
@pytest.mark.parametrize("value", PAYLOADS + ["9" * 100_000, "\x00", "\u202eILM", "MLI" * 10_000])
def test_malicious_value_gives_default_with_a_note(key, value):
    counts.hostile()
    state, notes = parse_query({key: [value]}, OPTIONS)
    if key == KEYS["article"] and len(value) <= 512:
        # any stored id must reach its reader (ids are the store's, not ours to shape): the value is
        # a key looked up with a bound parameter (test_payloads_as_every_filter_reach_duckdb_only_as_parameters) and an unknown
        # one is a note in the reader view, not here
        assert state == replace(default_state(OPTIONS), article=value) and notes == []
        return
    assert state == default_state(OPTIONS)
    assert notes, f"{key}={value[:30]!r} dropped silently"
    assert all(len(n) < 300 and n.isprintable() for n in notes)  # huge or control values are shortened


def test_repeated_keys_are_merged_not_multiplied():
    state, notes = parse_query({"actor": ["wagner", "WAGNER", "wagner"], "country": ["MLI", "MLI,CAF", "mli"],
                                "from": ["2021-01", "2021-02"], "conf": ["0.2", "0.5"]}, OPTIONS)
    assert state.actors == ("wagner",) and state.countries == ("MLI", "CAF")
    assert state.start == "2021-02" and state.min_confidence == 0.5  # the last value wins for single ones
    assert notes == []


def test_many_and_huge_parameters_stay_cheap():
    import time

    params = {f"k{i}": ["x" * 1000] for i in range(2000)}
    params.update({"country": [DROP] * 5000, "actor": ["a" * 1_000_000]})
    started = time.perf_counter()
    state, notes = parse_query(params, OPTIONS)
    assert time.perf_counter() - started < 2.0
    assert state.countries == () and state.actors == OPTIONS.actors
    assert sum(len(n) for n in notes) < 2000



def test_unknown_key_gives_a_note():
    state, notes = parse_query({"utm_source": ["x"], "sort": [DROP]}, OPTIONS)
    assert state == default_state(OPTIONS)
    assert notes


# ------------------------------------------------------------------ SQL is built from structure only

# Names an SQL f-string may interpolate: column lists and fragments made of constants, the table
# names of news.store.TABLES, and SQL assembled by _base from those. Anything else is a review.
# news.queries: CLAIM_ROWS_SQL, LATEST_KEY and PLACED_SQL are module constants, towns a constant
# condition in near_city_rows; keep, y and top are constant
# fragments chosen by a filter being set (its values are bound parameters).
STRUCTURE = {"base", "conds", "column", "cols", "select", "table", "name", "where", "f", "order", "group",
             "extra", "cte", "sql", "statuses_sql", "CLAIM_ROWS_SQL", "LATEST_KEY", "PLACED_SQL", "towns", "keep", "y", "top",
             "url_list", "NEAR_TOWNS"}  # url_list: one of two literal aggregates; NEAR_TOWNS: a module constant
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|WHERE|FROM|JOIN|UNION|VALUES|WITH)\b")


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


@pytest.mark.parametrize("module", ["news/store/queries.py", "news/store/__init__.py", "news/review/view.py"])
def test_sql_strings_interpolate_structure_only(module):
    tree = ast.parse((REPO / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if not SQL_WORDS.search(literal):
                continue
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    names = _names(part.value)
                    assert names <= STRUCTURE, f"{module}:{node.lineno}: SQL interpolates {names - STRUCTURE}"
                    if "f" in names:  # Filters may decide *whether* a fragment appears, never its text
                        assert isinstance(part.value, ast.IfExp) and all(
                            isinstance(b, ast.Constant) for b in (part.value.body, part.value.orelse)
                        ), f"{module}:{node.lineno}: a filter value is formatted into SQL"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            if isinstance(node.func.value, ast.Constant) and SQL_WORDS.search(str(node.func.value.value)):
                pytest.fail(f"{module}:{node.lineno}: str.format on SQL")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
            if SQL_WORDS.search(str(node.left.value)):
                pytest.fail(f"{module}:{node.lineno}: %-formatting on SQL")


# ------------------------------------------------------------------ behaviour: payloads as filters


@pytest.fixture
def spied_store(tmp_path, monkeypatch):
    """A small store, and a record of every statement and parameter list DuckDB is given."""
    store = Store(tmp_path / "store")
    batch = []
    for i, (iso3, title) in enumerate([("MLI", DROP), ("CAF", "ok"), ("MLI", "<script>alert(1)</script>")]):
        art = Article(f"a{i}", f"https://x.example/{i}", title, DROP if i == 0 else "Wire", date(2021, 2, i + 1),
                      "en", f"Wagner fighters were deployed in {iso3}.", "test")
        m = Mention(30, 33, iso3, "country", iso3, 1.0, 2.0, art.text, iso3)
        c = Claim(art.id, "wagner", iso3, None, 1.0, 2.0, "present", art.published, art.text, "deployed", 0.8)
        batch.append(Batch(art, [m], [c]))
    store.write(batch)
    seen: list[tuple[str, object]] = []
    real_connect = Store.connect

    class Spy:
        def __init__(self, con):
            self._con = con

        def execute(self, sql, params=None):
            seen.append((sql, params))
            return self._con.execute(sql, params) if params is not None else self._con.execute(sql)

        def sql(self, sql, *args, **kwargs):
            seen.append((sql, kwargs.get("params")))
            return self._con.sql(sql, *args, **kwargs)

        def __getattr__(self, name):
            return getattr(self._con, name)

    monkeypatch.setattr(Store, "connect", lambda self: Spy(real_connect(self)))
    return store, seen


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_as_every_filter_reach_duckdb_only_as_parameters(spied_store, payload):
    store, seen = spied_store
    counts.hostile()
    filters = queries.Filters.of(actors=[payload], countries=[payload, "MLI"], languages=[payload],
                                 outlets=[payload], statuses=[payload])
    for fn in (queries.layer_rows, queries.monthly_counts, queries.city_rows):
        assert fn(store, filters).empty  # the payload matches nothing: it is a value, not SQL
    assert queries.evidence_rows(store, filters, iso3=payload).empty
    assert queries.article_detail(store, payload) is None
    assert seen and all(payload not in sql for sql, _ in seen), "a payload reached DuckDB as SQL text"
    assert any(payload in str(params) for _, params in seen)
    # and nothing was dropped: the tables are whole and the payload title reads back as text
    assert len(queries.layer_rows(store)) == 2
    assert queries.article_detail(store, "a0")["article"]["title"] == DROP


def test_drop_table_as_a_country_filter_end_to_end(spied_store):
    """The dashboard's path: URL -> parse_query -> Filters -> queries."""
    store, seen = spied_store
    state, notes = parse_query({"country": [DROP], "sel": [DROP]}, OPTIONS)
    assert state.countries == () and state.selected is None and len(notes) == 2
    rows = queries.layer_rows(store, queries.Filters.of(countries=[DROP]))
    assert rows.empty
    assert len(queries.layer_rows(store)) == 2 and len(store.table("claims")) == 3
