"""Where a method treats all its records as one record (MethodContext.as_one), and the rules
replacing such a method (generate/convert.py `treats_as_one`): Odoo refuses `ensure_one()` and
a field read on several records ("Expected singleton"), a rule runs once per record."""

from __future__ import annotations

import textwrap

import pytest

from migrator.classify.examples import example_facts
from migrator.classify.method_context import MethodContext
from migrator.generate.convert import treats_as_one
from migrator.generate.plan import MethodPlan
from migrator.model import Span, Unit


# crm.lead's fields as the series' catalogue types them (a few)
TYPES = {"type": "selection", "priority": "selection", "color": "integer", "active": "boolean",
         "stage_id": "many2one", "partner_id": "many2one", "tag_ids": "many2many"}


def as_one(body: str, method: str = "write", params: str = "self, vals") -> tuple[int, ...]:
    source = ("from odoo import models\n\n\nclass Lead(models.Model):\n    _inherit = 'crm.lead'\n\n"
              f"    def {method}({params}):\n" + textwrap.indent(textwrap.dedent(body), " " * 8))
    facts = example_facts(source)
    [found] = [m for m in facts.methods if m.name == method]
    return MethodContext(found, facts, "on_write").as_one(TYPES)


@pytest.mark.parametrize(("body", "expected"), [
    ("res = super().write(vals)\nself.ensure_one()\nreturn res", (9,)),
    ("res = super().write(vals)\nif self.type == 'lead':\n    self.color = 2\nreturn res", (9,)),
    ("res = super().write(vals)\nreturn res and self.priority", (9,)),
    # several records answer these: a relational field (the union), ids, env, private attributes,
    # what is no field of the model, methods; and a loop's record
    ("res = super().write(vals)\nif self.stage_id.is_won and self.tag_ids:\n    pass\nreturn res", ()),
    ("res = super().write(vals)\nreturn res and self.partner_id.ids and self.helper_value", ()),
    ("res = super().write(vals)\nself.filtered('active').write({'color': 2})\nreturn res", ()),
    ("res = super().write(vals)\nif self.ids and self.env.user and self._name:\n    pass\nreturn res", ()),
    ("res = super().write(vals)\nfor lead in self:\n    lead.ensure_one()\n    lead.color = lead.priority\nreturn res", ()),
    # writing a field on all of them is a write of each
    ("res = super().write(vals)\nself.color = 2\nreturn res", ()),
])
def test_where_a_write_treats_its_records_as_one(body: str, expected: tuple[int, ...]) -> None:
    assert as_one(body) == expected


def test_create_treats_as_one_what_super_returned_not_the_empty_model() -> None:
    body = "leads = super().create(vals_list)\nif leads.active and self.user_has_groups('x'):\n    pass\nreturn leads"
    assert as_one(body, "create", "self, vals_list") == (9,)
    assert as_one("leads = super().create(vals_list)\nself.check_access('create')\nreturn leads", "create",
                  "self, vals_list") == ()


def plan(trigger: str, lines: tuple[int, ...] = (), code: str = "records.color = 2") -> MethodPlan:
    span = Span("models/crm_lead.py", 8, 13)
    unit = Unit("crm.lead", "write", "code", trigger, (), "code", (), span, ())
    return MethodPlan("crm.lead", "write", trigger, (unit,), "Lead", span, code=code, as_one=lines)


@pytest.mark.parametrize(("rule", "expected"), [
    (plan("on_write", (9,)), True),
    (plan("on_create_or_write", (9,)), True),
    (plan("on_write", code="records.ensure_one()\nrecords.color = 2"), True),  # from an inlined helper
    (plan("on_write", code="for lead in records:\n    lead.ensure_one()"), False),
    (plan("on_write"), False),
    # a scheduled or manual action runs once on all its records, as the method ran; a cron's
    # method ran on the empty model (a time rule replaces it)
    (plan("cron", (9,)), False),
    (plan("manual", (9,)), False),
    (plan("on_time", (9,)), False),
])
def test_rules_replacing_such_a_method(rule: MethodPlan, expected: bool) -> None:
    assert treats_as_one(rule) is expected
