"""Values put into `vals` before super() that the record gives after the save
(classify/set_values.py), and create overrides filling a field of the module after the insert
(classify/fill_after_insert.py, transforms/create_values.py): what converts, with the
difference CONVERSION.md states, and what stays refused. Each case is one model file of a
throw-away addon."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.audit import audit_addon
from migrator.discover import discover
from test_idioms import _convert

STAGE_DATE = """
    stage_changed_on = fields.Datetime(readonly=True)

    def write(self, vals):
        if 'stage_id' in vals:
            vals['stage_changed_on'] = {value}
        return super().write(vals)
"""


@pytest.mark.parametrize(("value", "equation"), [
    ("fields.Datetime.now()", "datetime.datetime.now().replace(microsecond=0)"),
    ("fields.Date.today()", "datetime.date.today()"),
])
def test_the_clock_set_when_another_field_is_written_is_an_equation(tmp_path: Path, value: str, equation: str) -> None:
    units, conversion = _convert(tmp_path, "project.task", STAGE_DATE.format(value=value), depends=("project",))
    assert [(u.trigger, u.trigger_fields, u.convertible) for u in units] == [("on_write", ("stage_id",), "no_code")]
    assert units[0].effects[0].details["clock"] == ["stage_changed_on"]
    rules = conversion.files["data/automation_rules.xml"]
    assert '<field name="update_path">stage_changed_on</field>' in rules
    assert f'<field name="value">{equation}</field>' in rules
    changes = conversion.files["CONVERSION.md"]
    assert "the module set `stage_changed_on` to the time of the write in the values" in changes
    assert "The time is read when the rule runs, for each record." in changes


def test_the_clock_imported_from_datetime_in_16_is_an_equation_line(tmp_path: Path) -> None:
    units, conversion = _convert(tmp_path, "project.task", STAGE_DATE.format(value="fields.Datetime.now()"),
                                 series="16.0", depends=("project",))
    assert ("'evaluation_type': 'equation', 'value': 'datetime.datetime.now().replace(microsecond=0)'"
            in conversion.files["data/automation_rules.xml"])
    # `from datetime import datetime`: `datetime.now()` keeps its microseconds
    model = tmp_path / "fjord_case" / "models" / "model.py"
    model.write_text("from datetime import datetime\n" + model.read_text().replace(
        "fields.Datetime.now()", "datetime.now()"))
    (addon,) = discover([str(tmp_path / "fjord_case")])
    assert audit_addon(addon).units[0].effects[0].details["equations"] == {
        "stage_changed_on": "datetime.datetime.now()"}
    # a name the file does not import is no clock
    model.write_text(model.read_text().replace("from datetime import datetime\n", ""))
    (addon,) = discover([str(tmp_path / "fjord_case")])
    assert "equations" not in audit_addon(addon).units[0].effects[0].details


def test_a_value_computed_otherwise_is_no_equation(tmp_path: Path) -> None:
    units, _ = _convert(tmp_path, "project.task", STAGE_DATE.format(value="fields.Datetime.now() + timedelta(days=1)"),
                        depends=("project",))
    assert "equations" not in units[0].effects[0].details


def test_the_clock_set_after_super_changes_nothing_and_is_no_equation(tmp_path: Path) -> None:
    units, _ = _convert(tmp_path, "project.task", """
        def write(self, vals):
            res = super().write(vals)
            if 'stage_id' in vals:
                vals['date_last_stage_update'] = fields.Datetime.now()
            return res
    """, depends=("project",))
    assert "equations" not in units[0].effects[0].details


COPY = """
    def write(self, values):
        if {test}:
            values.update({{'{field}': values['{source}']}})
        return super().write(values)
