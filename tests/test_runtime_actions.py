"""Server actions, automation rules and scheduled actions in the replay runtime, against
a real database."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest

from migrator.runtime.actions import (
    action_models,
    install_actions,
    run_cron,
    run_due_crons,
    run_server_action,
    run_time_rules,
)
from migrator.runtime.clock import Clock
from migrator.runtime.environment import Environment
from migrator.runtime.errors import ReplayUnfaithful, RuntimeMissing
from migrator.runtime.mail import install_mail, mail_models
from migrator.runtime.registry import Registry

START = datetime.datetime(2025, 3, 3, 9, 0)


@pytest.fixture(scope="module")
def registry(replay_conn) -> Iterator[Registry]:
    registry = Registry("18.0", clock=Clock(START))
    install_mail(registry)
    install_actions(registry)
    registry.install(replay_conn, extra_models=[*mail_models(registry), *action_models(registry),
                                              "sale.order", "crm.lead", "res.partner.category"])
    yield registry


def action(env: Environment, model: str = "sale.order", **values: Any) -> Any:
    model_id = env["ir.model"].search([("model", "=", model)]).id
    return env["ir.actions.server"].create({"name": "step", "model_id": model_id, **values})


def rule(env: Environment, trigger: str, actions: list[dict], model: str = "sale.order",
         **values: Any) -> Any:
    model_id = env["ir.model"].search([("model", "=", model)]).id
    automation = env["base.automation"].create({"name": "rule", "model_id": model_id,
                                                "trigger": trigger, **values})
    for i, step in enumerate(actions):
        action(env, model, usage="base_automation", base_automation_id=automation.id,
               sequence=i, **step)
    return automation


def field_ids(env: Environment, model: str, *names: str) -> list:
    return [(6, 0, env["ir.model.fields"].search([("model", "=", model), ("name", "in", names)]).ids)]


def order(env: Environment, **values: Any) -> Any:
    partner = env["res.partner"].create({"name": "Ann", "email": "ann@example.com", "mobile": "+3247"})
    return env["sale.order"].create({"partner_id": partner.id, "name": "S1", **values})


# ------------------------------------------------------------ server actions
def test_code_action_context_and_log(env: Environment) -> None:
    so = order(env)
    step = action(env, state="code", code=(
        "records.write({'note': 'seen %s' % record.name})\n"
        "log('done %s' % len(records), level='warning')\n"
        "action = {'type': 'ir.actions.act_window_close'}"))
    assert run_server_action(step, so) == {"type": "ir.actions.act_window_close"}
    assert so.note == "<p>seen S1</p>"  # an HTML field: sanitized, as Odoo stores it
    logged = env["ir.logging"].search([])
    assert (logged.message, logged.level, logged.func, logged.line) == ("done 1", "warning", "step", str(step.id))


def test_object_write_variants(env: Environment) -> None:
    so = order(env, commitment_date=START)
    tag = env["res.partner.category"].create({"name": "VIP"})
    run_server_action(action(env, update_path="client_order_ref", value="REF"), so)
    run_server_action(action(env, update_path="commitment_date", evaluation_type="equation",
                             value="False"), so)
    run_server_action(action(env, update_path="partner_id.comment", evaluation_type="equation",
                             value="record.name + '!'"), so)
    run_server_action(action(env, update_path="partner_id.is_company", update_boolean_value="true"), so)
    run_server_action(action(env, update_path="partner_id.category_id", value=str(tag.id),
                             update_m2m_operation="add"), so)
    run_server_action(action(env, update_path="partner_id.color", value="7"), so)
    assert so.client_order_ref == "REF" and so.commitment_date is False
    assert so.partner_id.comment == "<p>S1!</p>" and so.partner_id.is_company is True
    assert so.partner_id.category_id == tag and so.partner_id.color == 7
    with pytest.raises(ValueError, match="without update_path"):
        run_server_action(action(env, value="x"), so)


def test_object_create_and_multi(env: Environment) -> None:
    so = order(env)
    link = env["ir.model.fields"].search([("model", "=", "sale.order"), ("name", "=", "tag_ids")])
    create = action(env, state="object_create", value="Rush",
                    crud_model_id=env["ir.model"].search([("model", "=", "crm.tag")]).id,
                    link_field_id=link.id)
    write = action(env, update_path="client_order_ref", value="R", sequence=1)
    parent = action(env, state="multi", child_ids=[(6, 0, [write.id, create.id])])
    run_server_action(parent, so)
    assert so.tag_ids.name == "Rush" and so.client_order_ref == "R"


def test_mail_post_email_and_comment(env: Environment) -> None:
    so = order(env)
    template = env["mail.template"].create({
        "name": "T", "model_id": env.ref("sale.model_sale_order").id, "model": "sale.order",
        "subject": "Order {{ object.name }}", "partner_to": "{{ object.partner_id.id }}",
        "body_html": "<p>Hi <t t-out=\"object.partner_id.name\"/></p>"})
    run_server_action(action(env, state="mail_post", template_id=template.id,
                             mail_post_method="email"), so)
    mail = env["mail.mail"].search([("mail_message_id.res_id", "=", so.id),
                                  ("mail_message_id.model", "=", "sale.order")])
    assert mail.subject == "Order S1" and mail.recipient_ids == so.partner_id
    run_server_action(action(env, state="mail_post", template_id=template.id,
                             mail_post_method="comment", mail_post_autofollow=True), so)
    posted = so.message_ids.filtered(lambda m: m.subtype_id == env.ref("mail.mt_comment"))
    assert posted.body == "<p>Hi Ann</p>" and posted.partner_ids == so.partner_id
    assert posted.message_type == "notification"
    # the creator follows (mail.thread's create), and the recipient through autofollow
    assert so.message_follower_ids.mapped("partner_id") == so.partner_id | env.user.partner_id


def test_followers_activity_sms(env: Environment) -> None:
    so = order(env)
    admin = env.user.partner_id
    run_server_action(action(env, state="followers", partner_ids=[(6, 0, admin.ids)]), so)
    assert so.message_follower_ids.mapped("partner_id") == admin
    run_server_action(action(env, state="remove_followers", partner_ids=[(6, 0, admin.ids)]), so)
    assert not so.message_follower_ids
    sam = env["res.users"].create({"name": "Sam", "login": "sam", "email": "sam@x.com"})
    so.user_id = sam
    run_server_action(action(env, state="next_activity",
                             activity_type_id=env.ref("mail.mail_activity_data_call").id,
                             activity_summary="Call", activity_date_deadline_range=2,
                             activity_date_deadline_range_type="weeks", activity_user_type="generic",
                             activity_user_field_name="user_id"), so)
    activity = so.activity_ids
    assert (activity.summary, activity.user_id, activity.date_deadline) == (
        "Call", sam, START.date() + datetime.timedelta(weeks=2))
    template = env["sms.template"].create({"name": "S", "model_id": env.ref("sale.model_sale_order").id,
                                           "body": "{{ object.name }} confirmed"})
    with pytest.raises(ReplayUnfaithful, match="sending SMS"):  # Odoo sends them at once, through IAP
        run_server_action(action(env, state="sms", sms_template_id=template.id, sms_method="comment"), so)


# ---------------------------------------------------------- automation rules
def test_on_write_fires_only_when_trigger_field_changes(env: Environment) -> None:
    rule(env, "on_write", [{"state": "code", "code": "records.write({'note': 'fired'})"}],
         trigger_field_ids=field_ids(env, "sale.order", "state"), filter_domain="[('state', '=', 'sale')]")
    so = order(env)
    so.write({"client_order_ref": "x"})
    assert so.note is False
    so.write({"state": "cancel"})
    assert so.note is False  # changed, but filter_domain does not match
    so.write({"state": "sale"})
    assert so.note == "<p>fired</p>"
    so.write({"note": False})
    so.write({"state": "sale"})  # written again with the same value: no change, no run
    assert so.note is False


def test_pre_domain_old_values_and_no_loop(env: Environment) -> None:
    rule(env, "on_write", [{"state": "code", "code": (
        "for r in records:\n"
        "    old = env.context['old_values'][r.id].get('client_order_ref')\n"
        "    r.write({'client_order_ref': (r.client_order_ref or '') + '+', 'note': 'was %s' % old})")}],
         filter_pre_domain="[('state', '=', 'draft')]")
    so = order(env)
    so.write({"client_order_ref": "A"})
    assert so.client_order_ref == "A+" and so.note == "<p>was False</p>"  # its own write did not loop
    so.write({"state": "sent"})  # draft before this write: runs
    assert so.client_order_ref == "A++" and so.note == "<p>was None</p>"
    so.write({"client_order_ref": "B"})  # not draft before the write: no run
    assert so.client_order_ref == "B"


def test_on_create_and_on_unlink(env: Environment) -> None:
    rule(env, "on_create", [{"update_path": "client_order_ref", "value": "NEW"}])
    rule(env, "on_unlink", [{"state": "code", "code": "log('bye %s' % record.name)"}])
    so = order(env)
    assert so.client_order_ref == "NEW"
    so.unlink()
    assert env["ir.logging"].search([]).message == "bye S1"


def test_unsupported_trigger_is_refused(env: Environment) -> None:
    rule(env, "on_state_set", [{"state": "code", "code": "pass"}])
    with pytest.raises(RuntimeMissing, match="on_state_set"):
        order(env)


def test_time_rule_fires_once_after_date_plus_delay(env: Environment) -> None:
    rule(env, "on_time", [{"state": "code", "code": "records.write({'note': (records.note or '') + 'x'})"}],
         trg_date_id=env.ref("sale.field_sale_order__validity_date").id, trg_date_range=2,
         trg_date_range_type="day", filter_domain="[('state', '=', 'draft')]")
    so = order(env, validity_date=datetime.date(2025, 3, 4))
    run_time_rules(env)
    assert so.note is False  # 4 March + 2 days is still ahead
    env.clock.set(datetime.datetime(2025, 3, 6, 0, 30))
    run_time_rules(env)
    env.clock.advance(datetime.timedelta(hours=5))
    run_time_rules(env)
    assert so.note == "<p>x</p>"


# ------------------------------------------------------------------- crons
def test_cron_runs_as_its_user_and_moves_nextcall(env: Environment) -> None:
    so = order(env)
    cron = env["ir.cron"].create({
        "name": "nightly", "model_id": env.ref("sale.model_sale_order").id, "state": "code",
        "code": "model.search([]).write({'note': 'by %s' % env.user.login})\n"
                "if records is not None or record is not None:\n    raise UserError('records')",
        "user_id": env.ref("base.user_root").id, "interval_number": 1, "interval_type": "days",
        "nextcall": START + datetime.timedelta(hours=1)})
    assert run_due_crons(env) == []
    env.clock.advance(datetime.timedelta(days=2))
    assert run_due_crons(env) == [cron]
    assert so.note == "<p>by __system__</p>"
    assert cron.nextcall == START + datetime.timedelta(days=2, hours=1)
    so.write({"note": False})
    run_cron(env, cron)
    assert so.note == "<p>by __system__</p>"
