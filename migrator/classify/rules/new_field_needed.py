"""new-field-needed: the logic fills the module's own schema on records it does not act on."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.classify.values import literal_dict
from migrator.model import Blocker


class OwnField(Rule):
    name = "new-field-needed"
    summary = ("Creates or writes records of another model through fields this module declares, or creates "
               "records of a model it defines through one of its relational fields: review by hand.")
    produces = "blocker"
    match = (
        '''
class CrmLead(models.Model):
    _inherit = "crm.lead"

    def action_create_task(self):
        self.env["project.task"].create({"name": self.name, "x_lead_id": self.id})


class ProjectTask(models.Model):
    _inherit = "project.task"

    x_lead_id = fields.Many2one("crm.lead")
''',
        '''
class Visit(models.Model):
    _name = "x.visit"

    task_id = fields.Many2one("project.task")


class ProjectTask(models.Model):
    _inherit = "project.task"

    x_visit_ids = fields.One2many("x.visit", "task_id")

    def action_plan(self):
        for task in self:
            task.x_visit_ids = [(0, 0, {"task_id": task.id})]
''',
    )
    no_match = (
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
class Stage(models.Model):
    _name = "x.stage"

    name = fields.Char()


class ProjectTask(models.Model):
    _inherit = "project.task"

    x_stage_id = fields.Many2one("x.stage")

    def action_close(self):
        self.write({"x_stage_id": self.env.ref("x_module.stage_closed").id})
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        # A field the module declares on the model the logic acts on stays in the residual module
        # (or becomes a custom field): that does not block. Records of another model filled through
        # the module's fields, or records of the module's own models made through one of its
        # relational fields, are work a reviewer must place (which model's rule, which trigger).
        for node in ctx.nodes:
            other = self._other_model_field(ctx, node) or self._own_model_records(ctx, node)
            if other:
                yield self.blocker(other, node)
                return

    @staticmethod
    def _own_model_records(ctx: MethodContext, node: ast.AST) -> str | None:
        """`record.f = [...]` / `record.write({'f': ...})` where f is an x2many field the module
        declares and its comodel a model the module defines (a many2one points at a record)."""
        names: list[str] = []
        if isinstance(node, ast.Assign):
            names = [t.attr for t in node.targets if isinstance(t, ast.Attribute) and ctx.is_records(t.value)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "write" \
                and node.args and ctx.is_records(node.func.value):
            names = list(literal_dict(node.args[0]) or {})
        if not names:  # most nodes: the module's declarations are not looked at
            return None
        declared = {f.name: f for c in ctx.module.model_classes if c.model == ctx.model for f in c.fields}
        own_models = {c.model for c in ctx.module.model_classes if c.is_new_model}
        for name in names:
            decl = declared.get(name)
            comodel = decl.comodel if decl is not None else None
            # a many2one only points at a record that exists: it makes none
            if comodel in own_models and decl.type != "Many2one":
                return (f"fills {name}, a relational field this module declares, with records of {comodel}, a model "
                        "it defines: the records it makes are not those the rule acts on.")
        return None

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
        field = next((f"{model}.{k}" for k in _keys(ctx, node.args[0]) if k in declared), None)
        return (f"fills {field}, a field this module declares on another model: the records it makes or changes "
                "are not those the rule acts on.") if field else None



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
