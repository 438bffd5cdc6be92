"""mail-send-template: the method sends a mail template for the records."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.method_context import MethodContext, const_str
from migrator.classify.rule import Rule
from migrator.classify.values import keyword, only_arguments
from migrator.model import Effect

_POST_WITH = ("message_post_with_template", "message_post_with_source")
# The subtype a template was posted with (none: a comment) -> mail_post_method; no action
# posts with another subtype.
_POST_METHODS = {"mail.mt_comment": "comment", "mail.mt_note": "note"}
# Arguments the mail_post action reproduces; any other would be lost.
_SEND_MAIL_ARGS = ("res_id", "force_send", "raise_exception")
_POST_WITH_ARGS = ("template", "subtype_xmlid")


class MailSend(Rule):
    name = "mail-send-template"
    summary = "Sends a mail template: `template.send_mail(rec.id)`, `message_post_with_template` (16) or `message_post_with_source` (17+)."
    produces = "effect"
    match = (
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_send_reminder(self):
        template = self.env.ref("acme_sale.mail_template_reminder")
        for order in self:
            template.send_mail(order.id, force_send=False)
''',
        '''
class ProjectTask(models.Model):
    _inherit = "project.task"

    def write(self, vals):
        res = super().write(vals)
        if vals.get("stage_id"):
            self.message_post_with_source("acme_project.mail_template_stage")
        return res
''',
    )
    no_match = (
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_notify(self):
        self.message_post(body="Ready for delivery")
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Effect]:
        for call, attr, recv in ctx.method_calls():
            if attr == "send_mail":
                xmlid = ctx.env_ref(recv)
                target = keyword(call, "res_id", 0)
                on_record = isinstance(target, ast.Attribute) and target.attr == "id" and ctx.is_records(target.value)
                method = "email" if on_record and only_arguments(call, _SEND_MAIL_ARGS) else None
                yield self._effect(ctx, call, xmlid, method)
            elif attr in _POST_WITH and ctx.is_records(recv):
                arg = call.args[0] if call.args else None
                if isinstance(arg, ast.Attribute) and arg.attr == "id":
                    arg = arg.value  # message_post_with_template(tpl.id)
                xmlid = const_str(arg) or (ctx.env_ref(arg) if arg is not None else None)
                subtype = keyword(call, "subtype_xmlid")
                method = "comment" if subtype is None else _POST_METHODS.get(const_str(subtype) or "")
                # 16.0's message_post_with_template posts a comment, which subscribes its author
                yield self._effect(ctx, call, xmlid, method if only_arguments(call, _POST_WITH_ARGS) else None,
                                   subscribes_author=attr == "message_post_with_template")
            elif attr == "create" and ctx.env_model(recv) == "mail.mail":
                yield self._effect(ctx, call, None, None)

    def _effect(self, ctx: MethodContext, call: ast.Call, xmlid: str | None, method: str | None,
                subscribes_author: bool = False) -> Effect:
        """`method`: the mail_post_method posting as the call did, None when no action can."""
        what = f"send template {xmlid}" if xmlid else "send a mail built in code"
        return Effect("mail_send", what, ctx.span(call), bool(xmlid and method),
                      {"template": xmlid, "post_method": method, "subscribes_author": subscribes_author})
