"""Verify in a real Odoo (the `odoo` engine), and the embedded runtime held against it.

Marked `real_odoo`: each test runs when MIGRATOR_ODOO_<series> names an Odoo of that series
(its source tree; the Python found as docs/verify.md says), and is skipped with that reason
otherwise (CI has no Odoo). The first test of a dependency set builds its template database
(a minute or two) on the server verify uses by default ($MIGRATOR_DSN, else the embedded
one in the user's cache), so that later runs reuse it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrator.cli import app
from migrator.runtime.html_sanitize import sanitize
from migrator.verify.odoo_engine.locate import OdooInstall, Wanted, env_name, locate
from migrator.verify.verifier import verify_addon

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from fidelity import run_both  # noqa: E402

pytestmark = pytest.mark.real_odoo
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def odoo_for(series: str) -> OdooInstall:
    found = locate(series, Wanted())
    if found is None:
        pytest.skip(f"{env_name(series)} is not set: no real Odoo {series} to replay in")
    return found


def test_equivalent_in_real_odoo_with_each_unit_seen_acting_and_not() -> None:
    odoo = odoo_for("18.0")
    result = verify_addon(CORPUS / "tecnova_crm_closing_reminder", "18.0", examples=0, odoo=odoo)
    assert (result.engine, result.odoo) == ("odoo", odoo.describe())
    assert result.verdict == "equivalent", [r.differences for r in result.results]
    [(unit, seen)] = result.units.items()
    assert seen["acting"] and seen["not_acting"]


def test_real_odoo_shows_the_difference_conversion_md_states() -> None:
    """A write override that became a rule with trigger fields: writing the value the record
    has runs the override again in Odoo, not the rule."""
    result = verify_addon(CORPUS / "acme_crm_won_kickoff_activity", "18.0", examples=0,
                          odoo=odoo_for("18.0"))
    assert result.verdict == "different" and result.stated_only
    assert {r.scenario.kind for r in result.results if r.differences} == {"unchanged value"}


def test_real_odoo_notifies_a_shared_partner_once_per_record_as_conversion_md_states() -> None:
    """Two leads of one customer handed to a salesperson in one write: the module writes the
    customer once, the rule once per lead, and Odoo notifies the new salesperson at each write."""
    result = verify_addon(CORPUS / "vane_lead_owner_sync", "18.0", examples=0, odoo=odoo_for("18.0"))
    [batch] = [r for r in result.results if r.scenario.kind == "batch"]
    assert {d.model for d in batch.differences} == {"mail.message", "mail.mail", "mail.notification"}
    assert "the rule writes user_id on res.partner once per record" in (batch.stated or "")
    assert result.stated_only


def test_cli_reports_the_engine() -> None:
    odoo = odoo_for("17.0")
    out = CliRunner().invoke(app, ["verify", str(CORPUS / "brightway_lead_team_followers"), "--series", "17.0",
                                   "--format", "json", "--engine", "odoo"])
    data = json.loads(out.output)
    assert data["engine"] == {"name": "odoo", "odoo": odoo.describe()}
    assert out.exit_code == 0 and data["verdict"] == "equivalent", out.output


@pytest.mark.parametrize("module, series", [
    ("tecnova_crm_closing_reminder", "18.0"),
    ("kestrel_lead_priority_note", "18.0"),
    ("acme_crm_won_kickoff_activity", "18.0"),
    ("brightway_lead_team_followers", "17.0"),
    ("acme_sale_quote_expiry_reminder", "17.0"),
    ("brightway_partner_welcome_mail", "16.0"),
    ("kestrel_partner_code_clean", "19.0"),
    # a cron's tracking messages posted as its user; tracking of a custom module's fields
    ("brightway_crm_lead_assign_cron", "18.0"),
    ("tarn_site_visit_followup", "17.0"),
    # a template's mail from a cron (the order's number) and from a button (its message's
    # recipients, record name and signature)
    ("fjord_purchase_confirm_notice", "18.0"),
    ("nordlys_partner_overdue_reminder", "18.0"),
    # 19.0's administrator has no email address: the assignment notification has no sender
    ("acme_employee_onboarding_button", "19.0"),
    # a partner the logic writes: its complete name, commercial entity, share flag, calendar
    # date and the new salesperson's "general" channel
    ("vane_lead_owner_sync", "18.0"),
    *(IDIOMS := [
        # a logger made in the cron and its loop's return; hasattr of a dependency's field; a
        # button writing through an override that stays; records filtered by a helper with statements
        ("osprey_lead_sweep", "17.0"),
        ("pemberton_contact_buyer", "19.0"),
        ("brook_lead_tier", "18.0"),
        ("tide_lead_big_deal", "16.0"),
        # a mail.thread tracking hook (_track_template) as a rule on create and write of the stage
        ("heron_lead_stage_mail", "17.0"),
        ("heron_lead_stage_mail", "18.0"),
    ]),
    # overrides of Odoo's buttons as rules on the state they set (Odoo's own button pressed in run B)
    ("ridge_reset_to_draft", "18.0"),
])
def test_runtime_effects_agree_with_real_odoo(module: str, series: str) -> None:
    """bench/fidelity.py's comparison: the logic's effects in run A and run B, scenario by
    scenario, on what the runtime observes (subscriptions of creators and salespeople,
    creation messages and parents, notified partners, sanitized bodies, template authors)."""
    found = run_both(module, series, odoo_for(series))
    assert found.refused is None and found.failed is None, (found.refused, found.failed)
    assert [(name, items) for name, items in found.scenarios if items] == []


@pytest.mark.parametrize("module, series", IDIOMS)
def test_converted_idioms_verify_equivalent_in_real_odoo(module: str, series: str) -> None:
    """The corpus modules of the idioms the conversion learnt, on their own series, with their
    scenario files: equivalent in real Odoo, each unit seen acting and not acting."""
    found = run_both(module, series, odoo_for(series), fresh=False)
    assert found.odoo is not None, found.failed
    assert found.odoo.verdict == "equivalent", [r.differences for r in found.odoo.results]
    assert all(seen["acting"] and seen["not_acting"] for seen in found.odoo.units.values()), found.odoo.units


def test_button_overrides_as_rules_differ_in_real_odoo_only_where_stated() -> None:
    """Real Odoo presses its own action_draft and button_draft in run B: the rules act as the
    overrides did on the records the buttons move, and not on an order the button left as it
    was, which CONVERSION.md states."""
    found = run_both("ridge_reset_to_draft", "18.0", odoo_for("18.0"), fresh=False)
    assert found.odoo is not None, found.failed
    assert found.odoo.verdict == "different" and found.odoo.stated_only, [r.differences for r in found.odoo.results]
    assert all(seen["acting"] and seen["not_acting"] for seen in found.odoo.units.values()), found.odoo.units


@pytest.mark.parametrize("module, series", [
    ("tecnova_crm_closing_reminder", "18.0"),
    ("acme_crm_web_leads_opportunity", "18.0"),
    ("acme_crm_lead_deadline_default", "18.0"),
    ("acme_crm_lead_deadline_default", "16.0"),
])
def test_runtime_never_equivalent_where_real_odoo_differs(module: str, series: str) -> None:
    """The runtime agrees with real Odoo's verdict, or refuses by name: acme_crm_lead_deadline_default's
    salesperson gets an assignment mail showing the deadline the module set at creation and the rule
    sets after it; the runtime does not render that mail, and says so."""
    found = run_both(module, series, odoo_for(series))
    assert found.odoo, found.failed
    if found.embedded is None:
        assert found.refused and "cannot replay faithfully" in found.refused, found.refused
        return
    assert found.embedded.verdict == found.odoo.verdict, (found.embedded.verdict, found.odoo.verdict)


@pytest.mark.parametrize("module, series", [
    # a field set to the clock, hidden by the next write and started at the clock's time
    ("vane_lead_stage_clock", "17.0"), ("vane_lead_stage_clock", "18.0"),
    ("tecnova_task_review_date", "18.0"), ("tecnova_task_review_date", "19.0"),
    # `(rec.wren_code or '/') == '/'`: the default asked for
    ("wren_partner_code", "18.0"), ("wren_partner_code", "19.0"),
    # the lead's customer, a record only run A changes
    ("vane_lead_owner_sync", "18.0"),
    # a related field of the condition (picking_type_id.code), pickings named apart
    ("brightway_picking_delivery_mail", "18.0"),
    # the product's two units of measure of one category
    ("orchid_stock_lot_check", "16.0"),
    # a journal for the entry (its scenario file)
    ("acme_account_move_posted_check", "16.0"),
    # the administrator made a follower of orders another user creates
    ("nordlys_purchase_admin_follow", "18.0"),
    # a mail queued for the opportunity deleted then, with its messages (the runtime refuses it)
    ("nordlys_lead_unlink_notify", "18.0"), ("nordlys_lead_unlink_notify", "19.0"),
])
def test_each_unit_exercised_in_real_odoo(module: str, series: str) -> None:
    """Every moved unit seen acting and not acting in real Odoo; equivalent, or different only
    where CONVERSION.md says; the runtime, unless it refuses, agrees scenario by scenario."""
    found = run_both(module, series, odoo_for(series))
    assert found.odoo, found.failed
    assert not found.odoo.not_exercised, found.odoo.not_exercised
    assert found.odoo.verdict == "equivalent" or found.odoo.stated_only, found.odoo.verdict
    if found.embedded is None:
        assert found.refused and "cannot replay faithfully" in found.refused, found.refused
        return
    assert found.embedded.verdict == found.odoo.verdict
    assert [(name, items) for name, items in found.scenarios if items] == []


SANITIZED = [
    "Introduce the project manager.", "text <b>bold</b> tail", "text<p>x</p>", "<p>x<br/>y</p>",
    "<p>Kind regards,<br/><span>-- <br/>\nAdministrator</span></p>", "line 1\n> quoted\n> more",
    '<p style="color: red; position: absolute">x</p>', '<a href="https://x.com/a?b=1&c=2" target="_blank">go</a>',
    '<div style="margin: 0px; padding: 0px;">\n <p>$\xa00.00</p>\n</div>\n ',
]
SANITIZE_IN_ODOO = """
import json, sys
sys.path.insert(0, sys.argv[1])
try:
    import odoo.init  # 19.0: a namespace package
