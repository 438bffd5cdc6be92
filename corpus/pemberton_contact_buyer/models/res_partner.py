# Pemberton Labs - a contact created under a company gets the company's buyer.
from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        for partner in partners:
            # NB: the buyer field comes with the Purchase app; stay safe where it is missing.
            if hasattr(partner, "buyer_id") and partner.parent_id and not partner.buyer_id:
                partner.buyer_id = partner.parent_id.buyer_id
        return partners
