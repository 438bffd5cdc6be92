"""mail.template rendering: inline templates and QWeb bodies over plain Python objects."""

from __future__ import annotations

from types import SimpleNamespace as Obj

import pytest
from markupsafe import Markup

from migrator.runtime.action_sandbox import SandboxViolation
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.render import (
    QWebError, RenderError, UnsupportedTemplate, render_inline, render_qweb, template_values,
)


def order(**changes):
    lines = [Obj(name="Chair <oak>", product_uom_qty=2, price_subtotal=90.0),
             Obj(name="Desk", product_uom_qty=1, price_subtotal=250.0)]
    fields = dict(name="S00042", partner_id=Obj(name="Azure & Co", email="azure@example.com"),
                  order_line=lines, amount_total=340.0, note=Markup("<p>Thank you!</p>"),
                  client_order_ref=False)
    fields.update(changes)
    return Obj(**fields)


def values(record=None, **extra):
    return template_values(record or order(), Obj(name="Mitchell Admin"), {"lang": "en_US"}, **extra)


# -- inline templates
def test_subject():
    assert render_inline("Order {{ object.name }} confirmed", values()) == "Order S00042 confirmed"


def test_text_outside_blocks_is_kept_as_is():
    text = "Ref: <b>{{ object.partner_id.email }}</b> & more {no block}"
    assert render_inline(text, values()) == "Ref: <b>azure@example.com</b> & more {no block}"


@pytest.mark.parametrize("expression, expected", [
    ("object.client_order_ref", ""), ("0", ""), ("''", ""), ("None", ""), ("[]", ""),
    # Odoo's pattern keeps the space before }} in the default
    ("object.client_order_ref ||| no reference", "no reference "),
    ("object.name ||| unused", "S00042"), ("object.client_order_ref or 'n/a'", "n/a"),
    ("object.amount_total", "340.0"), ("", ""),
])
def test_falsy_values_render_as_nothing_or_the_default(expression, expected):
    assert render_inline("{{ %s }}" % expression if expression else "{{ }}", values()) == expected


def test_blocks_do_not_span_lines():
    assert render_inline("{{ object.name\n}}", values()) == "{{ object.name\n}}"


def test_unknown_name_is_a_render_error():
    with pytest.raises(RenderError, match="'partner.name'.*NameError"):
        render_inline("{{ partner.name }}", values())


def test_sandbox_rules_apply_to_expressions():
    with pytest.raises(SandboxViolation, match="'__class__'"):
        render_inline("{{ object.__class__ }}", values())


def test_format_helpers_render_en_us_and_refuse_other_languages_by_name():
    record = order(date_order="2024-01-01")
    assert render_inline("{{ format_date(object.date_order) }}", values(record)) == "01/01/2024"
    with pytest.raises(RuntimeMissing, match="format_date.*lang_code='fr_FR'"):
        render_inline("{{ format_date(object.date_order, lang_code='fr_FR') }}", values(record))


def test_template_globals_are_available():
    text = "{{ len(object.order_line) }} lines, {{ hasattr(object, 'name') }}, {{ quote('a b/c') }}"
    assert render_inline(text, values()) == "2 lines, True, a%20b/c"


# -- QWeb bodies
CONFIRMATION = """<div style="margin: 0px; padding: 0px;">
    <p>Hello <t t-out="object.partner_id.name or ''">Customer</t>,</p>
    <p t-if="object.client_order_ref">Your reference: <t t-out="object.client_order_ref"/></p>
    <p t-elif="object.note">Note: <t t-out="object.note"/></p>
    <p t-else="">No note.</p>
    <table><tr t-foreach="object.order_line" t-as="line" t-att-class="'odd' if line_odd else None">
        <td t-out="line.name"/><td t-out="line.product_uom_qty"/><td t-if="line_last">last</td>
    </tr></table>
    <t t-set="total" t-value="object.amount_total"/>
    <p>Total: <strong t-out="total"/></p><br/>
    <a t-attf-href="/my/orders/#{object.name}?n={{ line_index }}">View</a>
    <!-- internal comment -->
</div>"""


