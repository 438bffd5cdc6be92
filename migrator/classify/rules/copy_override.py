"""copy-override: a `copy()` override."""

from __future__ import annotations

from collections.abc import Iterator

from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.model import Blocker


class CopyOverride(Rule):
    name = "copy-override"
    summary = "Overrides `copy()`: an automation sees a create and cannot tell a duplicate from a new record."
    produces = "blocker"
    match = (
        '''
class CrmLead(models.Model):
    _inherit = "crm.lead"

    def copy(self, default=None):
        default = dict(default or {}, name=_("%s (copy)") % self.name)
        return super().copy(default)
''',
    )
    no_match = (
        '''
class CrmLead(models.Model):
    _inherit = "crm.lead"

    def unlink(self):
        self.message_post(body="Deleted")
        return super().unlink()
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        if ctx.method.name == "copy":
            yield self.blocker("overrides copy(); an automation on create cannot tell a duplicate from a new record.",
                               ctx.method.node)
