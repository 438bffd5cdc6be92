import textwrap

import pytest

from migrator.check import CHECK_CODES, check_module
from migrator.check.sandbox import check_code

SERVER_ACTION_17 = """\
<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="action_mark_done" model="ir.actions.server">
        <field name="name">Mark done</field>
        <field name="model_id" ref="sale.model_sale_order"/>
        <field name="state">code</field>
        <field name="code"><![CDATA[
for order in records:
    order.write({'note': 'done'})
]]></field>
    </record>
    <record id="rule_mark_done" model="base.automation">
        <field name="name">Mark done on confirm</field>
        <field name="model_id" ref="sale.model_sale_order"/>
        <field name="trigger">on_write</field>
        <field name="trigger_field_ids" eval="[(6, 0, [ref('sale.field_sale_order__state')])]"/>
        <field name="action_server_ids" eval="[(4, ref('action_mark_done'))]"/>
    </record>
    <record id="cron_nightly" model="ir.cron">
        <field name="name">Nightly</field>
        <field name="model_id" ref="sale.model_sale_order"/>
        <field name="state">code</field>
        <field name="code">model.search([]).write({'note': False})</field>
        <field name="user_id" ref="base.user_root"/>
        <field name="interval_number">1</field>
        <field name="interval_type">days</field>
        {cron_extra}
    </record>
</odoo>
"""

AUTOMATION_16 = """\
<odoo>
    <record id="rule_set_note" model="base.automation">
        <field name="name">Set note</field>
        <field name="model_id" ref="sale.model_sale_order"/>
        <field name="trigger">on_create</field>
        <field name="state">object_write</field>
        <field name="fields_lines" eval="[(0, 0, {'col1': ref('sale.field_sale_order__note'), 'value': 'x'})]"/>
    </record>
</odoo>
"""


def write_module(tmp_path, files, depends=("sale",), data=None, name="sale_actions"):
    folder = tmp_path / name
    folder.mkdir()
    data = list(files) if data is None else data
    (folder / "__manifest__.py").write_text(
        f"{{'name': 'Sale actions', 'version': '1.0', 'depends': {list(depends)!r},\n"
        f" 'data': {data!r}}}\n")
    for relpath, text in files.items():
        target = folder / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return str(folder)


def codes(findings):
    return [f.code for f in findings]


def module_with_code(tmp_path, code, series="18.0"):
    xml = SERVER_ACTION_17.replace("{cron_extra}", "").replace(
        "for order in records:\n    order.write({'note': 'done'})", code)
    return check_module(write_module(tmp_path, {"data/actions.xml": xml}), series)


# ------------------------------------------------------------------ valid modules

@pytest.mark.parametrize("series", ["17.0", "18.0", "19.0"])
def test_valid_module_passes(tmp_path, series):
    xml = SERVER_ACTION_17.replace("{cron_extra}", "")
    assert check_module(write_module(tmp_path, {"data/actions.xml": xml}), series) == []


def test_valid_16_module_with_delegated_automation_passes(tmp_path):
    xml = SERVER_ACTION_17.replace("{cron_extra}", '<field name="numbercall">-1</field>')
    xml = xml.split('    <record id="rule_mark_done"')[0] + "</odoo>\n"
    folder = write_module(tmp_path, {"data/actions.xml": xml, "data/rules.xml": AUTOMATION_16})
    assert check_module(folder, "16.0") == []


# ------------------------------------------------------------------ manifest and files

def test_missing_data_file_points_at_the_manifest_line(tmp_path):
    folder = write_module(tmp_path, {}, data=["data/nowhere.xml"])
    [finding] = check_module(folder, "18.0")
    assert (finding.code, finding.file, finding.line) == ("data-file-missing", "__manifest__.py", 2)


def test_manifest_must_be_a_literal_dict_with_required_keys(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "__manifest__.py").write_text("x = {'name': 'M'}\n")
    assert codes(check_module(str(folder), "18.0")) == ["manifest-invalid"]
    (folder / "__manifest__.py").write_text("{'name': 'M', 'version': '1.0', 'data': []}\n")
    [finding] = check_module(str(folder), "18.0")
    assert finding.code == "manifest-key" and "depends" in finding.message
    assert codes(check_module(str(tmp_path), "18.0")) == ["manifest-missing"]


