"""What counts as a unit acting (run A against the replay without the logic), which
scenarios count for a unit, and the "not exercised" lines."""

from __future__ import annotations

import pytest

from migrator.generate.plan import MethodPlan
from migrator.model import Effect, Span, Unit
from migrator.verify.diff import ABSENT, Difference, compare
from migrator.verify.exercise import Exercise, acts, involves, not_exercised
from migrator.verify.observe import Observation
from migrator.verify.scenario import Record, Scenario, Step

SPAN = Span("models/x.py", 1, 2)


def plan(kind: str, details: dict, trigger: str = "on_write", condition: str | None = None) -> MethodPlan:
    unit = Unit("sale.order", "write", kind, trigger, ("state",), "no_code", (), SPAN,
                (Effect(kind, "", SPAN, True, details),))
    return MethodPlan("sale.order", "write", trigger, (unit,), "SaleOrder", SPAN, condition=condition)


WRITE = plan("field_write", {"fields": {"commitment_date": "False"}})


@pytest.mark.parametrize(("unit", "diff", "expected"), [
    (WRITE, Difference("sale.order", "@record", "commitment_date", None, "2025-03-06"), True),
    (WRITE, Difference("sale.order", "@record", "note", "x", None), False),  # not a field it writes
    (WRITE, Difference("", "step 2", "outcome", "error: UserError: no", "ok"), False),  # a failure is not acting
    (plan("field_write", {}), Difference("sale.order", "@record", "note", "x", None), True),  # fields unknown
    # a starting record only run A changed (the order's customer), holding a value it writes
    (plan("field_write", {"fields": {"user_id": "values['user_id']"}}),
     Difference("res.partner", "@customer", "", {"name": "N", "user_id": "@sam"}, ABSENT), True),
    (plan("field_write", {"fields": {"user_id": "values['user_id']"}}),
     Difference("res.partner", "@customer", "", {"name": "N"}, ABSENT), False),  # another field changed
    (plan("field_write", {"fields": {"user_id": "values['user_id']"}}),
     Difference("res.partner", "@customer", "", ABSENT, {"user_id": "@sam"}), False),  # only without the logic
    (plan("activity", {}), Difference("mail.activity", "sale.order @record", "", {"res_id": "@record"}, ABSENT),
     True),
    (plan("activity", {}), Difference("mail.message", "sale.order @record", "", {}, ABSENT), False),
    (plan("mail_send", {}), Difference("mail.mail", "sale.order @record", "", {}, ABSENT), True),
    (plan("followers", {}), Difference("mail.followers", "sale.order @record p", "", {}, ABSENT), True),
    (plan("record_create", {"model": "project.task"}),
     Difference("project.task", "project.task#1", "", {"name": "T"}, ABSENT), True),
    # a record the logic removed is not one it created
    (plan("record_create", {"model": "project.task"}),
     Difference("project.task", "project.task#1", "", ABSENT, {"name": "T"}), False),
])
def test_acting_per_effect_kind(unit: MethodPlan, diff: Difference, expected: bool) -> None:
    assert acts(unit, [diff]) is expected


def test_mail_made_and_deleted_again_is_compared_and_shows_acting() -> None:
    """A mail queued for a record the scenario then deletes (with its messages, in Odoo too):
    nothing is left, but how many such rows each run made is compared, and shows the logic."""
    queued = Observation(["ok"], vanished={"mail.mail": 1, "mail.message": 1, "res.partner": 1})
    nothing = Observation(["ok"], vanished={"res.partner": 1})
    diffs = compare(queued, nothing)
    assert [(d.model, d.field, d.module, d.actions) for d in diffs] == [
        ("mail.mail", "vanished", 1, 0), ("mail.message", "vanished", 1, 0)]  # not res.partner: not mail-side
    assert acts(plan("mail_send", {}), diffs) and not acts(plan("activity", {}), diffs)
    assert compare(queued, queued) == []
    # where an operation failed, its rolled-back rows count as inserted: the error is the difference
    failed = Observation(["error: ValueError: no"], vanished={"mail.message": 1})
    assert [d.field for d in compare(failed, Observation(["error: ValueError: no"]))] == []