except ImportError:
    pass
from odoo.tools.mail import html_sanitize
print(json.dumps([[str(html_sanitize(v, silent=False, sanitize_attributes=True, sanitize_style=s)) for s in (False, True)]
                  for v in json.loads(sys.stdin.read())]))
"""


@pytest.mark.parametrize("series", ["16.0", "17.0", "18.0", "19.0"])
def test_html_fields_hold_what_odoos_sanitizer_stores(series: str) -> None:
    """runtime/html_sanitize.py against the series' own odoo.tools.mail.html_sanitize."""
    odoo = odoo_for(series)
    done = subprocess.run([str(odoo.python), "-c", SANITIZE_IN_ODOO, str(odoo.root)], input=json.dumps(SANITIZED),
                          capture_output=True, text=True, timeout=120, check=True)
    expected = json.loads(done.stdout.strip().splitlines()[-1])
    mine = [[sanitize(value, "x.y", sanitize_style=style) for style in (False, True)] for value in SANITIZED]
    assert mine == expected


# Modules the embedded runtime refuses (project.task's creation): verified in real Odoo.
SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def test_inlined_helpers_hand_the_task_to_its_reviewer() -> None:
    """The helpers' three returns and guard return, inlined: the project's manager joins the first
    task, the author the second; run B (the action) gives what run A (the module) gave."""
    result = verify_addon(CORPUS / "harbor_task_review_assign", "18.0", examples=0, odoo=odoo_for("18.0"),
                          scenario_file=SCENARIOS / "harbor_task_review_assign.yaml")
    tasks = result.results[0].actions.records["project.task"]
    assert "@manager" in tasks["@first"]["user_ids"]  # beside its creator, whom Odoo assigns
    assert tasks["@second"]["user_ids"] != []
    assert result.results[0].module.records["project.task"] == tasks


