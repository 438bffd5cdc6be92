from odoo import models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def write(self, vals):
        res = super().write(vals)
        # Legal wants our own wording (general terms, delivery disclaimer)
        # instead of the standard confirmation sent by the portal.
        if vals.get('state') == 'sale':
            for order in self:
                order.message_post_with_source(
                    'acme_sale_auto_confirm_mail.mail_template_order_confirmed',
                    subtype_xmlid='mail.mt_comment',
                )
        return res
