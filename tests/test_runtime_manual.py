"""Custom models and fields made from a data module's ir.model / ir.model.fields / ir.default
records (runtime/manual.py), as Odoo's ir_model.py makes them."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.runtime.action_sandbox import SandboxViolation
from migrator.runtime.actions import action_models, install_actions
from migrator.runtime.clock import Clock
from migrator.runtime.data_loader import DataLoadError, load_data_module
from migrator.runtime.environment import Environment
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.mail import install_mail, mail_models
from migrator.runtime.manual import TABLE_MODELS
from migrator.runtime.registry import Registry

START = datetime.datetime(2025, 3, 3, 9, 0)


def field(name: str, model: str, ttype: str, *extra: str) -> str:
    return (f'<record id="field_{name}" model="ir.model.fields"><field name="name">{name}</field>'
            f'<field name="model_id" ref="{model}"/><field name="field_description">{name}</field>'
            f'<field name="ttype">{ttype}</field><field name="state">manual</field>{"".join(extra)}</record>')


MODEL = ('<record id="model_x_visit" model="ir.model"><field name="name">Visit</field>'
         '<field name="model">x_visit</field><field name="state">manual</field>'
         '<field name="field_id" eval="[]"/><field name="is_mail_thread" eval="True"/></record>')
FIELDS = [
    field("x_name", "model_x_visit", "char", '<field name="required" eval="True"/>'),
    field("x_note", "model_x_visit", "text"),
    field("x_body", "model_x_visit", "html"),
    field("x_hours", "model_x_visit", "float"),
    field("x_rate", "model_x_visit", "integer"),
    field("x_currency_id", "model_x_visit", "many2one", '<field name="relation">res.currency</field>'),
    field("x_fee", "model_x_visit", "monetary", '<field name="currency_field">x_currency_id</field>'),
    field("x_done", "model_x_visit", "boolean"),
    field("x_day", "model_x_visit", "date"),
    field("x_at", "model_x_visit", "datetime"),
    field("x_kind", "model_x_visit", "selection",
          """<field name="selection_ids" eval="[(0, 0, {'value': 'b', 'name': 'B', 'sequence': 2}),
             (0, 0, {'value': 'a', 'name': 'A', 'sequence': 1})]"/>"""),
    field("x_partner_id", "model_x_visit", "many2one", '<field name="relation">res.partner</field>',
          '<field name="on_delete">cascade</field>'),
    field("x_guest_ids", "model_x_visit", "many2many", '<field name="relation">res.partner</field>'),
    field("x_total", "model_x_visit", "float", '<field name="store" eval="True"/>',
          '<field name="depends">x_hours, x_rate</field>',
          "<field name=\"compute\">for v in self:\n    v['x_total'] = v.x_hours * v.x_rate</field>"),
    field("x_due", "model_x_visit", "date", '<field name="store" eval="True"/>',
          '<field name="depends">x_day</field>',
          "<field name=\"compute\">for v in self:\n"
          "    v['x_due'] = v.x_day and v.x_day + datetime.timedelta(days=7)</field>"),
    field("x_partner_name", "model_x_visit", "char", '<field name="related">x_partner_id.name</field>',
          '<field name="store" eval="False"/>'),
    field("x_visit_ids", "base.model_res_partner", "one2many", '<field name="relation">x_visit</field>',
          '<field name="relation_field">x_partner_id</field>'),
    field("x_visit_count", "base.model_res_partner", "integer", '<field name="store" eval="True"/>',
          '<field name="depends">x_visit_ids</field>',
          "<field name=\"compute\">for p in self:\n    p['x_visit_count'] = len(p.x_visit_ids)</field>"),
    field("x_vip", "base.model_res_partner", "boolean"),
]
DEFAULTS = ('<record id="default_kind" model="ir.default"><field name="field_id" ref="field_x_kind"/>'
            '<field name="json_value">"b"</field></record>'
            '<record id="default_vip" model="ir.default"><field name="field_id" ref="field_x_vip"/>'
            '<field name="json_value">true</field></record>')
ORDER = """<function model="ir.model" name="write" eval="[[ref('model_x_visit')], {'order': 'x_day desc, id'}]"/>"""


def write_module(root: Path, records: str, name: str = "custom_data") -> Path:
    module = root / name
    (module / "data").mkdir(parents=True)
    (module / "__manifest__.py").write_text(f"{{'name': '{name}', 'version': '18.0.1.0.0', 'data': ['data/a.xml']}}")
    (module / "data" / "a.xml").write_text(f"<odoo>{records}</odoo>")
    return module


def new_registry(conn: object) -> Registry:
    registry = Registry("18.0", clock=Clock(START))
    install_mail(registry)
    install_actions(registry)
    registry.install(conn, extra_models=[*mail_models(registry), *action_models(registry), *TABLE_MODELS])
    return registry


