"""Running an ir.actions.server record as Odoo's `run()` does (odoo/addons/base/models/
ir_actions.py): the action's state picks a runner; "multi" runners run once on every
active record, the others once per active record with a context of its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from migrator.runtime.action_sandbox import build_eval_context, run_action_code
from migrator.runtime.commands import Command
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.exceptions import UserError

# runner(action, env, eval_context) -> the action's return value (a client action or None)
Runner = Callable[[Any, Any, dict], Any]
RUNNERS: dict[str, tuple[Runner, bool]] = {}  # state -> (runner, runs on all records at once)


def runner(state: str, multi: bool) -> Callable[[Runner], Runner]:
    def register(function: Runner) -> Runner:
        RUNNERS[state] = (function, multi)
        return function
    return register


def run_server_action(action: Any, records: Any) -> Any:
    """Run `action` on `records` (a recordset of its model, maybe empty) with the user
    and context of `records.env`, as a button or a rule does: active_model, active_ids,
    active_id (the first record)."""
    context = {**records.env.context, "active_model": records._name, "active_ids": records.ids}
    if records:
        context["active_id"] = records.ids[0]
    else:
        context.pop("active_id", None)
    return run(action, records.env(context=context))


def run(action: Any, env: Any) -> Any:
    """Odoo's ir.actions.server.run() for one action, in `env` (user and context)."""
    action = action.with_env(env)
    if action.state not in RUNNERS:
        raise RuntimeMissing(f"server action state {action.state!r}")
    eval_context = eval_context_of(action, env)
    function, multi = RUNNERS[action.state]
    if multi:
        return function(action, env, eval_context)
    result = None
    active_id = env.context.get("active_id")
    for record_id in env.context.get("active_ids", [active_id] if active_id else []):
        run_env = env(context={**env.context, "active_ids": [record_id], "active_id": record_id})
        eval_context["env"] = run_env
        result = function(action.with_env(run_env), run_env, eval_context)
    return result


def eval_context_of(action: Any, env: Any) -> dict[str, Any]:
    """The names code and equations see (FACTS.md): record and records from the context."""
    model_name = action.model_id.model
    model = env[model_name]
    context = env.context
    record = records = None
    if context.get("active_model") == model_name and context.get("active_id"):
        record = model.browse(context["active_id"])
    if context.get("active_model") == model_name and context.get("active_ids"):
        records = model.browse(context["active_ids"])
    return build_eval_context(env, model, records, record, _logger_for(action, env),
                              env.registry.series, Command=Command, UserError=UserError)


def _logger_for(action: Any, env: Any) -> Callable[..., None]:
    """`log(message, level='info')`: an ir.logging row (Odoo writes it in its own cursor)."""
    def log(message: Any, level: str = "info") -> None:
        if "ir.logging" not in env.registry.tables:
            raise RuntimeMissing("log() in a server action (no ir.logging table)")
        env["ir.logging"].sudo().create({
            "type": "server", "dbname": env.cr.connection.info.dbname, "name": "odoo.addons.base.models.ir_actions",
            "level": level, "message": message, "path": "action", "line": str(action.id),
            "func": action.name,
        })
    return log


@runner("code", multi=True)
def run_code(action: Any, env: Any, eval_context: dict) -> Any:
    names = run_action_code(action.code or "", eval_context, env.registry.series)
    return names.get("action")


@runner("multi", multi=False)
def run_multi(action: Any, env: Any, eval_context: dict) -> Any:
    result = None
    for child in action.child_ids.sorted():
        result = run(child, env) or result
    return result


@runner("webhook", multi=False)
def run_webhook(action: Any, env: Any, eval_context: dict) -> Any:
    raise RuntimeMissing("server action state 'webhook' (network call)")
