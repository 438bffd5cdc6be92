from odoo import models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def write(self, vals):
        # Cancelled orders kept their promised date and polluted the
        # delivery planning report.
        if vals.get('state') == 'cancel':
            vals['commitment_date'] = False
        return super().write(vals)