def test_malformed_xml_reports_its_line(tmp_path):
    broken = "<odoo>\n  <record id='a' model='ir.actions.server'>\n    <field name='name'>x</record>\n</odoo>\n"
    [finding] = check_module(write_module(tmp_path, {"data/a.xml": broken}), "18.0")
    assert (finding.code, finding.file, finding.line) == ("xml-malformed", "data/a.xml", 3)


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cret")
    xml = (f'<!DOCTYPE odoo [<!ENTITY x SYSTEM "file://{secret}">]>\n<odoo>\n'
           '<record id="a" model="ir.actions.server"><field name="name">a</field>'
           '<field name="state">&x;</field>'
           '<field name="model_id" ref="base.model_res_partner"/></record></odoo>')
    # a resolved entity would land in the state value, and in a field-value finding
    findings = check_module(write_module(tmp_path, {"data/a.xml": xml}), "18.0")
    assert all("s3cret" not in f.message for f in findings)


# ------------------------------------------------------------------ models and fields

def test_numbercall_is_unknown_on_18(tmp_path):
    xml = SERVER_ACTION_17.replace("{cron_extra}", '<field name="numbercall">-1</field>')
    [finding] = check_module(write_module(tmp_path, {"data/actions.xml": xml}), "18.0")
    assert (finding.code, finding.file, finding.line) == ("field-unknown", "data/actions.xml", 27)
    assert "numbercall" in finding.message and "18.0" in finding.message


def test_group_ids_is_unknown_on_17_and_fine_on_19(tmp_path):
    xml = SERVER_ACTION_17.replace("{cron_extra}",
                                   '<field name="group_ids" eval="[(4, ref(\'base.group_user\'))]"/>')
    folder = write_module(tmp_path, {"data/actions.xml": xml})
    assert codes(check_module(folder, "17.0")) == ["field-unknown"]
    assert check_module(folder, "19.0") == []


def test_unknown_model_and_state_value_per_series(tmp_path):
    xml = ("<odoo>\n<record id='a' model='x.nothing'><field name='name'>x</field></record>\n"
           "<record id='b' model='ir.actions.server'><field name='name'>b</field>\n"
           "<field name='model_id' ref='base.model_res_partner'/><field name='state'>webhook</field></record>\n"
           "</odoo>\n")
    folder = write_module(tmp_path, {"a.xml": xml}, depends=["base"])
    assert codes(check_module(folder, "16.0")) == ["model-unknown", "field-value"]
    assert codes(check_module(folder, "17.0")) == ["model-unknown"]


def test_automation_in_16_has_no_action_server_ids(tmp_path):
    xml = SERVER_ACTION_17.replace("{cron_extra}", "")
    found = check_module(write_module(tmp_path, {"data/actions.xml": xml}), "16.0")
    assert ("field-unknown", 17) in [(f.code, f.line) for f in found]


UNLINK_RULE_18 = """\
<odoo>
    <record id="rule_gone" model="base.automation">
        <field name="name">Gone</field>
        <field name="model_id" ref="sale.model_sale_order"/>
        <field name="trigger">on_unlink</field>
    </record>
    <record id="action_gone" model="ir.actions.server">
        <field name="name">Gone</field>
        <field name="model_id" ref="sale.model_sale_order"/>
        <field name="usage">base_automation</field>
        <field name="base_automation_id" ref="rule_gone"/>
        <field name="state">{state}</field>
    </record>
</odoo>
"""


@pytest.mark.parametrize("state, refused", [("mail_post", True), ("next_activity", True), ("code", False)])
def test_an_unlink_rule_may_not_post_follow_or_plan(tmp_path, state, refused):
    folder = write_module(tmp_path, {"data/rules.xml": UNLINK_RULE_18.format(state=state)})
    found = [(f.code, f.line) for f in check_module(folder, "18.0")]
    assert found == ([("trigger-state", 7)] if refused else [])


def test_an_unlink_rule_of_16_holds_the_refused_state_itself(tmp_path):
    xml = AUTOMATION_16.replace("on_create", "on_unlink").replace("object_write", "followers")
    xml = xml.replace("""<field name="fields_lines" eval="[(0, 0, {'col1': ref('sale.field_sale_order__note'), 'value': 'x'})]"/>""", "")
    found = check_module(write_module(tmp_path, {"data/rules.xml": xml}), "16.0")
    assert [(f.code, f.line) for f in found] == [("trigger-state", 2)]


# ------------------------------------------------------------------ references

def test_unresolved_ref(tmp_path):
    xml = SERVER_ACTION_17.replace("{cron_extra}", "").replace("base.user_root", "base.user_nobody")
    [finding] = check_module(write_module(tmp_path, {"data/actions.xml": xml}), "18.0")
    assert (finding.code, finding.line) == ("ref-unresolved", 24)
    assert "base.user_nobody" in finding.message


