# -*- coding: utf-8 -*-
from odoo import api, models


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    @api.model
    def create(self, vals):
        vals['type'] = 'opportunity'
        return super(CrmLead, self).create(vals)
