"""The mail states of ir.actions.server (addons/mail and addons/sms ir_actions_server.py):
mail_post, followers, remove_followers, next_activity, sms."""

from __future__ import annotations

from typing import Any

from dateutil.relativedelta import relativedelta

from migrator.runtime.actions.server_action import runner
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.environment import series_major


def _active_records(action: Any, env: Any) -> Any:
    ids = env.context.get("active_ids", env.context.get("active_id"))
    return env[action.model_id.model].browse(ids or ())


@runner("mail_post", multi=True)
def run_mail_post(action: Any, env: Any, eval_context: dict) -> Any:
    if not action.template_id or not (env.context.get("active_ids") or env.context.get("active_id")):
        return None
    res_ids = env.context.get("active_ids", [env.context.get("active_id")])
    context = {k: v for k, v in env.context.items() if k not in ("default_type", "default_parent_id")}
    context.update(mail_create_nosubscribe=True, mail_post_autofollow=action.mail_post_autofollow)
    method = action.mail_post_method
    if method in ("comment", "note"):
        records = env[action.model_id.model].with_context(context).browse(res_ids)
        subtype = env.ref("mail.mt_comment" if method == "comment" else "mail.mt_note")
        if series_major(env) < 17:
            records.message_post_with_template(action.template_id.id, subtype_id=subtype.id)
        else:
            records.message_post_with_source(action.template_id, subtype_id=subtype.id)
    else:
        template = action.template_id.with_context(context)
        for res_id in res_ids:
            template.send_mail(res_id, force_send=False, raise_exception=False)
    return None


def _follower_partners(action: Any, record: Any) -> list[int]:
    """16-18: the action's partners; 19 `generic`: the partners in a field of the record."""
    if "followers_type" in action._fields and action.followers_type == "generic":
        return record[action.followers_partner_field_name].ids
    return action.partner_ids.ids


def _change_followers(action: Any, env: Any, method: str) -> None:
    for record in _active_records(action, env):
        partner_ids = _follower_partners(action, record)
        if partner_ids:
            getattr(record, method)(partner_ids=partner_ids)


@runner("followers", multi=True)
def run_followers(action: Any, env: Any, eval_context: dict) -> Any:
    _change_followers(action, env, "message_subscribe")


@runner("remove_followers", multi=True)
def run_remove_followers(action: Any, env: Any, eval_context: dict) -> Any:
    _change_followers(action, env, "message_unsubscribe")


@runner("next_activity", multi=False)
def run_next_activity(action: Any, env: Any, eval_context: dict) -> Any:
    if not action.activity_type_id or not env.context.get("active_id"):
        return None
    values: dict[str, Any] = {"summary": action.activity_summary or "",
                              "note": action.activity_note or "",
                              "activity_type_id": action.activity_type_id.id}
    if action.activity_date_deadline_range > 0:
        unit = action.activity_date_deadline_range_type or "days"
        values["date_deadline"] = env.clock.today() + relativedelta(
            **{unit: action.activity_date_deadline_range})
    for record in _active_records(action, env):
        user = None
        if action.activity_user_type == "specific":
            user = action.activity_user_id
        elif action.activity_user_type == "generic" and action.activity_user_field_name in record:
            user = record[action.activity_user_field_name]
        if user:
            values["user_id"] = user.id  # kept for the next records, as Odoo does
        record.activity_schedule(**values)
    return None


@runner("sms", multi=True)
def run_sms(action: Any, env: Any, eval_context: dict) -> Any:
    records = eval_context.get("records") or eval_context.get("record")
    if not action.sms_template_id or not records:
        return None
    if action.sms_method == "comment":
        for record in records:
            record._message_sms_with_template(template=action.sms_template_id)
    else:  # the mass composer: sms.sms without a chatter message (note also logs one)
        raise RuntimeMissing(f"sms_method {action.sms_method!r} (mass SMS composer)")
    return None
