from odoo import models


class AccountMove(models.Model):
    _inherit = 'account.move'

    def write(self, vals):
        res = super().write(vals)
        # Only note the payment when the ORM reports the write went through.
        if res and 'payment_state' in vals:
            for move in self:
                if move.payment_state == 'paid':
                    move.message_post(body=self.env._('Invoice paid in full.'))
        return res
