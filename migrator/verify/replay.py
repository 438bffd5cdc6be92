"""Replaying one scenario in one run: starting records, then each operation in its own
savepoint (a failing operation is rolled back, as Odoo rolls back the request, and its
error is part of what is compared). The whole scenario is rolled back afterwards.

A run without the logic under test (`Run.without()`) replays the records' operations only:
its buttons, crons and time rules do nothing, which is what the scenario does when neither
the moved methods nor their actions exist."""

from __future__ import annotations

import datetime
from contextlib import nullcontext
from typing import Any

from migrator.errors import UsageError
from migrator.runtime.actions import (
    run_cron,
    run_due_crons,
    run_server_action,
    run_time_rules,
)
from migrator.runtime.cursor import reset, send_deferred
from migrator.runtime.mail.request import end_request, forget_request
from migrator.runtime.environment import SUPERUSER_ID
from migrator.verify import collect
from migrator.verify.errors import MISSING, CannotVerify, message_of
from migrator.runtime.manual import recompute_existing
from migrator.verify.observe import Observation, baseline, observe, starting
from migrator.verify.renames import Renames
from migrator.verify.runs import Run
from migrator.verify.scenario import Scenario, Step
from migrator.verify.values import resolve


def replay(run: Run, scenario: Scenario) -> Observation:
    with nullcontext() if run.logic else run.registry.without_rules():
        return _replay(run, scenario)


def _replay(run: Run, scenario: Scenario) -> Observation:
    run.set_clock(scenario.start)
    sequences = collect.sequences(run.conn.cursor())
    try:
        ids = _starting_records(run, scenario)
        if run.names is not None:
            ids = _install_on_top(run, ids)
        start = starting(run, ids) if run.starting else None
        base = baseline(run)
        user = ids[scenario.user][1] if scenario.user else None
        outcomes = [_step(run, step, ids, user) for step in scenario.steps]
        send_deferred(run.conn)
        observation = observe(run, base, ids, outcomes)
        observation.start = start
        return observation
    finally:
        run.conn.rollback()
        collect.restore_sequences(run.conn.cursor(), sequences)  # every replay hands out the same ids
        run.conn.rollback()
        reset(run.conn)


def _starting_records(run: Run, scenario: Scenario) -> dict[str, tuple[str, int]]:
    with run.plain.without_rules():
        env = run.starting_environment()
        ids = _create_starting(env, scenario)
        forget_request(env)
        return ids


def _install_on_top(run: Run, ids: dict[str, tuple[str, int]]) -> dict[str, tuple[str, int]]:
    """`--fields data`: the starting records were made with the addon installed; the data
    module is installed over them as a user does, before the addon is uninstalled: its stored
    custom computes computed on the records there are, its install-time calls (the copy of the
    values into the custom fields) run again. The starting records are then the custom
    models' records of the same ids."""
    assert run.names is not None
    env = run.environment(uid=SUPERUSER_ID, su=True)
    with run.registry.without_rules(), _refusals("installing the data module over the starting records"):
        recompute_existing(env)
        for call in run.install:
            call()
    return {ref: (run.names.model(model), id_) for ref, (model, id_) in ids.items()}


def _create_starting(env: Any, scenario: Scenario) -> dict[str, tuple[str, int]]:
    ids: dict[str, tuple[str, int]] = {}
    for record in scenario.records:
        # a record the scenario names by an xml id the database has already stands for itself
        existing = env.ref(record.xmlid, raise_if_not_found=False) if record.xmlid else None
        try:
            with _refusals(f"starting record {record.ref}"):
                values = _resolve(env, record.model, record.values, ids)
                created = existing.write(values) and existing if existing else env[record.model].create(values)
        except (CannotVerify, UsageError):
            raise
        except Exception as exc:
            raise CannotVerify(f"cannot create the starting record {record.ref} ({record.model}): "
                               f"{type(exc).__name__}: {exc}") from exc
        ids[record.ref] = (record.model, created.id)
        if record.xmlid and not existing:
            module, _, name = record.xmlid.partition(".")
            env["ir.model.data"].create({"module": module, "name": name, "model": record.model,
                                         "res_id": created.id})
    return ids


def _step(run: Run, step: Step, ids: dict[str, tuple[str, int]], user: int | None = None) -> str:
    """Run one operation (as `user`, else the administrator); its outcome: "ok" or the error it raised."""
    env = run.environment(**({"uid": user} if user else {}))
    env.cr.defer(b"SAVEPOINT step")
    try:
        with _refusals(step.op):
            _execute(run, env, step, ids)
            end_request(env)
    except (CannotVerify, UsageError):
        raise
    except _NotCreated as missing:
        forget_request(env)
        env.cr.execute("ROLLBACK TO SAVEPOINT step")
        return f"skipped: {missing} was not created"
    except Exception as exc:  # the module's or the action's own error: compared, not fatal
        forget_request(env)
        env.cr.execute("ROLLBACK TO SAVEPOINT step")
        if step.op == "create":
            for name in step.names:
                ids[name] = (step.model or "", 0)  # later steps on it are skipped
        return f"error: {type(exc).__name__}: {exc}"
    env.cr.defer(b"RELEASE SAVEPOINT step")
    return "ok"


