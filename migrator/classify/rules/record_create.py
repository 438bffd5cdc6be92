"""record-create: the method creates records of another model."""

from __future__ import annotations

from collections.abc import Iterator

from migrator.classify.method_context import MethodContext, const_str
from migrator.classify.rule import Rule
from migrator.classify.values import literal_dict
from migrator.model import Effect

# Creations that other rules read as mail, activity or SMS.
_OTHER_KINDS = frozenset({"mail.mail", "mail.activity", "sms.sms", "sms.composer", "mail.message"})


class RecordCreate(Rule):
    name = "record-create"
    summary = "Creates records of another model (`self.env['x'].create({...})`)."
    produces = "effect"
    match = (
        '''
class ProjectProject(models.Model):
    _inherit = "project.project"

    @api.model_create_multi
    def create(self, vals_list):
        projects = super().create(vals_list)
        for project in projects:
            self.env["project.task"].create({"name": "Kick-off meeting", "project_id": project.id})
        return projects
''',
    )
    no_match = (
        '''
class ProjectProject(models.Model):
    _inherit = "project.project"

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(vals_list)
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Effect]:
        for call, attr, recv in ctx.method_calls():
            if attr != "create":
                continue
            model = ctx.env_model(recv)
            if not model or model in _OTHER_KINDS:
                continue
            values = literal_dict(call.args[0]) if call.args else None
            # 17+ object_create only sets the name (name_create); anything more is code.
            name = const_str(values["name"]) if values is not None and list(values) == ["name"] else None
            yield Effect("record_create", f"create a {model}", ctx.span(call), name is not None,
                         {"model": model, "name": name})
