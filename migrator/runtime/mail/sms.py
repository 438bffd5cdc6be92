"""SMS from the chatter (addons/sms/models/mail_thread.py): `_message_sms(put_in_queue=True)`
logs the text as a message of type `sms` and queues one sms.sms per recipient; numbers are
kept as the partner has them (Odoo formats them to E.164 when it can). Sending them at once
(the default, and the sms server action) is refused: Odoo sends through IAP."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import escape

from migrator.runtime.errors import ReplayUnfaithful, RuntimeMissing
from migrator.runtime.render import render_inline, template_values


def plaintext2html(text: str) -> str:
    """odoo.tools.plaintext2html: escaped paragraphs in <p>, line breaks as <br>."""
    escaped = str(escape(text)).replace("\r\n", "\n")
    paragraphs = [p for p in re.split(r"\n\s*\n", escaped) if p != ""] or [""]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def sms_number(partner: Any) -> str | bool:
    return partner.mobile or partner.phone or False


class SmsMethods:
    """Placed with ThreadMethods when sms.sms is in the catalogue."""

    def _message_sms_with_template(self, template: Any = False, template_xmlid: str | bool = False,
                                   template_fallback: str = "", partner_ids: Any = False,
                                   **kwargs: Any) -> Any:
        self.ensure_one()
        if not template and template_xmlid:
            template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if template:
            values = template_values(self, self.env.user, dict(self.env.context))
            body = render_inline(template.body, values)
        else:
            body = template_fallback
        return self._message_sms(body, partner_ids=partner_ids, **kwargs)

    def _message_sms(self, body: str, subtype_id: int | bool = False, partner_ids: Any = False,
                     number_field: str | bool = False, sms_numbers: Any = None,
                     sms_pid_to_number: Any = None, **kwargs: Any) -> Any:
        self.ensure_one()
        if not kwargs.pop("put_in_queue", False):
            # Odoo sends them at once through IAP (their state and failure come from that
            # server), and the sms action's composer refuses a recipient without a number
            raise ReplayUnfaithful("sending SMS (Odoo sends them at once through IAP; its sms composer refuses "
                                   "recipients without a number)")
        if number_field or sms_numbers or sms_pid_to_number:
            raise RuntimeMissing("_message_sms with explicit numbers")
        partners = self.env["res.partner"].browse(partner_ids) if partner_ids else self._sms_partners()
        message = self.message_post(body=plaintext2html(body), partner_ids=partners.ids,
                                    message_type="sms", subtype_id=subtype_id or
                                    self.env.ref("mail.mt_note").id, body_is_html=True, **kwargs)
        for partner in partners:
            number = sms_number(partner)
            self.env["sms.sms"].sudo().create({
                "body": body, "partner_id": partner.id, "number": number,
                "mail_message_id": message.id, "state": "outgoing" if number else "error",
                "failure_type": False if number else "sms_number_missing",
            })
        return message

    def _sms_partners(self) -> Any:
        """The record's customer: itself for a partner, else its partner_id."""
        if self._name == "res.partner":
            return self
        if "partner_id" in self._fields and self._fields["partner_id"].comodel_name == "res.partner":
            return self.partner_id
        raise RuntimeMissing(f"{self._name}._mail_get_partners (no partner_id field)")
