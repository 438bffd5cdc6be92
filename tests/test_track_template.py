"""`_track_template` overrides: what is read of them, the rule they become per series, why
some stay, and the runtime posting their templates as mail.thread does."""

from __future__ import annotations

import ast
import datetime
import textwrap
from pathlib import Path

import pytest

from migrator.analyze import analyze
from migrator.classify import classify
from migrator.classify.registry import active_rules
from migrator.classify.track_template import read
from migrator.discover import discover
from migrator.generate.plan import MethodPlan, NotConverted, plan_methods
from migrator.pg import Harness
from migrator.runtime.clock import Clock
from migrator.runtime.mail import install_mail, mail_models
from migrator.runtime.mail.request import end_request
from migrator.runtime.registry import Registry
from model_addon import model_addon

LEAD = '''
from odoo import fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    x_template_id = fields.Many2one("mail.template")


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _track_template(self, changes):
        """Docstring."""
        res = super()._track_template(changes)
        lead = self[0]
        if "stage_id" in changes and lead.stage_id.x_template_id:
            res["stage_id"] = (lead.stage_id.x_template_id, {"subtype_xmlid": "mail.mt_note",
                                                             "composition_mode": "comment"})
        return res
'''


def _method(source: str) -> ast.FunctionDef:
    tree = ast.parse(textwrap.dedent(source))
    return next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "_track_template")


def _addon(tmp_path: Path, source: str, model_file: str = "crm_lead.py", depends: str = "crm") -> Path:
    return model_addon(tmp_path, "acme_stage_mail", source, depends=depends, series="17.0", model_file=model_file)


def _plans(addon: Path, series: str) -> list[MethodPlan | NotConverted]:
    (found,) = discover([str(addon)], series=series)
    facts = analyze(found)
    return plan_methods(facts, classify(facts, active_rules()), series)


def test_read_the_template_its_field_and_the_other_tests() -> None:
    found = read(_method(LEAD))
    assert found.problem is None and found.records == {"lead"}
    (post,) = found.posts
    assert post.field == "stage_id" and ast.unparse(post.template) == "lead.stage_id.x_template_id"
    assert [ast.unparse(t) for t in post.tests] == ["lead.stage_id.x_template_id"]


@pytest.mark.parametrize(("body", "problem"), [
    ("res = super()._track_template(changes)\nres.update({'stage_id': (self.stage_id.x_template_id, {})})\n"
     "return res", "a statement other than adding templates"),
    ("res = super()._track_template(changes)\nif self.stage_id.x_template_id:\n"
     "    res['stage_id'] = (self.stage_id.x_template_id, {})\nreturn res", "an `if` that does more"),
    ("res = super()._track_template(changes)\nif 'stage_id' in changes:\n"
     "    res['stage_id'] = (self.stage_id.x_template_id, {})\n    self.write({'priority': '1'})\nreturn res",
     "an `if` that does more"),
    ("return super()._track_template(changes)", "a statement other than adding templates"),
])
def test_other_shapes_are_problems(body: str, problem: str) -> None:
    source = "def _track_template(self, changes):\n" + textwrap.indent(body, "    ") + "\n"
    found = read(_method(source))
    assert found.problem is not None and found.problem[0].startswith(problem)


def test_the_rule_posts_as_mail_thread_does_in_each_series(tmp_path: Path) -> None:
    addon = _addon(tmp_path, LEAD)
    codes = {}
    for series in ("16.0", "17.0", "19.0"):
        (plan,) = _plans(addon, series)
        assert isinstance(plan, MethodPlan)
        assert (plan.trigger, plan.trigger_fields) == ("on_create_or_write", ("stage_id",))
        codes[series] = plan.code
    assert "if record.stage_id.x_template_id:\n        template = record.stage_id.x_template_id\n" in codes["17.0"]
    assert ".message_post_with_template(template.id, subtype_xmlid='mail.mt_note', composition_mode='comment')" \
        in codes["16.0"]  # 16.0 hands every option to its composer
    assert ".message_post_with_source(template, subtype_xmlid='mail.mt_note', message_type='auto_comment')" \
        in codes["17.0"]
    assert "message_type='auto_comment', notify_author_mention=True)" in codes["19.0"]
    assert "composition_mode" not in codes["17.0"]  # a comment on the one record: the default
    assert all("._fallback_lang()" in code and "startswith('default_')" in code for code in codes.values())


