"""Odoo's own non-stored computed fields that the runtime computes, with Odoo's code as the
model: what reading one returns and, when Odoo gives it an inverse, what writing it writes.
Any other non-stored core computed field is refused by name when read or written.

The table is keyed by (model, field); a field appears only where the catalogue of a series
says it is computed and not stored (mail.message.record_name is stored until 18.0, so the
entry serves 19.0 only).
"""

from __future__ import annotations

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


def _signature(vals: dict) -> Any:
    # res.users._compute_signature (16.0-19.0): "--" and the name, when none is given
    return f"<p>--<br />{escape(vals['name'])}</p>" if vals.get("name") else None


# Stored fields Odoo computes when a record is created without them: (model, field) -> the
# value from the create values (None: left empty).
AT_CREATE: dict[tuple[str, str], Callable[[dict], Any]] = {
    ("res.users", "signature"): _signature,
}
