from odoo import models


class StockPicking(models.Model):
    _inherit = 'stock.picking'

    def write(self, vals):
        res = super().write(vals)
        # Auditors asked for a visible trace whenever a validated transfer
        # is touched afterwards (carrier, references, notes...).
        for picking in self:
            if picking.state == 'done':
                picking.message_post(
                    body=self.env._('Validated transfer modified by %s.', self.env.user.name),
                    subtype_xmlid='mail.mt_note',
                )
        return res
