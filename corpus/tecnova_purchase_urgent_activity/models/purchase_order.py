from odoo import api, models


class PurchaseOrder(models.Model):
    _inherit = 'purchase.order'

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        # Starred (urgent) RFQs: the buyer must get a delivery date from the
        # vendor the same day.
        urgent = orders.filtered(lambda po: po.priority == '1')
        urgent.activity_schedule(
            'mail.mail_activity_data_todo',
            summary='Urgent: confirm the delivery date with the vendor',
        )
        return orders
