"""super-create-in-loop: `super().create(vals)` called once per dict of `vals_list`."""

from __future__ import annotations

from collections.abc import Iterator

from migrator.classify.method_context import MethodContext, is_super_call
from migrator.classify.rule import Rule
from migrator.model import Blocker


class SuperCreateInLoop(Rule):
    name = "super-create-in-loop"
    summary = "`super().create(vals)` inside a loop over `vals_list`: a bug (breaks batch creation); flagged, not copied."
    produces = "blocker"
    match = (
        '''
class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.browse()
        for vals in vals_list:
            vals["ref"] = vals.get("ref") or "NEW"
            partners |= super().create(vals)
        return partners
''',
    )
    no_match = (
        '''
class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("ref", "NEW")
        return super().create(vals_list)
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        if ctx.method.name != "create":
            return
        for st in ctx.statements:
            if not st.loops:
                continue
            for call in ctx.super_calls:
                if st.node.lineno <= call.lineno <= (st.node.end_lineno or st.node.lineno) and is_super_call(call):
                    yield self.blocker("calls super().create() once per record inside a loop: a bug to fix in the module, not to copy.",
                        call,
                    )
                    return
