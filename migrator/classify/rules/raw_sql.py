"""raw-sql: the method runs SQL itself."""

from __future__ import annotations

from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.model import Blocker


class RawSql(Rule):
    name = "raw-sql"
    summary = "Runs SQL (`cr.execute`): bypasses the ORM, its access rules and automation triggers."
    produces = "blocker"
    match = (
        '''
class StockPicking(models.Model):
    _inherit = "stock.picking"

    def write(self, vals):
        res = super().write(vals)
        self.env.cr.execute("UPDATE stock_picking SET printed = false WHERE id IN %s", (tuple(self.ids),))
        return res
''',
    )
    no_match = (
        '''
class StockPicking(models.Model):
    _inherit = "stock.picking"

    def write(self, vals):
        res = super().write(vals)
        self.filtered("printed").write({"printed": False})
        return res
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        for call, attr, recv in ctx.method_calls():
            if attr in ("execute", "executemany") and (ctx.dotted(recv) or "").endswith(("cr", "_cr")):
                yield self.blocker("runs raw SQL through the cursor; an action must use the ORM.", call)
                return
