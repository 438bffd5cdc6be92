"""Fields and models the module declares: the logic moves, they stay in the residual module.

The records name them by the module's own xml ids (`<addon>.field_<model>__<field>`), the data
module depends on the addon (whose residual keeps its name), and a core field the module only
redeclares keeps its core xml id.
"""

from __future__ import annotations

import ast
from pathlib import Path

from migrator.catalogue import load_catalogue
from migrator.analyze import analyze
from migrator.generate import convert_addon, write_module
from migrator.generate.module_schema import module_fields, module_models
from model_addon import sale_order_addon


def _addon(root: Path, body: str, name: str = "x_mod", series: str = "16.0"):
    return sale_order_addon(root, body, series, name)


OWN_FIELD = """
    from odoo import fields, models


    class SaleOrder(models.Model):
        _inherit = 'sale.order'

        x_confirmed_flag = fields.Boolean(copy=False)
        client_order_ref = fields.Char(tracking=True)  # a core field, only redeclared

        def write(self, vals):
            if vals.get('state') == 'sale':
                vals['x_confirmed_flag'] = True
            return super().write(vals)
"""


def _records_text(conversion) -> str:
    return "".join(text for path, text in conversion.files.items() if path.endswith(".xml"))


def test_a_write_of_the_module_s_own_field_moves_and_the_field_stays(tmp_path: Path) -> None:
    conversion = convert_addon(_addon(tmp_path, OWN_FIELD), "16.0")
    assert conversion.not_converted == ()
    assert conversion.uses_own == ("sale.order.x_confirmed_flag",)
    # 16.0 names the written field by its xml id: the one Odoo gives the declaring module
    assert "ref('x_mod.field_sale_order__x_confirmed_flag')" in _records_text(conversion)
    assert "x_mod" in conversion.depends
    assert conversion.audit.verdict == "partial"
    assert conversion.audit.stays["fields"] == ["sale.order.client_order_ref", "sale.order.x_confirmed_flag"]
    text = conversion.files["CONVERSION.md"]
    assert "`sale.order.x_confirmed_flag`" in text and "odoo-bin -u x_mod -i x_mod_actions" in text
    assert write_module(conversion, tmp_path / "out") == []  # check takes x_mod's ids on trust


def test_a_core_field_only_redeclared_keeps_its_core_xml_id(tmp_path: Path) -> None:
    body = """
        from odoo import fields, models


        class SaleOrder(models.Model):
            _inherit = 'sale.order'

            client_order_ref = fields.Char(tracking=True)

            def write(self, vals):
                res = super().write(vals)
                if 'client_order_ref' in vals:
                    for order in self:
                        order.message_post(body='Reference changed')
                return res
    """
    conversion = convert_addon(_addon(tmp_path, body), "16.0")
    (plan, records), = conversion.moved
    assert plan.trigger_fields == ("client_order_ref",)
    assert "ref('sale.field_sale_order__client_order_ref')" in _records_text(conversion)
    assert conversion.uses_own == ()
    assert "x_mod" not in conversion.depends


def test_a_model_the_module_defines_is_named_by_the_module_s_xml_id(tmp_path: Path) -> None:
    body = """
        from odoo import fields, models


        class Visit(models.Model):
            _name = 'x.visit'
            _description = 'Visit'

            name = fields.Char()
            state = fields.Selection([('draft', 'Draft'), ('done', 'Done')], default='draft')
            done_on = fields.Date()

            def write(self, vals):
                if vals.get('state') == 'done':
                    vals['done_on'] = False
                return super().write(vals)
    """
    addon = _addon(tmp_path, body, series="18.0")
    conversion = convert_addon(addon, "18.0")
    assert conversion.not_converted == ()
    text = _records_text(conversion)
    assert 'ref="x_mod.model_x_visit"' in text
    assert "ref('x_mod.field_x_visit__state')" in text  # the trigger field
    assert conversion.uses_own == ("x.visit", "x.visit.done_on", "x.visit.state")
    catalogue = load_catalogue("18.0")
    facts = analyze(addon)
    assert module_models(facts, catalogue) == ("x.visit",)
    assert list(module_fields(facts, catalogue)) == [("x.visit", "name"), ("x.visit", "state"),
                                                    ("x.visit", "done_on")]
    assert write_module(conversion, tmp_path / "out") == []


def test_selection_add_and_redeclared_fields_are_not_the_module_s(tmp_path: Path) -> None:
    body = """
        from odoo import fields, models


        class SaleOrder(models.Model):
            _inherit = 'sale.order'

            state = fields.Selection(selection_add=[('review', 'Review')], ondelete={'review': 'set default'})
            partner_id = fields.Many2one(tracking=True)
            note = fields.Html(string='Terms')
            x_score = fields.Integer()
    """
    facts = analyze(_addon(tmp_path, body))
    assert list(module_fields(facts, load_catalogue("16.0"))) == [("sale.order", "x_score")]


def test_the_manifest_of_a_data_module_using_own_fields_depends_on_the_addon(tmp_path: Path) -> None:
    conversion = convert_addon(_addon(tmp_path, OWN_FIELD), "16.0")
    manifest = ast.literal_eval(conversion.files["__manifest__.py"])
    assert manifest["depends"][:2] == ["sale", "x_mod"]
