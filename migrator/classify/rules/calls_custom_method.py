"""calls-custom-method: the method calls another method that the module defines, and that
method cannot go into the action with it (migrator/classify/inlining.py says why)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.inlining import helper_calls
from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.model import Blocker


class CustomMethodCall(Rule):
    name = "calls-custom-method"
    summary = ("Calls a method, function or class only the module defines, which cannot be inlined into the "
               "action: it vanishes with the module, the action would break.")
    produces = "blocker"
    match = (
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            self._acme_sync_margin()
        return res

    @api.onchange("order_line")
    def _onchange_lines(self):
        self._acme_sync_margin()

    def _acme_sync_margin(self):
        for order in self:
            order.note = "margin %s" % order.margin
''',
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def write(self, vals):
        res = super().write(vals)
        for order in self.filtered(lambda o: o.amount_total > o._acme_review_limit()):
            order.note = "review"
        return res

    def _acme_review_limit(self):
        self.ensure_one()
        limit = self.company_id.review_limit
        return limit * 2
''',
    )
    no_match = (
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            self._compute_amounts()
        return res
''',
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            self._acme_sync_margin()
        return res

    def _acme_sync_margin(self):
        for order in self:
            order.note = "margin %s" % order.margin
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        for item in helper_calls(ctx):
            if item.reason is not None:
                yield self.blocker(f"calls {item.name}(), a method of this module that goes away with it: "
                                   f"{item.reason}.", item.call)
                return
        defined = _file_definitions(ctx)
        in_super = {id(a) for n in ctx.nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                    and n.func.id == "super" for a in n.args}  # super(Cls, self)
        for node in ctx.nodes:
            if id(node) in in_super:
                continue
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in defined \
                    and node.id not in ctx.local_names:
                yield self.blocker(f"uses {node.id}, a {defined[node.id]} the model file defines.", node)
                return


def _file_definitions(ctx: MethodContext) -> dict[str, str]:
    """Top-level functions and classes of the method's file: name -> "function" / "class"."""
    facts = ctx.module.file_facts(ctx.method.file)
    if facts is None:
        return {}
    return {n.name: "class" if isinstance(n, ast.ClassDef) else "function" for n in facts.tree.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
