from odoo import _, api, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    @api.model_create_multi
    def create(self, vals_list):
        # Orders migrated from the old webshop are imported in bulk and were
        # paid there already; only new quotations require online payment.
        if not self.env.context.get('import_file'):
            for vals in vals_list:
                vals['require_payment'] = True
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if vals.get('state') == 'cancel':
            for order in self:
                order.message_post(body=_('Order cancelled by %s.', self.env.user.name))
        return res