def test_carried_stage_and_tag_are_what_the_action_sets() -> None:
    """The action names the data module's copies of the stage and tag; the replay labels a data
    module's records by the addon they replace, so both runs show the same stage and tag."""
    result = verify_addon(CORPUS / "quill_task_intake", "16.0", examples=0, odoo=odoo_for("16.0"),
                          scenario_file=SCENARIOS / "quill_task_intake.yaml")
    for ref in ("@ticket", "@first", "@second"):
        task = result.results[0].actions.records["project.task"][ref]
        assert (task["stage_id"], task["tag_ids"]) == ("quill_task_intake.stage_triage", ["quill_task_intake.tag_intake"])
    assert result.equivalent, result.results


def test_a_task_reaching_a_folded_stage_gets_one_note_in_both_runs() -> None:
    """The module compared the stage before and after the write; the rule's filter_pre_domain and
    filter_domain do: one note when the task reaches the folded stage, none from one folded
    stage to another, and in one write of two tasks only the one that was open gets it."""
    result = verify_addon(CORPUS / "sable_task_done_notice", "17.0", examples=0, odoo=odoo_for("17.0"),
                          scenario_file=SCENARIOS / "sable_task_done_notice.yaml")
    once, none, batch = result.results
    for run in (once.module, once.actions):
        assert [m["res_id"] for m in run.mail["mail.message"] if "final stage" in m["body"]] == ["@first"]
    assert not any("final stage" in m["body"] for m in none.actions.mail.get("mail.message", ()))
    for run in (batch.module, batch.actions):
        assert [m["res_id"] for m in run.mail["mail.message"] if "final stage" in m["body"]] == ["@open"]
    assert result.equivalent, result.results


