"""Automation rules (base.automation) as Odoo 16-19 run them
(addons/base_automation/models/base_automation.py): create, write and unlink of a model
run the active rules of that model; time rules run from `run_time_rules(env)`.

`__action_done` in the context ({rule id: record ids}) keeps a rule's own writes from
running it again on the same records; other rules still run. Code actions read the
values before a write from `env.context['old_values']` ({id: {field: value}}): 16.0 reads
the written fields as `read()` returns them (a many2one as (id, name), x2many as ids), 17.0+
keeps the written stored fields as the records hold them.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from dateutil.relativedelta import relativedelta

from migrator.runtime.action_sandbox import (
    SandboxViolation,
    build_eval_context,
    eval_expression,
)
from migrator.runtime.actions.server_action import run
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.fields import Datetime
from migrator.runtime.environment import series_major

_logger = logging.getLogger(__name__)

CREATE_TRIGGERS = ("on_create", "on_create_or_write")
WRITE_TRIGGERS = ("on_write", "on_create_or_write")
TIME_TRIGGERS = ("on_time", "on_time_created", "on_time_updated")
# Triggers whose conditions Odoo computes from other fields, or that fire from the UI,
# mail or webhooks: a rule using one is refused when its model is touched.
UNSUPPORTED_TRIGGERS = ("on_stage_set", "on_user_set", "on_tag_set", "on_state_set",
                        "on_priority_set", "on_archive", "on_unarchive", "on_message_received",
                        "on_message_sent", "on_webhook")
DATE_RANGE = {"minutes": "minutes", "hour": "hours", "day": "days", "month": "months"}
EPOCH = datetime.datetime(1970, 1, 1)


def rules_for(records: Any, triggers: tuple[str, ...]) -> Any:
    """The active rules of the records' model with one of `triggers` (None when it has none)."""
    registry = records.env.registry
    if not registry.run_rules or "base.automation" not in registry.tables or records._name not in registry.tables:
        return None
    # this runs on every create, write and unlink: the answer is kept until a rule changes
    tables = (registry.table("base.automation"), registry.table("ir.model"))
    ids = records.env.cr.cache.derived(("automation rules", records._name, triggers), tables,
                                       lambda: _rule_ids(records, triggers))
    return records.env["base.automation"].sudo().with_context(active_test=True).browse(ids) or None


def _rule_ids(records: Any, triggers: tuple[str, ...]) -> tuple[int, ...]:
    # one cheap query first: most models have no rule
    registry = records.env.registry
    cr = records.env.cr
    cr.execute(f"SELECT array_agg(DISTINCT r.trigger) FROM {registry.table('base.automation')} r"
               f" JOIN {registry.table('ir.model')} m ON m.id = r.model_id WHERE m.model = %s AND r.active",
               (records._name,))
    present = set(cr.fetchone()[0] or ())
    if not present & {*triggers, *UNSUPPORTED_TRIGGERS}:
        return ()
    Rule = records.env["base.automation"].sudo().with_context(active_test=True)
    domain = [("model_id.model", "=", records._name)]
    if present & set(UNSUPPORTED_TRIGGERS):
        refused = Rule.search([*domain, ("trigger", "in", list(UNSUPPORTED_TRIGGERS))], limit=1)
        raise RuntimeMissing(f"automation trigger {refused.trigger} ({refused.name})")
    return Rule.search([*domain, ("trigger", "in", list(triggers))])._ids


def with_done(env: Any) -> Any:
    if "__action_done" in env.context:
        return env
    return env(context={**env.context, "__action_done": {}})


def _eval_context(rule: Any, env: Any) -> dict[str, Any]:
    model = env[rule.model_id.model]
    full = build_eval_context(env, model, None, None, lambda *a, **k: None, env.registry.series)
    return {name: full[name] for name in ("datetime", "dateutil", "time", "uid", "user", "model")}


def _filtered(records: Any, domain: list) -> Any:
    try:
        return records.filtered_domain(domain)
    except NotImplementedError as exc:
        raise RuntimeMissing(f"domain: {exc}") from None


def filter_pre(rule: Any, records: Any) -> Any:
    if rule.filter_pre_domain and records:
        domain = eval_expression(rule.filter_pre_domain, _eval_context(rule, records.env))
        return _filtered(records, domain)
    return records


def filter_post(rule: Any, records: Any) -> tuple[Any, list | None]:
    if rule.filter_domain and records:
        domain = eval_expression(rule.filter_domain, _eval_context(rule, records.env))
        return _filtered(records, domain), domain
    return records, None


def _read_format(env: Any) -> bool:
    """16.0 keeps the old values as read() returns them; 17.0+ as the records hold them."""
    return series_major(env) < 17


def old_values_of(records: Any, vals: dict) -> dict:
    """The values before a write, as Odoo's write patch keeps them for the rules."""
    if _read_format(records.env):
        # 16: records.read(list(vals)), every written field (stored or not)
        return {row.pop("id"): row for row in records.read(list(vals))} if vals else {}
    return {record.id: {name: record[name] for name in vals
                        if name in record._fields and record._fields[name].store}
            for record in records}


def trigger_fields_changed(rule: Any, record: Any, old_values: dict | None) -> bool:
    """Any trigger field really changed (every field counts when none is set, and on create)."""
    names = rule.trigger_field_ids.mapped("name")
    if _read_format(record.env):
        if not names or not old_values:  # 16: an empty dict counts as a create too
            return True
        old = old_values.get(record.id, {})
        return any(name in old and not _same_read(record._fields[name], record[name], old[name]) for name in names)
    if not names or old_values is None:
        return True
    old = old_values.get(record.id, {})
    return any(name in old and record[name] != old[name] for name in names)


