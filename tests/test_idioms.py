"""Idioms every Odoo shop writes, through the audit and `convert` alike: guard clauses, values
normalised before super(). Each case is one model file of a throw-away addon."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from migrator.audit import audit_addon
from migrator.discover import discover
from migrator.generate import convert_addon


CRON = """<odoo>
    <record id="ir_cron_case" model="ir.cron">
        <field name="name">Case</field>
        <field name="model_id" ref="{model_xmlid}"/>
        <field name="state">code</field>
        <field name="code">model.{method}()</field>
        <field name="interval_number">1</field>
        <field name="interval_type">days</field>
    </record>
</odoo>
"""


def _convert(tmp_path: Path, model: str, body: str, series: str = "18.0", depends: tuple[str, ...] = ("sale",),
             cron: tuple[str, str] | None = None, extra: str = ""):
    """(audit units, conversion) of an addon whose class `_inherit`s `model` with `body`, and
    `extra` after it (more classes); `cron` = (model xml id, method): a scheduled action of the
    addon calls that method."""
    root = tmp_path / "fjord_case"
    (root / "models").mkdir(parents=True)
    data = ["data/ir_cron.xml"] if cron else []
    (root / "__manifest__.py").write_text(f"{{'name': 'Case', 'version': '{series}.1.0.0', "
                                          f"'depends': {list(depends)!r}, 'license': 'LGPL-3', 'data': {data!r}}}")
    if cron:
        (root / "data").mkdir()
        (root / "data" / "ir_cron.xml").write_text(CRON.format(model_xmlid=cron[0], method=cron[1]))
    (root / "__init__.py").write_text("from . import models\n")
    (root / "models" / "__init__.py").write_text("from . import model\n")
    source = "import logging\nfrom datetime import timedelta\n\nfrom odoo import api, fields, models\n\n" \
             "LIMIT = 10000\n\n\nclass Model(models.Model):\n" \
             f"    _inherit = '{model}'\n\n" + textwrap.indent(textwrap.dedent(body).strip("\n") + "\n", "    ") \
             + textwrap.dedent(extra)
    (root / "models" / "model.py").write_text(source)
    (addon,) = discover([str(root)])
    return audit_addon(addon).units, convert_addon(addon, series)


# ------------------------------------------------------------------ guard clauses

def test_a_guard_clause_after_super_is_the_trigger_field_of_a_no_code_rule(tmp_path: Path) -> None:
    """The statements after `if 'state' not in vals: return res` run only when state is written."""
    units, conversion = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            res = super().write(vals)
            if 'state' not in vals:
                return res
            for order in self:
                if order.state == 'cancel':
                    order.write({'note': 'Cancelled'})
            return res
    """)
    [unit] = units
    assert (unit.convertible, unit.trigger_fields, unit.condition) == ("no_code", ("state",), "[('state', '=', 'cancel')]")
    [(plan, _records)] = conversion.moved
    assert (plan.trigger_fields, plan.condition, plan.code) == (("state",), "[('state', '=', 'cancel')]", None)


def test_a_continue_guard_in_the_loop_is_the_domain(tmp_path: Path) -> None:
    units, _ = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            res = super().write(vals)
            for order in self:
                if order.state != 'cancel':
                    continue
                order.write({'note': 'Cancelled'})
            return res
    """)
    assert [(u.convertible, u.condition) for u in units] == [("no_code", "[('state', '=', 'cancel')]")]


def test_a_return_inside_the_loop_is_not_a_guard_and_stops_the_conversion(tmp_path: Path) -> None:
    """The return ends the method for the records after it too: no action can say that."""
    units, conversion = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            res = super().write(vals)
            for order in self:
                if order.state == 'draft':
                    return res
                order.write({'note': 'Seen'})
            return res
    """)
    assert [(u.convertible, [b.code for b in u.blockers]) for u in units] == [("no", ["early-return"])]
    assert not conversion.moved


