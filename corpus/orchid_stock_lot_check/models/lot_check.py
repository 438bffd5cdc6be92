from odoo import fields, models


class OrchidLotCheck(models.Model):
    _name = 'orchid.lot.check'
    _description = 'Lot inspection'

    lot_id = fields.Many2one('stock.lot', required=True, ondelete='cascade')
    check_date = fields.Date()
    result = fields.Selection([('pass', 'Pass'), ('fail', 'Fail')], required=True, default='pass')
    inspector_note = fields.Text()

    def write(self, vals):
        # A failed check always carries the instruction for the warehouse.
        if vals.get('result') == 'fail':
            vals['inspector_note'] = 'Failed: move the lot to quarantine'
        return super().write(vals)
