from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    wren_code = fields.Char('Partner code', default='/', copy=False, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        # a code typed in the form wins; '/' (the default) asks for one
        for vals in vals_list:
            if vals.get('wren_code', '/') == '/':
                vals['wren_code'] = f"P-{(vals.get('name') or 'x')[:3].upper()}"
        return super().create(vals_list)
