"""The source line of each node of a few methods of a class, without resolving positions over
the whole file.

Resolving libcst's PositionProvider costs time in proportion to the tree it runs on, and the
audit asks for one method of files that hold dozens. It runs here on a module that holds only
the class with those methods (the same node objects, so the results map onto the real tree);
each method's lines are then moved to where `ast` finds its `def` in the file. (Scopes are read
by migrator/generate/method_scopes.py.)
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Mapping, Sequence

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

Lines = dict[cst.CSTNode, int]  # node -> the file line it starts on


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


def source_lines(module: cst.Module, cls: cst.ClassDef, funcs: Sequence[cst.FunctionDef],
                 lines: Mapping[str, int]) -> Lines:
    """The file line where each node of `funcs`, methods of `cls`, starts; `lines`: each
    method's `def` line in the file (def_lines)."""
    local = _positions(_alone(module, cls, funcs))
    # a node belongs to the first method ending on or after its first line (decorators and
    # comments above a `def` included)
    ends = sorted((local[f].end.line, lines[f.name.value] - local[f].start.line) for f in funcs)
    lasts = [end for end, _ in ends]
    found: Lines = {}
    for node, where in local.items():
        start = where.start.line
        index = bisect.bisect_left(lasts, start)
        if index < len(lasts):  # else nothing of a method
            found[node] = start + ends[index][1]
    return found


def _positions(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    # The provider alone: MetadataWrapper.resolve also walks the whole tree once more for the
    # providers that visit (there are none here), which doubled the cost.
    return PositionProvider()._gen(MetadataWrapper(module, unsafe_skip_copy=True))
