from odoo import models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def write(self, vals):
        res = super().write(vals)
        if vals.get('state') == 'cancel':
            # Cancelled orders are reset to quotation and reused; negotiated
            # discounts must not survive. Plain SQL: some orders have
            # thousands of lines and the ORM recompute took minutes.
            self.env.cr.execute(SQL(
                "UPDATE sale_order_line SET discount = 0 WHERE order_id IN %s",
                tuple(self.ids),
            ))
            self.env['sale.order.line'].invalidate_model(['discount'])
            for order in self:
                order.message_post(
                    body=self.env._('Line discounts reset after cancellation.'),
                    subtype_xmlid='mail.mt_note',
                )
        return res
