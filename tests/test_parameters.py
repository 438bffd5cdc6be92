"""A cron's or a button's method parameters bound at the top of the action's code."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from migrator.analyze.cron_call import CallArguments, call_arguments, called_method
from migrator.audit import audit_addon
from migrator.check.sandbox import check_code
from migrator.discover import discover
from migrator.generate import convert_addon, write_module
from migrator.generate.transform import transform_method

HEADER = '''\
from odoo import fields, models

LIMIT = 10


class Ppe(models.Model):
    _inherit = 'res.partner'

'''


def transform(method: str, target: str = "cron", arguments: CallArguments | None = None):
    body = textwrap.indent(textwrap.dedent(method), "    ")
    name = body.split("def ", 1)[1].split("(", 1)[0]
    result = transform_method(HEADER + body, "Ppe", name, target, "18.0", arguments=arguments)
    if result.code is not None:
        assert check_code(result.code, "18.0") == []
    return result


DEF = HEADER.count("\n") + 1  # the line of the `def` (the methods below start with a newline)

READ_BEFORE_SET = '''
    def _cron_expire(self, date_ref=None):
        """Expire what ended before date_ref."""
        if not date_ref:
            date_ref = fields.Date.today()
        self.search([('create_date', '<', date_ref)]).write({'active': False})
'''


# ------------------------------------------------------------------ what the cron's code passes

@pytest.mark.parametrize("code, method, arguments", [
    ("model._cron_expire()", "_cron_expire", CallArguments()),
    ("model.run_reminder(7, False, False, None)", "run_reminder", CallArguments(("7", "False", "False", "None"))),
    ("model.sudo().run(days=3, tags=['a', 'b'])", "run", CallArguments((), (("days", "3"), ("tags", "['a', 'b']")))),
    ("env['x.y'].run(limit)", "run", CallArguments(("limit",))),
    ("model.run(*args)", "run", CallArguments((), (), True)),
    ("model.run(**{'a': 1})", "run", CallArguments((), (), True)),
])
def test_the_arguments_of_the_cron_code_call_as_written(code, method, arguments):
    assert called_method(code) == method
    assert call_arguments(code, method) == arguments


def test_a_cron_code_not_calling_the_method_has_no_arguments_for_it():
    assert call_arguments("model.other(1)", "run") is None
    assert call_arguments("model.run(", "run") is None


# ------------------------------------------------------------------ the rewrite

def test_a_parameter_read_before_set_is_bound_to_its_default():
    result = transform(READ_BEFORE_SET, arguments=CallArguments())
    assert result.code == (
        "date_ref = None\n"
        "if not date_ref:\n"
        "    date_ref = datetime.date.today()\n"
        "model.search([('create_date', '<', date_ref)]).write({'active': False})\n"
    )
    assert "The parameter date_ref is bound to its default None." in result.notes


def test_the_arguments_the_cron_passes_come_first_by_position_and_keyword():
    result = transform('''
        def run_reminder(self, days=7, draft_events=False, near_events=False, template_id=None):
            events = self.search([('date', '>=', fields.Date.today())], limit=days)
            if draft_events or near_events:
                events.write({'comment': template_id})
    ''', arguments=CallArguments(("3", "True"), (("template_id", "'t'"),)))
    assert result.code == (
        "days = 3\n"
        "draft_events = True\n"
        "near_events = False\n"
        "template_id = 't'\n"
        "events = model.search([('date', '>=', datetime.date.today())], limit=days)\n"
        "if draft_events or near_events:\n"
        "    events.write({'comment': template_id})\n"
    )
    assert result.notes[:4] == (
        "The parameter days is bound to 3, the value the cron's code passes.",
        "The parameter draft_events is bound to True, the value the cron's code passes.",
        "The parameter near_events is bound to its default False.",
        "The parameter template_id is bound to 't', the value the cron's code passes.",
    )


def test_a_parameter_the_body_does_not_read_is_not_bound():
    result = transform('''
        def _cron_clean(self, unused, batch=100):
            self.search([('active', '=', False)]).unlink()
    ''', arguments=CallArguments())
    assert result.code == "model.search([('active', '=', False)]).unlink()\n"


def test_star_parameters_get_what_is_left():
    result = transform('''
        def _cron_tag(self, first, *rest, **options):
            self.search([]).write({'comment': str((first, rest, options))})
    ''', arguments=CallArguments(("1", "2", "3"), (("mode", "'x'"),)))
    assert result.code == (
        "first = 1\n"
        "rest = (2, 3)\n"
        "options = {'mode': 'x'}\n"
        "model.search([]).write({'comment': str((first, rest, options))})\n"
    )


def test_a_button_passes_nothing_its_parameters_take_their_defaults():
    result = transform('''
        def action_mark(self, note='done'):
            self.write({'comment': note})
    ''', target="manual")
    assert result.code == "note = 'done'\nrecords.write({'comment': note})\n"


@pytest.mark.parametrize("method, arguments, line, message", [
    ('''
        def _cron_expire(self, date_ref):
            self.search([('date', '<', date_ref)]).unlink()
    ''', CallArguments(), DEF + 1,
     "The body reads the parameter `date_ref`, which has no default, and the cron's code passes no value for it."),
    ('''
        def _cron_expire(self, limit=LIMIT):
            self.search([], limit=limit).unlink()
    ''', CallArguments(), DEF + 1,
     "The parameter `limit` defaults to `LIMIT`, not a literal, and the cron's code passes no value for it."),
    ('''
        def _cron_expire(self, date_ref=None):
            self.search([('date', '<', date_ref)]).unlink()
    ''', CallArguments(("datetime.date.today()",)), DEF + 1,
     "The cron's code passes `datetime.date.today()` for the parameter `date_ref`: the action's code binds a "
     "parameter only to a literal."),
    ('''
        def _cron_expire(self, date_ref=None):
            self.search([('date', '<', date_ref)]).unlink()
    ''', CallArguments((), (), True), DEF + 1,
     "The cron's code passes unpacked arguments (*args or **kwargs): which parameter gets which value is unknown."),
    ('''
        def _cron_expire(self, date_ref=None):
            self.search([('date', '<', date_ref)]).unlink()
    ''', CallArguments(("1", "2")), DEF + 1, "The cron's code passes 2 arguments, more than the method takes."),
    ('''
        def _cron_expire(self, date_ref=None):
            self.search([('date', '<', date_ref)]).unlink()
    ''', CallArguments((), (("days", "1"),)), DEF + 1,
     "The cron's code passes `days`, which is not a parameter of the method."),
])
def test_a_parameter_that_cannot_be_bound_blocks(method, arguments, line, message):
    result = transform(method, arguments=arguments)
    assert result.code is None
    assert [(b.code, b.line, b.message) for b in result.blockers] == [("unbound-parameter", line, message)]


def test_a_button_parameter_without_default_blocks():
    result = transform('''
        def action_mark(self, note):
            self.write({'comment': note})
    ''', target="manual")
    assert [(b.code, b.message) for b in result.blockers] == [(
        "unbound-parameter",
        "The body reads the parameter `note`, which has no default, and a button passes no value for it.")]


# ------------------------------------------------------------------ a module, end to end

CRON_XML = """\
<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="cron_expire" model="ir.cron">
        <field name="name">Expire</field>
        <field name="model_id" ref="base.model_res_partner"/>
        <field name="state">code</field>
        <field name="code">{code}</field>
        <field name="interval_number">1</field>
        <field name="interval_type">days</field>
    </record>
