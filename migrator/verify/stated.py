"""Differences CONVERSION.md states: a scenario whose every difference is one of them is
reported as that difference (still a difference: exit 1), so a reader sees at once whether
anything differs that the conversion did not say. What each statement covers is asked of
generate/convert.py, which writes them."""

from __future__ import annotations

from migrator.generate.code_differences import assigns_others
from migrator.generate.convert import (
    Conversion,
    author_follows,
    fills_when_empty,
    recipients_follow,
    replaced_button,
    runs_as_superuser,
    treats_as_one,
    unchanged_writes_differ,
    written_after_save,
)
from migrator.generate.plan import MethodPlan
from migrator.state_buttons import StateButton
from migrator.verify.diff import ABSENT, Difference
from migrator.verify.exercise import unit_name
from migrator.verify.scenario import Scenario


def stated(conversion: Conversion, scenario: Scenario, differences: list[Difference]) -> str | None:
    """The statement of CONVERSION.md that explains all of these differences, or None."""
    if not differences:
        return None
    plans = [plan for plan, _records in conversion.moved if scenario.unit in (None, unit_name(plan))]
    for plan in plans:
        text = _explained(plan, conversion.series, scenario, differences)
        if text:
            return f"CONVERSION.md states for {plan.model}.{plan.method}: {text}"
    return None


def _explained(plan: MethodPlan, series: str, scenario: Scenario, differences: list[Difference]) -> str | None:
    outcomes = [d for d in differences if d.field == "outcome" and not d.model]
    if runs_as_superuser(plan) and outcomes and all(
            str(d.module).startswith("error: AccessError") and d.actions == "ok" for d in outcomes):
        # the module's operation failed and was rolled back: what the actions did is all there is
        return ("the rule's actions run in superuser mode; the module's code ran with the user's rights, and "
                "failed for lack of them")
    if treats_as_one(plan) and outcomes and all(
            str(d.module).startswith("error: ValueError: Expected singleton") and d.actions == "ok" for d in outcomes):
        return ("the module's method treats its records as one and refused an operation on several records at "
                "once; the rule runs its actions one record at a time")
    if scenario.kind == "unchanged value" and unchanged_writes_differ(plan):
        return (f"the rule runs only for records whose {', '.join(plan.trigger_fields)} changed; the module ran "
                "whenever a write set it, even to the value the record had")
    filled = fills_when_empty(plan)
    if filled and all(d.model == plan.model and d.field in filled for d in differences):
        return (f"the rule fills {', '.join(filled)} on every new record where it is empty; the module "
                "(vals.setdefault) only when the caller gave no value")
    if plan.given and all(d.model == plan.model and d.field in plan.given for d in differences):
        return (f"the rule reads {', '.join(plan.given)} on the record once created: a field the caller did not "
                "give holds its default there, and one given empty reads as not given")
    after = written_after_save(plan)
    if after and all(_mail_content(d) for d in differences):
        return (f"the rule writes {', '.join(after)} once the record is saved: the mails Odoo sends within the "
                "operation (notifications) show the record as it was before")
    if author_follows(plan) and all(d.model == "mail.followers" for d in differences):
        return ("the module's message_post_with_template made the user who triggered it a follower; the "
                "action posts without subscribing anyone")
    button = replaced_button(plan)
    # a tracking value belongs to a tracking message: it goes with the message's difference
    ones = [d for d in differences if d.model != "mail.tracking.value"]
    if button is not None and ones and all(d.model in (plan.model, *_CHATTER)
                                           and _left_as_it_was(scenario, d.record, button) for d in ones) \
            and (len(ones) == len(differences) or any(d.model == "mail.message" for d in ones)):
        return (f"the module's override ran on every record the button {button.method}() was called on; the rule "
                f"runs on those the button moved to {button.state} = {button.to}")
    if recipients_follow(plan) and all(d.model == "mail.followers" for d in differences):
        return (f"the module's post made its recipients followers of the {plan.model}; the action posts with "
                "mail_post_autofollow off")
    return _notified_per_record(plan, series, scenario, differences)


def _mail_content(d: Difference) -> bool:
    """A mail both runs sent whose content differs (the notification pointing at it differs with it)."""
    both = d.module not in (ABSENT, None) and d.actions not in (ABSENT, None)
    return both and bool(d.field) and (d.model == "mail.mail" or (d.model == "mail.notification"
                                                                  and d.field == "mail_mail_id"))


# what the override's writes leave on a record's chatter (tracking messages, followers)
_CHATTER = ("mail.message", "mail.followers")


def _left_as_it_was(scenario: Scenario, label: str, button: StateButton) -> bool:
    """The record the difference is on (`@ref`, or a message's `sale.order @ref notification`)
    started in a state the button does not move it from."""
    ref = next((word[1:] for word in label.split() if word.startswith("@")), "")
    values = [r.values for r in scenario.records if r.ref == ref]
    values += [step.values for step in scenario.steps if step.op == "create" and step.ref == ref]
    values += [v for step in scenario.steps if step.op == "create" and ref in step.refs
               for r, v in zip(step.refs, step.values_list) if r == ref]
    state = values[0].get(button.state) if values else None
    return state is not None and (state == button.to or (button.moves is not None and state not in button.moves))


# What an assignment notification leaves: its message, and in real Odoo the mail and the
# notification row sent for it
_NOTICE_MODELS = frozenset({"mail.message", "mail.mail", "mail.notification"})


def _notified_per_record(plan: MethodPlan, series: str, scenario: Scenario,
                         differences: list[Difference]) -> str | None:
    """Several records in one operation: the rule's write of `user_id` on a record they share
    notified its user once per record, the module's once (generate/code_differences.py)."""
    assigned = assigns_others(plan, series)
    if scenario.kind != "batch" or not assigned:
        return None
    for d in differences:
        if d.model not in _NOTICE_MODELS or d.module != ABSENT:  # only notifications run B has more of
            return None
        if d.model == "mail.message" and not (d.record.endswith(" user_notification")
                                              and (not all(assigned) or d.record.split(" ")[0] in assigned)):
            return None
    return (f"the rule writes user_id on {' and '.join(m for m in assigned if m) or 'other records'} once per "
            "record, and Odoo notifies the user assigned at each write; the module's one write for all of "
            "them notified once")
