"""message-post: the method posts a chatter message written in code."""

from __future__ import annotations

from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.classify.values import keyword, source
from migrator.model import Effect


class MessagePost(Rule):
    name = "message-post"
    summary = "Posts a chatter message (`message_post(body=...)`): a code action, no no-code type posts free text."
    produces = "effect"
    match = (
        '''
class StockPicking(models.Model):
    _inherit = "stock.picking"

    def write(self, vals):
        res = super().write(vals)
        if "scheduled_date" in vals:
            for picking in self:
                picking.message_post(body=_("Scheduled date moved to %s") % picking.scheduled_date)
        return res
''',
    )
    no_match = (
        '''
class StockPicking(models.Model):
    _inherit = "stock.picking"

    def action_set_priority(self):
        self.write({"priority": "1"})
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Effect]:
        for call, attr, _recv in ctx.method_calls():
            # on the records or on related ones (`order.partner_id.message_post(...)`): code either way
            if attr in ("message_post", "message_notify"):
                body = keyword(call, "body")
                text = source(body) if body is not None else "a message"
                yield Effect("message", f"post {text}"[:120], ctx.span(call), False, {"body": text})
