"""PostgreSQL tables for Odoo-like models, laid out as Odoo 16+ lays them out.

The model spec is the `models` mapping of the schema catalogue:
`{model: {"fields": {name: {"type", "relation", "store", "required", ...}}}}`.
"""

from __future__ import annotations

import json
from importlib import resources

import psycopg
from psycopg import sql

# Odoo field type -> column type (odoo/fields.py `column_type`); types absent here
# (one2many, properties_definition aside) have no column.
COLUMN_TYPES: dict[str, str] = {
    "boolean": "bool",
    "integer": "int4",
    "float": "float8",  # numeric when the field has digits
    "monetary": "numeric",
    "char": "varchar",
    "text": "text",
    "html": "text",
    "selection": "varchar",  # int4 when the selection keys are integers
    "date": "date",
    "datetime": "timestamp",
    "binary": "bytea",  # only when not stored as an attachment
    "many2one": "int4",
    "many2one_reference": "int4",
    "reference": "varchar",
    "json": "jsonb",
    "properties": "jsonb",
    "properties_definition": "jsonb",
}
TRANSLATABLE = {"char", "text", "html"}


def table_name(model: str, spec: dict) -> str:
    return spec.get("table") or model.replace(".", "_")


def column_type(field: dict) -> str | None:
    """The column type of a field, or None when the field has no column."""
    ftype = field["type"]
    if not field.get("store", True) or ftype not in COLUMN_TYPES:
        return None
    if ftype == "binary" and field.get("attachment", True):
        return None  # Odoo's default: binary data lives in ir.attachment
    if field.get("company_dependent") or (ftype in TRANSLATABLE and field.get("translate")):
        return "jsonb"  # {company_id: value} / {lang: value} since 18.0 / 16.0
    if ftype == "float" and field.get("digits") is not None:
        return "numeric"
    if ftype == "selection" and field.get("selection") and \
            all(isinstance(key, int) and not isinstance(key, bool) for key, _label in field["selection"]):
        return "int4"
    return COLUMN_TYPES[ftype]


def m2o_ondelete(field: dict) -> str:
    """ON DELETE of a many2one's foreign key: Odoo's default is 'set null', 'restrict' if required."""
    ondelete = field.get("ondelete") or ("restrict" if field.get("required") else "set null")
    return ondelete.upper()


def create_tables(conn: psycopg.Connection, models: dict, only: set[str] | None = None) -> list[str]:
    """Create the tables (and many2many relation tables) of `models`, or of the `only` subset.

    Abstract models have no table. Many2one foreign keys are added for targets whose
    table exists once all tables are created. Returns the created model tables.
    """
    chosen = {name: spec for name, spec in models.items()
              if (only is None or name in only) and not spec.get("abstract")}
    for model, spec in chosen.items():
        columns = [sql.SQL("id serial PRIMARY KEY")]
        for fname, field in spec["fields"].items():
            ctype = column_type(field)
            if fname == "id" or ctype is None:
                continue
            columns.append(sql.SQL("{} {}{}").format(
                sql.Identifier(fname), sql.SQL(ctype),
                sql.SQL(" NOT NULL" if field.get("required") else "")))
        conn.execute(sql.SQL("CREATE TABLE {} ({})").format(
            sql.Identifier(table_name(model, spec)), sql.SQL(", ").join(columns)))

    existing = _existing_tables(conn)
    relations: dict[str, list[tuple[tuple[str, str], tuple[str, str]]]] = {}
    for model, spec in chosen.items():
        table = table_name(model, spec)
        keys = []  # one ALTER TABLE per table: each statement costs a catalog update
        for fname, field in spec["fields"].items():
            target = models.get(field.get("relation") or "")
            if target is None or not field.get("store", True):
                continue
            target_table = table_name(field["relation"], target)
            if field["type"] == "many2one" and target_table in existing and column_type(field) == "int4":
                keys.append(sql.SQL("ADD FOREIGN KEY ({}) REFERENCES {} (id) ON DELETE {}").format(
                    sql.Identifier(fname), sql.Identifier(target_table), sql.SQL(m2o_ondelete(field))))
            elif field["type"] == "many2many" and target_table in existing:
                relations.setdefault(field["relation_table"], []).append(
                    ((field["column1"], table), (field["column2"], target_table)))
        if keys:
            conn.execute(sql.SQL("ALTER TABLE {} {}").format(sql.Identifier(table), sql.SQL(", ").join(keys)))
    for relation, pairs in relations.items():
        _create_relation(conn, relation, pairs, relation in existing)
    return [table_name(model, spec) for model, spec in chosen.items()]