def test_a_guard_returning_before_super_without_it_stops_the_conversion(tmp_path: Path) -> None:
    """`return True` before super().write(): the write itself does not happen; a rule cannot stop it."""
    units, conversion = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            if not vals.get('note'):
                return True
            res = super().write(vals)
            self.write({'client_order_ref': 'noted'})
            return res
    """)
    assert [u.convertible for u in units] == ["no"]
    assert "early-return" in [b.code for b in units[0].blockers]
    assert not conversion.moved


def test_a_guard_returning_super_with_other_values_is_refused_by_the_rule(tmp_path: Path) -> None:
    units, _ = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            if 'state' not in vals:
                return super().write(dict(vals, note=False))
            res = super().write(vals)
            self.write({'note': 'x'})
            return res
    """)
    assert [b.code for b in units[0].blockers] == ["uses-super-return-value"]


# ------------------------------------------------------- values normalised before super()

NORMALISED = """
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get('ref'):
                vals['ref'] = vals['ref'].strip().upper()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get('ref'):
            vals['ref'] = {value}
        return super().write(vals)
"""


def test_a_normalised_value_becomes_an_equation_on_create_and_on_write(tmp_path: Path) -> None:
    units, conversion = _convert(tmp_path, "res.partner", NORMALISED.format(value="vals['ref'].strip().upper()"),
                                 depends=("base",))
    assert [(u.trigger, u.trigger_fields, u.convertible, u.condition) for u in units] == [
        ("on_create", (), "no_code", "[('ref', '!=', False)]"),
        ("on_write", ("ref",), "no_code", "[('ref', '!=', False)]")]
    assert units[0].effects[0].details["equations"] == {"ref": "record.ref.strip().upper()"}
    rules = conversion.files["data/automation_rules.xml"]
    assert rules.count('<field name="evaluation_type">equation</field>') == 2
    assert rules.count('<field name="value">record.ref.strip().upper()</field>') == 2
    assert "the rule saves the value as given, then writes the normalised one" in conversion.files["CONVERSION.md"]


def test_a_normalised_value_in_16_is_an_equation_line(tmp_path: Path) -> None:
    _, conversion = _convert(tmp_path, "res.partner", NORMALISED.format(value="vals['ref'].strip().upper()"),
                             series="16.0", depends=("base",))
    assert ("'col1': ref('base.field_res_partner__ref'), 'evaluation_type': 'equation', "
            "'value': 'record.ref.strip().upper()'") in conversion.files["data/automation_rules.xml"]


def test_a_normalisation_that_changes_the_value_again_is_not_an_equation(tmp_path: Path) -> None:
    """Prefixing twice prefixes twice: the rule on create would run the rule on write once more."""
    units, conversion = _convert(tmp_path, "res.partner", NORMALISED.format(value="'C-' + vals['ref']"),
                                 depends=("base",))
    assert units[1].convertible == "no"
    assert [b.code for b in units[1].blockers] == ["uses-vals"]
    assert [p.method for p, _ in conversion.moved] == ["create"]


def test_a_normalisation_under_a_test_of_another_field_is_not_an_equation(tmp_path: Path) -> None:
    units, _ = _convert(tmp_path, "res.partner", """
        def write(self, vals):
            if vals.get('is_company'):
                vals['ref'] = vals['ref'].upper()
            return super().write(vals)
    """, depends=("base",))
    assert [u.convertible for u in units] == ["no"]


# ------------------------------------------------------------- tests hoisted into the domain

def test_a_test_on_a_module_constant_is_the_domain_of_a_no_code_effect(tmp_path: Path) -> None:
    """`if order.amount_total > LIMIT` around an activity: next_activity under that domain, not code."""
    units, conversion = _convert(tmp_path, "sale.order", """
        def write(self, vals):
            res = super().write(vals)
            if vals.get('state') == 'sale':
                for order in self:
                    if order.amount_total > LIMIT:
                        order.activity_schedule('mail.mail_activity_data_todo', summary='Check the margin')
            return res
    """)
    [unit] = units
    assert (unit.kind, unit.convertible, unit.trigger_fields) == ("activity", "no_code", ("state",))
    assert unit.condition == "['&', ('state', '=', 'sale'), ('amount_total', '>', 10000)]"
    [(plan, _)] = conversion.moved
    assert [s.state for s in plan.steps] == ["next_activity"] and plan.code is None


# ------------------------------------------------------------------------ several effects

