from odoo import models


class StockPicking(models.Model):
    _inherit = 'stock.picking'

    def write(self, vals):
        res = super().write(vals)
        # date_done is written once, when the picking is validated
        # (state itself is computed from the moves).
        if 'date_done' in vals:
            for picking in self:
                if picking.picking_type_code == 'outgoing':
                    self.env.ref(
                        'brightway_picking_delivery_mail.mail_template_delivery_done'
                    ).send_mail(picking.id)
        return res
