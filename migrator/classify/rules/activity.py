"""activity: the method schedules an activity on the records."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.analyze.python_facts import dotted_name
from migrator.classify.method_context import MethodContext, const_str
from migrator.classify.rule import Rule
from migrator.classify.values import is_constant, keyword, source
from migrator.model import Effect


def _days_offset(node: ast.AST | None) -> bool:
    """Deadline absent, or `today + timedelta(days=N)` / relativedelta with constant arguments."""
    if node is None:
        return True
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and (dotted_name(n.func) or "").rsplit(".", 1)[-1] in ("timedelta", "relativedelta"):
            return not n.args and all(is_constant(k.value) for k in n.keywords)
    return False


class Activity(Rule):
    name = "activity"
    summary = "Schedules an activity (`activity_schedule('module.activity_type', ...)`)."
    produces = "effect"
    match = (
        '''
class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        for lead in leads:
            lead.activity_schedule("mail.mail_activity_data_call", summary="First call", user_id=lead.user_id.id)
        return leads
''',
    )
    no_match = (
        '''
class CrmLead(models.Model):
    _inherit = "crm.lead"

    def action_done(self):
        self.activity_ids.action_feedback(feedback="Done")
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Effect]:
        for call, attr, recv in ctx.method_calls():
            if attr == "activity_schedule" and ctx.is_records(recv):
                type_xmlid = const_str(keyword(call, "act_type_xmlid", 0))
                user = keyword(call, "user_id")
                user_ok = user is None or (
                    isinstance(user, ast.Attribute) and user.attr == "id"
                    and isinstance(user.value, ast.Attribute) and ctx.is_records(user.value.value)
                )
                texts_ok = all(
                    keyword(call, k) is None or is_constant(keyword(call, k)) for k in ("summary", "note")
                )
                no_code = bool(type_xmlid) and user_ok and texts_ok and _days_offset(keyword(call, "date_deadline"))
                summary = keyword(call, "summary")
                yield Effect(
                    "activity",
                    f"schedule activity {type_xmlid or 'of a computed type'}"
                    + (f" {source(summary)}" if summary is not None else ""),
                    ctx.span(call),
                    no_code,
                    {"activity_type": type_xmlid, "user": source(user) if user is not None else None},
                )
            elif attr == "create" and ctx.env_model(recv) == "mail.activity":
                yield Effect("activity", "create a mail.activity in code", ctx.span(call), False, {})