def _execute(run: Run, env: Any, step: Step, ids: dict[str, tuple[str, int]]) -> None:
    names = run.names if run.logic else None  # run B's custom names (--fields data)
    if step.op == "create" and step.refs:
        assert step.model
        model = names.model(step.model) if names else step.model
        records = env[model].create([_resolve(env, step.model, values, ids, names) for values in step.values_list])
        for name, record in zip(step.refs, records, strict=True):
            ids[name] = (model, record.id)
    elif step.op == "create":
        assert step.model and step.ref
        model = names.model(step.model) if names else step.model
        record = env[model].create(_resolve(env, step.model, step.values, ids, names))
        ids[step.ref] = (model, record.id)
    elif step.refs:  # write or unlink of several records in one call
        records = _records(env, step, ids)
        if step.op == "write":
            records.write(_resolve(env, _addon_model(records._name, names), step.values, ids, names))
        else:
            records.unlink()
    elif step.op in ("write", "unlink", "button"):
        record = _record(env, step, ids)
        if step.op == "write":
            record.write(_resolve(env, _addon_model(record._name, names), step.values, ids, names))
        elif step.op == "unlink":
            record.unlink()
        else:
            _button(run, env, record, step)
    elif step.op == "advance":
        env.clock.advance(datetime.timedelta(**step.delta))
        run.plain.clock.set(env.clock.now())
    elif not run.logic:
        return  # a button, a cron or the rules' check: nothing without the logic
    elif step.op == "run_cron":
        _run_cron(run, env, step.method or "")
    elif step.op in ("run_crons", "scheduler"):
        run_due_crons(env)
    if step.op in ("run_time_rules", "scheduler"):
        run_time_rules(env(user=SUPERUSER_ID))  # base_automation's cron runs as OdooBot


def _record(env: Any, step: Step, ids: dict[str, tuple[str, int]]) -> Any:
    if step.ref not in ids:
        raise UsageError(f"scenario: {step.op} of {step.ref!r}, a record the scenario has not created")
    model, record_id = ids[step.ref]
    if not record_id:
        raise _NotCreated(step.ref)
    return env[model].browse(record_id)


def _records(env: Any, step: Step, ids: dict[str, tuple[str, int]]) -> Any:
    found = [_record(env, Step(step.op, name), ids) for name in step.refs]
    if len({record._name for record in found}) != 1:
        raise UsageError(f"scenario: {step.op} of {', '.join(step.refs)}: records of one model in one call")
    return found[0].browse([record.id for record in found])


def _resolve(env: Any, model: str, values: dict[str, Any], ids: dict[str, tuple[str, int]],
             names: Renames | None = None) -> dict[str, Any]:
    """`model` and `values` in the addon's names; with `names`, resolved in run B's."""
    if names is not None:
        return resolve(env, names.model(model), names.values(model, values), ids, env.clock.now())
    if not env.registry.has_model(model):
        raise UsageError(f"scenario: no model {model} with the addon's dependencies installed")
    return resolve(env, model, values, ids, env.clock.now())


def _addon_model(model: str, names: Renames | None) -> str:
    return names.addon_model(model) if names is not None else model


class _NotCreated(Exception):
    """The step acts on a record whose creation failed (in both runs, or the outcomes differ)."""


def _button(run: Run, env: Any, record: Any, step: Step) -> None:
    """A button: run A calls the method, run B runs the server action bound in its place (or
    Odoo's own button, whose move a rule now follows)."""
    method = step.method or ""
    if not run.logic:
        return
    if run.label == "module":
        if not hasattr(type(record), method):
            raise CannotVerify(f"cannot replay: the addon has no method {record._name}.{method}")
        getattr(record, method)()
        return
    xmlid = step.action or run.buttons.get(f"{record._name}.{method}")
    if xmlid == "":  # the override became a rule on what Odoo's own button writes: press that
        getattr(record, method)()
        return
    action = env.ref(xmlid, raise_if_not_found=False) if xmlid else None
    if action is None:
        raise CannotVerify(f"cannot replay: no server action replaces the button {record._name}.{method}"
                           + (f" ({xmlid} not found)" if xmlid else ""))
    run_server_action(action, record)


def _run_cron(run: Run, env: Any, method: str) -> None:
    """The job that runs `method`: the addon's cron in run A; in run B the scheduled action
    that replaced it, or the time rules when it became one."""
    if method in run.time_rule_methods:
        run_time_rules(env(user=SUPERUSER_ID))
        return
    xmlid = run.crons.get(method)
    cron = env.ref(xmlid, raise_if_not_found=False) if xmlid else None
    if cron is None:
        raise CannotVerify(f"cannot replay: no cron runs {method} with the {run.label}")
    run_cron(env, cron)


class _refusals:
    """The runtime's refusals, and env.ref() of a record the replay lacks, become CannotVerify."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type | None, exc: BaseException | None, tb: object) -> bool:
        if exc is None:
            return False
        if isinstance(exc, MISSING):
            raise CannotVerify(message_of(exc)) from exc
        if isinstance(exc, ValueError) and str(exc).startswith("External ID not found"):
            xmlid = str(exc).rsplit(": ", 1)[-1]
            raise CannotVerify(f"cannot replay: uses record {xmlid}, which the replay database does not "
                               "have (give it in a scenario's records with xmlid:)") from exc
        return False
