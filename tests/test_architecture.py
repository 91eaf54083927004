"""The shape of the code, checked: no import cycles between the packages of app/ nor between the
subpackages of a domain (imports inside functions count too), no `__import__`, core below every
domain, pure logic that touches no database or web framework, and extractors/ that know nothing of
app/. Read from the source with `ast`, so nothing is imported to check it."""
from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "app"


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. app.orders.actions.ship
    target: str  # the imported module (or package), e.g. app.core.transactions
    line: int
    in_function: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def python_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def _is_module(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports_of(path: Path) -> list[Import]:
    return imports_in(path.read_text(encoding="utf-8"), module_name(path), is_package=path.name == "__init__.py")


def imports_in(code: str, source: str, is_package: bool = False) -> list[Import]:
    """Every import in the code, at module level or inside a function, with relative ones resolved."""
    package = source if is_package else source.rpartition(".")[0]
    tree = ast.parse(code)
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend(Import(source, a.name, child.lineno, in_function) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:  # `from pkg import module` imports the module
                    full = f"{base}.{alias.name}"
                    found.append(Import(source, full if _is_module(full) else base, child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def unit_of(module: str, depth: int) -> str:
    """The package a module belongs to at `depth` (2: app.orders; 3: app.orders.rules). A module
    directly in the package above is a unit of its own (app.main, app.orders.models)."""
    parts = module.split(".")
    unit = ".".join(parts[:depth])
    return unit if _is_module(unit) and (REPO.joinpath(*parts[:depth]) / "__init__.py").exists() else module


def package_graph(depth: int, within: str = "app") -> dict[str, dict[str, list[Import]]]:
    graph: dict[str, dict[str, list[Import]]] = defaultdict(lambda: defaultdict(list))
    for path in python_files(APP):
        for imp in imports_of(path):
            if not (imp.source.startswith(within + ".") and imp.target.startswith(within + ".")):
                continue
            a, b = unit_of(imp.source, depth), unit_of(imp.target, depth)
            if a != b and a != within and b != within:
                graph[a][b].append(imp)
    return graph


def cycles(graph: dict[str, dict[str, list[Import]]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strongconnect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                strongconnect(w)
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

    for v in sorted({*graph, *(w for ws in graph.values() for w in ws)}):
        if v not in index:
            strongconnect(v)
    return found


def explain(graph: dict[str, dict[str, list[Import]]], component: list[str]) -> str:
    members = set(component)
    lines = []
    for a in component:
        for b, imps in sorted(graph[a].items()):
            if b in members:
                where = ", ".join(f"{i.source}:{i.line}{' (in a function)' if i.in_function else ''}" for i in imps)
                lines.append(f"  {a} -> {b}: {where}")
    return "\n".join(lines)


def domains() -> list[str]:
    return sorted(f"app.{p.name}" for p in APP.iterdir() if (p / "__init__.py").exists())


def test_the_graph_sees_imports_inside_functions_and_relative_ones():
    code = ("from . import clock\nfrom .. import models\n\n"
            "def f():\n    from app.core import db\n    import app.core.db\n")
    found = {(i.target, i.in_function) for i in imports_in(code, "app.core.probe")}
    assert found == {("app.core.clock", False), ("app.models", False), ("app.core.db", True)}
    graph = {"a": {"b": []}, "b": {"c": []}, "c": {"a": []}, "d": {"a": []}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles_between_the_packages_of_app():
    graph = package_graph(depth=2)
    found = cycles(graph)
    assert not found, "import cycles between app packages:\n" + "\n".join(explain(graph, c) for c in found)


@pytest.mark.parametrize("domain", domains())
def test_no_import_cycles_between_the_subpackages_of_a_domain(domain):
    graph = package_graph(depth=3, within=domain)
    found = cycles(graph)
    assert not found, f"import cycles inside {domain}:\n" + "\n".join(explain(graph, c) for c in found)


def test_core_imports_no_domain():
    below = [i for p in python_files(APP / "core") for i in imports_of(p)
             if i.target.startswith("app.") and not i.target.startswith("app.core")]
    assert not below, [f"{i.source}:{i.line} imports {i.target}" for i in below]


# Pure logic: values in, values out (DESIGN.md); what they may import besides the standard library.
PURE = ("app/orders/rules", "app/catalog/matching", "app/orders/kpi/definitions.py", "app/orders/kpi/groups.py",
        "app/orders/kpi/facts.py")
IMPURE = ("sqlalchemy", "sqlmodel", "fastapi", "starlette", "huey", "httpx")


@pytest.mark.parametrize("place", PURE)
def test_pure_logic_imports_no_database_web_or_queue(place):
    path = REPO / place
    files = [path] if path.is_file() else python_files(path)
    pure = tuple(p.removesuffix(".py").replace("/", ".") for p in PURE) + ("app.orders.errors",)
    found = [f"{i.source}:{i.line} imports {i.target}" for p in files for i in imports_of(p)
             if i.target.split(".")[0] in IMPURE or (i.target.startswith("app.") and not i.target.startswith(pure))]
    assert not found, found


def test_nothing_imports_through_dunder_import():
    calls = []
    for path in python_files(APP):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in (
                    "__import__", "import_module"):
                calls.append(f"{module_name(path)}:{node.lineno}")
    assert not calls, calls


def test_extractors_import_nothing_from_app():
    leaks = [f"{i.source}:{i.line} imports {i.target}" for p in python_files(REPO / "extractors")
             for i in imports_of(p) if i.target == "app" or i.target.startswith("app.")]
    assert not leaks, leaks
