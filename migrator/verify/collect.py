"""What a scenario left in PostgreSQL, read raw: the rows it created or changed in every table
it touched, the existing rows it deleted, the many2many links and xml ids the labels need.

Both engines read through this module: the embedded runtime on its psycopg connection, and
real Odoo inside its own process on its cursor (migrator/verify/odoo/driver.py loads this
file by path under Odoo's interpreter). So it uses the standard library only and any DB-API
cursor (`%s` parameters), and returns plain JSON-able data; observe.py turns it into an
Observation.

A schema is `{model: {"table": name, "fields": {field: spec}}}` for every model with a table,
each spec with its `type`, `store`, and for relations `relation`, `relation_table`, `column1`,
`column2`, `model_field`; the compared models are those whose rows are read.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def rows(cur: Any, query: str, params: tuple = ()) -> list[tuple]:
    cur.execute(query, params) if params else cur.execute(query)
    return list(cur.fetchall())


def sequences(cur: Any) -> dict[str, tuple[int | None, int]]:
    """Each sequence's state: a rollback leaves sequences advanced, and every replay must
    hand out the same ids as the other runs."""
    return {name: (last, start) for name, last, start in rows(
        cur, "SELECT schemaname || '.' || sequencename, last_value, start_value FROM pg_sequences")}


def restore_sequences(cur: Any, before: dict[str, tuple[int | None, int]]) -> None:
    """Put back the sequences a rolled-back replay advanced (setval is not transactional)."""
    now = sequences(cur)
    for name, (last, start) in before.items():
        if now.get(name, (last, start))[0] != last:
            cur.execute("SELECT setval(%s::regclass, %s, %s)",
                        (name, start if last is None else last, last is not None))


def _stats(cur: Any) -> dict[str, list[int]]:
    return {name: [ins, upd, dele] for name, ins, upd, dele in rows(
        cur, "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables")}


def baseline(cur: Any, schema: dict[str, dict], compared: list[str]) -> dict[str, Any]:
    """Before the operations: the transaction, each compared table's rows and highest id,
    the transaction's statistics so far."""
    tables = sorted({schema[model]["table"] for model in compared})
    counted = rows(cur, " UNION ALL ".join(
        f"SELECT {_literal(t)}, count(*), coalesce(max(id), 0) FROM {quote(t)}" for t in tables)) if tables else []
    xid = rows(cur, "SELECT pg_current_xact_id()::text::bigint % 4294967296")[0][0]
    return {"xid": xid, "max_ids": {t: m for t, _, m in counted}, "counts": {t: c for t, c, _ in counted},
            "stats": _stats(cur)}


def collect(cur: Any, base: dict[str, Any], schema: dict[str, dict], compared: list[str],
            xmlids_after: int | None = None) -> dict[str, Any]:
    """After the operations (still in the scenario's transaction). `xmlids_after`: read only
    the xml ids above this id (the caller holds the rest), else all of them."""
    stats = _stats(cur)
    raw: dict[str, Any] = {"rows": {}, "deleted": {}, "inserted": {}, "links": {}, "xmlids": []}
    for model in compared:
        table = schema[model]["table"]
        if stats.get(table) == base["stats"].get(table) and not _m2m_changed(schema, model, stats, base):
            continue
        found = _dict_rows(cur, f"SELECT * FROM {quote(table)} WHERE id > %s OR xmin::text::bigint >= %s "
                                "ORDER BY id", (base["max_ids"][table], base["xid"]))
        left = rows(cur, f"SELECT count(*) FROM {quote(table)} WHERE id <= %s", (base["max_ids"][table],))[0][0]
        if left != base["counts"][table]:
            raw["deleted"][model] = base["counts"][table] - left
        inserted = stats.get(table, [0, 0, 0])[0] - base["stats"].get(table, [0, 0, 0])[0]
        if inserted:
            raw["inserted"][model] = inserted
        if found:
            raw["rows"][model] = found
    _links(cur, schema, raw)
    raw["xmlids"] = rows(cur, "SELECT module, name, model, res_id FROM ir_model_data WHERE id > %s",
                         (xmlids_after or 0,))
    return raw


def records(cur: Any, schema: dict[str, dict], wanted: dict[str, list[int]]) -> dict[str, Any]:
    """The rows of the records `wanted` (model -> ids), read as `collect` reads rows."""
    raw: dict[str, Any] = {"rows": {}, "deleted": {}, "inserted": {}, "links": {}, "xmlids": []}
    for model, ids in wanted.items():
        found = _dict_rows(cur, f"SELECT * FROM {quote(schema[model]['table'])} WHERE id = ANY(%s) ORDER BY id",
                           (list(ids),))
        if found:
            raw["rows"][model] = found
    _links(cur, schema, raw)
    raw["xmlids"] = rows(cur, "SELECT module, name, model, res_id FROM ir_model_data")
    return raw


def _links(cur: Any, schema: dict[str, dict], raw: dict[str, Any]) -> None:
    """The many2many links of the models whose rows were read."""
    for model in raw["rows"]:
        for spec in schema[model]["fields"].values():
            key = link_key(spec)
            if spec["type"] == "many2many" and spec.get("store", True) and spec.get("relation") in schema \
                    and key not in raw["links"]:
                # (a table other fields share has rows where this pair is empty)
                raw["links"][key] = rows(cur, "SELECT {0}, {1} FROM {2} WHERE {0} IS NOT NULL AND {1} IS NOT NULL"
                                         .format(quote(spec["column1"]), quote(spec["column2"]),
                                                 quote(spec["relation_table"])))


def link_key(spec: dict) -> str:
    """A many2many's relation table and columns, as one key."""
    return "|".join((spec.get("relation_table") or "", spec.get("column1") or "", spec.get("column2") or ""))


def _m2m_changed(schema: dict[str, dict], model: str, stats: dict, base: dict) -> bool:
    return any(f["type"] == "many2many" and f.get("store", True) and f.get("relation") in schema
               and stats.get(f["relation_table"]) != base["stats"].get(f["relation_table"])
               for f in schema[model]["fields"].values())


def _dict_rows(cur: Any, query: str, params: tuple) -> list[dict[str, Any]]:
    cur.execute(query, params)
    names = [d[0] for d in cur.description]
    return [{name: scalar(value) for name, value in zip(names, row)} for row in cur.fetchall()]


def scalar(value: Any) -> Any:
    """A column's value as compared: dates as ISO text, floats rounded, binary as a digest."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, (memoryview, bytes)):
        return hashlib.sha1(bytes(value)).hexdigest()
    if hasattr(value, "as_integer_ratio") and not isinstance(value, (int, bool)):  # Decimal
        return round(float(value), 6)
    return value
