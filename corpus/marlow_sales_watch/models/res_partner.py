from __future__ import annotations

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals: dict) -> bool:
        emails_before: dict[int, str | bool] = {partner.id: partner.email for partner in self}
        result = super().write(vals)
        for partner in self:
            previous = emails_before[partner.id]
            if previous and previous != partner.email:
                partner.message_post(body=f"E-mail address changed from {previous} to {partner.email or 'nothing'}.")
        return result
