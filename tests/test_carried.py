"""Records of the module that moved actions name: which are copied into the data module, with
what they reference, and how every reference to them is rewritten."""

from __future__ import annotations

from pathlib import Path

from migrator.discover import discover
from migrator.generate import convert_addon

CODE = '''\
from odoo import fields, models


class Task(models.Model):
    _inherit = 'project.task'

    def action_triage(self):
        stage = self.env.ref('quill_case.stage_triage')
        bot = self.env.ref('quill_case.user_bot')
        self.write({'stage_id': stage.id, 'user_ids': [(4, bot.id)]})


class Checklist(models.Model):
    _name = 'quill.checklist'
    _description = 'Checklist'

    name = fields.Char()
'''

DATA = '''<?xml version="1.0"?>
<odoo>
    <record id="mail_template_triage" model="mail.template">
        <field name="name">Triage</field>
        <field name="model_id" ref="project.model_project_task"/>
    </record>
    <data noupdate="1">
        <record id="stage_triage" model="project.task.type">
            <field name="name">Triage</field>
            <field name="mail_template_id" ref="mail_template_triage"/>
            <field name="rating_template_id" eval="ref('quill_case.mail_template_triage')"/>
        </record>
        <record id="stage_unused" model="project.task.type">
            <field name="name">Unused</field>
        </record>
        <record id="user_bot" model="res.users">
            <field name="name">Triage bot</field>
            <field name="login">triage.bot</field>
        </record>
        <record id="checklist_default" model="quill.checklist">
            <field name="name">Default</field>
        </record>
    </data>
</odoo>
'''


def _conversion(tmp_path: Path, series: str = "18.0"):
    root = tmp_path / "quill_case"
    (root / "models").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "__manifest__.py").write_text(
        "{'name': 'Case', 'version': '18.0.1.0.0', 'depends': ['project'], 'data': ['data/data.xml'], "
        "'license': 'LGPL-3'}")
    (root / "__init__.py").write_text("from . import models\n")
    (root / "models" / "__init__.py").write_text("from . import task\n")
    (root / "models" / "task.py").write_text(CODE)
    (root / "data" / "data.xml").write_text(DATA)
    (addon,) = discover([str(root)])
    return convert_addon(addon, series)


def test_named_records_and_what_they_reference_are_copied(tmp_path: Path) -> None:
    conversion = _conversion(tmp_path)
    assert [(r.original.xmlid, r.original.model, r.noupdate) for r in conversion.carried] == [
        ("mail_template_triage", "mail.template", False), ("stage_triage", "project.task.type", True)]
    records = conversion.files["data/records.xml"]
    # every reference to a copied record names the copy: ref="..." and eval="ref(...)"
    assert '<field name="mail_template_id" ref="mail_template_triage"/>' in records
    assert """<field name="rating_template_id" eval="ref('mail_template_triage')"/>""" in records
    # each copy keeps its own noupdate
    assert records.index("<data>") < records.index('id="mail_template_triage"') \
        < records.index('<data noupdate="1">') < records.index('id="stage_triage"')


def test_code_names_the_copies_and_keeps_what_cannot_be_copied(tmp_path: Path) -> None:
    conversion = _conversion(tmp_path)
    ((plan, _),) = conversion.moved
    assert "env.ref('quill_case_actions.stage_triage')" in plan.code
    # a user cannot be copied (its login is unique): the action names the original, which stays
    assert "env.ref('quill_case.user_bot')" in plan.code
    assert conversion.audit.stays["data"] == ["checklist_default", "stage_unused", "user_bot"]
    # the original stage is taken over where the addon is installed: what points to it stays on it
    adopt = conversion.files["data/adopt_records.xml"]
    assert "('quill_case.stage_triage', 'stage_triage', 'project.task.type', True)" in adopt
    assert "quill_case.user_bot" not in adopt
    assert "takes its records over" in conversion.files["CONVERSION.md"]
