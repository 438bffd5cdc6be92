from odoo import api, fields, models


class AcmeEquipmentLoan(models.Model):
    _name = 'acme.equipment.loan'
    _description = 'Equipment lent to an employee'
    _order = 'date_out desc, id desc'

    name = fields.Char(string='Equipment', required=True)
    serial_number = fields.Char(required=True)
    employee_id = fields.Many2one('hr.employee', required=True, index=True)
    date_out = fields.Date(default=fields.Date.context_today, required=True)
    date_back = fields.Date()
    can_validate = fields.Boolean(compute='_compute_can_validate')

    # The same device cannot be out twice at the same time.
    _serial_out_uniq = models.Constraint(
        'UNIQUE(serial_number, date_back)',
        'This device is already lent to someone.',
    )

    @api.depends_context('uid')
    def _compute_can_validate(self):
        officers = self.env.ref('acme_hr_equipment_loan.group_equipment_officer')
        for loan in self:
            loan.can_validate = officers in self.env.user.group_ids
