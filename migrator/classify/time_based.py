"""Recognising a cron method that is really a time-based automation rule.

`self.search([('date_deadline', '<', fields.Date.today() - timedelta(days=3))])` followed by
per-record effects is what `base.automation` with trigger `on_time` does natively: act on each
record once its date plus a delay has passed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from migrator.classify.date_offsets import TRIGGER_UNITS, relative_to_now, today_offset
from migrator.classify.method_context import MethodContext, const_str


@dataclass(frozen=True)
class TimeSearch:
    date_field: str
    domain: list | None  # the search's other terms; None when one is not literal
    delay: tuple[int, str] | None  # see Unit.date_delay; None when the offset is not literal
    operator: str = "="  # of the date term: "=" matches a record on one day only


def time_search(ctx: MethodContext) -> TimeSearch | None:
    """How a cron searches its own model for records whose date compares with now."""
    for call, attr, recv in ctx.method_calls():
        if attr != "search" or not ctx.is_records(recv) or not call.args:
            continue
        domain = call.args[0]
        if isinstance(domain, ast.Name):
            domain = ctx.assigned_value(domain.id) or domain
        if not isinstance(domain, ast.List):
            continue
        date_term, others = None, []
        for term in domain.elts:
            if date_term is None and isinstance(term, ast.Tuple) and len(term.elts) == 3 and const_str(term.elts[0]) \
                    and const_str(term.elts[1]) in ("<", "<=", "=") and relative_to_now(ctx, term.elts[2]):
                date_term = term
                continue
            try:
                others.append(ast.literal_eval(term))
            except ValueError:
                others = None  # type: ignore[assignment]
                break
        if date_term is not None:
            return TimeSearch(
                const_str(date_term.elts[0]) or "",
                [tuple(t) if isinstance(t, (list, tuple)) and len(t) == 3 else t for t in others]
                if others is not None else None,
                _delay(ctx, date_term.elts[2]),
                const_str(date_term.elts[1]) or "=")
    return None


def _delay(ctx: MethodContext, limit: ast.AST) -> tuple[int, str] | None:
    """`('d', '=', today + 3 days)` acts 3 days before d: -3; `('d', '<', today - 2 days)`
    2 days after: +2."""
    offset = today_offset(ctx, limit)
    if offset is None:
        return None
    unit, factor = TRIGGER_UNITS[offset[1]]
    return -offset[0] * factor, unit
