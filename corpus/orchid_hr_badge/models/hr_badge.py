from odoo import fields, models


class OrchidHrBadge(models.Model):
    _name = 'orchid.hr.badge'
    _description = 'Employee badge'
    _inherit = ['mail.thread']

    name = fields.Char(required=True)
    employee_id = fields.Many2one('hr.employee', required=True, ondelete='cascade', tracking=True)
    issued_on = fields.Date()
    level = fields.Selection([('bronze', 'Bronze'), ('silver', 'Silver'), ('gold', 'Gold')],
                             default='bronze', required=True, tracking=True)
    points = fields.Integer(default=10)

    def write(self, vals):
        # A gold badge is worth a fixed hundred points, whatever was typed.
        if vals.get('level') == 'gold':
            vals['points'] = 100
        return super().write(vals)
