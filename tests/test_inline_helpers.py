"""Helper methods of the module: which calls the audit lets inline (migrator/classify/inlining.py),
and what the rewrite makes of them (migrator/generate/transforms/inline_helpers.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from migrator.analyze import analyze
from migrator.check.sandbox import check_code
from migrator.classify.inlining import helper_calls, inlined
from migrator.classify.method_context import MethodContext
from migrator.discover import discover
from migrator.generate import convert_addon
from migrator.generate.transform import transform_method

HEADER = '''\
from odoo import api, fields, models


class Task(models.Model):
    _inherit = 'project.task'

'''


def _source(methods: str) -> str:
    return HEADER + textwrap.indent(textwrap.dedent(methods).strip("\n") + "\n", "    ")


def _code(methods: str, method: str, helpers: tuple[str, ...], target: str = "automation") -> str:
    result = transform_method(_source(methods), "Task", method, target, "18.0", helpers=helpers)
    assert result.code is not None, result.blockers
    assert check_code(result.code, "18.0") == []
    return result.code


def _addon(tmp_path: Path, methods: str, xml: str = ""):
    root = tmp_path / "harbor_case"
    (root / "models").mkdir(parents=True)
    data = "['data/views.xml']" if xml else "[]"
    (root / "__manifest__.py").write_text(
        f"{{'name': 'Case', 'version': '18.0.1.0.0', 'depends': ['project'], 'data': {data}, 'license': 'LGPL-3'}}")
    (root / "__init__.py").write_text("from . import models\n")
    (root / "models" / "__init__.py").write_text("from . import task\n")
    (root / "models" / "task.py").write_text(_source(methods))
    if xml:
        (root / "data").mkdir()
        (root / "data" / "views.xml").write_text(xml)
    (addon,) = discover([str(root)])
    return addon


def _calls(tmp_path: Path, methods: str, method: str):
    facts = analyze(_addon(tmp_path, methods))
    (m,) = [m for m in facts.methods if m.name == method]
    ctx = MethodContext(m, facts, "on_write")
    return ctx, helper_calls(ctx)


# ---------------------------------------------------------------------------- the rewrite

def test_a_return_under_a_test_becomes_the_negated_test_around_the_rest() -> None:
    code = _code('''
        def write(self, vals):
            res = super().write(vals)
            self._fold_done()
            return res

        def _fold_done(self):
            stages = self.env['project.task.type'].search([('fold', '=', True)])
            if not stages:
                return
            for task in self:
                task.stage_id = stages[0]
    ''', "write", ("_fold_done",))
    assert code == textwrap.dedent('''\
        # _fold_done(), inlined
        stages = env['project.task.type'].search([('fold', '=', True)])
        if stages:
            for task in records:
                task.write({'stage_id': stages[0]})
    ''')


def test_returns_of_a_value_become_the_assignment_the_call_stood_in() -> None:
    code = _code('''
        def write(self, vals):
            res = super().write(vals)
            for task in self:
                users, mode = task._default_users()
                if users:
                    task.user_ids = users
            return res

        def _default_users(self):
            self.ensure_one()
            if self.stage_id.user_ids:
                return self.stage_id.user_ids, 'replace'
            if self.project_id.user_ids:
                return self.project_id.user_ids, 'merge'
            return None, 'replace'
    ''', "write", ("_default_users",))
    assert code == textwrap.dedent('''\
        for task in records:
            # _default_users(), inlined
            task.ensure_one()
            if task.stage_id.user_ids:
                users, mode = task.stage_id.user_ids, 'replace'
            elif task.project_id.user_ids:
                users, mode = task.project_id.user_ids, 'merge'
            else:
                users, mode = None, 'replace'
            if users:
                task.write({'user_ids': users})
    ''')


def test_an_expression_helper_replaces_its_call_in_parentheses() -> None:
    code = _code('''
        def write(self, vals):
            res = super().write(vals)
            for task in self.filtered(lambda t: not t._is_late(3)):
                task.priority = '0'
            return res

        def _is_late(self, days):
            return self.date_deadline and self.date_deadline_days > days
    ''', "write", ("_is_late",))
    assert "lambda t: not (t.date_deadline and t.date_deadline_days > 3)" in code


def test_a_call_inside_an_expression_leaves_its_value_in_a_new_name() -> None:
    code = _code('''
        def write(self, vals):
            res = super().write(vals)
            for task in self:
                task.activity_schedule('mail.mail_activity_data_todo', user_id=task._get_reviewer().id)
            return res

        def _get_reviewer(self):
            self.ensure_one()
            reviewer = self.project_id.user_id
            return reviewer or self.env.user
    ''', "write", ("_get_reviewer",))
    assert code == textwrap.dedent('''\
        for task in records:
            # _get_reviewer(), inlined
            task.ensure_one()
            reviewer = task.project_id.user_id
            reviewer_2 = reviewer or task.env.user
            task.activity_schedule('mail.mail_activity_data_todo', user_id=reviewer_2.id)
    ''')


def test_parameters_given_an_expression_and_clashing_locals_are_bound_and_renamed() -> None:
    code = _code('''
        def action_tag(self):
            code = 'x'
            self._tag(self.name.upper(), code)

        def _tag(self, label, suffix='!'):
            code = label + suffix
            for task in self:
                task.description = code
    ''', "action_tag", ("_tag",), target="manual")
    assert code == textwrap.dedent('''\
        code = 'x'
        # _tag(), inlined
        label = records.name.upper()
        code_tag = label + code
        for task in records:
            task.write({'description': code_tag})
    ''')


def test_helpers_of_helpers_are_inlined_too() -> None:
    code = _code('''
        def action_close(self):
            self._close()

        def _close(self):
            for task in self:
                task.stage_id = task._closing_stage()

        def _closing_stage(self):
            return self.project_id.type_ids.filtered('fold')[:1]
    ''', "action_close", ("_close", "_closing_stage"), target="manual")
    assert code == textwrap.dedent('''\
        # _close(), inlined
        for task in records:
            task.write({'stage_id': task.project_id.type_ids.filtered('fold')[:1]})
    ''')


def test_a_blocker_in_an_inlined_helper_names_the_helpers_line() -> None:
    source = _source('''
        def action_close(self):
            self._close()

        def _close(self):
            for task in self:
                task.description = getattr(task, 'name')
    ''')
    result = transform_method(source, "Task", "action_close", "manual", "18.0", helpers=("_close",))
    assert result.code is None
    (blocker,) = result.blockers
    assert blocker.code == "sandbox-forbidden"
    assert source.splitlines()[blocker.line - 1].strip() == "task.description = getattr(task, 'name')"


# ---------------------------------------------------------------------------- the decision

@pytest.mark.parametrize(("helper", "reason"), [
    ('''
        @api.onchange('stage_id')
        def _onchange_stage(self):
            self._close()

        def _close(self):
            self.kanban_state = 'done'
    ''', "_close() also serves project.task._onchange_stage(), which stays"),
    ('''
        def _close(self):
            for task in self:
                if task.stage_id:
                    return
                task.kanban_state = 'done'
    ''', "_close() returns from inside a loop"),
    ('''
        def _close(self):
            self.env['project.task']._close()
    ''', "_close() calls itself, or back the method that called it"),
    ('''
        @api.depends('stage_id')
        def _close(self):
            self.kanban_state = 'done'
    ''', "_close() is decorated"),
])
def test_a_helper_that_cannot_be_inlined_says_why(tmp_path: Path, helper: str, reason: str) -> None:
    methods = textwrap.dedent('''
        def write(self, vals):
            res = super().write(vals)
            self._close()
            return res
    ''') + textwrap.dedent(helper)
    ctx, (call,) = _calls(tmp_path, methods, "write")
    assert call.reason is not None and call.reason.startswith(reason)
    assert inlined(ctx) is None


def test_a_helper_with_statements_inside_a_lambda_stays(tmp_path: Path) -> None:
    ctx, (call,) = _calls(tmp_path, '''
        def write(self, vals):
            res = super().write(vals)
            self.filtered(lambda t: not t._late()).write({'priority': '1'})
            return res

        def _late(self):
            self.ensure_one()
            return self.date_deadline
    ''', "write")
    assert call.reason == "_late() is called inside a lambda, where its statements cannot go"


def test_records_filtered_by_a_helper_are_selected_first_by_a_loop_holding_it(tmp_path: Path) -> None:
    """`filtered(lambda t: t._late())`: the helper's statements in a loop over the records, the
    ones it is true for added in order; the rest runs on those."""
    methods = '''
        def write(self, vals):
            res = super().write(vals)
            for task in self.search([('stage_id', '=', self.stage_id.id)]).filtered(lambda t: t._late()):
                task.priority = '1'
            return res

        def _late(self):
            self.ensure_one()
            deadline = self.date_deadline
            return deadline and deadline < fields.Date.today()
    '''
    _ctx, (call,) = _calls(tmp_path, methods, "write")
    assert call.reason is None
    assert _code(methods, "write", ("_late",)) == (
        "candidates = records.search([('stage_id', '=', records.stage_id.id)])\n"
        "filtered_late = candidates.browse()\n"
        "for t in candidates:\n"
        "    # _late(), inlined\n"
        "    t.ensure_one()\n"
        "    deadline = t.date_deadline\n"
        "    late = deadline and deadline < datetime.date.today()\n"
        "    if late:\n"
        "        filtered_late += t\n"
        "for task in filtered_late:\n"
        "    task.write({'priority': '1'})\n"
    )


def test_a_helper_named_by_a_view_button_stays(tmp_path: Path) -> None:
    xml = '''<odoo><record id="view_task" model="ir.ui.view"><field name="model">project.task</field>
<field name="arch" type="xml"><form><button name="close_all" type="object"/></form></field></record></odoo>'''
    addon = _addon(tmp_path, '''
        def write(self, vals):
            res = super().write(vals)
            self.close_all()
            return res

        def close_all(self):
            self.kanban_state = 'done'
    ''', xml)
    facts = analyze(addon)
    (m,) = [m for m in facts.methods if m.name == "write"]
    (call,) = helper_calls(MethodContext(m, facts, "on_write"))
    assert call.reason == "close_all() also serves a button of data/views.xml, which stays"


def test_a_helper_shared_by_two_moving_overrides_goes_with_them(tmp_path: Path) -> None:
    conversion = convert_addon(_addon(tmp_path, '''
        @api.model_create_multi
        def create(self, vals_list):
            tasks = super().create(vals_list)
            tasks._stamp()
            return tasks

        def write(self, vals):
            res = super().write(vals)
            if 'stage_id' in vals:
                self._stamp()
            return res

        def _stamp(self):
            for task in self:
                task.description = 'reviewed by %s' % task.user_ids[:1].name
    '''), "18.0")
    assert [p.inlined for p, _ in conversion.moved] == [("_stamp",), ("_stamp",)]
    assert conversion.gone == (("models/task.py", "Task", "_stamp"),)
    assert "methods" not in conversion.audit.stays
    assert conversion.audit.verdict == "replaceable"


def test_a_helper_of_a_blocked_override_stays_with_it(tmp_path: Path) -> None:
    conversion = convert_addon(_addon(tmp_path, '''
        def write(self, vals):
            res = super().write(vals)
            self._stamp()
            return res

        def unlink(self):
            self._stamp()
            self.env.cr.execute('DELETE FROM project_tags')
            return super().unlink()

        def _stamp(self):
            for task in self:
                task.description = 'reviewed'
    '''), "18.0")
    assert [(p.method, p.inlined) for p, _ in conversion.moved] == [("write", ("_stamp",))]
    assert conversion.gone == ()
    assert conversion.audit.stays["methods"] == ["project.task._stamp", "project.task.unlink"]


def test_an_override_whose_blocked_helper_does_the_work_is_a_helper_unit(tmp_path: Path) -> None:
    from migrator.audit import audit_addon

    result = audit_addon(_addon(tmp_path, '''
        def write(self, vals):
            res = super().write(vals)
            self._refresh_totals()
            return res

        def _refresh_totals(self):
            self.env.cr.execute('UPDATE project_task SET sequence = sequence + 1 WHERE id IN %s', [tuple(self.ids)])
    '''))
    (unit,) = result.units
    assert (unit.method, unit.kind, unit.convertible) == ("write", "helper", "no")
    assert [b.code for b in unit.blockers] == ["raw-sql"]


def test_a_helpers_write_on_another_record_is_an_effect_of_the_override(tmp_path: Path) -> None:
    from migrator.audit import audit_addon

    result = audit_addon(_addon(tmp_path, '''
        def write(self, vals):
            res = super().write(vals)
            if 'date_deadline' in vals:
                self._push_deadline()
            return res

        def _push_deadline(self):
            for task in self:
                if task.parent_id:
                    task.parent_id.date_deadline = task.date_deadline
    '''))
    (unit,) = result.units
    assert (unit.kind, unit.trigger_fields, unit.convertible) == ("field_write", ("date_deadline",), "code")
    (effect,) = unit.effects
    assert effect.description == "write date_deadline = task.date_deadline on task.parent_id"
