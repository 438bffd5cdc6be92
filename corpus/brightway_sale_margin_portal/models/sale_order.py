from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    margin_floor = fields.Float(string='Minimum margin (%)', default=12.0)
    margin_approved = fields.Boolean(copy=False)

    @api.onchange('partner_id')
    def _onchange_partner_margin_floor(self):
        if self.partner_id.industry_id.name == 'Public sector':
            self.margin_floor = 5.0

    def get_margin_summary(self):
        """Figures for the margin badge on the order form."""
        self.ensure_one()
        return {
            'margin': self.margin,
            'percent': self.margin_percent * 100,
            'below_floor': self.margin_percent * 100 < self.margin_floor,
        }
