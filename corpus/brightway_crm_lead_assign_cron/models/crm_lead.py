import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    @api.model
    def _cron_assign_orphan_leads(self):
        # Leads from the contact form arrive without a team and never show
        # up in anybody's pipeline.
        team = self.env.ref('sales_team.team_sales_department')
        leads = self.search([('team_id', '=', False), ('type', '=', 'lead')])
        leads.write({'team_id': team.id})
        _logger.info('Assigned %s orphan leads to %s', len(leads), team.name)
