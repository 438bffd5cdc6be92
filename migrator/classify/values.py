"""Small readings of expressions that several rules share."""

from __future__ import annotations

import ast


def is_constant(node: ast.AST | None) -> bool:
    """A literal an action can hold as a fixed value: 'done', 3, -1.5, True, None."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return isinstance(node.operand, ast.Constant)
    return False


def literal_dict(node: ast.AST | None) -> dict[str, ast.expr] | None:
    """`{'a': x, 'b': y}` (string keys only) -> {'a': x, 'b': y}; None for anything else."""
    if not isinstance(node, ast.Dict) or any(not isinstance(k, ast.Constant) or not isinstance(k.value, str) for k in node.keys):
        return None
    return {k.value: v for k, v in zip(node.keys, node.values)}  # type: ignore[union-attr]


def source(node: ast.AST) -> str:
    return ast.unparse(node)


def keyword(call: ast.Call, name: str, position: int | None = None) -> ast.expr | None:
    """Argument `name` of a call, given by keyword or at `position`."""
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def only_arguments(call: ast.Call, names: tuple[str, ...]) -> bool:
    """Every argument of the call is one of `names` (positionally in that order, or by keyword):
    nothing else, no `*args` or `**kwargs`, that an action would silently drop."""
    if len(call.args) > len(names) or any(isinstance(a, ast.Starred) for a in call.args):
        return False
    return all(kw.arg in names for kw in call.keywords)
