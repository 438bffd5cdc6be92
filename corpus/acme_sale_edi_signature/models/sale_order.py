from odoo import api, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env['sale.order']
        for vals in vals_list:
            # Orders pushed by the EDI connector are contractual already:
            # never ask the customer to sign them online.
            if vals.get('origin') == 'EDI':
                vals['require_signature'] = False
            orders |= super().create(vals)
        return orders
