import time

import pytest

from migrator.analyze.xml_facts import (
    XmlFileFacts,
    model_from_ref,
    parse_access_csv,
    parse_xml_file,
)
from migrator.model import Finding, Span


def facts(text: str, rel: str = "data/file.xml", module: str = "sale_extra") -> XmlFileFacts:
    result = parse_xml_file(rel, text, module)
    assert isinstance(result, XmlFileFacts), result
    return result


CRON_FILE = """\
<?xml version="1.0" encoding="utf-8"?>
<odoo noupdate="1">
    <record id="ir_cron_send_reminders" model="ir.cron">
        <field name="name">Sale: send reminders</field>
        <field name="model_id" ref="sale_extra.model_sale_order"/>
        <field name="state">code</field>
        <field name="code">model._cron_send_reminders()</field>
        <field name="user_id" ref="base.user_root"/>
        <field name="interval_number">1</field>
        <field name="interval_type">days</field>
    </record>
    <record id="ir_cron_expire"
            model="ir.cron">
        <field name="name">Expire quotations</field>
        <field name="model_id" ref="model_sale_order"/>
        <field name="state">code</field>
        <field name="code">
            days = 30
            env['sale.order'].sudo()._expire_quotations(days=days)
        </field>
        <field name="interval_number" eval="2"/>
        <field name="interval_type">weeks</field>
        <field name="active" eval="False"/>
    </record>
</odoo>
"""


def test_crons():
    result = facts(CRON_FILE)
    first, second = result.crons
    assert first.xmlid == "ir_cron_send_reminders"
    assert first.model == "sale.order"
    assert first.method == "_cron_send_reminders"
    assert first.code == "model._cron_send_reminders()"
    assert (first.interval_number, first.interval_type) == (1, "days")
    assert first.active is True  # no `active` field: Odoo's default
    assert first.user_ref == "base.user_root"
    assert first.span == Span("data/file.xml", 3, 11)
    # The start tag spans lines 12-13: the span starts at '<record', not where lxml puts it.
    assert second.span == Span("data/file.xml", 12, 24)
    assert second.method == "_expire_quotations"
    assert second.code == "days = 30\nenv['sale.order'].sudo()._expire_quotations(days=days)"
    assert (second.interval_number, second.interval_type, second.active) == (2, "weeks", False)
    assert second.user_ref is None
    assert result.cron_model_refs == {
        "ir_cron_send_reminders": "sale_extra.model_sale_order",
        "ir_cron_expire": "model_sale_order",
    }
    assert all(r.noupdate for r in result.records)
    assert [r.model for r in result.records] == ["ir.cron", "ir.cron"]


@pytest.mark.parametrize("code, method", [
    ("model.action_done()", "action_done"),
    ("model.with_context(mail_notrack=True)._cron_archive(limit=10)", "_cron_archive"),
    ("model.search([('state', '=', 'draft')]).action_cancel()", "action_cancel"),
    ("model.env['stock.picking']._cron_check()", "_cron_check"),
    ("if True:\n    model.b()\nmodel.a()", "b"),  # first in the text, not in tree order
    ("records = model.search([])\nrecords.write({'x': 1})", None),
    ("log('nothing to call')", None),
    ("model.(broken", None),
])
def test_cron_method_from_code(code, method):
    text = ('<odoo><record id="c" model="ir.cron"><field name="model_id" ref="model_a_b"/>'
            f'<field name="code"><![CDATA[{code}]]></field></record></odoo>')
    assert facts(text).crons[0].method == method


def test_legacy_cron_with_model_and_function_fields():
    text = """<openerp><data>
        <record id="c" model="ir.cron">
            <field name="model">res.partner</field>
            <field name="function">_cron_sync</field>
            <field name="active">False</field>
        </record>
    </data></openerp>"""
    cron = facts(text).crons[0]
    assert (cron.model, cron.method, cron.code, cron.active) == (
        "res.partner", "_cron_sync", None, False)
    assert facts(text).cron_model_refs == {}


def test_cron_refs_given_by_eval_and_boolean_text():
    text = """<odoo>
        <record id="c" model="ir.cron">
            <field name="model_id" eval="ref('stock.model_stock_picking')"/>
            <field name="user_id" eval="ref( 'base.user_admin' )"/>
            <field name="code">model._cron_late()</field>
            <field name="interval_number" eval="True"/>
            <field name="active">0</field>
        </record>
    </odoo>"""
    result = facts(text)
    cron = result.crons[0]
    assert (cron.model, cron.user_ref, cron.active) == ("stock.picking", "base.user_admin", False)
    assert cron.interval_number is None  # a bool is not an interval
    assert result.cron_model_refs == {"c": "stock.model_stock_picking"}


def test_model_from_ref_prefers_a_known_model():
    assert model_from_ref("library.model_library_book_rent") == "library.book.rent"
    assert model_from_ref("model_library_book_rent", {"library.book_rent", "res.partner"}) == \
        "library.book_rent"
    assert model_from_ref("model_res_partner", {"library.book_rent"}) == "res.partner"


