"""followers: the method adds or removes followers of the records."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.classify.values import keyword, source
from migrator.model import Effect


def _fixed_partners(ctx: MethodContext, node: ast.AST | None) -> bool:
    """`env.ref('base.partner_admin').ids` or `[env.ref(...).id, ...]`: partners an action can name."""
    if isinstance(node, ast.Attribute) and node.attr == "ids":
        return bool(ctx.env_ref(node.value))
    return isinstance(node, (ast.List, ast.Tuple)) and bool(node.elts) and all(
        isinstance(e, ast.Attribute) and e.attr == "id" and ctx.env_ref(e.value) for e in node.elts
    )


class Followers(Rule):
    name = "followers"
    summary = "Subscribes or unsubscribes partners (`message_subscribe`, `message_unsubscribe`)."
    produces = "effect"
    match = (
        '''
class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        for order in orders:
            order.message_subscribe(partner_ids=order.user_id.partner_id.ids)
        return orders
''',
    )
    no_match = (
        '''
class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    def action_lock(self):
        self.write({"locked": True})
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Effect]:
        for call, attr, recv in ctx.method_calls():
            if attr not in ("message_subscribe", "message_unsubscribe") or not ctx.is_records(recv):
                continue
            partners = keyword(call, "partner_ids", 0)
            fixed = _fixed_partners(ctx, partners)
            verb = "add" if attr == "message_subscribe" else "remove"
            who = source(partners) if partners is not None else "partners"
            yield Effect("followers", f"{verb} followers {who}", ctx.span(call), fixed,
                         {"operation": verb, "partners": who})