def test_ref_to_a_later_record_is_a_forward_ref(tmp_path):
    first = "<odoo><record id='a' model='ir.actions.server'><field name='name'>a</field>" \
            "<field name='model_id' ref='base.model_res_partner'/>" \
            "<field name='child_ids' eval=\"[(6, 0, [ref('b')])]\"/></record></odoo>"
    second = "<odoo><record id='b' model='ir.actions.server'><field name='name'>b</field>" \
             "<field name='model_id' ref='base.model_res_partner'/></record></odoo>"
    folder = write_module(tmp_path, {"a.xml": first, "b.xml": second}, depends=["base"])
    assert codes(check_module(folder, "18.0")) == ["ref-forward"]
    other = tmp_path / "o"
    other.mkdir()
    folder = write_module(other, {"a.xml": first, "b.xml": second}, depends=["base"],
                          data=["b.xml", "a.xml"])
    assert check_module(folder, "18.0") == []


def test_refs_into_custom_dependencies_are_trusted(tmp_path):
    xml = ("<odoo><record id='a' model='ir.actions.server'><field name='name'>a</field>"
           "<field name='model_id' ref='my_custom.model_my_thing'/>"
           "<field name='help' eval=\"'see %(my_custom.act)d'\"/>"
           "<field name='child_ids' eval=\"[(6, 0, [ref('my_custom.other')])]\"/></record></odoo>")
    assert check_module(write_module(tmp_path, {"a.xml": xml}, depends=["my_custom"]), "18.0") == []
    other = tmp_path / "o"
    other.mkdir()
    found = check_module(write_module(other, {"a.xml": xml}, depends=["sale"]), "18.0")
    assert codes(found) == ["ref-unresolved"] * 3


def test_field_xmlid_of_an_action_model_follows_the_series(tmp_path):
    xml = ("<odoo><record id='a' model='ir.actions.server'><field name='name'>a</field>"
           "<field name='model_id' ref='base.model_res_partner'/>"
           "<field name='binding_model_id' ref='base.model_res_partner'/>"
           "<field name='child_ids' eval=\"[(6, 0, [])]\"/>"
           "<field name='link_field_id' ref='base.field_ir_cron__failure_count'/></record></odoo>")
    folder = write_module(tmp_path, {"a.xml": xml}, depends=["base"])
    assert check_module(folder, "18.0") == []
    assert codes(check_module(folder, "17.0")) == ["ref-unresolved"]


# ------------------------------------------------------------------ code fields

@pytest.mark.parametrize("code, expected", [
    ("import os", "code-import"),
    ("records.name = 'x'", "code-attribute-write"),
    ("x = records.__class__", "code-dunder"),
    ("def f(a):\n    return lambda: a", "code-closure"),
    ("with records as r:\n    pass", "code-statement"),
    ("getattr(records, 'name')", "code-name"),
    ("a, *b = [1, 2]", "code-starred-assignment"),
    ("def f():\n    global x", "code-global"),
    ("x = (", "code-syntax"),
])
def test_code_violations_become_findings(tmp_path, code, expected):
    found = module_with_code(tmp_path, code)
    assert expected in codes(found)
    assert {f.file for f in found} == {"data/actions.xml"}


def test_code_line_is_the_xml_line_of_the_offending_statement(tmp_path):
    # the code field opens on line 7; its CDATA text starts with a newline
    [finding] = module_with_code(tmp_path, "x = 1\ny = 2\nprint(x)")
    assert (finding.code, finding.line) == ("code-name", 10)


def test_names_with_one_underscore_are_legal_as_in_odoo(tmp_path):
    # safe_eval refuses only names containing "__": private methods and attributes are callable
    assert module_with_code(tmp_path, "seq = records._name\nenv['ir.sequence']._next()", series="17.0") == []


def test_restricted_python_refusals_are_reported(tmp_path):
    [finding] = module_with_code(tmp_path, "_getattr_ = 1", series="17.0")
    assert finding.code == "code-restricted" and finding.line == 8


# ------------------------------------------------------------------ sandbox, directly

def test_sandbox_accepts_ordinary_action_code():
    code = textwrap.dedent("""
        total = 0
        for rec in records:
            total += sum(line.price_total for line in rec.order_line)
            rec.write({'note': f'{total:.2f}'})
        def double(x, factor=2):
            return x * factor
        items = sorted(records, key=lambda r: r.id)
        try:
            log('ok %s' % double(len(items)))
        except Exception as e:
            raise UserError(str(e))
        action = {'type': 'ir.actions.act_window_close'}
    """)
    assert check_code(code, "18.0") == []


