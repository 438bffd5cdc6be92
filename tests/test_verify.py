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
from migrator.generate import convert_addon
from migrator.generate.convert import unchanged_writes_differ
from migrator.verify import CannotVerify, to_json, to_text, verify_addon
from migrator.verify.diff import ABSENT
from migrator.verify.scenario import dump_scenario
from model_addon import model_addon

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = Path(__file__).parent / "golden" / "18.0"
SCENARIOS = Path(__file__).parent / "scenarios"
CONVERTIBLE = sorted(p.name.removesuffix("_actions") for p in GOLDEN.glob("*_actions"))

# Modules the replay cannot run, and exactly why (kept true by the test below).
NOTIFIED = "cannot replay faithfully: Odoo's notification email about crm.lead shows date_deadline"
TASKS = "cannot replay faithfully: project.task's creation"
SMS = "cannot replay faithfully: sending SMS"
PICKINGS = "cannot replay faithfully: creates stock.picking without location_dest_id, a required field Odoo computes"
CANNOT = {
    # needs a record the generated scenarios cannot guess: verified with a scenario file below
    "brightway_crm_lead_assign_cron": "cannot replay: uses record sales_team.team_sales_department",
    # the salesperson's assignment mail shows the deadline the module set at creation; the rule
    # sets it after the mail was made (real Odoo shows that difference)
    "acme_crm_lead_deadline_default": NOTIFIED,
    # modules Odoo 18.0 does not install (their 16.0/17.0 views and crons)
    "acme_sale_project_task": "not installable on 18.0: views/sale_order_views.xml:3: the view "
                              "view_order_form_onboarding uses attrs=",
    "acme_sale_quote_expiry_reminder": "not installable on 18.0: data/ir_cron.xml:12: ir.cron has no field "
                                       "'numbercall' in Odoo 18.0",
    # Odoo's own logic the runtime does not have
    "brightway_picking_delivery_mail": PICKINGS,
    "brightway_picking_done_edit_log": PICKINGS,
    "kestrel_sale_kickoff": TASKS,
    "nordlys_lead_unlink_notify": "cannot replay faithfully: reads crm.lead.team_id, which Odoo computes",
    "nordlys_purchase_confirm_sms": SMS,
    "tecnova_task_review_date": TASKS,
    # 16.0 modules whose views Odoo 18.0 refuses (attrs=, <tree>)
    "lumen_crm_visit": "not installable on 18.0: views/crm_visit_views.xml:3: the view lumen_crm_visit_view_tree is "
                       "a <tree> (line 7), a view type Odoo 18.0 does not have (<list> there)",
    "orchid_stock_lot_check": "not installable on 18.0: views/lot_check_views.xml:3: the view orchid_lot_check_view_tree "
                              "is a <tree> (line 7)",
    # ... and a 17.0 one (<tree>)
    "lumen_project_budget": "not installable on 18.0: views/project_expense_views.xml:3: the view "
                            "lumen_project_expense_view_tree is a <tree> (line 7)",
}
# ... on a module's own series
CANNOT_ON = {
    ("17.0", "nordlys_purchase_confirm_sms"): SMS,
    ("16.0", "acme_account_move_posted_check"): "cannot replay faithfully: account.move's creation",
    ("16.0", "acme_crm_lead_deadline_default"): NOTIFIED,
    ("16.0", "acme_sale_project_task"): TASKS,
    ("16.0", "nordlys_project_task_tracking"): TASKS,
    ("19.0", "tecnova_task_review_date"): TASKS,
    ("19.0", "brightway_picking_done_edit_log"): PICKINGS,
    ("19.0", "nordlys_lead_unlink_notify"): "cannot replay faithfully: reads crm.lead.team_id, which Odoo computes",
}
# Real differences the verifier finds, by module: (model, field) of each, on every series.
DIFFERENT = {
    # a post on a sale order makes its recipients followers; the mail_post action posts with
    # mail_post_autofollow off (CONVERSION.md says so)
    "acme_sale_auto_confirm_mail": {("mail.followers", "")},
    "acme_sale_quote_expiry_reminder": {("mail.followers", "")},
    # the rule writes the leads' shared customer once per lead, each write notifying its new
    # salesperson (its batch scenario; CONVERSION.md says so)
    "vane_lead_owner_sync": {("mail.message", "")},
    # the override of Odoo's action_draft ran on an order the button left as it was (a
    # confirmed one); the rule acts only on those it moves (CONVERSION.md says so)
    "ridge_reset_to_draft": {("sale.order", "ridge_cancel_note"), ("mail.message", "")},
}
# Modules whose own code fails on 18.0 (written for an older series): verify shows the module's
# error against the action's result.
FAILS_ON_18 = {"brightway_partner_welcome_mail": "'res.partner' object has no attribute 'message_post_with_template'"}
# Modules whose unit acts only on records the generated scenarios do not build (a sent RFQ
# for a cron's search, a folded stage of a project with a manager, a task in a project):
# verified with their scenario file (tests/scenarios/<module>.yaml), on their own series and on
# 18.0 (the generated ones leave the unit not exercised).
WITH_SCENARIO_FILE = {"fjord_purchase_confirm_notice": "18.0", "sable_sale_customer_ref": "19.0",
                      # a cron acting on the first team only, a contact under a company with a
                      # buyer, a button pressed, a deal written past the mark
                      "osprey_lead_sweep": "17.0", "pemberton_contact_buyer": "19.0",
                      "brook_lead_tier": "18.0", "tide_lead_big_deal": "16.0"}