@pytest.fixture(scope="module")
def registry(replay_conn, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    registry = new_registry(replay_conn)
    module = write_module(tmp_path_factory.mktemp("manual"), MODEL + "".join(FIELDS) + DEFAULTS + ORDER)
    load_data_module(module, registry.environment())
    replay_conn.commit()
    yield registry


def test_the_custom_model_and_its_fields(env: Environment) -> None:
    visit = env["x_visit"]
    assert visit._description == "Visit" and visit._order == "x_day desc, id"  # the <function> wrote it
    types = {name: f.type for name, f in visit._fields.items() if name.startswith("x_")}
    assert types == {"x_name": "char", "x_note": "text", "x_body": "html", "x_hours": "float", "x_rate": "integer",
                     "x_currency_id": "many2one", "x_fee": "monetary", "x_done": "boolean", "x_day": "date",
                     "x_at": "datetime", "x_kind": "selection", "x_partner_id": "many2one",
                     "x_guest_ids": "many2many", "x_total": "float", "x_due": "date", "x_partner_name": "char"}
    assert "message_ids" in visit._fields  # is_mail_thread: mail.thread is a parent
    assert visit._fields["x_kind"].selection_pairs() == [["a", "A"], ["b", "B"]]  # by sequence
    assert visit._fields["x_guest_ids"].args["relation"] == "x_res_partner_x_visit_rel"  # Odoo's custom name
    assert visit._fields["x_guest_ids"].args["column1"] == "x_visit_id"
    assert visit._fields["x_fee"].args["currency_field"] == "x_currency_id"


def test_values_defaults_and_computes(env: Environment) -> None:
    ann = env["res.partner"].create({"name": "Ann"})
    assert ann.x_vip is True  # ir.default
    visit = env["x_visit"].create({"x_name": "V", "x_partner_id": ann.id, "x_hours": 1.5, "x_rate": 4,
                                   "x_day": "2025-03-01", "x_guest_ids": [(6, 0, [ann.id])], "x_fee": 12.5,
                                   "x_at": START, "x_body": "<p>x</p>"})
    assert visit.x_kind == "b"  # ir.default
    assert visit.x_total == 6.0 and visit.x_due == datetime.date(2025, 3, 8)
    assert visit.x_partner_name == "Ann" and visit.x_guest_ids == ann and visit.x_fee == 12.5
    assert ann.x_visit_ids == visit and ann.x_visit_count == 1
    visit.write({"x_rate": 2})
    assert visit.x_total == 3.0
    env["x_visit"].create({"x_name": "W", "x_partner_id": ann.id, "x_day": "2025-03-05"})
    assert ann.x_visit_count == 2
    assert env["x_visit"].search([("x_partner_id", "=", ann.id)]).mapped("x_name") == ["W", "V"]  # x_day desc
    ann.unlink()
    assert not env["x_visit"].search([])  # on_delete cascade


def test_required_custom_field(env: Environment) -> None:
    with pytest.raises(Exception, match="x_name"):
        with env.cr.savepoint():
            env["x_visit"].create({"x_partner_id": env.user.partner_id.id})


def test_a_type_the_runtime_lacks_is_refused_by_name(harness, tmp_path: Path) -> None:
    conn = harness.connect(harness.create_database())
    registry = new_registry(conn)
    module = write_module(tmp_path, field("x_file", "base.model_res_partner", "binary"))
    with pytest.raises(RuntimeMissing, match=r"a custom field of type binary \(res.partner.x_file\)"):
        load_data_module(module, registry.environment())
    conn.close()


def test_compute_code_runs_in_the_sandbox(harness, tmp_path: Path) -> None:
    """Odoo's make_compute runs the code under safe_eval: an import is refused there."""
    conn = harness.connect(harness.create_database())
    registry = new_registry(conn)
    module = write_module(tmp_path, field(
        "x_bad", "base.model_res_partner", "integer", '<field name="depends">name</field>',
        '<field name="store" eval="True"/>', "<field name=\"compute\">import os\nfor p in self:\n    p['x_bad'] = 1</field>"))
    load_data_module(module, registry.environment())
    with pytest.raises(SandboxViolation, match="import"):
        registry.environment()["res.partner"].create({"name": "Ann"})
    conn.close()


def test_function_needs_the_records(harness, tmp_path: Path) -> None:
    conn = harness.connect(harness.create_database())
    registry = new_registry(conn)
    with pytest.raises(RuntimeMissing, match="without the ids"):
        load_data_module(write_module(tmp_path, '<function model="res.partner" name="write"/>'), registry.environment())
    with pytest.raises(DataLoadError, match="unknown model"):
        load_data_module(write_module(tmp_path, '<function model="x_none" name="write"/>', "other"),
                         registry.environment())
    conn.close()