def test_sandbox_context_names_depend_on_series():
    assert check_code("_logger.info(json.dumps({}))", "17.0") == []
    assert [m for _, m in check_code("_logger.info('x')", "16.0")][0].startswith("'_logger'")
    assert check_code("raise Warning('x')", "16.0") == []
    assert check_code("raise Warning('x')", "17.0")


def test_sandbox_comprehension_over_an_enclosing_local_is_a_closure():
    [(line, message)] = check_code("def f(a):\n    return [a for x in range(3)]", "18.0")
    assert line == 2 and "comprehension" in message
    assert check_code("def f(a):\n    return [x for x in a]", "18.0") == []
    assert check_code("limit = 3\nbig = [r for r in records if r.id > limit]", "18.0") == []


def test_sandbox_refuses_item_deletion_and_frame_attributes():
    assert check_code("d = {}\ndel d['k']", "18.0")[0][0] == 2
    assert "frame" in check_code("x = records.gi_frame", "18.0")[0][1]
    assert check_code("d = {}\nd['k'] = 1\ndel d", "18.0") == []


def test_every_reported_code_is_documented(tmp_path):
    from pathlib import Path
    doc = (Path(__file__).resolve().parents[1] / "docs" / "check.md").read_text()
    for code, description in CHECK_CODES.items():
        assert f"`{code}`" in doc
        assert description.endswith(".")


# ------------------------------------------------------------------ read before any binding

@pytest.mark.parametrize("code, name, line", [
    # the first use reads it; only a later statement (or the body of that `if`) binds it
    ("if not date_ref:\n    date_ref = 1\nrecords.write({'note': date_ref})", "date_ref", 1),
    ("n += 1\nn = 0", "n", 1),
    ("log(str(total))\nfor rec in records:\n    total = rec.id", "total", 1),
    ("for rec in records:\n    log(str(limit))\nlimit = 3", "limit", 2),
    ("if records:\n    log(str(x))\nx = 1", "x", 2),
])
def test_a_name_read_before_any_binding_is_reported(code, name, line):
    assert check_code(code, "18.0") == [
        (line, f"{name!r} is read before the code binds it: a NameError when it runs")]


@pytest.mark.parametrize("code", [
    "date_ref = None\nif not date_ref:\n    date_ref = 1\nlog(str(date_ref))",
    # bound on one path before: it may be bound, no report (conservative)
    "if records:\n    x = 1\nlog(str(x))",
    # a later turn of the loop sees what an earlier one bound
    "for rec in records:\n    if rec.id > 1:\n        log(str(prev))\n    prev = rec",
    "while records:\n    if rec:\n        break\n    rec = records[0]",
    "try:\n    a = 1\nexcept Exception:\n    log(str(a))",
    # read when called, not when defined
    "f = lambda: later\nlater = 1",
    "def f():\n    return later\nlater = 1",
    # a context name rebound is read from the context first
    "records = records.filtered(lambda r: r.id)",
    "if (n := len(records)) > 2:\n    log(str(n))",
    "ids = [r.id for r in records]",
])
def test_a_name_that_may_be_bound_is_not_reported(code):
    assert check_code(code, "18.0") == []


def test_a_read_before_binding_becomes_a_finding_at_its_xml_line(tmp_path):
    [finding] = module_with_code(tmp_path, "if not date_ref:\n    date_ref = 1")
    assert (finding.code, finding.line) == ("code-unbound", 8)


LIST_VIEW = """<odoo>
  <record id="view_list" model="ir.ui.view">
    <field name="name">x</field>
    <field name="model">res.partner</field>
    <field name="arch" type="xml">
      <{tag}><field name="name"/></{tag}>
    </field>
  </record>
</odoo>
"""


@pytest.mark.parametrize(("series", "tag", "refused"), [
    ("17.0", "tree", False), ("17.0", "list", True), ("18.0", "tree", True), ("18.0", "list", False),
    ("19.0", "tree", True),
])
def test_a_list_view_of_another_series_is_refused(tmp_path, series, tag, refused):
    """Odoo 18.0 renamed the list view's root: a view of the other kind does not load there."""
    findings = check_module(write_module(tmp_path, {"data/a.xml": LIST_VIEW.format(tag=tag)},
                                         depends=("base",)), series)
    found = [(f.code, f.file, f.line) for f in findings if f.code == "data-refused"]
    assert found == ([("data-refused", "data/a.xml", 2)] if refused else [])
