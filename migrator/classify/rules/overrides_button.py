"""overrides-button: an override of a core button method.

An override acting after `super()` of a button that only moves records to a state
(migrator/state_buttons.py) is let through: the rule on that move replaces it."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.model import Blocker
from migrator.state_buttons import state_button


class ButtonOverride(Rule):
    name = "overrides-button"
    summary = "Overrides a core button (`action_*`/`button_*` calling super()): a click is no automation trigger."
    produces = "blocker"
    match = (
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm(self):
        res = super().action_confirm()
        self.write({"client_order_ref": "CONFIRMED"})
        return res
''',
    )
    no_match = (
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_mark_vip(self):
        self.write({"priority": "1"})
''',
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_draft(self):
        res = super().action_draft()
        self.write({"client_order_ref": False})
        return res
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        if ctx.trigger != "manual" or not ctx.super_calls:
            return
        if state_button(ctx.model, ctx.method.name) is not None and _acts_after_super(ctx):
            return  # the move Odoo's button makes is the rule's trigger (migrator/state_buttons.py)
        yield self.blocker(f"extends the core button {ctx.method.name}(); a server action cannot hook into a click, "
            "an automation on the state it sets may replace it (review by hand).",
            ctx.super_calls[0],
        )


def _acts_after_super(ctx: MethodContext) -> bool:
    """`super().button()` first (its result kept only to be returned at the end), the rest after it."""
    body = ctx.body
    first = body[0] if body else None
    value = first.value if isinstance(first, (ast.Expr, ast.Assign)) else None
    if value is not ctx.super_calls[0] or len(ctx.super_calls) != 1 or value.args or value.keywords:
        return False
    kept = ctx.super_result_names
    last = body[-1]
    ends = isinstance(last, ast.Return) and (last.value is None or isinstance(last.value, ast.Constant) or (
        isinstance(last.value, ast.Name) and last.value.id in kept))
    reads = [n for stmt in (body[1:-1] if ends else body[1:]) for n in ast.walk(stmt)
             if isinstance(n, ast.Name) and n.id in kept]
    returns = [n for stmt in body[1:] for n in ast.walk(stmt) if isinstance(n, ast.Return)]
    return not reads and returns in ([], [last])
