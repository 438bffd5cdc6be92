# Harbor Systems (c) 2024 - VAT numbers as the tax office prints them
from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        result = super(ResPartner, self).write(vals)
        if "vat" in vals:
            self._harbor_clean_vat()
        return result

    @api.onchange("vat")
    def _onchange_harbor_vat(self):
        self._harbor_clean_vat()

    def _harbor_clean_vat(self):
        for partner in self.filtered("vat"):
            partner.vat = partner.vat.replace(" ", "").upper()
