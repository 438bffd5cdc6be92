"""Whether the scenarios exercised each moved unit: seen acting in run A in at least one
scenario, and not acting in another. Without both, "equivalent" would be vacuous (the
actions did nothing, like a module that never got the chance), and verify says which unit
was not exercised, why, and which scenario should have done it (docs/verify.md).

A unit acts in a scenario when run A (the module) differs from the same scenario replayed
without the logic under test (the residual addon alone: no moved method, no action) in what
the unit's effects produce:

| effect kind | acting: what run A shows that the replay without the logic does not |
|---|---|
| field_write | a field the effect writes holds another value |
| record_create | a record of the model it creates (any model, when not known) |
| mail_send | a mail queued (mail.mail) or a message posted (mail.message) |
| message | a message posted (mail.message) |
| activity | an activity (mail.activity) |
| followers | a follower (mail.followers) |
| sms | an SMS (sms.sms) or its message in the chatter (mail.message) |

A unit whose effects the audit could not read acts when anything but an outcome differs.
An operation that fails is not acting: the rolled-back step left nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from migrator.generate.plan import MethodPlan
from migrator.verify.diff import ABSENT, Difference
from migrator.verify.observe import MAIL_SIDE
from migrator.verify.scenario import Scenario

_MAIL_MODELS = {
    "mail_send": ("mail.mail", "mail.message"), "message": ("mail.message",), "activity": ("mail.activity",),
    "followers": ("mail.followers",), "sms": ("sms.sms", "mail.message"),
}
_SHOWS = {
    "field_write": "a value written", "record_create": "a record created", "mail_send": "a mail queued or posted",
    "message": "a message posted", "activity": "an activity", "followers": "a follower", "sms": "an SMS",
}
_TRIGGERS = {  # what happens to the record when the unit runs
    "on_create": "created", "on_write": "written", "on_create_or_write": "created or written",
    "on_unlink": "deleted", "manual": "its button pressed", "cron": "its scheduled action run",
    "on_time": "its date passed",
}
_SCHEDULER = ("scheduler", "run_crons", "run_cron", "run_time_rules")


def unit_name(plan: MethodPlan) -> str:
    return f"{plan.model}.{plan.method} ({plan.trigger})"


def acts(plan: MethodPlan, differences: Iterable[Difference]) -> bool:
    """Whether these differences (run A against the replay without the logic) show the unit's effects."""
    effects = [effect for unit in plan.units for effect in unit.effects]
    for diff in differences:
        if diff.field == "outcome" and not diff.model:
            continue
        if not effects or any(_shows(effect.kind, effect.details, plan, diff) for effect in effects):
            return True
    return False


def _shows(kind: str, details: dict, plan: MethodPlan, diff: Difference) -> bool:
    if kind in _MAIL_MODELS:
        return diff.model in _MAIL_MODELS[kind]
    if kind == "record_create":
        model = details.get("model")
        return (diff.model == model or (not model and diff.model not in MAIL_SIDE)) \
            and not diff.field and diff.actions == ABSENT
    if kind == "field_write":
        names = details.get("fields") or {}
        if diff.model in MAIL_SIDE:
            return False
        if not diff.field:
            # a record only run A changed (a starting record it wrote, e.g. the lead's
            # customer), holding a value in a field the effect writes
            return diff.actions == ABSENT and isinstance(diff.module, dict) and (
                any(diff.module.get(name) not in (None, False, "", []) for name in names)
                if names else diff.model == plan.model)
        return diff.field in names if names else diff.model == plan.model
    return True  # a kind of effect without a reading here: any difference counts


@dataclass
class Exercise:
    """What the scenarios showed of one unit."""

    plan: MethodPlan
    acting: list[str] = field(default_factory=list)  # scenario names
    quiet: list[str] = field(default_factory=list)  # scenarios that involve it where it did not act
    failed: list[str] = field(default_factory=list)  # run A outcomes that were errors
    expected: str | None = None  # the generated scenario that should have shown it acting
    vanished: dict[str, int] = field(default_factory=dict)  # effect rows run A made and deleted again

    @property
    def name(self) -> str:
        return unit_name(self.plan)


def involves(scenario: Scenario, plan: MethodPlan) -> bool:
    """Whether the scenario gives the unit a chance: built for it, or (a scenario file) it
    acts on the unit's model, presses its button or runs the scheduler."""
    if scenario.unit is not None:
        return scenario.unit == unit_name(plan)
    if plan.trigger in ("cron", "on_time"):
        return any(step.op in _SCHEDULER and step.method in (None, plan.method) for step in scenario.steps)
    if plan.trigger == "manual":
        return any(step.op == "button" and step.method == plan.method for step in scenario.steps)
    models = {r.ref: r.model for r in scenario.records}
    for step in scenario.steps:
        if step.op == "create" and step.model:
            models.update(dict.fromkeys(step.names, step.model))
        if plan.model in {models.get(name) for name in step.names} | {step.model}:
            return True
    return False


def effect_models(plan: MethodPlan) -> set[str]:
    """The mail-side models the unit's effects write (where a vanished row is its effect)."""
    return {model for unit in plan.units for effect in unit.effects for model in _MAIL_MODELS.get(effect.kind, ())}


def not_exercised(exercises: list[Exercise], generated: bool) -> list[str]:
    """`not exercised: <unit>: <why>` for each unit the scenarios did not show both ways."""
    lines = []
    for ex in exercises:
        kinds = list(dict.fromkeys(e.kind for u in ex.plan.units for e in u.effects))
        shows = ", ".join(_SHOWS.get(k, k) for k in kinds) or "any change"
        trigger = _TRIGGERS.get(ex.plan.trigger, "through its trigger")
        condition = ex.plan.condition
        record = f"a record inside {condition}" if condition else "a record"
        if not ex.acting:
            why = f"no scenario showed it acting in run A ({shows}, the record {trigger})"
            if ex.failed:
                why += f"; the module's operation failed: {ex.failed[0]}"
            if ex.vanished:
                rows = ", ".join(f"{model} {n}" for model, n in sorted(ex.vanished.items()))
                why += (f"; what it made was deleted again within the scenario ({rows}: Odoo deletes a "
                        "record's messages, and the mails queued with them, when it deletes the record)")
            elif ex.expected:
                why += f"; scenario '{ex.expected}' should have"
            if not ex.vanished:
                why += f"; a scenario file can give one ({record}, {trigger}: docs/scenarios.md)"
        elif not ex.quiet:
            why = "it acted in every scenario that involves it, none showed it not acting"
            if condition:
                why += f" (a record outside {condition}, {trigger}, would)"
            elif generated:
                why += " (no operation but its trigger could be replayed on the record)"
            else:
                why += " (give a scenario where it must not act: another operation, or a record it leaves alone)"
        else:
            continue
        lines.append(f"not exercised: {ex.name}: {why}")
    return lines