# ... on their own series only: Odoo 18.0 refuses their cron's numbercall and a <tree> view of the dependency
ONLY_OWN_WITH_SCENARIO_FILE = {"tarn_site_visit_followup": "17.0"}
# ... or refused even so (tests/test_real_odoo.py replays them in a real Odoo)
REFUSED_WITH_SCENARIO_FILE = {"harbor_task_review_assign": ("17.0", TASKS), "quill_task_intake": ("16.0", TASKS),
                              "sable_task_done_notice": ("17.0", TASKS)}
# Modules where a write of the value the record has cannot show the difference CONVERSION.md
# states for it: the module's own create already normalised the value the write sets again.
UNCHANGED_SHOWS_NOTHING = {"kestrel_partner_code_clean"}
# equivalent, or different only where CONVERSION.md says (checked by `check` below)
VERIFIED = [m for m in CONVERTIBLE if m not in CANNOT and m not in FAILS_ON_18
            and m not in WITH_SCENARIO_FILE and m not in REFUSED_WITH_SCENARIO_FILE
            and m not in ONLY_OWN_WITH_SCENARIO_FILE]


_VERIFIED: dict[tuple, object] = {}  # one verification per module, series and options: tests only read it


def verify(pg_dsn: str, name: str, series: str = "18.0", **options: object):  # type: ignore[no-untyped-def]
    options.setdefault("examples", 0)
    key = (pg_dsn, name, series, tuple(sorted((k, str(v)) for k, v in options.items())))
    if key not in _VERIFIED:
        # the corpus on the addons path: a module depending on another corpus addon replays on it
        _VERIFIED[key] = verify_addon(CORPUS / name, series, dsn=pg_dsn, addons_path=[CORPUS],  # type: ignore[arg-type]
                                      **options)
    return _VERIFIED[key]


def _native(series: str) -> list[str]:
    """The modules written for `series` that convert for it (their code runs as that series' Odoo
    would run it: an 18.0 module replayed as 17.0 meets 17.0's cron defaults, for one)."""
    addons = discover([str(CORPUS / name) for name in sorted(
        p.name.removesuffix("_actions") for p in (GOLDEN.parent / series).glob("*_actions"))])
    return [addon.name for addon in addons if addon.series == series]


OTHER_SERIES = [(series, name) for series in ("16.0", "17.0", "19.0") for name in _native(series)]


def _states_unchanged_writes(name: str, series: str) -> bool:
    """Whether CONVERSION.md says the module acted on writes of an unchanged value (a write
    override that became a rule with trigger fields)."""
    [addon] = discover([str(CORPUS / name)], series=series)
    return any(unchanged_writes_differ(plan) for plan, _ in convert_addon(addon, series).moved)


def check(result, name: str, series: str) -> None:  # type: ignore[no-untyped-def]
    """The verdict the corpus module must get: equivalent, or different only where CONVERSION.md
    states it (each write of an unchanged value, and the known differences above)."""
    expected = DIFFERENT.get(name, set())
    other = {(d.model, d.field) for r in result.results if r.scenario.kind != "unchanged value"
             for d in r.differences}
    assert other == expected, to_text(result)
    assert all(r.stated for r in result.results if r.differences), to_text(result)
    unchanged = [r for r in result.results if r.scenario.kind == "unchanged value"]
    if _states_unchanged_writes(name, series) and name not in UNCHANGED_SHOWS_NOTHING:
        # the module ran again on the write of the value the record had; the rule did not
        assert unchanged and all(r.differences for r in unchanged), to_text(result)
        assert all(d.actions in (ABSENT, None) or d.module != d.actions for r in unchanged for d in r.differences)
    else:
        assert not any(r.differences for r in unchanged), to_text(result)
    assert result.verdict == ("different" if result.different else "equivalent"), to_text(result)
    assert not result.not_exercised, to_text(result)
    # every moved unit seen acting in run A, and not acting, in scenarios built for it
    assert result.units and all(seen["acting"] and seen["not_acting"] for seen in result.units.values()), \
        result.units