VIEW_FILE = """\
<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="view_order_form_inherit" model="ir.ui.view">
        <field name="name">sale.order.form.inherit</field>
        <field name="model">sale.order</field>
        <field name="inherit_id" ref="sale.view_order_form"/>
        <field name="arch" type="xml">
            <xpath expr="//header" position="inside">
                <button name="action_send_reminder" type="object" string="Remind"/>
                <button name="%(sale_extra.action_wizard)d" type="action" string="Wizard"/>
                <button name="action_mark_urgent"
                        type="object"
                        string="Urgent"
                        invisible="state != 'draft'"/>
            </xpath>
        </field>
    </record>
    <record id="action_orders" model="ir.actions.act_window">
        <field name="name">Orders</field>
        <field name="res_model">sale.order</field>
        <field name="view_mode">list,form</field>
        <field name="context" eval="{'search_default_draft': 1}"/>
        <field name="search_view_id" search="[('name', '=', 'sale.order.search')]"/>
    </record>
    <menuitem id="menu_root" name="Extra" sequence="20">
        <menuitem id="menu_orders" action="action_orders" groups="base.group_user"/>
    </menuitem>
    <menuitem id="menu_other" parent="sale.sale_menu_root" name="Other"/>
</odoo>
"""


def test_view_buttons_and_fields():
    result = facts(VIEW_FILE, rel="views/sale_order.xml")
    # type="action" buttons call no method; the multi-line one spans lines 11-14.
    assert result.buttons == (
        ("sale.order", "action_send_reminder", Span("views/sale_order.xml", 9, 9)),
        ("sale.order", "action_mark_urgent", Span("views/sale_order.xml", 11, 14)),
    )
    view, action = result.records[:2]
    assert view.span == Span("views/sale_order.xml", 3, 17)
    assert view.fields["inherit_id"] == "ref:sale.view_order_form"
    assert view.fields["arch"].startswith('<xpath expr="//header" position="inside">')
    assert view.fields["arch"].endswith("</xpath>")
    assert action.fields == {
        "name": "Orders",
        "res_model": "sale.order",
        "view_mode": "list,form",
        "context": "eval:{'search_default_draft': 1}",
        "search_view_id": "search:[('name', '=', 'sale.order.search')]",
    }


def test_menus_nested_and_shortcut_fields():
    records = facts(VIEW_FILE).records
    menus = {r.xmlid: r for r in records if r.model == "ir.ui.menu"}
    assert menus["menu_root"].fields == {"name": "Extra", "sequence": "20"}
    assert menus["menu_root"].span == Span("data/file.xml", 25, 27)
    assert menus["menu_orders"].fields == {
        "groups": "base.group_user", "parent_id": "ref:menu_root", "action": "ref:action_orders"}
    assert menus["menu_other"].fields == {"name": "Other", "parent_id": "ref:sale.sale_menu_root"}


def test_legacy_act_window_and_report_tags():
    text = """<odoo>
        <act_window id="act_x" name="X" res_model="x.y" view_mode="tree,form"/>
        <report id="report_x" model="x.y" string="X" report_type="qweb-pdf" name="m.report_x"/>
    </odoo>"""
    act, report = facts(text).records
    assert (act.xmlid, act.model, act.fields["res_model"]) == (
        "act_x", "ir.actions.act_window", "x.y")
    assert (report.model, report.fields["name"], report.span.line_start) == (
        "ir.actions.report", "m.report_x", 3)


TEMPLATE_FILE = """\
<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <template id="report_saleorder_document_inherit" inherit_id="sale.report_saleorder_document"
              priority="20">
        <xpath expr="//div[@name='signature']" position="after">
            <p t-if="doc.note">Note: <span t-field="doc.note"/></p>
        </xpath>
    </template>
    <template id="portal_banner" name="Portal banner" active="False">
        <div class="banner">
            <template><span>an HTML template element, not a record</span></template>
        </div>
    </template>
</odoo>
"""


def test_qweb_templates():
    inherit, banner = facts(TEMPLATE_FILE, rel="views/report.xml").records
    assert inherit.model == banner.model == "ir.ui.view"
    assert inherit.span == Span("views/report.xml", 3, 8)
    assert inherit.fields["inherit_id"] == "ref:sale.report_saleorder_document"
    assert inherit.fields["priority"] == "20"
    assert inherit.fields["key"] == "sale_extra.report_saleorder_document_inherit"
    assert inherit.fields["type"] == "qweb"
    assert '<span t-field="doc.note"/>' in inherit.fields["arch"]
    assert banner.fields["name"] == "Portal banner"
    assert banner.fields["active"] == "eval:False"
    assert banner.fields["arch"].startswith('<div class="banner">')
    assert "inherit_id" not in banner.fields


def test_theme_module_templates_are_theme_views():
    record = facts('<odoo><template id="t"><div/></template></odoo>', module="theme_x").records[0]
    assert record.model == "theme.ir.ui.view"


