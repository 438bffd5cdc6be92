"""The starting data of every replay database: a company, its currency, the admin user
(id 2) and OdooBot (id 1) with their partners, their xml ids, and ir.model /
ir.model.fields rows (with the catalogue's xml ids) for the models that have a table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import sql

from migrator.runtime.app_data import seed_apps
from migrator.runtime.cache import forget

if TYPE_CHECKING:
    from migrator.runtime.types import Environment, Registry

COMPANY_NAME = "My Company"  # base's main company, without demo data

# model -> rows; ids as in an Odoo database created without demo data (base's and mail's data
# files: res_partner_data.xml, res_users_data.xml), with what Odoo computes for them stored
# the users' signatures as base's data gives them, sanitized as Odoo stores them
SIGNATURE = '<span data-o-mail-quote="1">-- <br data-o-mail-quote="1">\n%s</span>'


def base_rows(series: str) -> dict[str, list[dict[str, Any]]]:
    """The seed of `series`. 19.0: the administrator has no email address (base gives it in
    demo data only) and the signatures are `<div>` elements."""
    later = int(series.split(".")[0]) >= 19
    signature = "<div>%s</div>" if later else SIGNATURE
    return {
        "res.currency": [
            {"id": 1, "name": "USD", "symbol": "$", "active": True, "rounding": 0.01, "decimal_places": 2,
             "position": "before"},
            {"id": 2, "name": "EUR", "symbol": "€", "active": True, "rounding": 0.01, "decimal_places": 2,
             "position": "after"},
        ],
        "res.partner": [  # autopost_bills: a required field of the account module
            {"id": 1, "name": COMPANY_NAME, "is_company": True, "active": True, "type": "contact",
             "autopost_bills": "ask", "lang": "en_US", "partner_share": True,
             "commercial_company_name": COMPANY_NAME},  # no address, as base creates it
            {"id": 2, "name": "OdooBot", "active": False, "type": "contact",
             "autopost_bills": "ask", "email": "odoobot@example.com", "lang": "en_US", "partner_share": False},
            {"id": 3, "name": "Administrator", "active": True, "type": "contact",
             "autopost_bills": "ask", "email": None if later else "admin@example.com", "lang": "en_US",
             "partner_share": False},
        ],
        "res.company": [
            {"id": 1, "name": COMPANY_NAME, "partner_id": 1, "currency_id": 1, "sequence": 0, "active": True},
        ],
        "res.users": [
            {"id": 1, "login": "__system__", "partner_id": 2, "company_id": 1, "active": False,
             "notification_type": "inbox", "share": False, "signature": signature % "System"},
            {"id": 2, "login": "admin", "partner_id": 3, "company_id": 1, "active": True,
             "notification_type": "email", "share": False, "signature": signature % "Administrator"},
        ],
    }


XMLIDS = (
    ("base", "main_partner", "res.partner", 1), ("base", "partner_root", "res.partner", 2),
    ("base", "partner_admin", "res.partner", 3), ("base", "main_company", "res.company", 1),
    ("base", "user_root", "res.users", 1), ("base", "user_admin", "res.users", 2),
    ("base", "USD", "res.currency", 1), ("base", "EUR", "res.currency", 2),
)


def seed(env: Environment) -> None:
    registry = env.registry
    now = registry.clock.now()
    rows_of = base_rows(registry.series)
    for model, rows in rows_of.items():
        _copy(registry, model, [{"create_date": now, "write_date": now, **row} for row in rows])
    # references to rows inserted after them (the foreign keys are not deferrable)
    for model in rows_of:
        _conn(registry).execute(sql.SQL("UPDATE {} SET create_uid = 1, write_uid = 1").format(
            sql.Identifier(registry.table(model))))
    _conn(registry).execute("UPDATE res_partner SET company_id = 1 WHERE id = 3")
    _conn(registry).execute("UPDATE res_partner SET commercial_partner_id = id")  # each is its own
    if registry.model_class("res.partner")._fields["complete_name"].compute:  # 17.0+ (partner_computes.py)
        _conn(registry).execute("UPDATE res_partner SET complete_name = name")
    _link_companies(registry)
    xmlids = [{"module": m, "name": n, "model": model, "res_id": i, "noupdate": True}
              for m, n, model, i in XMLIDS]
    xmlids += _model_rows(registry)
    _copy(registry, "ir.model.data", xmlids)
    for model in registry.tables:
        table = registry.table(model)
        _conn(registry).execute(sql.SQL(
            "SELECT setval(pg_get_serial_sequence({t}, 'id'), COALESCE(max(id), 1), max(id) IS NOT NULL)"
            " FROM {i}").format(t=sql.Literal(table), i=sql.Identifier(table)))
    forget(registry.conn)  # the statements above went round the runtime's cursor
    seed_apps(env)


def _model_rows(registry: Registry) -> list[dict]:
    """ir.model and ir.model.fields rows; returns their ir.model.data rows."""
    models, fields, xmlids = [], [], []
    for model_id, model in enumerate(sorted(registry.tables), start=1):
        cls = registry.model_class(model)
        name = cls._description or registry.catalogue.model_name(model) or model
        models.append({"id": model_id, "model": model, "name": name,
                       "order": cls._order, "state": "base", "transient": bool(cls._transient)})
        xmlids.append(_xmlid(registry.model_xmlid(model), "ir.model", model_id))
        for name, field in cls._fields.items():
            field_id = len(fields) + 1
            fields.append({"id": field_id, "name": name, "model": model, "model_id": model_id,
                           "field_description": field.get("string") or name, "ttype": field.type,
                           "state": "base", "relation": field.comodel_name,
                           "required": field.required, "store": field.store})
            xmlids.append(_xmlid(registry.field_xmlid(model, name), "ir.model.fields", field_id))
    _copy(registry, "ir.model", models)
    _copy(registry, "ir.model.fields", fields)
    return xmlids


def _xmlid(xmlid: str, model: str, res_id: int) -> dict:
    module, _, name = xmlid.partition(".")
    return {"module": module, "name": name, "model": model, "res_id": res_id, "noupdate": False}


def _link_companies(registry: Registry) -> None:
    field = registry.model_class("res.users")._fields.get("company_ids")
    if field is not None and "res.company" in registry.tables:
        _conn(registry).execute(sql.SQL("INSERT INTO {} ({}, {}) VALUES (1, 1), (2, 1)").format(
            sql.Identifier(field.get("relation")), sql.Identifier(field.get("column1")),
            sql.Identifier(field.get("column2"))))


def _copy(registry: Registry, model: str, rows: list[dict]) -> None:
    """COPY rows into the model's table, keeping the keys that are columns of it."""
    if not rows:
        return
    cls = registry.model_class(model)
    columns = [name for name in dict.fromkeys(k for row in rows for k in row)
               if name == "id" or (name in cls._fields and cls._fields[name].store
                                   and cls._fields[name].type not in ("one2many", "many2many"))]
    query = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(registry.table(model)), sql.SQL(", ").join(sql.Identifier(c) for c in columns))
    with _conn(registry).cursor() as cursor, cursor.copy(query) as copy:
        for row in rows:
            copy.write_row([row.get(c) for c in columns])


def _conn(registry: Registry) -> psycopg.Connection:
    assert registry.conn is not None, "seed() runs from Registry.install()"
    return registry.conn
