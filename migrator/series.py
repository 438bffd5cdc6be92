"""What each Odoo series accepts in the records the toolkit generates: one table, as data.

18.0 and 19.0 are read off real databases (the packaged catalogue; tests/test_series.py
asserts the two agree). 16.0 and 17.0 are derived from 18.0 by the differences listed in
the Odoo sources of those series: each entry of `_CHANGES` says what a series adds to or
removes from the series it is derived from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

SUPPORTED_SERIES = ("16.0", "17.0", "18.0", "19.0")

# ------------------------------------------------------------------ field lists
# Fields ORM adds to every model; never written by data files, so never "accepted".
MAGIC_FIELDS = frozenset("id display_name create_uid create_date write_uid write_date".split())

# 19.0 makes ir.actions.server and base.automation mail threads with activities.
_MAIL_THREAD_19 = frozenset("""
    has_message message_attachment_count message_follower_ids message_has_error
    message_has_error_counter message_has_sms_error message_ids message_is_follower
    message_needaction message_needaction_counter message_partner_ids rating_ids
    website_message_ids activity_calendar_event_id activity_date_deadline
    activity_exception_decoration activity_exception_icon activity_ids activity_state
    activity_summary activity_type_icon activity_type_id activity_user_id
    my_activity_date_deadline
""".split())

# ir.actions.actions fields, and the configuration fields of each action kind, 18.0.
_SERVER_ACTION_18 = frozenset("""
    name type help xml_id path binding_model_id binding_type binding_view_types groups_id
    usage state sequence model_id model_name available_model_ids code child_ids
    crud_model_id crud_model_name link_field_id
    update_field_id update_path update_related_model_id update_field_type
    update_m2m_operation update_boolean_value value evaluation_type resource_ref
    selection_value value_field_to_show
    webhook_url webhook_field_ids webhook_sample_payload base_automation_id
    template_id mail_post_autofollow mail_post_method partner_ids
    activity_type_id activity_summary activity_note activity_date_deadline_range
    activity_date_deadline_range_type activity_user_type activity_user_id
    activity_user_field_name sms_template_id sms_method
""".split())

_SERVER_ACTION_19 = (_SERVER_ACTION_18 - {"groups_id"}) | _MAIL_THREAD_19 | frozenset("""
    group_ids parent_id html_value sequence_id followers_type followers_partner_field_name
    allowed_states automated_name ir_cron_ids show_code_history warning
""".split())

_CRON_OWN_18 = frozenset("""
    ir_actions_server_id cron_name user_id active interval_number interval_type
    nextcall lastcall priority failure_count first_failure_date
""".split())

_AUTOMATION_17 = frozenset("""
    name description model_id model_name model_is_mail_thread action_server_ids active
    trigger trg_selection_field_id trg_field_ref trg_field_ref_model_name
    on_change_field_ids trigger_field_ids trg_date_id trg_date_range trg_date_range_type
    trg_date_calendar_id filter_pre_domain filter_domain last_run least_delay_msg
    url webhook_uuid record_getter log_webhook_calls
""".split())

_MAIL_TEMPLATE_18 = frozenset("""
    name description active template_category model_id model render_model subject
    email_from user_id use_default_to email_to partner_to email_cc reply_to body_html
    attachment_ids report_template_ids email_layout_xmlid mail_server_id scheduled_date
    auto_delete ref_ir_act_window lang template_fs can_write is_template_editor
""".split())

_ACTIVITY_TYPE_18 = frozenset("""
    name summary sequence active delay_count delay_unit delay_label delay_from icon
    decoration_type res_model triggered_next_type_id chaining_type suggested_next_type_ids
    previous_type_ids category mail_template_ids default_user_id default_note
    res_model_change initial_res_model keep_done
""".split())

_SEQUENCE = frozenset("""
    name code implementation active prefix suffix number_next number_next_actual
    number_increment padding company_id use_date_range date_range_ids
""".split())

# Views and menus (`--fields data` copies the addon's), read off ir_ui_view.py / ir_ui_menu.py.
_VIEW_18 = frozenset("""
    name model key priority type arch arch_base arch_db arch_fs arch_updated arch_prev inherit_id
    inherit_children_ids model_data_id xml_id groups_id mode warning_info active model_id
""".split())
_MENU_18 = frozenset("""
    name active sequence child_id parent_id parent_path groups_id complete_name web_icon action
    web_icon_data