def test_the_lists_cover_the_convertible_corpus() -> None:
    assert len(CONVERTIBLE) == 47
    assert set(CANNOT) | set(DIFFERENT) | set(FAILS_ON_18) | set(WITH_SCENARIO_FILE) \
        | set(REFUSED_WITH_SCENARIO_FILE) | set(ONLY_OWN_WITH_SCENARIO_FILE) | UNCHANGED_SHOWS_NOTHING \
        <= set(CONVERTIBLE)
    assert len(VERIFIED) == 23


@pytest.mark.parametrize("name", VERIFIED)
def test_convertible_module_verifies(pg_dsn: str, name: str) -> None:
    """Equivalent on 18.0, or different only where CONVERSION.md says so."""
    result = verify(pg_dsn, name)
    check(result, name, "18.0")
    assert result.results and all(r.module.outcomes for r in result.results)
    assert not any(o.startswith("error") for r in result.results for o in r.module.outcomes if "inside" in
                   r.scenario.name), to_text(result)


def test_unchanged_value_writes_and_batches_are_replayed(pg_dsn: str) -> None:
    """An override the rule replaces acts again when a write sets the value the record has;
    Odoo's rule does not: the difference CONVERSION.md states, attributed to it (exit 1)."""
    result = verify(pg_dsn, "acme_crm_won_kickoff_activity")
    kinds = {r.scenario.kind for r in result.results}
    assert kinds == {"branch", "unchanged value", "batch"}
    [unchanged] = [r for r in result.results if r.differences]
    assert unchanged.scenario.kind == "unchanged value"
    assert unchanged.scenario.steps[1].values == {"stage_id": unchanged.scenario.steps[0].values["stage_id"]}
    activity = next(d for d in unchanged.differences if d.model == "mail.activity")
    assert activity.actions == ABSENT and activity.module["res_id"] == "@record"
    assert "stage_id changed" in (unchanged.stated or "")
    assert result.stated_only and result.exit_code == 1
    # the inside and the outside record in one create and one write call: the inside one gets it
    [batch] = [r for r in result.results if r.scenario.kind == "batch"]
    assert [a["res_id"] for a in batch.module.mail["mail.activity"]] == ["@record_1"]
    assert not batch.differences
    text = to_text(result)
    assert "Only where CONVERSION.md says the actions behave differently." in text
    assert "(as CONVERSION.md states for crm.lead.write: the rule runs only for records whose stage_id" in text


@pytest.mark.parametrize(("name", "error"), sorted(FAILS_ON_18.items()))
def test_module_failing_on_the_series_shows_its_error(pg_dsn: str, name: str, error: str) -> None:
    result = verify(pg_dsn, name)
    assert result.verdict == "different"
    assert any(error in outcome for r in result.results for outcome in r.module.outcomes)


def test_a_unit_the_scenarios_cannot_show_acting_is_not_exercised(pg_dsn: str, tmp_path: Path) -> None:
    """The creator of a lead follows it already: a rule making the user who creates urgent leads
    follow them shows nothing in any scenario (exit 2, "not exercised")."""
    addon = model_addon(tmp_path, "acme_lead_creator_follow", """
        from odoo import api, models


        class CrmLead(models.Model):
            _inherit = 'crm.lead'

            @api.model_create_multi
            def create(self, vals_list):
                leads = super().create(vals_list)
                for lead in leads:
                    if lead.priority == '3':
                        lead.message_subscribe(partner_ids=self.env.user.partner_id.ids)
                return leads
    """, depends="crm", series="18.0", model_file="crm_lead.py")
    result = verify_addon(addon, "18.0", dsn=pg_dsn, examples=0)
    assert not result.different and not result.equivalent and result.exit_code == 2
    [line] = result.not_exercised
    assert line.startswith("not exercised: crm.lead.create (on_create): ")
    assert "no scenario showed it acting in run A (a follower" in line
    assert "NOT EXERCISED" in to_text(result)


def test_scenarios_act_as_another_user_where_the_administrator_is_made_a_follower(pg_dsn: str) -> None:
    """nordlys_purchase_admin_follow makes the administrator follow urgent orders: who creates
    them follows them anyway, so its scenarios create them as another user."""
    result = verify(pg_dsn, "nordlys_purchase_admin_follow")
    assert result.verdict == "equivalent" and all(r.scenario.user == "scenario_user" for r in result.results)
    [inside] = [r for r in result.results if "inside" in r.scenario.name]
    [outside] = [r for r in result.results if "outside" in r.scenario.name]
    assert "user: scenario_user" in dump_scenario(inside.scenario)

    def admin_follows(run) -> bool:  # type: ignore[no-untyped-def]
        return any((f["partner_id"], f["res_id"], f["res_model"]) == ("base.partner_admin", "@record", "purchase.order")
                   for f in run.mail["mail.followers"])

    assert admin_follows(inside.module) and admin_follows(inside.actions)
    assert not admin_follows(outside.module) and not admin_follows(outside.actions)