@pytest.mark.parametrize("series", ["16.0", "17.0", "18.0", "19.0"])
@pytest.mark.parametrize("body", ["ensure_one", "field read"])
def test_a_mass_edit_the_module_refused_succeeds_through_the_rule_as_stated(tmp_path: Path, series: str,
                                                                            body: str) -> None:
    """`self.ensure_one()` or `self.type` in a write override: real Odoo refuses the batch
    scenario's write of two leads ("Expected singleton") and runs the rule once per lead."""
    from model_addon import model_addon
    from test_verify import SINGLE_LEAD, SINGLE_READ

    folder = model_addon(tmp_path, "acme_lead_single", SINGLE_LEAD if body == "ensure_one" else SINGLE_READ,
                         depends="crm", series=series, model_file="crm_lead.py")
    result = verify_addon(folder, series, examples=0, odoo=odoo_for(series))
    [batch] = [r for r in result.results if r.scenario.kind == "batch"]
    assert any("Expected singleton" in o for o in batch.module.outcomes)
    assert result.verdict == "different" and result.stated_only
    assert "treats its records as one" in (batch.stated or "")


@pytest.mark.parametrize("series", ["16.0", "18.0", "19.0"])
def test_a_relational_field_read_on_several_records_is_their_union(tmp_path: Path, series: str) -> None:
    """`self.tag_ids` on the two leads of the batch scenario: real Odoo gives their union (no
    "Expected singleton"), as the runtime does."""
    from model_addon import model_addon
    from test_verify import UNION_READ

    folder = model_addon(tmp_path, "acme_lead_union", UNION_READ, depends="crm", series=series,
                         model_file="crm_lead.py")
    real = verify_addon(folder, series, examples=0, odoo=odoo_for(series))
    embedded = verify_addon(folder, series, examples=0)
    outcomes = {engine: [r.module.outcomes for r in result.results if r.scenario.kind == "batch"]
                for engine, result in (("odoo", real), ("runtime", embedded))}
    assert outcomes["odoo"] == outcomes["runtime"] and outcomes["odoo"][0]
    assert not any(o.startswith("error") for o in outcomes["odoo"][0])
