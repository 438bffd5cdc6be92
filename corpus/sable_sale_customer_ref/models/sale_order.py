from odoo import api, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get('client_order_ref') or not vals.get('partner_id'):
                continue
            partner = self.env['res.partner'].browse(vals['partner_id'])
            if partner.ref:
                vals['client_order_ref'] = 'REF-%s' % partner.ref
        return super().create(vals_list)
