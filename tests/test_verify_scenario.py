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
    [scenario] = load_scenarios(SCENARIOS / "brightway_crm_lead_assign_cron.yaml")
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
])
def test_bad_scenarios_are_usage_errors(data: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_scenario(data, "s")


def generated(name: str) -> list[Scenario]:
    [addon] = discover([str(CORPUS / name)], series="18.0")
    conversion = convert_addon(addon, "18.0")
    registry = build_registry("18.0", addon.name, Path(addon.path))
    return [s for p in probes([plan for plan, _ in conversion.moved], registry) for s in p.branches()]


def test_on_write_branches_start_elsewhere_write_the_trigger_then_another_field() -> None:
    inside, outside = generated("tecnova_sale_cancel_reset")
    create, write, other = inside.steps
    assert create.values["state"] != "cancel" and write.values == {"state": "cancel"}
    assert other.op == "write" and set(other.values) == {"commitment_date"}
    assert outside.steps[1].values["state"] != "cancel"


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
