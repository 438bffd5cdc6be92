"""Audits of code shapes that real addons showed, each as a minimal addon written here."""

from __future__ import annotations

from pathlib import Path

from migrator.audit import audit_addon
from migrator.discover import discover


def _audit(tmp_path: Path, model_py: str, series: str = "19.0"):
    root = tmp_path / "acme_thing"
    (root / "models").mkdir(parents=True)
    (root / "__manifest__.py").write_text(f"{{'name': 'Thing', 'version': '{series}.1.0.0', 'depends': ['stock']}}")
    (root / "__init__.py").write_text("from . import models\n")
    (root / "models" / "__init__.py").write_text("from . import thing\n")
    (root / "models" / "thing.py").write_text(model_py)
    return audit_addon(discover([str(root)])[0])


def test_self_rebound_to_itself_with_context_in_write(tmp_path):
    # `self = self.with_context(...)` made the env.ref lookup follow `self` forever.
    result = _audit(tmp_path, '''\
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def write(self, vals):
        self = self.with_context(skip_check=True)
        if vals.get("state") == "done":
            self.env.ref("acme_thing.mail_done").send_mail(self.id)
        return super().write(vals)
''')
    assert not [f for f in result.errors if f.code == "internal-error"], result.errors
    assert [u.method for u in result.units] == ["write"]


def test_selection_add_on_a_core_selection_does_not_block(tmp_path):
    result = _audit(tmp_path, '''\
from odoo import api, fields, models


class PricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    applied_on = fields.Selection(selection_add=[("4_tag", "Tag")], ondelete={"4_tag": "cascade"})

    def write(self, vals):
        if vals.get("applied_on") == "4_tag":
            vals["min_quantity"] = 0
        return super().write(vals)
''', series="17.0")
    # the values it adds stay with the extension in the residual module
    assert [(u.convertible, u.blockers) for u in result.units] == [("no_code", ())]
    assert result.stays["fields"] == ["product.pricelist.item.applied_on"]


def test_a_test_true_where_the_field_is_not_written_is_not_a_trigger(tmp_path):
    # `vals.get('state') != 'draft'` holds on every write that does not set the state: the module
    # acts on all those writes, a rule triggered by the state on none of them.
    result = _audit(tmp_path, '''\
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def write(self, vals):
        res = super().write(vals)
        for picking in self:
            if vals.get("state") != "draft":
                picking.note = "touched"
        return res
''')
    [unit] = result.units
    assert unit.convertible == "no"
    assert [b.code for b in unit.blockers] == ["uses-vals"]
