"""The numbers Odoo gives sale and purchase orders at creation: a new order named "New" (or
not named) takes the next number of its ir.sequence (sale.order's and purchase.order's
`create`, 16.0-19.0: `next_by_code`). Both sequences use Odoo's standard implementation, a
PostgreSQL sequence, so a number once drawn is not given back by a rollback, as in Odoo; the
replay puts every sequence back after each scenario in both engines (verify/replay.py), so
every scenario starts at the first number, as real Odoo's template database does."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

# code -> (prefix, padding): sale/data/ir_sequence_data.xml, purchase/data/purchase_data.xml
SEQUENCES: dict[str, tuple[str, int]] = {"sale.order": ("S", 5), "purchase.order": ("P", 5)}
# model -> the code whose next number names a new record
NUMBERED: dict[str, str] = {"sale.order": "sale.order", "purchase.order": "purchase.order"}
UNNAMED = "New"


def _name(code: str) -> str:
    return "migrator_sequence_" + code.replace(".", "_")


def create_sequences(conn: psycopg.Connection) -> None:
    for code in SEQUENCES:
        conn.execute(sql.SQL("CREATE SEQUENCE IF NOT EXISTS {}").format(sql.Identifier(_name(code))))


def number(model: Any, vals: dict) -> None:
    """Name the new record of `vals` as Odoo's create does, when it is one Odoo numbers."""
    code = NUMBERED.get(model._name)
    if code is None or vals.get("name", UNNAMED) != UNNAMED:
        return
    prefix, padding = SEQUENCES[code]
    model.env.cr.execute("SELECT nextval(%s)", (_name(code),))
    vals["name"] = f"{prefix}{model.env.cr.fetchone()[0]:0{padding}d}"
