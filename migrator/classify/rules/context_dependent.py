"""context-dependent: the method's behaviour depends on context keys."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.model import Blocker


class ContextDependent(Rule):
    name = "context-dependent"
    summary = "Reads the context (`self.env.context`, `self._context`): callers steer it, an automation cannot see that."
    produces = "blocker"
    match = (
        '''
class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if not self.env.context.get("import_file"):
            partners.write({"comment": "Created by hand"})
        return partners
''',
    )
    no_match = (
        '''
class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.with_context(tracking_disable=True).write({"comment": "New"})
        return partners
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        for node in ctx.nodes:
            reads = (
                isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and (
                    (node.attr == "context" and ctx.is_env(node.value))
                    or (node.attr == "_context" and ctx.is_records(node.value))
                )
            )
            reads = reads or (isinstance(node, ast.Name) and node.id == "context" and "context" in ctx.method.params)
            if reads:
                yield self.blocker("reads the context, which depends on the caller and is not there in an automation.", node)
                return
