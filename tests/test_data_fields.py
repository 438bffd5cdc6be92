"""`convert --fields data`: which fields become custom ones, their records, the renaming of code,
views and domains, the copy of the old values (run on PostgreSQL), the residual and the CLI."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from migrator.analyze import analyze
from migrator.catalogue import load_catalogue
from migrator.cli import app
from migrator.discover import discover
from migrator.generate import convert_addon, write_residual
from migrator.generate.custom_records import CustomRecords
from migrator.generate.data_fields import split_fields
from migrator.generate.field_specs import field_spec
from migrator.generate.transforms.field_names import rename_code
from migrator.generate.ui_records import UiRecords
from migrator.runtime.action_sandbox import run_action_code
from migrator.schema import Schema

from model_addon import sale_order_addon

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _addon(root: Path, body: str, series: str = "18.0", name: str = "x_mod"):
    return sale_order_addon(root, body, series, name)


FIELDS = """
    from odoo import api, fields, models


    class SaleOrder(models.Model):
        _inherit = 'sale.order'

        x_rank = fields.Integer()
        carrier_ref = fields.Char('Carrier reference', help='As on the label', copy=False, index=True)
        lane = fields.Selection([('a', 'Lane A'), ('b', 'Lane B')], 'Lane', default='a')
        dock_id = fields.Many2one('res.partner', 'Dock')
        weight = fields.Float(digits=(16, 3))
        opened_on = fields.Date(default=fields.Date.context_today)
        boxes = fields.Integer()
        box_label = fields.Char(compute='_compute_box_label', store=True)
        shown = fields.Char(compute='_compute_shown')

        @api.depends('boxes')
        def _compute_box_label(self):
            for order in self:
                order.box_label = '%s boxes' % order.boxes

        def _compute_shown(self):
            for order in self:
                order.shown = order.carrier_ref

        def action_print_label(self):
            return self.carrier_ref
