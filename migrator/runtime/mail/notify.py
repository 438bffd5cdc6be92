"""Who Odoo notifies of a message, and the notification messages themselves
(mail.thread `_notify_get_recipients`, `message_notify`, 16.0-19.0).

A posted message notifies its recipients (`partner_ids`) and the record's followers whose
subtypes include the message's, but never the user posting it (nor inactive partners):
they are the message's `notified_partner_ids` (one mail.notification each). The emails Odoo
sends them are not reproduced: their layout shows what the record holds when it is sent
(its name, crm.lead's deadline, an order's amount...), so every notification is noted with
those values, and `check_notifications` refuses when the record changes them later in the
same operation (Odoo's email would show the earlier values, which the runtime cannot show).
"""

from __future__ import annotations

from typing import Any

from migrator.runtime import uncomputed
from migrator.runtime.errors import ReplayUnfaithful

# What Odoo's notification layout shows of a record besides its name (the subtitles of
# `_notify_by_email_prepare_rendering_context`).
LAYOUT_FIELDS: dict[str, tuple[str, ...]] = {
    "crm.lead": ("date_deadline",),
    "sale.order": ("partner_id", "amount_total", "validity_date", "state"),
    "purchase.order": ("state", "date_order", "date_planned", "amount_total"),
    "account.move": ("partner_id", "amount_total", "amount_residual", "invoice_date_due", "state"),
    "project.task": ("stage_id",),
}


def recipients(record: Any, subtype_id: int, partner_ids: list[int], author_id: int | bool = False) -> list[int]:
    """The partners Odoo notifies of a message of `subtype_id` on `record`: not the real
    author (the user, or when the user is inactive, as OdooBot is, the message's author)."""
    env = record.env
    found = list(dict.fromkeys(partner_ids))
    if record and subtype_id:
        followers = env["mail.followers"].sudo().search([("res_model", "=", record._name),
                                                          ("res_id", "=", record.id)])
        found += [f.partner_id.id for f in followers if subtype_id in f.subtype_ids.ids and f.partner_id.id not in found]
    author = env.user.partner_id.id if env.user.active else author_id
    partners = env["res.partner"].sudo().with_context(active_test=False).browse(found)
    return [p.id for p in partners if p.id != author and p.active]


def note_notification(record: Any, partner_ids: list[int]) -> None:
    """Keep what the notification emails of `record` show, to check at the operation's end."""
    if not partner_ids or not record:
        return
    shown = snapshot(record)
    record.env.registry.notified.append((record._name, record.id, shown))


def snapshot(record: Any) -> dict[str, Any]:
    names = ("display_name", *(f for f in LAYOUT_FIELDS.get(record._name, ()) if f in record._fields))
    found = record.sudo().with_context(active_test=False).exists()
    if not found:
        return {}
    return {name: uncomputed.UNKNOWN if uncomputed.is_noted(found, name) else _plain(found[name]) for name in names}


def check_notifications(env: Any) -> None:
    """At the end of an operation: refuse when a record some notification email was about
    shows other values now than when the email was made."""
    notified, env.registry.notified[:] = list(env.registry.notified), []
    for model, record_id, shown in notified:
        now = snapshot(env[model].browse(record_id))
        changed = sorted(name for name, value in shown.items() if now and now.get(name) != value)
        if changed:
            raise ReplayUnfaithful(
                f"Odoo's notification email about {model} shows {', '.join(changed)} as they were when it was "
                f"sent, and they changed afterwards in the same operation; the runtime does not render "
                "notification emails")


def _plain(value: Any) -> Any:
    return value.ids if hasattr(value, "_ids") else value