def add_columns(conn: psycopg.Connection, models: dict, model: str) -> list[str]:
    """The columns of `model`'s fields its table lacks (a custom field added to an existing
    model), with their foreign keys and many2many relation tables. NOT NULL is left out, as
    Odoo leaves it out where existing rows have no value. Returns the columns added."""
    spec = models[model]
    table = table_name(model, spec)
    present = {row[0] for row in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = %s", (table,)).fetchall()}
    existing = _existing_tables(conn)
    added, parts = [], []
    relations: dict[str, list[tuple[tuple[str, str], tuple[str, str]]]] = {}
    for fname, field in spec["fields"].items():
        target = models.get(field.get("relation") or "")
        target_table = table_name(field["relation"], target) if target is not None else None
        if field["type"] == "many2many" and field.get("store", True) and target_table in existing \
                and field.get("relation_table") not in existing:
            relations.setdefault(field["relation_table"], []).append(
                ((field["column1"], table), (field["column2"], target_table)))
        ctype = column_type(field)
        if fname == "id" or ctype is None or fname in present:
            continue
        added.append(fname)
        parts.append(sql.SQL("ADD COLUMN {} {}").format(sql.Identifier(fname), sql.SQL(ctype)))
        if field["type"] == "many2one" and target_table in existing and ctype == "int4":
            parts.append(sql.SQL("ADD FOREIGN KEY ({}) REFERENCES {} (id) ON DELETE {}").format(
                sql.Identifier(fname), sql.Identifier(target_table), sql.SQL(m2o_ondelete(field))))
    if parts:
        conn.execute(sql.SQL("ALTER TABLE {} {}").format(sql.Identifier(table), sql.SQL(", ").join(parts)))
    for relation, pairs in relations.items():
        _create_relation(conn, relation, pairs, False)
    return added


def _create_relation(conn: psycopg.Connection, relation: str,
                     pairs: list[tuple[tuple[str, str], tuple[str, str]]], exists: bool) -> None:
    """One relation table for every many2many stored in it: both sides of a relation, and
    the fields that share a table (16.0+ project.task keeps user_ids and
    personal_stage_type_ids in project_task_user_rel, a model's table of its own).
    A column every field fills is NOT NULL; each field's pair of columns is unique."""
    columns: dict[str, str] = {}  # column -> the table it references
    for pair in pairs:
        columns.update(pair)
    everywhere = set.intersection(*({c1, c2} for (c1, _t1), (c2, _t2) in pairs))
    definitions = [sql.SQL("{} int4{} REFERENCES {} (id) ON DELETE CASCADE").format(
        sql.Identifier(column), sql.SQL(" NOT NULL" if column in everywhere and not exists else ""),
        sql.Identifier(target)) for column, target in columns.items()]
    unique = {frozenset((c1, c2)): (c1, c2) for (c1, _t1), (c2, _t2) in pairs}.values()
    definitions += [sql.SQL("UNIQUE ({}, {})").format(sql.Identifier(c1), sql.Identifier(c2)) for c1, c2 in unique]
    if exists:  # a model's table: add what it lacks
        conn.execute(sql.SQL("ALTER TABLE {} {}").format(sql.Identifier(relation), sql.SQL(", ").join(
            sql.SQL("ADD COLUMN IF NOT EXISTS {}").format(d) if i < len(columns) else sql.SQL("ADD {}").format(d)
            for i, d in enumerate(definitions))))
        return
    conn.execute(sql.SQL("CREATE TABLE {} ({})").format(sql.Identifier(relation), sql.SQL(", ").join(definitions)))


def _existing_tables(conn: psycopg.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()
    return {row[0] for row in rows}


def add_core_constraints(conn: psycopg.Connection, series: str, tables: dict[str, set[str]]) -> None:
    """The unique constraints Odoo's core models have (migrator/data/sql-constraints.json,
    read off databases of each series; 18.0's for tables a series' database lacked), on the
    tables the replay created (`tables`: table -> its columns) that have their columns: a
    second picking of the same name fails as in Odoo."""
    data = json.loads((resources.files("migrator") / "data" / "sql-constraints.json").read_text(encoding="utf-8"))
    constraints = {**data["18.0"], **data.get(series, {})}
    for table, columns in tables.items():
        for name, definition in constraints.get(table, ()):
            wanted = [c.strip().strip('"') for c in definition[definition.index("(") + 1:definition.rindex(")")].split(",")]
            if all(c in columns for c in wanted):
                conn.execute(sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                    sql.Identifier(table), sql.Identifier(name), sql.SQL(definition)))
