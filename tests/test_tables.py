from __future__ import annotations

import psycopg
import pytest

from migrator.pg import Harness
from migrator.runtime.tables import column_type, create_tables

# A subset of res.partner / res.country / sale.order as the schema catalogue describes them.
MODELS: dict = {
    "res.country": {"fields": {
        "name": {"type": "char", "store": True, "required": True, "translate": True},
        "code": {"type": "char", "store": True},
    }},
    "res.partner.category": {"fields": {
        "name": {"type": "char", "store": True, "required": True, "translate": True},
        "partner_ids": {"type": "many2many", "relation": "res.partner", "store": True,
                        "relation_table": "res_partner_res_partner_category_rel",
                        "column1": "category_id", "column2": "partner_id"},
    }},
    "res.partner": {"fields": {
        "id": {"type": "integer", "store": True},
        "name": {"type": "char", "store": True, "index": True},
        "comment": {"type": "html", "store": True},
        "active": {"type": "boolean", "store": True, "default": True},
        "color": {"type": "integer", "store": True},
        "credit_limit": {"type": "float", "store": True, "company_dependent": True},
        "partner_latitude": {"type": "float", "store": True, "digits": [10, 7]},
        "type": {"type": "selection", "store": True,
                 "selection": [["contact", "Contact"], ["invoice", "Invoice Address"]]},
        "country_id": {"type": "many2one", "relation": "res.country", "store": True,
                       "ondelete": "restrict"},
        "parent_id": {"type": "many2one", "relation": "res.partner", "store": True},
        "child_ids": {"type": "one2many", "relation": "res.partner", "store": True,
                      "inverse_name": "parent_id"},
        "category_id": {"type": "many2many", "relation": "res.partner.category", "store": True,
                        "relation_table": "res_partner_res_partner_category_rel",
                        "column1": "partner_id", "column2": "category_id"},
        "image_1920": {"type": "binary"},
        "signup_token": {"type": "char", "store": False},
        "properties": {"type": "properties", "store": True},
        "create_date": {"type": "datetime", "store": True},
    }},
    "sale.order": {"fields": {
        "name": {"type": "char", "store": True, "required": True},
        "date_order": {"type": "datetime", "store": True, "required": True},
        "validity_date": {"type": "date", "store": True},
        "amount_total": {"type": "monetary", "store": True},
        "note": {"type": "html", "store": True, "translate": True},
        "priority": {"type": "selection", "store": True, "selection": [[0, "Normal"], [1, "Urgent"]]},
        "partner_id": {"type": "many2one", "relation": "res.partner", "store": True, "required": True},
        "user_id": {"type": "many2one", "relation": "res.users", "store": True},
        "tag_ids": {"type": "many2many", "relation": "crm.tag", "store": True,
                    "relation_table": "sale_order_tag_rel", "column1": "order_id", "column2": "tag_id"},
        "order_line": {"type": "one2many", "relation": "sale.order.line", "store": True,
                       "inverse_name": "order_id"},
        "signature": {"type": "binary", "attachment": False},
    }},
    "mail.thread": {"abstract": True, "fields": {
        "message_ids": {"type": "one2many", "relation": "mail.message", "store": True},
    }},
}


def _columns(conn: psycopg.Connection, table: str) -> dict[str, tuple[str, bool]]:
    rows = conn.execute(
        "SELECT column_name, udt_name, is_nullable = 'NO' FROM information_schema.columns"
        " WHERE table_name = %s", (table,)).fetchall()
    return {name: (udt, not_null) for name, udt, not_null in rows}


def _foreign_keys(conn: psycopg.Connection, table: str) -> dict[str, tuple[str, str]]:
    rows = conn.execute("""
        SELECT a.attname, c.confrelid::regclass::text, c.confdeltype
          FROM pg_constraint c JOIN pg_attribute a
            ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         WHERE c.contype = 'f' AND c.conrelid = %s::regclass""", (table,)).fetchall()
    return {col: (target, action) for col, target, action in rows}


@pytest.fixture
def conn(harness: Harness):
    with harness.connect(harness.create_database()) as conn:
        yield conn


def test_columns_follow_odoo_types(conn: psycopg.Connection) -> None:
    created = create_tables(conn, MODELS)
    assert sorted(created) == ["res_country", "res_partner", "res_partner_category", "sale_order"]
    assert _columns(conn, "res_partner") == {
        "id": ("int4", True),
        "name": ("varchar", False),
        "comment": ("text", False),
        "active": ("bool", False),
        "color": ("int4", False),
        "credit_limit": ("jsonb", False),
        "partner_latitude": ("numeric", False),
        "type": ("varchar", False),
        "country_id": ("int4", False),
        "parent_id": ("int4", False),
        "properties": ("jsonb", False),
        "create_date": ("timestamp", False),
    }
    assert _columns(conn, "sale_order") == {
        "id": ("int4", True),
        "name": ("varchar", True),
        "date_order": ("timestamp", True),
        "validity_date": ("date", False),
        "amount_total": ("numeric", False),
        "note": ("jsonb", False),
        "priority": ("int4", False),
        "partner_id": ("int4", True),
        "user_id": ("int4", False),
        "signature": ("bytea", False),
    }
    assert _columns(conn, "res_country")["name"] == ("jsonb", True)
    assert conn.execute("SELECT to_regclass('mail_thread')").fetchone() == (None,)


