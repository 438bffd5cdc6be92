"""What a run did, in a form both runs can be compared in: every stored field of every
record the scenario created or changed, in every table it touched; chatter, followers,
activities and outgoing mail as sets (mail side), the rows of existing data it deleted, and
each operation's outcome.

Ids differ between the runs, so every reference becomes a label: `@name` for a scenario's
records, the xml id for data the runs loaded or seeded (the data module's copies of the
addon's templates are shown under the addon's name), `model#n` for the n-th record of a
model the scenario created otherwise, and a content key for mail-side rows.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from psycopg import sql
from psycopg.rows import dict_row

from migrator.verify.runs import Run

# Configuration the runs load differently (actions, their logs, the templates' copies):
# compared through their effects, never as rows.
CONFIGURATION = frozenset({
    "ir.model", "ir.model.fields", "ir.model.data", "ir.actions.server", "base.automation",
    "ir.cron", "ir.logging", "ir.server.object.lines", "mail.template", "sms.template",
    "mail.message.subtype", "mail.activity.type",
})
# Compared as sets, keyed by what they are attached to: their creation order is the
# order in which rules or overrides happened to run, which does not matter.
MAIL_SIDE: dict[str, tuple[str, ...]] = {
    "mail.message": ("model", "res_id", "message_type"),
    "mail.mail": ("model", "res_id"),
    "mail.followers": ("res_model", "res_id", "partner_id"),
    "mail.activity": ("res_model", "res_id", "activity_type_id"),
    "sms.sms": ("partner_id", "number"),
}
# Bookkeeping that differs by nature: timestamps of the rows themselves, random tokens,
# Message-Id headers, and the date (and so the last writer) base_automation stamps on the
# records a rule ran on.
VOLATILE = frozenset({"id", "create_date", "write_date", "write_uid", "message_id", "access_token",
                      "date_automation_last"})


@dataclass
class Baseline:
    xid: int  # the scenario's transaction: rows it wrote carry it (or a later one) in xmin
    max_ids: dict[str, int]  # table -> highest id before the operations
    counts: dict[str, int]  # table -> rows before the operations
    stats: dict[str, tuple[int, int, int]]  # table -> inserts, updates, deletes so far


@dataclass
class Observation:
    outcomes: list[str]
    records: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # model -> label -> values
    mail: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # model -> rows, sorted
    deleted: dict[str, int] = field(default_factory=dict)  # model -> existing rows deleted
    created: dict[str, int] = field(default_factory=dict)  # model -> records created
    written: dict[str, int] = field(default_factory=dict)  # model -> existing records changed
    # model -> rows the scenario inserted that are gone at its end (not compared: it tells
    # why an effect cannot be seen, e.g. a mail queued for a record that is then deleted)
    vanished: dict[str, int] = field(default_factory=dict)


def compared_models(run: Run) -> list[str]:
    return sorted(m for m in run.registry.tables if m not in CONFIGURATION)


def baseline(run: Run) -> Baseline:
    registry = run.registry
    tables = {registry.table(m): m for m in compared_models(run)}
    query = sql.SQL(" UNION ALL ").join(
        sql.SQL("SELECT {}, count(*), coalesce(max(id), 0) FROM {}").format(sql.Literal(t), sql.Identifier(t))
        for t in tables)
    rows = run.conn.execute(query).fetchall()
    xid = run.conn.execute("SELECT pg_current_xact_id()::text::bigint % 4294967296").fetchone()[0]
    return Baseline(xid, {t: m for t, _, m in rows}, {t: c for t, c, _ in rows}, _stats(run))


def _stats(run: Run) -> dict[str, tuple[int, int, int]]:
    rows = run.conn.execute("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables")
    return {name: (ins, upd, dele) for name, ins, upd, dele in rows}


def observe(run: Run, base: Baseline, ids: dict[str, tuple[str, int]], outcomes: list[str]) -> Observation:
    registry = run.registry
    stats = _stats(run)
    touched = [m for m in compared_models(run)
               if stats.get(registry.table(m)) != base.stats.get(registry.table(m))
               or _has_m2m_change(run, m, stats, base)]
    rows: dict[str, list[dict[str, Any]]] = {}
    obs = Observation(outcomes)
    for model in touched:
        table = registry.table(model)
        found = run.conn.cursor(row_factory=dict_row).execute(
            sql.SQL("SELECT * FROM {} WHERE id > %s OR xmin::text::bigint >= %s ORDER BY id").format(
                sql.Identifier(table)), (base.max_ids[table], base.xid)).fetchall()
        left = run.conn.execute(sql.SQL("SELECT count(*) FROM {} WHERE id <= %s").format(sql.Identifier(table)),
                                (base.max_ids[table],)).fetchone()[0]
        if left != base.counts[table]:
            obs.deleted[model] = base.counts[table] - left
        if found:
            rows[model] = found
            obs.created[model] = sum(1 for r in found if r["id"] > base.max_ids[table])
            if len(found) > obs.created[model]:
                obs.written[model] = len(found) - obs.created[model]
    labels = _Labels(run, base, ids, rows)
    for model, found in rows.items():
        normalised = [labels.values(model, row) for row in found]
        if model in MAIL_SIDE:
            obs.mail[model] = sorted(normalised, key=_sort_key)
        else:
            obs.records[model] = {labels.label(model, row["id"]): values
                                  for row, values in zip(found, normalised, strict=True)}
    for model, found in list(obs.created.items()):
        if not found:
            del obs.created[model]
    for model in touched:
        table = registry.table(model)
        inserted = stats.get(table, (0, 0, 0))[0] - base.stats.get(table, (0, 0, 0))[0]
        if inserted > obs.created.get(model, 0):
            obs.vanished[model] = inserted - obs.created.get(model, 0)
    return obs


def _has_m2m_change(run: Run, model: str, stats: dict, base: Baseline) -> bool:
    spec = run.registry.models[model]["fields"]
    return any(f["type"] == "many2many" and f.get("store", True) and f["relation"] in run.registry.tables
               and stats.get(f["relation_table"]) != base.stats.get(f["relation_table"])
               for f in spec.values())


def _sort_key(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, default=str)


class _Labels:
    """Turns ids into labels both runs share."""

    def __init__(self, run: Run, base: Baseline, ids: dict[str, tuple[str, int]],
                 rows: dict[str, list[dict[str, Any]]]) -> None:
        self.run = run
        self.registry = run.registry
        self.base = base
        self.rows = rows
        self.links: dict[tuple[str, str, str], dict[int, list[int]]] = {}
        self.fields: dict[str, list[tuple[str, dict]]] = {}
        self.fixed: dict[tuple[str, int], str] = {(m, i): f"@{ref}" for ref, (m, i) in ids.items()}
        data_modules = {xmlid.partition(".")[0] for xmlid in run.loaded}
        addon = run.registry.module
        for module, name, model, res_id in run.conn.execute(
                "SELECT module, name, model, res_id FROM ir_model_data"):
            shown = addon if module in data_modules else module
            self.fixed.setdefault((model, res_id), f"{shown}.{name}")
        self.created: dict[tuple[str, int], str] = {}
        for model, found in rows.items():
            table = self.registry.table(model)
            fresh = [r["id"] for r in found if r["id"] > base.max_ids[table] and (model, r["id"]) not in self.fixed]
            for n, record_id in enumerate(fresh, start=1):
                self.created[(model, record_id)] = f"{model}#{n}"
        # mail-side rows are named by their content (references to other mail rows left out)
        self.content: dict[tuple[str, int], str] = {}
        for model in (m for m in rows if m in MAIL_SIDE):
            for row in rows[model]:
                digest = hashlib.sha1(_sort_key(self.values(model, row, shallow=True)).encode()).hexdigest()
                self.content[(model, row["id"])] = f"{model}[{digest[:8]}]"

    def label(self, model: str, record_id: int | None) -> str | None:
        if not record_id:
            return None
        key = (model, record_id)
        return self.fixed.get(key) or self.content.get(key) or self.created.get(key) or f"{model}({record_id})"

    def compared(self, model: str) -> list[tuple[str, dict]]:
        """The fields of `model` that are compared, read once per observation."""
        fields = self.fields.get(model)
        if fields is None:
            fields = self.fields[model] = [
                (name, f) for name, f in self.registry.models[model]["fields"].items()
                if name not in VOLATILE and "token" not in name and f.get("store", True)]
        return fields

    def values(self, model: str, row: dict[str, Any], shallow: bool = False) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, f in self.compared(model):
            ftype = f["type"]
            if ftype == "many2many":
                if f["relation"] in self.registry.tables:  # else the relation has no table
                    values[name] = self._many2many(f, row["id"], shallow)
            elif name not in row:
                continue
            elif ftype == "many2one":
                values[name] = self._ref(f["relation"], row[name], shallow)
            elif ftype == "many2one_reference":
                target = row.get(f.get("model_field") or "")
                values[name] = self._ref(target, row[name], shallow) if target else row[name]
            else:
                values[name] = _scalar(row[name])
        return values

    def _ref(self, model: str, record_id: int | None, shallow: bool) -> str | None:
        if shallow and model in MAIL_SIDE:
            return model if record_id else None
        return self.label(model, record_id)

    def _many2many(self, f: dict, record_id: int, shallow: bool) -> list[str]:
        key = (f["relation_table"], f["column1"], f["column2"])
        links = self.links.get(key)
        if links is None:  # one query per relation table, not one per record
            links = self.links[key] = defaultdict(list)
            # (a table other fields share has rows where this pair is empty)
            for source, target in self.run.conn.execute(sql.SQL(
                    "SELECT {0}, {1} FROM {2} WHERE {0} IS NOT NULL AND {1} IS NOT NULL").format(
                    sql.Identifier(f["column1"]), sql.Identifier(f["column2"]),
                    sql.Identifier(f["relation_table"]))):
                links[source].append(target)
        return sorted(str(self._ref(f["relation"], target, shallow)) for target in links.get(record_id, ()))


def _scalar(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, memoryview):
        return hashlib.sha1(bytes(value)).hexdigest()
    if hasattr(value, "as_integer_ratio") and not isinstance(value, (int, bool)):  # Decimal
        return float(value)
    return value
