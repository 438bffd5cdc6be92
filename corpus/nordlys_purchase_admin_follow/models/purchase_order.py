from odoo import api, models


class PurchaseOrder(models.Model):
    _inherit = 'purchase.order'

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        # The managing director (admin account) wants to follow every
        # starred RFQ from the start.
        for order in orders:
            if order.priority == '1':
                order.message_subscribe(partner_ids=self.env.ref('base.partner_admin').ids)
        return orders