"""


def _specs(tmp_path: Path) -> dict:
    facts = analyze(_addon(tmp_path, FIELDS))
    return {d.name: field_spec(facts, "sale.order", d) for c in facts.model_classes for d in c.fields}


def test_a_declaration_read_as_a_custom_field(tmp_path: Path) -> None:
    specs = _specs(tmp_path)
    ref = specs["carrier_ref"]
    assert (ref.ttype, ref.label, ref.attrs["help"], ref.attrs["copy"], ref.attrs["index"], ref.stays) == (
        "char", "Carrier reference", "As on the label", False, True, None)
    lane = specs["lane"]
    assert (lane.attrs["selection"], lane.label, lane.attrs["default"]) == ([("a", "Lane A"), ("b", "Lane B")], "Lane", "a")
    assert (specs["dock_id"].attrs["comodel_name"], specs["dock_id"].label) == ("res.partner", "Dock")
    assert specs["boxes"].label == "Boxes"
    assert specs["box_label"].depends == ("boxes",)


@pytest.mark.parametrize(("name", "why"), [
    ("weight", "digits cannot be held by a custom field."),
    ("opened_on", "its default is computed (fields.Date.context_today): ir.default holds values only."),
    ("shown", "a computed field that is not stored"),
])
def test_what_a_custom_field_cannot_hold_keeps_the_field(tmp_path: Path, name: str, why: str) -> None:
    assert _specs(tmp_path)[name].stays.startswith(why)


def test_the_split_converts_computes_and_keeps_what_staying_python_uses(tmp_path: Path) -> None:
    addon = _addon(tmp_path, FIELDS)
    data = split_fields(analyze(addon), Schema(load_catalogue("18.0")), "18.0", set(), [])
    assert set(data.moving) == {("sale.order", n) for n in ("x_rank", "lane", "dock_id", "boxes", "box_label")}
    # the button that stays reads carrier_ref; the staying compute reads it too
    assert data.staying[("sale.order", "carrier_ref")][1].startswith("Python that stays uses it")
    assert data.computes[("sale.order", "box_label")].strip() == (
        "for order in self:\n    order['x_box_label'] = '%s boxes' % order.x_boxes")
    assert data.new_name(("sale.order", "x_rank")) == "x_rank"  # already x_: kept


def test_a_name_moved_code_shares_with_other_models_fields_stays(tmp_path: Path) -> None:
    addon = _addon(tmp_path, FIELDS)
    data = split_fields(analyze(addon), Schema(load_catalogue("18.0")), "18.0", set(), ["records.write({'boxes': 1})\n"])
    assert ("sale.order", "boxes") in data.moving  # no other model has a field named boxes
    data = split_fields(analyze(addon), Schema(load_catalogue("18.0")), "18.0", set(), ["x = records.lane\n"])
    assert ("sale.order", "lane") in data.moving
    body = FIELDS.replace("lane = fields.Selection", "priority = fields.Selection")
    data = split_fields(analyze(_addon(tmp_path / "b", body)), Schema(load_catalogue("18.0")), "18.0", set(),
                        ["x = records.priority\n"])
    assert "other models have a field" in data.staying[("sale.order", "priority")][1]


def test_code_renames_fields_where_a_field_name_goes_and_models_anywhere() -> None:
    code = ("for rec in records:\n"
            "    if rec.lane == 'lane' and 'lane' in vals:\n"
            "        rec.write({'lane': 'b', 'note': 'lane'})\n"
            "    env['x.visit'].search([('lane', '=', 'lane'), ('dock_id.lane', '!=', False)]).mapped('lane')\n")
    assert rename_code(code, {"lane": "x_lane"}, {"x.visit": "x_x_visit"}) == (
        "for rec in records:\n"
        "    if rec.x_lane == 'lane' and 'x_lane' in vals:\n"
        "        rec.write({'x_lane': 'b', 'note': 'lane'})\n"
        "    env['x_x_visit'].search([('x_lane', '=', 'lane'), ('dock_id.x_lane', '!=', False)]).mapped('x_lane')\n")


def test_view_expressions_rename_the_view_model_s_fields_only() -> None:
    conversion = convert_addon(discover([str(CORPUS / "nordlys_fleet_service_log")], series="18.0")[0], "18.0",
                               fields="data")
    ui = UiRecords(analyze(conversion.addon), conversion.data.fields, load_catalogue("18.0"), "18.0")
    model = "nordlys.fleet.service.log"
    assert ui.expression("kind != 'repair' and not note", model) == "x_kind != 'repair' and not x_note"
    assert ui.expression("[('vehicle_id.company_id', '=', 1), ('kind', '=', 'kind')]", model) == \
        "[('x_vehicle_id.company_id', '=', 1), ('x_kind', '=', 'kind')]"
    assert ui.expression("{'default_kind': 'repair', 'group_by': 'date'}", model) == \
        "{'default_x_kind': 'repair', 'group_by': 'x_date'}"
    assert ui.expression("kind", "res.partner") == "kind"


def _pg_copy_run(conn, code: str) -> None:
    """The generated copy action, run by the action sandbox on a real PostgreSQL cursor."""
    with conn.cursor() as cursor:
        run_action_code(code, {"env": SimpleNamespace(cr=cursor)}, "16.0")


def test_the_copy_moves_values_and_rows_and_survives_the_old_columns(replay_conn) -> None:
    conversion = convert_addon(discover([str(CORPUS / "lumen_crm_visit")], series="16.0")[0], "16.0", fields="data")
    custom = CustomRecords(analyze(conversion.addon), conversion.data.fields, load_catalogue("16.0"), conversion.depends)
    code = custom.copy_code()
    conn = replay_conn
    # the tables as Odoo has them with the addon installed and the data module's fields added
    conn.execute("""
        CREATE TABLE crm_lead (id serial PRIMARY KEY, name varchar, visit_count integer, hot_lead boolean,
                               x_visit_count integer, x_hot_lead boolean);
        CREATE TABLE lumen_crm_visit (id serial PRIMARY KEY, name varchar, lead_id integer, visit_date date,
                                      outcome varchar, duration float8, create_uid integer, create_date timestamp,
                                      write_uid integer, write_date timestamp);
        CREATE TABLE x_lumen_crm_visit (id serial PRIMARY KEY, x_name varchar, x_lead_id integer, x_visit_date date,
                                        x_outcome varchar, x_duration float8, create_uid integer,
                                        create_date timestamp, write_uid integer, write_date timestamp);
        INSERT INTO crm_lead (id, name, visit_count, hot_lead) VALUES (1, 'Big deal', 2, true), (2, 'Other', 0, false);
        INSERT INTO lumen_crm_visit (id, name, lead_id, visit_date, outcome, duration)
            VALUES (7, 'First', 1, '2024-03-01', 'positive', 1.5), (9, 'Second', 1, '2024-04-01', 'neutral', 0.5);
    """)
    _pg_copy_run(conn, code)
    # the addon uninstalled: its columns and table go
    conn.execute("ALTER TABLE crm_lead DROP COLUMN visit_count, DROP COLUMN hot_lead; DROP TABLE lumen_crm_visit")
    assert conn.execute("SELECT id, x_visit_count, x_hot_lead FROM crm_lead ORDER BY id").fetchall() == [
        (1, 2, True), (2, 0, False)]
    assert conn.execute("SELECT id, x_name, x_lead_id, x_outcome, x_duration FROM x_lumen_crm_visit ORDER BY id"
                        ).fetchall() == [(7, "First", 1, "positive", 1.5), (9, "Second", 1, "neutral", 0.5)]
    # the same ids, and new rows after them
    assert conn.execute("INSERT INTO x_lumen_crm_visit (x_name) VALUES ('New') RETURNING id").fetchone() == (10,)
    # installed where the addon never was: the old columns are absent, nothing to copy
    _pg_copy_run(conn, code)
    conn.rollback()


def test_the_residual_drops_what_became_records(tmp_path: Path) -> None:
    conversion = convert_addon(discover([str(CORPUS / "lumen_project_budget")], series="17.0")[0], "17.0",
                               fields="data")
    write_residual(conversion, tmp_path)
    residual = tmp_path / "lumen_project_budget"
    # the expense model and the project fields its views show stay; the rule's method is gone
    project = (residual / "models" / "project_project.py").read_text()
    assert "def write" not in project and "budget_state = fields.Selection" in project
    assert "class LumenProjectExpense" in (residual / "models" / "project_expense.py").read_text()
    conversion = convert_addon(discover([str(CORPUS / "orchid_hr_badge")], series="19.0")[0], "19.0", fields="data")
    write_residual(conversion, tmp_path)
    residual = tmp_path / "orchid_hr_badge"
    assert "class" not in (residual / "models" / "hr_badge.py").read_text()
    assert "badge_ids" not in (residual / "models" / "hr_employee.py").read_text()
    assert "orchid_hr_badge_view_list" not in (residual / "views" / "hr_badge_views.xml").read_text()
    assert (residual / "security" / "ir.model.access.csv").read_text().strip().count("\n") == 0


def test_the_command_line_takes_fields_data_and_refuses_other_values(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["convert", str(CORPUS / "orchid_hr_badge"), "--series", "19.0", "--fields", "data",
                                 "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "orchid_hr_badge_actions" / "data" / "custom_fields.xml").is_file()
    result = runner.invoke(app, ["convert", str(CORPUS / "orchid_hr_badge"), "--series", "19.0", "--fields", "models",
                                 "--output", str(tmp_path)])
    assert result.exit_code == 2 and "unknown --fields 'models'" in result.output