SEVERAL = """
    def write(self, vals):
        res = super().write(vals)
        if vals.get('state') == 'sale':
            for order in self:
                {first}
                {second}
                {third}
        return res
"""
CONSTANT = "order.write({'client_order_ref': 'CONFIRMED'})"
COMPUTED = "self.env['project.task'].create({'name': order.name})"
ACTIVITY = "order.activity_schedule('mail.mail_activity_data_todo', summary='Kick-off')"


def test_several_effects_become_a_multi_of_no_code_actions_and_code_for_the_rest(tmp_path: Path) -> None:
    units, conversion = _convert(tmp_path, "sale.order", SEVERAL.format(first=CONSTANT, second=ACTIVITY, third=COMPUTED),
                                 depends=("sale", "project"))
    assert [(u.kind, u.convertible) for u in units] == [
        ("field_write", "no_code"), ("activity", "no_code"), ("record_create", "code")]
    [(plan, records)] = conversion.moved
    assert [s.state for s in plan.steps] == ["object_write", "next_activity", "code"]
    assert plan.steps[2].settings["code"] == (
        "for order in records:\n"
        "    env['project.task'].create({'name': order.name})\n")
    assert (plan.condition, plan.trigger_fields) == ("[('state', '=', 'sale')]", ("state",))
    assert [r.xmlid for r in records] == ["rule_sale_order_write", "action_sale_order_write_1",
                                          "action_sale_order_write_2", "action_sale_order_write_3"]


def test_a_no_code_effect_between_two_code_ones_keeps_the_whole_method_code(tmp_path: Path) -> None:
    """One code action cannot run before and after the activity: the order would change."""
    units, conversion = _convert(tmp_path, "sale.order", SEVERAL.format(
        first=COMPUTED, second=ACTIVITY, third="order.message_post(body=order.name)"), depends=("sale", "project"))
    [(plan, _)] = conversion.moved
    assert plan.code is not None and plan.steps == ()
    assert all(u.convertible == "code" for u in conversion.audit.units)


# ----------------------------------------------------------------------- crons and time rules

OVERDUE = """
    def _cron_overdue(self):
        limit = fields.Date.today() - timedelta(days=30)
        for order in self.search([('state', '=', 'sent'), ('validity_date', '{op}', limit)]):
            {effect}
"""


def test_a_cron_acting_once_per_record_is_replaced_by_a_time_rule(tmp_path: Path) -> None:
    units, conversion = _convert(tmp_path, "sale.order", OVERDUE.format(
        op="=", effect=ACTIVITY), cron=("sale.model_sale_order", "_cron_overdue"))
    [unit] = units
    assert (unit.kind, unit.trigger, unit.convertible, unit.replaced_by) == ("cron_job", "cron", "no_code", "on_time")
    assert unit.date_delay == (30, "day")
    [(plan, _)] = conversion.moved
    assert plan.trigger == "on_time"
    assert "a time rule acts once per record" in conversion.files["CONVERSION.md"]


def test_a_cron_acting_again_on_every_run_stays_a_scheduled_action(tmp_path: Path) -> None:
    """`validity_date < today - 30`: the cron reminds every overdue order at each run, a time
    rule would once: not the same."""
    units, conversion = _convert(tmp_path, "sale.order", OVERDUE.format(
        op="<", effect=ACTIVITY), cron=("sale.model_sale_order", "_cron_overdue"))
    [unit] = units
    assert (unit.kind, unit.trigger, unit.convertible, unit.replaced_by) == ("cron_job", "cron", "code", None)
    [(plan, _)] = conversion.moved
    assert plan.trigger == "cron" and plan.code


def test_a_cron_writing_constants_on_every_run_is_a_time_rule_too(tmp_path: Path) -> None:
    """Writing the same value again changes nothing: once per record is the same."""
    units, _ = _convert(tmp_path, "sale.order", OVERDUE.format(
        op="<", effect="order.write({'state': 'cancel'})"), cron=("sale.model_sale_order", "_cron_overdue"))
    assert [(u.convertible, u.replaced_by) for u in units] == [("no_code", "on_time")]


# ------------------------------------------------------------------- no false equivalence

def _conversion_text(tmp_path: Path, body: str) -> str:
    _units, conversion = _convert(tmp_path, "sale.order", body)
    assert conversion.moved, [b.code for n in conversion.not_converted for b in n.blockers]
    return conversion.files["CONVERSION.md"]


