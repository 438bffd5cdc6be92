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
        '''
class CrmLead(models.Model):
    _inherit = "crm.lead"

    def action_create_task(self):
        self.env["project.task"].create({"name": self.name, "x_lead_id": self.id})


class ProjectTask(models.Model):
    _inherit = "project.task"

    x_lead_id = fields.Many2one("crm.lead")
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
        for node in ctx.nodes:
            other = self._other_model_field(ctx, node)
            if other:
                yield self.blocker(f"uses {other}, a field this module adds: it vanishes on uninstall unless the "
                                   "field stays.", node)
                return
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
    def _other_model_field(ctx: MethodContext, node: ast.AST) -> str | None:
        """`env['m'].create({'f': ...})` (or `.write`) where the module declares m.f."""
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("create", "write") and node.args):
            return None
        model = ctx.env_model(node.func.value)
        if model is None or model == ctx.model:
            return None
        declared = ctx.module.own_fields.get(model, frozenset())
        return next((f"{model}.{k}" for k in _keys(ctx, node.args[0]) if k in declared), None)

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


def _keys(ctx: MethodContext, node: ast.AST | None, depth: int = 0) -> list[str]:
    """Keys of the values dict `node` is: a literal, a local assigned one, or what a helper of
    the module returns (`vals = self._prepare_task_vals()`)."""
    if node is None or depth > 3:
        return []
    if isinstance(node, ast.Dict):
        return list(literal_dict(node) or {})
    if isinstance(node, ast.Name):
        return _keys(ctx, ctx.assigned_value(node.id), depth + 1)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and ctx.is_records(node.func.value):
        for method in ctx.module.methods:
            if method.name == node.func.attr and method.model == ctx.model and method.node.body:
                last = method.node.body[-1]
                if isinstance(last, ast.Return):
                    return _keys(MethodContext(method, ctx.module, ctx.trigger), last.value, depth + 1)
    return []
