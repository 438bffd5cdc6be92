"""What the audit reads for an action: a no-code effect's details are complete, and the
readings say code where no action can do what the source does."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.audit import audit_addon
from migrator.classify import classify
from migrator.classify.examples import example_facts
from migrator.classify.registry import all_rules
from migrator.discover import discover
from migrator.model import AuditResult, Effect, Rates, Unit
from migrator.report.json_report import to_dict

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def corpus_units() -> list[Unit]:
    return [u for a in discover([str(CORPUS)]) for u in audit_addon(a).units]


def _complete(effect: Effect) -> bool:
    d = effect.details
    if effect.kind == "activity":
        return bool(d["activity_type"]) and d["deadline_unit"] in ("days", "weeks", "months") \
            and isinstance(d["deadline_amount"], int) and d["deadline_amount"] >= 0 \
            and all(d[k] is None or isinstance(d[k], str) for k in ("summary", "note", "user_field"))
    if effect.kind == "mail_send":
        return bool(d["template"]) and d["post_method"] in ("email", "comment", "note")
    if effect.kind == "followers":
        return d["operation"] == "add" and bool(d["partners"]) and all(isinstance(p, str) for p in d["partners"])
    if effect.kind == "record_create":
        return bool(d["model"]) and isinstance(d["name"], str)
    if effect.kind == "field_write":
        return bool(d["fields"]) and d["target"] in ("records", "vals") and not d["only_if_empty"]
    return False


def test_corpus_no_code_effects_have_complete_details(corpus_units: list[Unit]) -> None:
    no_code = [e for u in corpus_units if u.convertible == "no_code" for e in u.effects]
    assert {e.kind for e in no_code} >= {"activity", "mail_send", "followers", "field_write"}
    assert [e.description for e in no_code if not _complete(e)] == []
    assert all(e.no_code for e in no_code)


def test_corpus_no_code_time_units_have_their_delay(corpus_units: list[Unit]) -> None:
    timed = [u for u in corpus_units if u.kind == "cron_job" and u.date_field and u.convertible == "no_code"]
    assert timed
    for unit in timed:
        assert unit.date_field and unit.date_delay is not None
        amount, range_type = unit.date_delay
        assert isinstance(amount, int) and range_type in ("minutes", "hour", "day", "month")


def _effects(body: str, model: str = "sale.order") -> list[Effect]:
    source = f"class X(models.Model):\n    _inherit = {model!r}\n\n" + body
    return [e for u in classify(example_facts(source), all_rules(), example_mode=True) for e in u.effects]


def _one(body: str) -> Effect:
    (effect,) = _effects(body)
    return effect


def test_activity_details() -> None:
    effect = _one('''
    def action_call(self):
        self.activity_schedule("mail.mail_activity_data_call", fields.Date.today() + timedelta(weeks=2),
                               "Call", user_id=self.user_id.id)
''')
    assert effect.no_code
    assert effect.details == {"activity_type": "mail.mail_activity_data_call", "summary": "Call", "note": None,
                              "user_field": "user_id", "deadline_amount": 2, "deadline_unit": "weeks"}


@pytest.mark.parametrize("call", [
    'self.activity_schedule("mail.mail_activity_data_call", date_deadline=fields.Date.today() - timedelta(days=1))',
    'self.activity_schedule("mail.mail_activity_data_call", date_deadline=fields.Date.today() + timedelta(hours=1))',
    'self.activity_schedule("mail.mail_activity_data_call", date_deadline=self.date_order + timedelta(days=1))',
    'self.activity_schedule("mail.mail_activity_data_call", summary=_("Call"))',
    'self.activity_schedule("mail.mail_activity_data_call", user_id=self.env.user.id)',
    'self.activity_schedule("mail.mail_activity_data_call", automated=False)',
    'self.activity_schedule(self.type_xmlid)',
])
def test_activity_an_action_cannot_schedule_is_code(call: str) -> None:
    assert not _one(f"    def action_call(self):\n        {call}\n").no_code


@pytest.mark.parametrize(("call", "method"), [
    ('self.env.ref("m.tpl").send_mail(self.id)', "email"),
    ('self.message_post_with_source("m.tpl")', "comment"),
    ('self.message_post_with_source("m.tpl", subtype_xmlid="mail.mt_comment")', "comment"),
    ('self.message_post_with_source("m.tpl", subtype_xmlid="mail.mt_note")', "note"),
    ('self.message_post_with_source("m.tpl", subtype_xmlid="m.mt_custom")', None),
    ('self.message_post_with_source("m.tpl", render_values={"a": 1})', None),
    ('self.env.ref("m.tpl").send_mail(self.id, email_values={"email_to": "a@b.c"})', None),
    ('self.env.ref("m.tpl").send_mail(self.partner_id.id)', None),
    ('self.message_post_with_template(self.env.ref("m.tpl").id)', "comment"),
])
def test_mail_post_method(call: str, method: str | None) -> None:
    effect = _one(f"    def action_send(self):\n        {call}\n")
    subscribes = "message_post_with_template" in call  # 16.0's comment subscribes its author
    assert effect.details == {"template": "m.tpl", "post_method": method, "subscribes_author": subscribes}
    assert effect.no_code == (method is not None)


def test_followers_details() -> None:
    added = _one('    def action_follow(self):\n'
                 '        self.message_subscribe([self.env.ref("base.partner_admin").id, self.env.ref("m.p").id])\n')
    assert added.no_code and added.details == {"operation": "add", "partners": ("base.partner_admin", "m.p")}
    removed = _one('    def action_unfollow(self):\n'
                   '        self.message_unsubscribe(self.env.ref("base.partner_admin").ids)\n')
    assert not removed.no_code and removed.details == {"operation": "remove", "partners": ("base.partner_admin",)}


def test_sms_and_record_create_details() -> None:
    sms, task = _effects('''
    def action_notify(self):
        self._message_sms_with_template(template_xmlid="m.sms_tpl")
        self.env["project.task"].create({"name": "Kick-off"})
''')
    # code: the sms action's composer refuses a recipient without a number, the method does not
    assert not sms.no_code and sms.details == {"template": "m.sms_tpl", "post_method": "comment"}
    assert task.no_code and task.details == {"model": "project.task", "name": "Kick-off"}


def test_write_only_when_empty_is_code() -> None:
    effect = _one('''
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("priority", "1")
        return super().create(vals_list)
''')
    assert effect.details["only_if_empty"] and not effect.no_code


def _time_unit(limit: str) -> Unit:
    source = f'''class X(models.Model):
    _inherit = "sale.order"

    def _cron_remind(self):
        for order in self.search([("validity_date", "=", {limit})]):
            order.message_post_with_source("m.tpl")
'''
    (unit,) = classify(example_facts(source), all_rules(), example_mode=True)
    return unit


@pytest.mark.parametrize(("limit", "delay"), [
    ("fields.Date.today() + timedelta(days=3)", (-3, "day")),
    ("fields.Date.today() - relativedelta(weeks=2)", (14, "day")),
    ("fields.Datetime.now() - timedelta(hours=4)", (4, "hour")),
    ("fields.Date.today()", (0, "day")),
])
def test_time_delay(limit: str, delay: tuple[int, str]) -> None:
    unit = _time_unit(limit)
    assert (unit.kind, unit.trigger, unit.date_field, unit.date_delay, unit.convertible) == \
        ("cron_job", "cron", "validity_date", delay, "no_code")


def test_time_delay_not_literal_is_code() -> None:
    unit = _time_unit("fields.Date.today() - timedelta(days=self.env.company.reminder_days)")
    assert (unit.trigger, unit.date_field, unit.date_delay, unit.convertible) == ("cron", "validity_date", None, "code")


def test_json_effect_details_and_date_delay() -> None:
    (addon,) = discover([str(CORPUS / "acme_sale_quote_expiry_reminder")])
    (unit,) = to_dict(AuditResult((audit_addon(addon),), Rates()))["modules"][0]["units"]
    assert unit["date_delay"] == {"amount": -3, "unit": "day"}
    assert unit["effects"][0]["details"] == {
        "post_method": "comment", "subscribes_author": False,
        "template": "acme_sale_quote_expiry_reminder.mail_template_quotation_expiry"}
