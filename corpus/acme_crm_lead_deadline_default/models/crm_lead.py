from datetime import timedelta

from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    @api.model_create_multi
    def create(self, vals_list):
        # The forecast report ignores leads without an expected closing date;
        # sales management wants every new lead to land one month out.
        for vals in vals_list:
            vals.setdefault('date_deadline', fields.Date.today() + timedelta(days=30))
        return super().create(vals_list)
