import pytest

from migrator.catalogue import load_catalogue
from migrator.series import MAGIC_FIELDS, SUPPORTED_SERIES, series_facts

ACTION_MODELS = ("ir.actions.server", "base.automation", "ir.cron", "mail.template",
                 "mail.activity.type", "ir.sequence")


@pytest.mark.parametrize("series", ["18.0", "19.0"])
@pytest.mark.parametrize("model", ACTION_MODELS)
def test_table_agrees_with_the_real_database(series, model):
    real = set(load_catalogue(series).fields(model)) - MAGIC_FIELDS
    assert series_facts(series).fields[model] == real


@pytest.mark.parametrize("series", ["18.0", "19.0"])
def test_value_lists_agree_with_the_real_database(series):
    cat, facts = load_catalogue(series), series_facts(series)
    assert set(facts.action_states) == set(cat.field("ir.actions.server", "state").selection)
    assert set(facts.automation_triggers) == set(cat.field("base.automation", "trigger").selection)
    assert set(facts.evaluation_types) == set(
        cat.field("ir.actions.server", "evaluation_type").selection)
    assert cat.field("ir.actions.server", "child_ids").type == facts.child_ids_type


def test_object_write_uses_fields_lines_in_16_and_update_path_later():
    f16 = series_facts("16.0")
    assert f16.accepts("ir.actions.server", "fields_lines")
    assert f16.accepts("ir.server.object.lines", "col1")
    assert not f16.accepts("ir.actions.server", "update_path")
    assert f16.object_write_fields == ("fields_lines",)
    for series in ("17.0", "18.0", "19.0"):
        facts = series_facts(series)
        assert {"update_path", "value", "evaluation_type"} <= facts.fields["ir.actions.server"]
        assert not facts.accepts("ir.actions.server", "fields_lines")
        assert not facts.knows("ir.server.object.lines")


def test_numbercall_and_doall_exist_only_in_16_and_17():
    for series in ("16.0", "17.0"):
        assert series_facts(series).accepts("ir.cron", "numbercall")
        assert series_facts(series).accepts("ir.cron", "doall")
    for series in ("18.0", "19.0"):
        assert not series_facts(series).accepts("ir.cron", "numbercall")
        assert series_facts(series).accepts("ir.cron", "failure_count")
    assert series_facts("17.0").cron_repeat_fields == ("numbercall", "doall")
    assert series_facts("18.0").cron_repeat_fields == ()


def test_groups_field_renamed_in_19():
    for series in ("16.0", "17.0", "18.0"):
        facts = series_facts(series)
        assert facts.groups_field == "groups_id"
        assert facts.accepts("ir.actions.server", "groups_id")
        assert not facts.accepts("ir.actions.server", "group_ids")
    f19 = series_facts("19.0")
    assert f19.groups_field == "group_ids"
    assert f19.accepts("ir.cron", "group_ids") and not f19.accepts("ir.cron", "groups_id")


def test_automation_delegates_to_one_action_in_16_and_owns_actions_later():
    f16 = series_facts("16.0")
    assert f16.automation_delegates and f16.automation_action_field is None
    for name in ("state", "code", "fields_lines", "model_id", "action_server_id", "trigger"):
        assert f16.accepts("base.automation", name)
    assert not f16.accepts("base.automation", "action_server_ids")
    for series in ("17.0", "18.0", "19.0"):
        facts = series_facts(series)
        assert not facts.automation_delegates
        assert facts.automation_action_field == "action_server_ids"
        assert facts.accepts("base.automation", "action_server_ids")
        assert not facts.accepts("base.automation", "code")


def test_multi_children_many2many_until_18_one2many_in_19():
    assert [series_facts(s).child_ids_type for s in SUPPORTED_SERIES] == [
        "many2many", "many2many", "many2many", "one2many"]
    assert series_facts("19.0").accepts("ir.actions.server", "parent_id")
    assert not series_facts("18.0").accepts("ir.actions.server", "parent_id")


def test_mail_post_default_email_in_16_comment_later():
    assert [series_facts(s).mail_post_method_default for s in SUPPORTED_SERIES] == [
        "email", "comment", "comment", "comment"]


def test_time_range_mode_only_in_19():
    assert series_facts("19.0").accepts("base.automation", "trg_date_range_mode")
    assert series_facts("19.0").time_range_mode
    for series in ("16.0", "17.0", "18.0"):
        assert not series_facts(series).accepts("base.automation", "trg_date_range_mode")
        assert not series_facts(series).time_range_mode


def test_action_states_per_series():
    states = {s: set(series_facts(s).action_states) for s in SUPPORTED_SERIES}
    assert "webhook" not in states["16.0"] and "remove_followers" not in states["16.0"]
    assert {"webhook", "remove_followers"} <= states["17.0"]
    assert "object_copy" in states["19.0"]
    assert not any("object_copy" in states[s] for s in ("16.0", "17.0", "18.0"))
    assert series_facts("18.0").default_state == "object_write"
    assert series_facts("19.0").default_state is None


def test_automation_triggers_per_series():
    t16 = set(series_facts("16.0").automation_triggers)
    t17 = set(series_facts("17.0").automation_triggers)
    assert "on_change" in t16 and "on_stage_set" not in t16
    assert {"on_stage_set", "on_archive", "on_time_created", "on_webhook"} <= t17
    assert t16 < t17


def test_evaluation_context_per_series():
    assert "Warning" in series_facts("16.0").eval_context
    assert "_logger" not in series_facts("16.0").eval_context
    for series in ("17.0", "18.0", "19.0"):
        ctx = series_facts(series).eval_context
        assert {"_logger", "json", "env", "record", "Command"} <= set(ctx)
        assert "Warning" not in ctx


def test_unknown_series_is_refused():
    with pytest.raises(ValueError, match="15.0"):
        series_facts("15.0")
