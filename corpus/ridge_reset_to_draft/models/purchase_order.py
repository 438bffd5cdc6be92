from odoo import models


class PurchaseOrder(models.Model):
    _inherit = 'purchase.order'

    def button_draft(self):
        res = super().button_draft()
        for order in self:
            # Ridge: the vendor's reference, else ours, in the chatter
            order.message_post(body='Set back to draft (%s)' % (order.partner_ref or order.name))
        return res
