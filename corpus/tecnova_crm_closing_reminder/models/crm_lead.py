from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    @api.constrains('expected_revenue')
    def _check_expected_revenue(self):
        for lead in self:
            if lead.expected_revenue < 0:
                raise ValidationError(self.env._('The expected revenue cannot be negative.'))

    @api.model
    def _cron_closing_reminder(self):
        tomorrow = fields.Date.today() + timedelta(days=1)
        leads = self.search([
            ('type', '=', 'opportunity'),
            ('date_deadline', '=', tomorrow),
        ])
        for lead in leads:
            lead.activity_schedule(
                'mail.mail_activity_data_todo',
                summary='Expected closing is tomorrow',
                user_id=lead.user_id.id,
            )