def test_modules_of_each_series_are_covered() -> None:
    assert {series: len([n for s, n in OTHER_SERIES if s == series]) for series in ("16.0", "17.0", "19.0")} \
        == {"16.0": 9, "17.0": 15, "19.0": 11}


def test_a_shared_partner_notified_once_per_record_is_what_conversion_md_states(pg_dsn: str) -> None:
    """vane_lead_owner_sync: two leads of one customer handed to a salesperson in one write; the
    module writes the customer once, the rule once per lead, and Odoo notifies the customer's
    new salesperson at each write (real Odoo 18.0 too: tests/test_real_odoo.py)."""
    result = verify(pg_dsn, "vane_lead_owner_sync", "18.0")
    [batch] = [r for r in result.results if r.scenario.kind == "batch"]
    assert {(d.model, d.record, d.module) for d in batch.differences} == {
        ("mail.message", "res.partner @partner_id_a user_notification", ABSENT)}
    assert "the rule writes user_id on res.partner once per record" in (batch.stated or "")
    assert "writes `user_id` on `res.partner` records: Odoo notifies the user it assigns" \
        in (GOLDEN / "vane_lead_owner_sync_actions" / "CONVERSION.md").read_text()


# (those with a scenario file are verified on their own series above)
@pytest.mark.parametrize(("series", "name"), [(s, n) for s, n in OTHER_SERIES
                                              if n not in WITH_SCENARIO_FILE
                                              and n not in REFUSED_WITH_SCENARIO_FILE and (s, n) not in CANNOT_ON
                                              and n not in ONLY_OWN_WITH_SCENARIO_FILE])
def test_module_verifies_on_its_own_series(pg_dsn: str, series: str, name: str) -> None:
    """Each convertible module written for 16.0, 17.0 or 19.0, replayed as that series' Odoo."""
    expected = DIFFERENT.get(name)
    result = verify(pg_dsn, name, series, examples=10 if expected else 0)
    check(result, name, series)
    assert result.ported is None


@pytest.mark.parametrize(("series", "name", "reason"), [(s, n, r) for (s, n), r in sorted(CANNOT_ON.items())])
def test_module_the_replay_cannot_run_on_its_own_series_names_why(pg_dsn: str, series: str, name: str,
                                                                  reason: str) -> None:
    with pytest.raises(CannotVerify, match=re.escape(reason)):
        verify(pg_dsn, name, series)


def test_a_module_of_another_series_is_replayed_ported_in_its_manifest(pg_dsn: str) -> None:
    """Odoo 19.0 would not install tecnova_purchase_urgent_activity (17.0.1.0.0): verify says
    so and replays it as 19.0.1.0.0, its code as written."""
    result = verify(pg_dsn, "tecnova_purchase_urgent_activity", "19.0")
    assert result.ported and (result.ported.version, result.ported.replayed_as) == ("17.0.1.0.0", "19.0.1.0.0")
    assert result.equivalent, to_text(result)
    text = to_text(result)
    assert ("Note: tecnova_purchase_urgent_activity is a 17.0 module (version 17.0.1.0.0): Odoo 19.0 does "
            "not install it") in text
    data = json.loads(to_json(result))
    assert data["ported_manifest"] == {"version": "17.0.1.0.0", "replayed_as": "19.0.1.0.0"}
    assert (CORPUS / "tecnova_purchase_urgent_activity" / "__manifest__.py").read_text().count("17.0.1.0.0") == 1


def test_actions_of_another_series_are_refused(pg_dsn: str) -> None:
    """A data module given with --actions is not ported: Odoo 18.0 would not install one of 19.0."""
    with pytest.raises(CannotVerify, match="not installable on 18.0: its manifest version 19.0.1.0.0 belongs"):
        verify(pg_dsn, "tecnova_sale_cancel_reset", actions=GOLDEN.parent / "19.0" / "tecnova_sale_cancel_reset_actions")


@pytest.mark.parametrize(("name", "reason"), sorted(CANNOT.items()))
def test_module_the_replay_cannot_run_names_why(pg_dsn: str, name: str, reason: str) -> None:
    out = CliRunner().invoke(app, ["verify", str(CORPUS / name), "--series", "18.0", "--dsn", pg_dsn,
                                   "--addons-path", str(CORPUS)])
    assert out.exit_code == 2, out.output
    assert reason in " ".join(out.output.split()) and "Traceback" not in out.output


