"""The scenario format, scenario generation from units, and the runtime pieces replays use."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from migrator.discover import discover
from migrator.errors import UsageError
from migrator.generate import convert_addon
from migrator.pg import Harness
from migrator.runtime.action_sandbox import build_eval_context, run_action_code
from migrator.runtime.clock import Clock
from migrator.runtime.registry import Registry
from migrator.verify.generate import probes
from migrator.verify.runs import build_registry
from migrator.verify.scenario import Scenario, dump_scenario, load_scenarios, parse_scenario

CORPUS = Path(__file__).parent.parent / "corpus"
SCENARIOS = Path(__file__).parent / "scenarios"


def test_scenario_file_reads_and_dumps_back() -> None:
    scenario, quiet = load_scenarios(SCENARIOS / "brightway_crm_lead_assign_cron.yaml")
    assert quiet.name == "placed leads and opportunities keep their team"
    assert [r.ref for r in scenario.records] == ["sales", "other_team"]
    assert scenario.records[0].xmlid == "sales_team.team_sales_department"
    assert [s.op for s in scenario.steps] == ["create", "create", "create", "scheduler", "advance", "create",
                                               "run_cron"]
    assert scenario.steps[4].delta == {"hours": 1} and scenario.steps[6].method == "_cron_assign_orphan_leads"
    again = parse_scenario(__import__("yaml").safe_load(dump_scenario(scenario)), "again")
    assert again == scenario


@pytest.mark.parametrize(("data", "message"), [
    ({"steps": [{"create": "x"}]}, "create needs a model"),
    ({"steps": [{"advance": {"years": 1}}]}, "advance takes"),
    ({"steps": ["fly"]}, "one operation of"),
    ({"steps": [{"button": "x"}]}, "button needs a method"),
    ({"records": [{"ref": "a"}]}, "a record needs ref and model"),
    ({"steps": [{"create": "a", "model": "m"}, {"create": "a", "model": "m"}]}, "given twice"),
    ({"colour": 1}, "unknown key 'colour'"),
    ({"steps": [{"create": ["a", "b"], "model": "m", "values": [{}]}]}, "create of 2 records takes a list of 2"),
    ({"steps": [{"create": ["a", "a"], "model": "m"}]}, "a list of distinct records"),
    ({"steps": [{"create": ["a"], "model": "m"}, {"create": "a", "model": "m"}]}, "given twice"),
    ({"steps": [{"write": ["a", "b"], "method": "x"}]}, "unknown key 'method'"),
    ({"user": "sam", "records": [{"ref": "sam", "model": "res.partner"}]}, "names a starting record of res.users"),
])
def test_bad_scenarios_are_usage_errors(data: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_scenario(data, "s")


def test_a_scenario_acting_as_a_user_reads_and_dumps_back() -> None:
    scenario = parse_scenario({"name": "as Sam", "user": "sam", "records": [
        {"ref": "sam", "model": "res.users", "values": {"name": "Sam", "login": "sam"}}],
        "steps": [{"create": "po", "model": "purchase.order", "values": {"priority": "1"}}]}, "s")
    assert scenario.user == "sam"
    assert parse_scenario(__import__("yaml").safe_load(dump_scenario(scenario)), "again") == scenario


def generated(name: str, kind: str = "branch") -> list[Scenario]:
    """The module's generated scenarios of one kind, on the module's own series (18.0 if none)."""
    [addon] = discover([str(CORPUS / name)])
    series = addon.series or "18.0"
    conversion = convert_addon(addon, series)
    registry = build_registry(series, addon.name, Path(addon.path))
    return [s for p in probes([plan for plan, _ in conversion.moved], registry) for s in p.branches()
            if s.kind == kind]


def test_on_write_branches_start_elsewhere_write_the_trigger_then_another_field() -> None:
    inside, outside = generated("tecnova_sale_cancel_reset")
    create, write, other = inside.steps
    assert create.values["state"] != "cancel" and write.values == {"state": "cancel"}
    # another field than the one the module resets: writing that would hide what it wrote
    assert other.op == "write" and set(other.values) == {"name"}
    assert outside.steps[1].values["state"] != "cancel"


def test_a_field_the_module_sets_to_the_clock_starts_at_another_time_and_is_not_written_after() -> None:
    [inside] = [s for s in generated("vane_lead_stage_clock") if "inside" in s.name]
    create, write, other = inside.steps
    assert create.values["stage_moved_on"] not in (False, {"now": 0})  # `now` would be the module's value
    assert set(write.values) == {"stage_id"} and "stage_moved_on" not in other.values
    # where the logic must not act, the field it writes is the other field written (it would show)
    [elsewhere] = generated("vane_lead_stage_clock", "other operations")
    assert set(elsewhere.steps[1].values) == {"stage_moved_on"}


def test_a_test_against_the_default_of_an_empty_field_takes_both_ways() -> None:
    # `(rec.wren_code or '/') == '/'`: '/' or empty asks for a code, anything else is kept
    inside, outside = generated("wren_partner_code")
    assert "wren_code in ('/', '', False)" in inside.name
    assert inside.steps[0].values["wren_code"] == "/" and outside.steps[0].values["wren_code"] not in ("/", "", False)


def test_a_related_field_of_the_condition_is_given_on_the_record_it_reads() -> None:
    # picking_type_code is picking_type_id.code, not stored on the picking
    inside, outside = generated("brightway_picking_delivery_mail")[:2]
    codes = []
    for scenario in (inside, outside):
        create = scenario.steps[0]
        assert "picking_type_code" not in create.values
        [kind] = [r for r in scenario.records if f"@{r.ref}" == create.values["picking_type_id"]]
        codes.append(kind.values["code"])
    assert codes[0] == "outgoing" and codes[1] != "outgoing"


def test_a_default_that_must_agree_with_a_made_up_record_is_given_it() -> None:
    # Odoo 16.0 checks a product's two units of measure are of one category
    [product] = {r.ref: r for r in generated("orchid_stock_lot_check")[0].records if r.model == "product.product"}.values()
    assert product.values["uom_po_id"] == product.values["uom_id"]


def test_code_tests_and_read_paths_shape_the_records() -> None:
    [inside, outside] = generated("tecnova_purchase_urgent_activity")
    assert inside.steps[0].values["priority"] == "1" and outside.steps[0].values["priority"] != "1"
    [followers] = generated("brightway_lead_team_followers")
    team = next(r for r in followers.records if r.model == "crm.team")
    user = next(r for r in followers.records if r.model == "res.users")
    assert followers.steps[0].values["team_id"] == f"@{team.ref}" and team.values["user_id"] == f"@{user.ref}"


def test_time_rule_scenario_steps_the_clock_past_the_delay() -> None:
    inside = generated("tecnova_crm_closing_reminder")[0]
    ops = [s.op for s in inside.steps]
    assert ops[:2] == ["scheduler", "create"] and ops.count("advance") == 3
    assert inside.steps[1].values["date_deadline"] == {"today": 2}


def test_action_datetime_reads_the_replay_clock(harness: Harness) -> None:
    registry = Registry("18.0", clock=Clock(datetime.datetime(2030, 5, 6, 7, 8)))
    with harness.connect(harness.create_database()) as conn:
        registry.install(conn)
        env = registry.environment()
        context = build_eval_context(env, env["res.partner"], None, None, lambda *a: None, "18.0")
        names = run_action_code("d = datetime.date.today()\nn = datetime.datetime.now()", context, "18.0")
        assert (names["d"], names["n"]) == (datetime.date(2030, 5, 6), datetime.datetime(2030, 5, 6, 7, 8))
        assert env._("%s deleted", "Q1") == "Q1 deleted"
        other = Registry("18.0")
        other.attach(conn, registry.tables)
        assert other.environment().ref("base.user_admin").login == "admin"
        series_17 = Registry("17.0")
        series_17.attach(conn, registry.tables)
        with pytest.raises(AttributeError):  # env._ came with 18.0
            series_17.environment()._("x")


def test_several_records_in_one_call_read_and_dump_back() -> None:
    data = {"name": "batch", "steps": [
        {"create": ["a", "b"], "model": "crm.lead", "values": [{"name": "A"}, {"name": "B", "type": "lead"}]},
        {"write": ["a", "b"], "values": {"type": "opportunity"}},
        {"unlink": ["b"]}]}
    scenario = parse_scenario(data, "s")
    create, write, unlink = scenario.steps
    assert (create.refs, create.values_list) == (("a", "b"), ({"name": "A"}, {"name": "B", "type": "lead"}))
    assert (write.refs, write.values, unlink.refs) == (("a", "b"), {"type": "opportunity"}, ("b",))
    assert parse_scenario(__import__("yaml").safe_load(dump_scenario(scenario)), "again") == scenario


def test_generated_on_write_also_writes_the_value_the_record_has() -> None:
    [unchanged] = generated("tecnova_sale_cancel_reset", "unchanged value")
    create, write = unchanged.steps
    assert create.values["state"] == "cancel" and write.values == {"state": "cancel"}
    assert unchanged.unit == "sale.order.write (on_write)"
    # one per trigger field
    assert [s.steps[1].values for s in generated("acme_crm_won_kickoff_activity", "unchanged value")] == [
        {"stage_id": generated("acme_crm_won_kickoff_activity", "unchanged value")[0].steps[0].values["stage_id"]}]


def test_generated_batches_create_every_branch_in_one_call() -> None:
    [batch] = generated("nordlys_purchase_admin_follow", "batch")
    [create] = batch.steps
    assert create.refs == ("record_1", "record_2")
    assert [v["priority"] for v in create.values_list] == ["1", "0"]  # inside, outside
    [on_write] = generated("tecnova_sale_cancel_reset", "batch")
    create, write = on_write.steps
    # every record starts before the write's value, so each write changes it
    assert {v["state"] for v in create.values_list} == {"draft"} and write.refs == create.refs
    assert write.values == {"state": "cancel"}
    assert not generated("acme_employee_onboarding_button", "batch")  # a button is not a create or write
    # records of one call named apart: Odoo keeps some names unique (a picking's, per company)
    [pickings] = generated("brightway_picking_delivery_mail", "batch")
    assert [v["name"] for v in pickings.steps[0].values_list] == ["Picking 1", "Picking 2"]


@pytest.mark.parametrize(("name", "ops", "starting"), [
    ("acme_crm_web_leads_opportunity", ["write"], True),  # on create: the record made beforehand, then written
    ("brightway_sale_confirm_notice", ["create", "write"], False),  # on unlink: created and written only
    ("acme_employee_onboarding_button", ["create", "write"], False),  # a button: not pressed
])
def test_a_unit_without_condition_gets_a_scenario_where_it_must_not_act(name: str, ops: list[str],
                                                                         starting: bool) -> None:
    [other] = generated(name, "other operations")
    assert [s.op for s in other.steps] == ops
    assert any(r.ref == "record" for r in other.records) is starting
    assert not generated("nordlys_purchase_admin_follow", "other operations")  # its outside branch does it


def test_a_record_inside_written_in_what_the_logic_writes_must_not_act() -> None:
    # a write override with trigger fields and a condition: the branches' other write leaves
    # the reset field alone, this one writes it (a rule running on any write would reset it)
    [other] = generated("tecnova_sale_cancel_reset", "other operations")
    create, write = other.steps
    assert create.values["state"] == "cancel" and set(write.values) == {"commitment_date"}


def test_a_setdefault_field_is_left_out_so_the_module_fills_it() -> None:
    [inside] = [s for s in generated("acme_crm_lead_deadline_default") if "inside" in s.name]
    assert "date_deadline" not in inside.steps[0].values


def test_a_written_field_starts_with_another_value_than_the_one_written() -> None:
    [inside] = [s for s in generated("acme_crm_web_leads_opportunity") if "inside" in s.name]
    assert inside.steps[0].values["type"] == "lead"  # the module writes 'opportunity'
