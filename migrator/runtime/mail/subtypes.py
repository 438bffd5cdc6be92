"""The message subtypes of the apps whose models replays use, as each series' data files
create them (read off databases of 16.0-18.0; 19.0 as 18.0): which are `default` (a
follower subscribed without subtypes gets them), `internal` (not given to customers), and
which follow a parent record's subtype (`relation_field`: a team's follower gets the lead's
"Opportunity Created" when a lead is created in that team, mail.thread's
`_message_auto_subscribe`).

Seeded for the models that have a table, parents first, with their xml ids.
"""

from __future__ import annotations

from typing import Any

ALL = ("16.0", "17.0", "18.0", "19.0")
TO_17 = ("16.0", "17.0")
FROM_17 = ("17.0", "18.0", "19.0")
FROM_18 = ("18.0", "19.0")

# (xml id, res_model, values, relation field, parent xml id, series)
APP_SUBTYPES: tuple[tuple[str, str, dict, str | None, str | None, tuple[str, ...]], ...] = (
    ("account.mt_invoice_created", "account.move", {"name": "Invoice Created", "hidden": True}, None, None, ALL),
    ("account.mt_invoice_paid", "account.move", {"name": "Paid"}, None, None, ALL),
    ("account.mt_invoice_validated", "account.move", {"name": "Validated"}, None, None, ALL),
    ("crm.mt_lead_create", "crm.lead", {"name": "Opportunity Created", "hidden": True}, None, None, ALL),
    ("crm.mt_lead_stage", "crm.lead", {"name": "Stage Changed"}, None, None, ALL),
    ("crm.mt_lead_won", "crm.lead", {"name": "Opportunity Won"}, None, None, ALL),
    ("crm.mt_lead_lost", "crm.lead", {"name": "Opportunity Lost"}, None, None, ALL),
    ("crm.mt_lead_restored", "crm.lead", {"name": "Opportunity Restored"}, None, None, ALL),
    ("sale.mt_order_sent", "sale.order", {"name": "Quotation sent"}, None, None, ALL),
    ("sale.mt_order_confirmed", "sale.order", {"name": "Sales Order Confirmed"}, None, None, ALL),
    ("sale.mt_order_viewed", "sale.order", {"name": "Quotation Viewed", "default": True, "internal": True}, None,
     None, FROM_18),
    ("purchase.mt_rfq_sent", "purchase.order", {"name": "RFQ Sent"}, None, None, ALL),
    ("purchase.mt_rfq_confirmed", "purchase.order", {"name": "RFQ Confirmed"}, None, None, ALL),
    ("purchase.mt_rfq_approved", "purchase.order", {"name": "RFQ Approved"}, None, None, ALL),
    ("purchase.mt_rfq_done", "purchase.order", {"name": "RFQ Done"}, None, None, ALL),
    ("project.mt_task_new", "project.task", {"name": "Task Created", "hidden": True}, None, None, ALL),
    ("project.mt_task_stage", "project.task", {"name": "Stage Changed"}, None, None, ALL),
    ("project.mt_task_blocked", "project.task", {"name": "Task Blocked"}, None, None, ("16.0",)),
    ("project.mt_task_ready", "project.task", {"name": "Task Ready"}, None, None, ("16.0",)),
    ("project.mt_task_progress", "project.task", {"name": "Task in Progress"}, None, None, ("16.0",)),
    ("project.mt_task_dependency_change", "project.task", {"name": "Task Dependency Changes", "hidden": True},
     None, None, ("16.0",)),
    ("project.mt_task_rating", "project.task", {"name": "Task Rating"}, None, None, ("16.0",)),
    ("project.mt_task_rating", "project.task", {"name": "Task Rating", "hidden": True, "sequence": 108}, None, None,
     FROM_17),
    ("project.mt_task_in_progress", "project.task", {"name": "Task In Progress", "sequence": 101}, None, None,
     FROM_17),
    ("project.mt_task_changes_requested", "project.task", {"name": "Changes Requested", "sequence": 102}, None,
     None, FROM_17),
    ("project.mt_task_approved", "project.task", {"name": "Task Approved", "sequence": 103}, None, None, FROM_17),
    ("project.mt_task_canceled", "project.task", {"name": "Task Canceled", "sequence": 104}, None, None, FROM_17),
    ("project.mt_task_done", "project.task", {"name": "Task Done", "sequence": 105}, None, None, FROM_17),
    ("project.mt_task_waiting", "project.task", {"name": "Task Waiting", "hidden": True, "sequence": 106}, None,
     None, FROM_17),
    ("crm.mt_salesteam_lead", "crm.team", {"name": "Opportunity Created", "default": True, "sequence": 10},
     "team_id", "crm.mt_lead_create", ALL),
    ("crm.mt_salesteam_lead_stage", "crm.team", {"name": "Opportunity Stage Changed", "default": True,
                                                 "sequence": 11}, "team_id", "crm.mt_lead_stage", ALL),
    ("crm.mt_salesteam_lead_won", "crm.team", {"name": "Opportunity Won", "default": True, "sequence": 12},
     "team_id", "crm.mt_lead_won", ALL),
    ("crm.mt_salesteam_lead_lost", "crm.team", {"name": "Opportunity Lost", "sequence": 13}, "team_id",
     "crm.mt_lead_lost", ALL),
    ("crm.mt_salesteam_lead_restored", "crm.team", {"name": "Opportunity Restored", "sequence": 14}, "team_id",
     "crm.mt_lead_restored", ALL),
    ("sale.mt_salesteam_order_sent", "crm.team", {"name": "Quotation sent", "default": True, "sequence": 20},
     "team_id", "sale.mt_order_sent", ALL),
    ("sale.mt_salesteam_order_viewed", "crm.team", {"name": "Quotation Viewed", "default": True, "sequence": 25},
     "team_id", "sale.mt_order_viewed", FROM_18),
    ("sale.mt_salesteam_order_confirmed", "crm.team", {"name": "Sales Order Confirmed", "default": True,
                                                       "sequence": 21}, "team_id", "sale.mt_order_confirmed", TO_17),
    ("sale.mt_salesteam_order_confirmed", "crm.team", {"name": "Sales Order Confirmed", "default": True,
                                                       "sequence": 30}, "team_id", "sale.mt_order_confirmed",
     FROM_18),
    ("sale.mt_salesteam_invoice_created", "crm.team", {"name": "Invoice Created", "default": True, "sequence": 22},
     "team_id", "account.mt_invoice_created", TO_17),
    ("sale.mt_salesteam_invoice_created", "crm.team", {"name": "Invoice Created", "default": True, "sequence": 35},
     "team_id", "account.mt_invoice_created", FROM_18),
    ("sale.mt_salesteam_invoice_confirmed", "crm.team", {"name": "Invoice Confirmed", "default": True,
                                                         "sequence": 23}, "team_id", "account.mt_invoice_validated",
     TO_17),
    ("sale.mt_salesteam_invoice_confirmed", "crm.team", {"name": "Invoice Confirmed", "default": True,
                                                         "sequence": 40}, "team_id", "account.mt_invoice_validated",
     FROM_18),
    ("project.mt_project_task_new", "project.project", {"name": "Task Created", "sequence": 10}, "project_id",
     "project.mt_task_new", ALL),
    ("project.mt_project_task_stage", "project.project", {"name": "Task Stage Changed", "sequence": 13},
     "project_id", "project.mt_task_stage", ("16.0",)),
    ("project.mt_project_task_stage", "project.project", {"name": "Task Stage Changed", "sequence": 16},
     "project_id", "project.mt_task_stage", FROM_17),
    ("project.mt_project_task_rating", "project.project", {"name": "Task Rating", "default": True, "sequence": 14},
     "project_id", "project.mt_task_rating", ("16.0",)),
    ("project.mt_project_task_rating", "project.project", {"name": "Task Rating", "hidden": True, "sequence": 27},
     "project_id", "project.mt_task_rating", FROM_17),
    ("fleet.mt_fleet_driver_updated", "fleet.vehicle", {"name": "Driver Updated", "default": True}, None, None, ALL),
    ("maintenance.mt_req_status", "maintenance.request", {"name": "Status Changed", "default": True}, None, None,
     ALL),
    ("maintenance.mt_mat_assign", "maintenance.equipment", {"name": "Equipment Assigned", "default": True}, None,
     None, ALL),
    ("hr.mt_contract_pending", "hr.version", {"name": "Contract to Renew", "default": True}, None, None, ("19.0",)),
)


def seed_app_subtypes(env: Any) -> list[dict]:
    """Create the subtypes of the models with a table; their ir.model.data rows."""
    tables = env.registry.tables
    created: dict[str, int] = {}
    rows = []
    for xmlid, res_model, values, relation, parent, series in APP_SUBTYPES:
        if env.registry.series not in series or res_model not in tables:
            continue
        if parent and parent not in created:
            continue  # its parent's model has no table: nothing follows through it
        record = env["mail.message.subtype"].create({
            "default": False, "internal": False, "hidden": False, "sequence": 1, **values, "res_model": res_model,
            "relation_field": relation or False, "parent_id": created.get(parent or "", False)})
        created[xmlid] = record.id
        module, _, name = xmlid.partition(".")
        rows.append({"module": module, "name": name, "model": "mail.message.subtype", "res_id": record.id,
                     "noupdate": True})
    return rows
