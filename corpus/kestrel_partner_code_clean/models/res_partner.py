# -*- coding: utf-8 -*-
# Part of Kestrel Systems. See LICENSE file for full copyright and licensing details.
from odoo import api, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # Customer codes are typed by hand at the counter and come in from the EDI
    # import; the warehouse scanners only match upper case without blanks around.

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get('ref'):
                vals['ref'] = vals['ref'].strip().upper()
        return super(ResPartner, self).create(vals_list)

    def write(self, vals):
        if 'ref' in vals and vals['ref']:
            vals['ref'] = vals['ref'].strip().upper()
        return super(ResPartner, self).write(vals)
