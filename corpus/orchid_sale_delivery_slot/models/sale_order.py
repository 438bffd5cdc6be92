from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    slot_id = fields.Many2one('orchid.delivery.slot', string='Delivery slot', tracking=True)
    slot_confirmed = fields.Boolean(copy=False, readonly=True)
    slot_label = fields.Char(compute='_compute_slot_label', store=True)

    @api.depends('slot_id', 'slot_id.name', 'slot_id.weekday')
    def _compute_slot_label(self):
        for order in self:
            slot = order.slot_id
            order.slot_label = '%s (%s)' % (slot.name, slot.weekday) if slot else False

    def write(self, vals):
        # The warehouse plans confirmed orders only: the slot is held once the order is confirmed.
        if vals.get('state') == 'sale':
            vals['slot_confirmed'] = True
        return super().write(vals)