def test_hypothesis_finds_and_shrinks_a_real_difference(pg_dsn: str, tmp_path: Path) -> None:
    """A rule that also fires on two stars: no branch scenario has that value, a drawn record
    does; shrunk to the smallest such record."""
    name = "kestrel_lead_priority_note"
    actions = mutated(tmp_path, name, "automation_rules.xml", "[('priority', '=', '3')]",
                      "[('priority', 'in', ('2', '3'))]")
    result = verify(pg_dsn, name, actions=actions, examples=20)
    assert not result.equivalent
    found = [r for r in result.results if r.found_by == "property"]
    assert found and all(d.model == "mail.message" and d.module == ABSENT for r in found for d in r.differences)
    assert {step.values.get("priority") for r in found for step in r.scenario.steps} >= {"2"}


def test_scenario_file_supplies_the_record_the_module_looks_up(pg_dsn: str) -> None:
    result = verify(pg_dsn, "brightway_crm_lead_assign_cron",
                    scenario_file=SCENARIOS / "brightway_crm_lead_assign_cron.yaml")
    assert result.equivalent, to_text(result)
    leads = result.results[0].module.records["crm.lead"]
    assert {ref: v["team_id"] for ref, v in leads.items()} == {
        "@orphan": "@sales", "@placed": "@other_team", "@opportunity": None, "@late": "@sales"}
    # the file's second scenario is where the cron must not act
    assert result.units == {"crm.lead._cron_assign_orphan_leads (cron)": {
        "acting": ["orphan leads get the sales team"], "not_acting": ["placed leads and opportunities keep their team"]}}


@pytest.mark.parametrize(("name", "series"), [(name, s) for name, own in WITH_SCENARIO_FILE.items()
                                              for s in dict.fromkeys((own, "18.0"))]
                         + [(name, own) for name, own in ONLY_OWN_WITH_SCENARIO_FILE.items()])
def test_module_verifies_with_its_scenario_file(pg_dsn: str, name: str, series: str) -> None:
    """Its own series and 18.0: equivalent, the unit seen acting and not acting."""
    result = verify(pg_dsn, name, series, scenario_file=SCENARIOS / f"{name}.yaml")
    assert result.equivalent, to_text(result)
    assert result.units and all(seen["acting"] and seen["not_acting"] for seen in result.units.values())


@pytest.mark.parametrize(("name", "series", "reason"), [(n, s, r) for n, (s, r) in REFUSED_WITH_SCENARIO_FILE.items()])
def test_a_scenario_file_does_not_lift_a_refusal(pg_dsn: str, name: str, series: str, reason: str) -> None:
    with pytest.raises(CannotVerify, match=re.escape(reason)):
        verify(pg_dsn, name, series, scenario_file=SCENARIOS / f"{name}.yaml")


def test_a_dependency_stays_installed_in_both_runs(pg_dsn: str) -> None:
    """tarn_site_visit's model and partner field, loaded in both runs: the rules that name them
    by its xml ids report, cancel and close what the module did."""
    result = verify(pg_dsn, "tarn_site_visit_followup", "17.0",
                    scenario_file=SCENARIOS / "tarn_site_visit_followup.yaml")
    acting = result.results[0]
    visits = acting.actions.records["tarn.site.visit"]
    assert (visits["@boiler"]["state"], visits["@boiler"]["report_sent"]) == ("done", True)
    assert [visits[v]["state"] for v in ("@inspection", "@meter", "@stale")] == ["cancel", "draft", "cancel"]
    assert acting.module.records["tarn.site.visit"] == visits


def test_a_module_whose_dependency_18_0_refuses_is_not_replayed_there(pg_dsn: str) -> None:
    """tarn_site_visit (17.0), which it depends on, has a <tree> view (and its own cron a numbercall)."""
    with pytest.raises(CannotVerify, match="tarn_site_visit is not installable on 18.0: views/site_visit_views.xml:3: "
                                           "the view tarn_site_visit_view_tree is a <tree>"):
        verify(pg_dsn, "tarn_site_visit_followup", "18.0", scenario_file=SCENARIOS / "tarn_site_visit_followup.yaml")


def test_a_dependency_not_given_is_named(pg_dsn: str) -> None:
    out = CliRunner().invoke(app, ["verify", str(CORPUS / "tarn_site_visit_followup"), "--series", "18.0",
                                   "--dsn", pg_dsn])
    assert out.exit_code == 2
    assert "depends on tarn_site_visit, which the replay must install too" in out.stderr
    assert "--addons-path" in out.stderr