</odoo>
"""


def _module(root: Path, method: str, cron_code: str) -> Path:
    folder = root / "x_expire"
    (folder / "models").mkdir(parents=True)
    (folder / "data").mkdir()
    (folder / "__manifest__.py").write_text(
        "{'name': 'X', 'version': '18.0.1.0.0', 'depends': ['base'], 'data': ['data/cron.xml']}\n")
    (folder / "__init__.py").write_text("from . import models\n")
    (folder / "models" / "__init__.py").write_text("from . import partner\n")
    (folder / "models" / "partner.py").write_text(HEADER + textwrap.indent(textwrap.dedent(method), "    "))
    (folder / "data" / "cron.xml").write_text(CRON_XML.format(code=cron_code))
    return folder


@pytest.mark.parametrize("cron_code, bound", [
    ("model._cron_expire()", "date_ref = None"),
    ("model._cron_expire('2024-01-01')", "date_ref = '2024-01-01'"),
    ("model._cron_expire(date_ref=False)", "date_ref = False"),
])
def test_the_scheduled_action_binds_the_parameter_and_passes_check(tmp_path: Path, cron_code, bound) -> None:
    (addon,) = discover([str(_module(tmp_path, READ_BEFORE_SET, cron_code))], series="18.0")
    conversion = convert_addon(addon, "18.0")
    ((plan, _),) = conversion.moved
    # a scheduled action, not a time-based rule: the search's date is the caller's, maybe not today
    assert plan.trigger == "cron"
    assert plan.code.splitlines()[0] == bound
    assert write_module(conversion, tmp_path / "out") == []
    # without the binding, check says why the scheduled action would fail
    unbound = "\n".join(plan.code.splitlines()[1:])
    assert [m for _, m in check_code(unbound, "18.0")] == [
        "'date_ref' is read before the code binds it: a NameError when it runs"]


def test_the_audit_and_convert_agree_on_a_parameter_the_cron_cannot_bind(tmp_path: Path) -> None:
    folder = _module(tmp_path, READ_BEFORE_SET, "model._cron_expire(fields.Date.today())")
    (addon,) = discover([str(folder)], series="18.0")
    (unit,) = audit_addon(addon).units
    assert unit.convertible == "no"
    assert [b.code for b in unit.blockers] == ["unbound-parameter"]
    conversion = convert_addon(addon, "18.0")
    assert conversion.moved == ()
    assert [b.code for b in conversion.not_converted[0].blockers] == ["unbound-parameter"]
