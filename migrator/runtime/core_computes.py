"""Odoo's own non-stored computed fields that the runtime computes, with Odoo's code as the
model: what reading one returns and, when Odoo gives it an inverse, what writing it writes.
Any other non-stored core computed field is refused by name when read or written.

The table is keyed by (model, field); a field appears only where the catalogue of a series
says it is computed and not stored (mail.message.record_name is stored until 18.0, so the
entry serves 19.0 only).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from markupsafe import escape

Compute = Callable[[Any], Any]  # one record -> its value, as reading the field returns it
Inverse = Callable[[Any], dict]  # the value written -> the stored values to write instead


def _company_type(partner: Any) -> str:
    # res.partner._compute_company_type
    return "company" if partner.is_company else "person"


def _write_company_type(value: Any) -> dict:
    # res.partner._write_company_type
    return {"is_company": value == "company"}


def _record_name(message: Any) -> Any:
    # mail.message._compute_record_name (19.0): the document's display name
    if not (message.model and message.res_id) or message.model not in message.env:
        return False
    return message.env[message.model].sudo().browse(message.res_id).display_name


def _company_currency(lead: Any) -> Any:
    # crm.lead._compute_company_currency (16.0-19.0): the company's, or the current company's
    return (lead.company_id or lead.env.company).currency_id


def _version_id(employee: Any) -> Any:
    # hr.employee._compute_version_id (19.0): the version from the context, else the current one
    versions = employee.env["hr.version"]
    if employee.env.context.get("version_id"):
        return versions.browse(employee.env.context["version_id"])
    return employee.current_version_id or versions.search([("employee_id", "=", employee.id)], limit=1)


COMPUTES: dict[tuple[str, str], Compute] = {
    ("hr.employee", "version_id"): _version_id,
    ("crm.lead", "company_currency"): _company_currency,
    ("res.partner", "company_type"): _company_type,
    ("mail.message", "record_name"): _record_name,
}
INVERSES: dict[tuple[str, str], Inverse] = {
    ("res.partner", "company_type"): _write_company_type,
}


def _signature(model: Any, vals: dict) -> Any:
    # res.users._compute_signature (16.0-19.0): "--" and the name, when none is given
    return f"<p>--<br />{escape(vals['name'])}</p>" if vals.get("name") else None


def _own_address(model: Any, vals: dict) -> Any:
    # sale.order._compute_partner_invoice_id / _shipping_id: partner_id.address_get(), which
    # is the partner itself when it has no contact of that type (the others: not computed)
    partner = model.env["res.partner"].browse(vals.get("partner_id") or [])
    if not partner or model.env["res.partner"].search_count([("parent_id", "=", partner.id)]):
        return None
    return partner.id


def _no_lines_amount(model: Any, vals: dict) -> Any:
    # sale.order / purchase.order._compute_amounts: the sums of no lines
    return None if vals.get("order_line") else 0.0


def _crm_stage(model: Any, vals: dict) -> Any:
    # crm.lead._compute_stage_id: the first stage not folded, of its team or of every team; its
    # team is known only when given (runtime/app_data.py), else only when no stage has a team
    stages = model.env["crm.stage"]
    team = vals.get("team_id")
    # 19.0: a stage has teams (team_ids), before one team (team_id)
    field = "team_ids" if "team_ids" in stages._fields else "team_id"
    if "team_id" not in vals and stages.search_count([(field, "!=", False)]):
        return None
    of_team = ["|", (field, "=", False), (field, "in", [team])] if team else [(field, "=", False)]
    stage = stages.search([*of_team, ("fold", "=", False)], order="sequence, id", limit=1)
    return stage.id or None


def _validity_date(order: Any, vals: dict) -> Any:
    # sale.order._compute_validity_date: 16.0 only with sale.use_quotation_validity_days (unset in
    # a new database); 17.0+ today plus the company's quotation_validity_days (30 by default)
    if order.env.registry.series == "16.0":
        return False
    company = order.env["res.company"].browse(vals.get("company_id") or order.env.company.id)
    days = company.quotation_validity_days if "quotation_validity_days" in company._fields else None
    days = 30 if days in (None, False) else days
    return order.env.clock.today() + datetime.timedelta(days=days) if days > 0 else False


def _default_pricelist(order: Any, vals: dict) -> Any:
    # sale.order._compute_pricelist_id: the partner's pricelist property, which is the
    # "Public Pricelist" of a new database (runtime/app_data.py) for every partner
    if not vals.get("partner_id"):
        return None
    pricelist = order.env.ref("product.list0", raise_if_not_found=False)
    return pricelist.id if pricelist else None


def _order_currency(order: Any, vals: dict) -> Any:
    # sale.order._compute_currency_id (17.0+): the pricelist's, else the company's
    pricelist = order.env["product.pricelist"].browse(vals.get("pricelist_id") or [])
    company = order.env["res.company"].browse(vals.get("company_id") or order.env.company.id)
    return (pricelist.currency_id or company.currency_id).id or None


# Stored fields Odoo computes when a record is created without them, in the order they are
# computed: (model, field) -> the value from the create values (None: left to
# runtime/uncomputed.py, which refuses reading it).
AT_CREATE: dict[tuple[str, str], Callable[[Any, dict], Any]] = {
    ("res.users", "signature"): _signature,
    ("res.users", "share"): lambda model, vals: False,  # created with the internal user's groups
    ("res.users", "notification_type"): lambda model, vals: "email",
    ("sale.order", "partner_invoice_id"): _own_address,
    ("sale.order", "partner_shipping_id"): _own_address,
    ("sale.order", "validity_date"): _validity_date,
    ("sale.order", "pricelist_id"): _default_pricelist,
    ("sale.order", "currency_id"): _order_currency,
    ("sale.order", "currency_rate"): lambda order, vals: 1.0,  # the company's own currency
    ("sale.order", "invoice_status"): lambda order, vals: None if vals.get("order_line") else "no",
    ("sale.order", "amount_untaxed"): _no_lines_amount,
    ("sale.order", "amount_tax"): _no_lines_amount,
    ("sale.order", "amount_total"): _no_lines_amount,
    ("purchase.order", "amount_untaxed"): _no_lines_amount,
    ("purchase.order", "amount_tax"): _no_lines_amount,
    ("purchase.order", "amount_total"): _no_lines_amount,
    # crm.lead._compute_team_id: nothing without a salesperson; else their team (unknown here)
    ("crm.lead", "team_id"): lambda lead, vals: None if vals.get("user_id") else False,
    ("crm.lead", "stage_id"): _crm_stage,
}
