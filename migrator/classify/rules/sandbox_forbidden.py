"""sandbox-forbidden: the method uses what Odoo's safe_eval refuses in action code."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.model import Blocker

_FORBIDDEN_CALLS = frozenset({"getattr", "setattr", "hasattr", "delattr", "print", "open", "type", "eval", "exec",
                              "compile", "globals", "locals", "vars", "__import__"})
_FORBIDDEN_STATEMENTS = (ast.With, ast.AsyncWith, ast.Global, ast.Nonlocal, ast.ClassDef, ast.Assert)


class SandboxForbidden(Rule):
    name = "sandbox-forbidden"
    summary = "Uses what the server-action sandbox refuses: getattr/hasattr/print/open/type, with, global, class, dunder names."
    produces = "blocker"
    match = (
        '''
class ProjectTask(models.Model):
    _inherit = "project.task"

    def write(self, vals):
        res = super().write(vals)
        for field_name in ("date_deadline", "user_ids"):
            if field_name in vals and getattr(self, field_name):
                self.message_post(body="Updated")
        return res
''',
    )
    no_match = (
        '''
class ProjectTask(models.Model):
    _inherit = "project.task"

    def write(self, vals):
        res = super().write(vals)
        if "date_deadline" in vals:
            self.message_post(body="Deadline updated")
        return res
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        for node in ctx.nodes:
            what = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FORBIDDEN_CALLS:
                what = f"{node.func.id}()"
            elif isinstance(node, _FORBIDDEN_STATEMENTS):
                what = f"a `{type(node).__name__.lower()}` statement"
            elif isinstance(node, ast.Attribute) and "__" in node.attr:
                what = f"the dunder name {node.attr}"
            elif isinstance(node, ast.Name) and "__" in node.id:
                what = f"the dunder name {node.id}"
            if what:
                yield self.blocker("sandbox-forbidden", f"uses {what}, which Odoo's sandbox refuses in action code.", node)
                return
