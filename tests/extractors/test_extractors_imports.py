"""extractors/ is documents in, words and fields out: it imports nothing from app/, and its
packages (pdf, layout, ocr, po, email and the modules at the top) import each other in one
direction only. Imports inside functions count too."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.helpers import REPO

ROOT = REPO / "extractors"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module named by an import anywhere in the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _package(module: str) -> str:
    """extractors.ocr.repair.dates -> extractors.ocr; extractors.read stays itself."""
    return ".".join(module.split(".")[:2])


MODULES = {_module_name(p): _imports(p) for p in sorted(ROOT.rglob("*.py"))}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle in the graph, as a path that returns to its start, or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


def test_extractors_import_nothing_from_app():
    offenders = {m for m, names in MODULES.items() if any(n == "app" or n.startswith("app.") for n in names)}
    assert offenders == set()


def test_no_import_cycles_between_extractor_modules():
    graph = {m: {n for n in names if n in MODULES and n != m} for m, names in MODULES.items()}
    assert _cycle(graph) is None


def test_no_import_cycles_between_extractor_packages():
    graph: dict[str, set[str]] = defaultdict(set)
    for module, names in MODULES.items():
        for name in names:
            if name in MODULES and _package(name) not in (_package(module), "extractors"):
                graph[_package(module)].add(_package(name))
    assert _cycle(graph) is None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
