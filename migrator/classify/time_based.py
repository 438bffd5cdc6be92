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


def relative_to_now(ctx: MethodContext, node: ast.AST, depth: int = 0) -> bool:
    if isinstance(node, ast.Name) and depth < 3:
        value = ctx.assigned_value(node.id)
        return value is not None and relative_to_now(ctx, value, depth + 1)
    return any(
        isinstance(n, ast.Call) and (dotted_name(n.func) or "").rsplit(".", 1)[-1] in _NOW
        for n in ast.walk(node)
    )


def time_based_field(ctx: MethodContext) -> tuple[str, list | None] | None:
    """(date field, the search's other terms as a domain) when a cron searches its own model
    for records whose date compares with now; the domain is None when a term is not literal."""
    for call, attr, recv in ctx.method_calls():
        if attr != "search" or not ctx.is_records(recv) or not call.args:
            continue
        domain = call.args[0]
        if isinstance(domain, ast.Name):
            domain = ctx.assigned_value(domain.id) or domain
        if not isinstance(domain, ast.List):
            continue
        date_field, others = None, []
        for term in domain.elts:
            if date_field is None and isinstance(term, ast.Tuple) and len(term.elts) == 3 and const_str(term.elts[0]) \
                    and const_str(term.elts[1]) in ("<", "<=", "=") and relative_to_now(ctx, term.elts[2]):
                date_field = const_str(term.elts[0])
                continue
            try:
                others.append(ast.literal_eval(term))
            except ValueError:
                others = None  # type: ignore[assignment]
                break
        if date_field:
            return date_field, [tuple(t) if isinstance(t, (list, tuple)) and len(t) == 3 else t for t in others] \
                if others is not None else None
    return None
