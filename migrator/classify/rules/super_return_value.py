"""uses-super-return-value: the method does something with what `super()` returned."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.method_context import MethodContext, is_super_call
from migrator.classify.rule import Rule
from migrator.model import Blocker


class SuperReturnValue(Rule):
    name = "super-return-value"
    summary = "The value `super()` returned is used other than returned (or, for create, as the new records)."
    produces = "blocker"
    match = (
        '''
class AccountMove(models.Model):
    _inherit = "account.move"

    def write(self, vals):
        res = super().write(vals)
        if res and "ref" in vals:
            self.write({"narration": vals["ref"]})
        return res
''',
    )
    no_match = (
        '''
class AccountMove(models.Model):
    _inherit = "account.move"

    def write(self, vals):
        res = super().write(vals)
        if "ref" in vals:
            self.write({"narration": "Reference updated"})
        return res
''',
        '''
class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves.write({"narration": "Created by import"})
        return moves
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        if ctx.method.name == "create":
            return  # create returns the new records: they are `records` in the action
        names = ctx.super_result_names
        for node in ctx.nodes:
            if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load):
                if not self._returned(ctx, node):
                    yield self.blocker("uses-super-return-value",
                                       f"uses `{node.id}`, the value returned by super(), which an action does not have.", node)
                    return
        for stmt in ctx.statements:
            for node in ast.walk(stmt.node):
                if is_super_call(node) and not self._plain_use(stmt.node, node):
                    yield self.blocker("uses-super-return-value",
                                       "uses the value returned by super() in an expression.", node)
                    return

    @staticmethod
    def _returned(ctx: MethodContext, name: ast.Name) -> bool:
        return any(isinstance(s.node, ast.Return) and s.node.value is name for s in ctx.statements)

    @staticmethod
    def _plain_use(stmt: ast.stmt, call: ast.Call) -> bool:
        """`super().x()`, `res = super().x()` and `return super().x()` do not use the value."""
        return getattr(stmt, "value", None) is call
