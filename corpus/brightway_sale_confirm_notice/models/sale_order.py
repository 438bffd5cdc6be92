from odoo import models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def action_confirm(self):
        res = super().action_confirm()
        # The warehouse follows the chatter: make the promised date visible.
        for order in self:
            if order.commitment_date:
                order.message_post(
                    body=self.env._('Delivery committed for %s.', order.commitment_date),
                    subtype_xmlid='mail.mt_note',
                )
        return res

    def unlink(self):
        # Keep a trace of deleted quotations on the customer's chatter.
        for order in self:
            order.partner_id.message_post(
                body=self.env._('Quotation %s was deleted by %s.', order.name, self.env.user.name),
                subtype_xmlid='mail.mt_note',
            )
        return super().unlink()
