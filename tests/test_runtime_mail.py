"""Mail in the replay runtime against a real database: chatter messages, followers,
activities, templates queued as mail.mail, SMS."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from migrator.pg import Harness
from migrator.runtime.clock import Clock
from migrator.runtime.environment import Environment
from migrator.runtime.errors import ReplayUnfaithful, RuntimeMissing
from migrator.runtime.exceptions import UserError
from migrator.runtime.mail import install_mail, mail_models
from migrator.runtime.registry import Registry

START = datetime.datetime(2025, 3, 3, 9, 0)


@pytest.fixture(scope="module")
def registry(replay_conn) -> Iterator[Registry]:
    registry = Registry("18.0", clock=Clock(START))
    install_mail(registry)
    registry.install(replay_conn, extra_models=[*mail_models(registry), "sale.order", "crm.lead",
                                                "maintenance.request"])
    yield registry


def test_mail_data_seeded(env: Environment) -> None:
    assert env.ref("mail.mt_comment").name == "Discussions" and env.ref("mail.mt_note").internal
    assert env.ref("mail.mail_activity_data_todo").name == "To-Do"


def test_message_post_escapes_text_and_sets_author(env: Environment) -> None:
    partner = env["res.partner"].with_context(mail_create_nosubscribe=True, mail_create_nolog=True).create(
        {"name": "Ann", "email": "Ann@Example.com"}).with_context(mail_create_nosubscribe=False)
    message = partner.message_post(body="1 < 2 & done", subject="Hi", partner_ids=[partner.id])
    assert message.body == "<p>1 &lt; 2 &amp; done</p>" and message.subject == "Hi"  # escaped, then sanitized
    assert (message.model, message.res_id) == ("res.partner", partner.id)
    assert message.message_type == "notification" and message.subtype_id == env.ref("mail.mt_note")
    assert message.author_id == env.user.partner_id
    assert message.email_from == '"Administrator" <admin@example.com>'
    assert message.partner_ids == partner and partner.message_ids == message
    assert not partner.message_follower_ids  # a notification does not subscribe its author
    html = partner.message_post(body="<b>x</b>", body_is_html=True, message_type="comment",
                                subtype_xmlid="mail.mt_comment")
    assert html.body == "<b>x</b>" and html.subtype_id == env.ref("mail.mt_comment")
    assert partner.message_follower_ids.mapped("partner_id") == env.user.partner_id  # the author follows
    assert partner.email_formatted == '"Ann" <ann@example.com>'


def test_message_post_refusals(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann"})
    with pytest.raises(RuntimeMissing, match="attachments"):
        partner.message_post(body="x", attachments=[("a.txt", b"x")])
    nobody = env["res.users"].create({"name": "No Mail", "login": "nomail"})
    with pytest.raises(UserError, match="Unable to send message, please configure the sender's email"):
        partner.with_user(nobody).message_post(body="x")
    # as superuser Odoo posts without an address
    assert partner.with_user(nobody).sudo().message_post(body="x").email_from is False


def test_19_administrator_has_no_address(pg_dsn: str) -> None:
    """19.0's base data gives the administrator's address in demo data only: their posts and
    notifications have no sender address nor reply-to (19.0 posts them all the same), and the
    users' signatures are <div>s."""
    with Harness(pg_dsn) as harness:
        conn = harness.connect(harness.create_database())
        registry = Registry("19.0", clock=Clock(START))
        install_mail(registry)
        registry.install(conn, extra_models=[*mail_models(registry), "crm.lead"])
        env = registry.environment()
        assert env.user.partner_id.email is False and env.user.partner_id.email_formatted is False
        assert env.user.signature == "<div>Administrator</div>"
        sam = env["res.users"].create({"name": "Sam", "login": "sam", "email": "sam@example.com"})
        lead = env["crm.lead"].create({"name": "Deal"})
        notice = lead.message_notify(partner_ids=sam.partner_id.ids, body="assigned")
        assert (notice.email_from, notice.reply_to, notice.author_id) == (False, False, env.user.partner_id)
        assert lead.message_post(body="x").email_from is False
        conn.close()