def test_confirmation_mail():
    assert render_qweb(CONFIRMATION, values()) == """<div style="margin: 0px; padding: 0px;">
    <p>Hello Azure &amp; Co,</p>
    <p>Note: <p>Thank you!</p></p>
    <table><tr>
        <td>Chair &lt;oak&gt;</td><td>2</td>
    </tr><tr class="odd">
        <td>Desk</td><td>1</td><td>last</td>
    </tr></table>
    \n    <p>Total: <strong>340.0</strong></p><br/>
    <a href="/my/orders/S00042?n=1">View</a>
    \n</div>"""


def test_if_chain_takes_the_first_true_branch():
    body = '<t t-if="n == 1">one</t>\n<t t-elif="n == 2">two</t>\n<t t-else="">many</t>.'
    assert [render_qweb(body, {"n": n}) for n in (1, 2, 3)] == ["one.", "two.", "many."]


def test_t_else_without_t_if_is_refused():
    with pytest.raises(QWebError, match="must follow a t-if"):
        render_qweb('<p>a</p><t t-else="">b</t>', {})


def test_out_escapes_and_markup_passes():
    body = '<t t-out="text"/>|<t t-esc="text"/>|<t t-out="html"/>|<t t-raw="text"/>'
    rendered = render_qweb(body, {"text": "<b>&</b>", "html": Markup("<i>x</i>")})
    assert rendered == "&lt;b&gt;&amp;&lt;/b&gt;|&lt;b&gt;&amp;&lt;/b&gt;|<i>x</i>|<b>&</b>"


def test_out_default_content_and_empty_elements():
    body = '<span t-out="None">default</span><span t-out="False"/><span t-out="0"/><span t-out="\'\'"/>'
    assert render_qweb(body, {}) == "<span>default</span><span>0</span><span></span>"


def test_attributes_escape_and_drop_falsy_non_strings():
    body = '<a t-att-title="title" t-att-data-n="0" t-att-data-e="\'\'" t-att="{\'id\': \'x\'}">a</a>'
    assert render_qweb(body, {"title": 'say "hi" & go'}) == (
        '<a title="say &#34;hi&#34; &amp; go" data-e="" id="x">a</a>')


def test_foreach_over_mapping_number_and_missing_value():
    body = ('<t t-foreach="{\'a\': 1, \'b\': 2}" t-as="k">#{k}=<t t-out="k_value"/>;</t>'
            '<t t-foreach="3" t-as="i"><t t-out="i"/></t><t t-foreach="nothing" t-as="x">never</t>')
    assert render_qweb(body, {}) == "#{k}=1;#{k}=2;012"


def test_set_from_body_is_markup():
    body = '<t t-set="greeting"><b>Hi</b> <t t-out="name"/></t><p t-out="greeting"/>'
    assert render_qweb(body, {"name": "<Ann>"}) == "<p><b>Hi</b> &lt;Ann&gt;</p>"


def test_static_text_stays_escaped():
    assert render_qweb("<p>A &amp; B &lt; C</p>", {}) == "<p>A &amp; B &lt; C</p>"


def test_missing_names_read_as_none_in_qweb():
    assert render_qweb('<p t-if="not_given">x</p><p t-out="not_given">d</p>', {}) == "<p>d</p>"


@pytest.mark.parametrize("body, directive", [
    ('<t t-call="mail.mail_notification_layout"/>', "t-call"),
    ('<t t-call-assets="web.assets_frontend"/>', "t-call-assets"),
    ('<span t-field="object.amount_total"/>', "t-field"),
    ('<span t-out="object.amount_total" t-options="{\'widget\': \'monetary\'}"/>', "t-options"),
    ('<span t-out="1" t-options-widget="\'float\'"/>', "t-options-widget"),
    ('<p groups="base.group_user">x</p>', "groups"),
    ('<p t-cache="object">x</p>', "t-cache"),
])
def test_unsupported_directives_are_named(body, directive):
    with pytest.raises(UnsupportedTemplate, match=f"'{directive}'"):
        render_qweb(body, values())


def test_expression_errors_name_the_expression():
    with pytest.raises(RenderError, match="'object.partner_id.missing'"):
        render_qweb('<p t-out="object.partner_id.missing"/>', values())


def test_rendering_is_stable():
    assert render_qweb(CONFIRMATION, values()) == render_qweb(CONFIRMATION, values())
    assert render_qweb("", values()) == "" and render_inline(None, values()) == ""