def _same_read(field: Any, value: Any, old: Any) -> bool:
    """16: a record value against its read() value, compared as ids where relational."""
    if field.type == "many2one":
        return (value.id or False) == (old[0] if old else False)
    if field.type in ("one2many", "many2many"):
        return sorted(value.ids) == sorted(old or ())
    return value == old


def process(rule: Any, records: Any, old_values: dict | None = None, domain_post: list | None = None) -> None:
    """Run the rule's actions on the records it has not run on yet in this operation."""
    done: dict = records.env.context["__action_done"]
    records_done = done.get(rule.id, ())
    records = records.browse(i for i in records.ids if i not in records_done)
    if not records:
        return
    done[rule.id] = (*records_done, *records.ids)  # its own writes must not run it again
    context = {**records.env.context, "old_values": old_values}
    records = records.with_context(context)
    records = records.filtered(lambda r: trigger_fields_changed(rule, r, old_values))
    if not _read_format(records.env):
        done[rule.id] = (*records_done, *records.ids)  # 17+: done only where a trigger field changed
    # the rule's stamp on the records it runs for (17.0+; 16.0 names it date_action_last)
    for stamp in ("date_automation_last", "date_action_last"):
        if records and stamp in records._fields:
            records.write({stamp: records.env.clock.now()})
    for action in rule.action_server_ids.sorted():
        for record in records:
            env = records.env(context={**context, "active_model": record._name,
                                       "active_ids": record.ids, "active_id": record.id,
                                       "domain_post": domain_post})
            run(action, env)


def _not_done(rule: Any, records: Any) -> Any:
    done = records.env.context["__action_done"].get(rule.id, ())
    return records.browse(i for i in records.ids if i not in done) if done else records


class AutomationHooks:
    """The outermost layer of every model (registry.add_mixin(..., outermost=True)), as
    base_automation patches the final model classes."""

    def create(self, vals_list: Any) -> Any:
        rules = rules_for(self, CREATE_TRIGGERS)
        if not rules:
            return super().create(vals_list)  # type: ignore[misc]
        env = with_done(self.env)
        records = super(AutomationHooks, self.with_env(env)).create(vals_list)  # type: ignore[misc]
        for rule in rules:
            process(rule, filter_post(rule, records)[0], None)
        return records.with_env(self.env)

    def write(self, vals: dict) -> bool:
        rules = rules_for(self, WRITE_TRIGGERS) if self else None
        if not rules:
            return super().write(vals)  # type: ignore[misc]
        env = with_done(self.env)
        records = self.with_env(env)
        # a rule's own writes (and any write on records it already ran on in this operation)
        # cannot run it again: its conditions need not be evaluated for them
        pre = {rule.id: filter_pre(rule, _not_done(rule, records)) for rule in rules}
        old_values = old_values_of(records, vals)
        super(AutomationHooks, records).write(vals)  # type: ignore[misc]
        for rule in rules:
            if pre[rule.id]:
                matched, domain_post = filter_post(rule, pre[rule.id])
                process(rule, matched, old_values, domain_post)
        return True

    def unlink(self) -> bool:
        rules = rules_for(self, ("on_unlink",)) if self else None
        if rules:
            records = self.with_env(with_done(self.env))
            for rule in rules:
                process(rule, filter_post(rule, records)[0], None)
        return super().unlink()  # type: ignore[misc]


def _delay(rule: Any) -> relativedelta:
    unit = DATE_RANGE.get(rule.trg_date_range_type)
    amount = rule.trg_date_range or 0
    if "trg_date_range_mode" in rule._fields and rule.trg_date_range_mode == "before":
        amount = -amount  # 19: a non-negative range and a mode
    return relativedelta(**{unit: amount}) if unit else relativedelta()


def _record_date(rule: Any, record: Any) -> Any:
    field = rule.trg_date_id.name
    if rule.trigger == "on_time_created" and not field:
        field = "create_date"
    elif rule.trigger == "on_time_updated" and not field:
        field = "write_date"
    if field == "date_automation_last" and "create_date" in record._fields:
        return record[field] or record.create_date
    return record[field]


def run_time_rules(env: Any) -> None:
    """The cron "Automation Rules: check and execute" at the clock's now (Odoo's _check):
    each time rule runs on the records whose date + delay falls in [last_run, now)."""
    env = with_done(env)
    now = env.clock.now()
    rules = env["base.automation"].sudo().with_context(active_test=True).search(
        [("trigger", "in", list(TIME_TRIGGERS))])
    for rule in rules:
        if rule.trg_date_calendar_id and rule.trg_date_range_type == "day":
            raise RuntimeMissing(f"automation rule {rule.name}: working-days calendar")
        last_run = rule.last_run or EPOCH
        domain = eval_expression(rule.filter_domain, _eval_context(rule, env)) if rule.filter_domain else []
        delay = _delay(rule)
        for record in env[rule.model_id.model].search(domain):
            when = _record_date(rule, record)
            if not when or not last_run <= Datetime.to_datetime(when) + delay < now:
                continue
            try:
                process(rule, record)
            except (RuntimeMissing, SandboxViolation):
                raise
            except Exception:  # Odoo logs the failure and goes on with the next record
                _logger.exception("time-based automation rule %s failed on %s", rule.name, record)
        rule.write({"last_run": now})
