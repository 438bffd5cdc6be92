"""One walk over a parsed Python file, for what several stages ask of every node.

The line numbers Odoo's counter counts (analyze/cloc.py), where each attribute name is read
(who calls a module's method: classify/inlining.py), where `super()` is called (which methods
override one). Walking a tree is the audit's largest cost after parsing it: a plain stack over
`_fields` is about twice as fast as `ast.walk`'s generators, and each walk more is felt.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class TreeIndex:
    lines: frozenset[int]  # the line of every node that has one
    attributes: Mapping[str, tuple[int, ...]]  # `x.name` -> the lines it is read on, sorted
    super_calls: tuple[int, ...]  # lines of `super(...)` calls, sorted


def index_tree(tree: ast.AST) -> TreeIndex:
    numbers: set[int] = set()
    add = numbers.add
    attributes: dict[str, list[int]] = {}
    supers: list[int] = []
    stack = [tree]
    pop, push = stack.pop, stack.append
    node_type, attribute, call, name_type = ast.AST, ast.Attribute, ast.Call, ast.Name
    while stack:
        node = pop()
        line = getattr(node, "lineno", None)
        if line is not None:
            add(line)
            kind = node.__class__
            if kind is attribute:
                attributes.setdefault(node.attr, []).append(line)  # type: ignore[attr-defined]
            elif kind is call and node.func.__class__ is name_type and node.func.id == "super":  # type: ignore[attr-defined]
                supers.append(line)
        for name in node._fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, node_type):
                        push(item)
            elif isinstance(value, node_type):
                push(value)
    return TreeIndex(frozenset(numbers), {k: tuple(sorted(v)) for k, v in attributes.items()}, tuple(sorted(supers)))
