"""Recognising a cron method that is really a time-based automation rule.

`self.search([('date_deadline', '<', fields.Date.today() - timedelta(days=3))])` followed by
per-record effects is what `base.automation` with trigger `on_time` does natively: act on each
record once its date plus a delay has passed.
"""

from __future__ import annotations

import ast

from migrator.analyze.python_facts import dotted_name
from migrator.classify.method_context import MethodContext, const_str

_NOW = ("today", "now", "context_today", "context_timestamp")


def _relative_to_now(ctx: MethodContext, node: ast.AST, depth: int = 0) -> bool:
    if isinstance(node, ast.Name) and depth < 3:
        value = ctx.assigned_value(node.id)
        return value is not None and _relative_to_now(ctx, value, depth + 1)
    return any(
        isinstance(n, ast.Call) and (dotted_name(n.func) or "").rsplit(".", 1)[-1] in _NOW
        for n in ast.walk(node)
    )


def time_based_field(ctx: MethodContext) -> str | None:
    """The date field a cron's search compares with now, if the search is on the cron's model."""
    for call in ctx.calls():
        found = ctx.method_call(call)
        if not found or found[0] != "search" or not ctx.is_records(found[1]) or not call.args:
            continue
        domain = call.args[0]
        if isinstance(domain, ast.Name):
            domain = ctx.assigned_value(domain.id) or domain
        if not isinstance(domain, ast.List):
            continue
        for term in domain.elts:
            if isinstance(term, ast.Tuple) and len(term.elts) == 3 and const_str(term.elts[0]) \
                    and const_str(term.elts[1]) in ("<", "<=", "=") and _relative_to_now(ctx, term.elts[2]):
                return const_str(term.elts[0])
    return None
