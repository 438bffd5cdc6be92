"""What a cron's code calls on its model, and with which arguments.

    <field name="code">model.run_reminder(7, draft=False)</field>
        -> called_method: 'run_reminder'
        -> call_arguments: positional ('7',), keywords (('draft', 'False'),)

The scheduled action that replaces the cron runs the method's body as its code: the
parameters are bound from these arguments (migrator/generate/transforms/parameters.py,
which decides which of them are literals it can copy).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

# Recordset methods that only select records or change how the cron's own method is called:
# `model.sudo().search([]).m()` calls `m`.
ENV_METHODS = frozenset({
    "sudo", "with_context", "with_user", "with_company", "with_env",
    "search", "browse", "filtered", "filtered_domain", "sorted", "exists",
})


@dataclass(frozen=True)
class CallArguments:
    """The arguments of one call, as written in the call."""

    positional: tuple[str, ...] = ()
    keywords: tuple[tuple[str, str], ...] = ()
    unpacked: bool = False  # `*args` or `**kwargs` in the call: which parameter gets what is unknown


def called_method(code: str) -> str | None:
    """The method the cron's code calls on its model: `model.m()`, `model.sudo().m(1)`,
    `env['x'].m()`; the first such call in the code."""
    call = _first_call(code)
    return call.func.attr if call is not None else None  # type: ignore[attr-defined]


def call_arguments(code: str, method: str) -> CallArguments | None:
    """The arguments the cron's code passes to `method` (its first call on the model); None
    when it does not call it there."""
    call = _first_call(code)
    if call is None or call.func.attr != method:  # type: ignore[attr-defined]
        return None
    positional: list[str] = []
    keywords: list[tuple[str, str]] = []
    unpacked = False
    for arg in call.args:
        if isinstance(arg, ast.Starred):
            unpacked = True
        else:
            positional.append(_text(code, arg))
    for keyword in call.keywords:
        if keyword.arg is None:
            unpacked = True
        else:
            keywords.append((keyword.arg, _text(code, keyword.value)))
    return CallArguments(tuple(positional), tuple(keywords), unpacked)


def _text(code: str, node: ast.expr) -> str:
    return ast.get_source_segment(code, node) or ast.unparse(node)


def _first_call(code: str) -> ast.Call | None:
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError):  # Odoo could not run it either
        return None
    calls = [node for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
             and node.func.attr not in ENV_METHODS and _on_records(node.func.value)]
    return min(calls, key=lambda node: (node.lineno, node.col_offset)) if calls else None


def _on_records(node: ast.expr) -> bool:
    """Whether `node` is `model`, `env[...]`, `model.env[...]`, or one of them with sudo(),
    search(...) etc."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ENV_METHODS:
        node = node.func.value
    if isinstance(node, ast.Name):
        return node.id == "model"
    if isinstance(node, ast.Subscript):
        target = node.value
        return (isinstance(target, ast.Name) and target.id == "env") or (
            isinstance(target, ast.Attribute) and target.attr == "env"
            and isinstance(target.value, ast.Name) and target.value.id in ("model", "self"))
    return False
