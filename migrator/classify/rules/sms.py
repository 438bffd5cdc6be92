"""sms: the method sends an SMS."""

from __future__ import annotations

from collections.abc import Iterator

from migrator.classify.method_context import MethodContext, const_str
from migrator.classify.rule import Rule
from migrator.classify.values import keyword
from migrator.model import Effect



class Sms(Rule):
    name = "sms"
    summary = "Sends an SMS (`_message_sms`, `_message_sms_with_template`, `sms.sms` records)."
    produces = "effect"
    match = (
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm_sms(self):
        self._message_sms_with_template(template_xmlid="acme_sale_sms.sms_template_confirmed")
''',
    )
    no_match = (
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm_mail(self):
        self.message_post_with_source("acme_sale.mail_template_confirmed")
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Effect]:
        for call, attr, recv in ctx.method_calls():
            if attr == "_message_sms_with_template" and ctx.is_records(recv):
                template = keyword(call, "template", 0)
                xmlid = const_str(keyword(call, "template_xmlid", 1)) \
                    or (ctx.env_ref(template) if template is not None else None)
                # it sends to the records' default recipients and logs the SMS in the chatter, as
                # the sms action with sms_method "comment" does, but for a recipient without a
                # valid number: the method logs the SMS as failed (number missing), the action's
                # composer refuses the whole operation ("1 invalid recipients", real Odoo
                # 17.0/18.0): code, calling the method as the module did
                yield Effect("sms", f"send SMS template {xmlid or '(computed)'}", ctx.span(call), False,
                             {"template": xmlid, "post_method": "comment"})
            elif attr == "_message_sms" and ctx.is_records(recv):
                yield Effect("sms", "send an SMS written in code", ctx.span(call), False, {})
            elif attr == "create" and ctx.env_model(recv) in ("sms.sms", "sms.composer"):
                yield Effect("sms", f"create {ctx.env_model(recv)} in code", ctx.span(call), False, {})
