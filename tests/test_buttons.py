"""Buttons of an addon's views calling methods that become server actions: the view moves into
the data module, the buttons calling the actions (`type="action"`, `name="%(data.action)d"`);
when a record staying in the addon refers to the view, the methods it calls stay. Buttons of
methods that stay are left as written."""

from __future__ import annotations

import ast
from pathlib import Path

from lxml import etree

from migrator.audit import audit_addon
from migrator.discover import discover
from migrator.generate import convert_addon, write_module, write_residual

MODEL = '''from odoo import fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'
{field}
    def action_mark_vip(self):
        for partner in self:
            partner.{target} = 'VIP'

    def action_recount(self):
        self.env.cr.execute("SELECT 1")
'''

FORM = '''    <record id="view_partner_form_vip" model="ir.ui.view">
        <field name="name">res.partner.form.vip</field>
        <field name="model">res.partner</field>
        <field name="inherit_id" ref="base.view_partner_form"/>
        <field name="arch" type="xml">
            <xpath expr="//sheet" position="before">
                <header>
                    <button name="action_mark_vip" type="object" string="Mark VIP" class="oe_highlight"
                            groups="base.group_partner_manager" confirm="Mark as VIP?"
                            context="{'from_button': True}" invisible="not active"/>
                    <button name="action_recount" type="object" string="Recount"/>
                </header>
            </xpath>
        </field>
    </record>
'''
LIST = '''    <record id="view_partner_list_vip" model="ir.ui.view">
        <field name="name">res.partner.list.vip</field>
        <field name="model">res.partner</field>
        <field name="priority">99</field>
        <field name="arch" type="xml">
            <tree>
                <header>
                    <button name="action_mark_vip" type="object" string="Mark VIP"/>
                </header>
                <field name="name"/>
                <button name="action_mark_vip" type="object" icon="fa-star" title="VIP"/>
            </tree>
        </field>
    </record>
'''
KANBAN = '''    <record id="view_partner_kanban_vip" model="ir.ui.view">
        <field name="name">res.partner.kanban.vip</field>
        <field name="model">res.partner</field>
        <field name="inherit_id" ref="base.res_partner_kanban_view"/>
        <field name="arch" type="xml">
            <xpath expr="//field[@name='display_name']" position="after">
                <a name="action_mark_vip" type="object">VIP</a>
            </xpath>
        </field>
    </record>
'''
# another view of the addon extending the form: the form cannot leave the addon
EXTENSION = '''    <record id="view_partner_form_vip_more" model="ir.ui.view">
        <field name="name">res.partner.form.vip.more</field>
        <field name="model">res.partner</field>
        <field name="inherit_id" ref="view_partner_form_vip"/>
        <field name="arch" type="xml">
            <xpath expr="//header" position="inside">
                <button name="action_recount" type="object" string="Recount again"/>
            </xpath>
        </field>
    </record>
'''


def make_addon(root: Path, views: str, *, own_field: bool = False, name: str = "sample_buttons") -> Path:
    folder = root / name
    (folder / "models").mkdir(parents=True)
    (folder / "views").mkdir()
    (folder / "__manifest__.py").write_text(
        f"{{\n    'name': 'Sample buttons',\n    'version': '18.0.1.0.0',\n    'depends': ['base'],\n"
        f"    'data': ['views/res_partner_views.xml'],\n    'license': 'LGPL-3',\n}}\n")
    (folder / "__init__.py").write_text("from . import models\n")
    (folder / "models" / "__init__.py").write_text("from . import res_partner\n")
    field = "\n    vip_note = fields.Char()\n" if own_field else ""
    (folder / "models" / "res_partner.py").write_text(
        MODEL.format(field=field, target="vip_note" if own_field else "ref"))
    (folder / "views" / "res_partner_views.xml").write_text(
        f'<?xml version="1.0" encoding="utf-8"?>\n<odoo>\n{views}</odoo>\n')
    return folder


def convert(folder: Path, fields: str = "residual"):
    (addon,) = discover([str(folder)], series="18.0")
    return convert_addon(addon, "18.0", fields=fields)


def records(path: Path) -> dict[str, etree._Element]:
    root = etree.parse(str(path)).getroot()
    return {r.get("id"): r for r in root.iter("record")}


def arch_buttons(record: etree._Element) -> list[dict[str, str]]:
    arch = next(f for f in record.iterchildren("field") if f.get("name") == "arch")
    return [dict(b.attrib) for b in arch.iter("button", "a")]


ACTION = "%(sample_buttons_actions.action_res_partner_action_mark_vip)d"


