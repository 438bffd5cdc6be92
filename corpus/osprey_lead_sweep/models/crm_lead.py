"""Osprey Data Ltd - unassigned leads go up the list of their team."""
import logging

from odoo import api, models


class CrmLead(models.Model):
  _inherit = 'crm.lead'

  @api.model
  def _cron_osprey_sweep(self):
    logger = logging.getLogger(__name__)
    logger.info('Lead sweep started')
    swept = []
    teams = self.env['crm.team'].search([('use_leads', '=', True)], order='sequence, id')
    for team in teams:
      leads = self.search([
        ('team_id', '=', team.id),
        ('user_id', '=', False),
        ('type', '=', 'lead'),
      ])
      leads.write({'priority': '2'})
      swept += leads.ids
      logger.info('%s unassigned leads raised for %s', len(leads), team.name)
      return {'swept': swept}
