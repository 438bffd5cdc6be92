from odoo import api, fields, models


class StockLot(models.Model):
    _inherit = 'stock.lot'

    check_ids = fields.One2many('orchid.lot.check', 'lot_id')
    failed_checks = fields.Integer(compute='_compute_failed_checks', store=True)
    quarantine = fields.Boolean(copy=False)

    @api.depends('check_ids.result')
    def _compute_failed_checks(self):
        for lot in self:
            lot.failed_checks = len(lot.check_ids.filtered(lambda c: c.result == 'fail'))
