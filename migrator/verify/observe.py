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

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from migrator.catalogue import odoo_modules
from migrator.verify import collect
from migrator.verify.runs import Run

# Configuration the runs load differently (actions, their logs, the templates' copies):
# compared through their effects, never as rows.
CONFIGURATION = frozenset({
    "ir.model", "ir.model.fields", "ir.model.data", "ir.actions.server", "base.automation",
    "ir.cron", "ir.logging", "ir.server.object.lines", "mail.template", "sms.template",
    "mail.message.subtype", "mail.activity.type",
})
# Real Odoo's notices to open browsers (bus.bus: channels name the database) and wake-ups of
# its scheduler (ir.cron.trigger: a cron runs once at a time however many triggers ask for
# it; what a cron does is compared where a scenario runs it): transport, not behaviour; the
# embedded runtime has none.
TRANSPORT = frozenset({"bus.bus", "bus.presence", "ir.cron.trigger"})
# Compared as sets, keyed by what they are attached to: their creation order is the
# order in which rules or overrides happened to run, which does not matter.
MAIL_SIDE: dict[str, tuple[str, ...]] = {
    "mail.message": ("model", "res_id", "message_type"),
    "mail.mail": ("model", "res_id"),
    "mail.followers": ("res_model", "res_id", "partner_id"),
    "mail.activity": ("res_model", "res_id", "activity_type_id"),
    "sms.sms": ("partner_id", "number"),
}
# Bookkeeping that differs by nature: timestamps of the rows themselves, random tokens, the
# random ids of SMS (`sms.sms.uuid`, `sms.tracker.sms_uuid`), Message-Id headers (and the
# References that repeat them), and the date (and so the last writer) base_automation stamps on the
# records a rule ran on (`date_automation_last`; 16.0's `date_action_last`).
# ... and inside texts: the random tokens and their hashes in links of mail bodies
# (`/mail/view?access_token=...&hash=...`), different in every run.
TOKENS = re.compile(r"\b((?:access_|auth_signup_|signup_)?token|hash)=[^&\"'\s<>]+")
VOLATILE = frozenset({"id", "create_date", "write_date", "write_uid", "message_id", "references",
                      "access_token", "date_automation_last", "date_action_last", "uuid", "sms_uuid"})


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
    # `--fields data`: the starting records as the run holds them before the operations (in
    # run B, once the data module is installed over them: the values it copied); else None
    start: dict[str, dict[str, dict[str, Any]]] | None = None


@dataclass(frozen=True)
class Scope:
    """What an observation reads and how it names what it finds: the compared models with
    their tables and fields (collect.py's schema), the addon, and the modules whose data
    stands for the addon's (the data module's copies of its templates)."""

    schema: dict[str, dict]  # every model with a table
    compared: list[str]  # the models whose rows are read (not CONFIGURATION)
    addon: str
    data_modules: frozenset[str] = frozenset()


def compared(models: Iterable[str]) -> list[str]:
    """The models whose rows an observation reads."""
    return sorted(m for m in models if m not in CONFIGURATION and m not in TRANSPORT)


def scope_of(run: Run) -> Scope:
    """The embedded runtime's: its registry's tables and field specs (run B's custom models
    and fields under the addon's names, `--fields data`)."""
    registry = run.registry
    schema = {m: {"table": registry.table(m), "fields": registry.models[m]["fields"]} for m in registry.tables}
    if run.names is not None:
        schema = run.names.schema(schema)
    # the module the run loaded (the data module in run B), not Odoo's whose records it updates
    loaded = frozenset(xmlid.partition(".")[0] for xmlid in run.loaded) - odoo_modules(registry.series)
    return Scope(schema, compared(schema), registry.module, loaded)


def baseline(run: Run) -> dict[str, Any]:
    scope = scope_of(run)
    return collect.baseline(run.conn.cursor(), scope.schema, scope.compared)


def observe(run: Run, base: dict[str, Any], ids: dict[str, tuple[str, int]], outcomes: list[str]) -> Observation:
    scope = scope_of(run)
    raw = collect.collect(run.conn.cursor(), base, scope.schema, scope.compared)
    if run.names is not None:
        raw, ids = run.names.raw(raw), run.names.ids(ids)
        outcomes = [run.names.text(outcome) for outcome in outcomes]
    return normalise(raw, scope, base, ids, outcomes)


