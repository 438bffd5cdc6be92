import re

from odoo import api, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # The EDI gateway matches customers on their reference without any
    # separator: "BE-0042 17" must be stored as "BE004217".

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get('ref'):
                vals['ref'] = re.sub(r'[^0-9A-Za-z]', '', vals['ref']).upper()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get('ref'):
            vals['ref'] = re.sub(r'[^0-9A-Za-z]', '', vals['ref']).upper()
        return super().write(vals)
