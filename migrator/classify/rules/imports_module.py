"""imports-module: the method uses a module the server-action sandbox does not provide."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.model import Blocker

# What a server action has, directly or once rewritten (fields.Date.today() -> datetime...).
_ALLOWED_PREFIXES = ("odoo.api", "odoo.fields", "odoo.models", "odoo.exceptions", "odoo.Command", "odoo._",
                     "odoo.tools.float_compare", "odoo.tools.float_utils.float_compare",
                     "datetime", "dateutil", "time", "pytz", "json", "logging", "base64.b64encode",
                     "base64.b64decode")


def allowed(origin: str) -> bool:
    return origin in ("odoo", "_logger") or any(origin == p or origin.startswith(p + ".") for p in _ALLOWED_PREFIXES)


class ImportsModule(Rule):
    name = "imports-module"
    summary = "Uses an imported module the sandbox lacks (`requests`, `os`, `re`, ...): no server action can import."
    produces = "blocker"
    match = (
        '''
import requests

class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        res = super().write(vals)
        if "vat" in vals:
            requests.post("https://crm.example.com/hook", json={"id": self.id}, timeout=5)
        return res
''',
    )
    no_match = (
        '''
from datetime import timedelta

class ResPartner(models.Model):
    _inherit = "res.partner"

    def action_snooze(self):
        self.write({"comment": str(fields.Date.today() + timedelta(days=7))})
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        for node in ctx.nodes:
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                origin = ctx.imported_origin(node.id)
                if origin and not allowed(origin):
                    yield self.blocker("imports-module",
                                       f"uses {node.id} (imported from {origin}), which a server action cannot import.", node)
                    return
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                yield self.blocker("imports-module", "imports inside the method; server actions cannot import.", node)
                return
