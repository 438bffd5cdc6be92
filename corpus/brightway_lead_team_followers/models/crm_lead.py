from odoo import api, models


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        # Team leaders want to see every new lead of their team in their inbox.
        for lead in leads:
            lead.message_subscribe(partner_ids=lead.team_id.user_id.partner_id.ids)
        return leads