def starting(run: Run, ids: dict[str, tuple[str, int]]) -> dict[str, dict[str, dict[str, Any]]]:
    """The stored values of the scenario's starting records, labelled as observations are."""
    scope = scope_of(run)
    cur = run.conn.cursor()
    if run.names is not None:
        ids = run.names.ids(ids)
    wanted: dict[str, list[int]] = {}
    for model, id_ in ids.values():
        if model in scope.schema:
            wanted.setdefault(model, []).append(id_)
    raw = collect.records(cur, scope.schema, wanted)
    if run.names is not None:
        raw = run.names.raw(raw)
    base = {"max_ids": {spec["table"]: 2 ** 31 for spec in scope.schema.values()}}  # none of them is new
    return normalise(raw, scope, base, ids, []).records


def normalise(raw: dict[str, Any], scope: Scope, base: dict[str, Any], ids: dict[str, tuple[str, int]],
              outcomes: list[str], xmlids: list | None = None) -> Observation:
    """The raw reading as an Observation: ids become labels, mail-side rows sets.
    `xmlids`: the xml ids read before the scenario, when `raw` holds only the newer ones."""
    schema = scope.schema
    obs = Observation(list(outcomes), deleted=dict(raw["deleted"]))
    rows: dict[str, list[dict[str, Any]]] = raw["rows"]
    for model, found in rows.items():
        top = base["max_ids"][schema[model]["table"]]
        created = sum(1 for r in found if r["id"] > top)
        if created:
            obs.created[model] = created
        if len(found) > created:
            obs.written[model] = len(found) - created
    labels = _Labels(scope, base, ids, raw, [*(xmlids or ()), *raw["xmlids"]])
    for model, found in rows.items():
        normalised = [labels.values(model, row) for row in found]
        if model in MAIL_SIDE:
            obs.mail[model] = sorted(normalised, key=_sort_key)
        else:
            obs.records[model] = {labels.label(model, row["id"]): values
                                  for row, values in zip(found, normalised, strict=True)}
    for model, inserted in raw["inserted"].items():
        if inserted > obs.created.get(model, 0):
            obs.vanished[model] = inserted - obs.created.get(model, 0)
    return obs


def _sort_key(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, default=str)


class _Labels:
    """Turns ids into labels both runs share."""

    def __init__(self, scope: Scope, base: dict[str, Any], ids: dict[str, tuple[str, int]],
                 raw: dict[str, Any], xmlids: list) -> None:
        self.schema = scope.schema
        self.links: dict[str, dict[int, list[int]]] = {}
        for key, pairs in raw["links"].items():
            links = self.links[key] = defaultdict(list)
            for source, target in pairs:
                links[source].append(target)
        self.fields: dict[str, list[tuple[str, dict]]] = {}
        self.fixed: dict[tuple[str, int], str] = {(m, i): f"@{ref}" for ref, (m, i) in ids.items()}
        for module, name, model, res_id in xmlids:
            shown = scope.addon if module in scope.data_modules else module
            self.fixed.setdefault((model, res_id), f"{shown}.{name}")
        self.created: dict[tuple[str, int], str] = {}
        rows = raw["rows"]
        for model, found in rows.items():
            top = base["max_ids"][self.schema[model]["table"]]
            fresh = [r["id"] for r in found if r["id"] > top and (model, r["id"]) not in self.fixed]
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
                (name, f) for name, f in self.schema[model]["fields"].items()
                if name not in VOLATILE and "token" not in name and f.get("store", True)]
        return fields

    def values(self, model: str, row: dict[str, Any], shallow: bool = False) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, f in self.compared(model):
            ftype = f["type"]
            if ftype == "many2many":
                if f["relation"] in self.schema:  # else the relation is not compared
                    values[name] = self._many2many(f, row["id"], shallow)
            elif name not in row:
                continue
            elif ftype == "many2one":
                values[name] = self._ref(f["relation"], row[name], shallow)
            elif ftype == "many2one_reference":
                target = row.get(f.get("model_field") or "")
                values[name] = self._ref(target, row[name], shallow) if target else row[name]
            elif ftype == "boolean":
                # NULL reads as False in Odoo: a column never written holds NULL, and writing
                # False where the record reads False already leaves it so
                values[name] = bool(row[name])
            elif isinstance(row[name], str) and "=" in row[name]:
                values[name] = TOKENS.sub(r"\1=(token)", row[name])
            else:
                values[name] = row[name]
        return values

    def _ref(self, model: str, record_id: int | None, shallow: bool) -> str | None:
        if shallow and model in MAIL_SIDE:
            return model if record_id else None
        return self.label(model, record_id)

    def _many2many(self, f: dict, record_id: int, shallow: bool) -> list[str]:
        links = self.links.get(collect.link_key(f), {})
        return sorted(str(self._ref(f["relation"], target, shallow)) for target in links.get(record_id, ()))
