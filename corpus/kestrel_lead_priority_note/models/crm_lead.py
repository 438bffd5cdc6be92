# -*- coding: utf-8 -*-
# Part of Kestrel Systems. See LICENSE file for full copyright and licensing details.
from odoo import _, models


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    def write(self, vals):
        # Only a raise to three stars is worth a note for the sales manager.
        if vals.get('priority') != '3':
            return super(CrmLead, self).write(vals)
        res = super(CrmLead, self).write(vals)
        for lead in self:
            lead.message_post(
                body=_('Raised to top priority by %s.', self.env.user.name),
                subtype_xmlid='mail.mt_note',
            )
        return res
