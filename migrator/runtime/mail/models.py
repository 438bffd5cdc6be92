"""Mail's model classes: the abstract `mail.thread` and `mail.activity.mixin` that modules
`_inherit`, and the email address fields templates read (`email_formatted`)."""

from __future__ import annotations

import re
from email.utils import formataddr as _formataddr

from migrator.runtime import fields
from migrator.runtime.odoo_shim import models

_EMAIL = re.compile(r"([^\s<>@,;]+@[^\s<>@,;]+)")


def formataddr(name: str, email: str) -> str:
    """odoo.tools.formataddr for ASCII names: the name always quoted."""
    name = re.sub(r'([\\"])', r"\\\1", name)
    return f'"{name}" <{email}>' if name else _formataddr(("", email))


def email_formatted(name: str | bool, email: str | bool) -> str:
    """res.partner.email_formatted: every address found, lower-cased, with the name."""
    if not email:
        return ""
    found = [address.lower() for address in _EMAIL.findall(email)]
    if not found:
        return formataddr(name or "False", email)
    return ",".join(formataddr(name or "False", address) for address in found)


class MailThread(models.AbstractModel):
    _name = "mail.thread"
    _description = "Email Thread"

    message_ids = fields.One2many("mail.message", "res_id", string="Messages")
    message_follower_ids = fields.One2many("mail.followers", "res_id", string="Followers")


class MailActivityMixin(models.AbstractModel):
    _name = "mail.activity.mixin"
    _description = "Activity Mixin"

    activity_ids = fields.One2many("mail.activity", "res_id", string="Activities")


class Partner(models.Model):
    _inherit = "res.partner"

    email_formatted = fields.Char(compute="_compute_email_formatted")

    def _compute_email_formatted(self) -> None:
        # without an address: '' in 16.0, False from 17.0 on
        empty = "" if self.env.registry.series == "16.0" else False
        for partner in self:
            partner.email_formatted = email_formatted(partner.name, partner.email) or empty


class Company(models.Model):
    _inherit = "res.company"

    email_formatted = fields.Char(compute="_compute_email_formatted")

    def _compute_email_formatted(self) -> None:
        # its partner's, else the catchall of its alias domain, which the replay database has
        # none of (16.0: no mail.catchall parameters): empty
        for company in self:
            company.email_formatted = company.partner_id.email_formatted or ""


MODEL_CLASSES = (MailThread, MailActivityMixin, Partner, Company)