"""


def test_a_written_value_copied_to_another_field_is_an_equation_on_the_record(tmp_path: Path) -> None:
    units, conversion = _convert(tmp_path, "stock.move", COPY.format(
        test="values.get('date_deadline')", field="date", source="date_deadline"), depends=("stock",))
    assert [(u.trigger_fields, u.convertible, u.condition) for u in units] == [
        (("date_deadline",), "no_code", "[('date_deadline', '!=', False)]")]
    assert units[0].effects[0].details["copied"] == {"date": "date_deadline"}
    rules = conversion.files["data/automation_rules.xml"]
    assert '<field name="value">record.date_deadline</field>' in rules
    assert "the module set `date` to the value written for `date_deadline` in the values" in conversion.files["CONVERSION.md"]


def test_a_copy_under_a_test_of_another_field_is_no_equation(tmp_path: Path) -> None:
    """Odoo would run the rule when either field changes; the module copied only when both were written."""
    units, _ = _convert(tmp_path, "stock.move", COPY.format(
        test="'priority' in values and values.get('date_deadline')", field="date", source="date_deadline"),
        depends=("stock",))
    assert "equations" not in units[0].effects[0].details


def test_a_copy_of_commands_stays_refused(tmp_path: Path) -> None:
    """x2many values are commands in the values and records on the record: the rewrite refuses it."""
    units, conversion = _convert(tmp_path, "stock.move", COPY.format(
        test="values.get('move_orig_ids')", field="move_dest_ids", source="move_orig_ids"), depends=("stock",))
    assert units[0].effects[0].details["copied"] == {"move_dest_ids": "move_orig_ids"}
    assert units[0].convertible == "no"
    assert {b.code for b in units[0].blockers} == {"uses-vals"}
    assert not conversion.moved


# ------------------------------------------------------- filled after the insert

NUMBER = """
    number = fields.Char(required=True, default='/', readonly=True, copy=False){extra}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get('number', '/') == '/':
                vals['number'] = self.env['ir.sequence'].next_by_code('sale.order') or '/'
        return super().create(vals_list)
"""


def test_a_number_filled_when_it_holds_the_default_is_read_on_the_record(tmp_path: Path) -> None:
    units, conversion = _convert(tmp_path, "sale.order", NUMBER.format(extra=""))
    assert [u.convertible for u in units] == ["code"]
    [(plan, _)] = conversion.moved
    assert plan.code.strip().splitlines() == [
        "for rec in records:",
        "    if (rec.number or '/') == '/':",
        "        rec.write({'number': env['ir.sequence'].next_by_code('sale.order') or '/'})",
    ]
    assert "one given empty reads as not given" in conversion.files["CONVERSION.md"]


@pytest.mark.parametrize("extra", [
    "\n\n    _sql_constraints = [('number_uniq', 'unique(number, company_id)', 'Numbers are unique.')]",
    "\n\n    @api.constrains('number')\n    def _check_number(self):\n        pass",
])
def test_a_number_checked_at_the_insert_stays_refused(tmp_path: Path, extra: str) -> None:
    """Two new records would both hold '/' when inserted: a unique constraint sees them."""
    units, conversion = _convert(tmp_path, "sale.order", NUMBER.format(extra=extra))
    create = [u for u in units if u.method == "create"]
    assert [u.convertible for u in create] == ["no"]
    [blocker] = create[0].blockers
    assert blocker.code == "uses-vals" and "number" in blocker.message
    assert ("SQL constraint `_sql_constraints`" in blocker.message) or ("_check_number()" in blocker.message)


SEQUENCE = """
    position = fields.Integer({options})

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals['position'] = self.env['ir.sequence'].next_by_code('sale.order') or 0
        return super().create(vals_list)
"""


def test_a_field_of_the_module_set_on_every_create_is_written_after_the_insert(tmp_path: Path) -> None:
    units, conversion = _convert(tmp_path, "sale.order", SEQUENCE.format(options=""))
    assert [u.convertible for u in units] == ["code"]
    [(plan, _)] = conversion.moved
    assert "rec.write({'position': env['ir.sequence'].next_by_code('sale.order') or 0})" in plan.code
    assert plan.given == ("position",)
    assert "the record is first saved with the values as given" in conversion.files["CONVERSION.md"]


def test_a_required_field_without_default_set_on_every_create_stays_refused(tmp_path: Path) -> None:
    units, _ = _convert(tmp_path, "sale.order", SEQUENCE.format(options="required=True"))
    [blocker] = units[0].blockers
    assert blocker.code == "uses-vals" and "it is required and has no default" in blocker.message


def test_a_core_field_set_on_every_create_stays_refused(tmp_path: Path) -> None:
    """A core field's constraints are not read: setting it after the insert is not assumed safe."""
    units, _ = _convert(tmp_path, "sale.order", SEQUENCE.format(options="").replace("position", "client_order_ref")
                        .replace("    client_order_ref = fields.Integer()\n", ""))
    assert [b.code for b in units[0].blockers] == ["uses-vals"]
    assert "also when the caller gave it" in units[0].blockers[0].message