def test_guard_clause_of_a_cron_keeps_its_test_around_the_rest(pg_dsn: str) -> None:
    """`if not template: return` became `if template:`: the reminder goes to the buyer of the
    sent RFQ only, in both runs."""
    result = verify(pg_dsn, "fjord_purchase_confirm_notice",
                    scenario_file=SCENARIOS / "fjord_purchase_confirm_notice.yaml")
    sent, quiet = result.results
    posted = [m for m in sent.module.mail["mail.message"] if m not in sent.without.mail.get("mail.message", [])]
    assert [m["res_id"] for m in posted] == ["@sent"]
    assert len(sent.module.mail["mail.mail"]) == 1 and sent.module.mail == sent.actions.mail
    assert not quiet.module.mail.get("mail.mail") and not quiet.actions.mail.get("mail.mail")


def test_a_computed_default_fills_only_orders_created_without_a_reference(pg_dsn: str) -> None:
    """The module filled client_order_ref in the values before the insert, the rule writes it
    on the created order: the same orders end with the same references."""
    result = verify(pg_dsn, "sable_sale_customer_ref", "19.0", scenario_file=SCENARIOS / "sable_sale_customer_ref.yaml")
    filled, empty = result.results
    for run in (filled.module, filled.actions):
        refs = {ref: order["client_order_ref"] for ref, order in run.records["sale.order"].items()}
        assert refs == {"@first": "REF-C042", "@second": "PO-7", "@third": "REF-C042"}
    assert not empty.actions.records["sale.order"]["@order"]["client_order_ref"]
    assert result.equivalent, to_text(result)


def test_a_scenario_file_that_never_shows_the_unit_acting_exits_2(pg_dsn: str, tmp_path: Path) -> None:
    """Both runs agree because neither did anything: not "equivalent"."""
    quiet = tmp_path / "quiet.yaml"
    quiet.write_text("name: only other leads\nsteps:\n  - create: lead\n    model: crm.lead\n"
                     "    values: {name: Lead, type: lead}\n  - write: lead\n    values: {name: Renamed}\n")
    out = CliRunner().invoke(app, ["verify", str(CORPUS / "nordlys_lead_unlink_notify"), "--series", "19.0",
                                   "--dsn", pg_dsn, "--scenario", str(quiet), "--format", "json"])
    assert out.exit_code == 2, out.output
    data = json.loads(out.output)
    assert (data["verdict"], data["equivalent"], data["differences"]) == ("not exercised", False, [])
    [line] = data["not_exercised"]
    assert line.startswith("not exercised: crm.lead.unlink (on_unlink): no scenario showed it acting in run A")
    assert line.endswith("a scenario file can give one (a record, deleted: docs/scenarios.md)")
    assert data["exercised"]["units"] == {"crm.lead.unlink (on_unlink)": {"acting": [],
                                                                          "not_acting": ["only other leads"]}}


def test_a_failing_call_on_several_records_fails_for_all_of_them(pg_dsn: str, tmp_path: Path) -> None:
    """One create([...]) call: an order without its customer fails the call (and Odoo's request),
    so neither order exists and the write of both is skipped, in both runs alike."""
    batch = tmp_path / "batch.yaml"
    batch.write_text("""
name: a failing batch
records:
  - {ref: ann, model: res.partner, values: {name: Ann}}
steps:
  - create: [good, bad]
    model: sale.order
    values: [{partner_id: "@ann"}, {name: No customer}]
  - write: [good, bad]
    values: {state: cancel}
  - create: [first, second]
    model: sale.order
    values: [{partner_id: "@ann", state: cancel, commitment_date: {now: 3}},
             {partner_id: "@ann", commitment_date: {now: 3}}]
  - write: [first, second]
    values: {state: cancel}
""")
    result = verify(pg_dsn, "tecnova_sale_cancel_reset", scenario_file=batch)
    [found] = result.results
    error, skipped, ok, written = found.module.outcomes
    assert error.startswith("error: NotNullViolation") and skipped == "skipped: good was not created"
    assert (ok, written) == ("ok", "ok") and found.actions.outcomes == found.module.outcomes
    # the second call: "first" already cancelled, written with the value it has: the module
    # resets its date anyway, the rule does not (a file's scenario is not attributed)
    assert {(d.record, d.field) for d in found.differences} == {("@first", "commitment_date")}
    assert found.stated is None and result.verdict == "different"


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
    "wrong value": ("kestrel_lead_priority_note", "automation_rules.xml",
                    "body='Raised to top priority by %s.'", "body='Raised by %s.'", "mail.message"),
    "missing trigger field": ("tecnova_sale_cancel_reset", "automation_rules.xml",
                              "<field name=\"trigger_field_ids\" eval=\"[(6, 0, [ref('sale.field_sale_order__state')])]\"/>",
                              "", "sale.order"),
    "dropped condition": ("kestrel_lead_priority_note", "automation_rules.xml",
                          "<field name=\"filter_domain\">[('priority', '=', '3')]</field>", "", "mail.message"),
    "wrong template": ("nordlys_partner_overdue_reminder", "records.xml",
                       "Overdue invoices - {{ object.name }}", "Reminder", "mail.message"),
    "wrong activity": ("acme_crm_won_kickoff_activity", "automation_rules.xml",
                       "<field name=\"activity_date_deadline_range\">3</field>",
                       "<field name=\"activity_date_deadline_range\">4</field>", "mail.activity"),
    "missing record": ("brightway_lead_team_followers", "__manifest__.py",
                       "'data/automation_rules.xml',", "", "mail.followers"),
    # the test before the write: the lead already over the line gets the priority and the note again
    "dropped filter before the write": ("marlow_sales_watch", "automation_rules.xml",
                                        "<field name=\"filter_pre_domain\">[('expected_revenue', '&lt;', 50000.0)]</field>",
                                        "", "crm.lead"),
    # the old value read as the new one: no e-mail change is ever seen
    "value after the write as the old one": ("marlow_sales_watch", "automation_rules.xml",
                                             ".get('email', partner.email)", ".get('nothing', partner.email)",
                                             "mail.message"),
}


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_altered_actions_are_reported_different(pg_dsn: str, tmp_path: Path, kind: str) -> None:
    name, file, old, new, model = MUTATIONS[kind]
    result = verify(pg_dsn, name, actions=mutated(tmp_path, name, file, old, new))
    assert not result.equivalent
    models = {d.model for r in result.results for d in r.differences}
    assert model in models, to_text(result)
    text = to_text(result)
    assert "DIFFERENT" in text and "Only where CONVERSION.md" not in text, text
    if kind == "dropped condition":  # the note only the actions post
        assert "with the module:  (no such record)" in text, text