def test_message_post_keeps_text_in_16(pg_dsn: str) -> None:
    with Harness(pg_dsn) as harness:
        conn = harness.connect(harness.create_database())
        registry = Registry("16.0")
        install_mail(registry)
        registry.install(conn, extra_models=list(mail_models(registry)))
        partner = registry.environment()["res.partner"].create({"name": "Ann"})
        assert partner.message_post(body="<p>x</p>").body == "<p>x</p>"
        conn.close()


def test_followers_without_duplicates(env: Environment) -> None:
    customer = env["res.partner"].create({"name": "Customer"})
    lead = env["crm.lead"].create({"name": "Deal"})
    admin = env.user.partner_id
    lead.message_subscribe(partner_ids=[customer.id, admin.id, customer.id])
    lead.message_subscribe(partner_ids=[customer.id])
    followers = lead.message_follower_ids
    assert sorted(followers.mapped("partner_id").ids) == sorted([customer.id, admin.id])
    by_partner = {f.partner_id.id: f.subtype_ids for f in followers}
    # the default subtypes of crm.lead: mail's Discussions only (Activities is not a default one)
    assert by_partner[customer.id] == by_partner[admin.id] == env.ref("mail.mt_comment")
    lead.message_unsubscribe(partner_ids=[customer.id])
    assert lead.message_follower_ids.mapped("partner_id") == admin


def test_followers_get_the_default_subtypes_of_the_model(env: Environment) -> None:
    """18.0's sale app makes "Quotation Viewed" a default, internal subtype of sale.order:
    internal users get it, customers do not."""
    customer = env["res.partner"].create({"name": "Customer"})
    order = env["sale.order"].create({"partner_id": customer.id})
    order.message_subscribe(partner_ids=[customer.id, env.user.partner_id.id])
    by_partner = {f.partner_id.id: f.subtype_ids for f in order.message_follower_ids}
    assert by_partner[customer.id] == env.ref("mail.mt_comment")
    assert by_partner[env.user.partner_id.id] == env.ref("mail.mt_comment") | env.ref("sale.mt_order_viewed")


def test_given_subtypes_replace_a_followers(env: Environment) -> None:
    """message_subscribe with subtype_ids: a new follower gets those, an existing follower
    has them instead of its own (mail.followers' `replace`); without, it keeps its own."""
    customer = env["res.partner"].create({"name": "Customer"})
    lead = env["crm.lead"].create({"name": "Deal"})
    note, stage = env.ref("mail.mt_note"), env.ref("crm.mt_lead_stage")
    lead.message_subscribe(partner_ids=[customer.id], subtype_ids=[note.id, stage.id])
    [follower] = lead.message_follower_ids.filtered(lambda f: f.partner_id == customer)
    assert follower.subtype_ids == note | stage
    lead.message_subscribe(partner_ids=[customer.id, env.user.partner_id.id], subtype_ids=[stage.id])
    by_partner = {f.partner_id.id: f.subtype_ids for f in lead.message_follower_ids}
    assert by_partner[customer.id] == by_partner[env.user.partner_id.id] == stage
    lead.message_subscribe(partner_ids=[customer.id])
    assert follower.subtype_ids == stage


