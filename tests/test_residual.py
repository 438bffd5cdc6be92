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
