"""libcst metadata (source positions, scopes) for a few methods of a class, without resolving
it over the whole file.

Resolving PositionProvider and ScopeProvider costs time in proportion to the tree they run on,
and the audit asks for one method of files that hold dozens. They run here on a module that holds
only the class with those methods (the same node objects, so the results map onto the real
tree); each method's lines are then moved to where `ast` finds its `def` in the file.

Scopes agree with the whole file's for everything inside the methods: a method body never sees
its class's names, and the module's own names are read off the whole module
(transforms/names.py `module_bindings`), not off these scopes.
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Mapping, Sequence

import libcst as cst
from libcst.metadata import CodePosition, CodeRange, MetadataWrapper, PositionProvider, Scope, ScopeProvider

Positions = dict[cst.CSTNode, CodeRange]
Scopes = Mapping[cst.CSTNode, Scope | None]


def def_lines(source: str, class_name: str) -> dict[str, int]:
    """The `def` line of each method of the top-level classes `class_name` (the first one of
    each name, as transform.py finds it; as libcst's FunctionDef position starts: after the
    decorators)."""
    lines: dict[str, int] = {}
    for stmt in ast.parse(source).body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == class_name:
            for item in stmt.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    lines.setdefault(item.name, item.lineno)
    return lines


def _alone(module: cst.Module, cls: cst.ClassDef, funcs: Sequence[cst.FunctionDef]) -> cst.Module:
    body = cls.body.with_changes(body=list(funcs))
    return module.with_changes(body=[cls.with_changes(body=body, decorators=(), leading_lines=())], header=(),
                               footer=())


def scopes_of(module: cst.Module, cls: cst.ClassDef, funcs: Sequence[cst.FunctionDef]) -> Scopes:
    return MetadataWrapper(_alone(module, cls, funcs), unsafe_skip_copy=True).resolve(ScopeProvider)


def metadata(module: cst.Module, cls: cst.ClassDef, funcs: Sequence[cst.FunctionDef],
             lines: Mapping[str, int]) -> tuple[Positions, Scopes]:
    """Positions (lines as in the file) and scopes of the nodes of `funcs`, methods of `cls`;
    `lines`: each method's `def` line in the file (def_lines)."""
    wrapper = MetadataWrapper(_alone(module, cls, funcs), unsafe_skip_copy=True)
    resolved = wrapper.resolve_many((PositionProvider, ScopeProvider))
    local = resolved[PositionProvider]
    # a node belongs to the first method ending on or after its first line (decorators and
    # comments above a `def` included)
    ends = sorted((local[f].end.line, lines[f.name.value] - local[f].start.line) for f in funcs)
    lasts = [end for end, _ in ends]
    positions: Positions = {}
    for node, where in local.items():
        index = bisect.bisect_left(lasts, where.start.line)
        if index == len(lasts):
            continue  # nothing of a method
        shift = ends[index][1]
        positions[node] = CodeRange(CodePosition(where.start.line + shift, where.start.column),
                                    CodePosition(where.end.line + shift, where.end.column))
    return positions, resolved[ScopeProvider]