def test_a_rule_acting_on_records_it_searched_says_it_runs_as_superuser(tmp_path: Path) -> None:
    text = _conversion_text(tmp_path, """
        def write(self, vals):
            res = super().write(vals)
            if 'state' in vals:
                for order in self:
                    self.env['sale.order'].search([('origin', '=', order.name)]).write({'note': order.state})
            return res
    """)
    assert "the rule's actions run as superuser, so record rules and company restrictions" in text


def test_context_keys_and_try_except_are_stated(tmp_path: Path) -> None:
    text = _conversion_text(tmp_path, """
        def write(self, vals):
            res = super().write(vals)
            if 'state' in vals:
                for order in self:
                    try:
                        order.partner_id.with_context(skip_sync=True).write({'comment': order.name})
                    except Exception:
                        order.message_post(body='Not synchronised')
            return res
    """)
    assert "passes context keys (`skip_sync`) to what it calls" in text
    assert "catches errors (try/except): the except runs as written" in text


def test_code_on_its_own_records_states_none_of_these(tmp_path: Path) -> None:
    text = _conversion_text(tmp_path, """
        def write(self, vals):
            res = super().write(vals)
            if 'state' in vals:
                for order in self:
                    order.write({'note': order.name.upper()})
            return res
    """)
    # only the line every rule gets says superuser: none about records the code finds
    assert "record rules and company restrictions" not in text and "context keys" not in text \
        and "try/except" not in text
    assert text.count("superuser") == 1 and "Odoo runs an automation rule's actions in superuser mode" in text


def test_log_messages_are_stated_as_ir_logging_records(tmp_path: Path) -> None:
    text = _conversion_text(tmp_path, """
        def write(self, vals):
            logger = logging.getLogger(__name__)
            res = super().write(vals)
            if 'state' in vals:
                for order in self:
                    order.write({'note': order.name})
                    logger.info('%s changed', order.name)
            return res
    """)
    assert "writes its log messages with `log()`: each is an ir.logging record" in text


# ------------------------------------------------------------ calls of the ORM's methods

def test_a_button_writing_through_an_override_that_stays_converts_on_its_own(tmp_path: Path) -> None:
    """`self.write()` is the ORM's write: the module's override of it is judged as its own
    trigger (here it reads the context and stays), the button moves."""
    units, conversion = _convert(tmp_path, "crm.lead", """
        def write(self, vals):
            res = super().write(vals)
            if self.env.context.get('notify_stage'):
                for lead in self:
                    lead.message_post(body='Stage changed')
            return res

        def action_set_probability(self):
            self.write({'probability': self.stage_id.probability})
    """, depends=("crm",))
    assert [(u.method, u.convertible, [b.code for b in u.blockers]) for u in units] == [
        ("write", "no", ["context-dependent"]), ("action_set_probability", "code", [])]
    [(plan, _records)] = conversion.moved
    assert plan.code == "records.write({'probability': records.stage_id.probability})\n"


def test_a_many2one_of_the_module_s_own_model_makes_no_record(tmp_path: Path) -> None:
    """Writing an existing record of the module's model into its many2one makes nothing; making
    records through its one2many does (new-field-needed)."""
    units, _ = _convert(tmp_path, "sale.order", """
        x_stage_id = fields.Many2one('fjord.stage')
        x_step_ids = fields.One2many('fjord.step', 'order_id')

        def action_close(self):
            self.write({'x_stage_id': self.env.ref('fjord_case.stage_closed').id})

        def action_plan(self):
            self.write({'x_step_ids': [(0, 0, {'name': 'Call'})]})
    """, extra="""


    class Stage(models.Model):
        _name = 'fjord.stage'

        name = fields.Char()


    class Step(models.Model):
        _name = 'fjord.step'

        order_id = fields.Many2one('sale.order')
    """)
    assert [(u.method, u.convertible, [b.code for b in u.blockers]) for u in units] == [
        ("action_close", "code", []), ("action_plan", "no", ["new-field-needed"])]


# ------------------------------------------------------------ no-code only for what it can say

