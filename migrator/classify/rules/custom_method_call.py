"""calls-custom-method: the method calls another method that the module defines."""

from __future__ import annotations

from collections.abc import Iterator

from migrator.classify.method_context import MethodContext, is_super_call
from migrator.classify.rule import Rule
from migrator.model import Blocker


class CustomMethodCall(Rule):
    name = "custom-method-call"
    summary = "Calls a method the module itself defines: it vanishes with the module, the action would break."
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

    def _acme_sync_margin(self):
        for order in self:
            order.note = "margin %s" % order.margin
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
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        own = ctx.module.own_method_names - {ctx.method.name}
        for call, attr, _recv in ctx.method_calls():
            if attr in own and not is_super_call(call):
                yield self.blocker("calls-custom-method",
                                   f"calls {attr}(), a method of this module that goes away with it.", call)
                return