# ------------------------------------------------------------------ command line
def test_cli_equivalent_json(pg_dsn: str) -> None:
    out = CliRunner().invoke(app, ["verify", str(CORPUS / "acme_crm_web_leads_opportunity"), "--series", "18.0",
                                   "--dsn", pg_dsn, "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["equivalent"] and data["verdict"] == "equivalent" and data["exercised"]["operations"]["create"] >= 2
    assert data["engine"] == {"name": "embedded", "odoo": None}
    [(unit, seen)] = data["exercised"]["units"].items()
    assert unit == "crm.lead.create (on_create)" and seen["acting"] and seen["not_acting"]


def test_cli_different_shows_each_difference(pg_dsn: str, tmp_path: Path) -> None:
    name, file, old, new, _ = MUTATIONS["dropped condition"]
    actions = mutated(tmp_path, name, file, old, new)
    out = CliRunner().invoke(app, ["verify", str(CORPUS / name), "--series", "18.0", "--dsn", pg_dsn,
                                   "--actions", str(actions), "--format", "json"])
    assert out.exit_code == 1, out.output
    data = json.loads(out.output)
    # the outside branch first, then what else shows it (a batch, a record hypothesis draws)
    unstated = [d for d in data["differences"] if d["stated"] is None]
    assert unstated and unstated[0]["found_by"] == "branch" and "outside" in unstated[0]["scenario"]
    for difference in unstated:
        for item in difference["items"]:  # a note only the actions post, on the lead outside the condition
            assert (item["model"], item["field"], item["module"]) == ("mail.message", "", "(no such record)")
            assert item["actions"]["body"].startswith("<p>Raised to top priority by Administrator.")


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


def test_many2many_without_candidate_values_is_left_to_its_default(pg_dsn: str, tmp_path: Path) -> None:
    # The hypothesis draws read category_id (a many2many with no literal to sample from):
    # it was `sampled_from([])`, a crash; such a field keeps its default in the draws.
    addon = model_addon(tmp_path, "acme_partner_parent_tags", """
        from odoo import api, models


        class ResPartner(models.Model):
            _inherit = 'res.partner'

            @api.model_create_multi
            def create(self, vals_list):
                records = super().create(vals_list)
                for record in records:
                    if record.parent_id.category_id:
                        record.category_id = [(4, c.id) for c in record.parent_id.category_id]
                return records
    """, depends="base", series="17.0", model_file="res_partner.py")
    result = verify_addon(addon, "17.0", dsn=pg_dsn, examples=3)
    assert result.results and not result.different, to_text(result)
    # no generated scenario gives the parent a category: the unit is said to be not exercised
    assert [line.split(":")[1].strip() for line in result.not_exercised] == ["res.partner.create (on_create)"]


UNSUPPORTED_FIELDS = {
    # a field class the runtime's odoo shim does not have: refused naming the addon's line
    "properties": ("    notes = fields.Properties(definition='partner_id.x')\n",
                   r"what acme_partner_flag's code needs \(models/res_partner.py:7\): AttributeError"),
    # a related many2one whose comodel Odoo reads off the path
    "related": ("    parent_user_id = fields.Many2one(related='parent_id.user_id', store=True)\n",
                r"a relational field without comodel_name"),
    # a comodel of an Odoo module the addon does not depend on
    "comodel": ("    product_id = fields.Many2one('product.product')\n",
                r"model product.product, which the addon's dependencies do not install", "self.product_id.name"),
}


@pytest.mark.parametrize("kind", sorted(UNSUPPORTED_FIELDS))
def test_what_the_runtime_cannot_load_is_refused_without_a_traceback(pg_dsn: str, tmp_path: Path, kind: str) -> None:
    field, reason, *read = UNSUPPORTED_FIELDS[kind]
    addon = tmp_path / "acme_partner_flag"
    (addon / "models").mkdir(parents=True)
    (addon / "__manifest__.py").write_text("{'name': 'Flag', 'version': '18.0.1.0.0', 'depends': ['base']}")
    (addon / "__init__.py").write_text("from . import models\n")
    (addon / "models" / "__init__.py").write_text("from . import res_partner\n")
    (addon / "models" / "res_partner.py").write_text(
        "from odoo import fields, models\n\n\nclass ResPartner(models.Model):\n    _inherit = 'res.partner'\n\n"
        f"{field}\n"
        "    def write(self, vals):\n        res = super().write(vals)\n"
        f"        if vals.get('ref'):\n            self.comment = {(read or ['self.ref'])[0]}\n        return res\n")
    out = CliRunner().invoke(app, ["verify", str(addon), "--series", "18.0", "--dsn", pg_dsn])
    assert out.exit_code == 2, out.output
    assert "Traceback" not in out.output and re.search(reason, " ".join(out.output.split())), out.output


SINGLE_LEAD = """
    from odoo import models


    class CrmLead(models.Model):
        _inherit = 'crm.lead'

        def write(self, vals):
            res = super().write(vals)
            if vals.get('priority') == '3':
                self.ensure_one()
                self.color = 2
            return res
"""


# a field read on the records as one record, where the rule's filter now says the test
SINGLE_READ = SINGLE_LEAD.replace("                self.ensure_one()\n", "").replace(
    "if vals.get('priority') == '3':", "if 'priority' in vals and self.type == 'opportunity':")


@pytest.mark.parametrize(("source", "line"), [(SINGLE_LEAD, 11), (SINGLE_READ, 10)])
def test_a_write_the_module_refused_for_several_records_is_stated(pg_dsn: str, tmp_path: Path, source: str,
                                                                  line: int) -> None:
    """`self.ensure_one()` or `self.type` in a write override: the module refused a mass edit
    ("Expected singleton"), the rule runs once per record and the mass edit succeeds.
    CONVERSION.md says so, and verify attributes the batch scenario's difference to it."""
    folder = model_addon(tmp_path, "acme_lead_single", source, depends="crm", series="18.0",
                         model_file="crm_lead.py")
    (addon,) = discover([str(folder)], series="18.0")
    conversion = convert_addon(addon, "18.0")
    [said] = [s for s in conversion.files["CONVERSION.md"].splitlines() if "as one record" in s]
    assert f"treats its records as one record (line {line})" in said
    assert "one record at a time, so that operation now succeeds" in said
    result = verify_addon(folder, "18.0", dsn=pg_dsn, examples=0)
    [batch] = [r for r in result.results if r.scenario.kind == "batch"]
    assert any(o.startswith("error: ValueError: Expected singleton") for o in batch.module.outcomes)
    assert batch.differences and batch.stated and "treats its records as one" in batch.stated
    assert all(r.stated or not r.differences for r in result.results)


UNION_READ = SINGLE_LEAD.replace("                self.ensure_one()\n", "").replace(
    "if vals.get('priority') == '3':", "if vals.get('priority') == '3' and not self.tag_ids:")


def test_a_relational_field_read_on_several_records_is_their_union(pg_dsn: str, tmp_path: Path) -> None:
    """`self.tag_ids` on the leads of a mass edit: Odoo gives the union of their tags (as
    `mapped`), where a field that is not relational would refuse them ("Expected singleton"):
    the module's write succeeds and nothing is stated."""
    folder = model_addon(tmp_path, "acme_lead_union", UNION_READ, depends="crm", series="18.0",
                         model_file="crm_lead.py")
    (addon,) = discover([str(folder)], series="18.0")
    assert "as one record" not in convert_addon(addon, "18.0").files["CONVERSION.md"]
    result = verify_addon(folder, "18.0", dsn=pg_dsn, examples=0)
    [batch] = [r for r in result.results if r.scenario.kind == "batch"]
    assert batch.module.outcomes and not any(o.startswith("error") for o in batch.module.outcomes)
