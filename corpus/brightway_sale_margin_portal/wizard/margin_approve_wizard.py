from odoo import fields, models


class SaleMarginApproveWizard(models.TransientModel):
    _name = 'sale.margin.approve.wizard'
    _description = 'Approve orders below their margin floor'

    reason = fields.Char(required=True)

    def _orders_below_floor(self, orders):
        return orders.filtered(lambda o: o.margin_percent * 100 < o.margin_floor)

    def action_apply(self):
        orders = self.env['sale.order'].browse(self.env.context.get('active_ids', []))
        for order in self._orders_below_floor(orders):
            order.margin_approved = True
            order.message_post(body=f'Margin approved: {self.reason}')
        return {'type': 'ir.actions.act_window_close'}
