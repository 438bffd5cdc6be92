from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    ridge_cancel_note = fields.Char('Cancellation note', copy=False, tracking=True)

    def action_draft(self):
        res = super().action_draft()
        self.write({'ridge_cancel_note': False})  # Ridge: a quotation again, no longer cancelled
        return res