def test_activity_schedule(env: Environment) -> None:
    lead = env["crm.lead"].create({"name": "Deal"})
    other = env["res.users"].create({"name": "Sam", "login": "sam", "email": "sam@x.com"})
    activity = lead.activity_schedule("mail.mail_activity_data_call", summary="Call back",
                                      note="<p>n</p>", user_id=other.id)
    assert activity.activity_type_id == env.ref("mail.mail_activity_data_call")
    assert (activity.res_model, activity.res_id, activity.user_id) == ("crm.lead", lead.id, other)
    assert activity.date_deadline == START.date() and activity.automated  # today when not given
    assert activity.summary == "Call back" and lead.activity_ids == activity
    assert other.partner_id in lead.message_follower_ids.mapped("partner_id")  # the assignee follows
    due = lead.activity_schedule("mail.mail_activity_data_todo",
                                 date_deadline=datetime.date(2025, 4, 1))
    assert due.user_id == env.user and due.date_deadline == datetime.date(2025, 4, 1)
    lead.unlink()
    assert not (activity | due).exists()


def _template(env: Environment, **values: object) -> object:
    return env["mail.template"].create({
        "name": "Confirm", "model_id": env.ref("sale.model_sale_order").id, "model": "sale.order",
        "subject": "Order {{ object.name }} confirmed", "partner_to": "{{ object.partner_id.id }}",
        "email_from": "{{ object.user_id.email_formatted }}",
        "body_html": '<p>Dear <t t-out="object.partner_id.name"/></p>', **values})