def test_foreign_keys_and_relation_tables(conn: psycopg.Connection) -> None:
    create_tables(conn, MODELS)
    # r = restrict, n = set null; res.users was not created, so user_id has no key
    assert _foreign_keys(conn, "res_partner") == {
        "country_id": ("res_country", "r"), "parent_id": ("res_partner", "n")}
    assert _foreign_keys(conn, "sale_order") == {"partner_id": ("res_partner", "r")}
    # one shared table for both sides of partner <-> category; none towards missing crm.tag
    assert _columns(conn, "res_partner_res_partner_category_rel") == {
        "partner_id": ("int4", True), "category_id": ("int4", True)}
    assert conn.execute("SELECT to_regclass('sale_order_tag_rel')").fetchone() == (None,)

    country = conn.execute("INSERT INTO res_country (name, code) VALUES "
                           "('{\"en_US\": \"Belgium\"}', 'BE') RETURNING id").fetchone()[0]
    parent, child = (conn.execute("INSERT INTO res_partner (name, country_id, parent_id) "
                                  "VALUES (%s, %s, %s) RETURNING id", (name, country, p)).fetchone()[0]
                     for name, p in (("Parent", None), ("Child", None)))
    conn.execute("UPDATE res_partner SET parent_id = %s WHERE id = %s", (parent, child))
    tag = conn.execute("INSERT INTO res_partner_category (name) VALUES ('{\"en_US\": \"VIP\"}') "
                       "RETURNING id").fetchone()[0]
    conn.execute("INSERT INTO res_partner_res_partner_category_rel (partner_id, category_id) "
                 "VALUES (%s, %s)", (child, tag))
    conn.execute("DELETE FROM res_partner WHERE id = %s", (parent,))
    assert conn.execute("SELECT parent_id FROM res_partner WHERE id = %s", (child,)).fetchone() == (None,)
    conn.execute("DELETE FROM res_partner_category WHERE id = %s", (tag,))
    assert conn.execute("SELECT count(*) FROM res_partner_res_partner_category_rel").fetchone() == (0,)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        conn.execute("DELETE FROM res_country WHERE id = %s", (country,))


def test_only_creates_the_subset(conn: psycopg.Connection) -> None:
    assert create_tables(conn, MODELS, only={"res.country"}) == ["res_country"]
    # later calls link to tables that exist by then
    create_tables(conn, MODELS, only={"res.partner"})
    assert _foreign_keys(conn, "res_partner")["country_id"] == ("res_country", "r")
    assert "parent_id" in _foreign_keys(conn, "res_partner")


@pytest.mark.parametrize(("field", "expected"), [
    ({"type": "one2many", "relation": "x"}, None),
    ({"type": "char", "store": False}, None),
    ({"type": "binary"}, None),
    ({"type": "many2one", "company_dependent": True}, "jsonb"),
    ({"type": "char", "translate": False}, "varchar"),
    ({"type": "float", "digits": None}, "float8"),
    ({"type": "float", "digits": 0}, "numeric"),
    ({"type": "json"}, "jsonb"),
])
def test_column_type(field: dict, expected: str | None) -> None:
    assert column_type(field) == expected


def test_fields_sharing_a_relation_table(conn: psycopg.Connection) -> None:
    """project.task keeps user_ids and personal_stage_type_ids in one table (16.0+): it gets
    the columns of both, and each field's links can be written alone."""
    models = {
        "res.users": {"fields": {"login": {"type": "char", "store": True}}},
        "project.task.type": {"fields": {"name": {"type": "char", "store": True}}},
        "project.task": {"fields": {
            "user_ids": {"type": "many2many", "relation": "res.users", "store": True,
                         "relation_table": "project_task_user_rel", "column1": "task_id", "column2": "user_id"},
            "personal_stage_type_ids": {"type": "many2many", "relation": "project.task.type", "store": True,
                                        "relation_table": "project_task_user_rel", "column1": "task_id",
                                        "column2": "stage_id"},
        }},
    }
    create_tables(conn, models)
    assert set(_columns(conn, "project_task_user_rel")) == {"task_id", "user_id", "stage_id"}
    for table in ("res_users", "project_task_type", "project_task"):
        conn.execute(f"INSERT INTO {table} (id) VALUES (1)")
    conn.execute("INSERT INTO project_task_user_rel (task_id, user_id) VALUES (1, 1)")
    conn.execute("INSERT INTO project_task_user_rel (task_id, stage_id) VALUES (1, 1)")
    conn.execute("SAVEPOINT duplicate")
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute("INSERT INTO project_task_user_rel (task_id, user_id) VALUES (1, 1)")
    conn.execute("ROLLBACK TO SAVEPOINT duplicate")
    with pytest.raises(psycopg.errors.NotNullViolation):
        conn.execute("INSERT INTO project_task_user_rel (user_id) VALUES (1)")
