"""Scheduled actions (ir.cron): a cron runs its server action as its user, on no record
(`record` and `records` are None), then moves `nextcall` on by its interval; 16/17 also
count `numbercall` down and catch up missed calls when `doall` is set."""

from __future__ import annotations

from typing import Any

from dateutil.relativedelta import relativedelta

from migrator.runtime.actions.server_action import run_server_action


class CronCreate:
    """Placed under ir.cron: its server action is a cron's (ir.cron.create sets the usage)."""

    def create(self, vals_list: Any) -> Any:
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        vals_list = [{"state": "code", **vals, "usage": "ir_cron"} for vals in vals_list]
        return super().create(vals_list)  # type: ignore[misc]


INTERVALS = {"minutes": "minutes", "hours": "hours", "days": "days", "weeks": "weeks",
             "months": "months"}


def run_cron(env: Any, cron: Any) -> Any:
    """Run one cron's action now, as its user (method_direct_trigger in 18: same transaction)."""
    cron_env = env(user=cron.user_id.id, su=False, context={**env.context, "lastcall": cron.lastcall})
    action = cron.ir_actions_server_id.with_env(cron_env)
    return run_server_action(action, cron_env[action.model_id.model])


def run_due_crons(env: Any) -> list[Any]:
    """Run every active cron whose nextcall has come (by priority), as the scheduler does;
    returns the crons run."""
    now = env.clock.now()
    crons = env["ir.cron"].sudo().search([("active", "=", True), ("nextcall", "<=", now)],
                                         order="priority, id")
    for cron in crons:
        interval = relativedelta(**{INTERVALS[cron.interval_type]: cron.interval_number})
        missed = 0
        nextcall = cron.nextcall
        while nextcall <= now:
            nextcall += interval
            missed += 1
        calls = 1
        values: dict[str, Any] = {"nextcall": nextcall, "lastcall": now}
        if "numbercall" in cron._fields:
            calls = missed if cron.doall else 1
            if cron.numbercall > 0:
                calls = min(calls, cron.numbercall)
                values["numbercall"] = cron.numbercall - calls
                values["active"] = values["numbercall"] != 0
        for _ in range(calls):
            run_cron(env, cron)
        cron.write(values)
    return list(crons)
