"""Stored fields Odoo computes that the runtime left empty, and the refusal to read them.

A core field Odoo computes and stores (a lead's team from its salesperson, a picking's
locations from its type, a partner's commercial entity) holds in the runtime only what
was written: when a record is created without it, Odoo fills in a value the runtime does
not have. FILLED lists the fields real Odoo filled in this way in the corpus scenarios
(read off Odoo 16.0-18.0 databases by bench/fidelity.py); runtime/core_computes.py
computes some of them (AT_CREATE), the others are noted per record (in a table of the
replay database, so that a rolled-back operation or scenario takes its notes with it)
until something writes them: reading one, searching on it, or leaving a required one empty
is refused by name ("cannot replay faithfully: reads crm.lead.team_id, which Odoo
computes"), rather than replayed with an empty value Odoo would not have.

Other computed core fields hold what was written (or nothing), and a field written once is
taken as written: Odoo recomputing it when what it depends on changes later is not replayed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import psycopg
from psycopg import sql

from migrator.runtime.errors import ReplayUnfaithful

# What stands for a value Odoo computed at creation and the runtime did not (tracking, notifications).
UNKNOWN = "(computed by Odoo)"

TABLE = "migrator_uncomputed"
# model -> the computed fields Odoo fills in when a record is created without them
FILLED: dict[str, frozenset[str]] = {
    "crm.lead": frozenset({"automated_probability", "contact_name", "date_last_stage_update", "date_open",
                           "email_domain_criterion", "email_from", "email_normalized", "email_state", "lang_id",
                           "probability", "stage_id", "team_id"}),
    # (its commercial entity, shared flag and complete name: runtime/partner_computes.py)
    "res.partner": frozenset({"complete_name", "email_normalized"}),
    "sale.order": frozenset({"currency_id", "currency_rate", "invoice_status", "partner_invoice_id",
                             "partner_shipping_id", "prepayment_percent", "pricelist_id", "require_payment",
                             "require_signature", "team_id", "validity_date", "warehouse_id"}),
    "stock.picking": frozenset({"location_dest_id", "location_id", "move_type", "scheduled_date", "state"}),
    "project.task": frozenset({"display_in_project", "state"}),
}


def create_table(conn: psycopg.Connection) -> None:
    conn.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} (model varchar NOT NULL, field varchar NOT NULL, "
                         "res_id integer NOT NULL)").format(sql.Identifier(TABLE)))


def watched(model: str, field: Any) -> bool:
    """A stored field Odoo fills in at creation, which the runtime does not compute."""
    return field.name in FILLED.get(model, ()) and bool(field.get("core")) and field.store and not field.related \
        and not field.compute


def note(records: Any, names: Iterable[str]) -> None:
    """`records` were created without these computed fields."""
    names = sorted(names)
    if not names or not records:
        return
    rows = [(records._name, name, id_) for name in names for id_ in records._ids]
    records.env.cr.write_rows(
        sql.SQL("INSERT INTO {} (model, field, res_id) SELECT * FROM unnest(%s::varchar[], %s::varchar[], "
                "%s::int[])").format(sql.Identifier(TABLE)),
        ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]), TABLE, ())


def written(records: Any, names: Iterable[str]) -> None:
    """These fields of `records` now hold what was written."""
    names = [n for n in names if watched(records._name, records._fields[n])]
    if names and records and _noted(records.env, records._name):
        records.env.cr.write_rows(
            sql.SQL("DELETE FROM {} WHERE model = %s AND field = ANY(%s) AND res_id = ANY(%s)").format(
                sql.Identifier(TABLE)), (records._name, names, list(records._ids)), TABLE, ())


def check_read(record: Any, field: Any) -> None:
    if watched(record._name, field) and set(record._ids) & _noted(record.env, record._name).get(field.name, set()):
        raise ReplayUnfaithful(f"reads {record._name}.{field.name}, which Odoo computes when the record is "
                               "created (the runtime does not)")


def is_noted(record: Any, name: str) -> bool:
    return record.id in _noted(record.env, record._name).get(name, set())


def check_search(env: Any, model: str, names: Iterable[str]) -> None:
    noted = _noted(env, model)
    for name in names:
        if noted.get(name):
            raise ReplayUnfaithful(f"searches on {model}.{name}, which Odoo computes when a record is created "
                                   "(the runtime does not)")


def check_required(records: Any, names: Iterable[str]) -> None:
    for name in sorted(names):
        if records._fields[name].required:
            raise ReplayUnfaithful(f"creates {records._name} without {name}, a required field Odoo computes "
                                   "(the runtime does not)")


def _noted(env: Any, model: str) -> dict[str, set[int]]:
    def read() -> dict[str, set[int]]:
        env.cr.execute(sql.SQL("SELECT field, res_id FROM {} WHERE model = %s").format(sql.Identifier(TABLE)),
                       (model,))
        found: dict[str, set[int]] = {}
        for name, id_ in env.cr.fetchall():
            found.setdefault(name, set()).add(id_)
        return found

    return env.cr.cache.derived(("uncomputed", model), [TABLE], read)