def test_mail_template_body_and_noupdate_nesting():
    text = """<odoo noupdate="1">
    <data>
        <record id="mail_tpl" model="mail.template">
            <field name="name">Reminder</field>
            <field name="model_id" ref="sale.model_sale_order"/>
            <field name="subject">Reminder {{ object.name }}</field>
            <field name="body_html" type="html"><div><p>Dear <t t-out="object.name"/>,</p></div></field>
        </record>
    </data>
    <data noupdate="0">
        <record id="tpl_plain" model="mail.template">
            <field name="body_html">&lt;p&gt;Hello&lt;/p&gt;</field>
        </record>
    </data>
</odoo>"""
    html, plain = facts(text).records
    assert html.noupdate is True  # inherited from <odoo noupdate="1">
    assert plain.noupdate is False  # the inner <data noupdate="0"> wins
    assert html.fields["body_html"] == '<div><p>Dear <t t-out="object.name"/>,</p></div>'
    assert plain.fields["body_html"] == "<p>Hello</p>"  # text, as Odoo stores it
    assert html.fields["subject"] == "Reminder {{ object.name }}"


def test_one2many_nested_records():
    text = """<odoo>
    <record id="tag_a" model="project.project">
        <field name="name">P</field>
        <field name="type_ids">
            <record id="stage_new" model="project.task.type"><field name="name">New</field></record>
        </field>
    </record>
</odoo>"""
    project, stage = facts(text).records
    assert (stage.xmlid, stage.model, stage.fields) == (
        "stage_new", "project.task.type", {"name": "New"})
    assert stage.span == Span("data/file.xml", 5, 5)


def test_non_data_roots_hold_no_records():
    owl = ('<templates xml:space="preserve">'
           '<t t-name="x.Y"><button name="a" type="object"/></t></templates>')
    result = facts(owl, rel="static/src/x.xml")
    assert result.records == result.crons == result.buttons == ()


def test_encoding_declaration_is_honoured_for_decoded_text():
    text = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n'
            '<odoo><record id="p" model="res.partner">'
            '<field name="name">Café Müller</field></record></odoo>')
    assert facts(text).records[0].fields["name"] == "Café Müller"


def test_comments_and_cdata_do_not_shift_spans():
    text = """<odoo>
    <!-- <record id="old" model="ir.cron">
    </record> -->
    <record id="a" model="x.y">
        <field name="code"><![CDATA[
if a < b and '<record>':
    pass
]]></field>
    </record>
    <record id="b" model="x.y"/>
</odoo>"""
    a, b = facts(text).records
    assert a.span == Span("data/file.xml", 4, 9)
    assert b.span == Span("data/file.xml", 10, 10)


def test_broken_xml_reports_the_line():
    text = """<odoo>
    <record id="a" model="x.y">
        <field name="name">A</field>
    </record>
    <record id="b" model="x.y">
        <field name="name">B</fiel>
    </record>
</odoo>"""
    result = parse_xml_file("views/broken.xml", text, "m")
    assert isinstance(result, Finding)
    assert (result.code, result.file, result.line) == ("invalid-xml", "views/broken.xml", 6)
    assert result.message.startswith("Opening and ending tag mismatch")
    assert result.message.endswith(".") and "\n" not in result.message


def test_empty_and_nul_files_are_findings():
    for text in ("", "<odoo>\x00</odoo>"):
        result = parse_xml_file("data/x.xml", text, "m")
        assert isinstance(result, Finding) and result.code == "invalid-xml"


def _bomb(reference: str) -> str:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?>\n<!DOCTYPE odoo [{entities}]>\n<odoo>\n'
            f'<record id="x" model="res.partner">{reference}</record>\n</odoo>\n')


@pytest.mark.parametrize("reference", [
    '<field name="name">&lol9;</field>',
    '<field name="name" eval="\'&lol9;\'"/>',
])
def test_billion_laughs_does_not_expand(reference):
    started = time.perf_counter()
    result = parse_xml_file("data/bomb.xml", _bomb(reference), "m")
    assert time.perf_counter() - started < 1
    # Either refused or kept as an unexpanded reference: never 10^9 characters.
    assert len(repr(result)) < 2000


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    text = (f'<?xml version="1.0"?>\n<!DOCTYPE odoo [<!ENTITY e SYSTEM "file://{secret}">]>\n'
            '<odoo><record id="x" model="res.partner">'
            '<field name="name">&e;</field></record></odoo>')
    result = parse_xml_file("data/xxe.xml", text, "m")
    assert "TOP-SECRET" not in repr(result)


# -------------------------------------------------------------------- access CSV

def test_access_csv_rows():
    text = ("id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink\n"
            "access_a,a,model_a,base.group_user,1,1,1,0\n"
            "\n"
            "access_b,b,model_b,,1,0,0,0\n")
    assert parse_access_csv("security/ir.model.access.csv", text) == (2, None)


def test_access_csv_problems():
    # The quoted name spans lines 2-3, so the short row is on line 4.
    text = 'id,name,model_id:id\naccess_a,"two\nlines",model_a\naccess_b,b\n'
    rows, problem = parse_access_csv("security/ir.model.access.csv", text)
    assert rows == 2
    assert problem is not None and (problem.code, problem.line) == ("invalid-csv", 4)
    rows, problem = parse_access_csv("security/ir.model.access.csv", "")
    assert rows == 0 and problem is not None and problem.code == "invalid-csv"