def test_a_view_calling_a_moved_method_moves_with_its_buttons_calling_the_action(tmp_path: Path) -> None:
    folder = make_addon(tmp_path / "addons", FORM + LIST + KANBAN)
    conversion = convert(folder)
    assert [plan.method for plan, _ in conversion.moved] == ["action_mark_vip"]
    assert write_module(conversion, tmp_path / "out") == []  # check passes: the action loads before the views
    module = tmp_path / "out" / conversion.name
    manifest = ast.literal_eval((module / "__manifest__.py").read_text())
    assert manifest["data"] == ["data/server_actions.xml", "views/views.xml"]
    views = records(module / "views" / "views.xml")
    assert sorted(views) == ["view_partner_form_vip", "view_partner_kanban_vip", "view_partner_list_vip"]
    moved, staying = arch_buttons(views["view_partner_form_vip"])
    assert moved == {"name": ACTION, "type": "action", "string": "Mark VIP", "class": "oe_highlight",
                     "groups": "base.group_partner_manager", "confirm": "Mark as VIP?",
                     "context": "{'from_button': True}", "invisible": "not active"}
    assert staying == {"name": "action_recount", "type": "object", "string": "Recount"}  # its method stays
    assert [b["name"] for b in arch_buttons(views["view_partner_list_vip"])] == [ACTION, ACTION]
    kanban = next(views["view_partner_kanban_vip"].iter("a"))
    assert (kanban.get("name"), kanban.get("type")) == (ACTION, "action")
    # the form names a method that stays in the addon: the data module depends on the addon
    assert "sample_buttons" in manifest["depends"]
    text = (module / "CONVERSION.md").read_text()
    assert "`view_partner_form_vip` names what stays in `sample_buttons` (method res.partner.action_recount)" in text

    assert write_residual(conversion, tmp_path / "res") == []
    residual = tmp_path / "res" / "sample_buttons"
    assert records(residual / "views" / "res_partner_views.xml") == {}
    assert "def action_recount" in (residual / "models" / "res_partner.py").read_text()
    assert "def action_mark_vip" not in (residual / "models" / "res_partner.py").read_text()
    assert ast.literal_eval((residual / "__manifest__.py").read_text())["depends"] == ["base"]


def test_the_audit_says_what_convert_writes(tmp_path: Path) -> None:
    alone = make_addon(tmp_path / "a", FORM.replace(
        '<button name="action_recount" type="object" string="Recount"/>', ""))
    (addon,) = discover([str(alone)], series="18.0")
    result = audit_addon(addon)
    assert result.stays == {"methods": ["res.partner.action_recount"]}  # the view goes with the action
    assert not convert(alone).audit.stays.get("views")

    held = make_addon(tmp_path / "b", FORM + EXTENSION)
    (addon,) = discover([str(held)], series="18.0")
    assert audit_addon(addon).stays["views"] == ["view_partner_form_vip", "view_partner_form_vip_more"]


def test_a_view_another_staying_record_extends_keeps_the_methods_it_calls(tmp_path: Path) -> None:
    # the residual's form could call the data module's action only by depending on it, and Odoo
    # loads no module that depends on an imported one
    folder = make_addon(tmp_path / "addons", FORM + EXTENSION)
    conversion = convert(folder)
    assert conversion.moved == ()
    (item,) = [n for n in conversion.not_converted if n.method == "action_mark_vip"]
    assert [b.code for b in item.blockers] == ["button-view-stays"]
    assert item.blockers[0].message.startswith(
        "the view view_partner_form_vip calling it stays in the module (view_partner_form_vip_more, which stays, "
        "refers to it)")
    (addon,) = discover([str(folder)], series="18.0")
    unit = next(u for u in audit_addon(addon).units if u.method == "action_mark_vip")
    assert unit.convertible == "no" and [b.code for b in unit.blockers] == ["button-view-stays"]


def test_the_staying_record_named_is_the_first_in_the_files(tmp_path: Path) -> None:
    # reports are the same from run to run: not the order of a set of ids
    second, first = (EXTENSION.replace("view_partner_form_vip_more", f"view_partner_form_vip_{x}") for x in "ab")
    conversion = convert(make_addon(tmp_path / "addons", FORM + first + second))
    (item,) = [n for n in conversion.not_converted if n.method == "action_mark_vip"]
    assert "(view_partner_form_vip_b, which stays, refers to it)" in item.blockers[0].message


def test_a_view_extending_a_moved_view_moves_with_it(tmp_path: Path) -> None:
    extension = EXTENSION.replace('name="action_recount" type="object" string="Recount again"',
                                  'name="action_mark_vip" type="object" string="VIP again"')
    conversion = convert(make_addon(tmp_path / "addons", FORM + extension))
    assert conversion.views.moved == ["view_partner_form_vip", "view_partner_form_vip_more"]
    assert write_module(conversion, tmp_path / "out") == []
    views = records(tmp_path / "out" / conversion.name / "views" / "views.xml")
    inherit = next(f for f in views["view_partner_form_vip_more"].iterchildren("field") if f.get("name") == "inherit_id")
    assert inherit.get("ref") == "view_partner_form_vip"  # the data module's copy


def test_with_fields_data_the_button_view_moves_too(tmp_path: Path) -> None:
    folder = make_addon(tmp_path / "addons", FORM, own_field=True)
    conversion = convert(folder, fields="data")
    assert write_module(conversion, tmp_path / "out") == []
    views = records(tmp_path / "out" / conversion.name / "views" / "views.xml")
    assert [b["type"] for b in arch_buttons(views["view_partner_form_vip"])] == ["action", "object"]


def test_check_resolves_the_action_a_button_names(tmp_path: Path) -> None:
    from migrator.check import check_module

    folder = make_addon(tmp_path / "addons", FORM)
    conversion = convert(folder)
    assert write_module(conversion, tmp_path / "out") == []
    module = tmp_path / "out" / conversion.name
    views = module / "views" / "views.xml"
    views.write_text(views.read_text().replace("action_res_partner_action_mark_vip)d", "action_nope)d"))
    assert [(f.code, f.file) for f in check_module(str(module), "18.0")] == [("ref-unresolved", "views/views.xml")]
    # a view loaded before the action it names
    views.write_text(views.read_text().replace("action_nope)d", "action_res_partner_action_mark_vip)d"))
    manifest = module / "__manifest__.py"
    manifest.write_text(manifest.read_text().replace(
        "'data/server_actions.xml',\n        'views/views.xml',", "'views/views.xml',\n        'data/server_actions.xml',"))
    assert [f.code for f in check_module(str(module), "18.0")] == ["ref-forward"]