@pytest.mark.parametrize(("source", "model_file", "depends", "message"), [
    # a field the model does not track: Odoo never asks for its template
    (LEAD.replace('"stage_id" in changes', '"priority" in changes').replace('res["stage_id"]', 'res["priority"]'),
     "crm_lead.py", "crm", "'priority' is not tracked on crm.lead"),
    # project.task's own override posts the stage's template for stage_id: this one replaces it
    (LEAD.replace("crm.lead", "project.task").replace("crm.stage", "project.task.type"), "task.py", "project",
     "Odoo's own override posts the template of project.task's stage"),
    (LEAD.replace('        return res', '        if "user_id" in changes:\n'
                  '            res["user_id"] = (lead.stage_id.x_template_id, {})\n        return res'),
     "crm_lead.py", "crm", "templates for several fields"),
])
def test_what_no_rule_says_stays(tmp_path: Path, source: str, model_file: str, depends: str, message: str) -> None:
    (plan,) = _plans(_addon(tmp_path, source, model_file, depends), "17.0")
    assert isinstance(plan, NotConverted)
    (blocker,) = plan.blockers
    assert blocker.code == "track-template" and blocker.message.startswith(message)


def test_a_mass_mail_is_sent_from_the_template(tmp_path: Path) -> None:
    """`composition_mode: mass_mail` (17.0+): mail.thread sends the template's mail
    (message_mail_with_source); 16.0 gives the option to its composer."""
    source = LEAD.replace('"composition_mode": "comment"', '"composition_mode": "mass_mail"')
    (plan,) = _plans(_addon(tmp_path, source), "18.0")
    assert isinstance(plan, MethodPlan) and plan.code is not None
    assert ".message_mail_with_source(template, subtype_xmlid='mail.mt_note', message_type='auto_comment')" \
        in plan.code and "composition_mode" not in plan.code
    (plan,) = _plans(_addon(tmp_path / "16", source), "16.0")
    assert isinstance(plan, MethodPlan) and "composition_mode='mass_mail'" in (plan.code or "")


def test_a_field_the_module_tracks_may_post(tmp_path: Path) -> None:
    source = LEAD.replace('x_template_id = fields.Many2one("mail.template")',
                          'x_template_id = fields.Many2one("mail.template")\n\n\nclass CrmLead2(models.Model):\n'
                          '    _inherit = "crm.lead"\n\n    x_grade = fields.Char(tracking=True)')
    source = source.replace('"stage_id" in changes', '"x_grade" in changes').replace('res["stage_id"]',
                                                                                    'res["x_grade"]')
    (plan,) = _plans(_addon(tmp_path, source), "17.0")
    assert isinstance(plan, MethodPlan) and plan.trigger_fields == ("x_grade",)


def test_the_runtime_posts_the_templates_of_changes_and_creations(pg_dsn: str, tmp_path: Path) -> None:
    """Odoo asks `_track_template` when the request ends, for the tracked fields that changed
    in it and for those given values at a creation (not those a compute filled)."""
    from migrator.runtime.loader import load_addon

    addon = _addon(tmp_path, LEAD)
    with Harness(pg_dsn) as harness:
        conn = harness.connect(harness.create_database())
        registry = Registry("17.0", clock=Clock(datetime.datetime(2025, 3, 3, 9, 0)), module="acme_stage_mail")
        install_mail(registry)
        load_addon(addon, registry)
        registry.install(conn, extra_models=[*mail_models(registry), "crm.lead"])
        env = registry.environment()
        template = env["mail.template"].create({"name": "Moved", "subject": "{{ object.name }} moved",
                                                "model_id": env.ref("crm.model_crm_lead").id, "body_html": "<p>x</p>"})
        qualified = env.ref("crm.stage_lead2")
        qualified.x_template_id = template
        end_request(env)

        def posted(lead):  # type: ignore[no-untyped-def]
            return lead.message_ids.filtered(lambda m: m.subject == f"{lead.name} moved")

        given = env["crm.lead"].create({"name": "Given", "stage_id": qualified.id})
        computed = env["crm.lead"].create({"name": "Computed"})
        assert not posted(given)  # not before the request ends
        end_request(env)
        assert len(posted(given)) == 1 and not posted(computed)
        message = posted(given)
        assert message.message_type == "auto_comment" and message.subtype_id == env.ref("mail.mt_note")
        computed.write({"stage_id": env.ref("crm.stage_lead3").id})
        computed.write({"stage_id": qualified.id})
        end_request(env)
        assert len(posted(computed)) == 1  # one change over the request: one post
        computed.write({"stage_id": env.ref("crm.stage_lead3").id})
        computed.write({"stage_id": qualified.id})
        end_request(env)
        assert len(posted(computed)) == 1  # changed and back within the request: no change
        conn.close()
