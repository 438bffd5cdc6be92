"""`migrator verify` on the corpus: every convertible module the runtime can replay verifies
equivalent on 18.0; the others say exactly why; altered actions are reported as different."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from migrator.cli import app
from migrator.discover import discover
from migrator.errors import UsageError
from migrator.pg import Harness
from migrator.verify import CannotVerify, to_text, verify_addon

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = Path(__file__).parent / "golden" / "18.0"
SCENARIOS = Path(__file__).parent / "scenarios"
CONVERTIBLE = sorted(p.name.removesuffix("_actions") for p in GOLDEN.iterdir())

# Modules the replay cannot run, and exactly why (kept true by the test below).
CANNOT = {
    # needs a record the generated scenarios cannot guess: verified with a scenario file below
    "brightway_crm_lead_assign_cron": "cannot replay: uses record sales_team.team_sales_department",
}
# Real differences the verifier finds, by module: (model, field) of each, on every series.
DIFFERENT = {
    # the module fills the date only when the key is missing from the values (setdefault); the
    # action fills it whenever the field is empty (CONVERSION.md says so)
    "acme_crm_lead_deadline_default": {("crm.lead", "date_deadline")},
}
# ... and on one series: 16.0's message_post_with_template posts a comment, which subscribes its
# author; the mail_post action does not (CONVERSION.md says so)
DIFFERENT_ON = {("16.0", "brightway_partner_welcome_mail"): {("mail.followers", "")}}
# Modules whose own code fails on 18.0 (written for an older series): verify shows the module's
# error against the action's result.
FAILS_ON_18 = {"brightway_partner_welcome_mail": "message_post_with_template was removed in 17.0"}
EQUIVALENT = [m for m in CONVERTIBLE if m not in CANNOT and m not in DIFFERENT and m not in FAILS_ON_18]


def verify(pg_dsn: str, name: str, series: str = "18.0", **options: object):  # type: ignore[no-untyped-def]
    options.setdefault("examples", 0)
    return verify_addon(CORPUS / name, series, dsn=pg_dsn, **options)  # type: ignore[arg-type]


def _native(series: str) -> list[str]:
    """The modules written for `series` that convert for it (their code runs as that series' Odoo
    would run it: an 18.0 module replayed as 17.0 meets 17.0's cron defaults, for one)."""
    addons = discover([str(CORPUS / name) for name in sorted(
        p.name.removesuffix("_actions") for p in (GOLDEN.parent / series).iterdir())])
    return [addon.name for addon in addons if addon.series == series]


OTHER_SERIES = [(series, name) for series in ("16.0", "17.0", "19.0") for name in _native(series)]


def test_the_lists_cover_the_convertible_corpus() -> None:
    assert len(CONVERTIBLE) == 21
    assert set(CANNOT) | set(DIFFERENT) | set(FAILS_ON_18) <= set(CONVERTIBLE)
    assert len(EQUIVALENT) == 18


@pytest.mark.parametrize("name", EQUIVALENT)
def test_convertible_module_verifies_equivalent(pg_dsn: str, name: str) -> None:
    result = verify(pg_dsn, name)
    assert result.equivalent, to_text(result)
    assert result.results and all(r.module.outcomes for r in result.results)
    assert not any(o.startswith("error") for r in result.results for o in r.module.outcomes if "inside" in
                   r.scenario.name), to_text(result)
    # the branch that runs the logic did something beyond creating the record; except where
    # the logic writes the record itself, or queues a mail that goes with the deleted record
    touched = {model for r in result.results for model in [*r.module.created, *r.module.written]}
    assert touched - {result.results[0].scenario.steps[0].model or ""} or name in (
        "acme_crm_web_leads_opportunity", "tecnova_sale_cancel_reset", "nordlys_lead_unlink_notify"), touched


@pytest.mark.parametrize(("name", "error"), sorted(FAILS_ON_18.items()))
def test_module_failing_on_the_series_shows_its_error(pg_dsn: str, name: str, error: str) -> None:
    result = verify(pg_dsn, name)
    assert not result.equivalent
    assert any(error in outcome for r in result.results for outcome in r.module.outcomes)


def test_modules_of_each_series_are_covered() -> None:
    assert {series: len([n for s, n in OTHER_SERIES if s == series]) for series in ("16.0", "17.0", "19.0")} \
        == {"16.0": 5, "17.0": 7, "19.0": 4}


@pytest.mark.parametrize(("series", "name"), OTHER_SERIES)
def test_module_verifies_on_its_own_series(pg_dsn: str, series: str, name: str) -> None:
    """Each convertible module written for 16.0, 17.0 or 19.0, replayed as that series' Odoo."""
    expected = DIFFERENT.get(name) or DIFFERENT_ON.get((series, name))
    result = verify(pg_dsn, name, series, examples=10 if expected else 0)
    if expected:
        assert not result.equivalent
        assert {(d.model, d.field) for r in result.results for d in r.differences} == expected
        return
    assert result.equivalent, to_text(result)


@pytest.mark.parametrize(("name", "reason"), sorted(CANNOT.items()))
def test_module_the_replay_cannot_run_names_why(pg_dsn: str, name: str, reason: str) -> None:
    with pytest.raises(CannotVerify, match=re.escape(reason)):
        verify(pg_dsn, name)


def test_hypothesis_finds_and_shrinks_a_real_difference(pg_dsn: str) -> None:
    result = verify(pg_dsn, "acme_crm_lead_deadline_default", examples=10)
    assert not result.equivalent
    [found] = [r for r in result.results if r.differences]
    assert found.found_by == "property"
    [diff] = found.differences
    assert (diff.model, diff.record, diff.field, diff.module, diff.actions) == (
        "crm.lead", "@record", "date_deadline", None, "2025-04-02")
    # shrunk: the smallest record, with the date explicitly empty
    assert found.scenario.steps[0].values["date_deadline"] is False


def test_scenario_file_supplies_the_record_the_module_looks_up(pg_dsn: str) -> None:
    result = verify(pg_dsn, "brightway_crm_lead_assign_cron",
                    scenario_file=SCENARIOS / "brightway_crm_lead_assign_cron.yaml")
    assert result.equivalent, to_text(result)
    leads = result.results[0].module.records["crm.lead"]
    assert {ref: v["team_id"] for ref, v in leads.items()} == {
        "@orphan": "@sales", "@placed": "@other_team", "@opportunity": None, "@late": "@sales"}


# ------------------------------------------------------------------- mutations
def mutated(tmp_path: Path, name: str, file: str, old: str, new: str) -> Path:
    module = tmp_path / f"{name}_actions"
    shutil.copytree(GOLDEN / f"{name}_actions", module)
    path = module / file if file == "__manifest__.py" else module / "data" / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return module


MUTATIONS = {
    "wrong value": ("nordlys_purchase_admin_follow", "automation_rules.xml",
                    "[(6, 0, [ref('base.partner_admin')])]", "[(6, 0, [ref('base.partner_root')])]", "mail.followers"),
    "missing trigger field": ("tecnova_sale_cancel_reset", "automation_rules.xml",
                              "<field name=\"trigger_field_ids\" eval=\"[(6, 0, [ref('sale.field_sale_order__state')])]\"/>",
                              "", "sale.order"),
    "dropped condition": ("nordlys_purchase_admin_follow", "automation_rules.xml",
                          "<field name=\"filter_domain\">[('priority', '=', '1')]</field>", "", "mail.followers"),
    "wrong template": ("nordlys_partner_overdue_reminder", "records.xml",
                       "Overdue invoices - {{ object.name }}", "Reminder", "mail.message"),
    "wrong activity": ("acme_crm_won_kickoff_activity", "automation_rules.xml",
                       "<field name=\"activity_date_deadline_range\">3</field>",
                       "<field name=\"activity_date_deadline_range\">4</field>", "mail.activity"),
    "missing record": ("brightway_lead_team_followers", "__manifest__.py",
                       "'data/automation_rules.xml',", "", "mail.followers"),
}


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_altered_actions_are_reported_different(pg_dsn: str, tmp_path: Path, kind: str) -> None:
    name, file, old, new, model = MUTATIONS[kind]
    result = verify(pg_dsn, name, actions=mutated(tmp_path, name, file, old, new))
    assert not result.equivalent
    models = {d.model for r in result.results for d in r.differences}
    assert model in models, to_text(result)


# ------------------------------------------------------------------ command line
def test_cli_equivalent_json(pg_dsn: str) -> None:
    out = CliRunner().invoke(app, ["verify", str(CORPUS / "tecnova_sale_cancel_reset"), "--series", "18.0",
                                   "--dsn", pg_dsn, "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["equivalent"] and data["exercised"]["operations"]["write"] >= 2


def test_cli_different_shows_each_difference(pg_dsn: str, tmp_path: Path) -> None:
    name, file, old, new, _ = MUTATIONS["dropped condition"]
    actions = mutated(tmp_path, name, file, old, new)
    out = CliRunner().invoke(app, ["verify", str(CORPUS / name), "--series", "18.0", "--dsn", pg_dsn,
                                   "--actions", str(actions), "--format", "json"])
    assert out.exit_code == 1, out.output
    data = json.loads(out.output)
    # the outside branch, and the smallest record hypothesis draws that shows it
    assert [d["found_by"] for d in data["differences"]] == ["branch", "property"]
    for item in (i for d in data["differences"] for i in d["items"]):
        assert item == {"model": "mail.followers", "record": "purchase.order @record base.partner_admin",
                        "field": "",
                        "module": "(no such record)", "actions": {
                            "partner_id": "base.partner_admin", "res_id": "@record", "res_model": "purchase.order",
                            "subtype_ids": ["mail.mt_activities", "mail.mt_comment"]}}
    text = to_text(verify(pg_dsn, name, actions=actions))
    assert "DIFFERENT" in text and "with the module:  (no such record)" in text


def test_cli_exit_2_names_what_is_missing(pg_dsn: str) -> None:
    out = CliRunner().invoke(app, ["verify", str(CORPUS / "brightway_crm_lead_assign_cron"), "--series", "18.0",
                                   "--dsn", pg_dsn])
    assert out.exit_code == 2
    assert "sales_team.team_sales_department" in out.output


def test_module_calling_what_the_runtime_lacks_exits_2(pg_dsn: str, tmp_path: Path) -> None:
    addon = tmp_path / "acme_confirm_more"
    shutil.copytree(CORPUS / "tecnova_sale_cancel_reset", addon)
    model = addon / "models" / "sale_order.py"
    model.write_text(model.read_text().replace("from odoo import models", "from odoo import api, models") + (
        "\n    @api.model_create_multi\n    def create(self, vals_list):\n"
        "        orders = super().create(vals_list)\n        orders.action_confirm()\n        return orders\n"))
    out = CliRunner().invoke(app, ["verify", str(addon), "--series", "18.0", "--dsn", pg_dsn])
    assert out.exit_code == 2, out.output
    assert "cannot replay: uses sale.order.action_confirm" in out.output


def test_kept_databases_belong_to_their_run_only(pg_dsn: str) -> None:
    result = verify(pg_dsn, "nordlys_purchase_admin_follow", keep_db=True)
    assert len(result.kept) == 2  # run A's database and its copy, run B's
    try:
        with pytest.raises(UsageError, match="not created by this run"):
            Harness(pg_dsn).drop(result.kept[0])
    finally:
        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            for name in result.kept:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
