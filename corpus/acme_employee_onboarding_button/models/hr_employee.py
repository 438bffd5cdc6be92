from datetime import timedelta

from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = 'hr.employee'

    def action_start_onboarding(self):
        for employee in self:
            employee.activity_schedule(
                'mail.mail_activity_data_todo',
                summary='Complete your onboarding checklist',
                note='Read the handbook, sign the IT charter and book your safety training.',
                user_id=employee.user_id.id,
                date_deadline=fields.Date.today() + timedelta(days=7),
            )
        return True