def test_a_loop_over_records_filtered_by_a_lambda_is_code_not_a_write_of_every_record(tmp_path: Path) -> None:
    """An object_write acts on every record of the rule: the filter would be dropped."""
    units, conversion = _convert(tmp_path, "crm.lead", """
        def write(self, vals):
            res = super().write(vals)
            if 'expected_revenue' in vals:
                for lead in self.filtered(lambda l: l.type == 'opportunity'):
                    lead.priority = '3'
            return res
    """, depends=("crm",))
    assert [u.convertible for u in units] == ["code"]
    [(plan, _records)] = conversion.moved
    assert (plan.steps, plan.code) == ((), "for lead in records.filtered(lambda l: l.type == 'opportunity'):\n"
                                          "    lead.write({'priority': '3'})\n")


def test_a_create_filling_a_required_field_where_none_was_given_is_refused(tmp_path: Path) -> None:
    """crm.lead.name is required: a lead is never inserted without it, so a rule on create can
    never fill it (the module filled it before the insert)."""
    units, conversion = _convert(tmp_path, "crm.lead", """
        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                if not vals.get('name'):
                    vals['name'] = 'New lead'
            return super().create(vals_list)
    """, depends=("crm",))
    assert [(u.convertible, [b.code for b in u.blockers]) for u in units] == [("no", ["uses-vals"])]
    [item] = conversion.not_converted
    assert "the field is required" in item.blockers[0].message


# ------------------------------------------------------------ overrides of Odoo's state buttons

def test_an_override_acting_after_a_state_button_becomes_a_rule_on_the_move(tmp_path: Path) -> None:
    """sale.order.action_draft moves cancelled or sent orders to draft (migrator/state_buttons.py):
    what the override does after super() is a rule on that move, no-code or code."""
    units, conversion = _convert(tmp_path, "sale.order", """
        def action_draft(self):
            res = super().action_draft()
            for order in self:
                order.message_post(body='Back to draft: %s' % order.name)
            return res
    """)
    [unit] = units
    assert (unit.trigger, unit.convertible, unit.replaced_by) == ("manual", "code", "on_write")
    [(plan, _records)] = conversion.moved
    assert (plan.trigger, plan.trigger_fields, plan.pre_condition, plan.condition) == (
        "on_write", ("state",), "[('state', 'in', ['cancel', 'sent'])]", "[('state', '=', 'draft')]")
    assert plan.code == "for order in records:\n    order.message_post(body='Back to draft: %s' % order.name)\n"
    text = conversion.files["CONVERSION.md"]
    assert "replaces the module's override of Odoo's button `action_draft()`" in text
    assert "also those the button left as they were" in text


@pytest.mark.parametrize("body", [
    # code before super(): it saw the records before the button moved them
    """
    def action_draft(self):
        self.write({'note': False})
        return super().action_draft()
    """,
    # the button's result used
    """
    def action_draft(self):
        res = super().action_draft()
        if res:
            self.write({'note': False})
        return res
    """,
    # a button that does more than move a state (action_confirm)
    """
    def action_confirm(self):
        res = super().action_confirm()
        self.write({'note': False})
        return res
    """,
])
def test_other_button_overrides_stay_refused(tmp_path: Path, body: str) -> None:
    units, conversion = _convert(tmp_path, "sale.order", body)
    assert [u.convertible for u in units] == ["no"]
    assert "overrides-button" in {b.code for u in units for b in u.blockers}
    assert not conversion.moved


def test_a_model_of_hr_expense_converts_named_by_its_xml_id(tmp_path: Path) -> None:
    """hr_expense is in the catalogue: an expense report's number filled on create is a rule on
    hr_expense.model_hr_expense_sheet (it was unknown-model)."""
    units, conversion = _convert(tmp_path, "hr.expense.sheet", """
        number = fields.Char(required=True, default='/', copy=False)

        @api.model_create_multi
        def create(self, vals_list):
            for vals in vals_list:
                if vals.get('number', '/') == '/':
                    vals['number'] = self.env['ir.sequence'].next_by_code('hr.expense.sheet') or '/'
            return super().create(vals_list)
    """, depends=("hr_expense",))
    assert [(u.convertible, [b.code for b in u.blockers]) for u in units] == [("code", [])]
    assert len(conversion.moved) == 1
    assert 'ref="hr_expense.model_hr_expense_sheet"' in conversion.files["data/automation_rules.xml"]
