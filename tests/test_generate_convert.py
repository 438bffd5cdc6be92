"""convert: blocker paths, determinism, atomic output, residual module and the CLI's exit codes."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.audit import audit_addon
from migrator.cli import app
from migrator.discover import discover
from migrator.generate import convert_addon, write_module, write_residual

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
runner = CliRunner()


def _addon(path: Path, series: str = "18.0"):
    (addon,) = discover([str(path)], series=series)
    return addon


def _write_addon(root: Path, body: str, name: str = "x_mod") -> Path:
    folder = root / name
    (folder / "models").mkdir(parents=True)
    (folder / "__manifest__.py").write_text(
        "{'name': 'X', 'version': '18.0.1.0.0', 'depends': ['sale'], 'data': []}\n")
    (folder / "__init__.py").write_text("from . import models\n")
    (folder / "models" / "__init__.py").write_text("from . import sale_order\n")
    (folder / "models" / "sale_order.py").write_text(textwrap.dedent(body))
    return folder


def test_a_body_that_cannot_be_transformed_gives_no_action_and_a_reason(tmp_path: Path) -> None:
    # `vals` read outside a loop over the records, in a test that is true when the field is not
    # written (so no filter can stand for it): the classifier calls it code, the rewrite refuses it
    addon = _write_addon(tmp_path, """
        from odoo import models


        class SaleOrder(models.Model):
            _inherit = 'sale.order'

            def write(self, vals):
                res = super().write(vals)
                if vals.get('state') != 'draft':
                    for order in self:
                        order.message_post(body='Confirmed %s' % order.name)
                return res
    """)
    conversion = convert_addon(_addon(addon), "18.0")
    assert conversion.files == {}
    assert conversion.moved == ()
    (item,) = conversion.not_converted
    assert item.method == "write"
    assert any(b.code == "uses-vals" for b in item.blockers)


def test_a_value_guard_around_the_body_becomes_the_rule_filter(tmp_path: Path) -> None:
    addon = _write_addon(tmp_path, """
        from odoo import models


        class SaleOrder(models.Model):
            _inherit = 'sale.order'

            def write(self, vals):
                res = super().write(vals)
                if vals.get('state') in ('sale', 'done'):
                    for order in self:
                        order.message_post(body='Confirmed %s' % order.name)
                return res
    """)
    conversion = convert_addon(_addon(addon), "18.0")
    ((plan, _),) = conversion.moved
    assert plan.condition == "[('state', 'in', ['sale', 'done'])]"
    assert plan.trigger_fields == ("state",)
    assert plan.code is not None and "vals" not in plan.code and not plan.code.startswith("if")
    rules = conversion.files["data/automation_rules.xml"]
    assert "<field name=\"filter_domain\">[('state', 'in', ['sale', 'done'])]</field>" in rules
    assert "The test `vals.get('state') in ('sale', 'done')` (line 10) is now that filter" in conversion.files["CONVERSION.md"]


@pytest.mark.parametrize("test", [
    "vals.get('state') != 'draft'",  # true when state is not written
    "not vals.get('note')",  # idem
    "vals.get('state') == 'sale' and vals.get('user_id')",  # two fields: either may be unwritten
    "'state' in vals or vals.get('note') == 'x'",
])
def test_guards_no_filter_can_stand_for_are_not_dropped(tmp_path: Path, test: str) -> None:
    addon = _write_addon(tmp_path, f"""
        from odoo import models


        class SaleOrder(models.Model):
            _inherit = 'sale.order'

            def write(self, vals):
                res = super().write(vals)
                if {test}:
                    for order in self:
                        order.message_post(body='Changed')
                return res
    """)
    conversion = convert_addon(_addon(addon), "18.0")
    assert all(plan.condition is None for plan, _ in conversion.moved)
    assert any(b.code == "uses-vals" for n in conversion.not_converted for b in n.blockers)


def test_a_guard_reading_the_records_stays_code_under_its_one_trigger_field(tmp_path: Path) -> None:
    """`vals.get('state') == 'sale' and self.user_id`: no domain (it reads the records), but the
    test holds only where state was written, the rule's one trigger field: code reading the
    written value on the record the rule runs for."""
    addon = _write_addon(tmp_path, """
        from odoo import models


        class SaleOrder(models.Model):
            _inherit = 'sale.order'

            def write(self, vals):
                res = super().write(vals)
                if vals.get('state') == 'sale' and self.user_id:
                    for order in self:
                        order.message_post(body='Changed')
                return res
    """)
    conversion = convert_addon(_addon(addon), "18.0")
    [(plan, _)] = conversion.moved
    assert (plan.trigger_fields, plan.condition) == (("state",), None)
    assert plan.code.splitlines()[0] == "if records.state == 'sale' and records.user_id:"
    assert "reads the written `state` on the record the rule runs for" in conversion.files["CONVERSION.md"]


def test_a_blocked_unit_is_listed_with_the_audit_blocker(tmp_path: Path) -> None:
    addon = _write_addon(tmp_path, """
        from odoo import models


        class SaleOrder(models.Model):
            _inherit = 'sale.order'

            def write(self, vals):
                res = super().write(vals)
                if self.env.context.get('x'):
                    self.message_post(body='x')
                return res
    """)
    conversion = convert_addon(_addon(addon), "18.0")
    assert conversion.files == {}
    assert [b.code for n in conversion.not_converted for b in n.blockers] == ["context-dependent"]


def test_output_is_byte_identical_across_runs() -> None:
    addon = _addon(CORPUS / "acme_sale_auto_confirm_mail", "19.0")
    assert convert_addon(addon, "19.0").files == convert_addon(addon, "19.0").files


def test_a_module_with_findings_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conversion = convert_addon(_addon(CORPUS / "acme_sale_auto_confirm_mail", "18.0"), "18.0")
    broken = dict(conversion.files)
    broken["data/automation_rules.xml"] = broken["data/automation_rules.xml"].replace("on_write", "on_nothing")
    findings = write_module(type(conversion)(**{**conversion.__dict__, "files": broken}), tmp_path)
    assert [f.code for f in findings] == ["field-value"]
    assert list(tmp_path.iterdir()) == []  # no module, no temporary folder left


def test_write_replaces_an_earlier_module_whole(tmp_path: Path) -> None:
    conversion = convert_addon(_addon(CORPUS / "acme_sale_auto_confirm_mail", "18.0"), "18.0")
    stale = tmp_path / conversion.name / "data" / "stale.xml"
    stale.parent.mkdir(parents=True)
    stale.write_text("<odoo/>")
    assert write_module(conversion, tmp_path) == []
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [conversion.name]


def test_residual_drops_the_moved_method_and_its_cron(tmp_path: Path) -> None:
    conversion = convert_addon(_addon(CORPUS / "tecnova_crm_closing_reminder", "18.0"), "18.0")
    assert write_residual(conversion, tmp_path) == []
    model = (tmp_path / "tecnova_crm_closing_reminder" / "models" / "crm_lead.py").read_text()
    assert "_cron_closing_reminder" not in model
    assert "_check_expected_revenue" in model  # the constraint stays
    assert "ir_cron_closing_reminder" not in (tmp_path / "tecnova_crm_closing_reminder" / "data" / "ir_cron.xml").read_text()


# ------------------------------------------------------------------------- CLI

def test_cli_success(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(CORPUS / "acme_sale_auto_confirm_mail"), "--series", "17.0",
                                 "--output", str(tmp_path), "--name", "acme_mail_rules"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "acme_mail_rules" / "__manifest__.py").is_file()


def test_cli_units_not_converted_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(CORPUS / "brightway_sale_confirm_notice"), "--series", "18.0",
                                 "--output", str(tmp_path)])
    assert result.exit_code == 1
    assert "sale.order.action_confirm not converted: overrides-button" in result.stderr
    assert (tmp_path / "brightway_sale_confirm_notice_actions").is_dir()  # the rest is written


def test_cli_json_says_per_unit_converted_why_not_and_records(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(CORPUS / "brightway_sale_confirm_notice"), "--series", "18.0",
                                 "--output", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    (doc,) = json.loads(result.stdout)["conversions"]
    assert doc["written"] == str(tmp_path / "brightway_sale_confirm_notice_actions")
    converted = [u for u in doc["units"] if u["converted"]]
    blocked = [u for u in doc["units"] if not u["converted"]]
    assert converted and blocked
    xml = "".join(p.read_text() for p in (tmp_path / "brightway_sale_confirm_notice_actions" / "data").glob("*.xml"))
    for unit in converted:
        assert unit["records"] and not unit["blockers"]
        assert all(f'id="{x}"' in xml for x in unit["records"])
    for unit in blocked:
        assert unit["records"] == [] and unit["action"] is None
        assert [b["code"] for b in unit["blockers"]] == ["overrides-button"]
    # the audit says the same of every unit
    audit = {(u.method, u.kind): u.convertible for u in audit_addon(discover([str(CORPUS / "brightway_sale_confirm_notice")])[0]).units}
    assert {(u["method"], u["kind"]): u["converted"] for u in doc["units"]} == {k: v != "no" for k, v in audit.items()}


@pytest.mark.parametrize("args", [
    ["--series", "15.0"],
    ["--series", "18.0", "--name", "a"],  # --name with several addons
])
def test_cli_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["convert", str(CORPUS / "acme_sale_auto_confirm_mail"),
                                 str(CORPUS / "nordlys_lead_unlink_notify"), "--output", str(tmp_path), *args])
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_cli_missing_path_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(tmp_path / "nope"), "--series", "18.0", "--output", str(tmp_path)])
    assert result.exit_code == 2


def test_cli_output_inside_the_addon_exit_2(tmp_path: Path) -> None:
    addon = tmp_path / "acme_sale_auto_confirm_mail"
    shutil.copytree(CORPUS / addon.name, addon)
    result = runner.invoke(app, ["convert", str(addon), "--series", "18.0", "--output", str(addon / "out")])
    assert result.exit_code == 2
    assert not (addon / "out").exists()


def test_a_written_many2one_the_module_declares_reads_as_the_record_id(tmp_path: Path) -> None:
    # the field's type comes from the module's own declaration: the catalogue does not know it
    addon = _write_addon(tmp_path, """
        from odoo import fields, models


        class SaleOrder(models.Model):
            _inherit = 'sale.order'

            x_reviewer_id = fields.Many2one('res.users')

            def write(self, vals):
                res = super().write(vals)
                for order in self:
                    if 'x_reviewer_id' in vals and vals['x_reviewer_id'] == self.env.uid:
                        order.message_post(body='Yours to review')
                return res
    """)
    conversion = convert_addon(_addon(addon), "18.0")
    ((plan, _),) = conversion.moved
    assert plan.code == (
        "for order in records:\n"
        "    if order.x_reviewer_id.id == env.uid:\n"
        "        order.message_post(body='Yours to review')\n"
    )
    assert plan.trigger_fields == ("x_reviewer_id",)
