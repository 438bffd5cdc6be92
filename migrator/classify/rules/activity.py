"""activity: the method schedules an activity on the records."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.date_offsets import DEADLINE_UNITS, today_offset
from migrator.classify.method_context import MethodContext, const_str
from migrator.classify.rule import Rule
from migrator.classify.values import keyword, only_arguments, source
from migrator.model import Effect

# activity_schedule's parameters, in order; any other keyword would be lost by the action
_PARAMS = ("act_type_xmlid", "date_deadline", "summary", "note", "user_id")


def _user_field(ctx: MethodContext, node: ast.AST) -> str | None:
    """`rec.user_id.id` -> "user_id": a user field of the records."""
    if isinstance(node, ast.Attribute) and node.attr == "id" and isinstance(node.value, ast.Attribute) \
            and ctx.is_records(node.value.value):
        return node.value.attr
    return None


def _deadline(ctx: MethodContext, node: ast.AST) -> tuple[int, str] | None:
    """`today + N days/weeks/months`, N >= 0: activities count whole units ahead."""
    offset = today_offset(ctx, node)
    return offset if offset is not None and offset[0] >= 0 and offset[1] in DEADLINE_UNITS else None


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
                yield self._scheduled(ctx, call)
            elif attr == "create" and ctx.env_model(recv) == "mail.activity":
                yield Effect("activity", "create a mail.activity in code", ctx.span(call), False, {})

    def _scheduled(self, ctx: MethodContext, call: ast.Call) -> Effect:
        type_node, deadline_node, summary_node, note_node, user_node = (
            keyword(call, name, position) for position, name in enumerate(_PARAMS))
        type_xmlid = const_str(type_node)
        # absent parts are None and complete; present parts must read as a value
        summary, note = const_str(summary_node), const_str(note_node)
        user_field = _user_field(ctx, user_node) if user_node is not None else None
        deadline = _deadline(ctx, deadline_node) if deadline_node is not None else (0, "days")
        read = ((summary_node, summary), (note_node, note), (user_node, user_field))
        no_code = bool(type_xmlid) and deadline is not None and only_arguments(call, _PARAMS) \
            and all(node is None or value is not None for node, value in read)
        details = {"activity_type": type_xmlid, "summary": summary, "note": note, "user_field": user_field,
                   "deadline_amount": deadline[0] if deadline else None,
                   "deadline_unit": deadline[1] if deadline else None}
        return Effect(
            "activity",
            f"schedule activity {type_xmlid or 'of a computed type'}"
            + (f" {source(summary_node)}" if summary_node is not None else ""),
            ctx.span(call),
            no_code,
            details,
        )
