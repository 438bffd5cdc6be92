from odoo import models


class AccountMove(models.Model):
    _inherit = 'account.move'

    def write(self, vals):
        # Posting is the accountant's review: the entry must leave the
        # "To check" dashboard as soon as it is posted (ticket ACME-412).
        if vals.get('state') == 'posted':
            vals['to_check'] = False
        return super().write(vals)
