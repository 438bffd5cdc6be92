from odoo import api, fields, models


class HrEmployee(models.Model):
    _inherit = 'hr.employee'

    badge_ids = fields.One2many('orchid.hr.badge', 'employee_id')
    badge_points = fields.Integer(compute='_compute_badge_points', store=True)

    @api.depends('badge_ids.points')
    def _compute_badge_points(self):
        for employee in self:
            employee.badge_points = sum(employee.badge_ids.mapped('points'))
