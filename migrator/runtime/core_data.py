"""What the runtime knows about core models beyond the schema catalogue: the defaults of
their common required fields, their record order, and cascading many2ones.

The catalogue records no defaults and no `ondelete`; Odoo's code gives them. Only the
fields that replayed modules commonly meet are listed. Both replay runs share this table,
so a value that differs from a given Odoo database affects both sides alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from migrator.runtime.environment import series_major

if TYPE_CHECKING:
    from migrator.runtime.types import Environment

Default = Callable[["Environment"], Any]


def _company(env: Environment) -> int:
    return env.company.id


def _currency(env: Environment) -> int:
    return env.company.currency_id.id


def _user(env: Environment) -> int:
    return env.uid


def _partner(env: Environment) -> int:
    return env.user.partner_id.id


def _now(env: Environment) -> Any:
    return env.clock.now()


def _today(env: Environment) -> Any:
    return env.clock.today()


def _context_tz(env: Environment) -> Any:
    return env.context.get("tz")


def _const(value: Any) -> Default:
    return lambda env: value


def _action_state(env: Environment) -> Any:
    return "object_write" if series_major(env) < 19 else None  # 19: required, no default


def _mail_post_method(env: Environment) -> str:
    return "email" if series_major(env) < 17 else "comment"


# Applies to every model that has the field (Odoo's convention for `active`).
ANY_MODEL: dict[str, Default] = {"active": _const(True)}

DEFAULTS: dict[str, dict[str, Default]] = {
    "res.partner": {"type": _const("contact"), "autopost_bills": _const("ask"), "lang": _const("en_US"),
                    "tz": _context_tz, "calendar_last_notif_ack": _now},  # the last: calendar's
    "res.users": {"company_id": _company, "notification_type": _const("email")},
    "res.company": {"currency_id": _currency},
    "sale.order": {"name": _const("New"), "state": _const("draft"), "date_order": _now,
                   "company_id": _company, "user_id": _user, "picking_policy": _const("direct"),
                   # computed from the pricelist, which replays have none of: the company's
                   "currency_id": _currency},
    "sale.order.line": {"product_uom_qty": _const(1.0), "sequence": _const(10),
                        "display_type": _const(False)},
    "purchase.order": {"name": _const("New"), "state": _const("draft"), "date_order": _now,
                       "company_id": _company, "currency_id": _currency, "user_id": _user,
                       "priority": _const("0")},
    "account.move": {"state": _const("draft"), "move_type": _const("entry"), "date": _today,
                     "company_id": _company, "currency_id": _currency},
    "crm.lead": {"type": _const("opportunity"), "user_id": _user, "priority": _const("0"),
                 "company_id": _company},
    "project.task": {"state": _const("01_in_progress"), "priority": _const("0"),
                     "company_id": _company},
    "hr.employee": {"company_id": _company},
    # 19.0: an employee's job data lives on its versions (hr.version), one created with it
    "hr.version": {"date_version": _today, "distance_home_work_unit": _const("kilometers"),
                   "employee_type": _const("employee"), "marital": _const("single"),
                   "last_modified_date": _now, "last_modified_uid": _user,
                   "hr_responsible_id": _user},
    "mail.message": {"message_type": _const("comment"), "date": _now, "author_id": _partner,
                     "email_add_signature": _const(True)},
    "mail.mail": {"state": _const("outgoing")},
    "mail.activity": {"date_deadline": _today, "user_id": _user},
    "mail.activity.type": {"delay_unit": _const("days"), "delay_from": _const("previous_activity"),
                           "chaining_type": _const("suggest"), "delay_count": _const(0),
                           "category": _const("default")},
    "ir.model.fields": {"state": _const("base")},
    "ir.actions.server": {"type": _const("ir.actions.server"), "binding_type": _const("action"),
                          "binding_view_types": _const("list,form"),
                          "usage": _const("ir_actions_server"), "state": _action_state,
                          "sequence": _const(5), "evaluation_type": _const("value"),
                          "update_m2m_operation": _const("add"),
                          "update_boolean_value": _const("true"),
                          "activity_user_type": _const("specific"),
                          "activity_date_deadline_range_type": _const("days"),
                          "mail_post_method": _mail_post_method},
    "ir.cron": {"interval_number": _const(1),
                "interval_type": _const("months"), "nextcall": _now, "user_id": _user,
                "priority": _const(5)},
    "mail.template": {"auto_delete": _const(True)},
    "sms.sms": {"state": _const("outgoing")},
    "ir.logging": {"type": _const("server")},
}

# Odoo's `_order` of core models the replay meets; others order by id.
ORDERS: dict[str, str] = {
    "res.partner": "name, id desc",  # Odoo: complete_name, which the runtime does not compute
    "res.company": "sequence, name",
    "res.currency": "active desc, name",
    "sale.order": "date_order desc, id desc",
    "sale.order.line": "order_id, sequence, id",
    "purchase.order": "priority desc, id desc",
    "account.move": "date desc, name desc, id desc",
    "crm.lead": "priority desc, id desc",
    "project.task": "priority desc, sequence, date_deadline asc, id desc",
    "mail.message": "id desc",
    "mail.activity": "date_deadline asc, id asc",
    "mail.activity.type": "sequence, id",
    "ir.actions.server": "sequence, name",
}

# Many2ones declared with ondelete='cascade' in Odoo (the catalogue does not say).
CASCADE: set[tuple[str, str]] = {
    ("sale.order.line", "order_id"), ("purchase.order.line", "order_id"),
    ("account.move.line", "move_id"), ("mail.followers", "partner_id"),
    ("mail.activity", "res_model_id"), ("mail.mail", "mail_message_id"),
    ("ir.model.fields", "model_id"),
}

# The field naming the model of a many2one_reference (Odoo's `model_field`).
REFERENCE_MODEL_FIELDS: dict[tuple[str, str], str] = {
    ("mail.message", "res_id"): "model", ("mail.followers", "res_id"): "res_model",
    ("mail.activity", "res_id"): "res_model", ("mail.mail", "res_id"): "model",
}


# How Odoo sanitizes the core HTML fields replays write (fields.Html options other than the
# defaults: attributes sanitized, style kept as written), read off databases of 16.0-18.0;
# None: not sanitized. Mail templates' bodies are stored as written (Odoo 18.0 normalises
# them as XHTML; what a template renders is sanitized where it is posted).
HTML_SANITIZE: dict[tuple[str, str], dict[str, bool] | None] = {
    ("mail.message", "body"): {"sanitize_style": True},
    ("mail.activity", "note"): {"sanitize_style": True},
    ("project.task", "description"): {"sanitize_attributes": False},
    ("res.company", "invoice_terms_html"): {"sanitize_attributes": False},
    ("mail.template", "body_html"): None,
}
