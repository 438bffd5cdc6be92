"""The replay runtime's modules import each other in one direction: the imports that run
(at module level or inside a function) form no circle, and type-only imports (under
TYPE_CHECKING) name runtime/types.py alone, which nothing imports when the code runs (as
Odoo's own odoo/orm/types.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

RUNTIME = Path(__file__).parent.parent / "migrator" / "runtime"
PACKAGE = "migrator.runtime"


def _module_name(path: Path) -> str:
    parts = path.relative_to(RUNTIME).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


MODULES = {_module_name(p): p for p in sorted(RUNTIME.rglob("*.py"))}


def _target(node: ast.ImportFrom | ast.Import, alias: ast.alias) -> str | None:
    """The runtime module an import names (a package's submodule when it imports one)."""
    if isinstance(node, ast.Import):
        name = alias.name
    else:
        base = node.module or ""
        name = f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name if name.startswith(PACKAGE) else None


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports(path: Path) -> tuple[set[str], set[str]]:
    """(modules imported when the code runs, modules imported for type checking only)."""
    running: set[str] = set()
    typing_only: set[str] = set()

    def walk(node: ast.AST, typing: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for item in child.body:
                    walk_one(item, True)
                for item in child.orelse:
                    walk_one(item, typing)
                continue
            walk_one(child, typing)

    def walk_one(node: ast.AST, typing: bool) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                target = _target(node, alias)
                if target:
                    (typing_only if typing else running).add(target)
            return
        walk(node, typing)

    walk(ast.parse(path.read_text(encoding="utf-8")), False)
    return running, typing_only


GRAPH = {name: imports(path) for name, path in MODULES.items()}


def _package_of(module: str) -> set[str]:
    """Importing a.b.c runs a/__init__ and a/b/__init__ first."""
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(3, len(parts))} & set(MODULES)


def test_running_imports_form_no_circle() -> None:
    edges = {name: {t for t in running if t != name and name not in _package_of(t) | {t}}
             for name, (running, _typing) in GRAPH.items()}
    seen: dict[str, int] = {}  # 1: on the current path, 2: done
    circles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        seen[name] = 1
        for target in sorted(edges.get(name, ())):
            if seen.get(target) == 1:
                circles.append([*path[path.index(target):], target] if target in path else [name, target])
            elif target not in seen:
                visit(target, [*path, target])
        seen[name] = 2

    for name in sorted(edges):
        if name not in seen:
            visit(name, [name])
    assert not circles, " ; ".join(" -> ".join(c) for c in circles)


def test_type_only_imports_name_the_types_module_alone() -> None:
    wrong = {name: sorted(typing - {f"{PACKAGE}.types"}) for name, (_running, typing) in GRAPH.items()
             if typing - {f"{PACKAGE}.types"}}
    assert not wrong


def test_nothing_imports_the_types_module_when_running() -> None:
    assert not [name for name, (running, _typing) in GRAPH.items() if f"{PACKAGE}.types" in running]


@pytest.mark.parametrize("name", ["migrator.runtime.registry", "migrator.runtime.orm"])
def test_the_graph_sees_the_core(name: str) -> None:
    """The checks above read real imports (a guard against a parser that sees none)."""
    running, _typing = GRAPH[name]
    assert {"migrator.runtime.fields", "migrator.runtime.core_data"} <= running
