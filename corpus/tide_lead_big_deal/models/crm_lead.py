# Tide Works - big deals first
from odoo import models

BIG_DEAL = 50000.0


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    def write(self, vals):
        res = super().write(vals)
        if 'expected_revenue' in vals:
            for lead in self.filtered(lambda l: l._tide_is_big_deal()):
                lead.priority = '3'
        return res

    def _tide_is_big_deal(self):
        self.ensure_one()
        if self.type != 'opportunity':
            return False
        return self.expected_revenue >= BIG_DEAL and self.priority != '3'
