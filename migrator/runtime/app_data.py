"""Records Odoo's apps create in every database they are installed in, which Odoo's own
computes reach for: crm's pipeline stages a new lead starts in and product's "Public
Pricelist" every order gets (seeded, with their xml ids, when the replay database has their
table), and the "Sales" team (sales_team) a lead of a
salesperson in no other team falls back to. The runtime cannot create teams (crm.team
inherits mail.alias, which it lacks), so a lead's team, which Odoo computes, is left to
runtime/uncomputed.py; only its name, which the lead's creation message shows, is known."""

from __future__ import annotations

from typing import Any

DEFAULT_TEAM_NAME = "Sales"  # sales_team.team_sales_department, the only active team of a new database
STAGES = (
    ("crm", "stage_lead1", {"name": "New", "sequence": 1}),
    ("crm", "stage_lead2", {"name": "Qualified", "sequence": 2}),
    ("crm", "stage_lead3", {"name": "Proposition", "sequence": 3}),
    ("crm", "stage_lead4", {"name": "Won", "sequence": 70, "is_won": True}),
)


PRICELISTS = (("product", "list0", {"name": "Public Pricelist", "currency_id": 1, "sequence": 16}),)


def seed_apps(env: Any) -> None:
    env = env(context={**env.context, "tracking_disable": True})  # data, as modules install it
    rows = []
    for model, records in (("crm.stage", STAGES), ("product.pricelist", PRICELISTS)):
        if model not in env.registry.tables:
            continue
        fields = env[model]._fields
        for module, name, values in records:
            record = env[model].create({k: v for k, v in values.items() if k in fields})
            rows.append({"module": module, "name": name, "model": model, "res_id": record.id, "noupdate": True})
    env["ir.model.data"].create(rows)
