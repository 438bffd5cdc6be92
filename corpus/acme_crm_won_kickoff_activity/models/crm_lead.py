from datetime import timedelta

from odoo import fields, models


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    def write(self, vals):
        res = super().write(vals)
        if 'stage_id' in vals:
            for lead in self:
                # Won stages are the only ones at 100 %.
                if lead.probability == 100:
                    lead.activity_schedule(
                        'mail.mail_activity_data_call',
                        summary='Kick-off call with the customer',
                        note='Introduce the project manager and agree on the planning.',
                        user_id=lead.user_id.id,
                        date_deadline=fields.Date.today() + timedelta(days=3),
                    )
        return res
