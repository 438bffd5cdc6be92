"""Loading generated data modules (tests/golden) into the replay runtime and running them."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrator.pg import Harness
from migrator.runtime.action_sandbox import ReplayUnsupported
from migrator.runtime.actions import (
    action_models,
    install_actions,
    run_due_crons,
    run_time_rules,
)
from migrator.runtime.clock import Clock
from migrator.runtime.data_loader import DataLoadError, load_data_module
from migrator.runtime.environment import Environment
from migrator.runtime.errors import NotInstallable
from migrator.runtime.mail import install_mail, mail_models
from migrator.runtime.registry import Registry

GOLDEN = Path(__file__).parent / "golden"
START = datetime.datetime(2025, 3, 3, 9, 0)
MODELS = ["sale.order", "crm.lead", "crm.stage", "crm.team", "purchase.order"]


def make_registry(conn: object, series: str) -> Registry:
    registry = Registry(series, clock=Clock(START))
    install_mail(registry)
    install_actions(registry)
    registry.install(conn, extra_models=[*mail_models(registry), *action_models(registry), *MODELS])
    return registry


@pytest.fixture(scope="module")
def registry(replay_conn) -> Iterator[Registry]:
    yield make_registry(replay_conn, "18.0")


def load(env: Environment, name: str, series: str = "18.0") -> dict:
    return load_data_module(GOLDEN / series / f"{name}_actions", env)


def customer(env: Environment) -> object:
    return env["res.partner"].create({"name": "Ann", "email": "ann@example.com"})


def test_object_write_rule(env: Environment) -> None:
    loaded = load(env, "tecnova_sale_cancel_reset")
    rule = loaded["tecnova_sale_cancel_reset_actions.rule_sale_order_write"]
    assert rule.trigger == "on_write" and rule.model_id == env.ref("sale.model_sale_order")
    assert rule.trigger_field_ids == env.ref("sale.field_sale_order__state")
    assert rule.action_server_ids.update_path == "commitment_date"
    assert env.ref("tecnova_sale_cancel_reset_actions.action_sale_order_write_1").model_name == "sale.order"
    order = env["sale.order"].create({"partner_id": customer(env).id, "commitment_date": START})
    order.write({"state": "sent"})
    assert order.commitment_date == START
    order.write({"state": "cancel"})
    assert order.commitment_date is False


def test_next_activity_rule(env: Environment) -> None:
    load(env, "acme_crm_won_kickoff_activity")
    won = env["crm.stage"].create({"name": "Won"})
    sam = env["res.users"].create({"name": "Sam", "login": "sam", "email": "sam@example.com"})
    lead = env["crm.lead"].create({"name": "Deal", "user_id": sam.id, "probability": 100})
    lead.write({"probability": 100})
    assert not lead.activity_ids  # the stage did not change
    lead.write({"stage_id": won.id})
    activity = lead.activity_ids
    assert activity.activity_type_id == env.ref("mail.mail_activity_data_call")
    assert (activity.user_id, activity.date_deadline) == (sam, START.date() + datetime.timedelta(days=3))
    assert activity.summary == "Kick-off call with the customer"


def test_followers_rule(env: Environment) -> None:
    load(env, "nordlys_purchase_admin_follow")
    values = {"partner_id": customer(env).id, "picking_type_id": env["stock.picking.type"].create(
        {"name": "Receipts", "code": "incoming", "sequence_code": "IN", "company_id": env.company.id}).id}
    buyer = env["res.users"].create({"name": "Buyer", "login": "buyer", "email": "buyer@example.com"})
    normal = env["purchase.order"].with_user(buyer).create(values)
    urgent = env["purchase.order"].with_user(buyer).create({**values, "priority": "1"})
    assert normal.message_follower_ids.mapped("partner_id") == buyer.partner_id  # its creator
    assert urgent.message_follower_ids.mapped("partner_id") == buyer.partner_id | env.ref("base.partner_admin")


def test_cron_module(env: Environment) -> None:
    team = env["crm.team"].create({"name": "Sales", "alias_model_id": env.ref("crm.model_crm_lead").id})
    env["ir.model.data"].create({"module": "sales_team", "name": "team_sales_department",
                                 "model": "crm.team", "res_id": team.id})
    loaded = load(env, "brightway_crm_lead_assign_cron")
    cron = loaded["brightway_crm_lead_assign_cron_actions.cron_crm_lead_cron_assign_orphan_leads"]
    assert (cron.user_id, cron.interval_type, cron.ir_actions_server_id.usage) == (
        env.ref("base.user_root"), "hours", "ir_cron")
    lead = env["crm.lead"].create({"name": "Web", "type": "lead", "user_id": False})  # no salesperson: no team
    assert run_due_crons(env) == [cron]
    assert lead.team_id == team
    assert env["ir.logging"].search([]).message == "Assigned 1 orphan leads to Sales"
    assert cron.nextcall == START + datetime.timedelta(hours=1)


def test_time_rule_module(env: Environment) -> None:
    load(env, "tecnova_crm_closing_reminder")
    lead = env["crm.lead"].create({"name": "Deal", "date_deadline": datetime.date(2025, 3, 5)})
    run_time_rules(env)
    assert not lead.activity_ids  # acts one day before: from 4 March
    env.clock.set(datetime.datetime(2025, 3, 4, 8, 0))
    run_time_rules(env)
    run_time_rules(env)
    assert len(lead.activity_ids) == 1
    assert lead.activity_ids.summary == "Expected closing is tomorrow"


def test_template_with_format_helper_renders_the_amount(env: Environment) -> None:
    load(env, "acme_sale_auto_confirm_mail")
    order = env["sale.order"].create({"partner_id": customer(env).id, "amount_total": 1234.5})
    order.write({"state": "sale"})
    [message] = order.message_ids.filtered(lambda m: m.subtype_id == env.ref("mail.mt_comment"))
    assert "for a total of $&nbsp;1,234.50." in message.body  # stored as Odoo sanitizes it


def test_16_delegated_rule_with_fields_lines(pg_dsn: str) -> None:
    with Harness(pg_dsn) as harness:
        conn = harness.connect(harness.create_database())
        env = make_registry(conn, "16.0").environment()
        loaded = load(env, "tecnova_sale_cancel_reset", "16.0")
        rule = loaded["tecnova_sale_cancel_reset_actions.rule_sale_order_write"]
        assert rule.action_server_ids.fields_lines.col1 == env.ref("sale.field_sale_order__commitment_date")
        order = env["sale.order"].create({"partner_id": customer(env).id, "commitment_date": START})
        order.write({"state": "cancel"})
        assert order.commitment_date is False
        team = env["crm.team"].create({"name": "Sales", "alias_model_id": env.ref("crm.model_crm_lead").id})
        env["ir.model.data"].create({"module": "sales_team", "name": "team_sales_department",
                                     "model": "crm.team", "res_id": team.id})
        cron = load(env, "brightway_crm_lead_assign_cron", "16.0")[
            "brightway_crm_lead_assign_cron_actions.cron_crm_lead_cron_assign_orphan_leads"]
        assert (cron.numbercall, cron.doall) == (-1, False)
        assert run_due_crons(env) == [cron] and cron.numbercall == -1 and cron.active
        conn.close()


def write_module(root: Path, record: str) -> Path:
    module = root / "broken_actions"
    (module / "data").mkdir(parents=True)
    (module / "__manifest__.py").write_text("{'name': 'b', 'data': ['data/a.xml']}")
    (module / "data" / "a.xml").write_text(f"<odoo>{record}</odoo>")
    return module


@pytest.mark.parametrize(("record", "message"), [
    ('<record id="a" model="ir.actions.server"><field name="nope">1</field></record>',
     "record broken_actions.a: model ir.actions.server has no field 'nope'"),
    ('<record id="a" model="ir.actions.server"><field name="model_id" ref="sale.nope"/></record>',
     "External ID not found: sale.nope"),
    ('<function model="x" name="y"/>', "<function> of an unknown model x"),
])
def test_load_errors_name_the_record(env: Environment, tmp_path: Path, record: str, message: str) -> None:
    with pytest.raises(DataLoadError, match=message):
        load_data_module(write_module(tmp_path, record), env)


def test_a_data_module_of_another_series_is_refused(env: Environment) -> None:
    """The 19.0 golden module carries version 19.0.1.0.0: Odoo 18.0 would not install it."""
    with pytest.raises(NotInstallable, match="belongs to 19.0"):
        load(env, "tecnova_sale_cancel_reset", "19.0")
    assert not env["base.automation"].search([])


CORPUS = Path(__file__).parent.parent / "corpus"
TEMPLATE = "acme_sale_auto_confirm_mail.mail_template_order_confirmed"
CARRIED = "acme_sale_auto_confirm_mail_actions.mail_template_order_confirmed"


def test_carried_records_of_an_installed_addon_are_taken_over(env: Environment) -> None:
    """The data module's adopt_records.xml gives the addon's template its own xml id first: the
    record is updated, not made a second time, as Odoo does for an xml id that exists."""
    from migrator.runtime.data_loader import load_records

    load_records(CORPUS / "acme_sale_auto_confirm_mail", env, lambda node: node.get("model") == "mail.template")
    original = env.ref(TEMPLATE)
    load(env, "acme_sale_auto_confirm_mail")
    assert env.ref(CARRIED) == original
    assert env["mail.template"].search_count([("name", "=", original.name)]) == 1


def test_carried_records_are_created_where_the_addon_never_was(env: Environment) -> None:
    load(env, "acme_sale_auto_confirm_mail")
    assert env.ref(TEMPLATE, raise_if_not_found=False) is None
    assert env["mail.template"].search_count([("name", "=", env.ref(CARRIED).name)]) == 1
