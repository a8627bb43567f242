"""The import rules of docs/design.md, checked on the source: no circles, ``geo`` never imports
``news``, and nothing imports ``news.cli`` or ``dashboard``.

Every ``import`` statement counts, wherever it stands (module level, inside a function, under
``if TYPE_CHECKING``): a lazy import is still a dependency, and a circle through one is a circle
waiting for the day someone moves the import to the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("news", "geo", "components")
OURS = (*PACKAGES, "dashboard")


def _modules() -> dict[str, Path]:
    """Every module of our packages by dotted name (a package is its ``__init__``)."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if "_root" in parts:  # geo/_root is the installed copy of the repository's top level
                continue
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    found["dashboard"] = ROOT / "dashboard.py"
    return found


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module of ours that importing ``name`` runs last: ``name`` itself, else its
    longest prefix that is one of ours (``from news.store import Store`` → ``news.store``)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for name in names:
            if name.split(".")[0] not in OURS:
                continue
            target = _resolve(name, modules)
            if target and target != module:
                out.add(target)
    return out


def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {m: _imports(m, p, modules) for m, p in modules.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_walk_sees_the_packages():
    edges = graph()
    assert {"news.cli", "news.pipeline", "geo.extract", "components.deck", "dashboard"} <= set(edges)
    assert "news.pipeline" in edges["news.cli"] or any("news.pipeline" in edges[m] for m in edges)


def test_no_import_circles():
    found = cycles(graph())
    assert not found, "import circles: " + "; ".join(" ↔ ".join(c) for c in found)


def test_geo_never_imports_news():
    bad = sorted(f"{m} → {t}" for m, ts in graph().items() if m.startswith("geo") for t in ts
                 if t.split(".")[0] != "geo")
    assert not bad, bad


def test_nothing_imports_the_cli_or_the_dashboard():
    bad = sorted(f"{m} → {t}" for m, ts in graph().items() for t in ts
                 if t in ("news.cli", "dashboard") and m != "news.__main__")
    assert not bad, bad


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
