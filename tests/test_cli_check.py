"""`migrator check` on the command line: findings with file:line, exit codes."""

from pathlib import Path

from typer.testing import CliRunner

from migrator.cli import app

runner = CliRunner()

RECORD = """<odoo>
  <record id="action_note" model="ir.actions.server">
    <field name="name">Set note</field>
    <field name="model_id" ref="sale.model_sale_order"/>
    <field name="state">code</field>
{extra}    <field name="code">records.write({{'note': 'checked'}})</field>
  </record>
</odoo>
"""


def module(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "acme_actions"
    (path / "data").mkdir(parents=True)
    (path / "__manifest__.py").write_text(
        "{'name': 'Acme actions', 'version': '18.0.1.0.0', 'depends': ['sale'], 'data': ['data/actions.xml']}")
    (path / "data" / "actions.xml").write_text(RECORD.format(extra=extra))
    return path


def test_valid_module_exits_zero(tmp_path):
    result = runner.invoke(app, ["check", str(module(tmp_path)), "--series", "18.0"])
    assert result.exit_code == 0, result.output


def test_field_unknown_to_series_is_reported_with_line(tmp_path):
    path = module(tmp_path, '    <field name="numbercall">-1</field>\n')
    result = runner.invoke(app, ["check", str(path), "--series", "18.0"])
    assert result.exit_code == 1
    assert "acme_actions/data/actions.xml:6: field-unknown" in result.output


def test_bad_series_and_missing_module_are_usage_errors(tmp_path):
    assert runner.invoke(app, ["check", str(module(tmp_path)), "--series", "15.0"]).exit_code == 2
    assert runner.invoke(app, ["check", str(tmp_path / "nothing"), "--series", "18.0"]).exit_code == 2
