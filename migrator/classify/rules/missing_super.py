"""missing-super: a create/write/unlink override that never calls `super()`."""

from __future__ import annotations

from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.model import Blocker


class MissingSuper(Rule):
    name = "missing-super"
    summary = "A create/write/unlink override that never calls `super()` replaces the ORM method: no rule can."
    produces = "blocker"
    match = (
        '''
class ResPartner(models.Model):
    _inherit = "res.partner"

    def unlink(self):
        self.write({"active": False})
        return True
''',
    )
    no_match = (
        '''
class ResPartner(models.Model):
    _inherit = "res.partner"

    def unlink(self):
        self.message_post(body="Deleted")
        return super().unlink()
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        if ctx.method.name in ("create", "write", "unlink") and not ctx.super_calls:
            yield self.blocker(f"the {ctx.method.name} override never calls super(): it replaces the ORM method.",
                               ctx.method.node)
