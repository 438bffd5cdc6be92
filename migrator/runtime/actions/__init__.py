"""Executors of generated records in the replay runtime: server actions, automation
rules and scheduled actions (docs/runtime-actions.md).

    install_actions(registry)        # before the registry builds its models
    registry.install(conn, extra_models=[*ACTION_MODELS, ...])
    run_server_action(action, records); run_time_rules(env); run_cron(env, cron)
"""

from __future__ import annotations

from migrator.runtime.actions import mail_steps, record_steps  # noqa: F401  (register runners)
from migrator.runtime.actions.automation import AutomationHooks, run_time_rules
from migrator.runtime.actions.cron import CronCreate, run_cron, run_due_crons
from migrator.runtime.actions.series_models import series_classes
from migrator.runtime.actions.server_action import run_server_action
from migrator.runtime.registry import Registry

ACTION_MODELS = ("ir.actions.server", "base.automation", "ir.cron", "ir.logging")


def install_actions(registry: Registry) -> None:
    """Rules hook every model's create/write/unlink; older series get their action fields."""
    registry.add_classes(series_classes(registry.series))
    registry.add_mixin(CronCreate, lambda model, spec: model == "ir.cron")
    registry.add_mixin(AutomationHooks, lambda model, spec: not spec["abstract"], outermost=True)


def action_models(registry: Registry) -> tuple[str, ...]:
    major = int(registry.series.split(".")[0])
    return (*ACTION_MODELS, *(("ir.server.object.lines",) if major < 17 else ()))


__all__ = ["ACTION_MODELS", "action_models", "install_actions", "run_cron", "run_due_crons",
           "run_server_action", "run_time_rules"]
