"""The records of the mail addon that modules and generated actions refer to: message
subtypes and activity types, with their xml ids (as addons/mail/data ships them), and the
subtypes other apps mark `default` for their own models: a follower subscribed without
subtypes gets every default subtype of the record's model (mail.message.subtype's
`_default_subtypes`), so they decide what a subscription holds."""

from __future__ import annotations

from typing import Any

SUBTYPES = (
    ("mt_comment", {"name": "Discussions", "sequence": 0, "default": True, "internal": False}),
    ("mt_note", {"name": "Note", "sequence": 100, "default": False, "internal": True}),
    ("mt_activities", {"name": "Activities", "sequence": 90, "default": False, "internal": True}),
)
# Default subtypes of the apps' models, as each series' data files create them (all of them
# `default`; `internal` ones are not given to customers): model -> (xml id, values, series).
APP_SUBTYPES: dict[str, tuple[tuple[str, dict, tuple[str, ...]], ...]] = {
    "crm.team": (
        ("crm.mt_salesteam_lead", {"name": "Opportunity Created", "sequence": 10}, ("16.0", "17.0", "18.0", "19.0")),
        ("crm.mt_salesteam_lead_stage", {"name": "Opportunity Stage Changed", "sequence": 11},
         ("16.0", "17.0", "18.0", "19.0")),
        ("crm.mt_salesteam_lead_won", {"name": "Opportunity Won", "sequence": 12}, ("16.0", "17.0", "18.0", "19.0")),
        ("sale.mt_salesteam_order_sent", {"name": "Quotation sent", "sequence": 20}, ("16.0", "17.0", "18.0", "19.0")),
        ("sale.mt_salesteam_order_viewed", {"name": "Quotation Viewed", "sequence": 25}, ("18.0", "19.0")),
        ("sale.mt_salesteam_order_confirmed", {"name": "Sales Order Confirmed", "sequence": 21}, ("16.0", "17.0")),
        ("sale.mt_salesteam_order_confirmed", {"name": "Sales Order Confirmed", "sequence": 30}, ("18.0", "19.0")),
        ("sale.mt_salesteam_invoice_created", {"name": "Invoice Created", "sequence": 22}, ("16.0", "17.0")),
        ("sale.mt_salesteam_invoice_created", {"name": "Invoice Created", "sequence": 35}, ("18.0", "19.0")),
        ("sale.mt_salesteam_invoice_confirmed", {"name": "Invoice Confirmed", "sequence": 23}, ("16.0", "17.0")),
        ("sale.mt_salesteam_invoice_confirmed", {"name": "Invoice Confirmed", "sequence": 40}, ("18.0", "19.0")),
    ),
    "sale.order": (("sale.mt_order_viewed", {"name": "Quotation Viewed", "sequence": 1, "internal": True},
                    ("18.0", "19.0")),),
    "project.project": (("project.mt_project_task_rating", {"name": "Task Rating", "sequence": 14}, ("16.0",)),),
    "fleet.vehicle": (("fleet.mt_fleet_driver_updated", {"name": "Driver Updated", "sequence": 1},
                       ("16.0", "17.0", "18.0", "19.0")),),
    "maintenance.request": (("maintenance.mt_req_status", {"name": "Status Changed", "sequence": 1},
                             ("16.0", "17.0", "18.0", "19.0")),),
    "maintenance.equipment": (("maintenance.mt_mat_assign", {"name": "Equipment Assigned", "sequence": 1},
                               ("16.0", "17.0", "18.0", "19.0")),),
    "hr.version": (("hr.mt_contract_pending", {"name": "Contract to Renew", "sequence": 1}, ("19.0",)),),
}
ACTIVITY_TYPES = (
    ("mail_activity_data_email", {"name": "Email", "icon": "fa-envelope", "delay_count": 2,
                                  "sequence": 3}),
    ("mail_activity_data_call", {"name": "Call", "icon": "fa-phone", "category": "phonecall",
                                 "delay_count": 2, "sequence": 6}),
    ("mail_activity_data_meeting", {"name": "Meeting", "icon": "fa-users", "category": "meeting",
                                    "sequence": 9}),
    ("mail_activity_data_todo", {"name": "To-Do", "icon": "fa-check", "delay_count": 5,
                                 "sequence": 12}),
    ("mail_activity_data_upload_document", {"name": "Document", "icon": "fa-upload",
                                            "category": "upload_file", "delay_count": 5,
                                            "sequence": 25}),
    ("mail_activity_data_warning", {"name": "Exception", "icon": "fa-warning",
                                    "decoration_type": "warning", "sequence": 99}),
)


def seed_mail(env: Any) -> None:
    """Create the subtypes and activity types with their `mail.*` xml ids."""
    rows = []
    for model, records in (("mail.message.subtype", SUBTYPES), ("mail.activity.type", ACTIVITY_TYPES)):
        if model not in env.registry.tables:
            continue
        for name, values in records:
            record = env[model].create(values)
            rows.append({"module": "mail", "name": name, "model": model, "res_id": record.id,
                         "noupdate": True})
    if "mail.message.subtype" in env.registry.tables:
        for res_model, subtypes in APP_SUBTYPES.items():
            if res_model not in env.registry.tables:
                continue
            for xmlid, values, series in subtypes:
                if env.registry.series in series:
                    record = env["mail.message.subtype"].create(
                        {"default": True, "internal": False, **values, "res_model": res_model})
                    module, _, name = xmlid.partition(".")
                    rows.append({"module": module, "name": name, "model": "mail.message.subtype",
                                 "res_id": record.id, "noupdate": True})
    env["ir.model.data"].create(rows)
