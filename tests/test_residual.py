"""remove_methods: the residual model file once converted methods are gone."""

from __future__ import annotations

from migrator.generate.residual import remove_methods

SOURCE = '''\
import logging
from datetime import timedelta  # offsets
from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    x_flag = fields.Boolean(  string="Flag"  )  # odd spacing stays

    # Flag new orders.
    @api.model_create_multi
    def create(self, vals_list):
        res = super().create(vals_list)
        res.write({'date_order': fields.Datetime.now() + timedelta(days=1)})
        return res

    def action_check(self):
        if not self.x_flag:
            raise UserError('No')


class ResPartner(models.Model):
    """Partners."""
    _inherit = 'res.partner'

    def write(self, vals):
        _logger.info('x')
        return super().write(vals)
'''


def test_methods_classes_logger_and_imports_that_only_they_used_are_removed():
    assert remove_methods(SOURCE, {("SaleOrder", "create"), ("ResPartner", "write")}) == '''\
from odoo import fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    x_flag = fields.Boolean(  string="Flag"  )  # odd spacing stays

    def action_check(self):
        if not self.x_flag:
            raise UserError('No')
'''


def test_imports_still_used_stay():
    assert remove_methods(SOURCE, {("SaleOrder", "action_check")}) == SOURCE.replace(
        '''
    def action_check(self):
        if not self.x_flag:
            raise UserError('No')
''',
        "",
    ).replace("from odoo.exceptions import UserError\n", "")


def test_a_class_with_a_new_model_stays_even_without_methods():
    source = '''\
from odoo import models


class Board(models.Model):
    _name = 'x.board'
    _description = 'Board'

    def action_go(self):
        return True
'''
    assert remove_methods(source, {("Board", "action_go")}) == '''\
from odoo import models


class Board(models.Model):
    _name = 'x.board'
    _description = 'Board'
'''


def test_imports_unused_before_are_left_alone():
    source = '''\
import os
from odoo import api, models


class Partner(models.Model):
    _inherit = 'res.partner'

    @api.model
    def _cron_x(self):
        pass

    def _other(self):
        pass
'''
    assert remove_methods(source, {("Partner", "_cron_x")}) == '''\
import os
from odoo import models


class Partner(models.Model):
    _inherit = 'res.partner'

    def _other(self):
        pass
'''


def test_nothing_to_remove_returns_the_source_unchanged():
    assert remove_methods(SOURCE, {("Missing", "create"), ("SaleOrder", "missing")}) == SOURCE


# ---------------------------------------------------------- the residual's series

LAYOUTS = '''\
import os, json as j, logging
import os.path
from dateutil.relativedelta import relativedelta; import re
from odoo.tools import (
    float_compare,  # rounding
    float_is_zero,
    html2plaintext,  # text
)
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    x_note = fields.Char()

    def write(self, vals):
        os.path.join('a'); j.dumps(1); re.compile('x'); relativedelta(days=1)
        float_compare(1, 2, 2); float_is_zero(0, 2); html2plaintext('x'); logging.info('x')
        return super().write(vals)

    def keep(self):
        return j, float_is_zero
'''


def test_imports_are_removed_as_libcsts_remove_imports_visitor_removes_them():
    # the imports only the removed method read go, however they are laid out; what libcst's own
    # codemod (scope analysis over the whole module) writes is the reference
    import libcst as cst
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import RemoveImportsVisitor

    ours = remove_methods(LAYOUTS, {("SaleOrder", "write")})
    trimmed = LAYOUTS.replace(LAYOUTS[LAYOUTS.index("    def write"):LAYOUTS.index("    def keep")], "")
    context = CodemodContext()
    for key in [("os", None, None), ("os.path", None, None), ("logging", None, None), ("re", None, None),
                ("dateutil.relativedelta", "relativedelta", None), ("odoo.tools", "float_compare", None),
                ("odoo.tools", "html2plaintext", None)]:
        RemoveImportsVisitor.remove_unused_import(context, *key)
    theirs = RemoveImportsVisitor(context).transform_module(cst.parse_module(trimmed)).code
    assert ours == theirs
    assert "json as j" in ours and "float_is_zero" in ours and "html2plaintext" not in ours


import pytest  # noqa: E402

from migrator.generate.residual_manifest import retarget_manifest, target_version  # noqa: E402


@pytest.mark.parametrize(("version", "series", "expected"), [
    ("18.0.1.2.0", "19.0", "19.0.1.2.0"),
    ("16.0.1.0", "18.0", "18.0.1.0"),
    ("19.0.3.0.0", "19.0", "19.0.3.0.0"),
    ("1.0.3", "19.0", "1.0.3"),  # module-only: Odoo prefixes the running series
    ("2.0", "17.0", "2.0"),
])
def test_target_version(version, series, expected):
    assert target_version(version, series) == expected


def test_manifest_keeps_every_byte_but_the_version():
    text = '# header\n{\n    "name": "X",  # a comment\n    "version": "18.0.1.2.0",\n    "depends": ["sale"],\n}\n'
    assert retarget_manifest(text, "19.0") == text.replace('"18.0.1.2.0"', '"19.0.1.2.0"')
    assert retarget_manifest("{'version': '1.0'}\n", "19.0") == "{'version': '1.0'}\n"


def test_convert_residual_is_a_module_of_the_target_series(tmp_path):
    from pathlib import Path

    from typer.testing import CliRunner

    from migrator.cli import app

    addon = Path(__file__).resolve().parents[1] / "corpus" / "brightway_sale_confirm_notice"  # 18.0, partial
    out = CliRunner().invoke(app, ["convert", str(addon), "--series", "19.0", "-o", str(tmp_path / "out"),
                                   "--residual", str(tmp_path / "res")])
    assert out.exit_code in (0, 1), out.output
    manifest = (tmp_path / "res" / addon.name / "__manifest__.py").read_text()
    assert "'19.0.1.2.0'" in manifest and "18.0." not in manifest
    conversion = (tmp_path / "out" / f"{addon.name}_actions" / "CONVERSION.md").read_text()
    assert "written for 18.0" in conversion and "models/sale_order.py" in conversion
