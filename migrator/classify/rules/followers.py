"""followers: the method adds or removes followers of the records."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.classify.values import keyword, only_arguments, source
from migrator.model import Effect


def _partner_refs(ctx: MethodContext, node: ast.AST | None) -> tuple[str, ...] | None:
    """`env.ref('base.partner_admin').ids` or `[env.ref(a).id, ...]` -> the xml ids: partners an
    action can name."""
    if isinstance(node, ast.Attribute) and node.attr == "ids":
        ref = ctx.env_ref(node.value)
        return (ref,) if ref else None
    if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
        refs = [ctx.env_ref(e.value) if isinstance(e, ast.Attribute) and e.attr == "id" else None for e in node.elts]
        return tuple(refs) if all(refs) else None  # type: ignore[arg-type]
    return None


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
            refs = _partner_refs(ctx, partners)
            verb = "add" if attr == "message_subscribe" else "remove"
            who = source(partners) if partners is not None else "partners"
            # Only adding has an action in every series (16.0 cannot remove followers), and the
            # action subscribes with the default subtypes: `subtype_ids` would be lost.
            no_code = refs is not None and verb == "add" and only_arguments(call, ("partner_ids",))
            yield Effect("followers", f"{verb} followers {who}", ctx.span(call), no_code,
                         {"operation": verb, "partners": refs})