def test_send_mail_queues_mail(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann & Co", "email": "ann@example.com"})
    order = env["sale.order"].create({"partner_id": partner.id, "name": "S0001"})
    template = _template(env, email_to="ops@example.com")
    mail = env["mail.mail"].browse(template.send_mail(order.id))
    assert mail.state == "outgoing" and mail.subject == "Order S0001 confirmed"
    assert mail.body_html == "<p>Dear Ann &amp; Co</p>"
    assert mail.recipient_ids == partner and mail.email_to == "ops@example.com"
    assert mail.email_from == '"Administrator" <admin@example.com>'
    assert (mail.model, mail.res_id) == ("sale.order", order.id) and mail.auto_delete
    with pytest.raises(RuntimeMissing, match="force_send"):
        template.send_mail(order.id, force_send=True)


def test_send_mail_message_holds_what_odoo_fills_in(env: Environment) -> None:
    """The mail's message (mail.mail _inherits mail.message), as Odoo 16.0-18.0 makes it: the
    template's partners as its recipients, the record's name, a signature to add (the field's
    default); a logged note adds none."""
    partner = env["res.partner"].create({"name": "Ann", "email": "ann@example.com"})
    order = env["sale.order"].create({"partner_id": partner.id})
    mail = env["mail.mail"].browse(_template(env).send_mail(order.id))
    message = mail.mail_message_id
    assert mail.recipient_ids == partner and message.partner_ids == partner
    assert message.record_name == order.name == order.display_name and message.email_add_signature is True
    assert order._message_log(body="noted").email_add_signature is False
    bare = env["mail.message"].with_context(default_record_name="Kept").create({"model": "sale.order",
                                                                                "res_id": order.id})
    assert bare.record_name == "Kept"  # not looked up where the context gives one


def test_message_post_with_source(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann", "email": "ann@example.com"})
    order = env["sale.order"].create({"partner_id": partner.id, "name": "S0002"})
    message = order.message_post_with_source(_template(env), subtype_xmlid="mail.mt_comment")
    assert message.body == "<p>Dear Ann</p>" and message.subject == "Order S0002 confirmed"
    assert message.partner_ids == partner and message.subtype_id == env.ref("mail.mt_comment")
    with pytest.raises(AttributeError):
        order.message_post_with_template(_template(env).id)


def test_sms(env: Environment) -> None:
    partner = env["res.partner"].create({"name": "Ann", "mobile": "+32 470 00 00 00"})
    order = env["sale.order"].create({"partner_id": partner.id, "name": "S0003"})
    template = env["sms.template"].create({"name": "T", "model_id": env.ref("sale.model_sale_order").id,
                                           "body": "Order {{ object.name }} ok"})
    message = order._message_sms_with_template(template=template, put_in_queue=True)
    assert message.message_type == "sms" and message.body == "<p>Order S0003 ok</p>"
    sms = env["sms.sms"].search([("mail_message_id", "=", message.id)])
    assert (sms.number, sms.body, sms.state, sms.partner_id) == (
        "+32 470 00 00 00", "Order S0003 ok", "outgoing", partner)
    with pytest.raises(ReplayUnfaithful, match="sending SMS"):  # at once, through IAP
        order._message_sms_with_template(template=template)


def test_mail_thread_for_new_models(pg_dsn: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An addon's model with mail.thread: creation note, posts, activities, its tracked user_id."""
    from migrator.runtime.loader import load_addon

    addon = tmp_path / "acme_ticket"
    (addon / "models").mkdir(parents=True)
    (addon / "__manifest__.py").write_text("{'name': 'x', 'depends': ['mail']}")
    (addon / "models" / "__init__.py").write_text("from . import ticket\n")
    (addon / "models" / "ticket.py").write_text(
        "from odoo import fields, models\n\n"
        "class Ticket(models.Model):\n"
        "    _name = 'acme.ticket'\n"
        "    _inherit = ['mail.thread', 'mail.activity.mixin']\n"
        "    _description = 'Ticket'\n"
        "    name = fields.Char()\n"
        "    user_id = fields.Many2one('res.users', tracking=True)\n")
    with Harness(pg_dsn) as harness:
        conn = harness.connect(harness.create_database())
        registry = Registry("18.0", module="acme_ticket")
        install_mail(registry)
        load_addon(addon, registry)
        registry.install(conn, extra_models=list(mail_models(registry)))
        ticket = registry.environment()["acme.ticket"].create({"name": "T"})
        message = ticket.message_post(body="hello")
        creation = ticket.message_ids - message
        assert creation.body == "<p>Ticket created</p>" and message.parent_id == creation
        assert ticket.activity_schedule("mail.mail_activity_data_todo").res_model == "acme.ticket"
        # its own tracked user_id: the user follows and is notified, as on Odoo's models
        sam = registry.environment()["res.users"].create({"name": "Sam", "login": "sam", "email": "s@example.com"})
        ticket.write({"user_id": sam.id})
        assert sam.partner_id in ticket.message_follower_ids.mapped("partner_id")
        assert ticket.message_ids.filtered(lambda m: m.message_type == "user_notification").notified_partner_ids \
            == sam.partner_id
        conn.close()


def test_creation_subscribes_the_creator_and_logs_a_note(env: Environment) -> None:
    """mail.thread's create: the creator follows with the model's default subtypes, a note
    "<Model> created" is logged (no parent, no record name), and later posts answer it."""
    partner = env["res.partner"].create({"name": "Bo", "email": "bo@example.com"})
    assert partner.message_follower_ids.mapped('partner_id') == env.user.partner_id
    [note] = partner.message_ids
    assert (note.body, note.subtype_id, note.is_internal, note.record_name) == (
        "<p>Contact created</p>", env.ref("mail.mt_note"), True, False)
    assert note.reply_to == note.email_from == '"Administrator" <admin@example.com>'
    lead = env["crm.lead"].create({"name": "Deal"})
    post = lead.message_post(body="hi")
    assert post.parent_id == lead.message_ids.filtered(lambda m: m.subtype_id == env.ref("crm.mt_lead_create"))
    assert partner.message_post(body="x").parent_id.id is False  # contacts are not a flat thread


def test_assigning_a_user_subscribes_and_notifies_them(env: Environment) -> None:
    """A tracked user_id: its user follows, and is notified when someone else assigns them."""
    sam = env["res.users"].create({"name": "Sam", "login": "sam_assigned", "email": "sam@example.com"})
    lead = env["crm.lead"].create({"name": "Deal", "user_id": sam.id})
    assert set(lead.message_follower_ids.mapped('partner_id').ids) == {env.user.partner_id.id, sam.partner_id.id}
    [assigned] = lead.message_ids.filtered(lambda m: m.message_type == "user_notification")
    assert assigned.subject == "You have been assigned to Deal" and assigned.notified_partner_ids == sam.partner_id
    assert "You have been assigned to the Lead/Opportunity Deal." in assigned.body
    # on a thread with messages, a notification is still not part of it (message_notify has no parent)
    tim = env["res.users"].create({"name": "Tim", "login": "tim_assigned", "email": "tim@example.com"})
    lead.write({"user_id": tim.id})
    [to_tim] = lead.message_ids.filtered(lambda m: m.notified_partner_ids == tim.partner_id)
    assert to_tim.message_type == "user_notification" and not to_tim.parent_id and lead.message_ids - to_tim
    lead.with_context(tracking_disable=True).write({"user_id": env.user.id})
    assert env.user.partner_id in lead.message_follower_ids.mapped('partner_id')


def test_the_models_tracking_user_id_are_the_catalogues(env: Environment) -> None:
    """Which models track user_id (its user follows and is notified when assigned) is the
    catalogue's tracked fields: maintenance.request's technician too, whose stage changes
    are posted with maintenance's subtype."""
    from migrator.runtime.mail.request import end_request

    sam = env["res.users"].create({"name": "Sam", "login": "sam_technician", "email": "sam@example.com"})
    # its creation is refused (Odoo's creation subtype), but for the starting records
    created = env["maintenance.request"].with_context(tracking_disable=True).create(
        {"name": "Leak", "company_id": env.company.id})
    request = created.with_env(env)
    request.write({"user_id": sam.id})
    [assigned] = request.message_ids.filtered(lambda m: m.message_type == "user_notification")
    assert assigned.notified_partner_ids == sam.partner_id
    assert assigned.subject == "You have been assigned to Leak"
    assert sam.partner_id in request.message_follower_ids.mapped("partner_id")
    end_request(env)
    before = request.message_ids
    request.write({"stage_id": env["maintenance.stage"].create({"name": "Repaired"}).id})
    end_request(env)
    [tracked] = request.message_ids - before
    assert tracked.subtype_id == env.ref("maintenance.mt_req_status")


def test_a_post_notifies_the_followers_of_its_subtype_but_not_its_author(env: Environment) -> None:
    customer = env["res.partner"].create({"name": "Cy", "email": "cy@example.com"})
    lead = env["crm.lead"].create({"name": "Deal"})
    lead.message_subscribe(partner_ids=[customer.id])
    comment = lead.message_post(body="hi", message_type="comment", subtype_xmlid="mail.mt_comment")
    note = lead.message_post(body="internal")
    assert comment.notified_partner_ids == customer and not note.notified_partner_ids


def test_a_request_ends_with_one_tracking_message_per_changed_record(env: Environment) -> None:
    """Tracked fields changed in a request: one message when it ends, with the subtype the model
    gives the change (a lead's stage), else a note; a record created in it is not tracked."""
    from migrator.runtime.mail.request import end_request

    stage = env.ref("crm.stage_lead2")
    lead = env["crm.lead"].create({"name": "Deal", "user_id": False})
    lead.write({"stage_id": stage.id})
    end_request(env)  # the request that created it: no tracking
    before = lead.message_ids
    lead.write({"stage_id": env.ref("crm.stage_lead3").id})
    lead.write({"stage_id": env.ref("crm.stage_lead1").id, "name": "Deal 2"})
    lead.write({"priority": "2"})  # not tracked
    end_request(env)
    [tracked] = lead.message_ids - before
    assert (tracked.subtype_id, tracked.message_type, tracked.body) == (env.ref("crm.mt_lead_stage"), "notification", "")
    lead.write({"user_id": env.user.id})  # the salesperson: a note (and their subscription)
    end_request(env)
    note = (lead.message_ids - before - tracked).filtered(lambda m: m.message_type == "notification")
    assert note.subtype_id == env.ref("mail.mt_note") and note.is_internal
