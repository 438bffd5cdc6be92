"""overrides-button: an override of a core button method."""

from __future__ import annotations

from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.model import Blocker


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
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        if ctx.trigger == "manual" and ctx.super_calls:
            yield self.blocker(f"extends the core button {ctx.method.name}(); a server action cannot hook into a click, "
                "an automation on the state it sets may replace it (review by hand).",
                ctx.super_calls[0],
            )
