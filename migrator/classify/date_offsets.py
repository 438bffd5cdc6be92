"""Dates relative to now (`fields.Date.today() + timedelta(days=3)`), read once for both the
delay of a time-based search and the deadline of an activity."""

from __future__ import annotations

import ast

from migrator.analyze.python_facts import dotted_name
from migrator.classify.method_context import MethodContext

_NOW = ("today", "now", "context_today", "context_timestamp")
# timedelta/relativedelta keyword -> base.automation trg_date_range_type and how many of it
TRIGGER_UNITS = {"days": ("day", 1), "weeks": ("day", 7), "months": ("month", 1),
                 "hours": ("hour", 1), "minutes": ("minutes", 1)}
# The units an activity deadline counts in (activity_date_deadline_range_type).
DEADLINE_UNITS = ("days", "weeks", "months")


def _is_now(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and (dotted_name(node.func) or "").rsplit(".", 1)[-1] in _NOW


def relative_to_now(ctx: MethodContext, node: ast.AST, depth: int = 0) -> bool:
    """The expression involves today or now, also through a local variable."""
    if isinstance(node, ast.Name) and depth < 3:
        value = ctx.assigned_value(node.id)
        return value is not None and relative_to_now(ctx, value, depth + 1)
    return any(_is_now(n) for n in ast.walk(node))


def today_offset(ctx: MethodContext, node: ast.AST, depth: int = 0) -> tuple[int, str] | None:
    """`today (+|-) timedelta(days=N)` -> (±N, "days"); plain `today` -> (0, "days");
    None for anything else (a computed amount, two units, another base date)."""
    if isinstance(node, ast.Name) and depth < 3:
        value = ctx.assigned_value(node.id)
        return None if value is None else today_offset(ctx, value, depth + 1)
    if _is_now(node):
        return 0, "days"
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) \
            and today_offset(ctx, node.left, depth + 1) == (0, "days"):
        delta = _delta(node.right)
        if delta is None:
            return None
        sign = 1 if isinstance(node.op, ast.Add) else -1
        return sign * delta[0], delta[1]
    return None


def _delta(node: ast.AST) -> tuple[int, str] | None:
    """`timedelta(days=3)` / `relativedelta(months=1)` with one constant integer keyword."""
    if not (isinstance(node, ast.Call) and (dotted_name(node.func) or "").rsplit(".", 1)[-1]
            in ("timedelta", "relativedelta") and not node.args and len(node.keywords) == 1):
        return None
    kw = node.keywords[0]
    if kw.arg not in TRIGGER_UNITS or not isinstance(kw.value, ast.Constant) or type(kw.value.value) is not int:
        return None
    return kw.value.value, kw.arg
