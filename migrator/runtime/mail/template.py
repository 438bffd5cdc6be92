"""mail.template: rendering a template for one record, `send_mail` (queues a mail.mail),
and posting a rendered template in the chatter (`message_post_with_template` in 16,
`message_post_with_source` in 17+)."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.html_sanitize import sanitize
from migrator.runtime.mail.thread import series_major
from migrator.runtime.render import render_inline, render_qweb, template_values

_ADDRESS = re.compile(r"([^\s<>@,;\"]+@[^\s<>@,;\"]+)")
# Char fields rendered as inline templates; body_html is QWeb.
INLINE_FIELDS = ("subject", "email_from", "email_to", "partner_to", "email_cc", "reply_to",
                 "scheduled_date", "lang")


def render_fields(template: Any, record: Any, names: tuple[str, ...]) -> dict[str, str]:
    """The rendered values of `names` for `record` (as the template's user: env.user)."""
    values = template_values(record, template.env.user, dict(template.env.context))
    result = {}
    for name in names:
        source = template[name]
        result[name] = render_qweb(source, values) if name == "body_html" else render_inline(source, values)
    return result


def _refuse_unsupported(template: Any) -> None:
    tables = template.env.registry.tables
    for name in ("attachment_ids", "report_template_ids"):
        field = template._fields.get(name)
        # without a table for the comodel, nothing can be linked there
        if field is not None and field.comodel_name in tables and template[name]:
            raise RuntimeMissing(f"mail.template {name} ({template.name})")
    if template.email_layout_xmlid:
        raise RuntimeMissing(f"mail.template email_layout_xmlid ({template.name})")


def recipients(template: Any, rendered: dict[str, str]) -> list[int]:
    """partner_to: comma-separated partner ids of existing partners (email_to stays text)."""
    if template.use_default_to:
        raise RuntimeMissing(f"mail.template use_default_to ({template.name})")
    ids = [int(part) for part in rendered.get("partner_to", "").replace(" ", "").split(",")
           if part.isdigit()]
    existing = template.env["res.partner"].sudo().browse(ids).exists()
    return [pid for pid in ids if pid in existing._ids]


class TemplateMethods:
    """Placed under mail.template."""

    def send_mail(self, res_id: int, force_send: bool = False, raise_exception: bool = False,
                  email_values: dict | None = None, email_layout_xmlid: str | bool = False) -> int:
        self.ensure_one()
        if force_send:
            raise RuntimeMissing("mail.template.send_mail(force_send=True) (sending mail)")
        if email_layout_xmlid:
            raise RuntimeMissing("mail.template.send_mail(email_layout_xmlid=...)")
        _refuse_unsupported(self)
        record = self.env[self.model].browse(res_id)
        rendered = render_fields(self, record, ("subject", "body_html", "email_from", "email_to",
                                                "partner_to", "email_cc", "reply_to"))
        partner_ids = recipients(self, rendered)
        values = {
            "subject": rendered["subject"] or False, "body_html": rendered["body_html"],
            "body": rendered["body_html"], "email_from": rendered["email_from"] or False,
            "email_to": rendered["email_to"] or False, "email_cc": rendered["email_cc"] or False,
            "reply_to": rendered["reply_to"] or False, "model": self.model, "res_id": res_id,
            "auto_delete": self.auto_delete,
            # the recipients are the mail's, and (mail.mail _inherits mail.message) its message's
            "recipient_ids": [(4, pid) for pid in partner_ids], "partner_ids": partner_ids,
        }
        values.update(email_values or {})
        if "email_from" in values and not values["email_from"]:
            values.pop("email_from")  # the message's default (the user) applies
        if "email_from" not in values:
            values["email_from"] = self.env.user.partner_id.email_formatted
        values.setdefault("message_type", "email_outgoing" if series_major(self.env) >= 17 else "email")
        values.setdefault("author_id", self.env.user.partner_id.id)
        values.setdefault("date", self.env.clock.now())
        values["state"] = "outgoing"
        return self.env["mail.mail"].sudo().create(values).id


def post_template(record: Any, template: Any, subtype_xmlid: str | None, message_type: str,
                  **kwargs: Any) -> Any:
    """Render `template` on `record` and post it (message_post_with_source's template branch)."""
    if not template.model:
        raise KeyError(False)  # Odoo's composer reads the records through env[template.model]
    _refuse_unsupported(template)
    rendered = render_fields(template, record, ("subject", "body_html", "email_from", "partner_to"))
    body = rendered["body_html"]
    if series_major(record.env) >= 18:  # the composer's body field is sanitized as outgoing mail first
        body = sanitize(body, "mail.compose.message.body", sanitize_attributes=False, sanitize_style=True,
                        output_method="xml")
    subject = rendered["subject"] or False
    if not subject and series_major(record.env) >= 17:  # the composer's: the record's default subject
        subject = record._message_compute_subject()
    post_values: dict[str, Any] = {
        "body": Markup(body), "subject": subject,
        "partner_ids": recipients(template, rendered), "message_type": message_type,
        "subtype_xmlid": subtype_xmlid,
        "email_add_signature": False,  # the composer adds no signature to a template's body
    }
    if rendered["email_from"]:
        # 17.0+: the composer's author is the partner of that address, else the user
        author = find_partner(record.env, rendered["email_from"]) if series_major(record.env) >= 17 else None
        post_values["email_from"] = rendered["email_from"]
        post_values["author_id"] = (author or record.env.user.partner_id).id
    post_values.update(kwargs)
    return record.message_post(**post_values)


def find_partner(env: Any, address: str) -> Any:
    """mail.thread `_mail_find_partner_from_emails` for one address: a user's partner with
    that normalized address first, else any partner; the current user's own, then one
    without company, preferred; None when there is none."""
    normalized = email_normalize(address)
    if not normalized:
        return None
    partners = env["res.partner"].sudo().with_context(active_test=False)
    candidates = partners.search([("email", "ilike", normalized)]).filtered(
        lambda p: email_normalize(p.email or "") == normalized)
    users = env["res.users"].sudo().search([("partner_id", "in", candidates.ids)]).mapped("partner_id")
    found = list(users) or list(candidates)
    found.sort(key=lambda p: (env.user.partner_id == p, not p.company_id), reverse=True)
    return found[0] if found else None


def email_normalize(text: str) -> str | bool:
    """odoo.tools.email_normalize (not strict): the first address, lower-cased."""
    found = _ADDRESS.findall(text or "")
    return found[0].lower() if found else False


class TemplatePostMethods:
    """Placed with ThreadMethods: posting a template; the method name follows the series."""

    def message_post_with_source(self, source_ref: Any, render_values: dict | None = None,
                                 message_type: str = "notification", subtype_xmlid: str | bool = False,
                                 subtype_id: int | bool = False, **kwargs: Any) -> Any:
        if series_major(self.env) < 17:
            raise AttributeError(f"'{self._name}' object has no attribute 'message_post_with_source'")  # before 17.0
        if render_values:
            raise RuntimeMissing("message_post_with_source(render_values=...)")
        template = self._template_of(source_ref)
        messages = self.env["mail.message"]
        for record in self:
            messages |= post_template(record, template, subtype_xmlid or None, message_type,
                                      **({"subtype_id": subtype_id} if subtype_id else {}), **kwargs)
        return messages

    def message_mail_with_source(self, source_ref: Any, **kwargs: Any) -> Any:
        if series_major(self.env) < 17:
            raise AttributeError(f"'{self._name}' object has no attribute 'message_mail_with_source'")  # before 17.0
        raise RuntimeMissing("message_mail_with_source (a template's mail sent in mass mail mode)")

    def message_post_with_template(self, template_id: int, **kwargs: Any) -> Any:
        if series_major(self.env) >= 17:
            raise AttributeError(f"'{self._name}' object has no attribute 'message_post_with_template'")  # 17.0+
        composition_mode = kwargs.pop("composition_mode", "comment")
        if composition_mode != "comment":
            raise RuntimeMissing(f"message_post_with_template(composition_mode={composition_mode!r})")
        template = self.env["mail.template"].browse(template_id)
        message_type = kwargs.pop("message_type", None) or "notification"  # 16.0's default
        subtype = kwargs.pop("subtype_id", False)
        xmlid = None if subtype else "mail.mt_comment"
        messages = self.env["mail.message"]
        for record in self:
            messages |= post_template(record, template, xmlid, message_type,
                                      **({"subtype_id": subtype} if subtype else {}), **kwargs)
        return messages

    def _template_of(self, source_ref: Any) -> Any:
        if isinstance(source_ref, str):
            source = self.env.ref(source_ref)
        else:
            source = source_ref
        if getattr(source, "_name", None) != "mail.template":
            raise RuntimeMissing(f"message_post_with_source of a {getattr(source, '_name', source)!r} (views)")
        return source
