"""What CONVERSION.md says an automation rule's code does differently (generate/code_differences.py):
here, a write of `user_id` on records other than the rule's own, which Odoo answers with an
assignment notification at every write, once per record under a rule."""

from __future__ import annotations

import pytest

from migrator.generate.code_differences import assigns_others, code_differences
from migrator.generate.plan import MethodPlan
from migrator.model import Span, Unit

SPAN = Span("models/crm_lead.py", 8, 13)


def plan(code: str, trigger: str = "on_write") -> MethodPlan:
    unit = Unit("crm.lead", "write", "code", trigger, ("user_id",), "code", (), SPAN, ())
    return MethodPlan("crm.lead", "write", trigger, (unit,), "CrmLead", SPAN, code=code)


@pytest.mark.parametrize(("code", "trigger", "expected"), [
    # match: the lead's customer (crm.lead.partner_id -> res.partner, whose user_id Odoo tracks)
    ('records.mapped("partner_id").write({"user_id": records.user_id.id})', "on_write", ["res.partner"]),
    ("records.partner_id.sudo().write({'user_id': 2})", "on_create", ["res.partner"]),
    ('env["sale.order"].search([]).write({"user_id": 2})', "on_write", ["sale.order"]),
    ("partners.write({'user_id': 2})", "on_write", [""]),  # a model the code does not say: stated with a proviso
    # no match: the rule's own records, a model whose user_id is not tracked, another field,
    # and a scheduled or manual action (they act on all their records at once, as the method did)
    ("records.write({'user_id': 2})", "on_write", []),
    ('env["res.users"].browse(2).write({"user_id": 2})', "on_write", []),
    ("records.partner_id.write({'comment': 'x'})", "on_write", []),
    ("records.partner_id.write({'user_id': 2})", "cron", []),
    ("records.partner_id.write({'user_id': 2})", "manual", []),
])
def test_writes_of_user_id_on_other_records(code: str, trigger: str, expected: list[str]) -> None:
    assert assigns_others(plan(code, trigger), "18.0") == expected


def test_the_sentence_names_the_model_or_says_where_it_holds() -> None:
    [known] = [t for t in code_differences(plan("records.partner_id.write({'user_id': 2})"), "18.0")
               if "user_id" in t]
    assert known.startswith("writes `user_id` on `res.partner` records: Odoo notifies the user it assigns")
    assert "once per record; the module's one write for all of them notified once" in known
    [unknown] = [t for t in code_differences(plan("partners.write({'user_id': 2})"), "18.0") if "user_id" in t]
    assert unknown.startswith("writes `user_id` on other records (where their `user_id` is tracked")
