"""new-field-needed: the method's logic uses a field that the module itself declares."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.method_context import MethodContext, const_str
from migrator.classify.rule import Rule
from migrator.classify.values import literal_dict
from migrator.model import Blocker


class OwnField(Rule):
    name = "new-field-needed"
    summary = "Reads or writes a field the module declares: the field and its data vanish when the module is uninstalled."
    produces = "blocker"
    match = (
        '''
class HrEmployee(models.Model):
    _inherit = "hr.employee"

    x_badge_printed = fields.Boolean()

    def write(self, vals):
        if "job_id" in vals:
            vals["x_badge_printed"] = False
        return super().write(vals)
''',
    )
    no_match = (
        '''
class HrEmployee(models.Model):
    _inherit = "hr.employee"

    x_badge_printed = fields.Boolean()

    def write(self, vals):
        if "job_id" in vals:
            vals["barcode"] = False
        return super().write(vals)
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        own = ctx.module.own_fields.get(ctx.model, frozenset())
        if not own:
            return
        for node in ctx.nodes:
            name = self._field_named(ctx, node)
            if name in own:
                if name in ctx.module.extended_selections.get(ctx.model, frozenset()):
                    message = (f"uses {name}, a selection this module extends (selection_add): the values it "
                               "adds vanish on uninstall unless the extension stays.")
                else:
                    message = f"uses {name}, a field this module adds: it vanishes on uninstall unless the field stays."
                yield self.blocker(message, node)
                return

    @staticmethod
    def _field_named(ctx: MethodContext, node: ast.AST) -> str | None:
        if isinstance(node, ast.Attribute) and ctx.is_records(node.value):
            return node.attr
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in ctx.vals_names:
            return const_str(node.slice)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            if node.func.attr in ("get", "setdefault", "pop") and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id in ctx.vals_names:
                return const_str(node.args[0])
            if node.func.attr in ("write", "update"):
                keys = literal_dict(node.args[0]) or {}
                own = ctx.module.own_fields.get(ctx.model, frozenset())
                return next((k for k in keys if k in own), None)
        if isinstance(node, ast.Compare) and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            right = node.comparators[0]
            if isinstance(right, ast.Name) and right.id in ctx.vals_names:
                return const_str(node.left)
        return None