def test_which_scenarios_count_for_a_unit() -> None:
    own = Scenario("s", unit="sale.order.write (on_write)")
    other = Scenario("s", unit="crm.lead.create (on_create)")
    assert involves(own, WRITE) and not involves(other, WRITE)
    # a scenario file: a step on a record of the unit's model, a starting one included
    file = Scenario("f", (Record("so", "sale.order"),), (Step("write", "so", values={"note": "x"}),))
    assert involves(file, WRITE)
    assert not involves(Scenario("f", steps=(Step("create", "l", "crm.lead"),)), WRITE)
    cron = plan("field_write", {}, trigger="cron")
    assert involves(Scenario("f", steps=(Step("scheduler"),)), cron)
    assert not involves(Scenario("f", steps=(Step("create", "so", "sale.order"),)), cron)


def test_not_exercised_says_which_branch_is_missing() -> None:
    unit = plan("activity", {}, condition="[('state', '=', 'sale')]")
    never = Exercise(unit, quiet=["outside"], expected="sale.order.write (on_write): inside [...]")
    always = Exercise(unit, acting=["inside", "outside"])
    both = Exercise(unit, acting=["inside"], quiet=["outside"])
    lines = not_exercised([never, always, both], generated=True)
    assert lines == [
        "not exercised: sale.order.write (on_write): no scenario showed it acting in run A (an activity, the "
        "record written); scenario 'sale.order.write (on_write): inside [...]' should have; a scenario file can "
        "give one (a record inside [('state', '=', 'sale')], written: docs/scenarios.md)",
        "not exercised: sale.order.write (on_write): it acted in every scenario that involves it, none showed it "
        "not acting (a record outside [('state', '=', 'sale')], written, would)",
    ]


def test_notification_mails_showing_a_value_set_before_the_save_are_stated() -> None:
    """acme_crm_lead_deadline_default's `vals.setdefault`: the rule writes the deadline once the lead
    is saved, so the assignment mail Odoo sends within the create shows none (real Odoo 16.0/18.0):
    CONVERSION.md says so, and verify attributes exactly those differences to it."""
    from pathlib import Path

    from migrator.discover import discover
    from migrator.generate import convert_addon
    from migrator.verify.stated import stated

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    [addon] = discover([str(corpus / "acme_crm_lead_deadline_default")], series="18.0")
    conversion = convert_addon(addon, "18.0")
    scenario = Scenario("s", unit="crm.lead.create (on_create)")
    mail = [Difference("mail.mail", "mail.mail#1", "body_html", "<p>due 2025-04-02</p>", "<p>due </p>"),
            Difference("mail.notification", "mail.notification#1", "mail_mail_id", "mail.mail[aa]", "mail.mail[bb]")]
    assert "the rule writes date_deadline once the record is saved" in (stated(conversion, scenario, mail) or "")
    # a mail only one run sent is not a content the rule's later write explains
    assert stated(conversion, scenario, [Difference("mail.mail", "mail.mail#1", "", {"body_html": "x"}, ABSENT)]) \
        is None


def test_an_operation_the_module_failed_for_lack_of_rights_is_stated() -> None:
    """quill_task_intake on 18.0: its stage became the installing user's personal stage, which
    the administrator may not read; the rule's actions run in superuser mode and succeed."""
    from pathlib import Path

    from migrator.discover import discover
    from migrator.generate import convert_addon
    from migrator.verify.stated import stated

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    [addon] = discover([str(corpus / "quill_task_intake")], series="18.0")
    conversion = convert_addon(addon, "18.0")
    assert "Odoo runs an automation rule's actions in superuser mode" in conversion.files["CONVERSION.md"]
    scenario = Scenario("s", unit="project.task.create (on_create)")
    failed = [Difference("", "step 1", "outcome", "error: AccessError: no read access to Task Stage", "ok"),
              Difference("project.task", "@ticket", "", ABSENT, {"name": "Printer jammed"})]
    assert "superuser mode" in (stated(conversion, scenario, failed) or "")
    other = [Difference("", "step 1", "outcome", "error: UserError: no", "ok")]
    assert stated(conversion, scenario, other) is None