""".split())

# Each model's own fields; a delegated parent's fields are added by `_DELEGATES`.
_OWN_FIELDS: dict[str, dict[str, frozenset[str]]] = {
    "18.0": {
        "ir.actions.server": _SERVER_ACTION_18,
        "ir.cron": _CRON_OWN_18,
        "base.automation": _AUTOMATION_17,
        "mail.template": _MAIL_TEMPLATE_18,
        "mail.activity.type": _ACTIVITY_TYPE_18,
        "ir.sequence": _SEQUENCE,
        "ir.ui.view": _VIEW_18,
        "ir.ui.menu": _MENU_18,
    },
    "19.0": {
        "ir.actions.server": _SERVER_ACTION_19,
        "ir.cron": _CRON_OWN_18,
        "base.automation": (_AUTOMATION_17 - {"least_delay_msg"}) | _MAIL_THREAD_19
        | {"trg_date_range_mode", "previous_domain"},
        "mail.template": _MAIL_TEMPLATE_18 | {"has_dynamic_reports", "has_mail_server"},
        "mail.activity.type": _ACTIVITY_TYPE_18 - {"keep_done"},
        "ir.sequence": _SEQUENCE,
        "ir.ui.view": (_VIEW_18 - {"groups_id"}) | {"group_ids", "invalid_locators"},
        "ir.ui.menu": (_MENU_18 - {"groups_id"}) | {"group_ids"},
    },
}


@dataclass(frozen=True)
class _Change:
    add: frozenset[str] = frozenset()
    remove: frozenset[str] = frozenset()
    replace: bool = False  # the model's field list is `add`, nothing is inherited


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# series -> (derived from, model -> change)
_CHANGES: dict[str, tuple[str, dict[str, _Change]]] = {
    "17.0": ("18.0", {
        "ir.actions.server": _Change(remove=_words("path")),
        "ir.ui.view": _Change(remove=_words("warning_info")),
        "ir.cron": _Change(add=_words("numbercall doall"),
                           remove=_words("failure_count first_failure_date")),
    }),
    "16.0": ("17.0", {
        # 16: object_write/object_create go through ir.server.object.lines; no webhooks.
        "ir.actions.server": _Change(
            add=_words("fields_lines"),
            remove=_words("""
                update_field_id update_path update_related_model_id update_field_type
                update_m2m_operation update_boolean_value value evaluation_type resource_ref
                selection_value value_field_to_show webhook_url webhook_field_ids
                webhook_sample_payload available_model_ids base_automation_id
            """)),
        "ir.server.object.lines": _Change(
            add=_words("server_id col1 value evaluation_type resource_ref"), replace=True),
        # 16: a rule IS a server action (delegation) plus its trigger fields.
        "base.automation": _Change(
            add=_words("""
                action_server_id active trigger trg_date_id trg_date_range trg_date_range_type
                trg_date_calendar_id filter_pre_domain filter_domain last_run
                on_change_field_ids trigger_field_ids least_delay_msg
            """), replace=True),
        "mail.template": _Change(add=_words("report_template report_name"),
                                 remove=_words("report_template_ids user_id")),
        "mail.activity.type": _Change(remove=_words("keep_done")),
        "ir.ui.view": _Change(add=_words("field_parent"), remove=_words("model_id")),
    }),
}

# Models that carry a parent's fields through `_inherits` (delegate=True).
_DELEGATES: dict[str, dict[str, str]] = {
    "16.0": {"ir.cron": "ir.actions.server", "base.automation": "ir.actions.server"},
    "17.0": {"ir.cron": "ir.actions.server"},
    "18.0": {"ir.cron": "ir.actions.server"},
    "19.0": {"ir.cron": "ir.actions.server"},
}

# ------------------------------------------------------------------ value lists
_STATES_18 = ("object_write", "object_create", "code", "webhook", "multi", "mail_post",
              "followers", "remove_followers", "next_activity", "sms")
_TRIGGERS_16 = ("on_create", "on_write", "on_create_or_write", "on_unlink", "on_change",
                "on_time")
_TRIGGERS_17 = _TRIGGERS_16 + (
    "on_stage_set", "on_user_set", "on_tag_set", "on_state_set", "on_priority_set",
    "on_archive", "on_unarchive", "on_time_created", "on_time_updated",
    "on_message_received", "on_message_sent", "on_webhook")

# base.automation's `_check_trigger_state` (16.0-19.0): action states a trigger refuses. An
# on_unlink rule cannot post, add followers or plan activities (the records are going); an
# on_change rule runs code only.
_TRIGGER_REFUSED_STATES = MappingProxyType({
    "on_unlink": frozenset({"mail_post", "followers", "next_activity"}),
    "on_change": frozenset(_STATES_18 + ("object_copy",)) - {"code"},
})

_CONTEXT_COMMON = ("env", "model", "records", "record", "log", "uid", "user", "time",
                   "datetime", "dateutil", "timezone", "float_compare", "b64encode",
                   "b64decode", "Command", "UserError")

# Everything else that differs between series, one row per series.
_SCALARS: dict[str, dict] = {
    "16.0": dict(
        action_states=tuple(s for s in _STATES_18 if s not in ("webhook", "remove_followers")),
        automation_triggers=_TRIGGERS_16, default_state="object_write",
        groups_field="groups_id", child_ids_type="many2many",
        object_write_fields=("fields_lines",), evaluation_types=("value", "reference", "equation"),
        automation_delegates=True, automation_action_field=None,
        mail_post_method_default="email", cron_repeat_fields=("numbercall", "doall"),
        time_range_mode=False, eval_context=_CONTEXT_COMMON + ("Warning",),
        import_installs_depends=False, has_group_per_record=False, view_attrs=True, list_view="tree",
        track_post_method="message_post_with_template", track_post_defaults=()),
    "17.0": dict(
        action_states=_STATES_18, automation_triggers=_TRIGGERS_17, default_state="object_write",
        groups_field="groups_id", child_ids_type="many2many",
        object_write_fields=("update_path", "value", "evaluation_type"),
        evaluation_types=("value", "equation"),
        automation_delegates=False, automation_action_field="action_server_ids",
        mail_post_method_default="comment", cron_repeat_fields=("numbercall", "doall"),
        time_range_mode=False, eval_context=_CONTEXT_COMMON + ("_logger", "json"),
        import_installs_depends=True, has_group_per_record=False, view_attrs=False, list_view="tree",
        track_post_method="message_post_with_source", track_post_defaults=(("message_type", "auto_comment"),)),
}
# 18.0 is 17.0 without the cron repeat counters, `has_group` a method of the user record, list
# views `<list>`.
_SCALARS["18.0"] = {**_SCALARS["17.0"], "cron_repeat_fields": (), "has_group_per_record": True, "list_view": "list"}
_SCALARS["19.0"] = dict(
    action_states=_STATES_18 + ("object_copy",), automation_triggers=_TRIGGERS_17,
    default_state=None, groups_field="group_ids", child_ids_type="one2many",
    object_write_fields=("update_path", "value", "evaluation_type"),
    evaluation_types=("value", "sequence", "equation"),
    automation_delegates=False, automation_action_field="action_server_ids",
    mail_post_method_default="comment", cron_repeat_fields=(),
    time_range_mode=True, eval_context=_CONTEXT_COMMON + ("_logger", "json"),
    import_installs_depends=True, has_group_per_record=True, view_attrs=False, list_view="list",
    track_post_method="message_post_with_source",
    track_post_defaults=(("message_type", "auto_comment"), ("notify_author_mention", True)))


@dataclass(frozen=True)
class SeriesFacts:
    series: str
    fields: Mapping[str, frozenset[str]]  # model -> fields a data record may set
    action_states: tuple[str, ...]  # ir.actions.server `state` values
    automation_triggers: tuple[str, ...]  # base.automation `trigger` values
    default_state: str | None  # state when none is written (19: none, it is required)
    groups_field: str  # "groups_id" (16-18) / "group_ids" (19)
    child_ids_type: str  # multi children: "many2many" (16-18) / "one2many" via parent_id (19)
    object_write_fields: tuple[str, ...]  # what configures an object_write action
    evaluation_types: tuple[str, ...]
    automation_delegates: bool  # 16: action fields are written on base.automation itself
    automation_action_field: str | None  # 17+: base.automation -> its server actions
    mail_post_method_default: str
    cron_repeat_fields: tuple[str, ...]  # numbercall/doall, 16-17 only
    time_range_mode: bool  # trg_date_range_mode (after/before), 19+
    eval_context: tuple[str, ...]  # names a code action can read besides builtins
    # base_import_module: 17+ installs the known dependencies an imported module lacks, 16.0
    # refuses ("Unmet module dependencies"); both refuse unknown ones
    import_installs_depends: bool
    # res.users.has_group over RPC: 16-17 `@api.model` (the caller's uid), 18+ on the user record
    has_group_per_record: bool
    # views may use `attrs` and `states` (16.0); 17.0+ refuses a view that does ("Since
    # 17.0, the "attrs" and "states" attributes are no longer used"), so the module does not install
    view_attrs: bool
    # the root of a list view's arch: `<tree>` (16-17), `<list>` (18+: ir.ui.view's type
    # selection has no `tree`, so a `<tree>` view does not load and the module does not install)
    list_view: str
    # how mail.thread `_message_track_post_template` posts a `_track_template` template on one
    # record: the method (16.0: by the template's id) and the keyword arguments it defaults
    # (17.0+: an automatic comment; 19.0: the author notified too)
    track_post_method: str
    track_post_defaults: tuple[tuple[str, object], ...]

    def trigger_allows(self, trigger: str, state: str) -> bool:
        """Whether an automation rule with `trigger` may run an action of `state`."""
        return state not in _TRIGGER_REFUSED_STATES.get(trigger, frozenset())

    def accepts(self, model: str, field: str) -> bool:
        return field in self.fields.get(model, frozenset())

    def knows(self, model: str) -> bool:
        return model in self.fields


def _own_fields(series: str) -> dict[str, frozenset[str]]:
    if series in _OWN_FIELDS:
        return dict(_OWN_FIELDS[series])
    base, changes = _CHANGES[series]
    own = _own_fields(base)
    for model, change in changes.items():
        start = frozenset() if change.replace else own.get(model, frozenset())
        own[model] = (start - change.remove) | change.add
    return own


@lru_cache(maxsize=None)
def series_facts(series: str) -> SeriesFacts:
    if series not in SUPPORTED_SERIES:
        raise ValueError(f"unsupported Odoo series {series!r}; expected one of "
                         f"{', '.join(SUPPORTED_SERIES)}")
    own = _own_fields(series)
    fields = {
        model: names | own.get(_DELEGATES[series].get(model, ""), frozenset())
        for model, names in own.items()
    }
    return SeriesFacts(series=series, fields=MappingProxyType(fields), **_SCALARS[series])
